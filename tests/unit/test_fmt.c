/* test_fmt.c - the printf engine and aggregation output, character for
 * character.  Expected strings come from the conformance suite's .r files
 * (named next to each case) or, where no test covers a path, from what
 * libdtrace's code computes.
 *
 *   cc -Wall -Wextra -Isrc tests/unit/test_fmt.c src/fmt.c src/aggfmt.c
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmt.h"
#include "aggfmt.h"

static int npass, nfail;
static char *mbuf;
static size_t mlen;
static FILE *mfp;

static FILE *cap(void)
{
	mfp = open_memstream(&mbuf, &mlen);
	return mfp;
}

static void expect(const char *name, const char *want)
{
	fclose(mfp);
	if (strcmp(mbuf, want) == 0) {
		npass++;
	} else {
		nfail++;
		printf("FAIL %s\n--- want\n[%s]\n--- got\n[%s]\n", name, want,
		       mbuf);
	}
	free(mbuf);
	mbuf = NULL;
}

static void check(const char *name, int ok)
{
	if (ok) {
		npass++;
	} else {
		nfail++;
		printf("FAIL %s\n", name);
	}
}

static void check_str(const char *name, const char *got, const char *want)
{
	if (got && strcmp(got, want) == 0) {
		npass++;
	} else {
		nfail++;
		printf("FAIL %s\n--- want\n[%s]\n--- got\n[%s]\n", name, want,
		       got ? got : "(null)");
	}
}

/* --- argument builders --- */

static struct fmt_arg I(int64_t v, int size)
{
	return (struct fmt_arg){ .type = FT_INT, .ival = (uint64_t)v,
				 .size = size };
}

static struct fmt_arg U(uint64_t v, int size)
{
	return (struct fmt_arg){ .type = FT_UINT, .ival = v, .size = size };
}

static struct fmt_arg S(const char *s)
{
	return (struct fmt_arg){ .type = FT_STR, .str = s, .len = strlen(s),
				 .size = 8 };
}

static struct fmt_arg PTR(uint64_t v)
{
	return (struct fmt_arg){ .type = FT_PTR, .ival = v, .size = 8 };
}

static struct fmt_arg DBL(double d)
{
	struct fmt_arg a = { .type = FT_FLOAT, .size = 8 };

	memcpy(&a.ival, &d, sizeof(d));
	return a;
}

static struct fmt_arg FLT(float f)
{
	struct fmt_arg a = { .type = FT_FLOAT, .size = 4 };
	uint32_t b;

	memcpy(&b, &f, sizeof(f));
	a.ival = b;
	return a;
}

/* --- hooks --- */

static const char *ksym(void *arg, uint64_t addr, char *buf, size_t len)
{
	(void)arg;
	if (addr == 0xffffffff81000000ULL)
		return "vmlinux`max_pfn";
	if (addr == 0xffffffff81000010ULL) {
		snprintf(buf, len, "vmlinux`schedule+0x10");
		return buf;
	}
	return NULL;
}

static const char *usym(void *arg, uint64_t pid, uint64_t addr, char *buf,
			size_t len)
{
	(void)arg;
	if (pid == 42 && addr == 0x401000) {
		snprintf(buf, len, "a.out`main");
		return buf;
	}
	return NULL;
}

/* frames "vmlinux`a", "vmlinux`b", as dt_print_stack lays them out */
static void stack(void *arg, FILE *fp, const struct fmt_arg *a,
		  const char *framefmt, int indent)
{
	static const char *const frames[] = { "vmlinux`a", "vmlinux`b" };

	(void)arg;
	(void)a;
	if (indent < 0)
		indent = 14;
	fputc('\n', fp);
	for (int i = 0; i < 2; i++) {
		fprintf(fp, "%*s", indent, "");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		fprintf(fp, framefmt, frames[i]);
#pragma GCC diagnostic pop
		fputc('\n', fp);
	}
}

static const struct fmt_env env = { ksym, usym, stack, NULL };

/* --- printf --- */

static void tpf(const char *name, const char *text, const struct fmt_arg *a,
		int n, const char *want)
{
	char err[256];
	struct fmt *f = fmt_parse(text, err, sizeof(err));

	if (f == NULL) {
		nfail++;
		printf("FAIL %s: parse: %s\n", name, err);
		return;
	}
	fmt_print(cap(), f, a, n, &env);
	expect(name, want);
	fmt_free(f);
}

#define PF(name, want, text, ...) do {					\
	struct fmt_arg a_[] = { __VA_ARGS__ };				\
	tpf(name, text, a_, (int)(sizeof(a_) / sizeof(a_[0])), want);	\
} while (0)
#define PF0(name, want, text) tpf(name, text, NULL, 0, want)

static void test_parse_errors(void)
{
	static const struct { const char *fmt, *msg; } c[] = {
		/* actions/printf/err.D_SYNTAX.*.r */
		{ "%z", "format conversion #1 is undefined: %z" },
		{ "%**d", "format conversion #1 has more than one '*' "
			  "specified for the output width" },
		{ "%.**d", "format conversion #1 has more than one '*' "
			   "specified for the output precision" },
		{ "%*1$d", "format conversion #1 uses unsupported positional "
			   "format (%n$)" },
		{ "%.*1$d", "format conversion #1 uses unsupported positional "
			    "format (%n$)" },
		/* dt_printf.c's other messages */
		{ "%5%", "format conversion #1 cannot be combined with other "
			 "format flags: %%" },
		{ "abc%", "format conversion #1 name expected before end of "
			  "format string" },
		{ "%1.2.3d", "format conversion #1 has more than one '.' "
			     "specified" },
		{ "%hhd", "format conversion #1 is undefined: %hhd" },
		{ "%zu", "format conversion #1 is undefined: %z" },
		{ "%jd", "format conversion #1 is undefined: %j" },
		{ "%d %% %q", "format conversion #3 is undefined: %q" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct fmt *f = fmt_parse(c[i].fmt, err, sizeof(err));

		check(c[i].fmt, f == NULL);
		if (f == NULL)
			check_str(c[i].fmt, err, c[i].msg);
		fmt_free(f);
	}
}

static void test_nargs(void)
{
	struct fmt *f = fmt_parse("%*.*d %s %% %@d %c", NULL, 0);

	check("nargs", f && fmt_nargs(f) == 5);
	check("nconvs", f && fmt_nconvs(f) == 5);
	check("has_agg", f && fmt_has_aggconv(f));
	fmt_free(f);
	f = fmt_parse("plain", NULL, 0);
	check("nargs plain", f && fmt_nargs(f) == 0 && !fmt_has_aggconv(f));
	fmt_free(f);
}

/* --- validation --- */

#define D(t, sz, nm) ((struct fmt_argdesc){ t, sz, nm })

static void tv(const char *name, const char *text, const char *func,
	       unsigned flags, const struct fmt_argdesc *a, int n,
	       enum fmt_err want, const char *msg)
{
	char m[512] = "";
	struct fmt *f = fmt_parse(text, m, sizeof(m));
	enum fmt_err e;

	if (f == NULL) {
		nfail++;
		printf("FAIL %s: parse: %s\n", name, m);
		return;
	}
	e = fmt_validate(f, func, 1, a, n, flags, m, sizeof(m));
	check(name, e == want);
	if (e != want)
		printf("  got %s: %s\n", fmt_errtag(e), m);
	if (msg && e == want)
		check_str(name, m, msg);
	fmt_free(f);
}

#define TV(name, text, func, flags, want, msg, ...) do {		\
	struct fmt_argdesc d_[] = { __VA_ARGS__ };			\
	tv(name, text, func, flags, d_,				\
	   (int)(sizeof(d_) / sizeof(d_[0])), want, msg);		\
} while (0)

