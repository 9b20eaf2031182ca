/* decl.c - declarations: type names to D types, typedefs, struct, union
 * and enum definitions, and declared variables. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "types.h"
#include "util.h"

#define ERR(line, tag, ...) diag_error(dp->diag, line, tag, __VA_ARGS__)

static struct dtype *integer_type(unsigned f)
{
	int sgn = !(f & TSF_UNSIGNED);
	if (f & TSF_CHAR)
		return (f & (TSF_SIGNED | TSF_UNSIGNED)) ? type_int(1, sgn) : &t_char;
	if (f & TSF_SHORT)
		return type_int(2, sgn);
	if (f & TSF_LONGLONG)
		return sgn ? &t_llong : &t_ullong;
	if (f & TSF_LONG)
		return type_int(8, sgn);
	return type_int(4, sgn);
}

static uint32_t type_align(const struct dtype *t)
{
	if (t->kind == DT_ARRAY)
		return type_align(t->ref);
	if (t->kind == DT_STRUCT || t->kind == DT_UNION) {
		uint32_t a = 1;
		for (struct dmember *m = t->members; m; m = m->next)
			if (type_align(m->type) > a)
				a = type_align(m->type);
		return a;
	}
	if (t->kind == DT_STRING)
		return 1;
	return t->size ? (t->size > 8 ? 8 : t->size) : 1;
}

static struct dtype *define_sou(struct dprog *dp, const struct tspec *ts,
				int line)
{
	int kind = ts->kind == TS_STRUCT ? DT_STRUCT : DT_UNION;
	struct dtype *t = xcalloc(1, sizeof(*t));
	char *name;
	if (asprintf(&name, "%s %s", kind == DT_STRUCT ? "struct" : "union",
		     ts->name ? ts->name : "<anon>") < 0)
		abort();
	t->kind = kind;
	t->name = name;
	struct dmember **tail = &t->members;
	uint32_t off = 0, align = 1;
	for (struct member_decl *md = ts->members; md; md = md->next) {
		struct dmember *m = xcalloc(1, sizeof(*m));
		m->name = strdup(md->tn->ident ? md->tn->ident : "");
		m->type = decl_type(dp, md->tn, line);
		if (md->bits > 0 && (uint32_t)md->bits > 8 * m->type->size)
			ERR(line, "D_DECL_BFSIZE", "bit-field too big for type: %s",
			    m->name);
		uint32_t a = type_align(m->type);
		if (a > align)
			align = a;
		if (kind == DT_STRUCT) {
			off = (off + a - 1) / a * a;
			m->offset = off;
			off += m->type->size;
		} else if (m->type->size > off) {
			off = m->type->size;
		}
		*tail = m;
		tail = &m->next;
	}
	t->size = (off + align - 1) / align * align;
	t->complete = 1;
	if (ts->name)
		types_define_tag(t);
	return t;
}

static struct dtype *define_enum(struct dprog *dp, const struct tspec *ts)
{
	struct dtype *t = xcalloc(1, sizeof(*t));
	char *name;
	if (asprintf(&name, "enum %s", ts->name ? ts->name : "<anon>") < 0)
		abort();
	t->kind = DT_ENUM;
	t->name = name;
	t->size = 4;
	t->is_signed = 1;
	t->complete = 1;
	int64_t v = 0;
	for (struct enum_decl *e = ts->enumerators; e; e = e->next, v++) {
		if (e->value) {
			struct dtype *vt;
			if (e->value->kind == N_INT)
				v = (int64_t)e->value->ival;
			else if (e->value->kind == N_IDENT &&
				 !types_lookup_enumerator(e->value->name, &v, &vt))
				;
			else
				ERR(e->line, "D_ENUM_VALUE", "enumerator '%s' must be "
				    "assigned to an integral constant expression",
				    e->name);
		}
		types_define_enumerator(e->name, v, t);
	}
	if (ts->name)
		types_define_tag(t);
	return t;
}

static struct dtype *base_type(struct dprog *dp, const struct tspec *ts,
			       int line)
{
	struct dtype *t = NULL;
	int kind = DT_STRUCT;	/* every case sets or returns */

	switch (ts->kind) {
	case TS_VOID: return &t_void;
	case TS_STRING: return &t_string;
	case TS_FLOAT:
		ERR(line, "D_UNKNOWN", "floating-point types are not supported");
	case TS_INTEGER: return integer_type(ts->flags);
	case TS_TYPEDEF:
		t = types_lookup_typedef(ts->scope, ts->name);
		if (!t)
			ERR(line, "D_TYPE_ERR", "failed to resolve type %s",
			    ts->name);
		return t;
	case TS_STRUCT: case TS_UNION:
		if (ts->has_body)
			return define_sou(dp, ts, line);
		kind = ts->kind == TS_STRUCT ? DT_STRUCT : DT_UNION;
		break;
	case TS_ENUM:
		if (ts->enumerators)
			return define_enum(dp, ts);
		kind = DT_ENUM;
		break;
	}
	t = types_lookup_tag(ts->scope, kind, ts->name);
	if (!t)
		ERR(line, "D_TYPE_ERR", "failed to resolve type %s %s",
		    kind == DT_STRUCT ? "struct" : kind == DT_UNION ? "union" :
		    "enum", ts->name);
	return t;
}

