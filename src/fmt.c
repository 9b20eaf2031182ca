/* fmt.c - DTrace's printf engine and trace() output.
 *
 * A parsed format is a list of pieces, each a literal prefix and (but for a
 * trailing literal) one conversion, exactly as dt_printf_create splits it,
 * so conversion numbers in messages count the same way (%% included).  At
 * run time each conversion is turned back into a C printf format (flags,
 * width, precision, "ll" for 64-bit types, the conversion's output letter)
 * and handed to glibc, which is what libdtrace does: that is the cheapest
 * way to be exact about padding, '#', '+', ' ' and friends.
 */
#define _GNU_SOURCE		/* strdup, strnlen, ctime_r under -std=c11 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "fmt.h"
#include "aggfmt.h"

/* Flags, as DT_PFCONV_*. */
#define PF_ALT		0x001u
#define PF_ZPAD		0x002u
#define PF_LEFT		0x004u
#define PF_SPOS		0x008u
#define PF_DYNWIDTH	0x010u
#define PF_DYNPREC	0x020u
#define PF_AGG		0x040u
#define PF_GROUP	0x080u
#define PF_SPACE	0x100u

/* How a conversion checks its argument (the pfcheck_* functions). */
enum ck {
	CK_KADDR, CK_UADDR, CK_ADDR, CK_STACK, CK_TIME, CK_STR, CK_WSTR,
	CK_CSI, CK_FP, CK_XINT, CK_DINT, CK_XSHORT, CK_XLONG, CK_TYPE,
	CK_VOID,
};

/* How it prints (the pfprint_* functions). */
enum pk {
	PK_SINT, PK_UINT, PK_DINT, PK_FP, PK_ADDR, PK_UADDR, PK_STACK,
	PK_TIME, PK_TIME822, PK_CSTR, PK_WSTR, PK_ESTR, PK_ECHR, PK_PCT,
};

struct conv {
	const char *name;	/* as written after the flags: "llx" */
	const char *ofmt;	/* what goes to glibc: "x" */
	const char *proto;	/* the prototype in messages */
	enum ck check;
	enum pk print;
	char tkind;		/* CK_TYPE: 's'igned, 'u'nsigned, 'f'loat */
	char tsize;		/* CK_TYPE: bytes */
};

static const char P_XINT[] = "char, short, int, long, or long long";
static const char P_CSI[] = "char, short, or int";
static const char P_FP[] = "float, double, or long double";
static const char P_ADDR[] = "pointer or integer";
static const char P_UADDR[] =
	"pointer or integer (with -p/-c) or _usymaddr (without -p/-c)";
static const char P_CSTR[] = "char [] or string (or use stringof)";
static const char P_WSTR[] = "wchar_t []";

