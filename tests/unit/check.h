/* check.h - the counting assertions the unit tests share.  Each test binary
 * ends with check_done(), whose line tests/run-unit adds up. */
#ifndef DT_CHECK_H
#define DT_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond) do { if (cond) passed++; else { failed++; \
	fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

#endif
