/* check.c - semantic checks: names, types, lvalues, constant values.
 *
 * A clause is checked once per site it is enabled on, because args[] and
 * the probe's argument types belong to the site.  Each expression node gets
 * its D type; integer constants are folded (is_const/cval) so that code
 * generation and printf validation can use them.  Errors use DTrace's
 * wording and tags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "builtins.h"
#include "calls.h"
#include "lex.h"
#include "types.h"
#include "util.h"

struct var *var_lookup(struct dprog *dp, const char *name, enum var_kind k)
{
	for (struct var *v = dp->vars; v; v = v->next)
		if (v->kind == k && !strcmp(v->name, name))
			return v;
	return NULL;
}

static struct var *var_new(struct dprog *dp, const char *name,
			   enum var_kind k)
{
	struct var *v = xcalloc(1, sizeof(*v));
	v->name = strdup(name);
	v->kind = k;
	v->next = dp->vars;
	dp->vars = v;
	return v;
}

uint32_t strtab_add(struct dprog *dp, const char *s, size_t len)
{
	for (uint32_t off = 0; off < dp->strtabsize; off += STRSIZE)
		if (!strncmp(dp->strtab + off, s, STRSIZE) && strlen(s) == len)
			return off;
	uint32_t off = dp->strtabsize;
	dp->strtabsize += STRSIZE;
	dp->strtab = realloc(dp->strtab, dp->strtabsize);
	memset(dp->strtab + off, 0, STRSIZE);
	memcpy(dp->strtab + off, s, len < STRSIZE - 1 ? len : STRSIZE - 1);
	return off;
}

/* ---- helpers ---- */

#define ERR(n, tag, ...) diag_error(ck->dp->diag, (n)->line, tag, __VA_ARGS__)

static void set_const(struct node *n, struct dtype *t, int64_t v)
{
	n->type = t;
	n->is_const = 1;
	n->cval = v;
}

/* Truncate a folded constant to its type, as the machine would. */
static int64_t fit(const struct dtype *t, int64_t v)
{
	if (!type_is_integer(t) || t->size >= 8)
		return v;
	int sh = 64 - 8 * t->size;
	return t->is_signed ? (int64_t)((uint64_t)v << sh) >> sh
			    : (int64_t)(((uint64_t)v << sh) >> sh);
}

static struct dtype *promote(struct dtype *t)
{
	if (t->kind == DT_ENUM || (t->kind == DT_INT && t->size < 4))
		return &t_int;
	return t;
}

/* C's usual arithmetic conversions. */
static struct dtype *arith(struct dtype *a, struct dtype *b)
{
	a = promote(a);
	b = promote(b);
	if (a->size != b->size)
		return a->size > b->size ? a : b;
	if (a->is_signed == b->is_signed)
		return a;
	return a->is_signed ? b : a;
}

static int is_int(const struct node *n)
{
	return type_is_integer(n->type);
}

static int is_str(const struct node *n)
{
	return type_is_string(n->type);
}

static void need_int(struct checker *ck, struct node *n, const char *what)
{
	if (!is_int(n))
		ERR(n, "D_OP_INT", "operator %s requires operands of integral type",
		    what);
}

static void need_scalar(struct checker *ck, struct node *n, const char *what)
{
	if (!type_is_scalar(n->type))
		ERR(n, "D_OP_SCALAR", "operator %s requires an operand of scalar "
		    "type", what);
}

static const char *opname(int op)
{
	static char buf[4];
	if (op < 256) {
		buf[0] = op;
		buf[1] = 0;
		return buf;
	}
	return lex_token_name(op);
}

/* ---- literals and names ---- */

static void check_int(struct node *n)
{
	uint64_t v = n->ival;
	struct dtype *t;

	if (n->int_long == 0 && !n->is_unsigned && v <= 0x7fffffff)
		t = &t_int;
	else if (n->int_long == 0 && !n->is_decimal && v <= 0xffffffff)
		t = &t_uint;
	else if (n->is_unsigned && n->int_long == 0 && v <= 0xffffffff)
		t = &t_uint;
	else if (!n->is_unsigned && v <= 0x7fffffffffffffffULL)
		t = n->int_long == 2 ? &t_llong : &t_long;
	else
		t = n->int_long == 2 ? &t_ullong : &t_ulong;
	set_const(n, t, (int64_t)v);
}

