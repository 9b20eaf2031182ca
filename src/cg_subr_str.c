/* cg_subr_str.c - the subroutines that loop over a string's bytes:
 * strchr, strrchr, toupper, tolower, basename, dirname, index, rindex,
 * strstr, strtok and cleanpath.  See cg_subr.h for the shape of every loop: a
 * counter in a register, all that the data decides in scratch memory. */
#include "cg_subr.h"
#include "calls.h"
#include "subr.h"

/* dst = the byte at (the string at stack slot s) + idx. */
static void load_byte(struct cg *g, int dst, int s, int idx)
{
	cg_emit(g, LDX_MEM(BPF_DW, dst, R10, s));
	cg_emit(g, ALU64_REG(BPF_ADD, dst, idx));
	cg_emit(g, LDX_MEM(BPF_B, dst, dst, 0));
}

/* r0 = t if (scratch at pos) holds a position in the string at stack
 * slot s, with the rest of that string copied to t; else NULL. */
static void rest_from(struct cg *g, uint32_t t, int s, uint32_t pos)
{
	ld(g, R4, pos);
	int nul = cg_jump(g, JMP_IMM(BPF_JSLT, R4, 0, 0));
	int nul2 = bound(g, R4, STRSIZE - 1);
	cg_emit(g, MOV64_IMM(R5, STRSIZE));
	cg_emit(g, ALU64_REG(BPF_SUB, R5, R4));
	copy_str(g, t, s, R4, R5);
	int done = cg_jump(g, JA(0));
	cg_land(g, nul);
	cg_land(g, nul2);
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_land(g, done);
}

/* strchr(s, c), strrchr(s, c): the rest of s from c's first or last
 * occurrence (c may be the NUL), or NULL. */
void cg_strchr(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n), pos = cg_temp_bytes(g, n, 8);
	int last = n->id == CALL_STRRCHR, s = str_arg(g, n->a);

	cg_expr(g, n->a->next);
	cg_emit(g, ALU64_IMM(BPF_AND, R0, 0xff));
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, s));
	st_imm(g, pos, -1);
	int head = loop_begin(g, R3), found = -1;
	cg_emit(g, MOV64_REG(R4, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R3));
	cg_emit(g, LDX_MEM(BPF_B, R4, R4, 0));
	if (last) {			/* pos += (byte == c) * (i - pos) */
		cg_emit(g, MOV64_REG(R0, R4));
		cg_emit(g, ALU64_REG(BPF_XOR, R0, R2));
		cg_emit(g, ALU64_IMM(BPF_ADD, R0, -1));
		cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
		ld(g, R5, pos);
		cg_emit(g, ALU64_REG(BPF_SUB, R5, R3));
		cg_emit(g, ALU64_REG(BPF_MUL, R5, R0));
		cg_emit(g, ALU64_IMM(BPF_MUL, R5, -1));
		ld(g, R0, pos);
		cg_emit(g, ALU64_REG(BPF_ADD, R5, R0));
		st(g, pos, R5);
	} else {
		cg_emit(g, JMP_REG(BPF_JNE, R4, R2, 2));
		st(g, pos, R3);
		found = cg_jump(g, JA(0));
	}
	int end = exit_when(g, BPF_JEQ, R4, 0);
	loop_end(g, R3, head, STRSIZE);
	if (found >= 0)
		cg_land(g, found);
	cg_land(g, end);
	rest_from(g, t, s, pos);
	g->depth--;
}

/* r0 = the length of the string at stack slot s, copied to t. */
static void copy_len(struct cg *g, uint32_t t, int s)
{
	cg_scratch_addr(g, R1, t);
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, s));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	cg_emit(g, JMP_IMM(BPF_JSGT, R0, 0, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, -1));
	cg_emit(g, JMP_IMM(BPF_JLE, R0, STRSIZE - 1, 1));
	cg_emit(g, MOV64_IMM(R0, STRSIZE - 1));
}

/* toupper(s), tolower(s): a copy, changed in place. */
void cg_case(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n);
	int up = n->id == CALL_TOUPPER, s = str_arg(g, n->a);

	copy_len(g, t, s);
	int head = loop_begin(g, R3);
	cg_emit(g, MOV64_REG(R4, R7));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R3));
	cg_emit(g, LDX_MEM(BPF_B, R5, R4, t));
	int end = exit_when(g, BPF_JEQ, R5, 0);
	/* flip bit 5 of a letter of the case, without a branch:
	 * (first - 1 - c) >> 63 & (c - last - 1) >> 63 */
	cg_emit(g, MOV64_IMM(R0, (up ? 'a' : 'A') - 1));
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R5));
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));
	cg_emit(g, MOV64_REG(R1, R5));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, -((up ? 'z' : 'Z') + 1)));
	cg_emit(g, ALU64_IMM(BPF_RSH, R1, 63));
	cg_emit(g, ALU64_REG(BPF_AND, R0, R1));
	cg_emit(g, ALU64_IMM(BPF_LSH, R0, 5));
	cg_emit(g, ALU64_REG(BPF_XOR, R5, R0));
	cg_emit(g, STX_MEM(BPF_B, R4, R5, t));
	loop_end(g, R3, head, STRSIZE);
	cg_land(g, end);
	g->depth--;
	cg_scratch_addr(g, R0, t);
}