static struct dtype *apply(struct dprog *dp, struct dtype *base,
			   const struct declarator *d, int line)
{
	if (!d)
		return base;
	struct dtype *inner = apply(dp, base, d->next, line);
	switch (d->kind) {
	case DK_POINTER:
		return type_ptr(inner);
	case DK_ARRAY:
		if (d->index_type || d->count_expr)
			ERR(line, "D_UNKNOWN", "associative and variable-size "
			    "arrays are not supported yet");
		if (d->count > (long)UINT32_MAX)
			ERR(line, "D_DECL_ARRBIG", "array dimension too big");
		return type_array(inner, d->count);
	case DK_FUNC:
	default:
		ERR(line, "D_UNKNOWN", "function types are not supported");
	}
}

struct dtype *decl_type(struct dprog *dp, const struct tyname *tn, int line)
{
	/* Declarators read outermost first; build from the base outwards. */
	return apply(dp, base_type(dp, tn->spec, line), tn->decl, line);
}

/* "int a[string, int]": an associative array's key types. */
static int assoc_keys(struct dprog *dp, const struct decl *d, struct var *v)
{
	const struct declarator *dk = d->tn->decl;
	int n = 0;

	if (!dk || dk->kind != DK_ARRAY || !dk->index_type)
		return 0;
	for (const struct tyname *k = dk->index_type; k; k = k->next) {
		if (n == MAXKEYS)
			ERR(d->line, "D_DECL_ARRBIG", "%s[ ] has more than %d keys",
			    v->name, MAXKEYS);
		v->keys[n++] = decl_type(dp, k, d->line);
		if (v->keys[n - 1]->kind == DT_VOID)
			ERR(d->line, "D_DECL_PROTO_TYPE", "array prototype may "
			    "not use parameter of type void: %s, parameter #%d",
			    k->ident ? k->ident : "(anonymous)", n);
	}
	v->nkeys = n;
	return 1;
}

/* A redeclaration must name the same type (int and char differ). */
static int same_type(const struct dtype *a, const struct dtype *b)
{
	a = type_resolve(a);
	b = type_resolve(b);
	if (type_is_string(a) && type_is_string(b))
		return 1;
	return a == b || (a->kind == b->kind && a->size == b->size &&
			  a->is_signed == b->is_signed && !strcmp(a->name, b->name));
}

static void declare_var(struct dprog *dp, const struct decl *d, struct dtype *t)
{
	enum var_kind k = d->cls == DC_THIS ? VAR_THIS :
			  d->cls == DC_SELF ? VAR_SELF : VAR_GLOBAL;
	const char *name = d->tn->ident;

	/* a kernel variable's declaration: DTrace's kernel variables are not
	 * read here, so a use of one is an unknown name */
	if (d->cls == DC_EXTERN)
		return;
	struct var *v = var_lookup(dp, name, k);
	if (v && v->type && v->declared && !same_type(v->type, t))
		ERR(d->line, "D_DECL_IDRED", "identifier redeclared: %s", name);
	if (!v) {
		v = xcalloc(1, sizeof(*v));
		v->name = strdup(name);
		v->kind = k;
		v->next = dp->vars;
		dp->vars = v;
	}
	v->type = t;
	v->declared = 1;
	v->is_dynamic = assoc_keys(dp, d, v) || k == VAR_SELF;
	if (v->nkeys && k == VAR_THIS)
		ERR(d->line, "D_DECL_LOCASSC", "associative arrays may not be "
		    "declared as local variables: %s", name);
}

void decl_top(struct dprog *dp, struct node *n)
{
	const struct decl *d = n->decl;
	const struct declarator *dk = d->tn->decl;
	struct dtype *t;

	if (dk && dk->kind == DK_ARRAY && dk->index_type)	/* a[key] */
		t = apply(dp, base_type(dp, d->tn->spec, d->line), dk->next,
			  d->line);
	else
		t = decl_type(dp, d->tn, d->line);

	if (!d->tn->ident)
		return;			/* struct foo { ... }; */
	if (d->cls == DC_TYPEDEF) {
		types_define_typedef(d->tn->ident, t);
		return;
	}
	if (t->kind == DT_VOID)
		ERR(d->line, "D_DECL_VOIDOBJ", "cannot have void object: %s",
		    d->tn->ident);
	declare_var(dp, d, t);
}