static void check_dollar(struct checker *ck, struct node *n)
{
	struct options *o = ck->dp->opt;
	char *end;
	long i = strtol(n->name, &end, 10);

	if (*end) {
		int64_t v;
		if (builtin_macro(n->name, &v))
			ERR(n, "D_MACRO_UNDEF", "macro variable $%s is not defined",
			    n->name);
		set_const(n, &t_int, v);
		return;
	}
	if (i >= o->margc)
		ERR(n, "D_MACRO_UNDEF", "macro argument %s$%ld is not defined",
		    n->is_quoted ? "$" : "", i);
	const char *s = o->margv[i];
	if (n->is_quoted) {
		n->kind = N_STR;
		n->str = strdup(s);
		n->slen = strlen(s);
		n->type = &t_string;
		return;
	}
	uint64_t v = strtoull(s, &end, 0);
	if (*end || !*s)
		ERR(n, "D_MACRO_TYPE", "macro argument $%ld (\"%s\") cannot be "
		    "used as an integer; use $$%ld for a string", i, s, i);
	n->kind = N_INT;
	n->ival = v;
	n->is_decimal = 1;
	check_int(n);
}

static void check_ident(struct checker *ck, struct node *n)
{
	int64_t v;
	struct dtype *t;
	struct var *var;

	if ((var = var_lookup(ck->dp, n->name, VAR_INLINE)) && !ck->lvalue) {
		struct node *next = n->next;
		int line = n->line;
		*n = *var->value;	/* shares the value's subtrees */
		n->next = next;
		n->line = line;
		return;
	}
	if ((var = var_lookup(ck->dp, n->name, VAR_GLOBAL))) {
		if (!var->type && !ck->lvalue)
			ERR(n, "D_IDENT_UNDEF", "failed to resolve %s: Unknown "
			    "variable name", n->name);
		n->var = var;
		n->type = var->type;
		return;
	}
	int b = builtin_var(n->name);
	if (b >= 0) {
		if (ck->lvalue)
			ERR(n, "D_ASGN_LVAL", "operator = requires modifiable lvalue "
			    "as an operand");
		n->id = b;
		n->type = builtin_var_type(b);
		n->aux = ck->probe;
		return;
	}
	/* Enumerators need a BTF scan: not for a variable's first assignment. */
	if (!ck->lvalue && !builtin_const(n->name, &v)) {
		set_const(n, &t_int, v);
		return;
	}
	if (!ck->lvalue && !types_lookup_enumerator(n->name, &v, &t)) {
		set_const(n, t, v);
		return;
	}
	if (!ck->lvalue)
		ERR(n, "D_IDENT_UNDEF", "failed to resolve %s: Unknown variable "
		    "name", n->name);
	var = var_new(ck->dp, n->name, VAR_GLOBAL);
	n->var = var;
}

/* this->name and self->name; self-> variables are dynamic (a map keyed
 * by the thread). */
static void check_this(struct checker *ck, struct node *n)
{
	enum var_kind k = n->kind == N_SELF ? VAR_SELF : VAR_THIS;
	const char *pfx = k == VAR_SELF ? "self" : "this";
	struct var *var = var_lookup(ck->dp, n->name, k);
	if (!var) {
		if (!ck->lvalue)
			ERR(n, "D_IDENT_UNDEF", "failed to resolve %s->%s: "
			    "Unknown variable name", pfx, n->name);
		var = var_new(ck->dp, n->name, k);
		var->is_dynamic = k == VAR_SELF;
	} else if (!var->type && !ck->lvalue)
		ERR(n, "D_IDENT_UNDEF", "failed to resolve %s->%s: Unknown "
		    "variable name", pfx, n->name);
	n->var = var;
	n->type = var->type;
}

/* The variable an associative-array reference a[k...] or self->a[k...]
 * names, or NULL when a[...] indexes an array or pointer instead. */
static struct var *assoc_var(struct checker *ck, struct node *a)
{
	struct var *v;

	if (a->kind == N_SELF) {
		v = var_lookup(ck->dp, a->name, VAR_SELF);
		if (v && !v->nkeys && v->type)
			ERR(a, "D_IDX_NONARR", "operator [ ] must be applied to "
			    "an array or pointer");
		if (!v && !ck->lvalue)
			ERR(a, "D_IDENT_UNDEF", "failed to resolve self->%s: "
			    "Unknown variable name", a->name);
		if (!v) {
			v = var_new(ck->dp, a->name, VAR_SELF);
			v->is_dynamic = 1;
		}
		return v;
	}
	if (a->kind != N_IDENT || a->scope)
		return NULL;
	v = var_lookup(ck->dp, a->name, VAR_GLOBAL);
	if (v)
		return v->nkeys || !v->type ? v : NULL;
	if (!ck->lvalue || builtin_var(a->name) >= 0)
		return NULL;
	v = var_new(ck->dp, a->name, VAR_GLOBAL);
	v->is_dynamic = 1;
	return v;
}

/* Keys: integers, pointers and strings; their types are fixed by the
 * first reference and later ones must agree. */
