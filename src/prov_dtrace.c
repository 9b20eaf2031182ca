/* prov_dtrace.c - the dtrace provider.
 *
 *	(no kernel event; BPF_PROG_TEST_RUN)	dtrace:::BEGIN	id 1
 *						dtrace:::END	id 2
 *						dtrace:::ERROR	id 3
 *
 * Each probe is its own site, a raw-tracepoint program the runtime runs
 * itself; the context it passes is an array of PROBE_MAXARGS u64 values
 * (all zero for BEGIN and END; ERROR's arg1.. as DTrace defines them), so
 * the runtime must pass ctx_size_in = PROBE_MAXARGS * 8.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "kcheck.h"
#include "probe.h"
#include "ast.h"

extern const struct provider_ops prov_dtrace;

static int dtrace_populate(const struct probe_spec *spec)
{
	static const char *const names[] = { "BEGIN", "END", "ERROR" };
	static const char *const sites[] = { "dtrace:BEGIN", "dtrace:END",
					     "dtrace:ERROR" };

	(void)spec;
	for (int i = 0; i < 3; i++) {
		struct probe *p = probe_add(&prov_dtrace, "", "", names[i]);
		p->site = (char *)sites[i];
	}
	return 0;
}

static int dtrace_args(struct probe *p)
{
	p->nargs = 0;		/* untyped, as in DTrace: arg0.. only */
	return 0;
}

static void dtrace_emit_arg(struct ebuf *b, const struct probe *p, int i)
{
	(void)p;
	if (i < 0 || i >= PROBE_MAXARGS)
		ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
	else
		ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, 8 * i));
}

static int dtrace_attach(const struct probe *p, int prog_fd, struct attach *a)
{
	(void)p, (void)prog_fd, (void)a;
	return 0;
}

/* BEGIN, END and ERROR: a raw tracepoint program run by test-run. */
static int dtrace_check(char *why, size_t len)
{
	uint64_t ctx[PROBE_MAXARGS] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, o, .ctx_in = ctx,
		    .ctx_size_in = sizeof(ctx));
	int fd = kcheck_load(BPF_PROG_TYPE_RAW_TRACEPOINT), err = 0;

	if (fd < 0) {
		snprintf(why, len, "the kernel refuses to load a raw tracepoint "
			 "program (%s)", kcheck_errname(-fd));
		return 0;
	}
	if (bpf_prog_test_run_opts(fd, &o))
		err = errno;
	close(fd);
	if (err)
		snprintf(why, len, "the kernel refuses BPF_PROG_TEST_RUN of a "
			 "raw tracepoint program (%s)", kcheck_errname(err));
	else
		snprintf(why, len, "BEGIN, END, ERROR: raw tracepoint programs "
			 "run by BPF_PROG_TEST_RUN");
	return !err;
}

static const struct provider_attr dtrace_attr = {
	{ STAB_STABLE, STAB_STABLE, CLASS_COMMON },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_STABLE, STAB_STABLE, CLASS_COMMON },
	{ STAB_STABLE, STAB_STABLE, CLASS_COMMON },
};

const struct provider_ops prov_dtrace = {
	.name = "dtrace",
	.populate = dtrace_populate,
	.args = dtrace_args,
	.prog = PROG_RAW_TP,
	.emit_arg = dtrace_emit_arg,
	.attach = dtrace_attach,
	.attr = &dtrace_attr,
	.check = dtrace_check,
};