static void test_validate(void)
{
	const unsigned X = FMT_V_EXACTLEN, A = FMT_V_AGGREGATION;
	struct fmt_argdesc none[1];
	char m[512];
	struct fmt *f;

	/* actions/printf/err.D_PRINTF_ARG_TYPE.mismatch.r */
	TV("mismatch", "%d", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %d\n\t prototype: char, short, int, "
	   "long, or long long\n\t  argument: string",
	   D(FT_STR, 256, NULL));
	/* actions/printf/err.D_PRINTF_ARG_TYPE.void.r */
	TV("void", "%d", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %d\n\t prototype: char, short, int, "
	   "long, or long long\n\t  argument: void",
	   D(FT_OTHER, 0, "void"));
	/* printf/err.D_PRINTF_ARG_TYPE.aggarg.r */
	TV("aggarg", "hello %d %d", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #3 is incompatible with conversion #2 "
	   "prototype:\n\tconversion: %d\n\t prototype: char, short, int, "
	   "long, or long long\n\t  argument: aggregation",
	   D(FT_INT, 4, NULL), D(FT_AGG, 8, NULL));
	/* actions/printf/err.D_PRINTF_DYN_TYPE.width.r, width-prec.r */
	TV("dyn width", "%*d", "printf", X, FMT_E_DYN_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: % * d\n\t prototype: int\n\t  "
	   "argument: string", D(FT_STR, 256, NULL), D(FT_INT, 4, NULL));
	TV("dyn width-prec", "%*.*d", "printf", X, FMT_E_DYN_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: % * d\n\t prototype: int\n\t  "
	   "argument: string", D(FT_STR, 256, NULL), D(FT_STR, 256, NULL),
	   D(FT_INT, 4, NULL));
	/* printf/err.D_PRINTF_DYN_TYPE.badprec.r */
	TV("dyn prec", "%.*d\n", "printf", X, FMT_E_DYN_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: % .* d\n\t prototype: int\n\t  "
	   "argument: string", D(FT_STR, 256, NULL), D(FT_INT, 4, NULL));
	/* printf/err.D_PRINTF_DYN_PROTO.nowidth.r, noprec.r */
	TV("no width", "%s %*d\n", "printf", X, FMT_E_DYN_PROTO,
	   "printf( ) prototype mismatch: conversion #2 (%d) is missing a "
	   "corresponding \"*\" argument", D(FT_STR, 256, NULL));
	TV("no prec", "%s %.*d\n", "printf", X, FMT_E_DYN_PROTO,
	   "printf( ) prototype mismatch: conversion #2 (%d) is missing a "
	   "corresponding \".*\" argument", D(FT_STR, 256, NULL));
	/* actions/printf/err.D_PRINTF_DYN_PROTO.missing_prec-2.r */
	TV("missing prec 2", "%*.*d", "printf", X, FMT_E_DYN_PROTO,
	   "printf( ) prototype mismatch: conversion #1 (%d) is missing a "
	   "corresponding \".*\" argument", D(FT_INT, 4, NULL));
	/* actions/printf/err.D_PRINTF_ARG_PROTO.prec.r, too_few_vals.r */
	TV("arg proto", "%.*d", "printf", X, FMT_E_ARG_PROTO,
	   "printf( ) prototype mismatch: conversion #1 (%d) is missing a "
	   "corresponding value argument", D(FT_INT, 4, NULL));
	TV("too few", "%d %d %d %d %d", "printf", X, FMT_E_ARG_PROTO,
	   "printf( ) prototype mismatch: conversion #4 (%d) is missing a "
	   "corresponding value argument", D(FT_INT, 4, NULL),
	   D(FT_INT, 4, NULL), D(FT_INT, 4, NULL));
	/* printf/err.D_PRINTF_ARG_EXTRA.widths.r */
	TV("extra", "%?d\n", "printf", X, FMT_E_ARG_EXTRA,
	   "printf( ) prototype mismatch: only 1 arguments required by this "
	   "format string", D(FT_INT, 4, NULL), D(FT_INT, 4, NULL));
	/* printf/err.D_PRINTF_AGG_CONV.aggfmt.r */
	TV("agg conv", "hello %@d", "printf", X, FMT_E_AGG_CONV,
	   "%@ conversion requires an aggregation and is not for use with "
	   "printf( )", D(FT_INT, 4, NULL));
	/* printa/err.D_PRINTF_ARG_TYPE.stack.r */
	TV("printa stack", "%p\n", "printa", A, FMT_E_ARG_TYPE,
	   "printa( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %p\n\t prototype: pointer or integer\n"
	   "\t  argument: stack", D(FT_STACK, 0, NULL));

	/* D_PRINTF_FMT_EMPTY */
	f = fmt_parse("", m, sizeof(m));
	check("empty parses", f != NULL);
	if (f) {
		check("empty", fmt_validate(f, "printf", 1, none, 0, X, m,
					    sizeof(m)) == FMT_E_FMT_EMPTY);
		check_str("empty msg", m, "printf( ) format string is empty");
	}
	fmt_free(f);

	/* what each conversion takes */
	TV("hd short", "%hd %hu %hx", "printf", X, FMT_OK, NULL,
	   D(FT_INT, 2, NULL), D(FT_UINT, 2, NULL), D(FT_UINT, 2, NULL));
	TV("hd int", "%hd", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %hd\n\t prototype: short\n\t  "
	   "argument: int", D(FT_INT, 4, NULL));
	TV("ld lu lx llx", "%ld %lu %lx %llx %lld", "printf", X, FMT_OK, NULL,
	   D(FT_INT, 8, NULL), D(FT_UINT, 8, NULL), D(FT_UINT, 8, NULL),
	   D(FT_INT, 8, NULL), D(FT_INT, 8, NULL));
	TV("s", "%s %s %S", "printf", X, FMT_OK, NULL, D(FT_STR, 256, NULL),
	   D(FT_CHAR_ARRAY, 16, NULL), D(FT_STR, 256, NULL));
	TV("s int", "%s", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %s\n\t prototype: char [] or string "
	   "(or use stringof)\n\t  argument: int", D(FT_INT, 4, NULL));
	TV("a", "%a %a %a", "printf", X, FMT_OK, NULL, D(FT_SYM, 8, NULL),
	   D(FT_PTR, 8, NULL), D(FT_UINT, 8, NULL));
	TV("A no target", "%A", "printf", X, FMT_E_ARG_TYPE, NULL,
	   D(FT_UINT, 8, NULL));
	TV("A target", "%A", "printf", X | FMT_V_TARGET, FMT_OK, NULL,
	   D(FT_UINT, 8, NULL));
	TV("A usym", "%A", "printf", X, FMT_OK, NULL, D(FT_USYM, 8, NULL));
	TV("k", "%k %k", "printa", A, FMT_OK, NULL, D(FT_STACK, 0, NULL),
	   D(FT_USTACK, 0, NULL));
	TV("Y", "%Y %T", "printf", X, FMT_OK, NULL, D(FT_UINT, 8, NULL),
	   D(FT_INT, 8, NULL));
	TV("Y int", "%Y", "printf", X, FMT_E_ARG_TYPE, NULL,
	   D(FT_INT, 4, NULL));
	TV("c", "%c %C", "printf", X, FMT_OK, NULL, D(FT_INT, 1, NULL),
	   D(FT_INT, 4, NULL));
	TV("c long", "%c", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %c\n\t prototype: char, short, or int"
	   "\n\t  argument: long", D(FT_INT, 8, NULL));
	TV("e int", "%e", "printf", X, FMT_E_ARG_TYPE,
	   "printf( ) argument #2 is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %e\n\t prototype: float, double, or "
	   "long double\n\t  argument: int", D(FT_INT, 4, NULL));
	TV("f double", "%f %g", "printf", X, FMT_OK, NULL,
	   D(FT_FLOAT, 8, NULL), D(FT_FLOAT, 4, NULL));
	TV("x ptr", "%x", "printf", X, FMT_E_ARG_TYPE, NULL,
	   D(FT_PTR, 8, "int *"));
	TV("p ptr", "%p %p", "printf", X, FMT_OK, NULL, D(FT_PTR, 8, NULL),
	   D(FT_INT, 4, NULL));
	TV("printa agg", "%d %@d %@x", "printa", A, FMT_OK, NULL,
	   D(FT_INT, 4, NULL));
	TV("printa agg s", "%@s", "printa", A, FMT_E_ARG_TYPE,
	   "printa( ) aggregating action is incompatible with conversion #1 "
	   "prototype:\n\tconversion: %s\n\t prototype: char [] or string (or"
	   " use stringof)\n\t  argument: int64_t", D(FT_INT, 4, NULL));
	TV("printa fewer keys", "%d", "printa", A, FMT_OK, NULL,
	   D(FT_INT, 4, NULL), D(FT_INT, 4, NULL));

	/* fmt_check_arg: one argument at a time */
	f = fmt_parse("%*d %s", NULL, 0);
	check("check_arg width", f && fmt_check_arg(f, 0, FT_INT, m,
						     sizeof(m)) == 0);
	check("check_arg width str", f && fmt_check_arg(f, 0, FT_STR, m,
							 sizeof(m)) == -1);
	check_str("check_arg width msg", m, "printf( ) argument #2 is "
		  "incompatible with conversion #1 prototype:\n\tconversion: "
		  "% * d\n\t prototype: int\n\t  argument: string");
	check("check_arg d", f && fmt_check_arg(f, 1, FT_UINT, m,
						 sizeof(m)) == 0);
	check("check_arg s", f && fmt_check_arg(f, 2, FT_STR, m,
						 sizeof(m)) == 0);
	check("check_arg s int", f && fmt_check_arg(f, 2, FT_INT, m,
						     sizeof(m)) == -1);
	check_str("check_arg s msg", m, "printf( ) argument #4 is "
		  "incompatible with conversion #2 prototype:\n\tconversion: "
		  "%s\n\t prototype: char [] or string (or use stringof)\n\t  "
		  "argument: int");
	check("check_arg extra", f && fmt_check_arg(f, 3, FT_INT, m,
						     sizeof(m)) == -1);
	fmt_free(f);
	check_str("errtag", fmt_errtag(FMT_E_ARG_TYPE), "D_PRINTF_ARG_TYPE");
}