static void check_keys(struct checker *ck, struct node *n, struct var *v)
{
	int i = 0;
	for (struct node *k = n->b->a; k; k = k->next, i++) {
		check_expr(ck, k);
		struct dtype *t = type_is_char_array(k->type) ? &t_string :
				  k->type;
		if (!type_is_scalar(t) && !type_is_string(t))
			ERR(k, "D_OP_INCOMPAT", "key #%d of %s[ ] has a type that "
			    "cannot be a key: %s", i + 1, v->name, t->name);
		if (i >= MAXKEYS)
			ERR(k, "D_PROTO_LEN", "%s[ ] has more than %d keys",
			    v->name, MAXKEYS);
		if (!v->nkeys || i >= v->nkeys)
			v->keys[i] = t;
		else if (type_is_string(v->keys[i]) != type_is_string(t))
			ERR(k, "D_PROTO_ARG", "%s[ ] key #%d is incompatible "
			    "with prototype:\n\tprototype: %s\n\t argument: %s",
			    v->name, i + 1, v->keys[i]->name, t->name);
	}
	if (v->nkeys && i != v->nkeys)
		ERR(n, "D_PROTO_LEN", "%s[ ] prototype mismatch: %d arg%s passed, "
		    "%d expected", v->name, i, i == 1 ? "" : "s", v->nkeys);
	v->nkeys = i;
	v->is_dynamic = 1;
}

static int check_assoc(struct checker *ck, struct node *n)
{
	int lv = ck->lvalue;
	struct var *v = assoc_var(ck, n->a);
	if (!v)
		return 0;
	ck->lvalue = 0;
	check_keys(ck, n, v);
	ck->lvalue = lv;
	if (!v->type && !lv)
		ERR(n, "D_IDENT_UNDEF", "failed to resolve %s: Unknown variable "
		    "name", v->name);
	n->var = v;
	n->type = v->type;
	return 1;
}

/* ---- operators ---- */

static int64_t fold(int op, int64_t a, int64_t b, int is_signed, int *ok)
{
	uint64_t ua = a, ub = b;
	*ok = 1;
	switch (op) {
	case '+': return ua + ub;
	case '-': return ua - ub;
	case '*': return ua * ub;
	case '/': case '%':
		if (!b) { *ok = 0; return 0; }
		if (is_signed)
			return op == '/' ? a / b : a % b;
		return op == '/' ? ua / ub : ua % ub;
	case '&': return a & b;
	case '|': return a | b;
	case '^': return a ^ b;
	case T_SHL: return ua << (b & 63);
	case T_SHR: return is_signed ? a >> (b & 63) : (int64_t)(ua >> (b & 63));
	case '<': return is_signed ? a < b : ua < ub;
	case '>': return is_signed ? a > b : ua > ub;
	case T_LE: return is_signed ? a <= b : ua <= ub;
	case T_GE: return is_signed ? a >= b : ua >= ub;
	case T_EQ: return a == b;
	case T_NE: return a != b;
	}
	*ok = 0;
	return 0;
}

/* A string compared with NULL (strstr(s, t) != NULL). */
static int is_null_string_cmp(const struct node *s, const struct node *z)
{
	return s->type->kind == DT_STRING && z->is_const && is_int(z) &&
	       z->cval == 0;
}

static int is_relational(int op)
{
	return op == '<' || op == '>' || op == T_LE || op == T_GE ||
	       op == T_EQ || op == T_NE;
}

/* An action called where a value is wanted (D's dt_node_is_actfunc). */
static int is_action_call(const struct node *n)
{
	return n->kind == N_CALL && n->id >= 0 && n->id < CALL_COUNT &&
	       call_is_action(n->id);
}

static void check_binop_types(struct checker *ck, struct node *n)
{
	struct node *a = n->a, *b = n->b;
	int op = n->op;

	if (op == ',') {
		if (is_action_call(a) || is_action_call(b))
			ERR(n, "D_OP_ACT", "operator , operands cannot be "
			    "actions");
		n->type = b->type;
		return;
	}
	if (is_relational(op)) {
		if (is_str(a) && is_str(b) &&
		    (a->type->kind == DT_STRING || b->type->kind == DT_STRING))
			n->aux = "strcmp";
		else if (is_null_string_cmp(a, b) || is_null_string_cmp(b, a))
			;	/* s == NULL: the string's address, as DIF's */
		else if (!(type_is_scalar(a->type) && type_is_scalar(b->type)))
			ERR(n, "D_OP_INCOMPAT", "operands have incompatible types: "
			    "\"%s\" %s \"%s\"", a->type->name, opname(op),
			    b->type->name);
		n->type = &t_int;
		return;
	}
	if ((op == '+' || op == '-') && a->type->kind == DT_PTR && is_int(b)) {
		n->type = a->type;
		return;
	}
	if (op == '+' && b->type->kind == DT_PTR && is_int(a)) {
		n->type = b->type;
		return;
	}
	if (op == '-' && a->type->kind == DT_PTR && b->type->kind == DT_PTR) {
		n->type = &t_long;
		return;
	}
	need_int(ck, a, opname(op));
	need_int(ck, b, opname(op));
	n->type = (op == T_SHL || op == T_SHR) ? promote(a->type)
					       : arith(a->type, b->type);
}

