/* prov_fbt.c - the fbt provider: function boundary tracing of the kernel.
 *
 *	fentry / kprobe on FUNC		fbt:vmlinux:FUNC:entry
 *	fexit / kretprobe on FUNC	fbt:vmlinux:FUNC:return
 *
 * The functions are vmlinux BTF's FUNC entries, kept to those ftrace can
 * trace (tracefs available_filter_functions) when the kernel lists them.
 * Entry arguments are typed from the function's BTF prototype; on return,
 * arg1/args[1] is the return value, typed, and arg0 the return offset
 * (0 here: fexit does not know it), as in DTrace.
 *
 * The mechanism is chosen once per run and then per function: fentry/fexit
 * if the kernel lets a small fentry program load and attach, kprobes (the
 * perf kprobe PMU) otherwise, or for a function fentry refuses (too many
 * arguments, struct arguments on older kernels).  `-x fbtmode=kprobe` or
 * DTRACE_FBTMODE=kprobe forces kprobes, `fentry` forbids them, `auto` is
 * the default.  When neither works, enabling a probe says so, naming the
 * probe and what the kernel refused, and the probe is skipped (ops->refuse)
 * so that the other probes of the run still trace.
 *
 * Every probe is its own site (fentry programs are loaded for one BTF
 * function).  Arguments are read with bpf_get_func_arg/bpf_get_func_ret
 * under fentry/fexit, which give plain scalars that the code generator can
 * use as any integer, and from struct pt_regs under kprobes (x86-64: the
 * first six arguments; later ones, on the stack, read as 0).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "kcheck.h"
#include "probe.h"
#include "ast.h"
#include "types.h"
#include "util.h"

extern const struct provider_ops prov_fbt;

#define KPROBE_PMU	"/sys/bus/event_source/devices/kprobe"

/* Per probe, above the BTF id in p->data: how it is traced. */
enum fbt_how { HOW_UNDECIDED, HOW_FENTRY, HOW_KPROBE, HOW_REFUSED };
#define HOW_SHIFT	32
#define ID_MASK		0xffffffffull

/* ---- the functions ---- */

static char **traceable;		/* sorted available_filter_functions */
static size_t ntraceable;
static int traceable_read;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* vmlinux's entries of available_filter_functions ("name" without
 * " [module]"); none if the kernel has no function tracer. */
static void read_traceable(void)
{
	const char *dir = tracefs_dir();
	char path[512], line[512];
	size_t cap = 0;
	FILE *f;

	traceable_read = 1;
	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/available_filter_functions", dir);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, " \t\n")] = '\0';
		if (strchr(line, '[') || !*line)
			continue;
		if (ntraceable == cap) {
			cap = cap ? cap * 2 : 65536;
			traceable = realloc(traceable, cap * sizeof(*traceable));
			if (!traceable)
				abort();
		}
		traceable[ntraceable++] = probe_strdup(line);
	}
	fclose(f);
	qsort(traceable, ntraceable, sizeof(*traceable), cmp_str);
}

static int is_traceable(const char *name)
{
	if (!traceable_read)
		read_traceable();
	if (!ntraceable)
		return 1;	/* no list: BTF's functions are all we know */
	return bsearch(&name, traceable, ntraceable, sizeof(*traceable),
		       cmp_str) != NULL;
}

static void add(const char *func, int btf_id, const char *name)
{
	struct probe *p = probe_add(&prov_fbt, "vmlinux", func, name);
	size_t n;

	if (p->site)
		return;		/* a second BTF function of that name */
	n = strlen(func) + strlen(name) + 6;
	p->site = xcalloc(1, n);
	snprintf(p->site, n, "fbt:%s:%s", func, name);
	p->data = (uint32_t)btf_id;
}

