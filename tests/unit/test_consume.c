/* test_consume.c - record decoding (consume_record) and option parsing
 * (options_set), without the kernel: records are built here in the layout
 * of compile.h and the output compared character for character with what
 * the script tests' .out files show DTrace printing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "types.h"
#include "check.h"

#define TSTR	256		/* the default strsize, which these records use */

/* consume.c names probes through the table; three are enough here. */
static struct probe probes[] = {
	{ .id = 1, .prov = "dtrace", .mod = "", .func = "", .name = "BEGIN" },
	{ .id = 2, .prov = "dtrace", .mod = "", .func = "", .name = "END" },
	{ .id = 3, .prov = "syscall", .mod = "vmlinux", .func = "write",
	  .name = "entry" },
};

struct probe *probe_by_id(uint32_t id)
{
	return id >= 1 && id <= 3 ? &probes[id - 1] : NULL;
}

static struct dtype ty_int = { .kind = DT_INT, .name = "int", .size = 4,
			       .is_signed = 1 };
static struct dtype ty_char = { .kind = DT_INT, .name = "char", .size = 1,
				.is_signed = 1 };
static struct dtype ty_str = { .kind = DT_STRING, .name = "string",
			       .size = TSTR };

static struct options opts;
static struct dprog dp;
static char *obuf;
static size_t olen;

static void start(int quiet)
{
	memset(&dp, 0, sizeof(dp));
	opts.quiet = quiet;
	opts.out = open_memstream(&obuf, &olen);
	dp.opt = &opts;
}

static int output_is(const char *want)
{
	fclose(opts.out);
	int ok = !strcmp(obuf, want);
	if (!ok)
		fprintf(stderr, "want [%s]\n got [%s]\n", want, obuf);
	free(obuf);
	return ok;
}

static struct action *act(enum act_kind k, int nargs)
{
	struct action *a = calloc(1, sizeof(*a));
	a->kind = k;
	a->nargs = nargs;
	a->args = calloc(nargs ? nargs : 1, sizeof(*a->args));
	return a;
}

static void arg(struct action *a, int i, uint32_t off, uint32_t size,
		enum fmt_type ft, const struct dtype *t)
{
	a->args[i] = (struct recarg){ off, size, ft, t && t->is_signed, t };
}

static struct ecb *ecb(uint32_t recsize, struct action *first)
{
	struct ecb *e = calloc(1, sizeof(*e));
	e->recsize = recsize;
	e->acts = first;
	dp.ecbs = realloc(dp.ecbs, (dp.necbs + 1) * sizeof(*dp.ecbs));
	dp.ecbs[dp.necbs++] = e;
	e->epid = dp.necbs;
	return e;
}

static void hdr(unsigned char *r, uint32_t epid, uint32_t pid, uint32_t cpu,
		uint32_t done)
{
	uint32_t h[4] = { epid, pid, cpu, done };
	memcpy(r, h, sizeof(h));
}

static void put64(unsigned char *r, uint32_t off, uint64_t v)
{
	memcpy(r + off, &v, 8);
}

/* begin/tst.default.d: heading, probe line, newline; exit(0) sets the
 * status and prints nothing of its own. */
static void test_exit(void)
{
	unsigned char r[24] = { 0 };
	struct action *x = act(ACT_EXIT, 1);

	start(0);
	arg(x, 0, 16, 8, FT_INT, &ty_int);
	ecb(24, x);
	hdr(r, 1, 1, 0, 1);
	put64(r, 16, 3);
	consume_record(&dp, r, sizeof(r));
	CHECK(dp.exited && dp.exit_status == 3);
	CHECK(output_is("CPU     ID                    FUNCTION:NAME\n"
			"  0      1                           :BEGIN \n"));
}

/* trace/tst.sizes.d and trace/tst.string.d: the trace() layouts. */
static void test_trace(void)
{
	unsigned char r[16 + 8 + 8 + TSTR] = { 0 };
	struct action *a = act(ACT_TRACE, 1), *b = act(ACT_TRACE, 1),
		      *c = act(ACT_TRACE, 1);

	start(0);
	arg(a, 0, 16, 8, FT_INT, &ty_char);
	arg(b, 0, 24, 8, FT_INT, &ty_int);
	arg(c, 0, 32, TSTR, FT_STR, &ty_str);
	a->next = b;
	b->next = c;
	ecb(sizeof(r), a);
	hdr(r, 1, 1, 2, 7);
	put64(r, 16, (uint64_t)-1);
	put64(r, 24, 42);
	strcpy((char *)r + 32, "hello");
	consume_record(&dp, r, sizeof(r));
	CHECK(output_is("CPU     ID                    FUNCTION:NAME\n"
			"  2      1                           :BEGIN   -1"
			"         42  hello                            \n"));
}

/* An action whose done bit is clear (inside an untaken if) prints
 * nothing; quiet mode prints neither heading nor probe line. */
static void test_done_bits_quiet(void)
{
	unsigned char r[32] = { 0 };
	struct action *a = act(ACT_TRACE, 1), *b = act(ACT_TRACE, 1);

	start(1);
	arg(a, 0, 16, 8, FT_INT, &ty_int);
	arg(b, 0, 24, 8, FT_INT, &ty_int);
	a->next = b;
	ecb(32, a);
	hdr(r, 1, 1, 0, 2);
	put64(r, 16, 1);
	put64(r, 24, 2);
	consume_record(&dp, r, sizeof(r));
	CHECK(output_is("2"));
}

