/* cg_subr.c - code for the subroutines that need no byte loops (strjoin,
 * substr, lltostr, htonl and the others, rand, getmajor, progenyof) and
 * the pieces every subroutine uses.  Strings are copied with
 * bpf_probe_read_kernel_str, which also measures them: a copy cut at
 * the room left truncates a result at strsize as DTrace does. */
#include <string.h>
#include "cg_subr.h"
#include "calls.h"
#include "subr.h"
#include "types.h"

void ld(struct cg *g, int reg, uint32_t off)
{
	cg_emit(g, LDX_MEM(BPF_DW, reg, R7, off));
}

void st(struct cg *g, uint32_t off, int reg)
{
	cg_emit(g, STX_MEM(BPF_DW, R7, reg, off));
}

void st_imm(struct cg *g, uint32_t off, int32_t v)
{
	cg_emit(g, ST_MEM(BPF_DW, R7, off, v));
}

static int negate(int op)
{
	switch (op) {
	case BPF_JEQ: return BPF_JNE;
	case BPF_JNE: return BPF_JEQ;
	case BPF_JGT: return BPF_JLE;
	case BPF_JLE: return BPF_JGT;
	case BPF_JLT: return BPF_JGE;
	case BPF_JGE: return BPF_JLT;
	case BPF_JSGT: return BPF_JSLE;
	case BPF_JSLE: return BPF_JSGT;
	case BPF_JSLT: return BPF_JSGE;
	default: return BPF_JSLT;	/* BPF_JSGE */
	}
}

/* The verifier explores a jump's fall-through first and keeps the
 * target for later: leaving by the fall-through, a loop's exits are
 * explored to the end at once, and the iterations waiting stay one
 * (it allows 8192 waiting jumps in all). */
int exit_when(struct cg *g, int op, int reg, int32_t imm)
{
	cg_emit(g, JMP_IMM(negate(op), reg, imm, 1));
	return cg_jump(g, JA(0));
}

int exit_when_reg(struct cg *g, int op, int reg, int src)
{
	cg_emit(g, JMP_REG(negate(op), reg, src, 1));
	return cg_jump(g, JA(0));
}

int bound(struct cg *g, int reg, int32_t max)
{
	return exit_when(g, BPF_JGT, reg, max);
}

int loop_begin(struct cg *g, int reg)
{
	cg_emit(g, MOV64_IMM(reg, 0));
	return g->b->n;
}

void loop_end(struct cg *g, int reg, int head, int32_t n)
{
	cg_emit(g, ALU64_IMM(BPF_ADD, reg, 1));
	cg_emit(g, JMP_IMM(BPF_JLT, reg, n, head - g->b->n - 1));
}

void cg_null_fault(struct cg *g)
{
	int at = cg_push(g);
	cg_emit(g, MOV64_REG(R1, R0));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, JMP_IMM(BPF_JNE, R1, 0, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_BADADDR, at);
	cg_pop(g, R0);
}

void cg_null_to_empty(struct cg *g)
{
	int ok = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_ld_map_value(g, R0, MAP_STR, strtab_add(g->dp, "", 0));
	cg_land(g, ok);
}

int ws_push(struct cg *g)
{
	int m = dmap_shared(g->dp, BPF_MAP_TYPE_PERCPU_ARRAY, 4, WS_SIZE, 1,
			    "dt_subr");
	cg_ld_map(g, R1, m);
	cg_emit(g, ST_MEM(BPF_W, R10, -16, 0));
	cg_emit(g, MOV64_REG(R2, R10));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, -16));
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_lookup_elem));
	cg_emit(g, MOV64_REG(R1, R0));	/* never NULL: an array's key 0 */
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, JMP_IMM(BPF_JNE, R1, 0, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_ILLOP, 0);
	cg_emit(g, MOV64_REG(R0, R1));
	return cg_push(g);
}

int str_arg(struct cg *g, struct node *a)
{
	cg_string(g, a);
	return cg_push(g);
}

/* r0 = bytes probe_read_kernel_str copied, less the NUL, bounded. */
static void str_result_len(struct cg *g)
{
	cg_emit(g, JMP_IMM(BPF_JSGT, R0, 0, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, -1));
	cg_emit(g, JMP_IMM(BPF_JLE, R0, STRSIZE - 1, 1));
	cg_emit(g, MOV64_IMM(R0, STRSIZE - 1));
}

void str_len(struct cg *g, int s, int ws)
{
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, ws));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, WS_JUNK));
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, s));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	str_result_len(g);
}

void copy_str(struct cg *g, uint32_t t, int src, int off_reg, int size_reg)
{
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, src));
	if (off_reg >= 0)
		cg_emit(g, ALU64_REG(BPF_ADD, R3, off_reg));
	if (size_reg >= 0)
		cg_emit(g, MOV64_REG(R2, size_reg));
	else
		cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_scratch_addr(g, R1, t);
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	cg_scratch_addr(g, R0, t);
}

