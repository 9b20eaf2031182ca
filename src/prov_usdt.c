/* prov_usdt.c - the usdt provider: a program's own static probes, the
 * <sys/sdt.h> notes (.note.stapsdt) of its executable and libraries, as
 * PROVIDERPID:MODULE:FUNCTION:NAME (a "__" in the note's name is a "-",
 * as DTrace names them).  A probe is a uprobe at the note's address for
 * that process, its semaphore counted by the kernel (ref_ctr_offset) so
 * that PROV_NAME_ENABLED() is true while it is traced; its arguments are
 * decoded from the note's operands ("-4@%eax", "8@-16(%rbp)", "4@$5"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "elfsym.h"
#include "kcheck.h"
#include "probe.h"
#include "uprobe.h"
#include "ast.h"
#include "util.h"

extern const struct provider_ops prov_usdt;

enum { A_REG, A_MEM, A_IMM };

struct uarg {
	int kind, size, is_signed, regoff;
	int64_t disp;			/* A_MEM's displacement, A_IMM's value */
};

static struct usite {
	int pid;
	const char *path;
	uint64_t off, sem_off;
	int nargs;
	struct uarg arg[PROBE_MAXARGS];
} *at;
static int nat;

/* x86-64 struct pt_regs offsets, by any name of the register. */
static int reg_offset(const char *r)
{
	static const struct { const char *names; int off; } regs[] = {
		{ "rax eax ax al", 80 }, { "rbx ebx bx bl", 40 },
		{ "rcx ecx cx cl", 88 }, { "rdx edx dx dl", 96 },
		{ "rsi esi si sil", 104 }, { "rdi edi di dil", 112 },
		{ "rbp ebp bp bpl", 32 }, { "rsp esp sp spl", 152 },
		{ "r8 r8d r8w r8b", 72 }, { "r9 r9d r9w r9b", 64 },
		{ "r10 r10d r10w r10b", 56 }, { "r11 r11d r11w r11b", 48 },
		{ "r12 r12d r12w r12b", 24 }, { "r13 r13d r13w r13b", 16 },
		{ "r14 r14d r14w r14b", 8 }, { "r15 r15d r15w r15b", 0 },
		{ "rip eip", 128 },
	};
	size_t n = strlen(r);
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		for (const char *w = regs[i].names; w; w = strchr(w, ' ')) {
			w += *w == ' ';
			if (!strncmp(w, r, n) && (w[n] == ' ' || !w[n]))
				return regs[i].off;
		}
	return -1;
}

/* One operand "-4@-16(%rbp)"; 0 if it is not one this reads. */
static int parse_arg(const char *s, struct uarg *a)
{
	char *end, reg[16];
	long size = strtol(s, &end, 10);

	if (*end != '@' || !size)
		return 0;
	a->is_signed = size < 0;
	a->size = (int)(size < 0 ? -size : size);
	s = end + 1;
	if (*s == '$') {
		a->kind = A_IMM;
		a->disp = strtoll(s + 1, NULL, 0);
		return 1;
	}
	if (*s == '%') {
		a->kind = A_REG;
		return sscanf(s + 1, "%15[a-z0-9]", reg) == 1 &&
		       (a->regoff = reg_offset(reg)) >= 0;
	}
	a->kind = A_MEM;
	a->disp = strtoll(s, &end, 0);
	return sscanf(end, "(%%%15[a-z0-9])", reg) == 1 &&
	       (a->regoff = reg_offset(reg)) >= 0;
}

static void parse_args(const char *spec, struct usite *u)
{
	char *copy = strdup(spec), *save;

	for (char *w = strtok_r(copy, " ", &save); w && u->nargs < PROBE_MAXARGS;
	     w = strtok_r(NULL, " ", &save))
		if (!parse_arg(w, &u->arg[u->nargs++]))
			u->arg[u->nargs - 1].kind = A_IMM;	/* reads as 0 */
	free(copy);
}

/* DTrace's name for a note's: "function__entry" is "function-entry". */
static char *probe_name(const char *s)
{
	char *d = xcalloc(1, strlen(s) + 1), *o = d;
	for (; *s; s++)
		if (s[0] == '_' && s[1] == '_')
			*o++ = '-', s++;
		else
			*o++ = *s;
	return d;
}

static const char *function_at(const struct umodule *m, uint64_t off)
{
	for (int i = 0; i < m->nfuncs; i++)
		if (off >= m->funcs[i].off && off < m->funcs[i].off + m->funcs[i].size)
			return m->funcs[i].name;
	return "";
}

