/* prov_pid.c - the pid provider: pidPID:MODULE:FUNCTION:entry, :return
 * and :OFFSET (hex) for the functions of a process's executable and
 * libraries (uprobe.c finds them), as uprobes filtered to that process. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include "elfsym.h"
#include "uprobe.h"
#include "kcheck.h"
#include "probe.h"
#include "proc.h"
#include "ast.h"
#include "util.h"

extern const struct provider_ops prov_pid;

/* Where a probe fires: p->data indexes this. */
static struct site_at {
	int pid;
	const char *path;
	uint64_t off;
	int ret;
} *at;
static int nat;

static void add(const char *prov, int pid, const struct umodule *m,
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
			 const struct umodule *m, const struct elf_func *f)
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
	struct umodule *m;

	if (!spec || strncmp(spec->prov, "pid", 3) || !(pid = atoi(spec->prov + 3)))
		return 0;
	m = uprobe_modules(pid, &n);
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

static int pid_attach(const struct probe *p, int prog_fd, struct attach *a)
{
	const struct site_at *s = &at[p->data];

	return uprobe_attach(s->path, s->off, s->ret, 0, s->pid, prog_fd, a);
}

static int pid_check(char *why, size_t len)
{
	return uprobe_check(why, len, "user functions of a process: uprobes, uretprobes");
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