/* dt_printf.c's conversion dictionary: no hh, z, j or t in DTrace. */
static const struct conv convs[] = {
	{ "a", "s", P_ADDR, CK_KADDR, PK_ADDR, 0, 0 },
	{ "A", "s", P_UADDR, CK_UADDR, PK_UADDR, 0, 0 },
	{ "c", "c", P_CSI, CK_CSI, PK_SINT, 0, 0 },
	{ "C", "s", P_CSI, CK_CSI, PK_ECHR, 0, 0 },
	{ "d", "d", P_XINT, CK_DINT, PK_DINT, 0, 0 },
	{ "e", "e", P_FP, CK_FP, PK_FP, 0, 0 },
	{ "E", "E", P_FP, CK_FP, PK_FP, 0, 0 },
	{ "f", "f", P_FP, CK_FP, PK_FP, 0, 0 },
	{ "g", "g", P_FP, CK_FP, PK_FP, 0, 0 },
	{ "G", "G", P_FP, CK_FP, PK_FP, 0, 0 },
	{ "hd", "d", "short", CK_TYPE, PK_SINT, 's', 2 },
	{ "hi", "i", "short", CK_TYPE, PK_SINT, 's', 2 },
	{ "ho", "o", "unsigned short", CK_TYPE, PK_UINT, 'u', 2 },
	{ "hu", "u", "unsigned short", CK_TYPE, PK_UINT, 'u', 2 },
	{ "hx", "x", "short", CK_XSHORT, PK_UINT, 0, 0 },
	{ "hX", "X", "short", CK_XSHORT, PK_UINT, 0, 0 },
	{ "i", "i", P_XINT, CK_DINT, PK_DINT, 0, 0 },
	{ "k", "s", "stack", CK_STACK, PK_STACK, 0, 0 },
	{ "lc", "lc", "int", CK_TYPE, PK_SINT, 's', 4 },
	{ "ld", "d", "long", CK_TYPE, PK_SINT, 's', 8 },
	{ "li", "i", "long", CK_TYPE, PK_SINT, 's', 8 },
	{ "lo", "o", "unsigned long", CK_TYPE, PK_UINT, 'u', 8 },
	{ "lu", "u", "unsigned long", CK_TYPE, PK_UINT, 'u', 8 },
	{ "ls", "ls", P_WSTR, CK_WSTR, PK_WSTR, 0, 0 },
	{ "lx", "x", "long", CK_XLONG, PK_UINT, 0, 0 },
	{ "lX", "X", "long", CK_XLONG, PK_UINT, 0, 0 },
	{ "lld", "d", "long long", CK_TYPE, PK_SINT, 's', 8 },
	{ "lli", "i", "long long", CK_TYPE, PK_SINT, 's', 8 },
	{ "llo", "o", "unsigned long long", CK_TYPE, PK_UINT, 'u', 8 },
	{ "llu", "u", "unsigned long long", CK_TYPE, PK_UINT, 'u', 8 },
	{ "llx", "x", "long long", CK_XLONG, PK_UINT, 0, 0 },
	{ "llX", "X", "long long", CK_XLONG, PK_UINT, 0, 0 },
	{ "Le", "e", "long double", CK_TYPE, PK_FP, 'f', 16 },
	{ "LE", "E", "long double", CK_TYPE, PK_FP, 'f', 16 },
	{ "Lf", "f", "long double", CK_TYPE, PK_FP, 'f', 16 },
	{ "Lg", "g", "long double", CK_TYPE, PK_FP, 'f', 16 },
	{ "LG", "G", "long double", CK_TYPE, PK_FP, 'f', 16 },
	{ "o", "o", P_XINT, CK_XINT, PK_UINT, 0, 0 },
	{ "p", "x", P_ADDR, CK_ADDR, PK_UINT, 0, 0 },
	{ "s", "s", P_CSTR, CK_STR, PK_CSTR, 0, 0 },
	{ "S", "s", P_CSTR, CK_STR, PK_ESTR, 0, 0 },
	{ "T", "s", "int64_t", CK_TIME, PK_TIME822, 0, 0 },
	{ "u", "u", P_XINT, CK_XINT, PK_UINT, 0, 0 },
	/* glibc 2.36 has no %w: wide chars go out as %lc / %ls */
	{ "wc", "lc", "int", CK_TYPE, PK_SINT, 's', 4 },
	{ "ws", "ls", P_WSTR, CK_WSTR, PK_WSTR, 0, 0 },
	{ "x", "x", P_XINT, CK_XINT, PK_UINT, 0, 0 },
	{ "X", "X", P_XINT, CK_XINT, PK_UINT, 0, 0 },
	{ "Y", "s", "int64_t", CK_TIME, PK_TIME, 0, 0 },
	{ "%", "%", "void", CK_VOID, PK_PCT, 0, 0 },
};

struct piece {
	const char *prefix;	/* literal text before the conversion */
	size_t preflen;
	const struct conv *conv;	/* NULL: a trailing literal */
	unsigned flags;
	int width, prec;
};

struct fmt {
	char *text;
	struct piece *v;
	int n;
};

static const struct conv *conv_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(convs) / sizeof(convs[0]); i++)
		if (strcmp(convs[i].name, name) == 0)
			return &convs[i];
	return NULL;
}

static int set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/*
 * Parse the flags, width, precision and name after one '%' (p points at
 * the '%'), dt_printf_create's state machine: a '0' before any digit is the
 * zero-pad flag and cancels '-', '-' cancels '0', "%%" is the % conversion.
 * Returns the position of the conversion's last character, or NULL.
 */
static const char *parse_conv(const char *p, struct piece *pc, int no,
			      char *err, size_t errlen)
{
	char name[8];
	unsigned namelen = 0;
	int digits = 0, dot = 0, n;
	char c;

	for (;;) {
		switch (c = *++p) {
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			if (dot == 0 && digits == 0 && c == '0') {
				pc->flags |= PF_ZPAD;
				pc->flags &= ~PF_LEFT;
				continue;
			}
			for (n = 0; c >= '0' && c <= '9'; c = *++p)
				n = n * 10 + c - '0';
			if (dot)
				pc->prec = n;
			else
				pc->width = n;
			p--;
			digits++;
			continue;
		case '#':
			pc->flags |= PF_ALT;
			continue;
		case '*':
			n = dot ? PF_DYNPREC : PF_DYNWIDTH;
			if (pc->flags & (unsigned)n) {
				set_err(err, errlen, "format conversion #%d has "
					"more than one '*' specified for the "
					"output %s", no, dot ? "precision" :
					"width");
				return NULL;
			}
			pc->flags |= (unsigned)n;
			continue;
		case '+':
			pc->flags |= PF_SPOS;
			continue;
		case '-':
			pc->flags |= PF_LEFT;
			pc->flags &= ~PF_ZPAD;
			continue;
		case '.':
			if (dot++ != 0) {
				set_err(err, errlen, "format conversion #%d has "
					"more than one '.' specified", no);
				return NULL;
			}
			digits = 0;
			continue;
		case '?':
			pc->width = 16;		/* LP64 */
			continue;
		case '@':
			pc->flags |= PF_AGG;
			continue;
		case '\'':
			pc->flags |= PF_GROUP;
			continue;
		case ' ':
			pc->flags |= PF_SPACE;
			continue;
		case '$':
			set_err(err, errlen, "format conversion #%d uses "
				"unsupported positional format (%%n$)", no);
			return NULL;
		case '%':
			if (p[-1] == '%')
				break;
			set_err(err, errlen, "format conversion #%d cannot be "
				"combined with other format flags: %%%%", no);
			return NULL;
		case '\0':
			set_err(err, errlen, "format conversion #%d name "
				"expected before end of format string", no);
			return NULL;
		case 'h': case 'l': case 'L': case 'w':
			if (namelen < sizeof(name) - 2)
				name[namelen++] = c;
			continue;
		default:
			break;
		}
		break;
	}
	name[namelen++] = c;
	name[namelen] = '\0';
	if ((pc->conv = conv_lookup(name)) == NULL) {
		set_err(err, errlen, "format conversion #%d is undefined: %%%s",
			no, name);
		return NULL;
	}
	return p;
}

