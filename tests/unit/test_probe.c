/* Unit test for the probe table and the providers (probe.c, tracefs.c,
 * prov_*.c).  The table checks need tracefs (root); then, for real, small
 * programs built from each provider's emit_selector/emit_arg are loaded,
 * attached with its attach op, and fired: an openat with known arguments,
 * an exec, and the profile provider's timers on an idle machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include "probe.h"
#include "ast.h"
#include "types.h"
#include "check.h"

static struct probe *found;
static void remember(struct probe *p, void *arg)
{
	(void)arg;
	found = p;
}

static int match(const char *prov, const char *mod, const char *func,
		 const char *name)
{
	struct probe_spec s = { (char *)prov, (char *)mod, (char *)func,
				(char *)name, NULL, 0, NULL };
	found = NULL;
	return probe_match(&s, remember, NULL);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_table(void)
{
	CHECK(match("", "", "", "BEGIN") == 1 && found && found->id == 1);
	CHECK(match("dtrace", "", "", "END") == 1 && found && found->id == 2);
	CHECK(match("", "", "", "ERROR") == 1 && found && found->id == 3);
	CHECK(found && !strcmp(found->site, "dtrace:ERROR"));

	CHECK(match("syscall", "", "openat", "entry") == 1);
	CHECK(found && found->selector == __NR_openat &&
	      !strcmp(found->mod, "vmlinux") &&
	      !strcmp(found->site, "tp:raw_syscalls:sys_enter"));
	CHECK(match("syscall", "vmlinux", "openat", "return") == 1 &&
	      !strcmp(found->site, "tp:raw_syscalls:sys_exit"));
	CHECK(match("syscall", "", "", "entry") > 300);
	CHECK(match("syscall", "", "open*", "") >= 6);
	CHECK(match("sys*", "", "[o]penat", "ent?y") == 1);
	uint32_t n = probe_count();
	struct probe *again = probe_add(found->ops, "vmlinux", "openat", "entry");
	CHECK(again == found && probe_count() == n && probe_by_id(n + 1) == NULL);
	CHECK(probe_by_id(found->id) == found);

	CHECK(match("profile", "", "", "tick-1s") == 1 && found->data == 1000000000);
	CHECK(match("profile", "", "", "tick-1sec") == 1 && found->data == 1000000000);
	CHECK(match("profile", "", "", "profile-97") == 1 &&
	      found->data == 1000000000 / 97);
	CHECK(match("", "", "", "tick-100hz") == 1 && found->data == 10000000);
	CHECK(match("profile", "", "", "tick-10ms") == 1 && found->data == 10000000);
	CHECK(match("profile", "", "", "tick-2min") == 1 && found->data == 120000000000ULL);
	CHECK(match("profile", "", "", "tick-100us") == 0);	/* under 200us */
	CHECK(match("profile", "", "", "tick-1fortnight") == 0);
	CHECK(match("profile", "", "", "profile-") == 0);
	CHECK(match("profile", "", "", "") >= 13);

	CHECK(match("sdt", "sched", "", "sched_switch") == 1 &&
	      !strcmp(found->site, "tp:sched:sched_switch"));
	CHECK(match("sdt", "", "", "sys_enter_openat") == 0);	/* syscall's */
	CHECK(match("", "", "", "") > 1000);
	CHECK(probe_glob("", "x") && probe_glob("a*c", "abc") && !probe_glob("a?", "abc"));
}

static void test_args(void)
{
	match("syscall", "", "openat", "entry");
	struct probe *p = found;
	CHECK(probe_args(p) == 0 && p->nargs == 4);
	CHECK(p->argtype[1] && p->argtype[1]->kind == DT_PTR &&
	      p->argtype[1]->ref->size == 1);
	CHECK(p->argnative[1] && !strcmp(p->argnative[1], "const char *"));
	CHECK(p->argtype[0] && p->argtype[0]->size == 4 && p->argtype[0]->is_signed);

	match("syscall", "", "getpid", "entry");
	CHECK(found && probe_args(found) == 0 && found->nargs == 0);
	match("syscall", "", "fstat", "entry");		/* sys_enter_newfstat */
	CHECK(found && probe_args(found) == 0 && found->nargs == 2 && found->argtype[1]);
	match("syscall", "", "read", "return");
	CHECK(found && probe_args(found) == 0 && found->nargs == 1 &&
	      found->argtype[0] == &t_long);

	match("sdt", "sched", "", "sched_process_exec");
	p = found;
	CHECK(p && probe_args(p) == 0 && p->nargs == 3);
	CHECK(p && p->argtype[0] == &t_string && p->argflags[0] == ARG_DATALOC &&
	      p->argoff[0] == 8);
	CHECK(p && p->argflags[1] == ARG_SIGNED && p->argsize[1] == 4 &&
	      p->argoff[1] == 12);
	match("sdt", "sched", "", "sched_switch");
	CHECK(found && probe_args(found) == 0 && found->argtype[0] &&
	      found->argtype[0]->kind == DT_ARRAY && found->argflags[0] == ARG_ADDR);
}

