/* prov_pid.c - the pid provider: pidPID:MODULE:FUNCTION:entry, :return
 * and :OFFSET (hex) for the functions of a process's executable and
 * libraries, as uprobes filtered to that process.
 *
 * A -c child has not exec'd yet when its probes are compiled, so its
 * modules are the program it will run and the libraries it needs
 * (DT_NEEDED, searched in the system's library directories); a -p process's
 * are its executable mappings.  Uprobes sit on the file, so they are set
 * before the exec and fire once the process runs that code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include "elfsym.h"
#include "kcheck.h"
#include "probe.h"
#include "proc.h"
#include "ast.h"
#include "util.h"

extern const struct provider_ops prov_pid;

#define UPROBE_PMU "/sys/bus/event_source/devices/uprobe"

struct module {
	char *path, *name;		/* name: the path's base name */
	struct elf_func *funcs;
	int nfuncs;
};

/* Where a probe fires: p->data indexes this. */
static struct site_at {
	int pid;
	const char *path;
	uint64_t off;
	int ret;
} *at;
static int nat;

static void add_module(struct module **m, int *n, const char *path)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp((*m)[i].path, path))
			return;
	*m = xrealloc(*m, (*n + 1) * sizeof(**m));
	struct module *x = &(*m)[(*n)++];
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
static void modules_of_exe(const char *exe, struct module **m, int *n)
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

static void modules_of_maps(int pid, struct module **m, int *n)
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
static struct module *modules(int pid, int *n)
{
	static struct { int pid, n; struct module *m; } cache[8];
	static int ncache;

	for (int i = 0; i < ncache; i++)
		if (cache[i].pid == pid) {
			*n = cache[i].n;
			return cache[i].m;
		}
	struct module *m = NULL;
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

static void add(const char *prov, int pid, const struct module *m,
		const struct elf_func *f, const char *name, uint64_t off, int ret)
{
	struct probe *p = probe_add_named(&prov_pid, prov, m->name, f->name, name);
	char site[64];

	if (p->site)
		return;
	at = xrealloc(at, (nat + 1) * sizeof(*at));
	at[nat] = (struct site_at){ pid, m->path, f->off + off, ret };
	p->data = nat++;
	snprintf(site, sizeof(site), "pid:%u", p->id);	/* a program each */
	p->site = strdup(site);
}

/* "1a": an instruction offset into the function, DTrace's third kind. */
static int offset_name(const char *s, uint64_t *off)
{
	char *end;
	if (!*s || strspn(s, "0123456789abcdefABCDEF") != strlen(s))
		return 0;
	*off = strtoull(s, &end, 16);
	return 1;
}

static void add_function(const struct probe_spec *spec, int pid,
			 const struct module *m, const struct elf_func *f)
{
	uint64_t off;

	if (probe_glob(spec->name, "entry"))
		add(spec->prov, pid, m, f, "entry", 0, 0);
	if (probe_glob(spec->name, "return"))
		add(spec->prov, pid, m, f, "return", 0, 1);
	if (offset_name(spec->name, &off) && (off < f->size || !f->size))
		add(spec->prov, pid, m, f, spec->name, off, 0);
}

static int pid_populate(const struct probe_spec *spec)
{
	int pid, n;
	struct module *m;

	if (!spec || strncmp(spec->prov, "pid", 3) || !(pid = atoi(spec->prov + 3)))
		return 0;
	m = modules(pid, &n);
	for (int i = 0; i < n; i++) {
		if (!probe_glob(spec->mod, m[i].name))
			continue;
		for (int j = 0; j < m[i].nfuncs; j++)
			if (probe_glob(spec->func, m[i].funcs[j].name))
				add_function(spec, pid, &m[i], &m[i].funcs[j]);
	}
	return 0;
}

static int pid_args(struct probe *p)
{
	p->nargs = 0;		/* untyped: arg0.. as integers */
	return 0;
}

/* x86-64 struct pt_regs: the first six integer arguments, then rax. */
static void pid_emit_arg(struct ebuf *b, const struct probe *p, int i)
{
	static const int regoff[6] = { 112, 104, 96, 88, 72, 64 };
	int ret = at[p->data].ret;

	if (ret && i == 1)		/* the return value */
		ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, 80));
	else if (!ret && i >= 0 && i < 6)
		ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, regoff[i]));
	else
		ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
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

static int pid_attach(const struct probe *p, int prog_fd, struct attach *a)
{
	const struct site_at *s = &at[p->data];
	int retbit = pmu_int("format/retprobe", "config:%d");
	struct perf_event_attr attr = {
		.type = pmu_int("type", "%d"), .size = sizeof(attr),
		.config = s->ret && retbit >= 0 ? 1ull << retbit : 0,
		.sample_period = 1, .wakeup_events = 1,
	};

	attr.uprobe_path = (uint64_t)(uintptr_t)s->path;
	attr.probe_offset = s->off;
	return perf_attach_task(&attr, s->pid, -1, prog_fd, a);
}

static int pid_check(char *why, size_t len)
{
	int fd;

	if (pmu_int("type", "%d") < 0) {
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
	snprintf(why, len, "user functions of a process: uprobes, uretprobes");
	return 1;
}

static const struct provider_attr pid_attr = {
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_ISA },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_ISA },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
};

const struct provider_ops prov_pid = {
	.name = "pid",
	.populate = pid_populate,
	.args = pid_args,
	.prog = PROG_KPROBE,
	.emit_arg = pid_emit_arg,
	.attach = pid_attach,
	.attr = &pid_attr,
	.check = pid_check,
	.per_process = 1,
};