/* From the position in scratch at in, backwards through the copy at t
 * to the first byte that is (slash) or is not (!slash) '/': its index,
 * or -1, into scratch at out. */
static void scan_back(struct cg *g, uint32_t t, uint32_t in, uint32_t out,
		      int slash)
{
	ld(g, R2, in);
	int head = loop_begin(g, R3);
	cg_emit(g, MOV64_REG(R4, R2));
	cg_emit(g, ALU64_REG(BPF_SUB, R4, R3));
	int neg = exit_when(g, BPF_JSLT, R4, 0);
	int big = bound(g, R4, STRSIZE - 1);
	cg_emit(g, MOV64_REG(R5, R7));
	cg_emit(g, ALU64_REG(BPF_ADD, R5, R4));
	cg_emit(g, LDX_MEM(BPF_B, R5, R5, t));
	int found = exit_when(g, slash ? BPF_JEQ : BPF_JNE, R5, '/');
	loop_end(g, R3, head, STRSIZE);
	cg_land(g, neg);
	cg_land(g, big);
	cg_emit(g, MOV64_IMM(R4, -1));
	cg_land(g, found);
	st(g, out, R4);
}

/* basename(s), dirname(s) as DTrace finds them: back from the end past
 * slashes (the basename's last byte), to a slash (its first), past
 * slashes again (the dirname's last); "." for an empty string. */
void cg_pathname(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n), v = cg_temp_bytes(g, n, 24);
	int dir = n->id == CALL_DIRNAME, s = str_arg(g, n->a);

	copy_len(g, t, s);
	int dot = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, -1));
	st(g, v, R0);
	scan_back(g, t, v, v, 0);		/* lastbase */
	scan_back(g, t, v, v + 8, 1);		/* firstbase - 1 */
	scan_back(g, t, v + 8, v + 16, 0);	/* lastdir */
	ld(g, R1, v);
	ld(g, R2, v + 8);
	ld(g, R3, v + 16);
	cg_emit(g, JMP_IMM(BPF_JSLT, R2, 0, 1));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, 1));	/* firstbase, or -1 */
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 3));	/* all slashes: "/" */
	cg_emit(g, MOV64_IMM(R1, 0));
	cg_emit(g, MOV64_IMM(R2, 0));
	cg_emit(g, MOV64_IMM(R3, 0));
	int only_base = cg_jump(g, JMP_IMM(BPF_JSLT, R2, 0, 0));
	int have = cg_jump(g, JA(0));
	cg_land(g, only_base);		/* no slash: dirname is "." */
	int dot2 = dir ? cg_jump(g, JA(0)) : -1;
	if (!dir)
		cg_emit(g, MOV64_IMM(R2, 0));
	cg_land(g, have);
	if (dir) {			/* from 0 to lastdir (0 if -1) */
		cg_emit(g, JMP_IMM(BPF_JSGE, R3, 0, 1));
		cg_emit(g, MOV64_IMM(R3, 0));
		cg_emit(g, MOV64_IMM(R4, 0));
		cg_emit(g, MOV64_REG(R5, R3));
	} else {			/* from firstbase to lastbase */
		cg_emit(g, MOV64_REG(R4, R2));
		cg_emit(g, MOV64_REG(R5, R1));
	}
	cg_emit(g, ALU64_REG(BPF_SUB, R5, R4));
	cg_emit(g, ALU64_IMM(BPF_ADD, R5, 2));	/* the bytes, and the NUL */
	int bad1 = cg_jump(g, JMP_IMM(BPF_JSLT, R5, 1, 0));
	cg_emit(g, JMP_IMM(BPF_JLE, R5, STRSIZE, 1));
	cg_emit(g, MOV64_IMM(R5, STRSIZE));
	int bad2 = bound(g, R4, STRSIZE - 1);
	copy_str(g, t, s, R4, R5);
	int done = cg_jump(g, JA(0));
	cg_land(g, dot);
	if (dot2 >= 0)
		cg_land(g, dot2);
	cg_land(g, bad1);
	cg_land(g, bad2);
	cg_ld_map_value(g, R3, MAP_STR, strtab_add(g->dp, ".", 1));
	cg_scratch_addr(g, R1, t);
	cg_emit(g, MOV64_IMM(R2, 2));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	cg_scratch_addr(g, R0, t);
	cg_land(g, done);
	g->depth--;
}

