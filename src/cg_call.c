/* cg_call.c - code for D's actions (which add values to the clause's
 * record and an action for the consumer to print them by) and its
 * subroutines (which compute a value in r0). */
#include <stdlib.h>
#include <string.h>
#include "cg.h"
#include "calls.h"
#include "stack.h"
#include "subr.h"
#include "types.h"
#include "util.h"


uint32_t cg_record(struct cg *g, uint32_t size)
{
	uint32_t off = (g->ecb->recsize + 7) & ~7u;
	if (off + size > REC_MAX)
		diag_error(g->dp->diag, g->ecb->clause->line, "D_UNKNOWN",
			   "clause records more than %d bytes", REC_MAX);
	g->ecb->recsize = off + size;
	return off;
}

/* r1 = r7 + off, r2 = size, r3 = r0: a helper copying into the record. */
static void copy_args(struct cg *g, uint32_t off, uint32_t size)
{
	cg_emit(g, MOV64_REG(R3, R0));
	cg_scratch_addr(g, R1, off);
	cg_emit(g, MOV64_IMM(R2, size));
}

/* Copy size bytes at the kernel address in r0 into the record at off. */
static void record_bytes(struct cg *g, uint32_t off, uint32_t size)
{
	int at = cg_push(g);
	copy_args(g, off, size);
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
	cg_fault_if(g, FAULT_BADADDR, at);
	g->depth--;
}

void cg_record_value(struct cg *g, struct node *n, struct recarg *ra)
{
	const struct dtype *t = n->type;

	ra->type = t;
	ra->ftype = type_ftype(t);
	ra->is_signed = t->is_signed;
	if (type_is_string(t) && t->kind != DT_ARRAY) {
		/* as wide as the string can be (execname's 16 bytes): the
		 * record is copied, and its bytes cost on every event */
		uint32_t w = (key_width(n) + 7) & ~7u;
		cg_string(g, n);
		ra->size = w <= STRSIZE ? w : STRSIZE;
		ra->off = cg_record(g, ra->size);
		ra->ftype = FT_STR;
		cg_store_string_n(g, R7, ra->off, ra->size);
	} else if (t->kind == DT_STACK) {	/* printf("%k", stack()) */
		ra->size = t->size;
		ra->off = cg_record(g, ra->size);
		cg_stack_into(g, n, ra->off);
	} else if (type_is_usym(t)) {	/* usym(): the address, the pid */
		cg_expr(g, n);
		ra->size = 16;
		ra->off = cg_record(g, 16);
		cg_usym_into(g, ra->off);
	} else if (type_is_scalar(t)) {
		cg_expr(g, n);
		ra->size = 8;
		ra->off = cg_record(g, 8);
		cg_emit(g, STX_MEM(BPF_DW, R7, R0, ra->off));
	} else {
		cg_expr(g, n);		/* an aggregate's address */
		ra->size = t->size;
		if (!ra->size || ra->size > REC_MAX / 2)
			diag_error(g->dp->diag, n->line, "D_UNKNOWN", "cannot "
				   "record a value of type %s", t->name);
		ra->off = cg_record(g, ra->size);
		record_bytes(g, ra->off, ra->size);
	}
}

/* Add an action; mark it done in the record's header when it runs. */
struct action *cg_action_add(struct cg *g, enum act_kind k, int nargs)
{
	struct action *a = xcalloc(1, sizeof(*a));
	a->kind = k;
	a->nargs = nargs;
	a->args = xcalloc(nargs ? nargs : 1, sizeof(*a->args));
	*g->ecb->last = a;
	g->ecb->last = &a->next;
	return a;
}

void cg_action_done(struct cg *g)
{
	int k = g->nacts++;
	if (k >= 32)
		return;
	cg_emit(g, LDX_MEM(BPF_W, R1, R7, 12));
	cg_emit(g, ALU64_IMM(BPF_OR, R1, (int32_t)(1u << k)));
	cg_emit(g, STX_MEM(BPF_W, R7, R1, 12));
}

static void cg_trace(struct cg *g, struct node *n)
{
	struct action *a = cg_action_add(g, ACT_TRACE, 1);
	cg_record_value(g, n->a, &a->args[0]);
	cg_action_done(g);
}

/* printf(), and system() and freopen(), whose text the consumer makes
 * the same way. */
