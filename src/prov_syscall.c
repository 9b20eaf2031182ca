/* prov_syscall.c - the syscall provider, named as Oracle DTrace for Linux:
 *
 *	raw_syscalls:sys_enter, id == NR	syscall:vmlinux:NAME:entry
 *	raw_syscalls:sys_exit,  id == NR	syscall:vmlinux:NAME:return
 *
 * NAME and NR come from <asm/unistd_64.h> at build time (build/syscalls.h,
 * made by tools/gen-syscalls.sh).  Every entry probe shares one site and
 * every return probe another; the program tells them apart by the syscall
 * number (the selector).  Argument types come from the per-syscall
 * tracepoint's format file (syscalls/sys_enter_NAME), whose record has the
 * same layout as raw_syscalls:sys_enter: nr at 8, the six args from 16.
 */
#include <stdio.h>
#include <string.h>
#include "kcheck.h"
#include "probe.h"
#include "types.h"

extern const struct provider_ops prov_syscall;

static const struct { const char *name; int nr; } syscalls[] = {
#include "../build/syscalls.h"
};

#define ARGS_OFF 16		/* args[6] / ret in the raw_syscalls record */

static void add(const char *name, int nr, int entry)
{
	struct probe *p = probe_add(&prov_syscall, "vmlinux", name,
				    entry ? "entry" : "return");

	p->site = entry ? "tp:raw_syscalls:sys_enter" : "tp:raw_syscalls:sys_exit";
	p->tp_group = "raw_syscalls";
	p->tp_event = entry ? "sys_enter" : "sys_exit";
	p->selector = nr;
	p->data = nr;
}

/* All of them, whatever the spec: ids then do not depend on the order of
 * the descriptions, and 700 probes cost microseconds. */
static int syscall_populate(const struct probe_spec *spec)
{
	(void)spec;
	for (size_t i = 0; i < sizeof(syscalls) / sizeof(syscalls[0]); i++) {
		add(syscalls[i].name, syscalls[i].nr, 1);
		add(syscalls[i].name, syscalls[i].nr, 0);
	}
	return 0;
}

/* Some tracepoints carry the kernel's name for the syscall: newfstat for
 * fstat, newuname for uname, sendfile64 for sendfile, umount for umount2. */
static int entry_format(struct probe *p)
{
	static const char *const alias[][2] = {
		{ "sendfile", "sendfile64" }, { "umount2", "umount" },
	};
	const char *name = p->func;
	char ev[128];

	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcmp(name, alias[i][0]))
			name = alias[i][1];
	snprintf(ev, sizeof(ev), "sys_enter_%s", name);
	if (tracefs_format_args(p, "syscalls", ev, 1) == 0)
		return 0;
	snprintf(ev, sizeof(ev), "sys_enter_new%s", name);
	return tracefs_format_args(p, "syscalls", ev, 1);
}

static int syscall_args(struct probe *p)
{
	if (!strcmp(p->name, "return")) {
		p->nargs = 1;
		p->argtype[0] = &t_long;
		return 0;
	}
	if (entry_format(p) == 0)
		return 0;
	p->nargs = 6;		/* no tracepoint for it: six untyped args */
	for (int i = 0; i < 6; i++)
		p->argtype[i] = NULL;
	return 0;
}

static void syscall_emit_selector(struct ebuf *b, const struct probe *p)
{
	(void)p;
	ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, 8));
}

/* Entry: args are full registers, so an int-typed one is narrowed to its
 * type here (the caller's upper bits are garbage).  Return: arg0 and arg1
 * are both the return value, as in DTrace. */
static void syscall_emit_arg(struct ebuf *b, const struct probe *p, int i)
{
	const struct dtype *t;

	probe_args((struct probe *)p);	/* the table's probe, filled lazily */
	if (!strcmp(p->name, "return")) {
		if (i == 0 || i == 1)
			ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, ARGS_OFF));
		else
			ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
		return;
	}
	if (i < 0 || i >= 6 || i >= p->nargs) {
		ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
		return;
	}
	t = p->argtype[i] ? type_resolve(p->argtype[i]) : NULL;
	if (t && type_is_integer(t) && t->size < 8 && t->size > 0)
		emit_ctx_load(b, ARGS_OFF + 8 * i, t->size, t->is_signed);
	else
		ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, ARGS_OFF + 8 * i));
}

static const struct provider_attr syscall_attr = {
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_ISA },
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_COMMON },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_ISA },
};

static int syscall_check(char *why, size_t len)
{
	if (!kcheck_tracepoint("raw_syscalls", "sys_enter", why, len))
		return 0;
	snprintf(why, len, "%zu system calls, entry and return: tracepoints "
		 "raw_syscalls:sys_enter and sys_exit",
		 sizeof(syscalls) / sizeof(syscalls[0]));
	return 1;
}

const struct provider_ops prov_syscall = {
	.name = "syscall",
	.populate = syscall_populate,
	.args = syscall_args,
	.prog = PROG_TRACEPOINT,
	.emit_selector = syscall_emit_selector,
	.emit_arg = syscall_emit_arg,
	.attach = tracefs_attach_probe,
	.attr = &syscall_attr,
	.check = syscall_check,
};