static struct piece *add_piece(struct fmt *f)
{
	struct piece *v = realloc(f->v, (size_t)(f->n + 1) * sizeof(*v));

	if (v == NULL)
		return NULL;
	f->v = v;
	memset(&v[f->n], 0, sizeof(*v));
	return &v[f->n++];
}

struct fmt *fmt_parse(const char *text, char *err, size_t errlen)
{
	struct fmt *f = calloc(1, sizeof(*f));
	const char *p, *q;
	struct piece *pc;

	if (f == NULL || (f->text = strdup(text)) == NULL)
		goto nomem;

	for (q = f->text; (p = strchr(q, '%')) != NULL; q = p + 1) {
		if ((pc = add_piece(f)) == NULL)
			goto nomem;
		pc->prefix = q;
		pc->preflen = (size_t)(p - q);
		if ((p = parse_conv(p, pc, f->n, err, errlen)) == NULL) {
			fmt_free(f);
			return NULL;
		}
	}
	/* trailing text, or an empty format (which validation rejects) */
	if (*q != '\0' || f->text[0] == '\0') {
		if ((pc = add_piece(f)) == NULL)
			goto nomem;
		pc->prefix = q;
		pc->preflen = strlen(q);
	}
	return f;
nomem:
	set_err(err, errlen, "failed to parse format string: out of memory");
	fmt_free(f);
	return NULL;
}

void fmt_free(struct fmt *f)
{
	if (f == NULL)
		return;
	free(f->v);
	free(f->text);
	free(f);
}

int fmt_nargs(const struct fmt *f)
{
	int n = 0;

	for (int i = 0; i < f->n; i++) {
		const struct piece *pc = &f->v[i];

		if (pc->conv == NULL || pc->conv->print == PK_PCT)
			continue;
		n += !!(pc->flags & PF_DYNWIDTH) + !!(pc->flags & PF_DYNPREC);
		n += !(pc->flags & PF_AGG);
	}
	return n;
}

int fmt_nconvs(const struct fmt *f)
{
	int n = 0;

	for (int i = 0; i < f->n; i++)
		n += f->v[i].conv != NULL;
	return n;
}

int fmt_has_aggconv(const struct fmt *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->v[i].conv && (f->v[i].flags & PF_AGG))
			return 1;
	return 0;
}

const char *fmt_text(const struct fmt *f)
{
	return f->text;
}

/* ------------------------------------------------------------------ */
/* compile-time checks */

static int is_integer(const struct fmt_argdesc *d)
{
	return d->type == FT_INT || d->type == FT_UINT;
}

/* D's dt_node_is_pointer: pointers and arrays, but not strings. */
static int is_pointer(const struct fmt_argdesc *d)
{
	return d->type == FT_PTR || d->type == FT_CHAR_ARRAY ||
	       d->type == FT_WCHAR_ARRAY;
}

static int size_is(const struct fmt_argdesc *d, int size)
{
	return d->size == 0 || d->size == size;
}

static int check_type(const struct conv *c, const struct fmt_argdesc *d)
{
	switch (c->tkind) {
	case 's':
		return d->type == FT_INT && size_is(d, c->tsize);
	case 'u':
		return d->type == FT_UINT && size_is(d, c->tsize);
	default:
		return d->type == FT_FLOAT && size_is(d, c->tsize);
	}
}

static int check_arg(const struct conv *c, const struct fmt_argdesc *d,
		     unsigned flags)
{
	switch (c->check) {
	case CK_KADDR:
		return is_pointer(d) || is_integer(d) || ft_is_ksym(d->type);
	case CK_UADDR:
		if (ft_is_usym(d->type))
			return 1;
		return (flags & FMT_V_TARGET) &&
		       (is_pointer(d) || is_integer(d));
	case CK_ADDR:
		return is_pointer(d) || is_integer(d);
	case CK_STACK:
		return d->type == FT_STACK || d->type == FT_USTACK;
	case CK_TIME:
		return is_integer(d) && size_is(d, 8);
	case CK_STR:
		return d->type == FT_STR || d->type == FT_CHAR_ARRAY;
	case CK_WSTR:
		return d->type == FT_WCHAR_ARRAY;
	case CK_CSI:
		return is_integer(d) && d->size <= 4;
	case CK_FP:
		return d->type == FT_FLOAT;
	case CK_XINT:
	case CK_DINT:
		return is_integer(d);
	case CK_XSHORT:
		return is_integer(d) && size_is(d, 2);
	case CK_XLONG:
		return is_integer(d) && size_is(d, 8);
	case CK_TYPE:
		return check_type(c, d);
	case CK_VOID:
		break;
	}
	return 0;
}