static void cg_printf(struct cg *g, struct node *n, enum act_kind k)
{
	int argc = 0;
	for (struct node *x = n->a->next; x; x = x->next)
		argc++;
	struct action *a = cg_action_add(g, k, argc);
	a->fmt = n->aux;
	int i = 0;
	for (struct node *x = n->a->next; x; x = x->next)
		cg_record_value(g, x, &a->args[i++]);
	cg_action_done(g);
}

static void cg_exit(struct cg *g, struct node *n)
{
	struct action *a = cg_action_add(g, ACT_EXIT, 1);
	cg_record_value(g, n->a, &a->args[0]);
	cg_emit(g, ST_MEM(BPF_DW, R8, GLOB_EXIT, 1));
	cg_action_done(g);
}

static void cg_tracemem(struct cg *g, struct node *n)
{
	struct node *addr = n->a, *size = addr->next, *dsize = size->next;
	struct action *a = cg_action_add(g, ACT_TRACEMEM, dsize ? 2 : 1);
	struct recarg *ra = &a->args[0];

	cg_expr(g, addr);
	ra->size = size->cval;
	ra->off = cg_record(g, ra->size);
	ra->ftype = FT_OTHER;
	record_bytes(g, ra->off, ra->size);
	if (dsize)
		cg_record_value(g, dsize, &a->args[1]);
	cg_action_done(g);
}

/* r2 = min(r0, STRSIZE) as the verifier wants a helper's size bounded.
 * The temporaries are STRSIZE bytes: larger copies are cut there. */
static void bounded_size(struct cg *g)
{
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, JMP_IMM(BPF_JLE, R2, STRSIZE, 1));
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
}

/* copyin(addr, size) and copyinstr(addr [, max]): into a temporary. */
static void cg_copyin(struct cg *g, struct node *n, int str)
{
	struct node *addr = n->a, *size = addr->next;
	uint32_t t = cg_temp(g, n);
	uint64_t limit = g->dp->opt->scratchsize;	/* only when set: the
							   copy is a temporary */
	if (size && size->is_const && limit && (uint64_t)size->cval > limit)
		diag_error(g->dp->diag, n->line, "D_ALLOCA_SIZE", "%s(%llu) size "
			   "larger than scratchsize %llu", n->name,
			   (unsigned long long)size->cval,
			   (unsigned long long)limit);

	cg_expr(g, addr);
	int at = cg_push(g);
	if (size)
		cg_expr(g, size);
	else
		cg_emit(g, MOV64_IMM(R0, STRSIZE));
	if (str && size)		/* max bytes of string, then the NUL */
		cg_emit(g, ALU64_IMM(BPF_ADD, R0, 1));
	bounded_size(g);
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, at));
	cg_scratch_addr(g, R1, t);
	cg_emit(g, ST_MEM(BPF_B, R7, t, 0));
	cg_emit(g, CALL_HELPER(str ? BPF_FUNC_probe_read_user_str
				   : BPF_FUNC_probe_read_user));
	if (str)
		cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
	cg_fault_if(g, FAULT_BADADDR, at);
	g->depth--;
	cg_scratch_addr(g, R0, t);
}

static void cg_strlen(struct cg *g, struct node *n)
{
	cg_string(g, n->a);
	cg_strlen_r0(g);
}

/* r0 = the length of the string r0 points to (at most STRSIZE). */
void cg_strlen_r0(struct cg *g)
{
	cg_emit(g, MOV64_REG(R1, R0));
	cg_emit(g, MOV64_IMM(R0, 0));
	int loop = g->b->n;
	cg_emit(g, MOV64_REG(R2, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R0));
	cg_emit(g, LDX_MEM(BPF_B, R2, R2, 0));
	cg_emit(g, JMP_IMM(BPF_JEQ, R2, 0, 2));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, 1));
	cg_emit(g, JMP_IMM(BPF_JLT, R0, STRSIZE, loop - g->b->n - 1));
}

/* raise(sig), stop(): a signal to the current thread's process. */
static void cg_signal(struct cg *g, struct node *n)
{
	if (n->id == CALL_STOP)
		cg_emit(g, MOV64_IMM(R0, 19));		/* SIGSTOP */
	else
		cg_expr(g, n->a);
	cg_emit(g, MOV64_REG(R1, R0));
	cg_emit(g, CALL_HELPER(BPF_FUNC_send_signal));
}

