/* tm OUTFILE CMD [ARG...]: runs CMD, writes "WALL_MS PEAK_RSS_KB STATUS"
 * to OUTFILE: wall time from fork to exit, the child's peak RSS (wait4). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *f;

	if (argc < 3)
		return fprintf(stderr, "usage: tm OUTFILE CMD [ARG...]\n"), 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return perror("tm"), 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!(f = fopen(argv[1], "w")))
		return perror(argv[1]), 1;
	fprintf(f, "%.1f %ld %d\n", (t1.tv_sec - t0.tv_sec) * 1e3 +
		(t1.tv_nsec - t0.tv_nsec) / 1e6, ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	fclose(f);
	return 0;
}
