/* cg_stack.c - stack(), ustack(), the stack variables and the symbol
 * subroutines in BPF: bpf_get_stack into the record or key slot, which it
 * zero-fills after the last frame (the consumer stops there). */
#include <string.h>
#include "calls.h"
#include "cg.h"
#include "builtins.h"
#include "stack.h"
#include "types.h"

#ifndef BPF_F_USER_STACK
#define BPF_F_USER_STACK	(1ULL << 8)
#endif

/* r0 = bpf_get_stack(ctx, r7 + off, size, flags): bytes written. */
static void get_stack(struct cg *g, uint32_t off, uint32_t size, int user)
{
	/* the ERROR subprogram has no context; BEGIN and END have no kernel
	 * stack of their own (DTrace prints none: we fire them from a bpf()
	 * call) */
	if (g->in_error || (!user && !strcmp(g->site->first->prov, "dtrace"))) {
		for (uint32_t i = 0; i < size; i += 8)
			cg_emit(g, ST_MEM(BPF_DW, R7, off + i, 0));
		cg_emit(g, MOV64_IMM(R0, 0));
		return;
	}
	cg_emit(g, MOV64_REG(R1, R6));
	cg_scratch_addr(g, R2, off);
	cg_emit(g, MOV64_IMM(R3, size));
	cg_emit(g, MOV64_IMM(R4, user ? BPF_F_USER_STACK : 0));
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_stack));
}

static void store_pid(struct cg *g, uint32_t off)
{
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_pid_tgid));
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 32));
	cg_emit(g, STX_MEM(BPF_DW, R7, R0, off));
}

void cg_stack_into(struct cg *g, struct node *n, uint32_t off)
{
	const struct dtype *t = n->type;

	if (t->is_user) {
		store_pid(g, off);
		off += 8;
	}
	get_stack(g, off, 8 * (uint32_t)t->nelem, t->is_user);
}

/* The pid notice: a record with epid 0 that the consumer takes as "read
 * this process's maps now"; it wakes the consumer at once. */
static void pid_notice(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp_bytes(g, n, PIDREC_SIZE);

	cg_emit(g, ST_MEM(BPF_W, R7, t, 0));
	cg_emit(g, STX_MEM(BPF_W, R7, R9, t + 4));
	cg_emit(g, ST_MEM(BPF_DW, R7, t + 8, 0));
	store_pid(g, t + 16);
	cg_ld_map(g, R1, MAP_RB);
	cg_scratch_addr(g, R2, t);
	cg_emit(g, MOV64_IMM(R3, PIDREC_SIZE));
	cg_emit(g, MOV64_IMM(R4, BPF_RB_FORCE_WAKEUP));
	cg_emit(g, CALL_HELPER(BPF_FUNC_ringbuf_output));
}

void cg_stack_key(struct cg *g, struct node *n, uint32_t off)
{
	cg_stack_into(g, n, off);
	if (n->type->is_user && !g->in_error)
		pid_notice(g, n);
}

void cg_usym_into(struct cg *g, uint32_t off)
{
	cg_emit(g, STX_MEM(BPF_DW, R7, R0, off));
	store_pid(g, off + 8);
}

void cg_usym_key(struct cg *g, struct node *n, uint32_t off)
{
	cg_expr(g, n);
	cg_usym_into(g, off);
	if (!g->in_error)
		pid_notice(g, n);
}

void cg_stack_action(struct cg *g, struct node *n)
{
	struct action *a = cg_action_add(g, ACT_STACK, 1);
	struct recarg *ra = &a->args[0];

	ra->type = n->type;
	ra->ftype = type_ftype(n->type);
	ra->size = n->type->size;
	ra->off = cg_record(g, ra->size);
	cg_stack_into(g, n, ra->off);
	cg_action_done(g);
}

/* stackdepth and ustackdepth: the frames bpf_get_stack finds, in a
 * temporary of the most it gives; caller and ucaller: the second. */
void cg_stack_var(struct cg *g, struct node *n)
{
	int b = n->id, user = b == B_USTACKDEPTH || b == B_UCALLER;
	uint32_t size = 8 * 127, t = cg_temp_bytes(g, n, size);

	get_stack(g, t, size, user);
	if (b == B_STACKDEPTH || b == B_USTACKDEPTH) {
		cg_emit(g, JMP_IMM(BPF_JSGE, R0, 0, 1));
		cg_emit(g, MOV64_IMM(R0, 0));
		cg_emit(g, ALU64_IMM(BPF_RSH, R0, 3));
		return;
	}
	cg_emit(g, LDX_MEM(BPF_DW, R0, R7, t + 8));
}

void cg_stack_call(struct cg *g, struct node *n)
{
	switch (n->id) {
	case CALL_STACK: case CALL_USTACK: case CALL_JSTACK:
		cg_stack_action(g, n);
		return;
	default:		/* sym() and the others: the address itself */
		cg_expr(g, n->a);
		return;
	}
}
