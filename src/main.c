/* main.c - the dtrace(1) command line, laid out as illumos/Oracle dtrace.
 *
 * As in DTrace the work goes in passes: the options (each -n/-P/-m/-f/-i/
 * -s becomes one program, kept in command-line order; operands become the
 * macro arguments $1..), then -c/-p processes (so $target is known), then
 * each program is parsed and compiled in order (a declaration in one is
 * seen by the next), then the "matched" notices, then tracing.
 */
#include <errno.h>
#include <getopt.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtins.h"
#include "compile.h"
#include "cpp.h"
#include "parse.h"
#include "proc.h"
#include "types.h"
#include "usage.h"
#include "usdt_decl.h"
#include "util.h"

/* DTrace's option string; '+' stops GNU getopt at the first operand, and
 * the loop in parse_args() collects it and goes on, as dtrace.c does. */
#define OPTSTR	"+3:6:aAb:Bc:CD:ef:FGhHi:I:lL:m:n:o:p:P:qs:SU:vVwx:X:Z"

struct cmd {
	int kind;			/* 's', or the option: n P m f i */
	const char *arg;
	struct diag diag;
	int matched;
};

static struct options opts = { .cpu = -1, .stdc = 'a', .nspec = 1 };
static struct cmd *cmds;
static int ncmds;
static int list_mode, exec_mode = 1, gen_mode;	/* gen_mode: 'h' or 'G' */
static const char *argv0, *outfile;
static char **operands;
static int noperands;
static jmp_buf jb;
static volatile sig_atomic_t g_intr;

static void add_cmd(int kind, const char *arg)
{
	cmds = xrealloc(cmds, (ncmds + 1) * sizeof(*cmds));
	memset(&cmds[ncmds], 0, sizeof(*cmds));
	cmds[ncmds].kind = kind;
	cmds[ncmds++].arg = arg;
}

static void set_option(const char *what, const char *name, const char *val)
{
	char err[256];

	if (options_set(&opts, name, val, err, sizeof(err))) {
		fprintf(stderr, "dtrace: failed to set %s: %s\n", what, err);
		exit(1);
	}
}

/* -x NAME[=VAL]: DTrace names only NAME in the message. */
static void set_xopt(const char *arg)
{
	char *name = strdup(arg), *val = strchr(name, '='), what[300];

	if (val)
		*val++ = '\0';
	snprintf(what, sizeof(what), "-x %s", name);
	set_option(what, name, val);
}

static void set_bopt(const char *arg)
{
	char what[300];

	snprintf(what, sizeof(what), "-b %s", arg);
	set_option(what, "bufsize", arg);
}

static void cpp_word(const char *name, const char *val)
{
	char what[300];

	snprintf(what, sizeof(what), "-%c %s", name[0] == 'd' ? 'D' :
		 name[0] == 'u' ? 'U' : 'I', val);
	set_option(what, name, val);
}

static void bad_usage(void)
{
	usage(stderr, argv0);
	exit(2);
}

/* Options this dtrace has no counterpart for (anonymous tracing, ELF and
 * header generation, DIF listing) are refused as unknown ones. */
static void unsupported(int c)
{
	fprintf(stderr, "dtrace: invalid option -- '%c'\n", c);
	bad_usage();
}

static void data_model(int c, const char *arg)
{
	if ((c == '3' && strcmp(arg, "2")) || (c == '6' && strcmp(arg, "4"))) {
		fprintf(stderr, "dtrace: illegal option -- %c%s\n", c, arg);
		bad_usage();
	}
	if (c == '3') {
		fprintf(stderr, "dtrace: the 32-bit data model (-32) is not "
			"supported\n");
		exit(1);
	}
}

