/* cg.c - D expressions and clauses to eBPF.
 *
 * One program per site: a prologue finds the scratch value and, for a
 * shared site, which probe fired and which clauses it enables; then each
 * clause in order: its mask bit, the exit flag, the predicate, the
 * statements building one record in scratch, and the ring buffer output.
 * Register use and value representation are described in cg.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cg.h"
#include "stack.h"
#include "builtins.h"
#include "calls.h"
#include "lex.h"
#include "subr.h"
#include "types.h"
#include "util.h"


/* Stack slots r10-24 down to r10-208: a program and the ERROR
 * subprogram it calls share BPF's 512 bytes of stack. */
#define MAXDEPTH	24
#define ERR(n, ...) diag_error(g->dp->diag, (n)->line, "D_UNKNOWN", __VA_ARGS__)

void cg_emit(struct cg *g, struct bpf_insn i)
{
	ebuf_add(g->b, i);
}

static int slot(int d)
{
	return -24 - 8 * d;
}

int cg_push(struct cg *g)
{
	if (g->depth == MAXDEPTH)
		diag_error(g->dp->diag, 0, "D_UNKNOWN", "expression is too complex");
	cg_emit(g, STX_MEM(BPF_DW, R10, R0, slot(g->depth)));
	return slot(g->depth++);
}

void cg_pop(struct cg *g, int reg)
{
	cg_emit(g, LDX_MEM(BPF_DW, reg, R10, slot(--g->depth)));
}

void cg_ld_map(struct cg *g, int reg, int m)
{
	ebuf_imm64(g->b, reg, BPF_PSEUDO_MAP_FD, m);
}

void cg_ld_map_value(struct cg *g, int reg, int m, uint32_t off)
{
	ebuf_imm64(g->b, reg, BPF_PSEUDO_MAP_VALUE, (uint64_t)off << 32 | m);
}

void cg_scratch_addr(struct cg *g, int reg, uint32_t off)
{
	cg_emit(g, MOV64_REG(reg, R7));
	cg_emit(g, ALU64_IMM(BPF_ADD, reg, off));
}

void cg_mov_imm64(struct cg *g, int reg, int64_t v)
{
	if (v >= INT32_MIN && v <= INT32_MAX)
		cg_emit(g, MOV64_IMM(reg, (int32_t)v));
	else
		ebuf_imm64(g->b, reg, 0, (uint64_t)v);
}

/* ---- jumps ---- */

int cg_jump(struct cg *g, struct bpf_insn i)
{
	cg_emit(g, i);
	return g->b->n - 1;
}

void cg_land(struct cg *g, int at)
{
	g->b->insn[at].off = g->b->n - at - 1;
}

static void add_fixup(int **list, int *n, int at)
{
	*list = realloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = at;
}

void cg_to_end(struct cg *g, struct bpf_insn i)
{
	add_fixup(&g->to_end, &g->nend, cg_jump(g, i));
}

void cg_fault_if(struct cg *g, enum fault code, int addr_slot)
{
	int skip = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_emit(g, ST_MEM(BPF_W, R7, FAULT_OFF + FREC_ACT, g->stmt));
	cg_emit(g, ST_MEM(BPF_W, R7, FAULT_OFF + FREC_CODE, code));
	cg_emit(g, ST_MEM(BPF_W, R7, FAULT_OFF + FREC_PC, g->b->n));
	if (addr_slot) {
		cg_emit(g, LDX_MEM(BPF_DW, R1, R10, addr_slot));
		cg_emit(g, STX_MEM(BPF_DW, R7, R1, FAULT_OFF + FREC_ADDR));
	} else {
		cg_emit(g, ST_MEM(BPF_DW, R7, FAULT_OFF + FREC_ADDR, 0));
	}
	add_fixup(&g->to_fault, &g->nfault, cg_jump(g, JA(0)));
	cg_land(g, skip);
}

uint32_t cg_temp_bytes(struct cg *g, struct node *n, uint32_t size)
{
	size = (size + 7) & ~7u;
	if (g->tmp_next + size > TEMP_OFF + TEMP_SIZE)
		ERR(n, "statement needs more than %d bytes of temporaries",
		    TEMP_SIZE);
	uint32_t off = g->tmp_next;
	g->tmp_next += size;
	return off;
}

uint32_t cg_temp(struct cg *g, struct node *n)
{
	return cg_temp_bytes(g, n, STRSIZE);
}

/* ---- integers ---- */

/* Re-extend r to the width and signedness of t. */
void cg_normalize(struct cg *g, int reg, const struct dtype *t)
{
	if (!type_is_integer(t) || t->size >= 8 || t->size == 0)
		return;
	int sh = 64 - 8 * t->size;
	if (t->is_signed) {
		cg_emit(g, ALU64_IMM(BPF_LSH, reg, sh));
		cg_emit(g, ALU64_IMM(BPF_ARSH, reg, sh));
	} else if (t->size == 4) {
		cg_emit(g, MOV32_REG(reg, reg));
	} else {
		cg_emit(g, ALU64_IMM(BPF_AND, reg, (1 << (8 * t->size)) - 1));
	}
}

/* r0 = the size-byte value at the kernel address in r0. */
void cg_load_kernel(struct cg *g, int size, int is_signed)
{
	int at = cg_push(g);		/* the address, for a fault */
	cg_emit(g, ST_MEM(BPF_DW, R10, -8, 0));
	cg_emit(g, MOV64_REG(R3, R0));
	cg_emit(g, MOV64_REG(R1, R10));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, -8));
	cg_emit(g, MOV64_IMM(R2, size));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
	cg_fault_if(g, FAULT_BADADDR, at);
	g->depth--;
	static const int sz[9] = { 0, BPF_B, BPF_H, 0, BPF_W, 0, 0, 0, BPF_DW };
	cg_emit(g, LDX_MEM(sz[size], R0, R10, -8));
	if (is_signed && size < 8) {
		cg_emit(g, ALU64_IMM(BPF_LSH, R0, 64 - 8 * size));
		cg_emit(g, ALU64_IMM(BPF_ARSH, R0, 64 - 8 * size));
	}
}

/* Arrays, structs and unions: a variable holds the bytes, and its value
 * in an expression is their address. */
static int is_aggregate(const struct dtype *t)
{
	t = type_resolve(t);
	return t->kind == DT_STRUCT || t->kind == DT_UNION ||
	       t->kind == DT_ARRAY;
}

/* r0 = the value of type t at the address in r0 (aggregates: as is). */
static void load_typed(struct cg *g, const struct dtype *t)
{
	if (is_aggregate(t) || t->kind == DT_FUNC)
		return;
	int size = t->size;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		size = 8;
	cg_alloca_load_check(g, size);
	cg_load_kernel(g, size, t->is_signed && t->kind != DT_PTR);
}

/* ---- strings ---- */