void need_slack(struct cg *g)
{
	uint32_t want = THIS_OFF + STRBUF;
	if (g->dp->scratchsize < want)
		g->dp->scratchsize = want;
}

/* strjoin(a, b): a copied, then b where a's NUL was, in the room left. */
static void cg_strjoin(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n);
	int a = str_arg(g, n->a), b = str_arg(g, n->a->next);

	need_slack(g);
	cg_scratch_addr(g, R1, t);
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, a));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	str_result_len(g);
	cg_scratch_addr(g, R1, t);
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R0));
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R0));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, b));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	g->depth -= 2;
	cg_scratch_addr(g, R0, t);
}

/* substr(s, index [, length]) as DTrace computes it (dtrace_dif_subr):
 * a negative index counts from the end, a negative length leaves that
 * many characters off the end; then one copy of what is left. */
static void cg_substr(struct cg *g, struct node *n)
{
	struct node *idx = n->a->next, *cnt = idx->next;
	uint32_t t = cg_temp(g, n);
	int s = str_arg(g, n->a);

	cg_expr(g, idx);
	int ix = cg_push(g);
	if (cnt)
		cg_expr(g, cnt);
	else
		cg_emit(g, MOV64_IMM(R0, STRSIZE));
	int rm = cg_push(g);
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, s));
	cg_scratch_addr(g, R1, t);
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, MOV64_REG(R3, R0));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	str_result_len(g);
	cg_emit(g, MOV64_REG(R3, R0));		/* r3 = len */
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, ix));	/* r1 = index */
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, rm));	/* r2 = remaining */
	/* if (index < 0) { index += len; if (index < 0 && index +
	 * remaining > 0) { remaining += index; index = 0; } } */
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 7));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R3));
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 5));
	cg_emit(g, MOV64_REG(R4, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R2));
	cg_emit(g, JMP_IMM(BPF_JSLE, R4, 0, 2));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R1));
	cg_emit(g, MOV64_IMM(R1, 0));
	/* if (index >= len || index < 0) remaining = 0; else if
	 * (remaining < 0) remaining += len - index; else if (index +
	 * remaining > size) remaining = size - index */
	int none1 = cg_jump(g, JMP_REG(BPF_JSGE, R1, R3, 0));
	int none2 = cg_jump(g, JMP_IMM(BPF_JSLT, R1, 0, 0));
	cg_emit(g, JMP_IMM(BPF_JSGE, R2, 0, 3));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R3));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R1));
	int clamp = cg_jump(g, JA(0));
	cg_emit(g, MOV64_REG(R4, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R2));
	cg_emit(g, JMP_IMM(BPF_JSLE, R4, STRSIZE, 2));
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R1));
	cg_land(g, clamp);
	int none3 = cg_jump(g, JMP_IMM(BPF_JSLE, R2, 0, 0));
	int none4 = bound(g, R1, STRSIZE - 1);
	cg_emit(g, JMP_IMM(BPF_JLE, R2, STRSIZE - 1, 1));
	cg_emit(g, MOV64_IMM(R2, STRSIZE - 1));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, 1));	/* the NUL */
	cg_emit(g, MOV64_REG(R4, R1));
	copy_str(g, t, s, R4, R2);
	int done = cg_jump(g, JA(0));
	cg_land(g, none1);
	cg_land(g, none2);
	cg_land(g, none3);
	cg_land(g, none4);
	cg_emit(g, ST_MEM(BPF_B, R7, t, 0));
	cg_land(g, done);
	g->depth -= 3;
	cg_scratch_addr(g, R0, t);
}

/* lltostr(value [, base]): digits built backwards in the work area, with
 * DTrace's prefixes ("0x" for 16, "0" for 8, "-" for negative base 10);
 * a base outside 2..36 is an illegal operation. */