static void test_list(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	probe_list_header(fp);
	match("", "", "", "BEGIN");
	probe_list(fp, found, 1);
	match("syscall", "", "openat", "entry");
	probe_list(fp, found, 0);
	fclose(fp);
	const char *want =
		"   ID   PROVIDER            MODULE                          FUNCTION NAME\n"
		"    1     dtrace                                                     BEGIN\n"
		"\n\tProbe Description Attributes\n"
		"\t\tIdentifier Names: Stable\n"
		"\t\tData Semantics:   Stable\n"
		"\t\tDependency Class: Common\n"
		"\n\tArgument Attributes\n"
		"\t\tIdentifier Names: Stable\n"
		"\t\tData Semantics:   Stable\n"
		"\t\tDependency Class: Common\n"
		"\n\tArgument Types\n"
		"\t\tNone\n\n";
	CHECK(!strncmp(buf, want, strlen(want)));
	char line[200];
	snprintf(line, sizeof(line), "%5d    syscall           vmlinux                            openat entry\n",
		 (int)found->id);
	CHECK(strstr(buf, line) != NULL);
	free(buf);
}

/* --- live: programs built from the providers' code --- */

static int load(enum bpf_prog_type type, struct ebuf *b)
{
	static char log[65536];
	LIBBPF_OPTS(bpf_prog_load_opts, po, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	int fd = bpf_prog_load(type, "t", "GPL", b->insn, b->n, &po);

	if (fd < 0)
		fprintf(stderr, "load: %s\n%s\n", strerror(errno), log);
	return fd;
}

static void detach(struct attach *a)
{
	for (int i = 0; i < a->n; i++)
		close(a->fd[i]);
	a->n = 0;
}

/* r0 = &map[k], skipping the next `skip` instructions if NULL: 7 insns */
static void emit_lookup(struct ebuf *b, int mfd, int k, int skip)
{
	ebuf_add(b, ST_MEM(BPF_W, BPF_REG_10, -16, k));
	ebuf_add(b, MOV64_REG(BPF_REG_2, BPF_REG_10));
	ebuf_add(b, ALU64_IMM(BPF_ADD, BPF_REG_2, -16));
	ebuf_imm64(b, BPF_REG_1, BPF_PSEUDO_MAP_FD, mfd);
	ebuf_add(b, CALL_HELPER(BPF_FUNC_map_lookup_elem));
	ebuf_add(b, JMP_IMM(BPF_JEQ, BPF_REG_0, 0, skip));
}

/* map[slot] = r7 */
static void emit_store_r7(struct ebuf *b, int mfd, int slot)
{
	emit_lookup(b, mfd, slot, 1);
	ebuf_add(b, STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_7, 0));
}

