/* cg_subr_net.c - inet_ntoa(), inet_ntoa6(), inet_ntop(): an address's
 * text as DTrace prints it.
 *
 * IPv4: a dotted quad, the first byte in memory first.  IPv6: eight
 * 16-bit groups in lowercase hex without leading zeros, the longest run
 * of two or more zero groups (the first of equal runs) written "::"; an
 * IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d, not :: or
 * ::1) address is its dotted quad alone for inet_ntoa6, behind its
 * "::ffff:" or "::" prefix for inet_ntop(AF_INET6) and a non-zero flag.
 *
 * The address is read with bpf_probe_read_kernel into the work area
 * (WS_NET): a kernel address or a map value (a D variable) alike, NULL
 * or unreadable an invalid address fault.  The text is built forwards
 * in WS_OUT by branch-free loops over the groups and bytes: each digit
 * is stored, then the position moves past it or not, so that every
 * iteration is one path for the verifier.  The position and the zero
 * run live in scratch (struct net); a byte position is masked to 63
 * before use so the verifier sees the store in WS_OUT's 80 bytes. */
#include "cg_subr.h"
#include "calls.h"

#define LINUX_AF_INET	2	/* inet_ntop's af: Linux's numbers */
#define LINUX_AF_INET6	10
#define NO_RUN		16	/* a zero run's start when there is none */

/* Scratch offsets (r7) of the state, stack slots of the arguments. */
struct net {
	uint32_t p;		/* next byte of WS_OUT */
	uint32_t bs, bl;	/* the zero run: first group, groups */
	uint32_t cur;		/* zero groups ending at the group seen */
	uint32_t inrun;		/* the group being printed is in the run */
	int ws, addr;
};

/* The bytes [off, off + size) of WS_NET = the address's first size. */
static void read_addr(struct cg *g, const struct net *s, int off, int size)
{
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, s->ws));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, WS_NET + off));
	cg_emit(g, MOV64_IMM(R2, size));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, s->addr));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
	cg_fault_if(g, FAULT_BADADDR, s->addr);
}

/* r2 = the position, r4 = the work area + r2 (stores go to r4 + WS_OUT). */
static void cursor(struct cg *g, const struct net *s)
{
	ld(g, R2, s->p);
	cg_emit(g, ALU64_IMM(BPF_AND, R2, 63));
	cg_emit(g, LDX_MEM(BPF_DW, R4, R10, s->ws));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R2));
}

/* Move the cursor (r2, r4) by r0 (0 or 1: the byte stored is kept). */
static void advance(struct cg *g)
{
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R0));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R0));
}

/* r0 = 1 if r3 > limit, else 0 (small non-negative values). */
static void above(struct cg *g, int32_t limit)
{
	cg_emit(g, MOV64_IMM(R0, limit));
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R3));
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
}

/* A decimal digit of the byte in r3, (r3 / div) % 10, kept if r3 >
 * limit (limit < 0: always). */
static void dec_digit(struct cg *g, int32_t div, int32_t limit)
{
	cg_emit(g, MOV64_REG(R1, R3));
	if (div > 1)
		cg_emit(g, ALU64_IMM(BPF_DIV, R1, div));
	cg_emit(g, ALU64_IMM(BPF_MOD, R1, 10));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, '0'));
	cg_emit(g, STX_MEM(BPF_B, R4, R1, WS_OUT));
	if (limit >= 0)
		above(g, limit);
	else
		cg_emit(g, MOV64_IMM(R0, 1));
	advance(g);
}

/* The dotted quad of WS_NET's bytes 12-15 from the position on. */
static void quad(struct cg *g, const struct net *s)
{
	int head = loop_begin(g, R5);
	cursor(g, s);
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, s->ws));
	cg_emit(g, ALU64_REG(BPF_ADD, R3, R5));
	cg_emit(g, LDX_MEM(BPF_B, R3, R3, WS_NET + 12));
	dec_digit(g, 100, 99);
	dec_digit(g, 10, 9);
	dec_digit(g, 1, -1);
	cg_emit(g, ST_MEM(BPF_B, R4, WS_OUT, '.'));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, 1));
	st(g, s->p, R2);
	loop_end(g, R5, head, 4);
	ld(g, R2, s->p);			/* the last '.' goes */
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, -1));
	st(g, s->p, R2);
}