static void cg_lltostr(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n), w = cg_temp_bytes(g, n, 8);
	int ws = ws_push(g);

	cg_expr(g, n->a);
	int v = cg_push(g);
	if (n->a->next)
		cg_expr(g, n->a->next);
	else
		cg_emit(g, MOV64_IMM(R0, 10));
	int b = cg_push(g);
	cg_emit(g, MOV64_REG(R1, R0));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, JMP_IMM(BPF_JSLE, R1, 1, 1));
	cg_emit(g, JMP_IMM(BPF_JSLE, R1, 36, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_ILLOP, 0);
	/* r1 = val (negated for a negative base-10 value), r2 = base */
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, v));
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, b));
	cg_emit(g, JMP_IMM(BPF_JNE, R2, 10, 2));
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 1));
	cg_emit(g, ALU64_IMM(BPF_NEG, R1, 0));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	cg_emit(g, ST_MEM(BPF_B, R0, WS_OUT + 71, 0));
	st_imm(g, w, 70);
	int head = loop_begin(g, R3);
	int out = exit_when(g, BPF_JEQ, R1, 0);
	cg_emit(g, MOV64_REG(R4, R1));
	cg_emit(g, ALU64_REG(BPF_MOD, R4, R2));
	cg_emit(g, ALU64_REG(BPF_DIV, R1, R2));
	cg_emit(g, MOV64_IMM(R5, 9));		/* a letter past 9, no branch */
	cg_emit(g, ALU64_REG(BPF_SUB, R5, R4));
	cg_emit(g, ALU64_IMM(BPF_RSH, R5, 63));
	cg_emit(g, ALU64_IMM(BPF_MUL, R5, 'a' - '0' - 10));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R5));
	cg_emit(g, ALU64_IMM(BPF_ADD, R4, '0'));
	cg_emit(g, MOV64_IMM(R5, 70));
	cg_emit(g, ALU64_REG(BPF_SUB, R5, R3));
	cg_emit(g, ALU64_REG(BPF_ADD, R5, R0));
	cg_emit(g, STX_MEM(BPF_B, R5, R4, WS_OUT));
	cg_emit(g, ALU64_IMM(BPF_ADD, R5, -1));
	cg_emit(g, ALU64_REG(BPF_SUB, R5, R0));
	st(g, w, R5);
	loop_end(g, R3, head, 64);
	cg_land(g, out);
	/* prefixes: r1 = value, r2 = base */
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, v));
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, b));
	static const struct { int when; char c; } pre[] = {
		{ 0, '0' }, { 1, 'x' }, { 2, '0' }, { 3, '-' } };
	for (int i = 0; i < 4; i++) {
		int skip[3], ns = 0;
		switch (pre[i].when) {
		case 0:		/* value 0 in base 16 */
			skip[ns++] = cg_jump(g, JMP_IMM(BPF_JNE, R1, 0, 0));
			skip[ns++] = cg_jump(g, JMP_IMM(BPF_JNE, R2, 16, 0));
			break;
		case 1:
			skip[ns++] = cg_jump(g, JMP_IMM(BPF_JNE, R2, 16, 0));
			break;
		case 2:		/* value 0, or base 8 or 16 */
			cg_emit(g, JMP_IMM(BPF_JEQ, R1, 0, 2));
			cg_emit(g, JMP_IMM(BPF_JEQ, R2, 8, 1));
			skip[ns++] = cg_jump(g, JMP_IMM(BPF_JNE, R2, 16, 0));
			break;
		case 3:
			skip[ns++] = cg_jump(g, JMP_IMM(BPF_JSGE, R1, 0, 0));
			skip[ns++] = cg_jump(g, JMP_IMM(BPF_JNE, R2, 10, 0));
			break;
		}
		ld(g, R3, w);
		skip[ns++] = bound(g, R3, 70);
		cg_emit(g, LDX_MEM(BPF_DW, R4, R10, ws));
		cg_emit(g, ALU64_REG(BPF_ADD, R4, R3));
		cg_emit(g, ST_MEM(BPF_B, R4, WS_OUT, pre[i].c));
		cg_emit(g, ALU64_IMM(BPF_ADD, R3, -1));
		st(g, w, R3);
		for (int k = 0; k < ns; k++)
			cg_land(g, skip[k]);
	}
	ld(g, R4, w);
	cg_emit(g, ALU64_IMM(BPF_ADD, R4, WS_OUT + 1));
	cg_emit(g, JMP_IMM(BPF_JLE, R4, WS_OUT + 71, 1));
	cg_emit(g, MOV64_IMM(R4, WS_OUT + 71));
	copy_str(g, t, ws, R4, -1);
	g->depth -= 3;
}

/* htons() and the others: to big-endian (the host is little-endian). */
static void cg_byteorder(struct cg *g, struct node *n)
{
	int bits = n->id == CALL_HTONS || n->id == CALL_NTOHS ? 16 :
		   n->id == CALL_HTONL || n->id == CALL_NTOHL ? 32 : 64;
	cg_expr(g, n->a);
	cg_emit(g, INSN(BPF_ALU | BPF_END | BPF_TO_BE, R0, 0, 0, bits));
}

/* r1 = the u32 or u64 at (the task in scratch at off) + field. */
static void read_task_field(struct cg *g, uint32_t off, uint32_t field,
			    int size)
{
	ld(g, R3, off);
	cg_emit(g, ALU64_IMM(BPF_ADD, R3, field));
	cg_emit(g, ST_MEM(BPF_DW, R10, -8, 0));
	cg_emit(g, MOV64_REG(R1, R10));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, -8));
	cg_emit(g, MOV64_IMM(R2, size));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
	cg_emit(g, LDX_MEM(size == 4 ? BPF_W : BPF_DW, R1, R10, -8));
}

