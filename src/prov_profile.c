/* prov_profile.c - the profile provider:
 *
 *	cpu-clock perf event, every online CPU	profile:::profile-N[unit]
 *	cpu-clock perf event, first online CPU	profile:::tick-N[unit]
 *
 * The event has a fixed period (not a frequency) so that it fires on idle
 * CPUs too.  N without a unit is a rate in Hz, as in DTrace; the units are
 * ns nsec us usec ms msec s sec m min h hour d day hz, in any case, and
 * periods under 200us are refused as DTrace does.  Probes are made on
 * demand when a description names one; -l shows DTrace's default set.
 * Each probe is its own site.  arg0 is the kernel PC when the interrupted
 * context was the kernel, else 0; arg1 the user PC when it was user mode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/perf_event.h>
#include "kcheck.h"
#include "probe.h"
#include "ast.h"
#include "util.h"

extern const struct provider_ops prov_profile;

#define NSEC 1000000000ULL
#define MIN_PERIOD 200000ULL		/* DTrace's 200us floor */

/* x86_64: struct bpf_perf_event_data starts with struct pt_regs. */
#define PT_REGS_IP 128
#define PT_REGS_CS 136

/* "profile-97", "tick-1sec": the period in ns, or 0 if name is not one. */
static uint64_t parse_period(const char *name)
{
	const char *num;
	char *end;
	uint64_t n, period;

	if (!strncmp(name, "profile-", 8))
		num = name + 8;
	else if (!strncmp(name, "tick-", 5))
		num = name + 5;
	else
		return 0;
	if (*num < '0' || *num > '9')
		return 0;
	n = strtoull(num, &end, 10);
	if (n == 0)
		return 0;
	if (!*end || !strcasecmp(end, "hz"))
		period = NSEC / n;
	else
		period = n * time_unit_ns(end);
	return period >= MIN_PERIOD ? period : 0;
}

static void add(const char *name)
{
	uint64_t period = parse_period(name);
	struct probe *p;
	char site[80];

	if (!period)
		return;
	p = probe_add(&prov_profile, "", "", name);
	p->data = period;
	if (!p->site) {
		snprintf(site, sizeof(site), "profile:%s", name);
		p->site = probe_strdup(site);
	}
}

static int profile_populate(const struct probe_spec *spec)
{
	static const int profile_hz[] = { 97, 199, 499, 997, 1999, 4001, 4999 };
	static const int tick_hz[] = { 1, 10, 100, 500, 1000, 5000 };
	char name[32];

	for (size_t i = 0; i < sizeof(profile_hz) / sizeof(profile_hz[0]); i++) {
		snprintf(name, sizeof(name), "profile-%d", profile_hz[i]);
		add(name);
	}
	for (size_t i = 0; i < sizeof(tick_hz) / sizeof(tick_hz[0]); i++) {
		snprintf(name, sizeof(name), "tick-%d", tick_hz[i]);
		add(name);
	}
	/* A name without globs may be one to make (DTrace's provide()). */
	if (spec && spec->name && !strpbrk(spec->name, "*?[\\") &&
	    probe_glob(spec->mod, "") && probe_glob(spec->func, ""))
		add(spec->name);
	return 0;
}

static int profile_args(struct probe *p)
{
	p->nargs = 0;		/* untyped in DTrace: arg0, arg1 only */
	return 0;
}

/* r0 = regs.ip if the interrupted mode (cs & 3 == 3: user) is the one
 * wanted, else 0. */
static void emit_pc(struct ebuf *b, int want_user)
{
	ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, PT_REGS_CS));
	ebuf_add(b, ALU64_IMM(BPF_AND, BPF_REG_0, 3));
	ebuf_add(b, JMP_IMM(want_user ? BPF_JNE : BPF_JEQ, BPF_REG_0, 3, 2));
	ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, PT_REGS_IP));
	ebuf_add(b, JA(1));
	ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
}

static void profile_emit_arg(struct ebuf *b, const struct probe *p, int i)
{
	(void)p;
	if (i == 0 || i == 1)
		emit_pc(b, i == 1);
	else
		ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
}

static int profile_attach(const struct probe *p, int prog_fd, struct attach *a)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.size = sizeof(attr),
		.sample_period = p->data,
		.wakeup_events = 1,
	};

	return perf_attach(&attr, p->name[0] == 'p', prog_fd, a);
}

static const struct provider_attr profile_attr = {
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
	{ STAB_UNSTABLE, STAB_UNSTABLE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
};

/* profile-N and tick-N: a cpu-clock perf event running a program. */
static int profile_check(char *why, size_t len)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE, .size = sizeof(attr),
		.config = PERF_COUNT_SW_CPU_CLOCK, .sample_period = NSEC,
	};

	if (!kcheck_perf(&attr, why, len))
		return 0;
	snprintf(why, len, "profile-N, tick-N: cpu-clock perf events");
	return 1;
}

const struct provider_ops prov_profile = {
	.name = "profile",
	.populate = profile_populate,
	.args = profile_args,
	.prog = PROG_PERF_EVENT,
	.emit_arg = profile_emit_arg,
	.attach = profile_attach,
	.attr = &profile_attr,
	.check = profile_check,
};
