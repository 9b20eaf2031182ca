/* check_agg.c - aggregations: @name[keys] = func(args), the aggregating
 * functions' arguments, and the actions that take aggregations (printa,
 * clear, trunc, normalize, denormalize).  Messages and tags are DTrace's.
 *
 * An aggregation's function, key types and quantize parameters are fixed
 * by its first use; every later use must agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "aggfmt.h"
#include "calls.h"
#include "check.h"
#include "types.h"
#include "util.h"

#define ERR(n, tag, ...) diag_error(ck->dp->diag, (n)->line, tag, __VA_ARGS__)

static const struct {
	const char *name;
	int min, max;			/* arguments */
} funcs[] = {
	[AGG_COUNT] = { "count", 0, 0 },	[AGG_SUM] = { "sum", 1, 1 },
	[AGG_AVG] = { "avg", 1, 1 },		[AGG_MIN] = { "min", 1, 1 },
	[AGG_MAX] = { "max", 1, 1 },		[AGG_STDDEV] = { "stddev", 1, 1 },
	[AGG_QUANTIZE] = { "quantize", 1, 2 },
	[AGG_LQUANTIZE] = { "lquantize", 3, 5 },
	[AGG_LLQUANTIZE] = { "llquantize", 5, 6 },
};
#define NFUNCS	((int)(sizeof(funcs) / sizeof(funcs[0])))

int agg_func_lookup(const char *name)
{
	for (int i = 0; i < NFUNCS; i++)
		if (!strcmp(funcs[i].name, name))
			return i;
	return -1;
}

struct agg *agg_lookup(struct dprog *dp, const char *name)
{
	for (struct agg *a = dp->aggs; a; a = a->next)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

struct agg *agg_get(struct dprog *dp, const char *name)
{
	struct agg *found = agg_lookup(dp, name);
	if (found)
		return found;
	struct agg *a = xcalloc(1, sizeof(*a));
	a->name = strdup(name);
	a->kind = -1;
	a->id = ++dp->naggs;
	if (!dp->aggs_last)
		dp->aggs_last = &dp->aggs;
	*dp->aggs_last = a;
	dp->aggs_last = &a->next;
	return a;
}

uint32_t key_width(const struct node *k)
{
	uint32_t w = STRSIZE;
	if (k->kind == N_IDENT && !k->scope && !strcmp(k->name, "execname"))
		w = 16;				/* TASK_COMM_LEN */
	else if (k->kind == N_STR)
		w = (uint32_t)k->slen + 1;
	return w < STRSIZE ? w : STRSIZE;
}

/* A string key's slot: as wide as its widest use, 8-aligned. */
static uint32_t string_slot(struct checker *ck, struct agg *a, int i,
			    struct node *k)
{
	uint32_t w = a->kwidth[i] ? a->kwidth[i] : STRSIZE;
	if (key_width(k) > w)
		ERR(k, "D_AGG_REDEF", "@%s: key #%d needs %u bytes, more than "
		    "its first program gave it (%u)", a->name, i + 1,
		    key_width(k), w);
	a->kwidth[i] = w;
	return (w + 7) & ~7u;
}

/* The key tuple: its types, and where each lies in the map key. */
static void check_keys(struct checker *ck, struct agg *a, struct node *keys)
{
	uint32_t off = 8;		/* after the aggregation's id */
	int i = 0;

	for (struct node *k = keys ? keys->a : NULL; k; k = k->next, i++) {
		check_expr(ck, k);
		struct dtype *t = type_is_char_array(k->type) ? &t_string :
				  k->type;
		if (i >= MAXKEYS)
			ERR(k, "D_PROTO_LEN", "@%s[ ] has more than %d keys",
			    a->name, MAXKEYS);
		if (!type_is_scalar(t) && !type_is_string(t) &&
		    t->kind != DT_STACK)
			ERR(k, "D_OP_INCOMPAT", "aggregation key #%d of @%s has "
			    "a type that cannot be a key: %s", i + 1, a->name,
			    t->name);
		if (a->kind >= 0 && (i >= a->nkeys ||
				     type_is_string(a->keys[i]) != type_is_string(t) ||
				     ((a->keys[i]->kind == DT_STACK ||
				       t->kind == DT_STACK) &&
				      (a->keys[i]->kind != t->kind ||
				       a->keys[i]->size != t->size))))
			ERR(k, "D_AGG_REDEF", "aggregation redefined: @%s: key #%d "
			    "is of type %s", a->name, i + 1, t->name);
		uint32_t slot = type_is_string(t) ? string_slot(ck, a, i, k) :
				t->kind == DT_STACK ? t->size :
				type_is_usym(t) ? 16 : 8;
		if (a->kind < 0) {
			a->keys[i] = t;
			a->koff[i] = off;
			a->kslot[i] = slot;
		}
		off += slot;
	}
	if (a->kind >= 0 && i != a->nkeys)
		ERR(keys ? keys : ck->top, "D_AGG_REDEF", "aggregation redefined: "
		    "@%s: %d key%s instead of %d", a->name, i, i == 1 ? "" : "s",
		    a->nkeys);
	a->nkeys = i;
	a->ksize = off;
}

static int64_t const_arg(struct checker *ck, struct node *call, struct node *x,
			 int i, const char *what, const char *tag)
{
	if (!x->is_const || !type_is_integer(x->type))
		ERR(x, tag, "%s( ) argument #%d must be an integer constant "
		    "(%s)", call->name, i, what);
	return x->cval;
}

static void lquantize_args(struct checker *ck, struct node *c,
			   struct node **v, int n, int64_t *arg)
{
	int64_t base = const_arg(ck, c, v[1], 2, "base", "D_LQUANT_BASETYPE");
	int64_t lim = const_arg(ck, c, v[2], 3, "limit", "D_LQUANT_LIMTYPE");
	int64_t step = 1;

