#include <stdio.h>
#include <stdlib.h>
#include "util.h"

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p) {
		fprintf(stderr, "dtrace: out of memory\n");
		exit(1);
	}
	return p;
}