/* --- printf output --- */

static void test_basics(void)
{
	const int64_t i = 'a';

	/* printf/tst.basics.r */
	struct fmt_arg sym = { .type = FT_SYM, .ival = 0xffffffff81000000ULL,
			       .size = 8 };
	PF("%a", "%a = vmlinux`max_pfn\n", "%%a = %a\n", sym);
	PF("%c", "%c = a\n", "%%c = %c\n", I(i, 4));
	PF("%d", "%d = 97\n", "%%d = %d\n", I(i, 4));
	PF("%hd", "%hd = 97\n", "%%hd = %hd\n", I(i, 2));
	PF("%hi", "%hi = 97\n", "%%hi = %hi\n", I(i, 2));
	PF("%ho", "%ho = 141\n", "%%ho = %ho\n", U(i, 2));
	PF("%hu", "%hu = 97\n", "%%hu = %hu\n", U(i, 2));
	PF("%hx", "%hx = 61\n", "%%hx = %hx\n", U(i, 2));
	PF("%hX", "%hX = 61\n", "%%hX = %hX\n", U(i, 2));
	PF("%i", "%i = 97\n", "%%i = %i\n", I(i, 4));
	PF("%lc", "%lc = a\n", "%%lc = %lc\n", I(i, 4));
	PF("%ld", "%ld = 97\n", "%%ld = %ld\n", I(i, 8));
	PF("%li", "%li = 97\n", "%%li = %li\n", I(i, 8));
	PF("%lo", "%lo = 141\n", "%%lo = %lo\n", U(i, 8));
	PF("%lu", "%lu = 97\n", "%%lu = %lu\n", U(i, 8));
	PF("%lx", "%lx = 61\n", "%%lx = %lx\n", U(i, 8));
	PF("%lX", "%lX = 61\n", "%%lX = %lX\n", U(i, 8));
	PF("%o", "%o = 141\n", "%%o = %o\n", U(i, 4));
	PF("%p", "%p = 61\n", "%%p = %p\n", PTR(i));
	PF("%s", "%s = hello\n", "%%s = %s\n", S("hello"));
	PF("%u", "%u = 97\n", "%%u = %u\n", U(i, 4));
	PF("%x", "%x = 61\n", "%%x = %x\n", U(i, 4));
	PF("%X", "%X = 61\n", "%%X = %X\n", U(i, 4));
	/* printf/tst.sym.r, actions/printf/tst.conv_a.r */
	PF("sym", "symbol = vmlinux`max_pfn", "symbol = %a", sym);
	sym.ival = 0xffffffff81000010ULL;
	PF("sym off", "[vmlinux`schedule+0x10]", "[%a]", sym);
	sym.ival = 0x1234;
	PF("sym none", "[    0x1234]", "[%10a]", sym);
	/* actions/printf/tst.no-conv.only.r */
	PF0("no conv", "only", "only");
	PF0("pct", "100%", "100%%");
	PF0("pct mid", "a%b", "a%%b");
}

static void test_flags(void)
{
	/* printf/tst.flags.r */
	PF("#", "#    0x123\n", "# %#8x\n", I(0x123, 4));
	PF("0", "0 00000123\n", "0 %08x\n", I(0x123, 4));
	PF("-", "- 123     \n", "- %-8x\n", I(0x123, 4));
	PF("+", "+     +123\n", "+ %+8d\n", I(123, 4));
	PF(" ", "       123\n", "  % 8d\n", I(123, 4));
	/* '0' after '-' cancels it in dt_printf_create */
	PF("-0", "[0000000005]", "[%-010d]", I(5, 4));
	PF("0-", "[5         ]", "[%0-10d]", I(5, 4));
	PF("'", "1234567", "%'d", I(1234567, 4));
	PF("+ space", "+5  5", "%+d % d", I(5, 4), I(5, 4));
	PF("#o", "017", "%#o", U(15, 4));
	PF("#X", "0XFF", "%#X", U(255, 4));
}

