/* cg_dvar.c - dynamic variables: associative arrays (a[k...]) and
 * thread-local self-> variables, each a BPF hash map of its own.
 *
 * The key is built in a statement temporary: for self-> the thread
 * (pid_tgid) first, then each key as 8 bytes or a zero-padded STRSIZE
 * string, so that equal tuples are equal bytes.  A missing element reads
 * as 0 (or ""), storing 0 deletes it, and a store the full map refuses
 * is counted as a dynamic variable drop.
 */
#include "cg.h"
#include "stack.h"
#include "builtins.h"
#include "types.h"

#define DEFAULT_DYNVARSIZE	(1u << 20)	/* DTrace's dynvarsize */

static uint32_t key_size(const struct dtype *t)
{
	return type_is_string(t) ? STRBUF : 8;
}

static uint32_t dvar_ksize(const struct var *v)
{
	uint32_t size = v->kind == VAR_SELF ? 16 : 8;	/* id [, thread] */
	for (int i = 0; i < v->nkeys; i++)
		size += key_size(v->keys[i]);
	return size;
}

static uint32_t dvar_vsize(const struct var *v)
{
	return v->type->kind == DT_STRING ? STRBUF : 8;
}

static int dvar_map(struct cg *g, struct var *v)
{
	if (!v->map) {
		uint64_t total = g->dp->opt->dynvarsize ? g->dp->opt->dynvarsize
							: DEFAULT_DYNVARSIZE;
		/* the id and thread words do not count against the space */
		uint32_t fixed = v->kind == VAR_SELF ? 16 : 8;
		uint64_t n = total / (dvar_ksize(v) - fixed + dvar_vsize(v));
		/* a thread's own variable always has room for one thread, as
		 * in Oracle's DTrace (tvar/tst.store_zero_nop) */
		if (v->kind == VAR_SELF && n == 0)
			n = 1;
		v->id = ++g->dp->ndvars;
		v->map = dmap_shared(g->dp, BPF_MAP_TYPE_HASH, dvar_ksize(v),
				  dvar_vsize(v), n > 1u << 20 ?
				  1u << 20 : (uint32_t)n, "dt_dvar");
	}
	return v->map;
}

/* The string r0 points to into the key slot of size bytes at off,
 * zero-padded; or, comm set, the thread's name (get_current_comm pads
 * its 16 bytes itself). */
static void key_string(struct cg *g, int comm, uint32_t off, uint32_t size)
{
	for (uint32_t i = 0; i < size; i += 8)	/* 6.1 does not pad comm */
		cg_emit(g, ST_MEM(BPF_DW, R7, off + i, 0));
	if (!comm)
		cg_emit(g, MOV64_REG(R3, R0));
	cg_scratch_addr(g, R1, off);
	cg_emit(g, MOV64_IMM(R2, comm ? 16 : size < STRSIZE ? size : STRSIZE));
	cg_emit(g, CALL_HELPER(comm ? BPF_FUNC_get_current_comm
				    : BPF_FUNC_probe_read_kernel_str));
}

void cg_key_tuple(struct cg *g, struct node *keys, uint32_t off,
		  const uint32_t *slots)
{
	int i = 0;
	for (struct node *k = keys ? keys->a : NULL; k; k = k->next, i++) {
		if (k->type->kind == DT_STACK) {	/* @[stack()] */
			cg_stack_key(g, k, off);
			off += k->type->size;
		} else if (type_is_usym(k->type) && slots) {
			cg_usym_key(g, k, off);		/* @[usym(pc)] */
			off += 16;
		} else if (type_is_string(k->type)) {
			uint32_t size = slots ? slots[i] : STRBUF;
			int comm = k->kind == N_IDENT && !k->var &&
				   k->id == B_EXECNAME && size >= 16;
			if (!comm)
				cg_string(g, k);
			key_string(g, comm, off, size);
			off += size;
		} else {
			cg_expr(g, k);
			cg_emit(g, STX_MEM(BPF_DW, R7, R0, off));
			off += 8;
		}
	}
}

uint32_t cg_dvar_key(struct cg *g, struct node *lv)
{
	struct var *v = lv->var;
	uint32_t key = cg_temp_bytes(g, lv, dvar_ksize(v));

	dvar_map(g, v);
	cg_emit(g, ST_MEM(BPF_DW, R7, key, v->id));
	if (v->kind == VAR_SELF) {
		cg_emit(g, CALL_HELPER(BPF_FUNC_get_current_pid_tgid));
		cg_emit(g, STX_MEM(BPF_DW, R7, R0, key + 8));
	}
	if (lv->kind == N_INDEX)
		cg_key_tuple(g, lv->b, key + (v->kind == VAR_SELF ? 16 : 8), NULL);
	return key;
}

/* r0 = the element's value map address, or NULL. */
static void lookup(struct cg *g, struct var *v, uint32_t key)
{
	cg_ld_map(g, R1, dvar_map(g, v));
	cg_scratch_addr(g, R2, key);
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_lookup_elem));
}

void cg_dvar_load(struct cg *g, struct var *v, uint32_t key)
{
	lookup(g, v, key);
	if (v->type->kind == DT_STRING)	/* missing: NULL, as in DTrace */
		return;
	int missing = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_emit(g, LDX_MEM(BPF_DW, R0, R0, 0));
	cg_land(g, missing);
}

/* Store r0 (an integer, or a string's buffer); r0 keeps the value.  0,
 * or a NULL string, deletes the element (DTRACE_DYNVAR_DEALLOC). */
void cg_dvar_store(struct cg *g, struct var *v, uint32_t key)
{
	int str = v->type->kind == DT_STRING, at = cg_push(g);
	int del = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));

	cg_ld_map(g, R1, dvar_map(g, v));
	cg_scratch_addr(g, R2, key);
	if (str) {
		cg_emit(g, MOV64_REG(R3, R0));
	} else {
		cg_emit(g, MOV64_REG(R3, R10));
		cg_emit(g, ALU64_IMM(BPF_ADD, R3, at));
	}
	cg_emit(g, MOV64_IMM(R4, BPF_ANY));
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_update_elem));
	int ok = cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_count_drop(g, DROP_DYNVAR);
	int done = cg_jump(g, JA(0));
	cg_land(g, del);
	cg_ld_map(g, R1, dvar_map(g, v));
	cg_scratch_addr(g, R2, key);
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_delete_elem));
	cg_land(g, done);
	cg_land(g, ok);
	cg_pop(g, R0);
}