static int fbt_populate(const struct probe_spec *spec)
{
	const struct btf *btf;

	if (spec && (!probe_glob(spec->mod, "vmlinux") ||
		     (!probe_glob(spec->name, "entry") &&
		      !probe_glob(spec->name, "return"))))
		return 0;
	if (!(btf = types_vmlinux_btf()))
		return 0;
	for (int id = 1, n = btf__type_cnt(btf); id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name;

		if (!btf_is_func(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		if (!name || (spec && !probe_glob(spec->func, name)) ||
		    !is_traceable(name))
			continue;
		add(name, id, "entry");		/* both: stable ids */
		add(name, id, "return");
	}
	return 0;
}

/* The function's prototype, its parameters and their count. */
static const struct btf_type *proto(const struct probe *p,
				    const struct btf_param **params, int *n)
{
	const struct btf *btf = types_vmlinux_btf();
	const struct btf_type *fn, *fp;

	*n = 0;
	if (!btf || !(fn = btf__type_by_id(btf, p->data & ID_MASK)) ||
	    !(fp = btf__type_by_id(btf, fn->type)) || !btf_is_func_proto(fp))
		return NULL;
	*params = btf_params(fp);
	*n = btf_vlen(fp);
	if (*n > 0 && (*params)[*n - 1].type == 0)
		(*n)--;		/* "...": the variadic part is untyped */
	return fp;
}

static int fbt_args(struct probe *p)
{
	const struct btf *btf = types_vmlinux_btf();
	const struct btf_param *params;
	const struct btf_type *fp = proto(p, &params, &p->nargs);

	if (!fp) {
		p->nargs = 0;
		return -ENOENT;
	}
	if (!strcmp(p->name, "return")) {
		p->argtype[0] = &t_int;
		p->nargs = 1;
		if (fp->type) {		/* not void */
			p->argtype[1] = types_from_btf(btf, fp->type);
			p->nargs = 2;
		}
		return 0;
	}
	if (p->nargs > PROBE_MAXARGS)
		p->nargs = PROBE_MAXARGS;
	for (int i = 0; i < p->nargs; i++)
		p->argtype[i] = types_from_btf(btf, params[i].type);
	return 0;
}

/* ---- which mechanism ---- */

/* Load (and with do_attach, attach and drop) a two-instruction fentry
 * program on BTF function id: 0 or the errno the kernel gave. */
static int try_fentry(int id, int do_attach)
{
	struct bpf_insn prog[] = { MOV64_IMM(BPF_REG_0, 0), EXIT_INSN() };
	LIBBPF_OPTS(bpf_prog_load_opts, o,
		    .expected_attach_type = BPF_TRACE_FENTRY,
		    .attach_btf_id = id);
	int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "dtrace_fbt", "GPL",
			       prog, 2, &o), err = 0;

	if (fd < 0)
		return errno ? errno : EINVAL;
	if (do_attach) {
		int l = bpf_link_create(fd, 0, BPF_TRACE_FENTRY, NULL);
		if (l < 0)
			err = errno ? errno : EINVAL;
		else
			close(l);
	}
	close(fd);
	return err;
}

static int kprobe_pmu_type(void)
{
	static int type = -2;
	FILE *f;

	if (type != -2)
		return type;
	type = -1;
	if ((f = fopen(KPROBE_PMU "/type", "r"))) {
		if (fscanf(f, "%d", &type) != 1)
			type = -1;
		fclose(f);
	}
	return type;
}

static int kprobe_retbit(void)
{
	int bit = 0;
	FILE *f = fopen(KPROBE_PMU "/format/retprobe", "r");

	if (f) {
		if (fscanf(f, "config:%d", &bit) != 1)
			bit = 0;
		fclose(f);
	}
	return bit;
}

static struct {
	int decided;
	enum fbt_how how;		/* FENTRY, KPROBE or REFUSED */
	int allow_kprobe, fentry_err;
	char why[512];
} mode;

static const char *no_kprobes =
	"kprobes are not available (no kprobe PMU: " KPROBE_PMU
	" is missing; kernel built without CONFIG_KPROBE_EVENTS?)";

static void decide(void)
{
	const char *env = getenv("DTRACE_FBTMODE");
	const struct btf *btf = types_vmlinux_btf();
	int want_fentry = 1, id = -1;

	if (mode.decided)
		return;
	mode.decided = 1;
	mode.allow_kprobe = 1;
	if (env && !strcmp(env, "kprobe"))
		want_fentry = 0;
	else if (env && !strcmp(env, "fentry"))
		mode.allow_kprobe = 0;
	if (want_fentry && btf) {
		static const char *const tries[] = { "vfs_read", "ksys_read",
						     "schedule" };
		for (size_t i = 0; id < 0 && i < 3; i++)
			id = btf__find_by_name_kind(btf, tries[i], BTF_KIND_FUNC);
		mode.fentry_err = id < 0 ? ENOENT : try_fentry(id, 1);
		if (!mode.fentry_err) {
			mode.how = HOW_FENTRY;
			return;
		}
	}
	if (mode.allow_kprobe && kprobe_pmu_type() >= 0) {
		mode.how = HOW_KPROBE;
		return;
	}
	mode.how = HOW_REFUSED;
	if (!want_fentry)
		snprintf(mode.why, sizeof(mode.why), "%s, and fbtmode=kprobe "
			 "forbids fentry", no_kprobes);
	else if (!btf)
		snprintf(mode.why, sizeof(mode.why), "the kernel has no BTF "
			 "(/sys/kernel/btf/vmlinux), which fentry needs");
	else if (!mode.allow_kprobe)
		snprintf(mode.why, sizeof(mode.why), "fentry refused by this "
			 "kernel (%s), and fbtmode=fentry forbids kprobes",
			 kcheck_errname(mode.fentry_err));
	else
		snprintf(mode.why, sizeof(mode.why), "fentry refused by this "
			 "kernel (%s) and %s", kcheck_errname(mode.fentry_err),
			 no_kprobes);
}

static enum fbt_how how(const struct probe *p)
{
	return (enum fbt_how)(p->data >> HOW_SHIFT);
}

static void set_how(struct probe *p, enum fbt_how h)
{
	p->data = (p->data & ID_MASK) | ((uint64_t)h << HOW_SHIFT);
}

/* Refusals are said for the first few probes, then summed up once. */
static void say_refused(const struct probe *p, const char *why)
{
	static int said;

	if (said++ < 3)
		fprintf(stderr, "dtrace: %s:%s:%s:%s: not enabled: %s\n",
			p->prov, p->mod, p->func, p->name, why);
	else if (said == 4)
		fprintf(stderr, "dtrace: further fbt probes are not enabled "
			"for the same reason\n");
}

static int fbt_refuse(struct probe *p)
{
	char why[640];
	int err;

	if (how(p) != HOW_UNDECIDED)
		return how(p) == HOW_REFUSED;
	decide();
	if (mode.how == HOW_REFUSED) {
		set_how(p, HOW_REFUSED);
		say_refused(p, mode.why);
		return 1;
	}
	if (mode.how == HOW_KPROBE) {
		set_how(p, HOW_KPROBE);
		return 0;
	}
	/* fentry works here, but perhaps not for this function. */
	if (!(err = try_fentry(p->data & ID_MASK, 0))) {
		set_how(p, HOW_FENTRY);
		return 0;
	}
	if (mode.allow_kprobe && kprobe_pmu_type() >= 0) {
		set_how(p, HOW_KPROBE);
		return 0;
	}
	set_how(p, HOW_REFUSED);
	snprintf(why, sizeof(why), "fentry refused for this function (%s) "
		 "and %s", kcheck_errname(err), mode.allow_kprobe ? no_kprobes :
		 "fbtmode=fentry forbids kprobes");
	say_refused(p, why);
	return 1;
}

static enum prov_prog fbt_prog_for(const struct probe *p, uint32_t *btf_id)
{
	*btf_id = p->data & ID_MASK;
	if (how(p) == HOW_KPROBE)
		return PROG_KPROBE;
	return strcmp(p->name, "return") ? PROG_FENTRY : PROG_FEXIT;
}

/* ---- arguments ---- */

/* r0 = r0 narrowed to an integer type's size (the register's upper bits
 * are the caller's garbage). */
static void narrow(struct ebuf *b, const struct dtype *t)
{
	if (!t || !type_is_integer(t) || t->size >= 8 || t->size == 0)
		return;
	ebuf_add(b, ALU64_IMM(BPF_LSH, BPF_REG_0, 64 - 8 * t->size));
	ebuf_add(b, ALU64_IMM(t->is_signed ? BPF_ARSH : BPF_RSH, BPF_REG_0,
			      64 - 8 * t->size));
}

/* r0 = what helper fn (get_func_arg with r2 = i, or get_func_ret) left in
 * the 8 bytes at r10-8. */
static void helper_arg(struct ebuf *b, int fn, int i)
{
	ebuf_add(b, ST_MEM(BPF_DW, BPF_REG_10, -8, 0));
	ebuf_add(b, MOV64_REG(BPF_REG_1, BPF_REG_6));
	if (fn == BPF_FUNC_get_func_arg)
		ebuf_add(b, MOV64_IMM(BPF_REG_2, i));
	ebuf_add(b, MOV64_REG(fn == BPF_FUNC_get_func_arg ? BPF_REG_3 : BPF_REG_2,
			      BPF_REG_10));
	ebuf_add(b, ALU64_IMM(BPF_ADD, fn == BPF_FUNC_get_func_arg ? BPF_REG_3
			      : BPF_REG_2, -8));
	ebuf_add(b, CALL_HELPER(fn));
	ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_10, -8));
}