static void handle_opt(int c, const char *arg)
{
	switch (c) {
	case '3': case '6': data_model(c, arg); break;
	case 'b': set_bopt(arg); break;
	case 'c': builtin_target = builtin_target ? builtin_target :
			proc_create(arg); break;
	case 'p': builtin_target = builtin_target ? builtin_target :
			proc_grab(arg); break;
	case 'C': opts.cpp = 1; break;
	case 'D': cpp_word("define", arg); break;
	case 'U': cpp_word("undef", arg); break;
	case 'I': cpp_word("incdir", arg); break;
	case 'H': opts.cpphdrs = 1; break;
	case 'X': set_option("-X", "stdc", arg); break;
	case 'e': exec_mode = 0; break;
	case 'h': case 'G':		/* -h and -G imply -Z, as in DTrace */
		gen_mode = c; exec_mode = 0; opts.zdefs = 1; break;
	case 'F': opts.flowindent = 1; break;
	case 'l': list_mode = 1; opts.zdefs = 1; break;	/* -l implies -Z */
	case 'L': break;		/* no D libraries to look for */
	case 'o': outfile = arg; break;
	case 'q': opts.quiet = 1; break;
	case 'v': opts.verbose = 1; break;
	case 'V': puts(dtrace_version()); exit(0);
	case 'w': opts.destructive = 1; break;
	case 'x': set_xopt(arg); break;
	case 'Z': opts.zdefs = 1; break;
	case 's': case 'n': case 'P': case 'm': case 'f': case 'i':
		add_cmd(c, arg);
		break;
	default: unsupported(c);
	}
}

static void getopt_error(int c, char **argv)
{
	if (c == ':' || (optopt && strchr(OPTSTR, optopt)))
		fprintf(stderr, "dtrace: option requires an argument -- '%c'\n",
			optopt);
	else if (optopt)
		fprintf(stderr, "dtrace: invalid option -- '%c'\n", optopt);
	else
		fprintf(stderr, "dtrace: unrecognized option '%s'\n",
			argv[optind - 1]);
	bad_usage();
}