/* The type name D would print, when the caller gave none. */
static const char *type_name(const struct fmt_argdesc *d, char *buf,
			     size_t len)
{
	static const char *const ints[] = { "char", "short", "int", "long" };
	int k = d->size == 1 ? 0 : d->size == 2 ? 1 : d->size == 8 ? 3 : 2;

	if (d->name)
		return d->name;
	switch (d->type) {
	case FT_INT:
		return ints[k];
	case FT_UINT:
		snprintf(buf, len, "unsigned %s", ints[k]);
		return buf;
	case FT_PTR:
		return "void *";
	case FT_STR:
		return "string";
	case FT_CHAR_ARRAY:
		snprintf(buf, len, "char [%d]", d->size);
		return buf;
	case FT_WCHAR_ARRAY:
		return "wchar_t []";
	case FT_STACK:
	case FT_USTACK:
		return "stack";
	case FT_SYM:
	case FT_MOD:
		return "_symaddr";
	case FT_USYM:
	case FT_UMOD:
	case FT_UADDR:
		return "_usymaddr";
	case FT_FLOAT:
		return d->size == 4 ? "float" : d->size == 16 ?
		       "long double" : "double";
	case FT_AGG:
		return "aggregation";
	case FT_OTHER:
		break;
	}
	return "void";
}