/* copyout(buf, uaddr, size), copyoutstr(s, uaddr, max): through a
 * temporary, since bpf_probe_write_user writes from BPF memory; at most
 * STRSIZE bytes, a string's NUL included. */
static void cg_copyout(struct cg *g, struct node *n)
{
	struct node *src = n->a, *dst = src->next, *size = dst->next;
	uint32_t t = cg_temp(g, n);

	if (n->id == CALL_COPYOUTSTR) {
		cg_string(g, src);
		cg_store_string(g, R7, t);
		cg_strlen_r0(g);
		cg_emit(g, ALU64_IMM(BPF_ADD, R0, 1));
		int len = cg_push(g);
		cg_expr(g, size);		/* r0 = min(len, max) */
		cg_emit(g, LDX_MEM(BPF_DW, R1, R10, len));
		cg_emit(g, JMP_REG(BPF_JLE, R0, R1, 1));
		cg_emit(g, MOV64_REG(R0, R1));
		g->depth--;
	} else {
		cg_expr(g, src);
		int at = cg_push(g);
		cg_expr(g, size);
		int sz = cg_push(g);
		bounded_size(g);
		cg_emit(g, LDX_MEM(BPF_DW, R3, R10, at));
		cg_scratch_addr(g, R1, t);
		cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
		cg_fault_if(g, FAULT_BADADDR, at);
		cg_emit(g, LDX_MEM(BPF_DW, R0, R10, sz));
		g->depth -= 2;
	}
	int n_at = cg_push(g);
	cg_expr(g, dst);
	int d_at = cg_push(g);
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, n_at));
	int none = cg_jump(g, JMP_IMM(BPF_JEQ, R3, 0, 0));
	cg_emit(g, JMP_IMM(BPF_JLE, R3, STRSIZE, 1));
	cg_emit(g, MOV64_IMM(R3, STRSIZE));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, d_at));
	cg_scratch_addr(g, R2, t);
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_write_user));
	cg_fault_if(g, FAULT_BADADDR, d_at);
	cg_land(g, none);
	g->depth -= 2;
}

void cg_call(struct cg *g, struct node *n)
{
	switch (n->id) {
	case CALL_TRACE: cg_trace(g, n); return;
	case CALL_PRINTF: cg_printf(g, n, ACT_PRINTF); return;
	case CALL_SYSTEM: cg_printf(g, n, ACT_SYSTEM); return;
	case CALL_FREOPEN: cg_printf(g, n, ACT_FREOPEN); return;
	case CALL_FTRUNCATE:
		cg_action_add(g, ACT_FTRUNCATE, 0);
		cg_action_done(g);
		return;
	case CALL_RAISE: case CALL_STOP: cg_signal(g, n); return;
	case CALL_COPYOUT: case CALL_COPYOUTSTR: cg_copyout(g, n); return;
	case CALL_EXIT: cg_exit(g, n); return;
	case CALL_TRACEMEM: cg_tracemem(g, n); return;
	case CALL_COPYIN: cg_copyin(g, n, 0); return;
	case CALL_COPYINSTR: cg_copyin(g, n, 1); return;
	case CALL_STRLEN: cg_strlen(g, n); return;
	case CALL_SPECULATION: case CALL_SPECULATE: case CALL_COMMIT:
	case CALL_DISCARD:
		cg_spec_call(g, n);
		return;
	case CALL_SETOPT: {
		struct action *a = cg_action_add(g, ACT_SETOPT, 0);
		a->optname = n->a->str;
		a->optval = n->a->next ? n->a->next->str : NULL;
		cg_action_done(g);
		return;
	}
	case CALL_PRINTA: case CALL_CLEAR: case CALL_TRUNC:
	case CALL_NORMALIZE: case CALL_DENORMALIZE:
		cg_agg_action(g, n);
		return;
	}
	if (n->id >= CALL_STACK && n->id <= CALL_UADDR) {
		cg_stack_call(g, n);		/* cg_stack.c */
		return;
	}
	if (n->id >= CALL_STRJOIN && n->id <= CALL_RW_ISWRITER) {
		cg_subr(g, n);		/* cg_subr.c */
		return;
	}
	diag_error(g->dp->diag, n->line, "D_UNKNOWN", "%s( ) is not supported "
		   "yet", n->name);
}
