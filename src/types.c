/* types.c - D types on top of kernel BTF. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "types.h"
#include "ast.h"
#include "diag.h"

#define INT_T(n, sz, sg) { .kind = DT_INT, .name = n, .size = sz, .is_signed = sg, .complete = 1 }
struct dtype t_void = { .kind = DT_VOID, .name = "void", .size = 1, .complete = 1 };
struct dtype t_char = INT_T("char", 1, 1), t_uchar = INT_T("unsigned char", 1, 0);
struct dtype t_short = INT_T("short", 2, 1), t_ushort = INT_T("unsigned short", 2, 0);
struct dtype t_int = INT_T("int", 4, 1), t_uint = INT_T("unsigned int", 4, 0);
struct dtype t_long = INT_T("long", 8, 1), t_ulong = INT_T("unsigned long", 8, 0);
struct dtype t_llong = INT_T("long long", 8, 1), t_ullong = INT_T("unsigned long long", 8, 0);
struct dtype t_string = { .kind = DT_STRING, .name = "string", .size = 256, .complete = 1 };
struct dtype t_symaddr = INT_T("_symaddr", 8, 0), t_usymaddr = INT_T("_usymaddr", 8, 0);
/* mod(), umod(), uaddr(): DTrace's types by name, printed differently */
struct dtype t_modaddr = INT_T("_symaddr", 8, 0), t_umodaddr = INT_T("_usymaddr", 8, 0);
struct dtype t_uaddr = INT_T("_usymaddr", 8, 0);

int type_is_usym(const struct dtype *t)
{
	return t == &t_usymaddr || t == &t_umodaddr || t == &t_uaddr;
}

struct dtype *type_stack(int user, int nframes)
{
	struct dtype *t = calloc(1, sizeof(*t));
	if (!t)
		abort();
	t->kind = DT_STACK;
	t->name = user ? "ustack" : "stack";
	t->is_user = user;
	t->nelem = nframes;
	t->size = 8 * nframes + (user ? 8 : 0);
	t->complete = 1;
	return t;
}
struct dtype *t_voidp, *t_charp;

/* A small name table for typedefs, tags and enumerators declared by D or
 * the script; kernel names are found in BTF when these miss. */
struct named {
	char *name;
	int kind;		/* 0 typedef, DT_STRUCT/UNION/ENUM tag, -1 enumerator */
	struct dtype *type;
	int64_t val;
	struct named *next;
};
static struct named *names;
static struct btf *vmlinux;
static int vmlinux_tried;
static struct dtype **btf_cache;

static struct named *named_find(const char *name, int kind)
{
	for (struct named *n = names; n; n = n->next)
		if (n->kind == kind && !strcmp(n->name, name))
			return n;
	return NULL;
}

static void named_add(const char *name, int kind, struct dtype *t, int64_t v)
{
	struct named *n = calloc(1, sizeof(*n));
	n->name = strdup(name);
	n->kind = kind;
	n->type = t;
	n->val = v;
	n->next = names;
	names = n;
}

static char *xasprintf(const char *fmt, const char *a, const char *b)
{
	char *s;
	if (asprintf(&s, fmt, a, b) < 0)
		abort();
	return s;
}

static struct dtype *type_new(enum dkind_t k, const char *name, uint32_t size)
{
	struct dtype *t = calloc(1, sizeof(*t));
	t->kind = k;
	t->name = name;
	t->size = size;
	t->complete = 1;
	return t;
}

struct dtype *type_ptr(struct dtype *t)
{
	if (t->ptr_to)
		return t->ptr_to;
	const char *sep = t->name[strlen(t->name) - 1] == '*' ? "" : " ";
	struct dtype *p = type_new(DT_PTR, xasprintf("%s%s*", t->name, sep), 8);
	p->ref = t;
	p->is_user = t->is_user;
	t->ptr_to = p;
	return p;
}

struct dtype *type_array(struct dtype *t, long n)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%ld", n);
	struct dtype *a = type_new(DT_ARRAY, xasprintf("%s [%s]", t->name, buf),
				   n > 0 ? t->size * n : 0);
	a->ref = t;
	a->nelem = n;
	return a;
}

struct dtype *type_int(int size, int is_signed)
{
	switch (size) {
	case 1: return is_signed ? &t_char : &t_uchar;
	case 2: return is_signed ? &t_short : &t_ushort;
	case 4: return is_signed ? &t_int : &t_uint;
	default: return is_signed ? &t_long : &t_ulong;
	}
}