static enum fmt_err fail(enum fmt_err e, char *msg, size_t msglen,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum fmt_err fail(enum fmt_err e, char *msg, size_t msglen,
			 const char *fmt, ...)
{
	va_list ap;

	if (msg && msglen) {
		va_start(ap, fmt);
		vsnprintf(msg, msglen, fmt, ap);
		va_end(ap);
	}
	return e;
}

/* The '*' and '.*' arguments of one conversion, width first. */
static enum fmt_err check_dyns(const struct piece *pc, int no,
			       const char *func, int foff,
			       const struct fmt_argdesc *args, int nargs,
			       int *j, char *msg, size_t msglen)
{
	const char *dyns[2];
	int dync = 0;
	char tb[64];

	if (pc->flags & PF_DYNPREC)
		dyns[dync++] = ".*";
	if (pc->flags & PF_DYNWIDTH)
		dyns[dync++] = "*";
	for (; dync != 0; dync--) {
		if (*j >= nargs)
			return fail(FMT_E_DYN_PROTO, msg, msglen, "%s( ) "
				    "prototype mismatch: conversion #%d (%%%s) "
				    "is missing a corresponding \"%s\" "
				    "argument", func, no, pc->conv->name,
				    dyns[dync - 1]);
		if (!is_integer(&args[*j]))
			return fail(FMT_E_DYN_TYPE, msg, msglen, "%s( ) "
				    "argument #%d is incompatible with "
				    "conversion #%d prototype:\n\tconversion: "
				    "%% %s %s\n\t prototype: int\n\t  "
				    "argument: %s", func, *j + foff + 1, no,
				    dyns[dync - 1], pc->conv->name,
				    type_name(&args[*j], tb, sizeof(tb)));
		(*j)++;
	}
	return FMT_OK;
}

enum fmt_err fmt_validate(const struct fmt *f, const char *func, int foff,
			  const struct fmt_argdesc *args, int nargs,
			  unsigned flags, char *msg, size_t msglen)
{
	struct fmt_argdesc agg = { FT_INT, 8, "int64_t" };
	const struct fmt_argdesc *vd;
	char vname[64], tb[64];
	enum fmt_err e;
	int j = 0;

	if (f->text[0] == '\0')
		return fail(FMT_E_FMT_EMPTY, msg, msglen,
			    "%s( ) format string is empty", func);
	/* the %@ value is int64_t, but for count() which is uint64_t */
	if (flags & FMT_V_AGG_COUNT)
		agg = (struct fmt_argdesc){ FT_UINT, 8, "uint64_t" };

	for (int i = 0; i < f->n; i++) {
		const struct piece *pc = &f->v[i];
		const struct conv *c = pc->conv;

		if (c == NULL || c->print == PK_PCT)
			continue;
		e = check_dyns(pc, i + 1, func, foff, args, nargs, &j,
			       msg, msglen);
		if (e != FMT_OK)
			return e;
		if (pc->flags & PF_AGG) {
			if (!(flags & FMT_V_AGGREGATION))
				return fail(FMT_E_AGG_CONV, msg, msglen,
					    "%%@ conversion requires an "
					    "aggregation and is not for use "
					    "with %s( )", func);
			snprintf(vname, sizeof(vname), "aggregating action");
			vd = &agg;
		} else if (j >= nargs) {
			return fail(FMT_E_ARG_PROTO, msg, msglen, "%s( ) "
				    "prototype mismatch: conversion #%d (%%%s) "
				    "is missing a corresponding value argument",
				    func, i + 1, c->name);
		} else {
			snprintf(vname, sizeof(vname), "argument #%d",
				 j + foff + 1);
			vd = &args[j++];
		}
		if (!check_arg(c, vd, flags))
			return fail(FMT_E_ARG_TYPE, msg, msglen, "%s( ) %s is "
				    "incompatible with conversion #%d "
				    "prototype:\n\tconversion: %%%s\n\t "
				    "prototype: %s\n\t  argument: %s", func,
				    vname, i + 1, c->name, c->proto,
				    type_name(vd, tb, sizeof(tb)));
	}
	if ((flags & FMT_V_EXACTLEN) && j < nargs)
		return fail(FMT_E_ARG_EXTRA, msg, msglen, "%s( ) prototype "
			    "mismatch: only %d arguments required by this "
			    "format string", func, j);
	return FMT_OK;
}

const char *fmt_errtag(enum fmt_err e)
{
	static const char *const tags[] = {
		[FMT_OK] = "",
		[FMT_E_FMT_EMPTY] = "D_PRINTF_FMT_EMPTY",
		[FMT_E_DYN_PROTO] = "D_PRINTF_DYN_PROTO",
		[FMT_E_DYN_TYPE] = "D_PRINTF_DYN_TYPE",
		[FMT_E_AGG_CONV] = "D_PRINTF_AGG_CONV",
		[FMT_E_ARG_PROTO] = "D_PRINTF_ARG_PROTO",
		[FMT_E_ARG_TYPE] = "D_PRINTF_ARG_TYPE",
		[FMT_E_ARG_EXTRA] = "D_PRINTF_ARG_EXTRA",
	};

	return (unsigned)e < sizeof(tags) / sizeof(tags[0]) ? tags[e] : "";
}

int fmt_check_argdesc(const struct fmt *f, int i, const struct fmt_argdesc *d,
		      char *msg, size_t msglen)
{
	char tb[64];
	int j = 0;

	for (int k = 0; k < f->n; k++) {
		const struct piece *pc = &f->v[k];
		const struct conv *c = pc->conv;
		int ndyn;

		if (c == NULL || c->print == PK_PCT)
			continue;
		ndyn = !!(pc->flags & PF_DYNWIDTH) + !!(pc->flags & PF_DYNPREC);
		if (i < j + ndyn) {
			if (is_integer(d))
				return 0;
			fail(FMT_E_DYN_TYPE, msg, msglen, "printf( ) argument "
			     "#%d is incompatible with conversion #%d "
			     "prototype:\n\tconversion: %% %s %s\n\t "
			     "prototype: int\n\t  argument: %s", i + 2, k + 1,
			     (pc->flags & PF_DYNWIDTH) && i == j ? "*" : ".*",
			     c->name, type_name(d, tb, sizeof(tb)));
			return -1;
		}
		j += ndyn;
		if (pc->flags & PF_AGG)
			continue;
		if (i == j) {
			if (check_arg(c, d, 0))
				return 0;
			fail(FMT_E_ARG_TYPE, msg, msglen, "printf( ) argument "
			     "#%d is incompatible with conversion #%d "
			     "prototype:\n\tconversion: %%%s\n\t prototype: "
			     "%s\n\t  argument: %s", i + 2, k + 1, c->name,
			     c->proto, type_name(d, tb, sizeof(tb)));
			return -1;
		}
		j++;
	}
	fail(FMT_E_ARG_EXTRA, msg, msglen, "printf( ) prototype mismatch: "
	     "only %d arguments required by this format string", j);
	return -1;
}

int fmt_check_arg(const struct fmt *f, int i, enum fmt_type t,
		  char *msg, size_t msglen)
{
	struct fmt_argdesc d = { t, 0, NULL };

	return fmt_check_argdesc(f, i, &d, msg, msglen);
}

/* ------------------------------------------------------------------ */
/* output helpers */

#define NANOSEC 1000000000ULL

/* ctime_r's "Dec  3 17:20:00 1973" turned into "1973 Dec  3 17:20:00". */
void fmt_time_Y(uint64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / NANOSEC);
	char src[64];

	if (ctime_r(&sec, src) == NULL || strlen(src) < 24) {
		snprintf(buf, len, "%llu", (unsigned long long)sec);
		return;
	}
	snprintf(buf, len, "%.4s%.16s", src + 20, src + 3);
}

static void time822(uint64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / NANOSEC);
	struct tm tm;

	if (localtime_r(&sec, &tm) == NULL ||
	    strftime(buf, len, "%a, %d %b %G %T %Z", &tm) == 0)
		buf[0] = '\0';
}

/* strchr2esc: C escapes for the specials, \ooo for other unprintables. */
char *fmt_escape(const char *s, size_t n)
{
	static const char esc[] = "\0\a\b\f\n\r\t\v\"\\";
	static const char let[] = "0abfnrtv\"\\";
	char *out = malloc(n * 4 + 1), *q = out;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		const char *e = memchr(esc, c, sizeof(esc) - 1);

		if (e) {
			*q++ = '\\';
			*q++ = let[e - esc];
		} else if (c != ' ' && (c < '!' || c > '~')) {
			*q++ = '\\';
			*q++ = (char)(((c >> 6) & 3) + '0');
			*q++ = (char)(((c >> 3) & 7) + '0');
			*q++ = (char)((c & 7) + '0');
		} else {
			*q++ = c;
		}
		if (c == '\0')
			break;	/* not past the NUL, but it is shown */
	}
	*q = '\0';
	return out;
}