/* reg = group r5 of the address, from network order (clobbers r1). */
static void load_group(struct cg *g, const struct net *s, int reg)
{
	cg_emit(g, LDX_MEM(BPF_DW, reg, R10, s->ws));
	cg_emit(g, MOV64_REG(R1, R5));
	cg_emit(g, ALU64_IMM(BPF_LSH, R1, 1));
	cg_emit(g, ALU64_REG(BPF_ADD, reg, R1));
	cg_emit(g, LDX_MEM(BPF_H, reg, reg, WS_NET));
	cg_emit(g, INSN(BPF_ALU | BPF_END | BPF_TO_BE, reg, 0, 0, 16));
	cg_emit(g, ALU64_IMM(BPF_AND, reg, 0xffff));
}

/* bs, bl = the first longest run of zero groups, at least two long
 * (else bs NO_RUN, bl 0): with cur the run ending at group i,
 * cur = (cur + 1) * zero; if cur > bl, bl = cur and bs = i + 1 - cur. */
static void zero_run(struct cg *g, const struct net *s)
{
	st_imm(g, s->cur, 0);
	st_imm(g, s->bl, 0);
	st_imm(g, s->bs, NO_RUN);
	int head = loop_begin(g, R5);
	load_group(g, s, R0);
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, -1));	/* r0 = group == 0 */
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
	ld(g, R1, s->cur);
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, 1));
	cg_emit(g, ALU64_REG(BPF_MUL, R1, R0));
	st(g, s->cur, R1);
	ld(g, R2, s->bl);			/* r3 = cur > bl */
	cg_emit(g, MOV64_REG(R3, R2));
	cg_emit(g, ALU64_REG(BPF_SUB, R3, R1));
	cg_emit(g, ALU64_IMM(BPF_RSH, R3, 63));
	cg_emit(g, MOV64_REG(R0, R1));		/* bl += (cur - bl) * r3 */
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R2));
	cg_emit(g, ALU64_REG(BPF_MUL, R0, R3));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R0));
	st(g, s->bl, R2);
	cg_emit(g, MOV64_REG(R0, R5));		/* bs += (i+1-cur-bs) * r3 */
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, 1));
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R1));
	ld(g, R2, s->bs);
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R2));
	cg_emit(g, ALU64_REG(BPF_MUL, R0, R3));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R0));
	st(g, s->bs, R2);
	loop_end(g, R5, head, 8);
	ld(g, R2, s->bl);			/* r3 = bl > 1: keep it */
	cg_emit(g, MOV64_IMM(R3, 1));
	cg_emit(g, ALU64_REG(BPF_SUB, R3, R2));
	cg_emit(g, ALU64_IMM(BPF_RSH, R3, 63));
	cg_emit(g, ALU64_REG(BPF_MUL, R2, R3));
	st(g, s->bl, R2);
	ld(g, R1, s->bs);
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, -NO_RUN));
	cg_emit(g, ALU64_REG(BPF_MUL, R1, R3));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, NO_RUN));
	st(g, s->bs, R1);
}

/* dst = 1 if src >= 0 (signed), else 0. */
static void nonneg(struct cg *g, int dst, int src)
{
	cg_emit(g, MOV64_REG(dst, src));
	cg_emit(g, ALU64_IMM(BPF_XOR, dst, -1));
	cg_emit(g, ALU64_IMM(BPF_RSH, dst, 63));
}

/* dst = 1 if src == 0, src small (signed): src <= 0 and src >= 0. */
static void is_zero(struct cg *g, int dst, int src, int tmp)
{
	cg_emit(g, MOV64_REG(dst, src));
	cg_emit(g, ALU64_IMM(BPF_ADD, dst, -1));
	cg_emit(g, ALU64_IMM(BPF_RSH, dst, 63));
	nonneg(g, tmp, src);
	cg_emit(g, ALU64_REG(BPF_AND, dst, tmp));
}

/* For group i (r5): inrun = bs <= i < bs + bl; r3 = the colons before
 * it: 2 where the run starts, none inside it or just after it, else 1
 * (none before the first group). */
