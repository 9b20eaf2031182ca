/* progstat OUTFILE: the run time the kernel counts for BPF programs
 * (kernel.bpf_stats_enabled=1), summed over the programs that appear
 * while it runs: every 2 ms it reads each program's run_cnt and
 * run_time_ns and keeps the latest, since a program's figures vanish with
 * it.  Programs present at start (other tools') are left out.  On SIGTERM
 * or SIGINT it writes "RUN_CNT RUN_TIME_NS" to OUTFILE and exits. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>

#define MAXID 65536

static struct { unsigned long long cnt, ns; char seen, old; } prog[MAXID];
static volatile sig_atomic_t done;

static void stop(int sig)
{
	(void)sig;
	done = 1;
}

static void poll_progs(int initial)
{
	__u32 id = 0;

	while (!bpf_prog_get_next_id(id, &id)) {
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		int fd;

		if (id >= MAXID || prog[id].old)
			continue;
		if (initial) {
			prog[id].old = 1;
			continue;
		}
		if ((fd = bpf_prog_get_fd_by_id(id)) < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (!bpf_obj_get_info_by_fd(fd, &info, &len)) {
			prog[id].seen = 1;
			prog[id].cnt = info.run_cnt;
			prog[id].ns = info.run_time_ns;
		}
		close(fd);
	}
}

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 2000000 };
	unsigned long long cnt = 0, ns = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: progstat OUTFILE\n");
		return 2;
	}
	signal(SIGTERM, stop);
	signal(SIGINT, stop);
	poll_progs(1);
	while (!done) {
		poll_progs(0);
		nanosleep(&ts, NULL);
	}
	for (int i = 0; i < MAXID; i++)
		if (prog[i].seen) {
			cnt += prog[i].cnt;
			ns += prog[i].ns;
		}
	if (!(f = fopen(argv[1], "w")))
		return 1;
	fprintf(f, "%llu %llu\n", cnt, ns);
	return fclose(f) ? 1 : 0;
}