/* A NUL-terminated copy of at most len bytes of s, stopping at a NUL. */
static char *strndup0(const char *s, size_t len)
{
	char *d;

	len = s ? strnlen(s, len) : 0;
	if ((d = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(d, s ? s : "", len);
	d[len] = '\0';
	return d;
}

/* The C format for one conversion, as dt_printf_format builds it. */
static void build_format(char *buf, size_t len, const struct piece *pc,
			 int width, int prec, const char *size, const char *conv)
{
	char *f = buf;
	size_t room;

	*f++ = '%';
	if (pc->flags & PF_ALT)
		*f++ = '#';
	if (pc->flags & PF_ZPAD)
		*f++ = '0';
	if (width < 0 || (pc->flags & PF_LEFT))
		*f++ = '-';
	if (pc->flags & PF_SPOS)
		*f++ = '+';
	if (pc->flags & PF_GROUP)
		*f++ = '\'';
	if (pc->flags & PF_SPACE)
		*f++ = ' ';
	room = len - (size_t)(f - buf);
	if (width != 0)
		f += snprintf(f, room, "%lld", width < 0 ? -(long long)width :
			      (long long)width);	/* INT_MIN-safe */
	room = len - (size_t)(f - buf);
	if (prec > 0)
		f += snprintf(f, room, ".%d", prec);
	room = len - (size_t)(f - buf);
	snprintf(f, room, "%s%s", size, conv);
}

/* A conversion ready to print: the format and what it is fed with. */
struct job {
	const struct piece *pc;
	const struct fmt_arg *a;
	const struct fmt_env *env;
	uint64_t normal;
	int width, prec, dynwidth;
};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static void put_int(FILE *fp, const struct job *j, int sgn)
{
	const struct conv *c = j->pc->conv;
	const struct fmt_arg *a = j->a;
	const char *ofmt = c->ofmt;
	/* no "ll" on %c: a wide argument would make it %llc */
	int wide = a->size == 8 && strchr(ofmt, 'c') == NULL;
	char f[64];

	/* %d/%i of an unsigned type is %u (pfcheck_dint) */
	if (c->print == PK_DINT && a->type != FT_INT)
		ofmt = "u";
	build_format(f, sizeof(f), j->pc, j->width, j->prec, wide ? "ll" : "",
		     ofmt);
	if (sgn) {
		int64_t q = (int64_t)a->ival / (int64_t)j->normal;

		if (wide)
			fprintf(fp, f, (long long)q);
		else if (strcmp(ofmt, "lc") == 0)
			fprintf(fp, f, (wint_t)(int32_t)(uint32_t)q);
		else
			fprintf(fp, f, (int)(int32_t)(uint32_t)q);
	} else {
		uint64_t q = a->ival / j->normal;

		if (wide)
			fprintf(fp, f, (unsigned long long)q);
		else
			fprintf(fp, f, (unsigned)(uint32_t)q);
	}
}

static void put_fp(FILE *fp, const struct job *j)
{
	const struct fmt_arg *a = j->a;
	char f[64];
	double d;

	if (a->size == 4) {
		float fl;
		uint32_t bits = (uint32_t)a->ival;

		memcpy(&fl, &bits, sizeof(fl));
		d = fl;
	} else {
		memcpy(&d, &a->ival, sizeof(d));
	}
	d /= (double)j->normal;
	if (a->size == 16) {
		build_format(f, sizeof(f), j->pc, j->width, j->prec, "L",
			     j->pc->conv->ofmt);
		fprintf(fp, f, (long double)d);
	} else {
		build_format(f, sizeof(f), j->pc, j->width, j->prec, "",
			     j->pc->conv->ofmt);
		fprintf(fp, f, d);
	}
}

static void put_str(FILE *fp, const struct job *j, const char *s)
{
	char f[64];

	build_format(f, sizeof(f), j->pc, j->width, j->prec, "", "s");
	fprintf(fp, f, s ? s : "");
}

static void put_wstr(FILE *fp, const struct job *j)
{
	size_t n = j->a->len / sizeof(wchar_t);
	wchar_t *ws = calloc(n + 1, sizeof(wchar_t));
	char f[64];

	if (ws == NULL)
		return;
	if (j->a->str)
		memcpy(ws, j->a->str, n * sizeof(wchar_t));
	build_format(f, sizeof(f), j->pc, j->width, j->prec, "", "ls");
	fprintf(fp, f, ws);
	free(ws);
}

#pragma GCC diagnostic pop

static void put_addr(FILE *fp, const struct job *j, int user)
{
	const struct fmt_env *env = j->env;
	uint64_t v = j->a->size == 4 ? (uint32_t)j->a->ival : j->a->ival;
	const char *s = NULL;
	char buf[256];

	if (!user && env && env->ksym)
		s = env->ksym(env->arg, v, buf, sizeof(buf));
	else if (user && env && env->usym)
		s = env->usym(env->arg, j->a->pid, v, buf, sizeof(buf));
	if (s == NULL) {
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)v);
		s = buf;
	}
	put_str(fp, j, s);
}