/* r0 = a temporary holding the string at the address in r0. */
static void copy_kernel_str(struct cg *g, struct node *n)
{
	uint32_t t = cg_temp(g, n);
	int at = cg_push(g);
	cg_emit(g, MOV64_REG(R3, R0));
	cg_scratch_addr(g, R1, t);
	cg_emit(g, MOV64_IMM(R2, STRSIZE));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	cg_emit(g, ALU64_IMM(BPF_RSH, R0, 63));	/* negative: a fault */
	cg_fault_if(g, FAULT_BADADDR, at);
	g->depth--;
	cg_scratch_addr(g, R0, t);
}

void cg_string(struct cg *g, struct node *n)
{
	cg_expr(g, n);
	if (n->type->kind != DT_STRING)
		copy_kernel_str(g, n);
	else if (subr_may_be_null(n))	/* reading NULL faults */
		cg_null_fault(g);
}

/* A comparison's operand: a NULL string compares as "" (dtrace_strncmp). */
static void cmp_string(struct cg *g, struct node *n)
{
	if (n->type->kind == DT_STRING && subr_may_be_null(n)) {
		cg_expr(g, n);
		cg_null_to_empty(g);
	} else {
		cg_string(g, n);
	}
}

/* r0 = strcmp(r1, r0) as -1, 0, 1 (both strings in BPF memory). */
static void emit_strcmp(struct cg *g)
{
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, MOV64_IMM(R3, 0));
	int loop = g->b->n;
	cg_emit(g, MOV64_REG(R4, R1));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R3));
	cg_emit(g, LDX_MEM(BPF_B, R4, R4, 0));
	cg_emit(g, MOV64_REG(R5, R2));
	cg_emit(g, ALU64_REG(BPF_ADD, R5, R3));
	cg_emit(g, LDX_MEM(BPF_B, R5, R5, 0));
	int diff = cg_jump(g, JMP_REG(BPF_JNE, R4, R5, 0));
	int eq = cg_jump(g, JMP_IMM(BPF_JEQ, R4, 0, 0));
	cg_emit(g, ALU64_IMM(BPF_ADD, R3, 1));
	cg_emit(g, JMP_IMM(BPF_JLT, R3, STRSIZE, loop - g->b->n - 1));
	cg_land(g, eq);
	cg_emit(g, MOV64_IMM(R0, 0));
	int done = cg_jump(g, JA(0));
	cg_land(g, diff);
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, JMP_REG(BPF_JGT, R4, R5, 1));
	cg_emit(g, MOV64_IMM(R0, -1));
	cg_land(g, done);
}

void cg_store_string(struct cg *g, int base, uint32_t off)
{
	cg_store_string_n(g, base, off, STRSIZE);
}

void cg_store_string_n(struct cg *g, int base, uint32_t off, uint32_t size)
{
	cg_emit(g, MOV64_REG(R3, R0));
	cg_emit(g, MOV64_REG(R1, base));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, off));
	cg_emit(g, MOV64_IMM(R2, size));
	cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
	cg_emit(g, MOV64_REG(R0, base));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, off));
}

/* ---- variables ---- */

static uint32_t var_off(struct cg *g, struct var *v)
{
	uint32_t size = v->type->kind == DT_STRING ? STRBUF :
			is_aggregate(v->type) ? (v->type->size + 7) & ~7u : 8;
	if (v->off)
		return v->off;
	if (v->kind == VAR_GLOBAL) {
		if (g->dp->globsize < GLOB_STATE)
			g->dp->globsize = GLOB_STATE;
		v->off = g->dp->globsize;
		g->dp->globsize += size;
	} else {
		if (g->dp->scratchsize < THIS_OFF)
			g->dp->scratchsize = THIS_OFF;
		v->off = g->dp->scratchsize;
		g->dp->scratchsize += size;
		if (g->dp->scratchsize > SCRATCH_MAX)
			diag_error(g->dp->diag, 0, "D_UNKNOWN", "too many this-> "
				   "variables (%d bytes of scratch space)",
				   SCRATCH_MAX);
	}
	return v->off;
}

static int var_base(struct var *v)
{
	return v->kind == VAR_GLOBAL ? R8 : R7;
}

static void load_var(struct cg *g, struct var *v)
{
	uint32_t off = var_off(g, v);
	if (v->type->kind == DT_STRING || is_aggregate(v->type)) {
		cg_emit(g, MOV64_REG(R0, var_base(v)));
		cg_emit(g, ALU64_IMM(BPF_ADD, R0, off));
	} else {
		cg_emit(g, LDX_MEM(BPF_DW, R0, var_base(v), off));
	}
}

static void store_var(struct cg *g, struct var *v)
{
	uint32_t off = var_off(g, v);
	if (v->type->kind == DT_STRING)
		cg_store_string(g, var_base(v), off);
	else if (is_aggregate(v->type))	/* a struct: its bytes at r0 */
		cg_store_string_n(g, var_base(v), off, v->type->size);
	else
		cg_emit(g, STX_MEM(BPF_DW, var_base(v), R0, off));
}

/* r0 = the address of element n of a D array variable, in its map
 * value; an index out of bounds faults. */
static void elem_addr(struct cg *g, struct node *n)
{
	struct var *v = n->a->var;
	uint32_t es = v->type->ref->size, off = var_off(g, v);

	cg_expr(g, n->b->a);
	int ok = cg_jump(g, JMP_IMM(BPF_JLT, R0, (int32_t)v->type->nelem, 0));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_fault_if(g, FAULT_BADADDR, 0);
	cg_land(g, ok);
	cg_emit(g, ALU64_IMM(BPF_MUL, R0, es));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, off));
	cg_emit(g, ALU64_REG(BPF_ADD, R0, var_base(v)));
}

static int bpf_size(uint32_t size)
{
	return size == 1 ? BPF_B : size == 2 ? BPF_H : size == 4 ? BPF_W
							      : BPF_DW;
}

/* Element n's value at the address in r1 into r0, extended. */
static void elem_load(struct cg *g, struct node *n)
{
	cg_emit(g, LDX_MEM(bpf_size(n->type->size), R0, R1, 0));
	cg_normalize(g, R0, n->type);
}

static int compound_op(int op)
{
	return op == T_ADD_EQ ? '+' : op == T_SUB_EQ ? '-' :
	       op == T_MUL_EQ ? '*' : op == T_DIV_EQ ? '/' :
	       op == T_MOD_EQ ? '%' : op == T_AND_EQ ? '&' :
	       op == T_OR_EQ ? '|' : op == T_XOR_EQ ? '^' :
	       op == T_SHL_EQ ? T_SHL : T_SHR;
}

static void arith(struct cg *g, int op, const struct dtype *t);