static void test_ints(void)
{
	/* printf/tst.ints.r: the values as DTrace's casts leave them */
	const uint64_t v = 0x1234567890abcdefULL;

	PF("d char", "239\n", "%d\n", I(0xef, 1));
	PF("d short", "52719\n", "%d\n", I(0xcdef, 2));
	PF("d int", "-1867788817\n", "%d\n", I(0x90abcdef, 4));
	PF("d llong", "1311768467294899695\n", "%d\n", I((int64_t)v, 8));
	PF("d uchar", "239\n", "%d\n", U(0xef, 1));
	PF("d uint", "2427178479\n", "%d\n", U(0x90abcdef, 4));
	PF("u int", "2427178479\n", "%u\n", I(0x90abcdef, 4));
	PF("u llong", "1311768467294899695\n", "%u\n", I((int64_t)v, 8));
	PF("x uchar", "ef\n", "%x\n", U(0xef, 1));
	PF("x ushort", "cdef\n", "%x\n", U(0xcdef, 2));
	PF("x ullong", "1234567890abcdef\n", "%x\n", U(v, 8));
	PF("o ushort", "146757\n", "%o\n", U(0xcdef, 2));
	PF("o uint", "22052746757\n", "%o\n", U(0x90abcdef, 4));
	PF("o llong", "110642547422052746757\n", "%o\n", I((int64_t)v, 8));
	PF("p", "12345678\n", "%p\n", PTR(0x12345678));
	PF("p int", "67890abc\n", "%p\n", U(0x67890abc, 8));
	/* sign-extended values, as arithmetic/tst.cast-exp.r */
	PF("cast-exp",
	   "-2 -2 -2 -2 254 65534 4294967294 18446744073709551614\n",
	   "%d %d %d %d %d %d %d %d\n", I(-2, 1), I(-2, 2), I(-2, 4),
	   I(-2, 8), U(254, 1), U(65534, 2), U(4294967294u, 4),
	   U(18446744073709551614ull, 8));
	PF("cast-exp 2", "-2 -2 -2 4294967294 254 65534 4294967294 "
	   "4294967294\n", "%d %d %d %d %d %d %d %d\n", I(-2, 1), I(-2, 2),
	   I(-2, 4), I(4294967294, 8), U(254, 1), U(65534, 2),
	   U(4294967294u, 4), U(4294967294u, 8));
	/* the brief's cases */
	PF("d uint8 255", "255", "%d", U(255, 1));
	PF("d int -1", "-1", "%d", I(-1, 4));
	PF("x int -1", "ffffffff", "%x", I(-1, 4));
	PF("u int -1", "4294967295", "%u", I(-1, 4));
	PF("x long -1", "ffffffffffffffff", "%x", I(-1, 8));
	PF("d long min", "-9223372036854775808", "%d", I(INT64_MIN, 8));
	/* printf/tst.uints.r, tst.printcont.r */
	PF("uints", "123\n123\n123\n123\n", "%u\n%u\n%u\n%u\n", U(123, 1),
	   U(123, 2), U(123, 8), U(123, 8));
	PF("printcont", "53114233149441\n", "%u\n", U(53114233149441, 8));
	/* actions/printf/tst.conv_d_signed.d */
	PF("signed", "-12345", "%d", I(-12345, 4));
}

static void test_widths(void)
{
	/* printf/tst.precs.r: ".0" is no precision at all */
	PF("%.0s", "hello\n", "%.0s\n", S("hello"));
	PF("%.1s", "h\n", "%.1s\n", S("hello"));
	PF("%.3s", "hel\n", "%.3s\n", S("hello"));
	PF("%.*s 0", "hello\n", "%.*s\n", I(0, 4), S("hello"));
	PF("%.*s 2", "he\n", "%.*s\n", I(2, 4), S("hello"));
	PF("%.*s -1", "hello\n", "%.*s\n", I(-1, 4), S("hello"));
	/* printf/tst.wp.r */
	PF("%0.0s", "hello\n", "%0.0s\n", S("hello"));
	PF("%2.2s", "he\n", "%2.2s\n", S("hello"));
	PF("%6.6s", " hello\n", "%6.6s\n", S("hello"));
	PF("%9.9s", "    hello\n", "%9.9s\n", S("hello"));
	PF("%*.*s 0", "hello\n", "%*.*s\n", I(0, 4), I(0, 4), S("hello"));
	PF("%*.*s 3", "hel\n", "%*.*s\n", I(3, 4), I(3, 4), S("hello"));
	PF("%*.*s 8", "   hello\n", "%*.*s\n", I(8, 4), I(8, 4), S("hello"));
	/* a negative '*' width left-justifies */
	PF("%*d -", "[5   ]", "[%*d]", I(-4, 4), I(5, 4));
	/* printf/tst.widths1.r */
	PF("%?d", "               0\n", "%?d\n", I(0, 4));
	PF("%?d 5", "               5\n", "%?d\n", I(5, 4));
	PF("%-10s", "[ab        ]", "[%-10s]", S("ab"));
	PF("%5c", "[    a]", "[%5c]", I('a', 1));
	/* strings stop at len or at the NUL */
	struct fmt_arg s = S("hello world");
	s.len = 5;
	PF("len", "[hello]", "[%s]", s);
	s.len = 64;
	s.str = "ab\0cd";
	PF("nul", "[ab]", "[%s]", s);
	struct fmt_arg ca = { .type = FT_CHAR_ARRAY, .str = "bash\0\0\0\0",
			      .len = 8, .size = 8 };
	PF("char array", "[bash]", "[%s]", ca);
}

static void test_floats(void)
{
	/* actions/printf/tst.conv_*.r */
	PF("%E double", "0.000000E+00", "%E", DBL(0));
	PF("%e float", "0.000000e+00", "%e", FLT(0));
	PF("%G float", "0", "%G", FLT(0));
	PF("%f double", "0.000000", "%f", DBL(0));
	PF("%.2f", "3.14", "%.2f", DBL(3.14159));
	PF("%g", "0.5", "%g", FLT(0.5f));
	PF("%8.3e", "1.500e+00", "%8.3e", DBL(1.5));
}

static void test_escapes(void)
{
	struct fmt_arg s = S("a\tb\n\"q\"\\ \x01\x80");
	struct fmt_arg z = { .type = FT_STR, .str = "hi\0\0", .len = 4,
			     .size = 8 };

	PF("%S", "a\\tb\\n\\\"q\\\"\\\\ \\001\\200", "%S", s);
	/* strchr2esc shows the first NUL of the record, then stops */
	PF("%S nul", "[hi\\0]", "[%S]", z);
	PF("%C nl", "\\n", "%C", I('\n', 1));
	PF("%C a", "a", "%C", I('a', 1));
	PF("%C nul", "\\0", "%C", I(0, 1));
	PF("%5C", "[   \\t]", "[%5C]", I('\t', 4));
}

static void test_time(void)
{
	const uint64_t ns = 1000000000ULL;
	char buf[64];

	/* US/Pacific without depending on tzdata */
	setenv("TZ", "PST8PDT,M3.2.0,M11.1.0", 1);
	tzset();
	/* actions/printf/tst.conv_T.r: %G is the ISO year */
	PF("%T", "Wed, 31 Dec 1970 16:00:00 PST\nWed, 03 Sep 2003 10:23:41 "
	   "PDT\nMon, 18 Jan 2038 19:14:07 PST", "%T\n%T\n%T", U(0, 8),
	   U(1062609821 * ns, 8), U(0x7fffffffULL * ns, 8));
	/* printa/tst.walltimestamp.r */
	PF("%Y", "2004 Jan 25 13:00:00", "%Y", U(1075064400 * ns, 8));
	PF("%Y pad", "2004 Jan  5 13:00:00", "%Y",
	   U((1075064400ULL - 20 * 86400) * ns, 8));
	PF("%-22Y", "[2004 Jan 25 13:00:00  ]", "[%-22Y]",
	   U(1075064400 * ns, 8));
	fmt_time_Y(0, buf, sizeof(buf));
	check_str("time_Y", buf, "1969 Dec 31 16:00:00");
}

static void test_stack_usym(void)
{
	struct fmt_arg st = { .type = FT_STACK, .size = 8 };
	struct fmt_arg us = { .type = FT_USYM, .ival = 0x401000, .pid = 42,
			      .size = 8 };

	/* printa/tst.stack.d: %k, %-20k (indent), %60k (padded frames) */
	PF("%k", "\nvmlinux`a\nvmlinux`b\n", "%k", st);
	PF("%-20k", "\n                    vmlinux`a\n"
	   "                    vmlinux`b\n", "%-20k", st);
	PF("%12k", "\n   vmlinux`a\n   vmlinux`b\n", "%12k", st);
	PF("%-*k", "\n  vmlinux`a\n  vmlinux`b\n", "%-*k", I(2, 4), st);
	PF("%*k neg", "\n   vmlinux`a\n   vmlinux`b\n", "%*k", I(-3, 4),
	   st);
	PF("%A", "a.out`main", "%A", us);
	us.ival = 0x402000;
	PF("%A none", "0x402000", "%A", us);
}