/* Scratch variables of a substring search. */
enum { V_I = 0, V_K = 8, V_Q = 48, V_RES = 16, V_HI = 24, V_LEN = 32,
       V_SUB = 40, V_SIZE = 56 };

/* reg = 1 if reg (a byte, or a bounded index) is 0, else 0: without a
 * branch, so that a step of a search is one path for the verifier. */
static void is_zero(struct cg *g, int reg)
{
	cg_emit(g, ALU64_IMM(BPF_ADD, reg, -1));
	cg_emit(g, ALU64_IMM(BPF_RSH, reg, 63));
}

/* r0 = F[r2], the u16 table in the work area at stack slot ws; r4 is
 * then F's address less 2 * r2. */
static void table_at_k(struct cg *g, int ws)
{
	cg_emit(g, LDX_MEM(BPF_DW, R4, R10, ws));
	cg_emit(g, MOV64_REG(R0, R2));
	cg_emit(g, ALU64_IMM(BPF_LSH, R0, 1));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R0));
	cg_emit(g, LDX_MEM(BPF_H, R0, R4, WS_TAB));
}

/* One KMP step, r1 = the text's index, r2 = the border k, r3 = 1 if
 * the text's byte equals the pattern's byte k: r0 = F[k]; the index
 * advances if they are equal or k is 0; k becomes k + 1 if equal, else
 * F[k] (F[0] is 0).  r4 = whether the index advanced. */
static void kmp_step(struct cg *g, int ws)
{
	table_at_k(g, ws);
	cg_emit(g, MOV64_REG(R4, R2));
	is_zero(g, R4);
	cg_emit(g, ALU64_REG(BPF_OR, R4, R3));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, 1));
	cg_emit(g, ALU64_REG(BPF_SUB, R2, R0));
	cg_emit(g, ALU64_REG(BPF_MUL, R2, R3));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R0));
}

/* r3 = 1 if r3 == r4 (bytes), else 0. */
static void bytes_equal(struct cg *g)
{
	cg_emit(g, ALU64_REG(BPF_XOR, R3, R4));
	is_zero(g, R3);
}

/* Knuth-Morris-Pratt's table of needle (stack slot sub): F[q + 1] is
 * the longest proper border of needle[0..q].  A step extends a border
 * or falls back to a shorter one (rewriting F[q + 1] until q moves on):
 * 2 * STRSIZE steps at most. */
static void kmp_table(struct cg *g, uint32_t v, int sub, int ws)
{
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	cg_emit(g, ST_MEM(BPF_W, R0, WS_TAB, 0));	/* F[0], F[1] */
	st_imm(g, v + V_Q, 1);
	st_imm(g, v + V_K, 0);
	ld(g, R1, v + V_Q);
	ld(g, R2, v + V_K);
	int head = loop_begin(g, R5);
	int b1 = bound(g, R1, STRSIZE - 1);
	int b2 = bound(g, R2, STRSIZE - 1);
	load_byte(g, R3, sub, R1);
	int out = exit_when(g, BPF_JEQ, R3, 0);
	load_byte(g, R4, sub, R2);
	bytes_equal(g);
	kmp_step(g, ws);
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));	/* F[q + 1] = k */
	cg_emit(g, MOV64_REG(R3, R1));
	cg_emit(g, ALU64_IMM(BPF_LSH, R3, 1));
	cg_emit(g, ALU64_REG(BPF_ADD, R0, R3));
	cg_emit(g, STX_MEM(BPF_H, R0, R2, WS_TAB + 2));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R4));
	loop_end(g, R5, head, 2 * STRSIZE);
	cg_land(g, b1);
	cg_land(g, b2);
	cg_land(g, out);
}

/* The search of needle (slot sub) in s (slot s) from V_I: a match at
 * p <= V_HI goes to V_RES; the first one ends it, unless last.  Past
 * the needle's end its byte is NUL, which no text byte equals: a match
 * falls back to its border by itself. */