/* a[i] = v, a[i] op= v, a[i]++: the element of a D array variable. */
static void cg_elem_update(struct cg *g, struct node *n)
{
	struct node *e = n->a;
	elem_addr(g, e);
	int at = cg_push(g);
	if (n->kind == N_ASSIGN && n->op == '=') {
		cg_expr(g, n->b);
	} else {
		cg_emit(g, MOV64_REG(R1, R0));
		elem_load(g, e);
		if (n->kind == N_ASSIGN) {
			cg_push(g);
			cg_expr(g, n->b);
			cg_pop(g, R1);
			arith(g, compound_op(n->op), e->type);
		} else {
			if (n->kind == N_POSTINC)
				cg_emit(g, STX_MEM(BPF_DW, R10, R0, at - 8));
			cg_emit(g, ALU64_IMM(BPF_ADD, R0, n->op == T_INC ? 1 : -1));
		}
	}
	cg_normalize(g, R0, e->type);
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, at));
	cg_emit(g, STX_MEM(bpf_size(e->type->size), R1, R0, 0));
	if (n->kind == N_POSTINC)
		cg_emit(g, LDX_MEM(BPF_DW, R0, R10, at - 8));
	g->depth--;
}

/* An lvalue's place: a dynamic variable's key (built now), else 0. */
static uint32_t lv_key(struct cg *g, struct node *lv)
{
	return lv->var->is_dynamic ? cg_dvar_key(g, lv) : 0;
}

static void lv_load(struct cg *g, struct var *v, uint32_t key)
{
	if (v->is_dynamic)
		cg_dvar_load(g, v, key);
	else
		load_var(g, v);
}

static void lv_store(struct cg *g, struct var *v, uint32_t key)
{
	if (v->is_dynamic)
		cg_dvar_store(g, v, key);
	else
		store_var(g, v);
}

/* ---- built-in variables ---- */

/* probeprov, probemod, probefunc, probename. */
static void probe_name_str(struct cg *g, int b)
{
	struct probe *p = g->site->first;
	if (!site_is_shared(g->site)) {
		const char *s = b == B_PROBEPROV ? p->prov : b == B_PROBEMOD ?
			p->mod : b == B_PROBEFUNC ? p->func : p->name;
		cg_ld_map_value(g, R0, MAP_STR, strtab_add(g->dp, s, strlen(s)));
		return;
	}
	/* The selector value holds strtab offsets; bound them for the
	 * verifier (load.c makes the strtab at least that big). */
	int field = offsetof(struct sel_value, prov) + 4 * (b - B_PROBEPROV);
	cg_emit(g, LDX_MEM(BPF_W, R1, R7, SITE_OFF + field));
	cg_emit(g, JMP_IMM(BPF_JLE, R1, STRTAB_MAX - STRSIZE, 1));
	cg_emit(g, MOV64_IMM(R1, 0));
	cg_ld_map_value(g, R0, MAP_STR, 0);
	cg_emit(g, ALU64_REG(BPF_ADD, R0, R1));
}

/* r0 = current->real_parent->tgid, through BTF offsets. */
static void emit_ppid(struct cg *g, struct node *n)
{
	struct dtype *ts = types_lookup_tag(NULL, DT_STRUCT, "task_struct");
	uint32_t rp, tg;
	if (!ts || !type_member(ts, "real_parent", &rp) ||
	    !type_member(ts, "tgid", &tg))
		ERR(n, "ppid needs struct task_struct in the kernel's BTF");
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_task));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, rp));
	cg_load_kernel(g, 8, 0);
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, tg));
	cg_load_kernel(g, 4, 1);
}

static void emit_vtimestamp(struct cg *g, struct node *n)
{
	struct dtype *ts = types_lookup_tag(NULL, DT_STRUCT, "task_struct");
	uint32_t se, rt;
	const struct dmember *m = ts ? type_member(ts, "se", &se) : NULL;
	if (!m || !type_member(m->type, "sum_exec_runtime", &rt))
		ERR(n, "vtimestamp needs struct task_struct in the kernel's BTF");
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_task));
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, se + rt));
	cg_load_kernel(g, 8, 0);
}

/* errno: what a syscall return probe returned, if it is an error. */
static void emit_errno(struct cg *g)
{
	struct probe *p = g->site->first;
	if (strcmp(p->prov, "syscall") || strcmp(p->name, "return")) {
		cg_emit(g, MOV64_IMM(R0, 0));
		return;
	}
	p->ops->emit_arg(g->b, p, 0);
	cg_emit(g, JMP_IMM(BPF_JSGE, R0, 0, 2));
	cg_emit(g, JMP_IMM(BPF_JSLT, R0, -4095, 1));
	cg_emit(g, JA(1));
	cg_emit(g, MOV64_IMM(R0, 0));
	cg_emit(g, ALU64_IMM(BPF_NEG, R0, 0));
}

static void cg_builtin(struct cg *g, struct node *n)
{
	int b = n->id;
	struct probe *p = g->site->first;
	uint32_t t;

	if (b <= B_ARG9) {
		p->ops->emit_arg(g->b, p, b - B_ARG0);
		return;
	}
	switch (b) {
	case B_EXECNAME:
		t = cg_temp(g, n);
		cg_scratch_addr(g, R1, t);
		cg_emit(g, MOV64_IMM(R2, 16));
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_comm));
		cg_scratch_addr(g, R0, t);
		return;
	case B_PID: case B_TID:
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_pid_tgid));
		if (b == B_PID)
			cg_emit(g, ALU64_IMM(BPF_RSH, R0, 32));
		else
			cg_emit(g, MOV32_REG(R0, R0));
		return;
	case B_UID: case B_GID:
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_uid_gid));
		if (b == B_GID)
			cg_emit(g, ALU64_IMM(BPF_RSH, R0, 32));
		else
			cg_emit(g, MOV32_REG(R0, R0));
		return;
	case B_PPID: emit_ppid(g, n); return;
	case B_CPU:
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_smp_processor_id));
		return;
	case B_TIMESTAMP:
		cg_emit(g, LDX_MEM(BPF_DW, R0, R7, TSTAMP_OFF));
		return;
	case B_WALLTIMESTAMP:
		cg_emit(g, LDX_MEM(BPF_DW, R0, R7, TSTAMP_OFF));
		cg_emit(g, LDX_MEM(BPF_DW, R1, R8, GLOB_WALL));
		cg_emit(g, ALU64_REG(BPF_ADD, R0, R1));
		return;
	case B_VTIMESTAMP: emit_vtimestamp(g, n); return;
	case B_PROBEPROV: case B_PROBEMOD: case B_PROBEFUNC: case B_PROBENAME:
		probe_name_str(g, b);
		return;
	case B_ERRNO: emit_errno(g); return;
	case B_CURTHREAD:
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_task));
		return;
	case B_ID: cg_emit(g, MOV64_REG(R0, R9)); return;
	case B_EPID: cg_emit(g, MOV64_IMM(R0, g->ecb->epid)); return;
	case B_STACKDEPTH: case B_USTACKDEPTH: case B_CALLER: case B_UCALLER:
		cg_stack_var(g, n);
		return;
	}
	ERR(n, "built-in variable %s is not supported yet", n->name);
}