static void test_runout(void)
{
	struct fmt *f = fmt_parse("a %d b %d c", NULL, 0);
	struct fmt_arg a = I(1, 4);

	check("runout", fmt_print(cap(), f, &a, 1, &env) == -1);
	expect("runout text", "a 1 b ");
	fmt_free(f);
}

/* --- trace() --- */

static void test_trace(void)
{
	/* actions/trace/tst.*.r, after ":BEGIN" and its one space */
	fmt_trace_int(cap(), (uint64_t)-1, 2, 1, 0);
	expect("int16", "    -1");
	fmt_trace_int(cap(), (uint64_t)-1, 4, 1, 0);
	expect("int32", "         -1");
	fmt_trace_int(cap(), (uint64_t)-1, 8, 1, 0);
	expect("int64", "                  -1");
	fmt_trace_int(cap(), (uint64_t)-1, 8, 0, 0);
	expect("uint64", " 18446744073709551615");
	fmt_trace_int(cap(), 255, 1, 0, 0);
	expect("uint8", " 255");
	fmt_trace_int(cap(), 0xff, 1, 1, 0);
	expect("int8 -1", "  -1");
	fmt_trace_int(cap(), (uint64_t)-1, 2, 1, 1);
	expect("int16 quiet", "-1");
	fmt_trace_int(cap(), (uint64_t)-1, 4, 1, 1);
	expect("int32 quiet", "-1");
	fmt_trace_int(cap(), (uint64_t)-1, 8, 0, 1);
	expect("uint64 quiet", "18446744073709551615");
	fmt_trace_int(cap(), 0x1ff, 1, 0, 1);
	expect("uint8 quiet", "255");
	fmt_trace_int(cap(), 70000, 2, 0, 0);
	expect("uint16", "  4464");
	/* actions/trace/tst.str-quiet.r */
	fmt_trace_str(cap(), "a", 256, 1);
	expect("str quiet", "a");
	fmt_trace_str(cap(), "a", 256, 0);
	expect("str", "  a                                ");
	check("str width", strlen("  a                                ") ==
	      2 + 33);
	fmt_trace_str(cap(), "abcdef", 3, 1);
	expect("str max", "abc");
}

static void test_bytes(void)
{
	static const unsigned char st[] = { 0x34, 0x12, 0, 0, 0, 0, 0, 0,
					    0x76, 0x98, 0, 0 };
	static const unsigned char un[] = { 0x78, 0x56, 0x34, 0x12 };
	static const char hdr[] =
		"\n             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f"
		"  0123456789abcdef\n";
	char want[1024];
	unsigned char big[20];

	/* actions/trace/tst.struct.r, tst.union.r */
	snprintf(want, sizeof(want), "%s%s", hdr, "         0: 34 12 00 00 "
		 "00 00 00 00 76 98 00 00              4.......v...\n");
	fmt_trace_bytes(cap(), st, sizeof(st), 0);
	expect("struct", want);
	snprintf(want, sizeof(want), "%s%s", hdr, "         0: 78 56 34 12 "
		 "                                     xV4.\n");
	fmt_trace_bytes(cap(), un, sizeof(un), 0);
	expect("union", want);
	/* tracemem/tst.tracemem.r */
	snprintf(want, sizeof(want), "%s%s", hdr, "         0: 4c 69 6e 75 "
		 "78 20 76 65 72 73 69 6f 6e 20        Linux version \n");
	fmt_tracemem(cap(), "Linux version ", 14);
	expect("tracemem", want);
	snprintf(want, sizeof(want), "%s%s", hdr, "         0: 4c 69       "
		 "                                     Li\n");
	fmt_tracemem(cap(), "Linux version ", 2);
	expect("tracemem 2", want);
	fmt_tracemem(cap(), "Linux", 0);
	expect("tracemem 0", "");
	/* a second row, and bytes >= 0x80 shown as '.' */
	for (int i = 0; i < 20; i++)
		big[i] = (unsigned char)(0x41 + i + (i == 17 ? 0x60 : 0));
	snprintf(want, sizeof(want), "%s%s%s", hdr, "         0: 41 42 43 44 "
		 "45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP\n",
		 "        10: 51 b2 53 54                                      "
		 "Q.ST\n");
	fmt_tracemem(cap(), big, sizeof(big));
	expect("tracemem rows", want);

	/* dt_print_bytes: aggregation keys */
	fmt_print_bytes(cap(), "bash\0\0\0\0", 8, 50, 0);
	snprintf(want, sizeof(want), "  %-50s", "bash");
	expect("bytes str", want);
	fmt_print_bytes(cap(), "bash\0\0\0\0", 8, 50, 1);
	expect("bytes str quiet", "bash");
	fmt_print_bytes(cap(), "bash", 4, 10, 1);
	expect("bytes no nul", "  bash      ");
	snprintf(want, sizeof(want), "%s%s", hdr, "         0: 00 00       "
		 "                                     ..\n");
	fmt_print_bytes(cap(), "\0\0", 2, 50, 0);
	expect("bytes empty string", want);
	snprintf(want, sizeof(want), "%s%s", hdr, "         0: 61 00 62    "
		 "                                     a.b\n");
	fmt_print_bytes(cap(), "a\0b", 3, 50, 0);
	expect("bytes not string", want);
}

/* --- aggregations --- */

static int64_t q[AGGFMT_QUANTIZE_NBUCKETS];

static void qclear(void)
{
	memset(q, 0, sizeof(q));
}

static void qadd(int64_t v, int64_t incr)
{
	q[aggfmt_quantize_bucket(v)] += incr;
}

static const char HDR[] =
	"\n           value  ------------- Distribution ------------- count    \n";

static void test_agg_scalars(void)
{
	int64_t d[4];
	struct agg_value v = { .kind = AGG_COUNT, .data = d, .ndata = 1,
			       .normal = 1 };

	/* aggs/tst.count.r */
	d[0] = 2;
	aggfmt_value(cap(), &v);
	expect("count", "                2");
	/* aggs/tst.min.r */
	v.kind = AGG_MIN;
	d[0] = 100;
	aggfmt_value(cap(), &v);
	expect("min", "              100");
	/* aggs/tst.avg.r, tst.avg_neg.r */
	v.kind = AGG_AVG;
	v.ndata = 2;
	d[0] = 10;
	d[1] = 4500;
	aggfmt_value(cap(), &v);
	expect("avg", "              450");
	d[0] = 2;
	d[1] = -900;
	aggfmt_value(cap(), &v);
	expect("avg neg", "             -450");
	/* aggs/tst.stddev.r: 5000000000 + 100 * (0..9), and negated */
	unsigned __int128 sq = 0;
	int64_t sum = 0;
	for (int k = 0; k < 10; k++) {
		int64_t x = 5000000000LL + 100 * k;

		sum += x;
		sq += (unsigned __int128)((__int128)x * x);
	}
	v.kind = AGG_STDDEV;
	v.ndata = 4;
	d[0] = 10;
	d[1] = sum;
	d[2] = (int64_t)(uint64_t)sq;
	d[3] = (int64_t)(uint64_t)(sq >> 64);
	aggfmt_value(cap(), &v);
	expect("stddev", "              287");
	d[1] = -sum;
	aggfmt_value(cap(), &v);
	expect("stddev neg", "              287");
	d[0] = 0;
	aggfmt_value(cap(), &v);
	expect("stddev empty", "                0");
	/* normalize(): sums divide, as aggs/tst.fmtnormalize.r */
	v.kind = AGG_SUM;
	v.ndata = 1;
	v.normal = 5;
	d[0] = 3000;
	aggfmt_value(cap(), &v);
	expect("sum normal", "              600");
}