static void kmp_search(struct cg *g, uint32_t v, int s, int sub, int ws,
		       int last)
{
	int exits[8], ne = 0;
	st_imm(g, v + V_K, 0);
	ld(g, R1, v + V_I);
	ld(g, R2, v + V_K);
	int head = loop_begin(g, R5);
	exits[ne++] = bound(g, R1, STRSIZE - 1);
	exits[ne++] = bound(g, R2, STRSIZE - 1);
	cg_emit(g, MOV64_REG(R0, R1));		/* no match before hi left */
	cg_emit(g, ALU64_REG(BPF_SUB, R0, R2));
	ld(g, R3, v + V_HI);
	exits[ne++] = exit_when_reg(g, BPF_JSGT, R0, R3);
	load_byte(g, R3, sub, R2);
	int found = -1;
	if (last) {			/* res += match * (i - k - res) */
		cg_emit(g, MOV64_REG(R0, R3));
		is_zero(g, R0);
		ld(g, R4, v + V_RES);
		cg_emit(g, MOV64_REG(R3, R1));
		cg_emit(g, ALU64_REG(BPF_SUB, R3, R2));
		cg_emit(g, ALU64_REG(BPF_SUB, R3, R4));
		cg_emit(g, ALU64_REG(BPF_MUL, R3, R0));
		cg_emit(g, ALU64_REG(BPF_ADD, R4, R3));
		st(g, v + V_RES, R4);
		load_byte(g, R3, sub, R2);
	} else {
		found = exit_when(g, BPF_JEQ, R3, 0);
	}
	load_byte(g, R4, s, R1);
	exits[ne++] = exit_when(g, BPF_JEQ, R4, 0);
	bytes_equal(g);
	kmp_step(g, ws);
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R4));
	loop_end(g, R5, head, 2 * STRSIZE);
	if (found >= 0) {
		int done = cg_jump(g, JA(0));
		cg_land(g, found);
		cg_emit(g, ALU64_REG(BPF_SUB, R1, R2));
		st(g, v + V_RES, R1);
		cg_land(g, done);
	}
	for (int i = 0; i < ne; i++)
		cg_land(g, exits[i]);
}

/* Where index() and rindex() look, as DTrace's (Perl's) positions
 * work: r1 = len, r2 = sublen, r3 = pos.  Either V_RES is decided (a
 * jump to the returned fixups) or V_I and V_HI bound a search. */
static int search_range(struct cg *g, uint32_t v, int rindex, int has_pos,
			int *fix)
{
	int nf = 0;
	st_imm(g, v + V_RES, -1);
	/* both empty: 0, whatever the position */
	cg_emit(g, JMP_IMM(BPF_JNE, R1, 0, 3));
	cg_emit(g, JMP_IMM(BPF_JNE, R2, 0, 2));
	st_imm(g, v + V_RES, 0);
	fix[nf++] = cg_jump(g, JA(0));
	if (!rindex) {
		if (!has_pos)
			cg_emit(g, MOV64_IMM(R3, 0));
		cg_emit(g, JMP_IMM(BPF_JSGE, R3, 0, 1));
		cg_emit(g, MOV64_IMM(R3, 0));
		int in = cg_jump(g, JMP_REG(BPF_JSLT, R3, R1, 0));
		cg_emit(g, JMP_IMM(BPF_JNE, R2, 0, 1));	/* "" past the end */
		st(g, v + V_RES, R1);
		fix[nf++] = cg_jump(g, JA(0));
		cg_land(g, in);
		st(g, v + V_I, R3);
		cg_mov_imm64(g, R4, STRSIZE);
		st(g, v + V_HI, R4);
	} else {
		if (!has_pos)
			cg_emit(g, MOV64_REG(R3, R1));
		int pos_ok = cg_jump(g, JMP_IMM(BPF_JSGE, R3, 0, 0));
		cg_emit(g, JMP_IMM(BPF_JNE, R2, 0, 1));
		st_imm(g, v + V_RES, 0);
		fix[nf++] = cg_jump(g, JA(0));
		cg_land(g, pos_ok);
		cg_emit(g, JMP_REG(BPF_JSLE, R3, R1, 1));
		cg_emit(g, MOV64_REG(R3, R1));
		cg_emit(g, MOV64_REG(R4, R1));		/* hi = min(pos, len - sublen) */
		cg_emit(g, ALU64_REG(BPF_SUB, R4, R2));
		cg_emit(g, JMP_REG(BPF_JSLE, R4, R3, 1));
		cg_emit(g, MOV64_REG(R4, R3));
		fix[nf++] = cg_jump(g, JMP_IMM(BPF_JSLT, R4, 0, 0));
		st(g, v + V_HI, R4);
		st_imm(g, v + V_I, 0);
		int go = cg_jump(g, JMP_IMM(BPF_JNE, R2, 0, 0));
		st(g, v + V_RES, R4);		/* "" matches at hi */
		fix[nf++] = cg_jump(g, JA(0));
		cg_land(g, go);
		return nf;
	}
	/* index: "" matches at the start */
	int go = cg_jump(g, JMP_IMM(BPF_JNE, R2, 0, 0));
	st(g, v + V_RES, R3);
	fix[nf++] = cg_jump(g, JA(0));
	cg_land(g, go);
	return nf;
}