static void colons(struct cg *g, const struct net *s)
{
	cg_emit(g, MOV64_REG(R1, R5));		/* r1 = d = i - bs */
	ld(g, R2, s->bs);
	cg_emit(g, ALU64_REG(BPF_SUB, R1, R2));
	ld(g, R2, s->bl);
	nonneg(g, R0, R1);			/* r0 = inrun */
	cg_emit(g, MOV64_REG(R3, R1));
	cg_emit(g, ALU64_REG(BPF_SUB, R3, R2));
	cg_emit(g, ALU64_IMM(BPF_RSH, R3, 63));
	cg_emit(g, ALU64_REG(BPF_AND, R0, R3));
	st(g, s->inrun, R0);
	is_zero(g, R3, R1, R4);			/* r3 = 2 * (d == 0) */
	cg_emit(g, ALU64_IMM(BPF_LSH, R3, 1));
	cg_emit(g, ALU64_REG(BPF_SUB, R1, R2));	/* r1 = d - bl == 0 */
	is_zero(g, R2, R1, R4);
	cg_emit(g, MOV64_REG(R1, R2));
	cg_emit(g, ALU64_IMM(BPF_XOR, R1, 1));	/* r1 = !after && !inrun */
	cg_emit(g, ALU64_IMM(BPF_XOR, R0, 1));
	cg_emit(g, ALU64_REG(BPF_AND, R1, R0));
	cg_emit(g, MOV64_IMM(R0, 0));		/* && i > 0 */
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R5));
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
	cg_emit(g, ALU64_REG(BPF_AND, R1, R0));
	cg_emit(g, ALU64_REG(BPF_ADD, R3, R1));
}

/* Hex digit k (from 0, the lowest) of the group in r3, kept if the
 * group has more digits than k; the lowest if the group is not in the
 * run (a group in it is zero, so it keeps no higher digit). */
static void hex_digit(struct cg *g, const struct net *s, int k)
{
	cg_emit(g, MOV64_REG(R1, R3));
	cg_emit(g, ALU64_IMM(BPF_RSH, R1, 4 * k));
	cg_emit(g, ALU64_IMM(BPF_AND, R1, 15));
	cg_emit(g, MOV64_IMM(R0, 9));		/* past 9 a letter */
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R1));
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
	cg_emit(g, ALU64_IMM(BPF_MUL, R0, 'a' - '0' - 10));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R0));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, '0'));
	cg_emit(g, STX_MEM(BPF_B, R4, R1, WS_OUT));
	if (k > 0) {
		above(g, (1 << 4 * k) - 1);
	} else {
		ld(g, R0, s->inrun);
		cg_emit(g, ALU64_IMM(BPF_AND, R0, 1));
		cg_emit(g, ALU64_IMM(BPF_XOR, R0, 1));
	}
	advance(g);
}

/* The eight groups from the position on, the zero run as "::". */
static void groups(struct cg *g, const struct net *s)
{
	zero_run(g, s);
	int head = loop_begin(g, R5);
	colons(g, s);
	cursor(g, s);
	cg_emit(g, ST_MEM(BPF_B, R4, WS_OUT, ':'));
	cg_emit(g, ST_MEM(BPF_B, R4, WS_OUT + 1, ':'));
	cg_emit(g, MOV64_REG(R0, R3));
	advance(g);
	load_group(g, s, R3);
	for (int k = 3; k >= 0; k--)
		hex_digit(g, s, k);
	st(g, s->p, R2);
	loop_end(g, R5, head, 8);
}

/* WS_OUT starts with pre; the position is after it. */
static void prefix(struct cg *g, const struct net *s, const char *pre)
{
	int i;
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, s->ws));
	for (i = 0; pre[i]; i++)
		cg_emit(g, ST_MEM(BPF_B, R1, WS_OUT + i, pre[i]));
	st_imm(g, s->p, i);
}

/* The IPv6 address in WS_NET; an embedded IPv4 one leaves by the jumps
 * added to q (to the dotted quad of its last four bytes), with its
 * prefix if strict; the rest are printed and leave by the jump
 * returned.  Embedded: five zero groups, then 0xffff (mapped), or a
 * zero group and a last 32 bits above 1 (compatible). */