static void test_keys(void)
{
	struct fmt_arg k;
	char want[128];

	/* aggs/tst.typecast-key.r: "        1        2                2" */
	k = I(1, 4);
	FILE *fp = cap();
	aggfmt_key(fp, &k, &env);
	k = I(2, 4);
	aggfmt_key(fp, &k, &env);
	struct agg_value v = { .kind = AGG_COUNT,
			       .data = (const int64_t[]){ 2 }, .ndata = 1 };
	aggfmt_value(fp, &v);
	aggfmt_record_end(fp);
	expect("typecast-key", "        1        2                2\n");
	/* aggs/tst.quantzero.r: a 64-bit key */
	k = I(2, 8);
	aggfmt_key(cap(), &k, &env);
	expect("key 64", "                2");
	k = I(-1, 2);
	aggfmt_key(cap(), &k, &env);
	expect("key 16 (zero-extended)", " 65535");
	k = I(-1, 1);
	aggfmt_key(cap(), &k, &env);
	expect("key 8", " 255");
	k = I(-5, 4);
	aggfmt_key(cap(), &k, &env);
	expect("key 32 neg", "       -5");
	k = (struct fmt_arg){ .type = FT_STR, .str = "bash\0\0\0\0\0\0\0",
			      .len = 12 };
	aggfmt_key(cap(), &k, &env);
	snprintf(want, sizeof(want), "  %-50s", "bash");
	expect("key str", want);
	k = (struct fmt_arg){ .type = FT_SYM, .ival = 0xffffffff81000010ULL,
			      .size = 8 };
	aggfmt_key(cap(), &k, &env);
	snprintf(want, sizeof(want), "  %-50s", "vmlinux`schedule");
	expect("key sym", want);
	k = (struct fmt_arg){ .type = FT_USYM, .ival = 0x401000, .pid = 42 };
	aggfmt_key(cap(), &k, &env);
	snprintf(want, sizeof(want), "  %-50s", "a.out`main");
	expect("key usym", want);
	k = (struct fmt_arg){ .type = FT_STACK };
	aggfmt_key(cap(), &k, &env);
	expect("key stack", "\n              vmlinux`a\n              vmlinux`b\n");
}

static void test_quantize(void)
{
	char want[4096];
	struct fmt_arg k = I(0, 4);
	FILE *fp;

	/* aggs/tst.quantize.r, first record */
	qclear();
	qadd(0, 1);
	fp = cap();
	aggfmt_key(fp, &k, &env);
	aggfmt_quantize(fp, q, AGGFMT_QUANTIZE_NBUCKETS, 1);
	aggfmt_record_end(fp);
	snprintf(want, sizeof(want), "        0%s%s", HDR,
		 "              -1 |                                         0        \n"
		 "               0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
		 "               1 |                                         0        \n"
		 "\n");
	expect("quantize 0", want);

	/* aggs/tst.multiaggs2.r */
	qclear();
	for (int v = 0; v < 1000; v += 100)
		qadd(v, 1);
	aggfmt_quantize(cap(), q, AGGFMT_QUANTIZE_NBUCKETS, 1);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"              -1 |                                         0        \n"
		"               0 |@@@@                                     1        \n"
		"               1 |                                         0        \n"
		"               2 |                                         0        \n"
		"               4 |                                         0        \n"
		"               8 |                                         0        \n"
		"              16 |                                         0        \n"
		"              32 |                                         0        \n"
		"              64 |@@@@                                     1        \n"
		"             128 |@@@@                                     1        \n"
		"             256 |@@@@@@@@@@@@                             3        \n"
		"             512 |@@@@@@@@@@@@@@@@                         4        \n"
		"            1024 |                                         0        \n");
	expect("quantize multiaggs2", want);

	/* aggs/tst.quantzero.r: negative increments */
	qclear();
	qadd(0, -12);
	fp = cap();
	k = I(2, 8);
	aggfmt_key(fp, &k, &env);
	aggfmt_quantize(fp, q, AGGFMT_QUANTIZE_NBUCKETS, 1);
	snprintf(want, sizeof(want), "                2%s%s", HDR,
		"              -1                                         | 0        \n"
		"               0 @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@| -12      \n"
		"               1                                         | 0        \n");
	expect("quantize negative", want);

	/* multiaggs/tst.zero2.r: nothing at all still shows -1, 0, 1 */
	qclear();
	aggfmt_quantize(cap(), q, AGGFMT_QUANTIZE_NBUCKETS, 1);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"              -1 |                                         0        \n"
		"               0 |                                         0        \n"
		"               1 |                                         0        \n");
	expect("quantize empty", want);

	/* both signs (dt_print_quantline's centre line) */
	qclear();
	qadd(0, -2);
	qadd(1, 2);
	aggfmt_quantize(cap(), q, AGGFMT_QUANTIZE_NBUCKETS, 1);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"              -1                     |                     0        \n"
		"               0           @@@@@@@@@@|                     -2       \n"
		"               1                     |@@@@@@@@@@           2        \n"
		"               2                     |                     0        \n");
	expect("quantize both signs", want);

	/* extremes: the last bucket has no row after it */
	qclear();
	qadd(INT64_MAX, 1);
	qadd(INT64_MIN, 1);
	check("bucket max", aggfmt_quantize_bucket(INT64_MAX) == 126);
	check("bucket min", aggfmt_quantize_bucket(INT64_MIN) == 0);
	check("bucket -1", aggfmt_quantize_bucket(-1) == 62);
	check("bucket 3", aggfmt_quantize_bucket(3) == 65);
	check("bucketval 126",
	      aggfmt_quantize_bucketval(126) == 4611686018427387904LL);
	/* 127 rows: the end buckets have no neighbour to widen to */
	aggfmt_quantize(cap(), q, AGGFMT_QUANTIZE_NBUCKETS, 1);
	fclose(mfp);
	check("quantize extremes first", strncmp(mbuf + sizeof(HDR) - 1,
		"-4611686018427387904 |", 22) == 0);
	check("quantize extremes last", strstr(mbuf,
		"\n4611686018427387904 |") != NULL);
	int rows = 0;
	for (char *p = mbuf; (p = strchr(p, '\n')) != NULL; p++)
		rows++;
	check("quantize extremes rows", rows == 2 + 127);
	free(mbuf);
	mbuf = NULL;
	check("quantize bad size", aggfmt_quantize(stdout, q, 64, 1) == -1);
}