	if (base < INT32_MIN || base > INT32_MAX)
		ERR(v[1], "D_LQUANT_BASEVAL", "lquantize( ) base (argument #2) "
		    "must be a 32-bit quantity");
	if (lim < INT32_MIN || lim > INT32_MAX)
		ERR(v[2], "D_LQUANT_LIMVAL", "lquantize( ) limit (argument #3) "
		    "must be a 32-bit quantity");
	if (lim <= base)
		ERR(v[2], "D_LQUANT_MISMATCH", "lquantize( ) base (argument #2) "
		    "must be less than limit (argument #3)");
	if (n > 3) {
		step = const_arg(ck, c, v[3], 4, "step", "D_LQUANT_STEPTYPE");
		if (step <= 0)
			ERR(v[3], "D_LQUANT_STEPTYPE", "lquantize( ) step "
			    "(argument #4) must be a positive integer constant");
	}
	if ((lim - base) / step > UINT16_MAX)
		ERR(v[3 < n ? 3 : 2], "D_LQUANT_STEPLARGE", "lquantize( ) limit "
		    "(argument #3) and step (argument #4) give more than %d "
		    "levels", UINT16_MAX);
	arg[0] = base;
	arg[1] = step;
	arg[2] = (lim - base) / step;
}

/* factor^(m + 1), or 0 when it does not fit 64 bits. */
static uint64_t mag_limit(uint64_t factor, int64_t m)
{
	uint64_t p = 1;
	for (int64_t i = 0; i <= m; i++) {
		if (p > UINT64_MAX / factor / 2)
			return 0;
		p *= factor;
	}
	return p;
}

static void llquantize_args(struct checker *ck, struct node *c,
			    struct node **v, int64_t *arg)
{
	int64_t f = const_arg(ck, c, v[1], 2, "factor", "D_LLQUANT_FACTORTYPE");
	int64_t lo = const_arg(ck, c, v[2], 3, "low magnitude",
			       "D_LLQUANT_LMAGTYPE");
	int64_t hi = const_arg(ck, c, v[3], 4, "high magnitude",
			       "D_LLQUANT_HMAGTYPE");
	int64_t steps = const_arg(ck, c, v[4], 5, "linear steps per magnitude",
				  "D_LLQUANT_STEPTYPE");