/*
 * %k: a left-justified width is the indent of every frame (pfprint_stack's
 * "slightly odd semantic"); a right-justified one pads each frame.
 */
static void put_stack(FILE *fp, const struct job *j)
{
	const struct piece *pc = j->pc;
	int indent, width = j->width;
	char f[64];

	if (j->dynwidth < 0)
		indent = -j->dynwidth;
	else if (pc->flags & PF_LEFT)
		indent = j->dynwidth ? j->dynwidth : pc->width;
	else
		indent = 0;
	if (pc->flags & PF_LEFT)
		width = 0;
	build_format(f, sizeof(f), pc, width, j->prec, "", "s");
	if (j->env && j->env->stack)
		j->env->stack(j->env->arg, fp, j->a, f, indent);
}

static void put_escaped(FILE *fp, const struct job *j, const char *s,
			size_t n)
{
	char *e = fmt_escape(s ? s : "", s ? n : 0);

	if (e)
		put_str(fp, j, e);
	free(e);
}

static void put_one(FILE *fp, const struct job *j)
{
	const struct fmt_arg *a = j->a;
	char buf[64], *s;
	char c;

	switch (j->pc->conv->print) {
	case PK_SINT:
		put_int(fp, j, 1);
		break;
	case PK_UINT:
		put_int(fp, j, 0);
		break;
	case PK_DINT:
		put_int(fp, j, a->type == FT_INT);
		break;
	case PK_FP:
		put_fp(fp, j);
		break;
	case PK_ADDR:
	case PK_UADDR:
		put_addr(fp, j, j->pc->conv->print == PK_UADDR);
		break;
	case PK_STACK:
		put_stack(fp, j);
		break;
	case PK_TIME:
		fmt_time_Y(a->ival, buf, sizeof(buf));
		put_str(fp, j, buf);
		break;
	case PK_TIME822:
		time822(a->ival, buf, sizeof(buf));
		put_str(fp, j, buf);
		break;
	case PK_CSTR:
		if ((s = strndup0(a->str, a->len)) != NULL)
			put_str(fp, j, s);
		free(s);
		break;
	case PK_WSTR:
		put_wstr(fp, j);
		break;
	case PK_ESTR:
		put_escaped(fp, j, a->str, a->len);
		break;
	case PK_ECHR:
		c = (char)a->ival;
		put_escaped(fp, j, &c, 1);
		break;
	case PK_PCT:
		fputc('%', fp);
		break;
	}
}

/* dt_printf_getint: a '*' argument is read as an int. */
static int arg_int(const struct fmt_arg *a)
{
	return (int)(int32_t)(uint32_t)a->ival;
}

/*
 * A %@ conversion: avg and stddev are reduced to one 64-bit number first
 * (pfprint_average keeps DTrace's unsigned arithmetic), the quantizes print
 * their whole distribution whatever the conversion, and the rest print
 * data[0] through the conversion with normalization.
 */
static void put_agg(FILE *fp, struct job *j, const struct agg_value *v)
{
	struct fmt_arg a = { v->kind == AGG_COUNT ? FT_UINT : FT_INT,
			     0, 8, NULL, 0, 0, v };
	uint64_t normal = v->normal ? v->normal : 1;
	const uint64_t *d = (const uint64_t *)v->data;

	switch (v->kind) {
	case AGG_QUANTIZE:
		aggfmt_quantize(fp, v->data, v->ndata, normal);
		return;
	case AGG_LQUANTIZE:
		aggfmt_lquantize(fp, v->data, v->ndata, normal, v->base,
				 v->step, v->levels);
		return;
	case AGG_LLQUANTIZE:
		aggfmt_llquantize(fp, v->data, v->ndata, normal, v->factor,
				  v->lmag, v->hmag, v->steps);
		return;
	case AGG_AVG:
		a.ival = v->ndata >= 2 && d[0] ? d[1] / normal / d[0] : 0;
		normal = 1;
		break;
	case AGG_STDDEV:
		a.ival = v->ndata >= 4 ? aggfmt_stddev(v->data, normal) : 0;
		normal = 1;
		break;
	default:
		a.ival = v->ndata >= 1 ? d[0] : 0;
		break;
	}
	j->a = &a;
	j->normal = normal;
	put_one(fp, j);
}