static void check_binop(struct checker *ck, struct node *n)
{
	check_expr(ck, n->a);
	check_expr(ck, n->b);
	check_binop_types(ck, n);
	if (n->a->is_const && n->b->is_const && !n->aux && n->op != ',') {
		int ok;
		struct dtype *ct = is_relational(n->op) ?
			arith(n->a->type, n->b->type) : n->type;
		int64_t v = fold(n->op, n->a->cval, n->b->cval, ct->is_signed, &ok);
		if (ok)		/* 64 bits, as at run time (cg.c: arith) */
			set_const(n, n->type, v);
		else if (n->op == '/' || n->op == '%')
			ERR(n, "D_DIV_ZERO", "expression contains division by zero");
	}
}

static void check_logop(struct checker *ck, struct node *n)
{
	check_expr(ck, n->a);
	check_expr(ck, n->b);
	if (!type_is_scalar(n->a->type) || !type_is_scalar(n->b->type))
		ERR(n, "D_OP_SCALAR", "operator %s requires operands of scalar "
		    "type", opname(n->op));
	n->type = &t_int;
	if (n->a->is_const && n->b->is_const) {
		int x = !!n->a->cval, y = !!n->b->cval;
		set_const(n, &t_int, n->op == T_LAND ? x && y :
			  n->op == T_LOR ? x || y : x != y);
	}
}

static void check_unop(struct checker *ck, struct node *n)
{
	struct node *a = n->a;

	if (n->op == '&') {
		int save = ck->lvalue;
		if (a->kind == N_AGG || a->kind == N_THIS || a->kind == N_SELF)
			ERR(n, "D_ADDROF_VAR", "cannot take address of dynamic "
			    "variable");
		check_expr(ck, a);
		ck->lvalue = save;
		if ((a->kind == N_IDENT || a->kind == N_INDEX) && a->var)
			ERR(n, "D_ADDROF_VAR", "cannot take address of dynamic "
			    "variable");
		if (a->kind != N_PTRMEMBER && a->kind != N_MEMBER &&
		    !(a->kind == N_UNOP && a->op == '*') && a->kind != N_INDEX)
			ERR(n, "D_ADDROF_LVAL", "unacceptable operand for unary & "
			    "operator");
		n->type = type_ptr(a->type);
		return;
	}
	check_expr(ck, a);
	switch (n->op) {
	case '*':
		if (a->type->kind != DT_PTR && a->type->kind != DT_ARRAY)
			ERR(n, "D_DEREF_NONPTR", "operator * requires an operand "
			    "of pointer type");
		if (a->type->ref->kind == DT_VOID)
			ERR(n, "D_DEREF_VOID", "cannot dereference a pointer to "
			    "type void");
		n->type = a->type->ref;
		return;
	case '!':
		need_scalar(ck, a, "!");
		n->type = &t_int;
		if (a->is_const)
			set_const(n, &t_int, !a->cval);
		return;
	case '~':
		need_int(ck, a, "~");
		n->type = promote(a->type);
		if (a->is_const)
			set_const(n, n->type, fit(n->type, ~a->cval));
		return;
	default:		/* unary - and + */
		if (!is_int(a))
			ERR(n, "D_OP_ARITH", "operator %s requires an operand of "
			    "arithmetic type", n->op == '-' ? "-" : "+");
		n->type = promote(a->type);
		if (a->is_const)
			set_const(n, n->type, fit(n->type, n->op == '-' ?
				  -(uint64_t)a->cval : (uint64_t)a->cval));
	}
}

static int is_sou(const struct dtype *t)
{
	t = type_resolve(t);
	return t->kind == DT_STRUCT || t->kind == DT_UNION;
}

/* x.a, this->s.b.c: a member of a struct or union held in a global or
 * clause-local D variable, which the program stores into directly. */
static int is_var_member(const struct node *n)
{
	while (n->kind == N_MEMBER)
		n = n->a;
	return ((n->kind == N_IDENT && n->var) || n->kind == N_THIS) &&
	       n->var && !n->var->is_dynamic && n->var->type &&
	       is_sou(n->var->type);
}

