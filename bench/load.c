/* The fixed workload: N cheap system calls (or N calls of a function, for
 * uprobes) in a tight loop, timed with CLOCK_MONOTONIC around the loop only.
 * Writes the loop's ns per call to OUTFILE ("-" for stdout), so the tracer's
 * own start-up and tear-down are never part of the figure.
 *
 *	load getppid N OUTFILE	N getppid() calls
 *	load write N OUTFILE	N write()s to /dev/null of i % 1024 bytes
 *	load uprobe N OUTFILE	N calls of bench_fn() (a uprobe target)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

__attribute__((noinline, used)) long bench_fn(long x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	static char buf[1024];
	long n, i, acc = 0;
	double t0, t1;
	FILE *out;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: load getppid|write|uprobe N OUTFILE\n");
		return 2;
	}
	n = atol(argv[2]);
	if (!strcmp(argv[1], "getppid")) {
		t0 = now();
		for (i = 0; i < n; i++)
			acc += syscall(SYS_getppid);
		t1 = now();
	} else if (!strcmp(argv[1], "write")) {
		if ((fd = open("/dev/null", O_WRONLY)) < 0)
			return perror("/dev/null"), 1;
		t0 = now();
		for (i = 0; i < n; i++)
			acc += write(fd, buf, i & 1023);
		t1 = now();
	} else if (!strcmp(argv[1], "uprobe")) {
		t0 = now();
		for (i = 0; i < n; i++)
			acc += bench_fn(i);
		t1 = now();
	} else {
		fprintf(stderr, "load: unknown mode %s\n", argv[1]);
		return 2;
	}
	out = strcmp(argv[3], "-") ? fopen(argv[3], "w") : stdout;
	if (!out)
		return perror(argv[3]), 1;
	fprintf(out, "%.2f\n", (t1 - t0) / n);
	fclose(out);
	return acc == 42;	/* keeps acc live */
}