/* ---- operators ---- */

static const struct dtype *promoted(const struct dtype *t)
{
	if (t->kind == DT_ENUM || (t->kind == DT_INT && t->size < 4))
		return &t_int;
	return t;
}

/* Whether C compares a and b as signed (the usual conversions). */
static int signed_cmp(const struct dtype *a, const struct dtype *b)
{
	if (!type_is_integer(a) || !type_is_integer(b))
		return 0;
	a = promoted(a);
	b = promoted(b);
	if (a->size != b->size)
		return a->size > b->size ? a->is_signed : b->is_signed;
	return a->is_signed && b->is_signed;
}

/* r0 = r1 / r0 or r1 % r0, signed: BPF's division is unsigned. */
static void signed_divmod(struct cg *g, int op)
{
	/* r4 = result sign (quotient: a^b, remainder: a), r1 = |a|, r0 = |b| */
	cg_emit(g, MOV64_REG(R4, R1));
	if (op == '/')
		cg_emit(g, ALU64_REG(BPF_XOR, R4, R0));
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 1));
	cg_emit(g, ALU64_IMM(BPF_NEG, R1, 0));
	cg_emit(g, JMP_IMM(BPF_JSGE, R0, 0, 1));
	cg_emit(g, ALU64_IMM(BPF_NEG, R0, 0));
	cg_emit(g, ALU64_REG(op == '/' ? BPF_DIV : BPF_MOD, R1, R0));
	cg_emit(g, JMP_IMM(BPF_JSGE, R4, 0, 1));
	cg_emit(g, ALU64_IMM(BPF_NEG, R1, 0));
	cg_emit(g, MOV64_REG(R0, R1));
}

static int alu_op(int op)
{
	switch (op) {
	case '+': return BPF_ADD;
	case '-': return BPF_SUB;
	case '*': return BPF_MUL;
	case '&': return BPF_AND;
	case '|': return BPF_OR;
	case '^': return BPF_XOR;
	case T_SHL: return BPF_LSH;
	}
	return -1;
}

static int cmp_op(int op, int sgn)
{
	switch (op) {
	case '<': return sgn ? BPF_JSLT : BPF_JLT;
	case '>': return sgn ? BPF_JSGT : BPF_JGT;
	case T_LE: return sgn ? BPF_JSLE : BPF_JLE;
	case T_GE: return sgn ? BPF_JSGE : BPF_JGE;
	case T_EQ: return BPF_JEQ;
	case T_NE: return BPF_JNE;
	}
	return -1;
}

/* r0 = r1 op r0 for integers of type t (its signedness picks the
 * division and right shift); a zero divisor faults. */
static void arith(struct cg *g, int op, const struct dtype *t)
{
	if (op == '/' || op == '%') {
		cg_emit(g, MOV64_REG(R2, R0));
		cg_emit(g, MOV64_IMM(R0, 0));
		cg_emit(g, JMP_IMM(BPF_JNE, R2, 0, 1));
		cg_emit(g, MOV64_IMM(R0, 1));
		cg_fault_if(g, FAULT_DIVZERO, 0);
		cg_emit(g, MOV64_REG(R0, R2));
		if (t->is_signed) {
			signed_divmod(g, op);
		} else {
			cg_emit(g, ALU64_REG(op == '/' ? BPF_DIV : BPF_MOD, R1, R0));
			cg_emit(g, MOV64_REG(R0, R1));
		}
	} else if (op == T_SHR) {
		cg_emit(g, ALU64_REG(t->is_signed ? BPF_ARSH : BPF_RSH, R1, R0));
		cg_emit(g, MOV64_REG(R0, R1));
	} else {
		cg_emit(g, ALU64_REG(alu_op(op), R1, R0));
		cg_emit(g, MOV64_REG(R0, R1));
	}
	/* D computes in 64 bits, as DIF's registers do: a value is cut to
	 * its type's width only when stored or cast */
}

/* r0 = (r1 op r0) for a comparison. */
static void compare(struct cg *g, int op, int sgn)
{
	cg_emit(g, MOV64_REG(R2, R0));
	cg_emit(g, MOV64_IMM(R0, 1));
	cg_emit(g, JMP_REG(cmp_op(op, sgn), R1, R2, 1));
	cg_emit(g, MOV64_IMM(R0, 0));
}

static uint32_t pointee_size(const struct dtype *t)
{
	uint32_t s = t->ref ? t->ref->size : 1;
	return s ? s : 1;
}

/* Pointer arithmetic: scale the integer side (in reg) by the pointee. */
static void scale(struct cg *g, int reg, const struct dtype *ptr)
{
	uint32_t s = pointee_size(ptr);
	if (s != 1)
		cg_emit(g, ALU64_IMM(BPF_MUL, reg, s));
}

static void cg_binop(struct cg *g, struct node *n)
{
	struct node *a = n->a, *b = n->b;
	if (n->op == ',') {
		cg_expr(g, a);
		cg_expr(g, b);
		return;
	}
	if (n->aux) {			/* string comparison */
		cmp_string(g, a);
		cg_push(g);
		cmp_string(g, b);
		cg_pop(g, R1);
		emit_strcmp(g);
		cg_emit(g, MOV64_REG(R1, R0));
		cg_emit(g, MOV64_IMM(R0, 0));
		compare(g, n->op, 1);
		return;
	}
	cg_expr(g, a);
	cg_push(g);
	cg_expr(g, b);
	cg_pop(g, R1);
	if (cmp_op(n->op, 0) >= 0) {
		compare(g, n->op, signed_cmp(a->type, b->type));
		return;
	}
	int pa = a->type->kind == DT_PTR, pb = b->type->kind == DT_PTR;
	if (pa && pb) {			/* ptr - ptr: elements apart */
		cg_emit(g, ALU64_REG(BPF_SUB, R1, R0));
		cg_emit(g, ALU64_IMM(BPF_ARSH, R1, 0));
		cg_emit(g, MOV64_REG(R0, R1));
		if (pointee_size(a->type) > 1) {
			cg_emit(g, MOV64_REG(R1, R0));
			cg_emit(g, MOV64_IMM(R0, pointee_size(a->type)));
			signed_divmod(g, '/');
		}
		return;
	}
	if (pa)
		scale(g, R0, a->type);
	if (pb)
		scale(g, R1, b->type);
	arith(g, n->op, n->type);
}