/* index(s, t [, pos]), rindex(s, t [, pos]): t's first (last) position
 * in s from (up to) pos, or -1; strstr(s, t): s from t's first
 * position, or NULL. */
void cg_strindex(struct cg *g, struct node *n)
{
	struct node *pos = n->a->next->next;
	int rindex = n->id == CALL_RINDEX, strstr = n->id == CALL_STRSTR;
	uint32_t t = strstr ? cg_temp(g, n) : 0;
	uint32_t v = cg_temp_bytes(g, n, V_SIZE);
	int ws = ws_push(g), s = str_arg(g, n->a), sub = str_arg(g, n->a->next);
	int fix[8];

	if (pos) {
		cg_expr(g, pos);
		st(g, v + V_HI, R0);
	}
	str_len(g, s, ws);
	st(g, v + V_LEN, R0);
	str_len(g, sub, ws);
	cg_emit(g, MOV64_REG(R2, R0));
	ld(g, R1, v + V_LEN);
	if (pos)
		ld(g, R3, v + V_HI);
	int nf = search_range(g, v, rindex, pos != NULL, fix);
	kmp_table(g, v, sub, ws);
	kmp_search(g, v, s, sub, ws, rindex);
	for (int i = 0; i < nf; i++)
		cg_land(g, fix[i]);
	if (strstr)
		rest_from(g, t, s, v + V_RES);
	else
		ld(g, R0, v + V_RES);
	g->depth -= 3;
}

/* dst = the delimiter bitmap's byte for the character in c (tmp may be
 * dst); r0 = its address less WS_MAP. */
static void bitmap_byte(struct cg *g, int dst, int c, int tmp, int ws)
{
	cg_emit(g, MOV64_REG(tmp, c));
	cg_emit(g, ALU64_IMM(BPF_RSH, tmp, 3));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	cg_emit(g, ALU64_REG(BPF_ADD, R0, tmp));
	cg_emit(g, LDX_MEM(BPF_B, dst, R0, WS_MAP));
}

/* strtok(s, delims): the next token of s, or with s NULL of the string
 * the last call on this CPU was given (kept in the work area, as DTrace
 * keeps a pointer); NULL when no token is left. */
