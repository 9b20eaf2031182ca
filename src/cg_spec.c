/* cg_spec.c - speculations in the kernel.
 *
 * The globals map holds nspec u64 states (1: in use).  speculation()
 * takes a free one with a compare-and-swap; speculate(id) marks the
 * clause's record as the speculation's (the high half of its cpu word),
 * so that the consumer holds it; commit(id) and discard(id) free the
 * state and record which speculation the consumer is to print or drop.
 * The ring buffer keeps the order in which clauses record, so a record
 * of the same id made after the commit belongs to the next use of it.
 */
#include "cg.h"
#include "calls.h"

static uint32_t spec_states(struct cg *g)
{
	struct dprog *dp = g->dp;
	if (!dp->spec_off) {
		if (dp->globsize < GLOB_STATE)
			dp->globsize = GLOB_STATE;
		dp->spec_off = dp->globsize;
		dp->globsize += 8 * (uint32_t)dp->opt->nspec;
	}
	return dp->spec_off;
}

/* r0 = a free speculation's id, or 0 (counted as unavailable). */
static void cg_speculation(struct cg *g)
{
	int nspec = g->dp->opt->nspec, got[64];
	uint32_t off = spec_states(g);

	if (nspec > 64)
		nspec = 64;
	for (int i = 0; i < nspec; i++) {
		cg_emit(g, MOV64_IMM(R0, 0));
		cg_emit(g, MOV64_IMM(R1, 1));
		cg_emit(g, ATOMIC_OP(BPF_DW, BPF_CMPXCHG, R8, R1, off + 8 * i));
		int busy = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
		cg_emit(g, MOV64_IMM(R0, i + 1));
		got[i] = cg_jump(g, JA(0));
		cg_land(g, busy);
	}
	cg_count_drop(g, DROP_SPECUNAVAIL);
	cg_emit(g, MOV64_IMM(R0, 0));
	for (int i = 0; i < nspec; i++)
		cg_land(g, got[i]);
}

/* r1 = the address of the state of the id in r0 (1..nspec, checked by
 * the caller). */
static void state_addr(struct cg *g)
{
	cg_emit(g, MOV64_REG(R1, R0));
	cg_emit(g, ALU64_IMM(BPF_SUB, R1, 1));
	/* never taken, but older verifiers (6.1) do not learn r0 != 0 */
	cg_emit(g, JMP_IMM(BPF_JLT, R1, g->dp->opt->nspec, 1));
	cg_emit(g, MOV64_IMM(R1, 0));
	cg_emit(g, ALU64_IMM(BPF_LSH, R1, 3));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, spec_states(g)));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R8));
}

/* r0 = the id in r1, after an illegal-operation fault if it is past
 * nspec (DTrace's dtrace_speculation_buffer() check). */
static void check_id(struct cg *g)
{
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, JMP_IMM(BPF_JLE, R1, g->dp->opt->nspec, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_ILLOP, 0);
	cg_emit(g, MOV64_REG(R0, R1));
}

/* speculate(id): an id not in use makes the clause record nothing (a
 * bad id is no fault in DTrace on Linux either). */
static void cg_speculate(struct cg *g, struct node *n)
{
	g->speculates = 1;
	cg_expr(g, n->a);
	cg_to_end(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_to_end(g, JMP_IMM(BPF_JGT, R0, g->dp->opt->nspec, 0));
	state_addr(g);
	cg_emit(g, LDX_MEM(BPF_DW, R2, R1, 0));
	cg_to_end(g, JMP_IMM(BPF_JNE, R2, 1, 0));
	cg_emit(g, ALU64_IMM(BPF_LSH, R0, 16));
	cg_emit(g, LDX_MEM(BPF_W, R1, R7, 8));
	cg_emit(g, ALU64_REG(BPF_OR, R1, R0));
	cg_emit(g, STX_MEM(BPF_W, R7, R1, 8));
}

/* commit(id), discard(id): 0 does nothing, an id past nspec is an
 * illegal operation. */
static void cg_commit(struct cg *g, struct node *n)
{
	struct action *a = cg_action_add(g, n->id == CALL_COMMIT ? ACT_COMMIT
							      : ACT_DISCARD, 1);
	cg_record_value(g, n->a, &a->args[0]);
	int zero = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_emit(g, MOV64_REG(R1, R0));
	check_id(g);
	state_addr(g);
	cg_emit(g, ST_MEM(BPF_DW, R1, 0, 0));
	cg_land(g, zero);
	cg_action_done(g);
}

void cg_spec_call(struct cg *g, struct node *n)
{
	switch (n->id) {
	case CALL_SPECULATION: cg_speculation(g); return;
	case CALL_SPECULATE: cg_speculate(g, n); return;
	default: cg_commit(g, n); return;
	}
}