static void cg_logop(struct cg *g, struct node *n)
{
	cg_expr(g, n->a);
	if (n->op == T_LXOR) {
		cg_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 1));
		cg_emit(g, MOV64_IMM(R0, 1));
		cg_push(g);
		cg_expr(g, n->b);
		cg_pop(g, R1);
		cg_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 1));
		cg_emit(g, MOV64_IMM(R0, 1));
		cg_emit(g, ALU64_REG(BPF_XOR, R0, R1));
		return;
	}
	/* &&: either side false gives 0; ||: either side true gives 1 */
	int and = n->op == T_LAND, jop = and ? BPF_JEQ : BPF_JNE;
	int first = cg_jump(g, JMP_IMM(jop, R0, 0, 0));
	cg_expr(g, n->b);
	int second = cg_jump(g, JMP_IMM(jop, R0, 0, 0));
	cg_emit(g, MOV64_IMM(R0, and));
	int done = cg_jump(g, JA(0));
	cg_land(g, first);
	cg_land(g, second);
	cg_emit(g, MOV64_IMM(R0, !and));
	cg_land(g, done);
}

/* ---- lvalues, members, indexing ---- */

/* r0 = the address of n's storage, n being a member, *p or a[i]. */
static void cg_addr(struct cg *g, struct node *n)
{
	switch (n->kind) {
	case N_PTRMEMBER:
		cg_expr(g, n->a);
		cg_emit(g, ALU64_IMM(BPF_ADD, R0, n->cval));
		return;
	case N_MEMBER:
		cg_expr(g, n->a);		/* an aggregate: its address */
		cg_emit(g, ALU64_IMM(BPF_ADD, R0, n->cval));
		return;
	case N_UNOP:
		cg_expr(g, n->a);
		return;
	case N_INDEX: {
		const struct dtype *at = n->a->type;
		cg_expr(g, n->a);
		cg_push(g);
		cg_expr(g, n->b->a);
		uint32_t es = at->ref && at->ref->size ? at->ref->size : 1;
		if (es != 1)
			cg_emit(g, ALU64_IMM(BPF_MUL, R0, es));
		cg_pop(g, R1);
		cg_emit(g, ALU64_REG(BPF_ADD, R0, R1));
		return;
	}
	default:
		ERR(n, "cannot take the address of this expression");
	}
}

static void load_bitfield(struct cg *g, const struct dmember *m)
{
	int bytes = (m->bit_off + m->bits + 7) / 8;
	int size = bytes <= 1 ? 1 : bytes <= 2 ? 2 : bytes <= 4 ? 4 : 8;
	cg_load_kernel(g, size, 0);
	int top = 64 - m->bit_off - m->bits;
	cg_emit(g, ALU64_IMM(BPF_LSH, R0, top));
	cg_emit(g, ALU64_IMM(m->type->is_signed ? BPF_ARSH : BPF_RSH, R0,
			     64 - m->bits));
}

static void cg_member(struct cg *g, struct node *n)
{
	const struct dmember *m = n->aux;
	cg_addr(g, n);
	if (m && m->bits)
		load_bitfield(g, m);
	else
		load_typed(g, n->type);
}

static void cg_var(struct cg *g, struct node *n);

static void cg_index(struct cg *g, struct node *n)
{
	if (n->var) {
		cg_var(g, n);
		return;
	}
	if (n->id == N_STRING_CHAR) {	/* past the end: NUL */
		cg_string(g, n->a);
		cg_push(g);
		cg_expr(g, n->b->a);
		cg_pop(g, R1);
		cg_emit(g, MOV64_REG(R2, R0));
		cg_emit(g, MOV64_IMM(R0, 0));
		cg_emit(g, JMP_IMM(BPF_JGE, R2, STRSIZE, 3));
		cg_emit(g, ALU64_REG(BPF_ADD, R1, R2));
		cg_emit(g, LDX_MEM(BPF_B, R0, R1, 0));
		cg_normalize(g, R0, n->type);
		return;
	}
	if (n->id == N_ARRAY_ELEM) {
		elem_addr(g, n);
		cg_emit(g, MOV64_REG(R1, R0));
		elem_load(g, n);
		return;
	}
	if (n->id == -1) {		/* args[i] */
		struct probe *p = g->site->first;
		probe_args(p);
		p->ops->emit_arg(g->b, p, (int)n->cval);
		if (n->type->kind == DT_STRING)
			copy_kernel_str(g, n);
		return;
	}
	cg_addr(g, n);
	load_typed(g, n->type);
}

/* ---- assignment ---- */

/* *p = v, p[i] = v, p->m = v (and op=): into alloca()'s space. */
static int cg_deref_assign(struct cg *g, struct node *n)
{
	struct node *a = n->a;
	if (!(a->kind == N_UNOP && a->op == '*') && a->kind != N_PTRMEMBER &&
	    !(a->kind == N_INDEX && !a->var && a->id == 0))
		return 0;
	int str = a->type->kind == DT_STRING;
	uint32_t size = str ? STRSIZE : a->type->size;
	cg_addr(g, a);
	cg_alloca_store_addr(g, size);
	cg_emit(g, MOV64_REG(R0, R1));
	int at = cg_push(g);
	if (str) {			/* the string's bytes, as a variable's */
		cg_string(g, n->b);
		cg_emit(g, MOV64_REG(R3, R0));
		cg_emit(g, LDX_MEM(BPF_DW, R1, R10, at));
		cg_emit(g, MOV64_IMM(R2, STRSIZE));
		cg_emit(g, CALL_HELPER(BPF_FUNC_probe_read_kernel));
		cg_emit(g, LDX_MEM(BPF_DW, R0, R10, at));
		g->depth--;
		return 1;
	}
	if (n->op == '=') {
		cg_expr(g, n->b);
	} else {
		cg_emit(g, LDX_MEM(bpf_size(size), R0, R1, 0));
		cg_normalize(g, R0, a->type);
		cg_push(g);
		cg_expr(g, n->b);
		cg_pop(g, R1);
		arith(g, compound_op(n->op), a->type);
	}
	cg_normalize(g, R0, a->type);
	cg_emit(g, LDX_MEM(BPF_DW, R1, R10, at));
	cg_emit(g, STX_MEM(bpf_size(size), R1, R0, 0));
	g->depth--;
	return 1;
}

