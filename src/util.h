/* util.h - allocation that cannot fail quietly: dtrace is short-lived, so
 * running out of memory ends it with a message instead of a NULL check at
 * every call. */
#ifndef DT_UTIL_H
#define DT_UTIL_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);

#endif