static int ipv6(struct cg *g, const struct net *s, int strict, int *q,
		int *nq)
{
	int v6[4], mapped, compat[3];

	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, s->ws));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R1, WS_NET));
	v6[0] = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, LDX_MEM(BPF_H, R0, R1, WS_NET + 8));
	v6[1] = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, LDX_MEM(BPF_H, R0, R1, WS_NET + 10));
	mapped = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0xffff, 0));
	v6[2] = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, LDX_MEM(BPF_H, R0, R1, WS_NET + 12));
	compat[0] = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, LDX_MEM(BPF_B, R0, R1, WS_NET + 14));
	compat[1] = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, LDX_MEM(BPF_B, R0, R1, WS_NET + 15));
	compat[2] = cg_jump(g, JMP_IMM(BPF_JGT, R0, 1, 0));
	v6[3] = cg_jump(g, JA(0));
	cg_land(g, mapped);
	if (strict)
		prefix(g, s, "::ffff:");
	q[(*nq)++] = cg_jump(g, JA(0));
	for (int i = 0; i < 3; i++)
		cg_land(g, compat[i]);
	if (strict)
		prefix(g, s, "::");
	q[(*nq)++] = cg_jump(g, JA(0));
	for (int i = 0; i < 4; i++)
		cg_land(g, v6[i]);
	groups(g, s);
	return cg_jump(g, JA(0));
}

/* The illegal operation fault unless the af in stack slot af is Linux's
 * AF_INET or AF_INET6 (dtrace_dif_subr's check). */
static void check_af(struct cg *g, int af)
{
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, af));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, JMP_IMM(BPF_JEQ, R1, LINUX_AF_INET, 2));
	cg_emit(g, JMP_IMM(BPF_JEQ, R1, LINUX_AF_INET6, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_ILLOP, 0);
}

/* inet_ntoa6's flag must be a constant (as in DTrace): whether an
 * embedded IPv4 address keeps its prefix. */
static int strict_flag(struct cg *g, struct node *n)
{
	struct node *f = n->a->next;
	if (!f)
		return 0;
	if (!f->is_const)
		diag_error(g->dp->diag, f->line, "D_PROTO_ARG", "inet_ntoa6( ) "
			   "argument #2 must be an integer constant");
	return f->cval != 0;
}

void cg_inet(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n), st0 = cg_temp_bytes(g, n, 40);
	struct net s = { st0, st0 + 8, st0 + 16, st0 + 24, st0 + 32, 0, 0 };
	int ntop = n->id == CALL_INET_NTOP, af = 0, q[3], nq = 0, done = -1;
	struct node *addr = ntop ? n->a->next : n->a;
	int strict = ntop || (n->id == CALL_INET_NTOA6 && strict_flag(g, n));

	s.ws = ws_push(g);
	if (ntop) {
		cg_expr(g, n->a);
		af = cg_push(g);
	}
	cg_expr(g, addr);
	s.addr = cg_push(g);
	if (ntop)
		check_af(g, af);
	st_imm(g, s.p, 0);
	if (n->id != CALL_INET_NTOA) {
		int v4 = -1;
		if (ntop) {
			cg_emit(g, LDX_MEM(BPF_DW, R1, R10, af));
			v4 = cg_jump(g, JMP_IMM(BPF_JNE, R1, LINUX_AF_INET6, 0));
		}
		read_addr(g, &s, 0, 16);
		done = ipv6(g, &s, strict, q, &nq);
		if (v4 >= 0)
			cg_land(g, v4);
	}
	if (n->id != CALL_INET_NTOA6)
		read_addr(g, &s, 12, 4);
	for (int i = 0; i < nq; i++)
		cg_land(g, q[i]);
	quad(g, &s);
	if (done >= 0)
		cg_land(g, done);
	cursor(g, &s);
	cg_emit(g, ST_MEM(BPF_B, R4, WS_OUT, 0));
	cg_emit(g, MOV64_IMM(R4, WS_OUT));
	copy_str(g, t, s.ws, R4, -1);
	g->depth -= ntop ? 3 : 2;
}