static void cg_assign(struct cg *g, struct node *n)
{
	if (n->a->kind == N_AGG) {
		cg_agg(g, n);
		return;
	}
	if (n->a->kind == N_INDEX && n->a->id == N_ARRAY_ELEM) {
		cg_elem_update(g, n);
		return;
	}
	if (cg_deref_assign(g, n))
		return;
	if (n->a->kind == N_MEMBER) {	/* x.a = v: into the variable */
		static const int sz[9] = { 0, BPF_B, BPF_H, 0, BPF_W,
					   0, 0, 0, BPF_DW };
		uint32_t size = n->a->type->size;
		cg_expr(g, n->b);
		cg_normalize(g, R0, n->a->type);
		cg_push(g);
		cg_addr(g, n->a);
		cg_emit(g, MOV64_REG(R1, R0));
		cg_pop(g, R0);
		cg_emit(g, STX_MEM(size <= 8 && sz[size] ? sz[size] : BPF_DW,
				   R1, R0, 0));
		return;
	}
	struct var *v = n->a->var;
	uint32_t key = lv_key(g, n->a);
	if (n->op == '=') {
		int null_at = 0;
		if (v->type->kind == DT_STRING && subr_may_be_null(n->b) &&
		    v->is_dynamic) {
			cg_expr(g, n->b);	/* NULL deletes the element */
		} else if (v->type->kind == DT_STRING &&
			   subr_may_be_null(n->b)) {
			/* a NULL string is stored as "", and the assignment's
			 * value stays NULL: (s = strtok(...)) != NULL */
			cg_expr(g, n->b);
			null_at = cg_push(g);
			cg_null_to_empty(g);
		} else if (v->type->kind == DT_STRING) {
			cg_string(g, n->b);
		} else {
			cg_expr(g, n->b);
			cg_normalize(g, R0, v->type);
		}
		lv_store(g, v, key);
		if (null_at) {
			cg_emit(g, LDX_MEM(BPF_DW, R1, R10, null_at));
			cg_emit(g, JMP_IMM(BPF_JNE, R1, 0, 1));
			cg_emit(g, MOV64_IMM(R0, 0));
			g->depth--;
		}
		return;
	}
	lv_load(g, v, key);
	cg_push(g);
	cg_expr(g, n->b);
	cg_pop(g, R1);
	int op = compound_op(n->op);
	if (v->type->kind == DT_PTR && (op == '+' || op == '-'))
		scale(g, R0, v->type);
	arith(g, op, v->type->kind == DT_PTR ? &t_ulong : v->type);
	lv_store(g, v, key);
}

static void cg_incdec(struct cg *g, struct node *n)
{
	if (n->a->kind == N_INDEX && n->a->id == N_ARRAY_ELEM) {
		cg_elem_update(g, n);
		return;
	}
	struct var *v = n->a->var;
	int step = v->type->kind == DT_PTR ? (int)pointee_size(v->type) : 1;
	uint32_t key = lv_key(g, n->a);
	lv_load(g, v, key);
	if (n->kind == N_POSTINC)
		cg_push(g);
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, n->op == T_INC ? step : -step));
	cg_normalize(g, R0, v->type);
	lv_store(g, v, key);
	if (n->kind == N_POSTINC)
		cg_pop(g, R0);
}

/* A variable's value: this->, self->, a global or an array element. */
static void cg_var(struct cg *g, struct node *n)
{
	lv_load(g, n->var, lv_key(g, n));
}

static void cg_ternary(struct cg *g, struct node *n)
{
	int str = n->type->kind == DT_STRING;
	cg_expr(g, n->a);
	int no = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	if (str) cg_string(g, n->b); else cg_expr(g, n->b);
	int done = cg_jump(g, JA(0));
	cg_land(g, no);
	if (str) cg_string(g, n->c); else cg_expr(g, n->c);
	cg_land(g, done);
}

static void cg_unop(struct cg *g, struct node *n)
{
	switch (n->op) {
	case '&':
		cg_addr(g, n->a);
		return;
	case '*':
		cg_expr(g, n->a);
		if (n->type->kind == DT_STRING) {	/* *(string *)p */
			cg_alloca_load_check(g, 1);
			copy_kernel_str(g, n);
			return;
		}
		load_typed(g, n->type);
		return;
	}
	cg_expr(g, n->a);
	switch (n->op) {
	case '-': cg_emit(g, ALU64_IMM(BPF_NEG, R0, 0)); break;
	case '~': cg_emit(g, ALU64_IMM(BPF_XOR, R0, -1)); break;
	case '!':
		cg_emit(g, MOV64_REG(R1, R0));
		cg_emit(g, MOV64_IMM(R0, 1));
		cg_emit(g, JMP_IMM(BPF_JEQ, R1, 0, 1));
		cg_emit(g, MOV64_IMM(R0, 0));
		return;
	}
	cg_normalize(g, R0, n->type);
}

static void cg_cast(struct cg *g, struct node *n)
{
	if (n->type->kind == DT_STRING) {
		cg_string(g, n->a);
		return;
	}
	cg_expr(g, n->a);
	if (n->type->kind != DT_VOID)
		cg_normalize(g, R0, n->type);
}

void cg_expr(struct cg *g, struct node *n)
{
	if (n->is_const && type_is_integer(n->type)) {
		cg_mov_imm64(g, R0, n->cval);
		return;
	}
	switch (n->kind) {
	case N_STR:
		cg_ld_map_value(g, R0, MAP_STR, strtab_add(g->dp, n->str, n->slen));
		return;
	case N_IDENT:
		if (n->var)
			load_var(g, n->var);
		else
			cg_builtin(g, n);
		return;
	case N_THIS: case N_SELF: cg_var(g, n); return;
	case N_BINOP: cg_binop(g, n); return;
	case N_LOGOP: cg_logop(g, n); return;
	case N_UNOP: cg_unop(g, n); return;
	case N_ASSIGN: cg_assign(g, n); return;
	case N_PREINC: case N_POSTINC: cg_incdec(g, n); return;
	case N_TERNARY: cg_ternary(g, n); return;
	case N_CALL: cg_call(g, n); return;
	case N_MEMBER: case N_PTRMEMBER: cg_member(g, n); return;
	case N_CAST: cg_cast(g, n); return;
	case N_STRINGOF: cg_string(g, n->a); return;
	case N_INDEX: cg_index(g, n); return;
	default:
		ERR(n, "%s is not supported by code generation yet",
		    ast_kind_name(n->kind));
	}
}

/* ---- statements and clauses ---- */

static void cg_stmts(struct cg *g, struct node *s);

static void cg_stmt(struct cg *g, struct node *s)
{
	g->tmp_next = TEMP_OFF;
	g->depth = 0;
	switch (s->kind) {
	case N_EXPR_STMT:
		g->stmt++;
		cg_expr(g, s->a);
		return;
	case N_IF: {
		g->stmt++;
		cg_expr(g, s->a);
		int no = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
		cg_stmts(g, s->b);
		if (s->c) {
			int done = cg_jump(g, JA(0));
			cg_land(g, no);
			cg_stmts(g, s->c);
			cg_land(g, done);
		} else {
			cg_land(g, no);
		}
		return;
	}
	case N_BLOCK:
		cg_stmts(g, s->a);
		return;
	default:
		return;
	}
}

static void cg_stmts(struct cg *g, struct node *s)
{
	for (; s; s = s->next)
		cg_stmt(g, s);
}

static struct ecb *ecb_new(struct dprog *dp, struct node *c)
{
	struct ecb *e = xcalloc(1, sizeof(*e));
	e->clause = c;
	e->recsize = REC_HDR;
	e->last = &e->acts;
	dp->ecbs = realloc(dp->ecbs, (dp->necbs + 1) * sizeof(*dp->ecbs));
	dp->ecbs[dp->necbs++] = e;
	e->epid = dp->necbs;
	return e;
}

