/* util.h - small helpers several stages share.  Allocation cannot fail
 * quietly: dtrace is short-lived, so running out of memory ends it with
 * a message instead of a NULL check at every call. */
#ifndef DT_UTIL_H
#define DT_UTIL_H

#include <stddef.h>
#include <stdint.h>

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

/* Nanoseconds in one of D's time units (ns, nsec, us, usec, ms, msec,
 * s, sec, m, min, h, hour, d, day; any case), or 0 if unit is none. */
uint64_t time_unit_ns(const char *unit);

#endif