static int is_lvalue(const struct node *n)
{
	if (n->kind == N_MEMBER && is_var_member(n))
		return 1;
	return ((n->kind == N_IDENT || n->kind == N_INDEX) && n->var) ||
	       n->kind == N_THIS || n->kind == N_SELF ||
	       (n->kind == N_INDEX && n->id == N_ARRAY_ELEM);
}

/* An element of a D array variable (int a[5]): typed by the array. */
static int check_elem_assign(struct checker *ck, struct node *n)
{
	struct node *e = n->a;
	if (e->kind != N_INDEX || e->id != N_ARRAY_ELEM)
		return 0;
	if (n->kind == N_ASSIGN && !type_compatible(e->type, n->b->type))
		ERR(n, "D_OP_INCOMPAT", "operands have incompatible types: "
		    "\"%s\" %s \"%s\"", e->type->name, opname(n->op),
		    n->b->type->name);
	if (!type_is_scalar(e->type))
		ERR(n, "D_OP_INCOMPAT", "array elements of type %s cannot be "
		    "assigned", e->type->name);
	n->type = e->type;
	return 1;
}

static void check_lvalue(struct checker *ck, struct node *n)
{
	ck->lvalue = 1;
	check_expr(ck, n);
	ck->lvalue = 0;
	if (!is_lvalue(n))
		ERR(n, "D_ASGN_LVAL", "operator = requires modifiable lvalue as "
		    "an operand");
}

/* D's rule for = (dt_node_is_argcompat): a pointer takes a pointer or
 * the constant 0, an integer never takes a pointer. */
static int ptr_compat(const struct dtype *lt, const struct node *r)
{
	int lp = lt->kind == DT_PTR, rp = r->type->kind == DT_PTR;
	if (type_is_string(lt) || type_is_string(r->type) || lp == rp)
		return 1;
	return lp && r->is_const && r->cval == 0;
}

/* *p, p[i], p->m: a store through a pointer, which only alloca()'s
 * space takes (a run-time check, as DTrace's). */
static int is_deref(const struct node *n)
{
	return (n->kind == N_UNOP && n->op == '*') || n->kind == N_PTRMEMBER ||
	       (n->kind == N_INDEX && !n->var && n->id == 0 &&
		n->a->type && n->a->type->kind == DT_PTR);
}

static int check_deref_assign(struct checker *ck, struct node *n)
{
	struct node *a = n->a, *base = a->a;
	if (!(a->kind == N_UNOP && a->op == '*') && a->kind != N_PTRMEMBER &&
	    a->kind != N_INDEX)
		return 0;
	if (a->kind == N_INDEX) {	/* not an associative array's */
		enum var_kind k = base->kind == N_SELF ? VAR_SELF :
				  base->kind == N_THIS ? VAR_THIS : VAR_GLOBAL;
		int named = base->kind == N_IDENT || k != VAR_GLOBAL;
		struct var *v = named ? var_lookup(ck->dp, base->name, k) : NULL;
		if (named && (!v || !v->type || v->type->kind != DT_PTR ||
			      v->nkeys))
			return 0;
	}
	check_expr(ck, a);
	if (!is_deref(a))
		ERR(n, "D_ASGN_LVAL", "operator = requires modifiable lvalue "
		    "as an operand");
	check_expr(ck, n->b);
	if (a->type->kind == DT_STRING && type_is_string(n->b->type) &&
	    n->op == '=') {
		n->type = a->type;
		return 1;
	}
	const struct dmember *m = a->kind == N_PTRMEMBER ? a->aux : NULL;
	if (!type_is_scalar(a->type) || !type_is_scalar(n->b->type) ||
	    (m && m->bits) || a->type->size > 8)
		ERR(n, "D_OP_INCOMPAT", "operands have incompatible types: "
		    "\"%s\" %s \"%s\"", a->type->name, opname(n->op),
		    n->b->type->name);
	n->type = a->type;
	return 1;
}