struct dtype *type_resolve(const struct dtype *t)
{
	return (struct dtype *)t;
}

static struct dtype *alias(const char *name, struct dtype *t)
{
	struct dtype *a = malloc(sizeof(*a));
	*a = *t;
	a->name = strdup(name);
	a->ptr_to = NULL;
	return a;
}

void types_init(void)
{
	static const struct { const char *n; struct dtype *t; } builtin[] = {
		{ "int8_t", &t_char }, { "int16_t", &t_short },
		{ "int32_t", &t_int }, { "int64_t", &t_long },
		{ "uint8_t", &t_uchar }, { "uint16_t", &t_ushort },
		{ "uint32_t", &t_uint }, { "uint64_t", &t_ulong },
		{ "intptr_t", &t_long }, { "uintptr_t", &t_ulong },
		{ "size_t", &t_ulong }, { "ssize_t", &t_long },
		{ "off_t", &t_long }, { "pid_t", &t_int }, { "uid_t", &t_uint },
		{ "gid_t", &t_uint }, { "id_t", &t_int }, { "zoneid_t", &t_int },
		{ "processorid_t", &t_int }, { "psetid_t", &t_int },
		{ "hrtime_t", &t_llong }, { "time_t", &t_long },
		{ "dev_t", &t_ulong }, { "ino_t", &t_ulong }, { "mode_t", &t_uint },
		{ "caddr_t", NULL }, { "uchar_t", &t_uchar }, { "ushort_t", &t_ushort },
		{ "uint_t", &t_uint }, { "ulong_t", &t_ulong }, { "u_longlong_t", &t_ullong },
		{ "longlong_t", &t_llong }, { "boolean_t", &t_int },
		{ "ipaddr_t", &t_uint },	/* inet_ntoa's argument */
	};
	t_voidp = type_ptr(&t_void);
	t_charp = type_ptr(&t_char);
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		named_add(builtin[i].n, 0, alias(builtin[i].n,
			  builtin[i].t ? builtin[i].t : t_charp), 0);
}

const struct btf *types_vmlinux_btf(void)
{
	if (!vmlinux_tried) {
		vmlinux_tried = 1;
		vmlinux = btf__load_vmlinux_btf();
		if (!vmlinux)
			vmlinux = NULL;
		else
			btf_cache = calloc(btf__type_cnt(vmlinux), sizeof(*btf_cache));
	}
	return vmlinux;
}

/* ---- BTF conversion ---- */

static struct dtype *btf_convert(const struct btf *btf, int id);

struct dtype *types_from_btf(const struct btf *btf, int id)
{
	if (id == 0)
		return &t_void;
	if (btf != vmlinux || !btf_cache)
		return btf_convert(btf, id);
	if (!btf_cache[id])
		btf_cache[id] = btf_convert(btf, id);
	return btf_cache[id];
}

static struct dtype *btf_int(const struct btf_type *bt, const char *name)
{
	int enc = btf_int_encoding(bt);
	struct dtype *t = type_new(DT_INT, name, bt->size);
	t->is_signed = !!(enc & BTF_INT_SIGNED);
	if (!strcmp(name, "char"))
		t->is_signed = 1;
	return t;
}

static const char *tag_name(const char *kw, const char *name)
{
	return xasprintf("%s %s", kw, *name ? name : "<anon>");
}

static struct dtype *btf_convert(const struct btf *btf, int id)
{
	const struct btf_type *bt = btf__type_by_id(btf, id);
	const char *name = btf__name_by_offset(btf, bt->name_off);
	struct dtype *t, *r;

	if (!bt)
		return &t_void;
	switch (btf_kind(bt)) {
	case BTF_KIND_INT:
		return btf_int(bt, strdup(name));
	case BTF_KIND_PTR:
		return type_ptr(types_from_btf(btf, bt->type));
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(bt);
		return type_array(types_from_btf(btf, a->type), a->nelems);
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		t = type_new(btf_kind(bt) == BTF_KIND_STRUCT ? DT_STRUCT : DT_UNION,
			     tag_name(btf_kind(bt) == BTF_KIND_STRUCT ? "struct" : "union", name),
			     bt->size);
		t->btf = btf;
		t->btf_id = id;
		t->complete = 0;	/* members converted on first use */
		return t;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		t = type_new(DT_ENUM, tag_name("enum", name), bt->size);
		t->is_signed = 1;
		t->btf = btf;
		t->btf_id = id;
		return t;
	case BTF_KIND_FWD:
		t = type_new(btf_kflag(bt) ? DT_UNION : DT_STRUCT,
			     tag_name(btf_kflag(bt) ? "union" : "struct", name), 0);
		t->complete = 0;
		return t;
	case BTF_KIND_TYPEDEF:
		r = types_from_btf(btf, bt->type);
		return alias(name, r);
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_DECL_TAG:
		return types_from_btf(btf, bt->type);
	case BTF_KIND_FUNC_PROTO:
		t = type_new(DT_FUNC, "function", 1);
		t->ref = types_from_btf(btf, bt->type);
		return t;
	case BTF_KIND_FLOAT:
		return type_new(DT_FLOAT, strdup(name), bt->size);
	default:
		return &t_void;
	}
}