void cg_strtok(struct cg *g, struct node *n)
{
	struct node *str = n->a;
	uint32_t t = cg_temp(g, n), v = cg_temp_bytes(g, n, 16);
	int ws = ws_push(g), d = str_arg(g, str->next);

	if (str->is_const && str->cval == 0) {	/* go on: if there is one */
		cg_emit(g, LDX_MEM(BPF_DW, R1, R10, ws));
		cg_emit(g, LDX_MEM(BPF_DW, R1, R1, WS_TOK_VALID));
		cg_emit(g, MOV64_IMM(R0, 0));
		cg_emit(g, JMP_IMM(BPF_JNE, R1, 0, 1));
		cg_emit(g, MOV64_IMM(R0, 1));
		cg_fault_if(g, FAULT_BADADDR, 0);
	} else {
		int s = str_arg(g, str);
		cg_emit(g, LDX_MEM(BPF_DW, R1, R10, ws));
		cg_emit(g, ALU64_IMM(BPF_ADD, R1, WS_TOK_BUF));
		cg_emit(g, MOV64_IMM(R2, STRSIZE));
		cg_emit(g, LDX_MEM(BPF_DW, R3, R10, s));
		cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
		cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
		cg_emit(g, ST_MEM(BPF_DW, R0, WS_TOK_VALID, 1));
		cg_emit(g, ST_MEM(BPF_DW, R0, WS_TOK_OFF, 0));
		g->depth--;
	}
	/* the delimiters' bitmap */
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	for (int i = 0; i < 32; i += 8)
		cg_emit(g, ST_MEM(BPF_DW, R0, WS_MAP + i, 0));
	int head = loop_begin(g, R5);
	load_byte(g, R1, d, R5);
	int end = exit_when(g, BPF_JEQ, R1, 0);
	bitmap_byte(g, R3, R1, R2, ws);
	cg_emit(g, MOV64_REG(R4, R1));
	cg_emit(g, ALU64_IMM(BPF_AND, R4, 7));
	cg_emit(g, MOV64_IMM(R2, 1));
	cg_emit(g, ALU64_REG(BPF_LSH, R2, R4));
	cg_emit(g, ALU64_REG(BPF_OR, R3, R2));
	cg_emit(g, STX_MEM(BPF_B, R0, R3, WS_MAP));
	loop_end(g, R5, head, STRSIZE);
	cg_land(g, end);
	/* past delimiters to the token's start (v), then to its end (v+8) */
	for (int pass = 0; pass < 2; pass++) {
		int stop[4], ns = 0;
		if (pass == 0) {
			cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
			cg_emit(g, LDX_MEM(BPF_DW, R2, R0, WS_TOK_OFF));
		} else {
			ld(g, R2, v);
		}
		head = loop_begin(g, R5);
		cg_emit(g, MOV64_REG(R1, R2));
		cg_emit(g, ALU64_REG(BPF_ADD, R1, R5));
		stop[ns++] = bound(g, R1, STRSIZE - 1);
		cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
		cg_emit(g, ALU64_REG(BPF_ADD, R0, R1));
		cg_emit(g, LDX_MEM(BPF_B, R3, R0, WS_TOK_BUF));
		stop[ns++] = exit_when(g, BPF_JEQ, R3, 0);
		bitmap_byte(g, R4, R3, R4, ws);
		cg_emit(g, MOV64_REG(R0, R3));
		cg_emit(g, ALU64_IMM(BPF_AND, R0, 7));
		cg_emit(g, ALU64_REG(BPF_RSH, R4, R0));
		cg_emit(g, ALU64_IMM(BPF_AND, R4, 1));
		int found = exit_when(g, pass ? BPF_JNE : BPF_JEQ, R4, 0);
		loop_end(g, R5, head, STRSIZE);
		if (pass == 0) {	/* only delimiters left: NULL */
			for (int i = 0; i < ns; i++)
				cg_land(g, stop[i]);
			cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
			cg_emit(g, ST_MEM(BPF_DW, R0, WS_TOK_VALID, 0));
			cg_emit(g, MOV64_IMM(R0, 0));
			end = cg_jump(g, JA(0));
			cg_land(g, found);
			st(g, v, R1);
		} else {
			cg_emit(g, MOV64_REG(R1, R2));
			cg_emit(g, ALU64_REG(BPF_ADD, R1, R5));
			for (int i = 0; i < ns; i++)
				cg_land(g, stop[i]);
			cg_land(g, found);
			st(g, v + 8, R1);
		}
	}
	/* the token, and where the next call starts: its delimiter */
	ld(g, R4, v);
	ld(g, R5, v + 8);
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	cg_emit(g, STX_MEM(BPF_DW, R0, R5, WS_TOK_OFF));
	cg_emit(g, ALU64_REG(BPF_SUB, R5, R4));
	cg_emit(g, ALU64_IMM(BPF_ADD, R5, 1));
	int bad = bound(g, R4, STRSIZE - 1);
	cg_emit(g, JMP_IMM(BPF_JLE, R5, STRSIZE, 1));
	cg_emit(g, MOV64_IMM(R5, STRSIZE));
	cg_emit(g, JMP_IMM(BPF_JSGE, R5, 1, 1));
	cg_emit(g, MOV64_IMM(R5, 1));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R10, ws));
	cg_emit(g, ALU64_IMM(BPF_ADD, R3, WS_TOK_BUF));
	cg_emit(g, ALU64_REG(BPF_ADD, R3, R4));
	cg_emit(g, MOV64_REG(R2, R5));
	cg_scratch_addr(g, R1, t);
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	cg_land(g, bad);
	cg_scratch_addr(g, R0, t);
	cg_land(g, end);
	g->depth -= 2;
}

/* cleanpath(s) as illumos's loop reads it, one byte a step.  Its states:
 * 0 plain, 1 after '/', 2 after "/.", 3 after "/.." (nothing of these
 * written yet).  A byte either extends the state, or writes what is
 * pending with itself ("/..c", or the part of it read), or is the
 * second '/' of "//", "/./", "/../": for "/../" the output goes back to
 * its last slash (a stack of slash positions in WS_TAB, entry 0 a 0 for
 * "none": illumos stops at the start).  A step is one path for the
 * verifier: what it does comes from a table of 16 bytes, indexed by the
 * state and the byte's class (other, '/', '.'). */
enum { CP_S = 0, CP_J = 8, CP_SP = 16, CP_SIZE = 24 };	/* scratch */
/* An entry's fields: the next state in bits 0-1, then from these bits
 * the bytes written (3 bits), "/../" (back to the last slash), a '/'
 * written first (pushed), nothing written. */
enum { CP_ADV = 2, CP_BACK = 5, CP_PUSH = 6, CP_NONE = 7 };

/* The table's entry for state s and class k (0 other, 1 '/', 2 '.'). */
static unsigned cp_entry(int s, int k)
{
	int ns = 0, adv = 0, back = 0, push = 0;
	if (k == 1) {
		ns = 1;
		back = s == 3;
	} else if (k == 2 && (s == 1 || s == 2)) {
		ns = s + 1;
	} else {		/* write the pending "/.." part and the byte */
		adv = s + 1;
		push = s > 0;
	}
	return ns | adv << CP_ADV | back << CP_BACK | push << CP_PUSH |
	       (adv == 0) << CP_NONE;
}