/* progenyof(pid): whether the current process or one of its ancestors
 * is pid (64 generations at most; the counter lives on the stack, as
 * the helpers clobber r0-r5). */
static void cg_progenyof(struct cg *g, struct node *n)
{
	struct dtype *ts = types_lookup_tag(NULL, DT_STRUCT, "task_struct");
	uint32_t rp, tg, task = cg_temp_bytes(g, n, 16);
	if (!ts || !type_member(ts, "real_parent", &rp) ||
	    !type_member(ts, "tgid", &tg))
		diag_error(g->dp->diag, n->line, "D_UNKNOWN", "progenyof( ) "
			   "needs struct task_struct in the kernel's BTF");
	cg_expr(g, n->a);
	cg_emit(g, MOV32_REG(R0, R0));
	st(g, task + 8, R0);
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_task));
	st(g, task, R0);
	cg_emit(g, MOV64_IMM(R0, 0));
	int c = cg_push(g), head = g->b->n;
	read_task_field(g, task, tg, 4);
	ld(g, R2, task + 8);
	int found = cg_jump(g, JMP_REG(BPF_JEQ, R1, R2, 0));
	read_task_field(g, task, rp, 8);
	ld(g, R2, task);
	int top = cg_jump(g, JMP_REG(BPF_JEQ, R1, R2, 0));
	int none = cg_jump(g, JMP_IMM(BPF_JEQ, R1, 0, 0));
	st(g, task, R1);
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, c));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, 1));
	cg_emit(g, STX_MEM(BPF_DW, R10, R0, c));
	cg_emit(g, JMP_IMM(BPF_JLT, R0, 64, head - g->b->n - 1));
	cg_land(g, top);
	cg_land(g, none);
	cg_emit(g, MOV64_IMM(R0, 0));
	int done = cg_jump(g, JA(0));
	cg_land(g, found);
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_land(g, done);
	g->depth--;
}

void cg_subr(struct cg *g, struct node *n)
{
	switch (n->id) {
	case CALL_STRJOIN: cg_strjoin(g, n); return;
	case CALL_SUBSTR: cg_substr(g, n); return;
	case CALL_LLTOSTR: cg_lltostr(g, n); return;
	case CALL_HTONS: case CALL_HTONL: case CALL_HTONLL:
	case CALL_NTOHS: case CALL_NTOHL: case CALL_NTOHLL:
		cg_byteorder(g, n);
		return;
	case CALL_RAND:
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_prandom_u32));
		cg_normalize(g, R0, &t_int);
		return;
	case CALL_GETMAJOR:		/* Linux's dev_t: MINORBITS 20 */
		cg_expr(g, n->a);
		cg_emit(g, ALU64_IMM(BPF_RSH, R0, 20));
		cg_emit(g, ALU64_IMM(BPF_AND, R0, 0xfff));
		return;
	case CALL_GETMINOR:
		cg_expr(g, n->a);
		cg_emit(g, ALU64_IMM(BPF_AND, R0, 0xfffff));
		return;
	case CALL_PROGENYOF: cg_progenyof(g, n); return;
	case CALL_MUTEX_OWNED: case CALL_MUTEX_OWNER:
	case CALL_MUTEX_TYPE_ADAPTIVE: case CALL_MUTEX_TYPE_SPIN:
	case CALL_RW_READ_HELD: case CALL_RW_WRITE_HELD: case CALL_RW_ISWRITER:
		cg_lock_subr(g, n);	/* cg_subr_lock.c */
		return;
	case CALL_ALLOCA: case CALL_BCOPY: case CALL_COPYINTO:
		cg_alloca_subr(g, n);	/* cg_alloca.c */
		return;
	case CALL_STRCHR: case CALL_STRRCHR: cg_strchr(g, n); return;
	case CALL_TOUPPER: case CALL_TOLOWER: cg_case(g, n); return;
	case CALL_BASENAME: case CALL_DIRNAME: cg_pathname(g, n); return;
	case CALL_INDEX: case CALL_RINDEX: case CALL_STRSTR:
		cg_strindex(g, n);
		return;
	case CALL_STRTOK: cg_strtok(g, n); return;
	case CALL_CLEANPATH: cg_cleanpath(g, n); return;
	case CALL_INET_NTOP: case CALL_INET_NTOA: case CALL_INET_NTOA6:
		cg_inet(g, n);
		return;
	}
	diag_error(g->dp->diag, n->line, "D_UNKNOWN", "%s( ) is not supported "
		   "yet", n->name);
}