static void parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 1000 },
		{ "check", no_argument, NULL, 1001 }, { NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	for (optind = 1; optind < argc; optind++) {
		while ((c = getopt_long(argc, argv, OPTSTR, longopts, NULL)) != -1) {
			if (c == 1000) {
				usage(stdout, argv0);
				exit(0);
			}
			if (c == 1001) {	/* what works on this kernel */
				types_init();
				exit(probe_check_report(stdout) ? 0 : 1);
			}
			if (c == '?' || c == ':')
				getopt_error(c, argv);
			handle_opt(c, optarg);
		}
		if (optind < argc) {
			operands = xrealloc(operands, (noperands + 1) *
					    sizeof(*operands));
			operands[noperands++] = argv[optind];
		}
	}
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, cap = 8192, n;
	char *buf;

	if (!f) {
		fprintf(stderr, "dtrace: failed to open %s: %s\n", path,
			strerror(errno));
		exit(1);
	}
	buf = xrealloc(NULL, cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static int count_lines(const char *s)
{
	int n = 1;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The end of the probe description at s (descriptions hold no blanks,
 * slashes, braces, commas or semicolons). */
static const char *desc_end(const char *s)
{
	while (*s && !strchr(" \t\n/{},;", *s))
		s++;
	return s;
}

/* -P/-m/-f: a description of at most maxparts parts, naming the provider,
 * module or function; colons appended make it a full description whose
 * parts land where the option says. */
static const char *pad_desc(struct cmd *c, const char *d, const char *e,
			    char *out, size_t outlen)
{
	int maxparts = c->kind == 'P' ? 1 : c->kind == 'm' ? 2 : 3;
	int colons = 0;

	for (const char *p = d; p < e; p++)
		colons += *p == ':';
	if (colons >= maxparts)
		diag_error(&c->diag, 0, NULL, "invalid probe description "
			   "\"%.*s\": Overspecified probe description",
			   (int)(e - d), d);
	snprintf(out, outlen, "%.*s%s", (int)(e - d), d, &":::"[maxparts - 1]);
	return out;
}

/* -i ID: the probe's full name in place of the number; a description
 * that is not a number is a probe name, as for -n. */
static const char *id_desc(struct cmd *c, const char *d, const char *e,
			   char *out, size_t outlen)
{
	static const struct probe_spec all = { "", "", "", "", "", 0, NULL };
	char *end;
	unsigned long id = strtoul(d, &end, 10);
	const struct probe *p;

	if (end != e || d == e || *d == '-' || *d == '+') {
		snprintf(out, outlen, "%.*s", (int)(e - d), d);
		return out;
	}
	probe_match(&all, NULL, NULL);		/* ids need every provider */
	if (!(p = probe_by_id(id)))
		diag_error(&c->diag, 0, NULL, "invalid probe identifier %.*s: "
			   "Unknown probe identifier", (int)(e - d), d);
	snprintf(out, outlen, "%s:%s:%s:%s", p->prov, p->mod, p->func, p->name);
	return out;
}

/* The text the parser reads for a description option. */
static char *spec_text(struct cmd *c)
{
	size_t cap = strlen(c->arg) * 2 + 1024;
	char *res = xrealloc(NULL, cap), buf[1024];
	const char *s = c->arg;
	size_t len = 0;

	res[0] = '\0';
	if (c->kind == 'n')
		return strcpy(res, s);
	for (;;) {
		const char *e = desc_end(s);
		const char *d = c->kind == 'i' ? id_desc(c, s, e, buf, sizeof(buf))
					       : pad_desc(c, s, e, buf, sizeof(buf));
		if (len + strlen(d) + 2 >= cap)
			res = xrealloc(res, cap = cap * 2 + strlen(d));
		len += sprintf(res + len, "%s", d);
		s = e;
		if (*s != ',')
			break;
		res[len++] = *s++;
	}
	res = xrealloc(res, len + strlen(s) + 1);
	strcpy(res + len, s);
	return res;
}

/* ---- macro arguments referenced (DTrace's D_MACRO_UNUSED check) ---- */

static void mark_tyname(const struct tyname *tn, char *used, int n);

static void mark_node(const struct node *x, char *used, int n)
{
	for (; x; x = x->next) {
		if (x->kind == N_DOLLAR && x->name) {
			char *end;
			long i = strtol(x->name, &end, 10);
			if (!*end && i >= 0 && i < n)
				used[i] = 1;
		}
		mark_node(x->a, used, n);
		mark_node(x->b, used, n);
		mark_node(x->c, used, n);
		mark_tyname(x->tn, used, n);
		if (x->decl)
			mark_tyname(x->decl->tn, used, n);
	}
}

static void mark_tyname(const struct tyname *tn, char *used, int n)
{
	for (; tn; tn = tn->next)
		for (const struct declarator *d = tn->decl; d; d = d->next) {
			mark_node(d->count_expr, used, n);
			mark_tyname(d->params, used, n);
		}
}

static void check_args_used(struct cmd *c, const struct program *prog,
			    int line)
{
	char *used = calloc(opts.margc + 1, 1);

	if (opts.argref || list_mode || !used)
		return free(used);
	mark_node(prog->first, used, opts.margc);
	for (int i = 1; i < opts.margc; i++)
		if (!used[i])
			diag_error(&c->diag, line, "D_MACRO_UNUSED",
				   "extraneous argument '%s' ($%d is not "
				   "referenced)", opts.margv[i], i);
	free(used);
}

/* ---- compiling ---- */

static struct program *build_program(struct cmd *c)
{
	struct parse_opts po = { types_is_typename, NULL, c->kind != 's' };
	struct program *prog;
	char *text;

	c->diag.errtags = opts.errtags;
	c->diag.jb = &jb;
	if (c->kind == 's') {
		c->diag.file = c->arg;
		text = read_file(c->arg);
		if (opts.cpp)
			text = cpp_run(&opts, text, &c->diag);
	} else {
		c->diag.spec = c->arg;
		text = spec_text(c);
	}
	opts.margv[0] = (char *)(c->kind == 's' ? c->arg : "dtrace");
	prog = parse_program(&c->diag, text, &po);
	if (!prog->first && !opts.empty && !list_mode)
		diag_error(&c->diag, count_lines(text), "D_EMPTY",
			   "empty D program translation unit");
	check_args_used(c, prog, count_lines(text));
	return prog;
}

static void list_cb(struct probe *p, void *arg)
{
	probe_list(opts.out, p, *(int *)arg);
}

/* -l: each description of each program, in order, or every probe. */
static int list_probes(void)
{
	static const struct probe_spec all = { "", "", "", "", "", 0, NULL };

	probe_list_header(opts.out);
	if (ncmds == 0)
		probe_match(&all, list_cb, &opts.verbose);
	for (int i = 0; i < ncmds; i++) {
		struct program *prog = build_program(&cmds[i]);
		for (struct node *n = prog->first; n; n = n->next) {
			if (n->kind != N_CLAUSE)
				continue;
			for (struct probe_spec *s0 = n->descs; s0; s0 = s0->next) {
				struct probe_spec *s = builtin_expand_spec(s0);
				if (!probe_match(s, list_cb, &opts.verbose))
					fprintf(stderr, "dtrace: failed to match "
						"%s:%s:%s:%s: No probe matches "
						"description\n", s->prov,
						s->mod, s->func, s->name);
			}
		}
	}
	fflush(opts.out);
	return 0;
}

static void compile_all(struct dprog *dp)
{
	for (int i = 0; i < ncmds; i++) {
		struct program *prog = build_program(&cmds[i]);
		dp->diag = &cmds[i].diag;
		cmds[i].matched = compile_program(dp, prog);
	}
	compile_finish(dp);
}

/* "dtrace: script 'F' matched N probes"; a description is cut at its
 * first '{', '/' or ';' (dtrace.c's compile_str). */
static int report_matched(void)
{
	int total = 0;

	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		int n = c->matched;
		total += n;
		if (opts.quiet)
			continue;
		if (c->kind == 's')
			fprintf(stderr, "dtrace: script '%s' matched %d probe%s\n",
				c->arg, n, n == 1 ? "" : "s");
		else
			fprintf(stderr, "dtrace: description '%.*s' matched %d "
				"probe%s\n", (int)strcspn(c->arg, "{/;"), c->arg,
				n, n == 1 ? "" : "s");
	}
	return total;
}

/* ---- tracing ---- */

static void on_signal(int sig)
{
	(void)sig;
	if (g_intr++)
		signal(SIGINT, SIG_DFL);	/* impatient: a third ^C kills */
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: wake the poll */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
}

/* Poll timeout: the switch or status rate if shorter than the 200 ms at
 * which -c/-p processes and signals are looked at anyway. */
static int poll_ms(void)
{
	uint64_t ns = opts.switchrate_ns, ms;

	if (opts.statusrate_ns && (!ns || opts.statusrate_ns < ns))
		ns = opts.statusrate_ns;	/* status checks on time */
	ms = ns / 1000000;
	if (!ns || ms >= 200)
		return 200;
	return ms ? (int)ms : 1;
}

static int trace(struct dprog *dp)
{
	int nproc = proc_count();

	if (dp->destructive_used && !opts.destructive) {
		fprintf(stderr, "dtrace: could not enable tracing: Destructive "
			"actions not allowed\n");
		return 1;
	}
	perf_only_cpu = opts.cpu;
	if (load_program(dp) || consume_open(dp) || attach_program(dp))
		return 1;
	catch_signals();
	run_dtrace_probe(dp, "BEGIN");
	consume_poll(dp, 0);		/* BEGIN's records, before any wait */
	if (opts.destructive && !opts.quiet)
		fprintf(stderr, "dtrace: allowing destructive actions\n");
	proc_release_all();
	while (!buf_work(dp) && !g_intr && (!nproc || proc_poll(opts.quiet))) {
		if (consume_poll(dp, poll_ms()) < 0)
			break;
		consume_drops(dp);
	}
	if (g_intr)
		fputc('\n', opts.out);		/* after the ^C, as DTrace */
	detach_program(dp);
	run_dtrace_probe(dp, "END");
	while (g_intr < 2 && consume_poll(dp, 0) > 0)
		;
	ring_flush(dp);
	consume_drops(dp);
	fputc('\n', opts.out);
	agg_print_all(dp);
	fflush(opts.out);
	consume_close(dp);
	proc_kill_created();
	return dp->exited ? dp->exit_status : 0;
}

/* ---- -h and -G ---- */

/* DTrace's output name: -o for a single script, else the script's base
 * name with .d replaced, else (-G) d.out. */
static const char *gen_path(const char *suffix)
{
	static char path[4096];
	const char *arg = cmds[0].arg, *dot = strrchr(arg, '.');
	const char *base = strrchr(arg, '/');

	if (outfile && ncmds == 1)
		return outfile;
	if (ncmds > 1 || cmds[0].kind != 's' || !dot || strcmp(dot, ".d")) {
		if (gen_mode == 'G')
			return "d.out";
		fprintf(stderr, "dtrace: -h requires an output file if %s\n",
			ncmds > 1 ? "multiple scripts are specified" :
			"no scripts are specified");
		exit(1);
	}
	if (base)
		arg = base + 1;
	snprintf(path, sizeof(path), "%.*s%s", (int)(strrchr(arg, '.') - arg),
		 arg, suffix);
	return path;
}

/* -G's operands are the objects holding the probe sites; <sys/sdt.h>
 * sites need no rewriting, but a missing object is still an error. */
static void check_objects(void)
{
	for (int i = 0; i < noperands; i++)
		if (access(operands[i], R_OK)) {
			fprintf(stderr, "dtrace: failed to open %s: %s\n",
				operands[i], strerror(errno));
			exit(1);
		}
}

static int generate(void)
{
	static struct dprog dp;

	if (ncmds == 0) {
		fprintf(stderr, "dtrace: -%c requires one or more scripts or "
			"probe specifiers\n", gen_mode);
		return 1;
	}
	if (gen_mode == 'G') {
		check_objects();
		opts.margc = 1;		/* operands are objects, not $1.. */
	}
	if (setjmp(jb))
		return 1;
	types_init();
	dp.opt = &opts;
	compile_all(&dp);
	if (gen_mode == 'h')
		return usdt_header_write(usdt_declared(), gen_path(".h")) ? 1 : 0;
	return usdt_object_write(usdt_declared(), gen_path(".o")) ? 1 : 0;
}

int main(int argc, char **argv)
{
	static struct dprog dp;

	argv0 = argv[0];
	if (argc == 1)
		bad_usage();
	opts.out = stdout;
	parse_args(argc, argv);
	opts.margc = noperands + 1;
	opts.margv = xrealloc(NULL, (opts.margc + 1) * sizeof(char *));
	opts.margv[0] = "dtrace";
	memcpy(opts.margv + 1, operands, noperands * sizeof(char *));
	opts.margv[opts.margc] = NULL;
	opts.in_program = 1;		/* from here on: #pragma D option */
	if (gen_mode)
		return generate();
	if (outfile && !(opts.out = fopen(outfile, "a"))) {
		fprintf(stderr, "dtrace: failed to open output file '%s': %s\n",
			outfile, strerror(errno));
		return 1;
	}
	if (setjmp(jb)) {
		proc_kill_created();
		return 1;
	}
	types_init();
	if (list_mode)
		return list_probes();
	if (ncmds == 0) {		/* -e returns before DTrace's check */
		if (!exec_mode)
			return 0;
		fprintf(stderr, "dtrace: no probes specified\n");
		return 1;
	}
	dp.opt = &opts;
	for (int i = 0; i < MAP_COUNT; i++)
		dp.map_fd[i] = -1;
	compile_all(&dp);
	if (!exec_mode)
		return 0;
	if (report_matched() == 0 && !opts.zdefs) {
		fprintf(stderr, "dtrace: no probes matched\n");
		return 1;
	}
	if (!dp.sites && dp.nprobes_refused) {
		fprintf(stderr, "dtrace: none of the matched probes can be "
			"enabled on this kernel\n");
		return 1;
	}
	return trace(&dp);
}