	if (f < 2 || f > UINT16_MAX)
		ERR(v[1], "D_LLQUANT_FACTORVAL", "llquantize( ) argument #2 "
		    "(factor) must be two or more and less than %d", UINT16_MAX);
	if (lo < 0 || lo > UINT16_MAX)
		ERR(v[2], "D_LLQUANT_LMAGVAL", "llquantize( ) argument #3 (low "
		    "magnitude) must be between 0 and %d", UINT16_MAX);
	if (hi < lo || hi > UINT16_MAX)
		ERR(v[3], "D_LLQUANT_HMAGVAL", "llquantize( ) argument #4 (high "
		    "magnitude) must be at least argument #3 and at most %d",
		    UINT16_MAX);
	if (!mag_limit(f, hi))
		ERR(v[3], "D_LLQUANT_HMAGVAL", "llquantize( ) factor (argument "
		    "#2) raised to high magnitude (argument #4) plus 1 will "
		    "overflow 64-bits");
	if (steps <= 0)
		ERR(v[4], "D_LLQUANT_STEPTYPE", "llquantize( ) argument #5 "
		    "(steps) must be a positive integer constant");
	if (steps > UINT16_MAX || (steps < f ? f % steps : steps % f) ||
	    mag_limit(f, lo > 1 ? lo : 1) % (uint64_t)steps)
		ERR(v[4], "D_LLQUANT_STEPVAL", "llquantize( ) argument #5 "
		    "(steps) must divide or be a multiple of argument #2 "
		    "(factor), and divide factor raised to (low magnitude + 1)");
	arg[0] = f;
	arg[1] = lo;
	arg[2] = hi;
	arg[3] = steps;
}

static int data_count(int kind, const int64_t *arg)
{
	switch (kind) {
	case AGG_AVG: return 2;
	case AGG_STDDEV: return 4;
	case AGG_QUANTIZE: return AGGFMT_QUANTIZE_NBUCKETS;
	case AGG_LQUANTIZE: return (int)arg[2] + 2;
	case AGG_LLQUANTIZE:
		return (int)((arg[2] - arg[1] + 1) * (arg[3] - arg[3] / arg[0]) *
			     2 + 3);
	default: return 1;
	}
}

static const char *const param_tags[2][4] = {
	{ "D_LQUANT_MATCHBASE", "D_LQUANT_MATCHSTEP", "D_LQUANT_MATCHLIM", 0 },
	{ "D_LLQUANT_MATCHFACTOR", "D_LLQUANT_MATCHLMAG", "D_LLQUANT_MATCHHMAG",
	  "D_LLQUANT_MATCHSTEPS" },
};

/* The function and its parameters, against what the first use fixed. */
static void set_kind(struct checker *ck, struct agg *a, struct node *call,
		     int kind, const int64_t *arg)
{
	if (a->kind < 0) {
		a->kind = kind;
		memcpy(a->arg, arg, sizeof(a->arg));
		a->ndata = data_count(kind, arg);
		return;
	}
	if (a->kind != kind)
		ERR(call, "D_AGG_REDEF", "aggregation redefined: @%s\n\t "
		    "current: @%s = %s( )\n\tprevious: @%s = %s( )", a->name,
		    a->name, funcs[kind].name, a->name, funcs[a->kind].name);
	if (kind != AGG_LQUANTIZE && kind != AGG_LLQUANTIZE)
		return;
	for (int i = 0; i < 4; i++)
		if (a->arg[i] != arg[i])
			ERR(call, param_tags[kind == AGG_LLQUANTIZE][i], "%s( ) "
			    "parameters of @%s do not match its previous "
			    "definition", funcs[kind].name, a->name);
}

static void need_scalar_arg(struct checker *ck, struct node *call,
			    struct node *x, int i, const char *tag)
{
	if (!type_is_scalar(x->type))
		ERR(x, tag, "%s( ) argument #%d must be of scalar type",
		    call->name, i);
}

void check_agg_assign(struct checker *ck, struct node *n)
{
	struct node *lhs = n->a, *call = n->b, *argv[8];
	int64_t arg[4] = { 0 };
	int argc = 0, kind;

	if (ck->spec_seen)
		ERR(n, "D_AGG_SPEC", "aggregating actions may not follow "
		    "speculate( )");
	if (n->op != '=' || call->kind != N_CALL ||
	    (kind = agg_func_lookup(call->name)) < 0)
		ERR(n, "D_AGG_FUNC", "@%s must be assigned the result of an "
		    "aggregating function", lhs->name);
	for (struct node *x = call->a; x; x = x->next) {
		if (argc == 8)
			break;
		check_expr(ck, x);
		argv[argc++] = x;
	}
	if (argc < funcs[kind].min || argc > funcs[kind].max)
		ERR(call, "D_PROTO_LEN", "%s( ) prototype mismatch: %d arg%s "
		    "passed, %s%d expected", call->name, argc,
		    argc == 1 ? "" : "s", funcs[kind].min == funcs[kind].max ?
		    "" : argc < funcs[kind].min ? "at least " : "no more than ",
		    argc < funcs[kind].min ? funcs[kind].min : funcs[kind].max);
	if (argc)
		need_scalar_arg(ck, call, argv[0], 1, "D_AGG_SCALAR");
	if (kind == AGG_LQUANTIZE)
		lquantize_args(ck, call, argv, argc, arg);
	if (kind == AGG_LLQUANTIZE)
		llquantize_args(ck, call, argv, arg);
	if (argc == funcs[kind].max && kind >= AGG_QUANTIZE)
		need_scalar_arg(ck, call, argv[argc - 1], argc, "D_PROTO_ARG");

	struct agg *a = agg_get(ck->dp, lhs->name);
	check_keys(ck, a, lhs->a);
	set_kind(ck, a, call, kind, arg);
	lhs->aux = a;
	call->id = kind;
	lhs->type = n->type = &t_void;
}

/* An aggregation named as an action's argument: it must exist. */
void check_agg_ref(struct checker *ck, struct node *n)
{
	struct agg *a = agg_lookup(ck->dp, n->name);
	if (!a)
		ERR(n, "D_IDENT_UNDEF", "failed to resolve @%s: Unknown variable "
		    "name", n->name);
	n->aux = a;
	n->type = &t_void;
}

/* The tag for an action argument that should be an aggregation. */
static const char *aggarg_tag(int id)
{
	switch (id) {
	case CALL_PRINTA: return "D_PRINTA_AGGARG";
	case CALL_CLEAR: return "D_CLEAR_AGGARG";
	case CALL_TRUNC: return "D_TRUNC_AGGARG";
	default: return "D_NORMALIZE_AGGARG";
	}
}

static void need_agg(struct checker *ck, struct node *call, struct node *x,
		     int i)
{
	if (x->kind != N_AGG || x->a)
		ERR(x, aggarg_tag(call->id), "%s( ) argument #%d is incompatible "
		    "with prototype:\n\tprototype: aggregation\n\t argument: %s",
		    call->name, i, x->kind == N_AGG ? "aggregation element" :
		    x->type ? x->type->name : "expression");
}

/* printa's aggregations must share their key types (they are joined). */
static void check_printa(struct checker *ck, struct node *n,
			 struct node **argv, int argc)
{
	int first = argv[0]->kind == N_STR;
	struct agg *a0 = NULL;