static void add(const struct probe_spec *spec, int pid,
		const struct umodule *m, const struct sdt_note *n)
{
	char prov[256], site[64], *name = probe_name(n->name);
	const char *func = function_at(m, n->off);

	snprintf(prov, sizeof(prov), "%s%d", n->provider, pid);
	if (!probe_glob(spec->func, func) || !probe_glob(spec->name, name)) {
		free(name);
		return;
	}
	struct probe *p = probe_add_named(&prov_usdt, prov, m->name, func, name);
	free(name);
	if (p->site)
		return;			/* one probe for two sites: the first */
	at = xrealloc(at, (nat + 1) * sizeof(*at));
	at[nat] = (struct usite){ pid, m->path, n->off, n->sem_off, 0, { { 0 } } };
	parse_args(n->args, &at[nat]);
	p->data = nat++;
	snprintf(site, sizeof(site), "usdt:%u", p->id);
	p->site = strdup(site);
}

/* "myapp1234": the provider's name, then the process ID. */
static int split_prov(const char *s, char *prefix, size_t len)
{
	size_t n = strlen(s), d = n;
	while (d && s[d - 1] >= '0' && s[d - 1] <= '9')
		d--;
	if (!d || d == n || d >= len)
		return 0;
	snprintf(prefix, len, "%.*s", (int)d, s);
	return atoi(s + d);
}

static int usdt_populate(const struct probe_spec *spec)
{
	char prefix[256];
	int pid, nm;
	struct umodule *m;

	if (!spec || !(pid = split_prov(spec->prov, prefix, sizeof(prefix))))
		return 0;
	m = uprobe_modules(pid, &nm);
	for (int i = 0; i < nm; i++) {
		struct sdt_note *notes;
		if (!probe_glob(spec->mod, m[i].name))
			continue;
		int nn = elf_sdt_notes(m[i].path, &notes);
		for (int j = 0; j < nn; j++)
			if (probe_glob(prefix, notes[j].provider))
				add(spec, pid, &m[i], &notes[j]);
	}
	return 0;
}

static int usdt_args(struct probe *p)
{
	p->nargs = at[p->data].nargs;	/* untyped: integers */
	return 0;
}

/* r0 = the operand, sign- or zero-extended from its size. */
static void usdt_emit_arg(struct ebuf *b, const struct probe *p, int i)
{
	const struct usite *u = &at[p->data];
	const struct uarg *a = &u->arg[i];
	int size = a->size > 0 && a->size <= 8 ? a->size : 8;

	if (i < 0 || i >= u->nargs || a->kind == A_IMM) {
		ebuf_imm64(b, BPF_REG_0, 0, i >= 0 && i < u->nargs ? a->disp : 0);
		return;
	}
	ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, a->regoff));
	if (a->kind == A_MEM) {
		ebuf_add(b, ST_MEM(BPF_DW, BPF_REG_10, -8, 0));
		ebuf_add(b, MOV64_REG(BPF_REG_3, BPF_REG_0));
		ebuf_add(b, ALU64_IMM(BPF_ADD, BPF_REG_3, (int32_t)a->disp));
		ebuf_add(b, MOV64_REG(BPF_REG_1, BPF_REG_10));
		ebuf_add(b, ALU64_IMM(BPF_ADD, BPF_REG_1, -8));
		ebuf_add(b, MOV64_IMM(BPF_REG_2, size));
		ebuf_add(b, CALL_HELPER(BPF_FUNC_probe_read_user));
		ebuf_add(b, LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_10, -8));
	}
	if (size < 8) {
		ebuf_add(b, ALU64_IMM(BPF_LSH, BPF_REG_0, 64 - 8 * size));
		ebuf_add(b, ALU64_IMM(a->is_signed ? BPF_ARSH : BPF_RSH,
				      BPF_REG_0, 64 - 8 * size));
	}
}

static int usdt_attach(const struct probe *p, int prog_fd, struct attach *a)
{
	const struct usite *u = &at[p->data];

	return uprobe_attach(u->path, u->off, 0, u->sem_off, u->pid, prog_fd, a);
}

static int usdt_check(char *why, size_t len)
{
	return uprobe_check(why, len, "<sys/sdt.h> probes of a process: uprobes, semaphores counted by the kernel");
}

static const struct provider_attr usdt_attr = {
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_ISA },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_ISA },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
};

/* Its probes carry their own provider names, so any name followed by a
 * process ID is the usdt provider's to look at (per_process 2). */
const struct provider_ops prov_usdt = {
	.name = "usdt",
	.populate = usdt_populate,
	.args = usdt_args,
	.prog = PROG_KPROBE,
	.emit_arg = usdt_emit_arg,
	.attach = usdt_attach,
	.attr = &usdt_attr,
	.check = usdt_check,
	.per_process = 2,
};
