/* kcheck.h - what this kernel lets dtrace do, tried for real (dtrace
 * --check, and fbt's choice of mechanism). */
#ifndef DT_KCHECK_H
#define DT_KCHECK_H

#include <stddef.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>

/* "EPERM: Operation not permitted" for an errno. */
const char *kcheck_errname(int err);
/* Load "r0 = 0; exit" as a program of type t: its fd, or -errno. */
int kcheck_load(enum bpf_prog_type t);
/* Load a program of type t and attach it to the tracefs event or perf
 * event given, then drop both: 1 if that works; else 0 and why says at
 * which step the kernel refused, and why. */
int kcheck_tracepoint(const char *group, const char *event, char *why,
		      size_t len);
int kcheck_perf(struct perf_event_attr *attr, char *why, size_t len);

#endif