/* Members of a BTF struct, flattening anonymous struct/union members as C
 * lets one name them directly. */
static void collect_members(struct dtype *t, const struct btf *btf, int id,
			uint32_t base, struct dmember ***tail)
{
	const struct btf_type *bt = btf__type_by_id(btf, id);
	const struct btf_member *m = btf_members(bt);
	for (int i = 0; i < btf_vlen(bt); i++, m++) {
		const char *mn = btf__name_by_offset(btf, m->name_off);
		uint32_t bitoff = btf_member_bit_offset(bt, i);
		uint32_t off = base + bitoff / 8;
		if (!*mn) {
			int sid = btf__resolve_type(btf, m->type);
			const struct btf_type *st = btf__type_by_id(btf, sid);
			if (btf_is_composite(st))
				collect_members(t, btf, sid, off, tail);
			continue;
		}
		struct dmember *dm = calloc(1, sizeof(*dm));
		dm->name = (char *)mn;
		dm->type = types_from_btf(btf, m->type);
		dm->offset = off;
		dm->bits = btf_member_bitfield_size(bt, i);
		if (dm->bits) {
			dm->offset = base + (bitoff / 8);
			dm->bit_off = bitoff % 8;
		}
		**tail = dm;
		*tail = &dm->next;
	}
}

static void complete(struct dtype *t)
{
	if (t->complete || !t->btf)
		return;
	struct dmember **tail = &t->members;
	collect_members(t, t->btf, t->btf_id, 0, &tail);
	t->complete = 1;
}

const struct dmember *type_member(struct dtype *t, const char *name,
				  uint32_t *offset)
{
	if (t->kind != DT_STRUCT && t->kind != DT_UNION)
		return NULL;
	if (!t->complete && !t->btf && t->size == 0) {
		/* a forward declaration: find the full type by tag */
		struct dtype *full = types_lookup_tag(NULL, t->kind, strchr(t->name, ' ') + 1);
		if (full && full != t)
			t = full;
	}
	complete(t);
	for (struct dmember *m = t->members; m; m = m->next)
		if (!strcmp(m->name, name)) {
			*offset = m->offset;
			return m;
		}
	return NULL;
}

/* ---- name lookup ---- */

static int btf_find(const char *name, int kind)
{
	const struct btf *btf = types_vmlinux_btf();
	return btf ? btf__find_by_name_kind(btf, name, kind) : -1;
}

struct dtype *types_lookup_typedef(const char *scope, const char *name)
{
	struct named *n = scope && *scope ? NULL : named_find(name, 0);
	if (n)
		return n->type;
	int id = btf_find(name, BTF_KIND_TYPEDEF);
	if (id > 0)
		return types_from_btf(vmlinux, id);
	return NULL;
}

struct dtype *types_lookup_tag(const char *scope, int kind, const char *tag)
{
	struct named *n = scope && *scope ? NULL : named_find(tag, kind);
	if (n)
		return n->type;
	int bk = kind == DT_STRUCT ? BTF_KIND_STRUCT :
		 kind == DT_UNION ? BTF_KIND_UNION : BTF_KIND_ENUM;
	int id = btf_find(tag, bk);
	if (id > 0)
		return types_from_btf(vmlinux, id);
	return NULL;
}

void types_define_typedef(const char *name, struct dtype *t)
{
	named_add(name, 0, alias(name, t), 0);
}

void types_define_tag(struct dtype *t)
{
	named_add(strchr(t->name, ' ') + 1, t->kind, t, 0);
}

int types_is_typename(void *arg, const char *scope, const char *name)
{
	(void)arg;
	return types_lookup_typedef(scope, name) != NULL;
}