static void fbt_emit_arg(struct ebuf *b, const struct probe *p, int i)
{
	/* x86-64 struct pt_regs: di, si, dx, cx, r8, r9; ax */
	static const int regoff[6] = { 112, 104, 96, 88, 72, 64 };
	int ret = !strcmp(p->name, "return"), kp = how(p) == HOW_KPROBE;

	probe_args((struct probe *)p);	/* the table's probe, filled lazily */
	if (i < 0 || i >= p->nargs || (ret && i == 0) || (kp && i >= 6)) {
		ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
		return;
	}
	if (kp)
		ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6,
				    ret ? 80 : regoff[i]));
	else if (ret)
		helper_arg(b, BPF_FUNC_get_func_ret, 0);
	else
		helper_arg(b, BPF_FUNC_get_func_arg, i);
	narrow(b, p->argtype[i] ? type_resolve(p->argtype[i]) : NULL);
}

/* ---- attaching ---- */

static int fbt_attach(const struct probe *p, int prog_fd, struct attach *a)
{
	int ret = !strcmp(p->name, "return"), fd;

	if (how(p) == HOW_KPROBE) {
		struct perf_event_attr attr = {
			.type = kprobe_pmu_type(),
			.size = sizeof(attr),
			.config = ret ? 1ull << kprobe_retbit() : 0,
			.sample_period = 1,
			.wakeup_events = 1,
		};
		attr.kprobe_func = (uint64_t)(uintptr_t)p->func;
		attr.probe_offset = 0;
		return perf_attach(&attr, 0, prog_fd, a);
	}
	fd = bpf_link_create(prog_fd, 0, ret ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY,
			     NULL);
	if (fd < 0)
		fd = bpf_raw_tracepoint_open(NULL, prog_fd);	/* before 5.10 */
	if (fd < 0)
		return -errno;
	attach_add(a, fd);
	return 0;
}

/* The mechanism decide() picks for this kernel, or why there is none. */
static int fbt_check(char *why, size_t len)
{
	decide();
	if (mode.how == HOW_FENTRY)
		snprintf(why, len, "kernel functions from BTF: fentry/fexit");
	else if (mode.how == HOW_KPROBE && mode.fentry_err)
		snprintf(why, len, "kernel functions: kprobes/kretprobes "
			 "(fentry refused: %s)", kcheck_errname(mode.fentry_err));
	else if (mode.how == HOW_KPROBE)
		snprintf(why, len, "kernel functions: kprobes/kretprobes "
			 "(fbtmode=kprobe)");
	else
		snprintf(why, len, "%s", mode.why);
	return mode.how != HOW_REFUSED;
}

static const struct provider_attr fbt_attr = {
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_ISA },
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_ISA },
};

const struct provider_ops prov_fbt = {
	.name = "fbt",
	.populate = fbt_populate,
	.args = fbt_args,
	.prog = PROG_FENTRY,
	.emit_arg = fbt_emit_arg,
	.attach = fbt_attach,
	.attr = &fbt_attr,
	.check = fbt_check,
	.prog_for = fbt_prog_for,
	.refuse = fbt_refuse,
};