static int clause_is_end(const struct site *s)
{
	return !strcmp(s->name, "dtrace:END");
}

/* The mask word of clauses 64 * w .. 64 * w + 63 into the selector copy
 * (none if the probe is gone from the map). */
static void load_mask_word(struct cg *g, int w)
{
	int mask = SITE_OFF + offsetof(struct sel_value, mask);

	cg_emit(g, ST_MEM(BPF_DW, R7, mask, 0));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, SELKEY_OFF));
	cg_emit(g, STX_MEM(BPF_DW, R10, R1, -16));
	cg_ld_map(g, R1, MAP_SEL);
	cg_emit(g, MOV64_REG(R2, R10));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, -16));
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_lookup_elem));
	cg_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 2));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R0, SEL_SIZE + 8 * (w - 1)));
	cg_emit(g, STX_MEM(BPF_DW, R7, R1, mask));
}

/* Skip the clause unless the probe enables it and tracing goes on. */
static void clause_guards(struct cg *g, int idx)
{
	if (site_is_shared(g->site)) {
		if (idx && idx % 64 == 0)
			load_mask_word(g, idx / 64);
		cg_emit(g, LDX_MEM(BPF_DW, R1, R7, SITE_OFF +
				   offsetof(struct sel_value, mask)));
		cg_emit(g, ALU64_IMM(BPF_RSH, R1, idx % 64));
		cg_emit(g, ALU64_IMM(BPF_AND, R1, 1));
		cg_to_end(g, JMP_IMM(BPF_JEQ, R1, 0, 0));
	}
	if (!clause_is_end(g->site)) {
		cg_emit(g, LDX_MEM(BPF_DW, R1, R8, GLOB_EXIT));
		cg_to_end(g, JMP_IMM(BPF_JNE, R1, 0, 0));
	}
	/* -x cpu=N: only what happens on that CPU (dtrace's own BEGIN and
	 * END run where dtrace runs, and always) */
	if (g->dp->opt->cpu >= 0 && strcmp(g->site->first->prov, "dtrace")) {
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_smp_processor_id));
		cg_to_end(g, JMP_IMM(BPF_JNE, R0, g->dp->opt->cpu, 0));
	}
}

static void write_header(struct cg *g)
{
	cg_emit(g, ST_MEM(BPF_W, R7, 0, g->ecb->epid));
	cg_emit(g, STX_MEM(BPF_W, R7, R9, 4));
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_smp_processor_id));
	cg_emit(g, STX_MEM(BPF_W, R7, R0, 8));
	cg_emit(g, ST_MEM(BPF_W, R7, 12, 0));
}

/* r1 = ringbuf, r2 = r7 + off, r3 = size: output, counting a drop.
 * The consumer reads at its switchrate, as DTrace's does, so a record
 * wakes it only once an eighth of the buffer is waiting (a wake-up per
 * record would cost more than the record), or when it ends tracing. */
static int has_exit(const struct ecb *e)
{
	for (const struct action *a = e ? e->acts : NULL; a; a = a->next)
		if (a->kind == ACT_EXIT)
			return 1;
	return 0;
}

static void output(struct cg *g, uint32_t off, uint32_t size)
{
	if (has_exit(g->ecb)) {
		cg_emit(g, MOV64_IMM(R4, BPF_RB_FORCE_WAKEUP));
	} else {
		cg_ld_map(g, R1, MAP_RB);
		cg_emit(g, MOV64_IMM(R2, BPF_RB_AVAIL_DATA));
		cg_emit(g, CALL_HELPER(BPF_FUNC_ringbuf_query));
		cg_emit(g, MOV64_IMM(R4, BPF_RB_NO_WAKEUP));
		cg_emit(g, JMP_IMM(BPF_JLT, R0, (int32_t)(rb_size(g->dp) / 8), 1));
		cg_emit(g, MOV64_IMM(R4, BPF_RB_FORCE_WAKEUP));
	}
	cg_ld_map(g, R1, MAP_RB);
	cg_scratch_addr(g, R2, off);
	cg_emit(g, MOV64_IMM(R3, size));
	cg_emit(g, CALL_HELPER(BPF_FUNC_ringbuf_output));
	int ok = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_count_drop(g, DROP_RECORD);
	cg_land(g, ok);
}

void cg_count_drop(struct cg *g, enum drop_kind k)
{
	cg_ld_map(g, R1, MAP_DROPS);
	cg_emit(g, MOV64_REG(R2, R10));
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, -16));
	cg_emit(g, ST_MEM(BPF_DW, R10, -16, 0));
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_lookup_elem));
	cg_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 3));
	cg_emit(g, LDX_MEM(BPF_DW, R1, R0, 8 * k));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, 1));
	cg_emit(g, STX_MEM(BPF_DW, R0, R1, 8 * k));
}