static void check_assign(struct checker *ck, struct node *n)
{
	if (n->a->kind == N_AGG) {
		check_agg_assign(ck, n);
		return;
	}
	if (check_deref_assign(ck, n))
		return;
	check_lvalue(ck, n->a);
	struct node *l = n->a;
	if (n->op != '=' && l->var && !l->var->type &&
	    (l->kind == N_IDENT || l->kind == N_SELF || l->kind == N_THIS))
		ERR(n, "D_VAR_UNDEF", "%s has not yet been declared or "
		    "assigned", l->var->name);
	check_expr(ck, n->b);
	if (check_elem_assign(ck, n))
		return;
	if (n->a->kind == N_MEMBER) {		/* x.a = ... */
		const struct dmember *m = n->a->aux;
		if (n->op != '=' || !type_is_scalar(n->a->type) ||
		    !type_is_scalar(n->b->type) || (m && m->bits))
			ERR(n, "D_OP_INCOMPAT", "operands have incompatible "
			    "types: \"%s\" %s \"%s\"", n->a->type->name,
			    opname(n->op), n->b->type->name);
		n->type = n->a->type;
		return;
	}
	struct var *v = n->a->var;
	struct dtype *rt = n->b->type;

	if (rt->kind == DT_VOID)
		ERR(n, "D_OP_VOID", "operator %s cannot be applied to a "
		    "void expression", opname(n->op));
	if (!v->type) {
		if (n->op != '=')
			ERR(n, "D_VAR_UNDEF", "%s has not yet been declared or "
			    "assigned", v->name);
		v->type = type_is_char_array(rt) ? &t_string : rt;
		if ((is_sou(v->type) && v->is_dynamic) ||
		    v->type->kind == DT_ARRAY)
			ERR(n, "D_OP_INCOMPAT", "variables of type %s are not "
			    "supported", v->type->name);
	} else if ((n->op == T_ADD_EQ || n->op == T_SUB_EQ) &&
		   (!type_is_integer(v->type) || !type_is_integer(rt)) &&
		   (v->type->kind != DT_PTR || !v->type->ref ||
		    v->type->ref->kind == DT_VOID || v->type->ref->kind == DT_FUNC)) {
		ERR(n, "D_OP_VFPTR", "operator %s requires left-hand scalar "
		    "operand of known size", opname(n->op));
	} else if (!type_compatible(v->type, rt) || !ptr_compat(v->type, n->b)) {
		ERR(n, "D_OP_INCOMPAT", "operands have incompatible types: "
		    "\"%s\" %s \"%s\"", v->type->name, opname(n->op), rt->name);
	}
	if (n->op != '=' && (!type_is_scalar(v->type) || !type_is_scalar(rt)))
		ERR(n, "D_OP_INT", "operator %s requires operands of integral "
		    "type", opname(n->op));
	check_alloca_assign(ck, n, v);
	n->a->type = v->type;
	n->type = v->type;
}

static void check_incdec(struct checker *ck, struct node *n)
{
	check_lvalue(ck, n->a);
	if (check_elem_assign(ck, n))
		return;
	if (!n->a->type)		/* D declares it: x++ counts from 0 */
		n->a->type = n->a->var->type = &t_long;
	need_scalar(ck, n->a, opname(n->op));
	n->type = n->a->type;
}

static void check_ternary(struct checker *ck, struct node *n)
{
	check_expr(ck, n->a);
	check_expr(ck, n->b);
	check_expr(ck, n->c);
	need_scalar(ck, n->a, "?:");
	struct dtype *b = n->b->type, *c = n->c->type;
	if (is_str(n->b) && is_str(n->c) &&
	    (b->kind == DT_STRING || c->kind == DT_STRING))
		n->type = &t_string;
	else if (type_is_integer(b) && type_is_integer(c))
		n->type = arith(b, c);
	else if (type_is_scalar(b) && type_is_scalar(c))
		n->type = b->kind == DT_PTR ? b : c;
	else if (type_compatible(b, c))
		n->type = b;
	else
		ERR(n, "D_OP_INCOMPAT", "operator ?: operands must have "
		    "compatible types");
	if (is_action_call(n->b) || is_action_call(n->c))
		ERR(n, "D_OP_ACT", "action cannot be used in a conditional "
		    "context");
	if (n->a->is_const && n->b->is_const && n->c->is_const &&
	    type_is_integer(n->type))
		set_const(n, n->type, fit(n->type, n->a->cval ? n->b->cval
							  : n->c->cval));
}

/* ---- members, casts, sizeof ---- */

static void check_member(struct checker *ck, struct node *n)
{
	uint32_t off;
	check_expr(ck, n->a);
	struct dtype *t = n->a->type;

	if (n->kind == N_PTRMEMBER) {
		if (t->kind != DT_PTR)
			ERR(n, "D_OP_PTR", "operator -> must be applied to a "
			    "pointer");
		t = t->ref;
	}
	if (t->kind != DT_STRUCT && t->kind != DT_UNION)
		ERR(n, "D_OP_SOU", "operator %s must be applied to a struct or "
		    "union", n->kind == N_PTRMEMBER ? "->" : ".");
	const struct dmember *m = type_member(t, n->name, &off);
	if (!m)
		ERR(n, "D_TYPE_MEMBER", "%s is not a member of %s", n->name,
		    t->name);
	n->type = m->type;
	n->cval = off;			/* byte offset, for code generation */
	n->aux = (void *)m;
}