/* Exits unless the selector is p's and the current process is us. */
static void emit_filter(struct ebuf *b, const struct probe *p)
{
	p->ops->emit_selector(b, p);
	ebuf_add(b, JMP_IMM(BPF_JEQ, BPF_REG_0, (int)p->selector, 2));
	ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
	ebuf_add(b, EXIT_INSN());
	ebuf_add(b, CALL_HELPER(BPF_FUNC_get_current_pid_tgid));
	ebuf_add(b, ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
	ebuf_add(b, JMP_IMM(BPF_JEQ, BPF_REG_0, getpid(), 2));
	ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
	ebuf_add(b, EXIT_INSN());
}

/* A program for p storing its args 0..nargs-1 in map slots 0.. */
static int args_prog(struct probe *p, int mfd, int nargs)
{
	struct ebuf b = { 0 };
	int fd;

	ebuf_add(&b, MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_filter(&b, p);
	for (int i = 0; i < nargs; i++) {
		p->ops->emit_arg(&b, p, i);
		ebuf_add(&b, MOV64_REG(BPF_REG_7, BPF_REG_0));
		emit_store_r7(&b, mfd, i);
	}
	ebuf_add(&b, MOV64_IMM(BPF_REG_0, 0));
	ebuf_add(&b, EXIT_INSN());
	fd = load(BPF_PROG_TYPE_TRACEPOINT, &b);
	free(b.insn);
	return fd;
}

static __u64 slot(int mfd, __u32 k)
{
	__u64 v = 0;
	bpf_map_lookup_elem(mfd, &k, &v);
	return v;
}

static void pin_cpu(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void test_syscall_live(int mfd)
{
	struct attach a = { 0 };
	int cpus[64], ncpu = online_cpus(cpus, 64);
	static const char path[] = "/nonexistent/test_probe";

	match("syscall", "", "openat", "entry");
	struct probe *p = found;
	int pfd = args_prog(p, mfd, 4);
	CHECK(pfd >= 0);
	if (pfd < 0)
		return;
	double t0 = now();
	CHECK(p->ops->attach(p, pfd, &a) == 0 && a.n == 1);
	/* One perf event serves every CPU: fire from the last one too. */
	for (int c = 0; c < ncpu; c += ncpu - 1 ? ncpu - 1 : 1) {
		int flags = O_RDONLY | O_NOFOLLOW | (c ? O_DIRECTORY : O_CLOEXEC);
		pin_cpu(cpus[c]);
		syscall(SYS_openat, AT_FDCWD, path, flags, 0644);
		CHECK(slot(mfd, 0) == (__u64)(long)AT_FDCWD);	/* int, sign-extended */
		CHECK(slot(mfd, 1) == (__u64)(unsigned long)path);
		CHECK(slot(mfd, 2) == (__u64)flags);
		CHECK(slot(mfd, 3) == 0644);
		if (ncpu == 1)
			break;
	}
	detach(&a);
	fprintf(stderr, "syscall:::entry attach+fire+detach: %.1f ms\n",
		(now() - t0) * 1e3);
	close(pfd);

	match("syscall", "", "openat", "return");
	p = found;
	pfd = args_prog(p, mfd, 3);
	CHECK(pfd >= 0 && p->ops->attach(p, pfd, &a) == 0);
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY, 0);
	CHECK(slot(mfd, 0) == (__u64)-ENOENT && slot(mfd, 1) == (__u64)-ENOENT &&
	      slot(mfd, 2) == 0);
	detach(&a);
	close(pfd);
	cpu_set_t all;			/* back to every CPU */
	CPU_ZERO(&all);
	for (int c = 0; c < ncpu; c++)
		CPU_SET(cpus[c], &all);
	sched_setaffinity(0, sizeof(all), &all);
}

/* sdt:sched::sched_process_exec: arg0 (a __data_loc string) read with
 * probe_read_kernel_str into a string map, arg1 (pid) into slot 5. */
static void test_sdt_live(int mfd)
{
	struct attach a = { 0 };
	struct ebuf b = { 0 };
	int smfd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "s", 4, 64, 1, NULL);

	match("sdt", "sched", "", "sched_process_exec");
	struct probe *p = found;
	ebuf_add(&b, MOV64_REG(BPF_REG_6, BPF_REG_1));
	p->ops->emit_arg(&b, p, 1);
	ebuf_add(&b, MOV64_REG(BPF_REG_7, BPF_REG_0));
	emit_store_r7(&b, mfd, 5);
	p->ops->emit_arg(&b, p, 0);
	ebuf_add(&b, MOV64_REG(BPF_REG_7, BPF_REG_0));
	emit_lookup(&b, smfd, 0, 4);
	ebuf_add(&b, MOV64_REG(BPF_REG_1, BPF_REG_0));
	ebuf_add(&b, MOV64_IMM(BPF_REG_2, 64));
	ebuf_add(&b, MOV64_REG(BPF_REG_3, BPF_REG_7));
	ebuf_add(&b, CALL_HELPER(BPF_FUNC_probe_read_kernel_str));
	ebuf_add(&b, MOV64_IMM(BPF_REG_0, 0));
	ebuf_add(&b, EXIT_INSN());
	int pfd = load(BPF_PROG_TYPE_TRACEPOINT, &b);
	free(b.insn);
	CHECK(pfd >= 0 && p->ops->attach(p, pfd, &a) == 0);
	if (pfd < 0)
		return;
	/* other processes exec too (a loaded machine, tests run side by
	 * side) and overwrite the slots: a few tries for a quiet moment */
	char s[64] = "";
	pid_t child = 0;
	for (int try = 0; try < 20; try++) {
		__u32 k = 0;
		if ((child = fork()) == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		waitpid(child, NULL, 0);
		bpf_map_lookup_elem(smfd, &k, s);
		if (!strcmp(s, "/bin/true") && slot(mfd, 5) == (__u64)child)
			break;
	}
	CHECK(!strcmp(s, "/bin/true"));
	CHECK(slot(mfd, 5) == (__u64)child);
	detach(&a);
	close(pfd);
	close(smfd);
}

/* map[k] += 1: 9 instructions */
static void emit_count(struct ebuf *b, int mfd, int k)
{
	emit_lookup(b, mfd, k, 2);
	ebuf_add(b, MOV64_IMM(BPF_REG_1, 1));
	ebuf_add(b, INSN(BPF_STX | BPF_DW | BPF_ATOMIC, BPF_REG_0, BPF_REG_1, 0, BPF_ADD));
}

/* Counts firings in slot 6; slot 7 counts those with a PC in arg0 or arg1. */
static int count_prog(struct probe *p, int mfd)
{
	struct ebuf b = { 0 };

	ebuf_add(&b, MOV64_REG(BPF_REG_6, BPF_REG_1));
	p->ops->emit_arg(&b, p, 0);
	ebuf_add(&b, MOV64_REG(BPF_REG_8, BPF_REG_0));
	p->ops->emit_arg(&b, p, 1);
	ebuf_add(&b, ALU64_REG(BPF_OR, BPF_REG_8, BPF_REG_0));
	emit_count(&b, mfd, 6);
	ebuf_add(&b, JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 9));
	emit_count(&b, mfd, 7);
	ebuf_add(&b, MOV64_IMM(BPF_REG_0, 0));
	ebuf_add(&b, EXIT_INSN());
	int fd = load(BPF_PROG_TYPE_PERF_EVENT, &b);
	free(b.insn);
	return fd;
}

/* Firings of profile:::name over secs seconds of sleep (the machine
 * idle); *with_pc of them had a PC, *nfd perf events were opened. */
static long fires(const char *name, int mfd, double secs, long *with_pc,
		  int *nfd)
{
	struct attach a = { 0 };
	__u64 zero = 0;
	__u32 k6 = 6, k7 = 7;
	int pfd;

	if (match("profile", "", "", name) != 1 || (pfd = count_prog(found, mfd)) < 0)
		return -1;
	bpf_map_update_elem(mfd, &k6, &zero, 0);
	bpf_map_update_elem(mfd, &k7, &zero, 0);
	if (found->ops->attach(found, pfd, &a) != 0)
		return -1;
	usleep(secs * 1e6);
	*nfd = a.n;
	detach(&a);
	close(pfd);
	*with_pc = slot(mfd, 7);
	return slot(mfd, 6);
}

static void test_profile_live(int mfd)
{
	int cpus[64], ncpu = online_cpus(cpus, 64), nfd;
	long pc, n;

	n = fires("tick-100hz", mfd, 0.5, &pc, &nfd);
	fprintf(stderr, "tick-100hz: %ld in 0.5s\n", n);
	CHECK(n >= 35 && n <= 65 && pc == n && nfd == 1);
	n = fires("tick-1s", mfd, 1.3, &pc, &nfd);
	fprintf(stderr, "tick-1s: %ld in 1.3s\n", n);
	CHECK(n == 1 && nfd == 1);
	n = fires("profile-97", mfd, 0.5, &pc, &nfd);
	fprintf(stderr, "profile-97: %ld in 0.5s on %d CPUs\n", n, ncpu);
	CHECK(n >= 97 * ncpu / 2 * 7 / 10 && n <= 97 * ncpu / 2 * 13 / 10 && pc == n);
	CHECK(nfd == ncpu);
}

int main(void)
{
	if (geteuid() != 0 || !tracefs_dir()) {
		fprintf(stderr, "not root or no tracefs: probe tests skipped\n");
		return check_done();
	}
	test_table();
	test_args();
	test_list();
	int mfd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "m", 4, 8, 8, NULL);
	CHECK(mfd >= 0);
	if (mfd >= 0) {
		test_syscall_live(mfd);
		test_sdt_live(mfd);
	}
	if (mfd >= 0)
		test_profile_live(mfd);
	return check_done();
}