/* Before the loop: state 0, nothing written, the stack's 0 entry, the
 * table in WS_MAP (strtok builds its bitmap there afresh each call),
 * and dest[0] '/': illumos leaves it unwritten when "/.." ends a path
 * that wrote nothing ("/..", "/./.."), whose answer is "/". */
static void cp_init(struct cg *g, uint32_t t, uint32_t v, int ws)
{
	st_imm(g, v + CP_S, 0);
	st_imm(g, v + CP_J, 0);
	st_imm(g, v + CP_SP, 0);
	cg_emit(g, ST_MEM(BPF_B, R7, t, '/'));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	cg_emit(g, ST_MEM(BPF_H, R0, WS_TAB, 0));
	for (int s = 0; s < 4; s++) {
		uint32_t w = 0;
		for (int k = 0; k < 3; k++)
			w |= cp_entry(s, k) << 8 * k;
		cg_emit(g, ST_MEM(BPF_W, R0, WS_MAP + 4 * s, (int32_t)w));
	}
}

/* r0 = the table's entry for the byte in r1 (not NUL) and the state. */
static void cp_lookup(struct cg *g, uint32_t v, int ws)
{
	cg_emit(g, MOV64_REG(R2, R1));		/* (c == '/') */
	cg_emit(g, ALU64_IMM(BPF_XOR, R2, '/'));
	is_zero(g, R2);
	cg_emit(g, MOV64_REG(R3, R1));		/* + 2 * (c == '.') */
	cg_emit(g, ALU64_IMM(BPF_XOR, R3, '.'));
	is_zero(g, R3);
	cg_emit(g, ALU64_IMM(BPF_LSH, R3, 1));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R3));
	ld(g, R3, v + CP_S);			/* + 4 * state */
	cg_emit(g, ALU64_IMM(BPF_AND, R3, 3));
	cg_emit(g, ALU64_IMM(BPF_LSH, R3, 2));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R3));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R10, ws));
	cg_emit(g, ALU64_REG(BPF_ADD, R0, R2));
	cg_emit(g, LDX_MEM(BPF_B, R0, R0, WS_MAP));
}

/* r0 = entry, r1 = c, r3 = j: "/.." at j, then c at j + adv - 1 (over
 * the part not pending).  Writing nothing, the same lands from j + 1 on,
 * past what is kept (dest[0] stays what illumos last wrote there); so
 * the step needs no branch.  r1 = j + adv.  To the verifier c may land
 * up to 2 bytes past t's strsize: need_slack. */
static void cp_write(struct cg *g, uint32_t t)
{
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, ALU64_IMM(BPF_RSH, R2, CP_NONE));	/* j + 2 * none */
	cg_emit(g, ALU64_IMM(BPF_LSH, R2, 1));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R3));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R7));
	cg_emit(g, ST_MEM(BPF_B, R2, t, '/'));
	cg_emit(g, ST_MEM(BPF_B, R2, t + 1, '.'));
	cg_emit(g, ST_MEM(BPF_B, R2, t + 2, '.'));
	cg_emit(g, MOV64_REG(R4, R0));
	cg_emit(g, ALU64_IMM(BPF_RSH, R4, CP_ADV));
	cg_emit(g, ALU64_IMM(BPF_AND, R4, 7));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R4));
	cg_emit(g, STX_MEM(BPF_B, R2, R1, t - 1));
	cg_emit(g, MOV64_REG(R1, R3));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R4));
}

/* r0 = entry, r1 = j + adv, r3 = j, r4 = sp: the slash stack.  j is
 * pushed above the top whether or not it counts; "/../" takes j from
 * the top (0 when empty) and pops it.  Stores j and sp. */
static void cp_stack(struct cg *g, uint32_t v, int ws)
{
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, ws));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R4));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R4));
	cg_emit(g, STX_MEM(BPF_H, R2, R3, WS_TAB + 2));
	cg_emit(g, LDX_MEM(BPF_H, R3, R2, WS_TAB));	/* j += back * (top - j) */
	cg_emit(g, ALU64_REG(BPF_SUB, R3, R1));
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, ALU64_IMM(BPF_RSH, R2, CP_BACK));
	cg_emit(g, ALU64_IMM(BPF_AND, R2, 1));
	cg_emit(g, ALU64_REG(BPF_MUL, R3, R2));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R3));
	st(g, v + CP_J, R1);
	cg_emit(g, MOV64_REG(R3, R4));		/* sp -= back * (sp != 0) */
	cg_emit(g, ALU64_IMM(BPF_NEG, R3, 0));
	cg_emit(g, ALU64_IMM(BPF_RSH, R3, 63));
	cg_emit(g, ALU64_REG(BPF_AND, R3, R2));
	cg_emit(g, ALU64_REG(BPF_SUB, R4, R3));
	cg_emit(g, MOV64_REG(R3, R0));		/* sp += push */
	cg_emit(g, ALU64_IMM(BPF_RSH, R3, CP_PUSH));
	cg_emit(g, ALU64_IMM(BPF_AND, R3, 1));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R3));
	st(g, v + CP_SP, R4);
}