int fmt_printa(FILE *fp, const struct fmt *f, const struct fmt_arg *keys,
	       int nkeys, const struct agg_value *const *aggs, int naggs,
	       const struct fmt_env *env)
{
	int k = 0, cur = 0;

	for (int i = 0; i < f->n; i++) {
		const struct piece *pc = &f->v[i];
		struct job j = { pc, NULL, env, 1, pc->width, pc->prec, 0 };

		if (pc->preflen)
			fwrite(pc->prefix, 1, pc->preflen, fp);
		if (pc->conv == NULL)
			continue;
		if (pc->conv->print == PK_PCT) {
			fputc('%', fp);
			continue;
		}
		if (pc->flags & PF_DYNWIDTH) {
			if (k >= nkeys)
				return -1;
			j.width = j.dynwidth = arg_int(&keys[k++]);
		}
		if (pc->flags & PF_DYNPREC) {
			if (k >= nkeys)
				return -1;
			j.prec = arg_int(&keys[k++]);
		}
		if (pc->flags & PF_AGG) {
			if (naggs <= 0 || aggs == NULL)
				return -1;
			put_agg(fp, &j, aggs[cur]);
			if (cur < naggs - 1)
				cur++;
			continue;
		}
		if (k >= nkeys)
			return -1;
		j.a = &keys[k++];
		if (j.a->type == FT_AGG && j.a->agg)
			put_agg(fp, &j, j.a->agg);
		else
			put_one(fp, &j);
	}
	return 0;
}

int fmt_print(FILE *fp, const struct fmt *f, const struct fmt_arg *args,
	      int nargs, const struct fmt_env *env)
{
	return fmt_printa(fp, f, args, nargs, NULL, 0, env);
}

/* ------------------------------------------------------------------ */
/* trace(), tracemem() */

void fmt_trace_int(FILE *fp, uint64_t v, int size, int is_signed, int quiet)
{
	if (is_signed) {
		switch (size) {
		case 4:
			fprintf(fp, quiet ? "%d" : " %10d", (int32_t)v);
			return;
		case 2:
			fprintf(fp, quiet ? "%hd" : " %5hd", (int16_t)v);
			return;
		case 1:
			fprintf(fp, quiet ? "%hhd" : " %3hhd", (int8_t)v);
			return;
		default:
			fprintf(fp, quiet ? "%lld" : " %19lld", (long long)v);
			return;
		}
	}
	switch (size) {
	case 4:
		fprintf(fp, quiet ? "%u" : " %10u", (uint32_t)v);
		return;
	case 2:
		fprintf(fp, quiet ? "%hu" : " %5hu", (uint16_t)v);
		return;
	case 1:
		fprintf(fp, quiet ? "%hhu" : " %3hhu", (uint8_t)v);
		return;
	default:
		fprintf(fp, quiet ? "%llu" : " %20llu", (unsigned long long)v);
		return;
	}
}

void fmt_trace_str(FILE *fp, const char *s, size_t maxlen, int quiet)
{
	char *d = strndup0(s, maxlen);

	if (d == NULL)
		return;
	fprintf(fp, quiet ? "%s" : "  %-33s", d);
	free(d);
}

/* dt_print_rawbytes: a header row, then 16 bytes a row, hex and text. */
void fmt_tracemem(FILE *fp, const void *p, size_t len)
{
	const unsigned char *c = p;
	size_t i, j;

	if (len == 0)
		return;
	fprintf(fp, "\n%5s      ", "");
	for (i = 0; i < 16; i++)
		fprintf(fp, "  %c", "0123456789abcdef"[i]);
	fprintf(fp, "  0123456789abcdef\n");
	for (i = 0; i < len; i += 16) {
		fprintf(fp, "%5s%5zx:", "", i);
		for (j = i; j < i + 16 && j < len; j++)
			fprintf(fp, " %02x", c[j]);
		for (; j % 16; j++)
			fputs("   ", fp);
		fputs("  ", fp);
		for (j = i; j < i + 16 && j < len; j++)
			fputc(c[j] < ' ' || c[j] > '~' ? '.' : c[j], fp);
		fputc('\n', fp);
	}
}

void fmt_trace_bytes(FILE *fp, const void *p, size_t len, int quiet)
{
	(void)quiet;		/* trace() dumps structs the same either way */
	fmt_tracemem(fp, p, len);
}

/* isprint/isspace in the C locale, plus \b and \a (dt_print_bytes). */
static int printable(unsigned char c)
{
	return (c >= ' ' && c <= '~') || (c >= '\t' && c <= '\r') ||
	       c == '\b' || c == '\a';
}

void fmt_print_bytes(FILE *fp, const void *p, size_t len, int width,
		     int quiet)
{
	const unsigned char *c = p;
	size_t i, j;
	char *s;

	if (len == 0)
		return;
	for (i = 0; i < len && printable(c[i]); i++)
		;
	if (i < len && c[i] == '\0' && i > 0) {
		/* a string, if nothing but NULs follows */
		for (j = i + 1; j < len && c[j] == '\0'; j++)
			;
		if (j == len) {
			if (quiet)
				fprintf(fp, "%s", (const char *)c);
			else
				fprintf(fp, "  %-*s", width, (const char *)c);
			return;
		}
	}
	if (i == len && (s = strndup0(p, len)) != NULL) {
		/* all printable, no NUL: DTrace ignores quiet here */
		fprintf(fp, "  %-*s", width, s);
		free(s);
		return;
	}
	fmt_tracemem(fp, p, len);
}
