/* cg_alloca.c - alloca(), bcopy(), copyinto(), and loads and stores
 * through pointers into alloca()'s space.
 *
 * The space is in the per-CPU scratch value (cg.h: ALLOCA_OFF); each
 * clause starts with none of it in use, as DTrace frees it when a
 * clause ends.  A pointer into it is a plain integer (its map-value
 * address, saved at the clause's start and read back, so the verifier
 * sees a number a variable can hold); a store turns it back into an
 * offset checked against what the clause allocated, and writes through
 * r7, since BPF has no helper that writes kernel memory. */
#include "cg_subr.h"
#include "calls.h"
#include "subr.h"
#include "types.h"

#define ERR(n, tag, ...) diag_error(g->dp->diag, (n)->line, tag, __VA_ARGS__)
#define DEFAULT_SCRATCH	256		/* DTrace's scratchsize */

uint32_t cg_alloca_limit(struct cg *g)
{
	uint64_t s = g->dp->opt->scratchsize;
	if (!s)
		return DEFAULT_SCRATCH;
	if (s > ALLOCA_MAX)
		diag_error(g->dp->diag, 0, "D_UNKNOWN", "scratchsize %llu is "
			   "larger than the %d bytes alloca() supports",
			   (unsigned long long)s, ALLOCA_MAX);
	return (uint32_t)s;
}

void cg_alloca_reset(struct cg *g)
{
	if (!g->dp->uses_alloca)
		return;
	cg_emit(g, ST_MEM(BPF_DW, R7, ALLOCA_TOP, 0));
	cg_scratch_addr(g, R1, ALLOCA_DATA);
	cg_emit(g, STX_MEM(BPF_DW, R7, R1, ALLOCA_BASE));
}

/* r0 = the size asked for: the space past top, 8-byte aligned as
 * DTrace's is; more than scratchsize in all faults. */
static void cg_alloca_call(struct cg *g, struct node *n)
{
	uint32_t limit = cg_alloca_limit(g);
	if (n->a->is_const && (uint64_t)n->a->cval > limit)
		ERR(n, "D_ALLOCA_SIZE", "alloca(%llu) size larger than "
		    "scratchsize %u", (unsigned long long)n->a->cval, limit);
	cg_expr(g, n->a);
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_TOP));
	cg_emit(g, MOV64_REG(R2, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R0));
	cg_emit(g, MOV64_REG(R3, R0));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, JMP_IMM(BPF_JGT, R3, limit, 2));	/* r2 may wrap */
	cg_emit(g, JMP_IMM(BPF_JGT, R2, limit, 1));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_fault_if(g, FAULT_NOSCRATCH, 0);
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, 7));
	cg_emit(g, ALU64_IMM(BPF_AND, R2, ~7));
	cg_emit(g, JMP_IMM(BPF_JLE, R2, limit, 1));
	cg_emit(g, MOV64_IMM(R2, limit));
	cg_emit(g, STX_MEM(BPF_DW, R7, R2, ALLOCA_TOP));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R7, ALLOCA_BASE));
	cg_emit(g, ALU64_REG(BPF_ADD, R0, R1));
}

void cg_alloca_load_check(struct cg *g, uint32_t size)
{
	if (!g->dp->uses_alloca)
		return;
	int at = cg_push(g);
	/* r2 = the offset from the space's header: a kernel address
	 * anywhere else is read as before */
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_BASE));
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R1));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, ALLOCA_DATA - ALLOCA_OFF));
	int out = cg_jump(g, JMP_IMM(BPF_JGE, R2, ALLOCA_SIZE, 0));
	cg_emit(g, ALU64_IMM(BPF_SUB, R2, ALLOCA_DATA - ALLOCA_OFF));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_TOP));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, JMP_IMM(BPF_JSLT, R2, 0, 3));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, size));
	cg_emit(g, JMP_REG(BPF_JGT, R2, R1, 1));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_fault_if(g, FAULT_BADADDR, at);
	cg_land(g, out);
	cg_pop(g, R0);
}