void types_define_enumerator(const char *name, int64_t val, struct dtype *t)
{
	named_add(name, -1, t, val);
}

static int btf_enumerator(const char *name, int64_t *val, struct dtype **t)
{
	const struct btf *btf = types_vmlinux_btf();
	if (!btf)
		return -1;
	/* Enumerators have no index in BTF; a scan of ~100k types is a few
	 * ms and only runs for identifiers nothing else claims. */
	int n = btf__type_cnt(btf);
	for (int id = 1; id < n; id++) {
		const struct btf_type *bt = btf__type_by_id(btf, id);
		if (btf_kind(bt) != BTF_KIND_ENUM)
			continue;
		const struct btf_enum *e = btf_enum(bt);
		for (int i = 0; i < btf_vlen(bt); i++, e++)
			if (!strcmp(btf__name_by_offset(btf, e->name_off), name)) {
				*val = e->val;
				*t = types_from_btf(btf, id);
				return 0;
			}
	}
	return -1;
}

int types_lookup_enumerator(const char *name, int64_t *val, struct dtype **t)
{
	struct named *n = named_find(name, -1);
	if (n) {
		*val = n->val;
		*t = n->type;
		return 0;
	}
	return btf_enumerator(name, val, t);
}

/* ---- predicates ---- */

int type_is_integer(const struct dtype *t)
{
	return t->kind == DT_INT || t->kind == DT_ENUM;
}

int type_is_scalar(const struct dtype *t)
{
	return type_is_integer(t) || t->kind == DT_PTR;
}

int type_is_char_array(const struct dtype *t)
{
	return t->kind == DT_ARRAY && t->ref->kind == DT_INT && t->ref->size == 1;
}

int type_is_string(const struct dtype *t)
{
	return t->kind == DT_STRING || type_is_char_array(t) ||
	       (t->kind == DT_PTR && t->ref->kind == DT_INT && t->ref->size == 1);
}

int type_compatible(const struct dtype *a, const struct dtype *b)
{
	if (type_is_scalar(a) && type_is_scalar(b))
		return 1;
	if (type_is_string(a) && type_is_string(b))
		return 1;
	return a == b || (a->kind == b->kind && a->size == b->size &&
			  !strcmp(a->name, b->name));
}

/* ---- C type names from tracefs formats ---- */

struct dtype *types_parse_c_name(const char *text)
{
	char buf[256], *p, *words[16];
	int nw = 0, stars = 0;
	unsigned flags = 0;
	struct dtype *t = NULL;

	snprintf(buf, sizeof(buf), "%s", text);
	for (p = buf; *p; p++)
		if (*p == '*') {
			stars++;
			*p = ' ';
		}
	for (p = strtok(buf, " \t"); p && nw < 16; p = strtok(NULL, " \t"))
		words[nw++] = p;
	for (int i = 0; i < nw; i++) {
		const char *w = words[i];
		if (!strcmp(w, "const") || !strcmp(w, "volatile") || !strcmp(w, "__user"))
			continue;
		if (!strcmp(w, "unsigned")) flags |= TSF_UNSIGNED;
		else if (!strcmp(w, "signed")) flags |= TSF_SIGNED;
		else if (!strcmp(w, "char")) flags |= TSF_CHAR;
		else if (!strcmp(w, "short")) flags |= TSF_SHORT;
		else if (!strcmp(w, "int")) flags |= TSF_INT;
		else if (!strcmp(w, "long")) flags |= (flags & TSF_LONG) ? TSF_LONGLONG : TSF_LONG;
		else if (!strcmp(w, "void")) t = &t_void;
		else if ((!strcmp(w, "struct") || !strcmp(w, "union")) && i + 1 < nw) {
			t = types_lookup_tag(NULL, w[0] == 's' ? DT_STRUCT : DT_UNION, words[++i]);
			if (!t)
				t = &t_void;
		} else if (!strcmp(w, "enum") && i + 1 < nw) {
			i++;
			t = &t_int;
		} else if (!t)
			t = types_lookup_typedef(NULL, w);
	}
	if (!t) {
		int size = flags & TSF_CHAR ? 1 : flags & TSF_SHORT ? 2 :
			   flags & (TSF_LONG | TSF_LONGLONG) ? 8 : 4;
		t = type_int(size, !(flags & TSF_UNSIGNED));
		if (!flags)
			t = &t_long;
	}
	while (stars--)
		t = type_ptr(t);
	return t;
}
