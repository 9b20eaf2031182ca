/* uprobe.c - what the user-space providers (pid, usdt) share: a
 * process's modules (its executable and libraries, with their ELF
 * functions) and uprobes attached for one process.
 *
 * A -c child has not exec'd yet when its probes are compiled, so its
 * modules are the program it will run and the libraries it needs
 * (DT_NEEDED, searched in the system's library directories); a -p
 * process's are its executable mappings.  Uprobes sit on the file, so
 * they are set before the exec and fire once the process runs that code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include "kcheck.h"
#include "proc.h"
#include "probe.h"
#include "uprobe.h"
#include "util.h"

static void add_module(struct umodule **m, int *n, const char *path)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp((*m)[i].path, path))
			return;
	*m = xrealloc(*m, (*n + 1) * sizeof(**m));
	struct umodule *x = &(*m)[(*n)++];
	const char *slash = strrchr(path, '/');
	x->path = strdup(path);
	x->name = strdup(slash ? slash + 1 : path);
	x->nfuncs = elf_funcs(path, &x->funcs);
	if (x->nfuncs < 0)
		x->nfuncs = 0;
}

static int find_lib(const char *name, char *out, size_t len)
{
	static const char *const dirs[] = {
		"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
		"/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
	};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(out, len, "%s/%s", dirs[i], name);
		if (!access(out, R_OK))
			return 0;
	}
	return -1;
}

/* The program and, transitively, the libraries it needs. */
static void modules_of_exe(const char *exe, struct umodule **m, int *n)
{
	add_module(m, n, exe);
	for (int i = 0; i < *n; i++) {
		char **need, path[4096];
		int k = elf_needed((*m)[i].path, &need);
		for (int j = 0; j < k; j++) {
			if (!find_lib(need[j], path, sizeof(path))) {
				char *real = realpath(path, NULL);
				add_module(m, n, real ? real : path);
				free(real);
			}
			free(need[j]);
		}
		free(need);
	}
}

static void modules_of_maps(int pid, struct umodule **m, int *n)
{
	char path[64], line[4608], perm[8], file[4096];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %7s %*s %*s %*s %4095s", perm, file) == 2 &&
		    perm[2] == 'x' && file[0] == '/')
			add_module(m, n, file);
	fclose(f);
}

/* A process's modules, read once. */
struct umodule *uprobe_modules(int pid, int *n)
{
	static struct { int pid, n; struct umodule *m; } cache[8];
	static int ncache;

	for (int i = 0; i < ncache; i++)
		if (cache[i].pid == pid) {
			*n = cache[i].n;
			return cache[i].m;
		}
	struct umodule *m = NULL;
	int k = 0;
	if (proc_exe(pid))
		modules_of_exe(proc_exe(pid), &m, &k);
	else
		modules_of_maps(pid, &m, &k);
	if (ncache < 8)
		cache[ncache++] = (typeof(cache[0])){ pid, k, m };
	*n = k;
	return m;
}

static int pmu_int(const char *file, const char *fmt)
{
	char path[256];
	int v = -1;
	FILE *f;

	snprintf(path, sizeof(path), UPROBE_PMU "/%s", file);
	if ((f = fopen(path, "r"))) {
		if (fscanf(f, fmt, &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

int uprobe_pmu_type(void)
{
	return pmu_int("type", "%d");
}

int uprobe_attach(const char *path, uint64_t off, int ret, uint64_t refctr,
		  int pid, int prog_fd, struct attach *a)
{
	int retbit = pmu_int("format/retprobe", "config:%d");
	struct perf_event_attr attr = {
		.type = uprobe_pmu_type(), .size = sizeof(attr),
		.config = (ret && retbit >= 0 ? 1ull << retbit : 0) |
			  refctr << 32,		/* format/ref_ctr_offset */
		.sample_period = 1, .wakeup_events = 1,
	};

	attr.uprobe_path = (uint64_t)(uintptr_t)path;
	attr.probe_offset = off;
	return perf_attach_task(&attr, pid, -1, prog_fd, a);
}

int uprobe_check(char *why, size_t len, const char *how)
{
	int fd;

	if (uprobe_pmu_type() < 0) {
		snprintf(why, len, "no uprobe PMU (" UPROBE_PMU " is missing; "
			 "kernel built without CONFIG_UPROBE_EVENTS?)");
		return 0;
	}
	if ((fd = kcheck_load(BPF_PROG_TYPE_KPROBE)) < 0) {
		snprintf(why, len, "the kernel refuses to load a uprobe program "
			 "(%s)", kcheck_errname(-fd));
		return 0;
	}
	close(fd);
	snprintf(why, len, "%s", how);
	return 1;
}