static void check_cast(struct checker *ck, struct node *n)
{
	struct dtype *t = decl_type(ck->dp, n->tn, n->line);
	check_expr(ck, n->a);
	struct dtype *f = n->a->type;

	if (t->kind == DT_VOID) {
		n->type = t;
		return;
	}
	/* a void * to string: bytes written with bcopy() into alloca()'s
	 * space, as DTrace allows */
	if (t->kind == DT_STRING && (type_is_string(f) || (f->kind == DT_PTR &&
	    f->ref && type_resolve(f->ref)->kind == DT_VOID))) {
		n->type = t;
		return;
	}
	if (!type_is_scalar(t) || !(type_is_scalar(f) || f->kind == DT_ARRAY))
		ERR(n, "D_CAST_INVAL", "invalid cast expression: \"%s\" to \"%s\"",
		    f->name, t->name);
	n->type = t;
	if (n->a->is_const && type_is_integer(t))
		set_const(n, t, fit(t, n->a->cval));
}

static void check_sizeof(struct checker *ck, struct node *n)
{
	struct dtype *t;
	if (n->kind == N_SIZEOF_TYPE) {
		t = decl_type(ck->dp, n->tn, n->line);
	} else {
		check_expr(ck, n->a);
		t = n->a->type;
	}
	if (t->kind == DT_VOID || t->kind == DT_FUNC)
		ERR(n, "D_SIZEOF_TYPE", "cannot apply sizeof to an operand of "
		    "unknown size");
	set_const(n, &t_ulong, t->size);
}

static void check_offsetof(struct checker *ck, struct node *n)
{
	uint32_t off;
	struct dtype *t = decl_type(ck->dp, n->tn, n->line);
	if (t->kind != DT_STRUCT && t->kind != DT_UNION)
		ERR(n, "D_OFFSETOF_TYPE", "offsetof operand must be a struct or "
		    "union type");
	const struct dmember *m = type_member(t, n->name, &off);
	if (!m)
		ERR(n, "D_UNKNOWN", "%s is not a member of %s", n->name, t->name);
	if (m->bits)
		ERR(n, "D_OFFSETOF_BITFIELD", "cannot take offset of a bit-field: "
		    "%s", n->name);
	set_const(n, &t_ulong, off);
}

static void check_stringof(struct checker *ck, struct node *n)
{
	check_expr(ck, n->a);
	if (!type_is_scalar(n->a->type) && !is_str(n->a))
		ERR(n, "D_STRINGOF_TYPE", "stringof( ) argument must be of scalar "
		    "type");
	n->type = &t_string;
}

/* args[N] and array subscripts of kernel arrays/pointers. */
static void check_index(struct checker *ck, struct node *n)
{
	struct node *sub = n->b->a;

	if (n->a->kind == N_IDENT && !strcmp(n->a->name, "args") &&
	    !var_lookup(ck->dp, "args", VAR_GLOBAL)) {
		check_expr(ck, sub);
		if (!sub->is_const || sub->next)
			ERR(n, "D_ARGS_IDX", "index of args[] must be an integer "
			    "constant");
		struct probe *p = ck->probe;
		if (p)
			probe_args(p);
		if (!p || sub->cval < 0 || sub->cval >= p->nargs)
			ERR(n, "D_ARGS_IDX", "index %lld is out of range for %s "
			    "args[ ]", (long long)sub->cval,
			    p ? p->name : "this probe's");
		n->id = -1;		/* args[] */
		n->cval = sub->cval;
		n->aux = p;
		n->type = p->argtype[sub->cval] ? p->argtype[sub->cval] : &t_long;
		return;
	}
	if (check_assoc(ck, n))
		return;
	int lv = ck->lvalue;
	ck->lvalue = 0;
	check_expr(ck, n->a);
	check_expr(ck, sub);
	ck->lvalue = lv;
	if (sub->next || !is_int(sub))
		ERR(n, "D_IDX_TYPE", "array subscript must be an integer");
	if (n->a->type->kind == DT_STRING) {	/* a string's characters */
		n->id = N_STRING_CHAR;
		n->type = &t_char;
		return;
	}
	if (n->a->type->kind != DT_PTR && n->a->type->kind != DT_ARRAY)
		ERR(n, "D_IDX_NONARR", "operator [ ] must be applied to an array "
		    "or pointer");
	if (n->a->type->kind == DT_ARRAY && n->a->type->nelem > 0 &&
	    sub->is_const && (sub->cval < 0 || sub->cval >= n->a->type->nelem))
		ERR(n, "D_ARR_BOUNDS", "index %lld is out of bounds for array of "
		    "%ld elements", (long long)sub->cval, n->a->type->nelem);
	if (n->a->var && n->a->type->kind == DT_ARRAY)
		n->id = N_ARRAY_ELEM;		/* a D array variable's element */
	n->type = n->a->type->ref;
}

/* ---- the dispatcher ---- */