	for (int i = first; i < argc; i++) {
		need_agg(ck, n, argv[i], i + 1);
		struct agg *a = argv[i]->aux;
		if (!a0)
			a0 = a;
		else if (a->nkeys != a0->nkeys)
			ERR(argv[i], "D_PRINTA_AGGKEY", "printa( ) argument #%d "
			    "(@%s) has keys that do not match @%s", i + 1,
			    a->name, a0->name);
	}
	if (!a0)
		ERR(n, "D_PRINTA_AGGARG", "printa( ) argument #%d is incompatible "
		    "with prototype:\n\tprototype: aggregation\n\t argument: %s",
		    argc, argv[argc - 1]->type->name);
	if (!first)
		return;

	char msg[512];
	struct fmt *f = fmt_parse(argv[0]->str, msg, sizeof(msg));
	struct fmt_argdesc d[MAXKEYS];
	if (!f)
		ERR(n, "D_SYNTAX", "%s", msg);
	for (int i = 0; i < a0->nkeys; i++) {
		d[i].type = type_ftype(a0->keys[i]);
		d[i].size = a0->keys[i]->size;
		d[i].name = a0->keys[i]->name;
	}
	enum fmt_err e = fmt_validate(f, "printa", 1, d, a0->nkeys,
				      FMT_V_AGGREGATION, msg, sizeof(msg));
	if (e != FMT_OK)
		ERR(n, fmt_errtag(e), "%s", msg);
	n->aux = f;
}

void check_agg_action(struct checker *ck, struct node *n, struct node **argv,
		      int argc)
{
	if (n->id == CALL_PRINTA) {
		check_printa(ck, n, argv, argc);
		return;
	}
	need_agg(ck, n, argv[0], 1);
	if (argc > 1 && !type_is_scalar(argv[1]->type))
		ERR(argv[1], "D_PROTO_ARG", "%s( ) argument #2 is incompatible "
		    "with prototype:\n\tprototype: uint64_t\n\t argument: %s",
		    n->name, argv[1]->type->name);
}