static void test_lquantize(void)
{
	int64_t d[152];
	char want[4096];
	struct fmt_arg k;
	FILE *fp;

	/* aggs/tst.multiaggs2.r: lquantize(i, 0, 1000, 100) */
	memset(d, 0, sizeof(d));
	for (int v = 0; v < 1000; v += 100)
		d[aggfmt_lquantize_bucket(v, 0, 100, 10)]++;
	aggfmt_lquantize(cap(), d, 12, 1, 0, 100, 10);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"             < 0 |                                         0        \n"
		"               0 |@@@@                                     1        \n"
		"             100 |@@@@                                     1        \n"
		"             200 |@@@@                                     1        \n"
		"             300 |@@@@                                     1        \n"
		"             400 |@@@@                                     1        \n"
		"             500 |@@@@                                     1        \n"
		"             600 |@@@@                                     1        \n"
		"             700 |@@@@                                     1        \n"
		"             800 |@@@@                                     1        \n"
		"             900 |@@@@                                     1        \n"
		"         >= 1000 |                                         0        \n");
	expect("lquantize", want);

	/* aggs/tst.truncquant.r: lquantize(i, 0, 150), key 95 */
	memset(d, 0, sizeof(d));
	for (int v = 95; v < 99; v++)
		d[aggfmt_lquantize_bucket(v, 0, 1, 150)]++;
	fp = cap();
	k = I(95, 4);
	aggfmt_key(fp, &k, &env);
	aggfmt_lquantize(fp, d, 152, 1, 0, 1, 150);
	aggfmt_record_end(fp);
	snprintf(want, sizeof(want), "       95%s%s", HDR,
		"              94 |                                         0        \n"
		"              95 |@@@@@@@@@@                               1        \n"
		"              96 |@@@@@@@@@@                               1        \n"
		"              97 |@@@@@@@@@@                               1        \n"
		"              98 |@@@@@@@@@@                               1        \n"
		"              99 |                                         0        \n"
		"\n");
	expect("lquantize trunc", want);

	/* multiaggs/tst.zero2.r: lquantize(0, -10, 10, 1, 0) */
	memset(d, 0, sizeof(d));
	aggfmt_lquantize(cap(), d, 22, 1, -10, 1, 20);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"           < -10 |                                         0        \n"
		"             -10 |                                         0        \n"
		"              -9 |                                         0        \n");
	expect("lquantize empty", want);
	check("lq bucket under", aggfmt_lquantize_bucket(-11, -10, 1, 20) == 0);
	check("lq bucket over", aggfmt_lquantize_bucket(10, -10, 1, 20) == 21);
	check("lquantize bad size",
	      aggfmt_lquantize(stdout, d, 5, 1, 0, 1, 20) == -1);
}

static void test_llquantize(void)
{
	int64_t d[111];
	const int bin0 = 55;	/* llquantize(_, 10, 0, 2, 20) */
	char want[4096];

	/* aggs/tst.llquantnormal.r: 5 of each 1..10, normalize(@, 5) */
	memset(d, 0, sizeof(d));
	for (int v = 1; v <= 10; v++)
		d[bin0 + 1 + 2 * (v - 1)] = 5;
	aggfmt_llquantize(cap(), d, 111, 5, 10, 0, 2, 20);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"               0 |                                         0        \n"
		"               1 |@@@@                                     1        \n"
		"               2 |@@@@                                     1        \n"
		"               3 |@@@@                                     1        \n"
		"               4 |@@@@                                     1        \n"
		"               5 |@@@@                                     1        \n"
		"               6 |@@@@                                     1        \n"
		"               7 |@@@@                                     1        \n"
		"               8 |@@@@                                     1        \n"
		"               9 |@@@@                                     1        \n"
		"              10 |@@@@                                     1        \n"
		"              15 |                                         0        \n");
	expect("llquantize normal", want);

	/* aggs/tst.llquantround.r: 0 x2, 1 x6, 2 x19; the row after 2 is a
	 * "ghost" bin that borrows the label 3 */
	memset(d, 0, sizeof(d));
	d[bin0] = 2;
	d[bin0 + 1] = 6;
	d[bin0 + 3] = 19;
	aggfmt_llquantize(cap(), d, 111, 1, 10, 0, 2, 20);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"              -1 |                                         0        \n"
		"               0 |@@@                                      2        \n"
		"               1 |@@@@@@@@@                                6        \n"
		"               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@             19       \n"
		"               3 |                                         0        \n");
	expect("llquantize round", want);

	/* aggs/tst.llquantoverflow.r: llquantize(1.1e9, 10, 7, 10, 10) */
	int64_t o[75] = { 0 };
	o[37 + 19] = 1;
	aggfmt_llquantize(cap(), o, 75, 1, 10, 7, 10, 10);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"       900000000 |                                         0        \n"
		"      1000000000 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
		"      2000000000 |                                         0        \n");
	expect("llquantize overflow", want);

	/* empty: one bin, widened */
	memset(o, 0, sizeof(o));
	aggfmt_llquantize(cap(), o, 75, 1, 10, 7, 10, 10);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"      < 10000000 |                                         0        \n"
		"        10000000 |                                         0        \n"
		"        20000000 |                                         0        \n");
	expect("llquantize empty", want);
	/* a negative value: bin0 becomes "abs() < scale", cut to DTrace's
	 * 16-byte label cell */
	o[37 - 1] = 1;
	aggfmt_llquantize(cap(), o, 75, 1, 10, 7, 10, 10);
	snprintf(want, sizeof(want), "%s%s", HDR,
		"       -20000000 |                                         0        \n"
		"       -10000000 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
		" abs() < 1000000 |                                         0        \n");
	expect("llquantize negative", want);
	check("llquantize bad size",
	      aggfmt_llquantize(stdout, o, 70, 1, 10, 7, 10, 10) == -1);
}

/* --- printa() with a format --- */

static void tpa(const char *name, const char *text, const struct fmt_arg *k,
		int nk, const struct agg_value *const *aggs, int na,
		const char *want)
{
	char err[256];
	struct fmt *f = fmt_parse(text, err, sizeof(err));

	if (f == NULL) {
		nfail++;
		printf("FAIL %s: parse: %s\n", name, err);
		return;
	}
	fmt_printa(cap(), f, k, nk, aggs, na, &env);
	expect(name, want);
	fmt_free(f);
}