/* r2 = the offset in the space of the address in r0, which must be
 * allocated (size bytes of it, size_slot's bytes when size_slot is
 * given: their excess faults as an invalid size); at holds the address
 * for the fault.  r2's bound keeps the verifier's view inside the
 * space. */
static void space_off(struct cg *g, uint32_t size, int size_slot, int at)
{
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_BASE));
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R1));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_TOP));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, JMP_REG(BPF_JGE, R2, R1, 3));
	cg_emit(g, JMP_IMM(BPF_JGT, R2, ALLOCA_MAX, 2));
	cg_emit(g, MOV64_REG(R3, R2));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_fault_if(g, FAULT_BADADDR, at);
	if (size_slot)
		cg_emit(g, LDX_MEM(BPF_DW, R4, R10, size_slot));
	else
		cg_emit(g, MOV64_IMM(R4, size));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, JMP_IMM(BPF_JGT, R4, ALLOCA_MAX, 3));
	cg_emit(g, ALU64_REG(BPF_ADD, R3, R4));
	cg_emit(g, JMP_REG(BPF_JGT, R3, R1, 1));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_fault_if(g, size_slot ? FAULT_BADSIZE : FAULT_BADADDR, at);
}

void cg_alloca_store_addr(struct cg *g, uint32_t size)
{
	int at = cg_push(g);
	space_off(g, size, 0, at);
	cg_scratch_addr(g, R1, ALLOCA_DATA);
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R2));
	g->depth--;
}

/* A source in the space is read only as far as it is allocated. */
static void src_check(struct cg *g, int src, int n)
{
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_BASE));
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, src));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R1));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, JMP_IMM(BPF_JGE, R2, 2 * ALLOCA_MAX, 4));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, n));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R1));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, ALLOCA_TOP));
	cg_emit(g, JMP_REG(BPF_JLE, R2, R1, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_BADSIZE, src);
}

/* bcopy(src, dst, n) and copyinto(uaddr, n, dst): n bytes from a kernel
 * (or the space's) or a user address into allocated space; the stack
 * slots hold the arguments, evaluated in order. */
static void copy_into(struct cg *g, int s, int len, int d, int helper,
		      int src_is_string)
{
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, d));
	space_off(g, 0, len, d);
	cg_emit(g, STX_MEM(BPF_DW, R10, R2, d));	/* bounded: spilled */
	if (helper == BPF_FUNC_probe_read_kernel && !src_is_string)
		src_check(g, s, len);
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, len));
	cg_emit(g, JMP_IMM(BPF_JLE, R2, ALLOCA_MAX, 1));
	cg_emit(g, MOV64_IMM(R2, 0));			/* not reached */
	cg_emit(g, LDX_MEM(BPF_DW, R4, R10, d));
	cg_emit(g, JMP_IMM(BPF_JLE, R4, ALLOCA_MAX, 1));
	cg_emit(g, MOV64_IMM(R4, 0));			/* not reached */
	cg_scratch_addr(g, R1, ALLOCA_DATA);
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R4));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, s));
	cg_emit(g, CALL_HELPER(helper));
	cg_fault_if(g, FAULT_BADADDR, s);
}

void cg_alloca_subr(struct cg *g, struct node *n)
{
	if (n->id == CALL_ALLOCA) {
		cg_alloca_call(g, n);
		return;
	}
	int slot[3], i = 0;
	for (struct node *a = n->a; a && i < 3; a = a->next) {
		cg_expr(g, a);
		slot[i++] = cg_push(g);
	}
	if (n->id == CALL_BCOPY)
		copy_into(g, slot[0], slot[2], slot[1],
			  BPF_FUNC_probe_read_kernel,
			  n->a->type->kind == DT_STRING);
	else
		copy_into(g, slot[0], slot[1], slot[2],
			  BPF_FUNC_probe_read_user, 0);
	g->depth -= 3;
	cg_emit(g, MOV64_IMM(R0, 0));
}