void check_expr(struct checker *ck, struct node *n)
{
	switch (n->kind) {
	case N_INT: check_int(n); break;
	case N_STR: n->type = &t_string; break;
	case N_IDENT: check_ident(ck, n); break;
	case N_DOLLAR: check_dollar(ck, n); break;
	case N_THIS: check_this(ck, n); break;
	case N_BINOP: check_binop(ck, n); break;
	case N_LOGOP: check_logop(ck, n); break;
	case N_UNOP: check_unop(ck, n); break;
	case N_ASSIGN: check_assign(ck, n); break;
	case N_PREINC: case N_POSTINC: check_incdec(ck, n); break;
	case N_TERNARY: check_ternary(ck, n); break;
	case N_MEMBER: case N_PTRMEMBER: check_member(ck, n); break;
	case N_CAST: check_cast(ck, n); break;
	case N_SIZEOF_EXPR: case N_SIZEOF_TYPE: check_sizeof(ck, n); break;
	case N_OFFSETOF: check_offsetof(ck, n); break;
	case N_STRINGOF: check_stringof(ck, n); break;
	case N_INDEX: check_index(ck, n); break;
	case N_CALL: check_call(ck, n); break;
	case N_SELF: check_this(ck, n); break;
	case N_AGG:
		if (ck->top == n && (n->a || agg_lookup(ck->dp, n->name)))
			ERR(n, "D_AGG_NULL", "expression has null effect: "
			    "@%s", n->name);
		if (ck->top == n)
			ERR(n, "D_IDENT_UNDEF", "failed to resolve @%s: Unknown "
			    "variable name", n->name);
		ERR(n, "D_AGG_SCALAR", "aggregation @%s may not be used in an "
		    "expression", n->name);
	default:
		ERR(n, "D_UNKNOWN", "unexpected %s in an expression",
		    ast_kind_name(n->kind));
	}
	if (!n->type && !ck->lvalue)
		ERR(n, "D_UNKNOWN", "expression has no type");
}

/* Once an expression that stands on its own (statement, condition,
 * predicate, inline) has passed its checks, an action inside it is an
 * error of its own. */
static void check_no_action(struct checker *ck)
{
	struct node *act = ck->act_in_expr;
	if (act)
		ERR(act, "D_ACT_SPEC", "%s( ) may not be used in an expression",
		    act->name);
}

static void check_stmts(struct checker *ck, struct node *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case N_EXPR_STMT:
			ck->top = s->a;
			check_expr(ck, s->a);
			check_no_action(ck);
			break;
		case N_IF:
			check_expr(ck, s->a);
			need_scalar(ck, s->a, "if");
			check_no_action(ck);
			check_stmts(ck, s->b);
			check_stmts(ck, s->c);
			break;
		case N_BLOCK:
			check_stmts(ck, s->a);
			break;
		case N_DECL_STMT:
			decl_top(ck->dp, s);
			break;
		case N_EMPTY_STMT:
			break;
		default:
			ERR(s, "D_UNKNOWN", "unexpected %s in a clause",
			    ast_kind_name(s->kind));
		}
	}
}

void check_inline(struct dprog *dp, struct node *n)
{
	struct checker ck = { .dp = dp };
	struct dtype *t = decl_type(dp, n->decl->tn, n->line);
	const char *name = n->decl->tn->ident;

	if (var_lookup(dp, name, VAR_INLINE) || var_lookup(dp, name, VAR_GLOBAL))
		diag_error(dp->diag, n->line, "D_DECL_IDRED", "identifier "
			   "redeclared: %s", name);
	check_expr(&ck, n->a);
	check_no_action(&ck);
	if (!type_compatible(t, n->a->type))
		diag_error(dp->diag, n->line, "D_OP_INCOMPAT", "inline %s "
			   "definition uses incompatible types: \"%s\" = \"%s\"",
			   name, t->name, n->a->type->name);
	if (n->a->is_const && type_is_integer(t))
		set_const(n->a, t, fit(t, n->a->cval));
	else if (type_is_scalar(t))
		n->a->type = t;
	var_new(dp, name, VAR_INLINE)->value = n->a;
}

void check_clause(struct dprog *dp, struct node *clause, struct probe *p)
{
	struct checker ck = { .dp = dp, .probe = p };

	if (clause->a) {
		/* DTrace reports the predicate's operator at the "{" that
		 * its parser had read by then; names keep their own line. */
		if (clause->ival)
			clause->a->line = (int)clause->ival;
		check_expr(&ck, clause->a);
		if (!type_is_scalar(clause->a->type) && !is_str(clause->a))
			diag_error(dp->diag, clause->a->line, "D_PRED_SCALAR",
				   "predicate result must be of scalar type");
		check_no_action(&ck);
	}
	check_stmts(&ck, clause->b);
}