static void test_printa(void)
{
	static const int64_t one[] = { 1 }, avg[] = { 1, 1 };
	static const int64_t sd[] = { 2, 30, 500, 0 };	/* stddev(10), (20) */
	int64_t lq[11] = { 0 }, ll[63] = { 0 };
	const struct agg_value *ap[4];
	struct agg_value a = { AGG_AVG, avg, 2, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct agg_value c = { AGG_COUNT, one, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct agg_value l = { AGG_LQUANTIZE, lq, 11, 1, 1, 1, 9, 0, 0, 0, 0 };
	struct agg_value m = { AGG_MAX, one, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct agg_value g = { AGG_QUANTIZE, q, AGGFMT_QUANTIZE_NBUCKETS, 1,
			       0, 0, 0, 0, 0, 0, 0 };
	struct agg_value h = { AGG_LLQUANTIZE, ll, 63, 1, 0, 0, 0, 10, 0, 5,
			       5 };
	struct agg_value s = { AGG_STDDEV, sd, 4, 1, 0, 0, 0, 0, 0, 0, 0 };
	char want[4096];

	/* printa/tst.basics.r */
	lq[1] = 1;
	qclear();
	qadd(1, 1);
	ll[31 + 12] = 8;	/* llquantize(320, 10, 0, 5, 5, 8) */
	FILE *fp = cap();
	const struct { const char *fmt; const struct agg_value *v; } b[] = {
		{ "@a = %@u\n", &a }, { "@b = %@u\n", &c },
		{ "@c = %@d\n", &l }, { "@d = %@u\n", &m },
		{ "@e = %@u\n", &m }, { "@f = %@u\n", &m },
		{ "@g = %@d\n", &g }, { "@h = %@d\n", &h },
		{ "@i = %@d\n", &s },
	};
	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		struct fmt *f = fmt_parse(b[i].fmt, NULL, 0);

		ap[0] = b[i].v;
		fmt_printa(fp, f, NULL, 0, ap, 1, &env);
		fmt_free(f);
	}
	expect("printa basics",
	"@a = 1\n"
	"@b = 1\n"
	"@c = \n"
	"           value  ------------- Distribution ------------- count    \n"
	"             < 1 |                                         0        \n"
	"               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	"               2 |                                         0        \n"
	"\n"
	"@d = 1\n"
	"@e = 1\n"
	"@f = 1\n"
	"@g = \n"
	"           value  ------------- Distribution ------------- count    \n"
	"               0 |                                         0        \n"
	"               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	"               2 |                                         0        \n"
	"\n"
	"@h = \n"
	"           value  ------------- Distribution ------------- count    \n"
	"             100 |                                         0        \n"
	"             200 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 8        \n"
	"             400 |                                         0        \n"
	"\n"
	"@i = 5\n");

	/* printa/tst.manyval.r, multiaggs/tst.same.r */
	ap[0] = &c;
	tpa("manyval", "%@u %@u %@u %@u %@u %@u %@u\n", NULL, 0, ap, 1,
	    "1 1 1 1 1 1 1\n");
	static const int64_t s90904[] = { 90904 };
	struct agg_value sum = { AGG_SUM, s90904, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	ap[0] = ap[1] = ap[2] = &sum;
	tpa("same 3", "%@d %@d %@d\n", NULL, 0, ap, 3,
	    "90904 90904 90904\n");
	tpa("same 1", "%@d %@d %@d\n", NULL, 0, ap, 1,
	    "90904 90904 90904\n");

	/* printa/tst.dynwidth.r: the first key is the width */
	struct fmt_arg k1[] = { I(10, 4), I(100, 4) };
	struct fmt_arg k2[] = { I(-10, 4), I(200, 4) };
	tpa("dynwidth -*", "-->%-*d<--\n", k1, 2, ap, 1, "-->100       <--\n");
	tpa("dynwidth -* neg", "-->%-*d<--\n", k2, 2, ap, 1,
	    "-->200       <--\n");
	tpa("dynwidth *", "-->%*d<--\n", k1, 2, ap, 1, "-->       100<--\n");
	tpa("dynwidth * neg", "-->%*d<--\n", k2, 2, ap, 1,
	    "-->200       <--\n");

	/* multiaggs/tst.zero2.r: joined aggregations */
	static const int64_t z[] = { 0 }, s456[] = { 456 };
	struct agg_value foo = { AGG_SUM, z, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct agg_value bar = { AGG_SUM, s456, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct fmt_arg k456 = I(456, 4);
	ap[0] = &foo;
	ap[1] = &bar;
	tpa("zero2", "%10d %@10d %@10d\n", &k456, 1, ap, 2,
	    "       456          0        456\n");
	qclear();
	g.data = q;
	ap[2] = &g;
	snprintf(want, sizeof(want), "       456          0        456 %s%s",
		 HDR,
		 "              -1 |                                         0        \n"
		 "               0 |                                         0        \n"
		 "               1 |                                         0        \n"
		 "\n");
	tpa("zero2 quantize", "%10d %@10d %@10d %@10d\n", &k456, 1, ap, 3,
	    want);

	/* aggs/tst.stddev2.r */
	static const int64_t sd2[] = { 2, 0x30, 0x500, 0 };
	struct agg_value s2 = { AGG_STDDEV, sd2, 4, 1, 0, 0, 0, 0, 0, 0, 0 };
	ap[0] = &s2;
	tpa("stddev2", "%9@x\n", NULL, 0, ap, 1, "        8\n");

	/* aggs/tst.fmtnormalize.r */
	static const int64_t s3000[] = { 3000 };
	struct agg_value n5 = { AGG_SUM, s3000, 1, 5, 0, 0, 0, 0, 0, 0, 0 };
	struct fmt_arg k0 = U(0, 8);
	ap[0] = &n5;
	tpa("fmtnormalize", "%u %@u\n", &k0, 1, ap, 1, "0 600\n");

	/* multiaggs/tst.tuplecompat.r */
	static const int64_t s123[] = { 123 };
	struct agg_value one23 = { AGG_SUM, s123, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct fmt_arg kt[] = { S("foo"), I(789, 4), S("bar"),
				PTR(0xffff888000000000ULL) };
	ap[0] = &one23;
	ap[1] = &bar;
	tpa("tuplecompat", "%10s %10d %10s %@10d %@10d\n", kt, 4, ap, 2,
	    "       foo        789        bar        123        456\n");

	/* aggs/tst.keysort.r */
	static const int64_t m3[] = { -3 };
	struct agg_value sm3 = { AGG_SUM, m3, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct fmt_arg ks[] = { S("Amsterdam"), I(17, 8), I(8, 8) };
	ap[0] = &sm3;
	tpa("keysort", "%20s %8d %8d %8@d\n", ks, 3, ap, 1,
	    "           Amsterdam       17        8       -3\n");

	/* printa/tst.walltimestamp.r: %@T / %@Y of a min() */
	static const int64_t wt[] = { 1075064400LL * 1000000000LL };
	struct agg_value mn = { AGG_MIN, wt, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	ap[0] = &mn;
	tpa("%@T", "%@T\n", NULL, 0, ap, 1, "Sun, 25 Jan 2004 13:00:00 PST\n");
	tpa("%@Y", "%@Y\n", NULL, 0, ap, 1, "2004 Jan 25 13:00:00\n");

	/* count is unsigned, the others signed */
	static const int64_t neg1[] = { -1 };
	struct agg_value cn = { AGG_COUNT, neg1, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	struct agg_value sn = { AGG_SUM, neg1, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	ap[0] = &cn;
	tpa("%@d count", "%@d", NULL, 0, ap, 1, "18446744073709551615");
	ap[0] = &sn;
	tpa("%@d sum", "%@d", NULL, 0, ap, 1, "-1");
	tpa("%@x sum", "%@x", NULL, 0, ap, 1, "ffffffffffffffff");
	/* pfprint_average divides as uint64_t */
	static const int64_t an[] = { 2, -900 };
	struct agg_value avn = { AGG_AVG, an, 2, 1, 0, 0, 0, 0, 0, 0, 0 };
	ap[0] = &avn;
	tpa("%@d avg neg", "%@d", NULL, 0, ap, 1, "9223372036854775358");

	/* a stack key through %k */
	struct fmt_arg sk = { .type = FT_STACK };
	ap[0] = &c;
	tpa("%k key", "%k %@u\n", &sk, 1, ap, 1,
	    "\nvmlinux`a\nvmlinux`b\n 1\n");
	/* keys run out: DTrace stops with EDT_DMISMATCH */
	struct fmt *f = fmt_parse("%d %d", NULL, 0);
	check("printa runout", fmt_printa(cap(), f, &k0, 1, ap, 1, &env) == -1);
	expect("printa runout text", "0 ");
	fmt_free(f);
	/* an FT_AGG argument is printed by the same rules */
	struct fmt_arg fa = { .type = FT_AGG, .agg = &c, .size = 8 };
	PF("FT_AGG arg", "[1]", "[%d]", fa);
}

static void test_misc(void)
{
	char *e = fmt_escape("x\001", 2);

	check_str("escape", e, "x\\001");
	free(e);
	struct fmt *f = fmt_parse("a%db", NULL, 0);
	check_str("fmt_text", f ? fmt_text(f) : NULL, "a%db");
	fmt_free(f);
	fmt_free(NULL);
}

int main(void)
{
	test_parse_errors();
	test_nargs();
	test_validate();
	test_basics();
	test_flags();
	test_ints();
	test_widths();
	test_floats();
	test_escapes();
	test_time();
	test_stack_usym();
	test_runout();
	test_trace();
	test_bytes();
	test_agg_scalars();
	test_keys();
	test_quantize();
	test_lquantize();
	test_llquantize();
	test_printa();
	test_misc();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