/* printf of a string and an int (begin/tst.hello.d). */
static void test_printf(void)
{
	unsigned char r[16 + TSTR + 8] = { 0 };
	struct action *p = act(ACT_PRINTF, 2);
	char err[128];

	start(1);
	p->fmt = fmt_parse("hello %s %d\n", err, sizeof(err));
	arg(p, 0, 16, TSTR, FT_STR, &ty_str);
	arg(p, 1, 16 + TSTR, 8, FT_INT, &ty_int);
	ecb(sizeof(r), p);
	hdr(r, 1, 1, 0, 1);
	strcpy((char *)r + 16, "world");
	put64(r, 16 + TSTR, 42);
	consume_record(&dp, r, sizeof(r));
	CHECK(output_is("hello world 42\n"));
}

/* After exit() only END's records print; a bad epid is ignored. */
static void test_after_exit(void)
{
	unsigned char x[24] = { 0 }, t[24] = { 0 };
	struct action *e = act(ACT_EXIT, 1), *tr = act(ACT_TRACE, 1);

	start(0);
	arg(e, 0, 16, 8, FT_INT, &ty_int);
	arg(tr, 0, 16, 8, FT_INT, &ty_int);
	ecb(24, e);
	ecb(24, tr);
	hdr(x, 1, 1, 0, 1);
	consume_record(&dp, x, sizeof(x));
	hdr(t, 2, 3, 0, 1);
	put64(t, 16, 5);
	consume_record(&dp, t, sizeof(t));	/* write:entry: dropped */
	hdr(t, 9, 2, 0, 1);
	consume_record(&dp, t, sizeof(t));	/* no such ecb */
	hdr(t, 2, 2, 1, 1);
	consume_record(&dp, t, sizeof(t));	/* END: printed */
	CHECK(output_is("CPU     ID                    FUNCTION:NAME\n"
			"  0      1                           :BEGIN \n"
			"  1      2                             :END           5\n"));
}

static int set(const char *name, const char *val, const char *want_err)
{
	char err[256] = "";
	int r = options_set(&opts, name, val, err, sizeof(err));
	if (!want_err)
		return r == 0;
	if (r == 0 || strcmp(err, want_err))
		fprintf(stderr, "%s=%s: [%s]\n", name, val ? val : "", err);
	return r == -1 && !strcmp(err, want_err);
}

static void test_options(void)
{
	static const char bad[] = "Invalid value for specified option";

	memset(&opts, 0, sizeof(opts));
	CHECK(set("nosuchoption", NULL, "Invalid option name"));
	CHECK(set("quiet", NULL, NULL) && opts.quiet);
	CHECK(set("bufsize", "4m", NULL) && opts.bufsize == 4u << 20);
	CHECK(set("bufsize", "2g", NULL) && opts.bufsize == 2ull << 30);
	CHECK(set("bufsize", "64", NULL) && opts.bufsize == 64);
	CHECK(set("bufsize", "4x", bad));
	CHECK(set("bufsize", NULL, bad));
	CHECK(set("switchrate", "10hz", NULL) && opts.switchrate_ns == 100000000);
	CHECK(set("switchrate", "10", NULL) && opts.switchrate_ns == 100000000);
	CHECK(set("switchrate", "5ms", NULL) && opts.switchrate_ns == 5000000);
	CHECK(set("switchrate", "1sec", NULL) && opts.switchrate_ns == 1000000000);
	CHECK(set("switchrate", "1fortnight", bad));
	CHECK(set("strsize", "2k", NULL) && dt_strsize == 2048);
	CHECK(!set("strsize", "8k", NULL) && dt_strsize == 2048);
	CHECK(set("strsize", "256", NULL) && dt_strsize == 256);
	CHECK(set("zdefs", "1", bad));
	CHECK(set("zdefs", NULL, NULL) && opts.zdefs);
	CHECK(set("stdc", "X", bad));
	CHECK(set("stdc", "s", NULL) && opts.stdc == 's');
	CHECK(set("bufpolicy", "ring", NULL));
	CHECK(set("bufpolicy", "circle", bad));
	CHECK(set("dynvarsize", "16m", NULL));
	CHECK(set("cpu", "3", NULL) && opts.cpu == 3);
	CHECK(set("iregs", "9", bad));
	CHECK(set("version", "2.0", NULL));
	CHECK(set("version", "3.0", bad));
	CHECK(set("define", "probe=BEGIN", NULL) && opts.ncppargs == 1 &&
	      !strcmp(opts.cppargs[0], "-Dprobe=BEGIN"));
	opts.in_program = 1;
	CHECK(set("ldpath", "/nonexistent/directory",
		  "Option cannot be used from within a D program"));
	CHECK(set("quiet", NULL, NULL));
}

int main(void)
{
	test_exit();
	test_trace();
	test_done_bits_quiet();
	test_printf();
	test_after_exit();
	test_options();
	return check_done();
}