/* ERROR's arguments from the fault record, then the call. */
static void call_error(struct cg *g)
{
	static const int from[] = { FREC_EPID, FREC_ACT, FREC_PC, FREC_CODE };
	for (int i = 0; i < 4; i++) {
		cg_emit(g, LDX_MEM(BPF_W, R1, R7, FAULT_OFF + from[i]));
		cg_emit(g, STX_MEM(BPF_DW, R7, R1, ERRARGS_OFF + 8 * (i + 1)));
	}
	cg_emit(g, LDX_MEM(BPF_DW, R1, R7, FAULT_OFF + FREC_ADDR));
	cg_emit(g, STX_MEM(BPF_DW, R7, R1, ERRARGS_OFF + 8 * 5));
	cg_emit(g, ST_MEM(BPF_DW, R7, ERRARGS_OFF, 0));
	cg_scratch_addr(g, R1, ERRARGS_OFF);
	cg_emit(g, MOV64_REG(R2, R7));
	struct site *s = g->owner;
	add_fixup(&s->err_calls, &s->nerr_calls, g->b->n);
	cg_emit(g, INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
}

/* A fault ends the clause with a fault record instead of its own; one
 * in an ERROR clause is only counted, as DTrace counts its dblerrors. */
static void fault_handler(struct cg *g)
{
	if (!g->nfault)
		return;
	int skip = cg_jump(g, JA(0));
	for (int i = 0; i < g->nfault; i++)
		cg_land(g, g->to_fault[i]);
	if (g->in_error) {
		cg_count_drop(g, DROP_DBLERROR);
		add_fixup(&g->to_end, &g->nend, cg_jump(g, JA(0)));
		cg_land(g, skip);
		return;
	}
	cg_emit(g, ST_MEM(BPF_W, R7, FAULT_OFF, 0));
	cg_emit(g, STX_MEM(BPF_W, R7, R9, FAULT_OFF + 4));
	cg_emit(g, CALL_HELPER(BPF_FUNC_get_smp_processor_id));
	cg_emit(g, STX_MEM(BPF_W, R7, R0, FAULT_OFF + 8));
	cg_emit(g, ST_MEM(BPF_W, R7, FAULT_OFF + 12, 0));
	cg_emit(g, ST_MEM(BPF_W, R7, FAULT_OFF + FREC_EPID, g->ecb->epid));
	output(g, FAULT_OFF, FAULT_SIZE);
	call_error(g);
	add_fixup(&g->to_end, &g->nend, cg_jump(g, JA(0)));
	cg_land(g, skip);
}

/* Clause c for the probes of site s, appended to owner's program. */
/* timestamp and walltimestamp are read once a clause, as in DTrace: two
 * uses in one clause see the same time. */
static int uses_timestamp(const struct node *n)
{
	for (; n; n = n->next) {
		if (n->kind == N_IDENT && !n->var &&
		    (n->id == B_TIMESTAMP || n->id == B_WALLTIMESTAMP))
			return 1;
		if (uses_timestamp(n->a) || uses_timestamp(n->b) ||
		    uses_timestamp(n->c))
			return 1;
	}
	return 0;
}

static struct ecb *clause(struct dprog *dp, struct site *owner,
			  struct site *s, struct node *c, int idx, int in_error)
{
	struct cg g = { .dp = dp, .site = s, .owner = owner,
			.b = &owner->prog, .tmp_next = TEMP_OFF,
			.in_error = in_error };
	g.ecb = ecb_new(dp, c);
	clause_guards(&g, idx);
	cg_alloca_reset(&g);
	if (uses_timestamp(c->a) || uses_timestamp(c->b)) {
		cg_emit(&g, CALL_HELPER(BPF_FUNC_ktime_get_ns));
		cg_emit(&g, STX_MEM(BPF_DW, R7, R0, TSTAMP_OFF));
	}
	if (c->a) {
		cg_expr(&g, c->a);
		cg_to_end(&g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	}
	int header = g.b->n;
	write_header(&g);
	int header_end = g.b->n;
	cg_stmts(&g, c->b);
	/* A clause of assignments alone records nothing; an empty one
	 * records the probe (DTrace's default action). */
	if (g.nacts || !c->b) {
		/* exit()'s record always goes: the consumer stops on it */
		if (!has_exit(g.ecb))
			cg_buf_reserve(&g, clause_is_end(s));
		else
			ecb_dtrace_size(g.ecb);
		output(&g, 0, g.ecb->recsize);
	} else {	/* nor needs a header: "goto next" in its place */
		for (int i = header; i < header_end; i++)
			g.b->insn[i] = JA(0);
	}
	fault_handler(&g);
	for (int i = 0; i < g.nend; i++)
		cg_land(&g, g.to_end[i]);
	free(g.to_end);
	free(g.to_fault);
	return g.ecb;
}

struct ecb *cg_clause(struct dprog *dp, struct site *s, struct node *c,
		      int idx)
{
	return clause(dp, s, s, c, idx, 0);
}

/* r0 = 0; exit: where a program ends. */
static void leave(struct ebuf *b)
{
	ebuf_add(b, MOV64_IMM(R0, 0));
	ebuf_add(b, EXIT_INSN());
}

/* r0 = the value of m at the key in r10-16; none ends the program. */
static void lookup_or_leave(struct ebuf *b, enum map_id m)
{
	ebuf_imm64(b, R1, BPF_PSEUDO_MAP_FD, m);
	ebuf_add(b, MOV64_REG(R2, R10));
	ebuf_add(b, ALU64_IMM(BPF_ADD, R2, -16));
	ebuf_add(b, CALL_HELPER(BPF_FUNC_map_lookup_elem));
	ebuf_add(b, JMP_IMM(BPF_JNE, R0, 0, 2));
	leave(b);
}

/* A shared site's probe first: most events of a shared tracepoint (the
 * syscalls nobody traces) leave after one inlined array lookup.  r8 holds
 * the selector value until the scratch value is found, -8 the key. */
static void select_probe(struct ebuf *b, struct probe *p)
{
	p->ops->emit_selector(b, p);
	ebuf_add(b, STX_MEM(BPF_DW, R10, R0, -16));
	ebuf_add(b, STX_MEM(BPF_DW, R10, R0, -8));
	lookup_or_leave(b, MAP_SEL);
	ebuf_add(b, LDX_MEM(BPF_W, R9, R0, 0));
	ebuf_add(b, JMP_IMM(BPF_JNE, R9, 0, 2));	/* an array's hole */
	leave(b);
	ebuf_add(b, MOV64_REG(R8, R0));
}

/* The selector value and key into the scratch value, where clauses read
 * them. */
static void copy_selection(struct ebuf *b)
{
	for (int off = 0; off < SEL_SIZE; off += 8) {
		ebuf_add(b, LDX_MEM(BPF_DW, R1, R8, off));
		ebuf_add(b, STX_MEM(BPF_DW, R7, R1, SITE_OFF + off));
	}
	ebuf_add(b, LDX_MEM(BPF_DW, R1, R10, -8));
	ebuf_add(b, STX_MEM(BPF_DW, R7, R1, SELKEY_OFF));
}

void cg_site_begin(struct dprog *dp, struct site *s)
{
	struct ebuf *b = &s->prog;
	struct probe *p = s->first;

	(void)dp;
	ebuf_add(b, MOV64_REG(R6, R1));
	if (site_is_shared(s))
		select_probe(b, p);
	else
		ebuf_add(b, MOV64_IMM(R9, p->id));
	ebuf_add(b, ST_MEM(BPF_DW, R10, -16, 0));
	lookup_or_leave(b, MAP_SCRATCH);
	ebuf_add(b, MOV64_REG(R7, R0));
	if (site_is_shared(s))
		copy_selection(b);
	ebuf_imm64(b, R8, BPF_PSEUDO_MAP_VALUE, MAP_GLOB);
}

void cg_site_end(struct dprog *dp, struct site *s, struct site *err)
{
	struct ebuf *b = &s->prog;

	leave(b);
	if (!s->nerr_calls)		/* the verifier refuses dead code */
		return;
	for (int i = 0; i < s->nerr_calls; i++)
		b->insn[s->err_calls[i]].imm = b->n - s->err_calls[i] - 1;
	ebuf_add(b, MOV64_REG(R6, R1));
	ebuf_add(b, MOV64_REG(R7, R2));
	ebuf_imm64(b, R8, BPF_PSEUDO_MAP_VALUE, MAP_GLOB);
	for (int i = 0; err && i < err->nclauses; i++) {
		ebuf_add(b, MOV64_IMM(R9, err->first->id));
		check_clause(dp, err->clauses[i], err->first);
		clause(dp, s, err, err->clauses[i], i, 1);
	}
	leave(b);
}
