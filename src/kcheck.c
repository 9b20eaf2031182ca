/* kcheck.c - a provider's check: the smallest program of the type it
 * needs, loaded and attached the way it attaches, then dropped.  Asking
 * the kernel is the only way to know (a config option may be set and a
 * security policy still refuse), and it costs milliseconds. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "emit.h"
#include "kcheck.h"
#include "probe.h"

const char *kcheck_errname(int err)
{
	static char buf[128];
	static const struct { int e; const char *n; } names[] = {
		{ EPERM, "EPERM" }, { EACCES, "EACCES" }, { EINVAL, "EINVAL" },
		{ ENOENT, "ENOENT" }, { E2BIG, "E2BIG" }, { EBUSY, "EBUSY" },
		{ ENOSYS, "ENOSYS" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ 524, "ENOTSUPP" }, { ESRCH, "ESRCH" }, { ENODEV, "ENODEV" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == err) {
			snprintf(buf, sizeof(buf), "%s: %s", names[i].n,
				 err == 524 ? "operation not supported by the "
				 "kernel" : strerror(err));
			return buf;
		}
	return strerror(err);
}

int kcheck_load(enum bpf_prog_type t)
{
	struct bpf_insn insn[] = { MOV64_IMM(BPF_REG_0, 0), EXIT_INSN() };
	int fd = bpf_prog_load(t, "dt_check", "GPL", insn, 2, NULL);

	return fd < 0 ? -errno : fd;
}

static const char *type_name(enum bpf_prog_type t)
{
	return t == BPF_PROG_TYPE_TRACEPOINT ? "tracepoint" :
	       t == BPF_PROG_TYPE_PERF_EVENT ? "perf event" :
	       t == BPF_PROG_TYPE_KPROBE ? "kprobe" : "BPF";
}

/* Load, then attach with fn: 1, or 0 and the reason. */
static int load_attach(enum bpf_prog_type t, int (*fn)(int, void *),
		       void *arg, const char *what, char *why, size_t len)
{
	int fd = kcheck_load(t), err;

	if (fd < 0) {
		snprintf(why, len, "the kernel refuses to load a %s program "
			 "(%s)", type_name(t), kcheck_errname(-fd));
		return 0;
	}
	err = fn(fd, arg);
	close(fd);
	if (err)
		snprintf(why, len, "the kernel refuses to attach a %s program "
			 "to %s (%s)", type_name(t), what, kcheck_errname(-err));
	return !err;
}

static void detach_all(struct attach *a)
{
	for (int i = 0; i < a->n; i++)
		close(a->fd[i]);
}

static int attach_tp(int fd, void *arg)
{
	const char *const *ge = arg;
	struct attach a = { 0 };
	int err = tracefs_attach(ge[0], ge[1], fd, &a);

	detach_all(&a);
	return err;
}

int kcheck_tracepoint(const char *group, const char *event, char *why,
		      size_t len)
{
	const char *ge[2] = { group, event };
	char what[256];

	if (!tracefs_dir()) {
		snprintf(why, len, "no tracefs (not mounted at "
			 "/sys/kernel/tracing, and mounting it failed)");
		return 0;
	}
	if (tracefs_event_id(group, event) < 0) {
		snprintf(why, len, "tracefs has no event %s:%s", group, event);
		return 0;
	}
	snprintf(what, sizeof(what), "tracepoint %s:%s", group, event);
	return load_attach(BPF_PROG_TYPE_TRACEPOINT, attach_tp, ge, what,
			   why, len);
}

static int attach_perf(int fd, void *arg)
{
	struct attach a = { 0 };
	int err = perf_attach(arg, 0, fd, &a);

	detach_all(&a);
	return err;
}

int kcheck_perf(struct perf_event_attr *attr, char *why, size_t len)
{
	return load_attach(BPF_PROG_TYPE_PERF_EVENT, attach_perf, attr,
			   "a perf event", why, len);
}