/* The loop over s's bytes: to the returned fixups when full (illumos
 * stops once j + 5 >= strsize: room for "/..c" and the NUL), falling
 * through at the NUL (or strsize bytes).  The bounds on j and sp never
 * fail (j stays below strsize - 5, sp below j); they are the verifier's. */
static int cp_loop(struct cg *g, uint32_t t, uint32_t v, int s, int ws,
		   int *full)
{
	int nf = 0;
	int head = loop_begin(g, R5);
	load_byte(g, R1, s, R5);
	int nul = exit_when(g, BPF_JEQ, R1, 0);
	cp_lookup(g, v, ws);
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, ALU64_IMM(BPF_AND, R2, 3));
	st(g, v + CP_S, R2);
	ld(g, R3, v + CP_J);
	full[nf++] = bound(g, R3, STRSIZE - 6);
	cp_write(g, t);
	ld(g, R4, v + CP_SP);
	full[nf++] = bound(g, R4, STRSIZE - 1);
	cp_stack(g, v, ws);
	full[nf++] = exit_when(g, BPF_JGE, R1, STRSIZE - 5);
	loop_end(g, R5, head, STRSIZE);
	cg_land(g, nul);
	return nf;
}

/* At the NUL, what the state left pending: "/" or "/." written as they
 * are; "/.." back to the last slash, kept ("/foo/bar/.." is "/foo/";
 * without one, dest[0] is kept: "foo/.." is "f").  Stores the length. */
static void cp_end(struct cg *g, uint32_t t, uint32_t v, int ws, int *full,
		   int *nf)
{
	ld(g, R3, v + CP_S);
	ld(g, R1, v + CP_J);
	full[(*nf)++] = bound(g, R1, STRSIZE - 6);
	int plain = cg_jump(g, JMP_IMM(BPF_JEQ, R3, 0, 0));
	int dotdot = cg_jump(g, JMP_IMM(BPF_JEQ, R3, 3, 0));
	cg_emit(g, MOV64_REG(R2, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R7));
	cg_emit(g, ST_MEM(BPF_B, R2, t, '/'));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, 1));
	int slash = cg_jump(g, JMP_IMM(BPF_JNE, R3, 2, 0));
	cg_emit(g, ST_MEM(BPF_B, R2, t + 1, '.'));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, 1));
	int done = cg_jump(g, JA(0));
	cg_land(g, dotdot);
	ld(g, R4, v + CP_SP);
	full[(*nf)++] = bound(g, R4, STRSIZE - 1);
	cg_emit(g, LDX_MEM(BPF_DW, R2, R10, ws));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R4));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R4));
	cg_emit(g, LDX_MEM(BPF_H, R1, R2, WS_TAB));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, 1));
	cg_land(g, plain);
	cg_land(g, slash);
	cg_land(g, done);
	st(g, v + CP_J, R1);
}

/* cleanpath(s): "//" as "/", "/./" dropped, "/../" back over the last
 * component, as illumos's dtrace_dif_subr does it, quirks and all (a
 * trailing "/." stays; "foo/../bar" is "/bar"; writing stops within 5
 * bytes of strsize). */
void cg_cleanpath(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n), v = cg_temp_bytes(g, n, CP_SIZE);
	int ws = ws_push(g), s = str_arg(g, n->a), full[8], nf = 0;

	if (STRSIZE > 5) {		/* else illumos stops before a byte */
		need_slack(g);
		cp_init(g, t, v, ws);
		nf = cp_loop(g, t, v, s, ws, full);
		cp_end(g, t, v, ws, full, &nf);
	} else {
		st_imm(g, v + CP_J, 0);
	}
	for (int i = 0; i < nf; i++)
		cg_land(g, full[i]);
	ld(g, R1, v + CP_J);		/* the NUL at j */
	cg_emit(g, JMP_IMM(BPF_JLE, R1, STRSIZE - 1, 1));
	cg_emit(g, MOV64_IMM(R1, 0));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R7));
	cg_emit(g, ST_MEM(BPF_B, R1, t, 0));
	g->depth -= 2;
	cg_scratch_addr(g, R0, t);
}
