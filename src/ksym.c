/* ksym.c - kernel addresses to DTrace's "vmlinux`func+0x1c" from
 * /proc/kallsyms (read once, on first use, sorted by address). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sym.h"
#include "util.h"

struct ksym {
	uint64_t addr;
	char *name, *mod;
	uint64_t modbase;	/* the first address of this run of mod */
};

static struct ksym *syms;
static size_t nsyms;
static int loaded;

static int by_addr(const void *a, const void *b)
{
	const struct ksym *l = a, *r = b;
	return l->addr < r->addr ? -1 : l->addr > r->addr;
}

/* Text symbols only: data symbols between functions would cut them. */
static void add_line(const char *line, size_t *cap)
{
	unsigned long long addr;
	char type, name[256], mod[128] = "";

	if (sscanf(line, "%llx %c %255s [%127[^]]]", &addr, &type, name,
		   mod) < 3 || !addr)
		return;
	if (type != 't' && type != 'T' && type != 'w' && type != 'W')
		return;
	if (nsyms == *cap) {
		*cap = *cap ? *cap * 2 : 65536;
		syms = xrealloc(syms, *cap * sizeof(*syms));
	}
	syms[nsyms].addr = addr;
	syms[nsyms].name = strdup(name);
	syms[nsyms].mod = strdup(*mod ? mod : "vmlinux");
	nsyms++;
}

static void load(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512];
	size_t cap = 0;

	loaded = 1;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		add_line(line, &cap);
	fclose(f);
	qsort(syms, nsyms, sizeof(*syms), by_addr);
	for (size_t i = 0; i < nsyms; i++)
		syms[i].modbase = i && !strcmp(syms[i].mod, syms[i - 1].mod) ?
				  syms[i - 1].modbase : syms[i].addr;
}

int ksym_lookup(uint64_t addr, struct sym *s)
{
	size_t lo = 0, hi;

	if (!loaded)
		load();
	hi = nsyms;
	if (!nsyms || addr < syms[0].addr)
		return -1;
	while (hi - lo > 1) {		/* the last symbol at or below addr */
		size_t mid = lo + (hi - lo) / 2;
		if (syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	s->mod = syms[lo].mod;
	s->name = syms[lo].name;
	s->value = syms[lo].addr;
	s->modoff = addr - syms[lo].addr;
	s->modbase = syms[lo].modbase;
	return 0;
}

/* dtrace_addr2str / dt_print_stack's forms. */
void ksym_format(uint64_t addr, int noresolve, char *buf, size_t len)
{
	struct sym s;

	if (noresolve || ksym_lookup(addr, &s))
		snprintf(buf, len, "0x%llx", (unsigned long long)addr);
	else if (addr > s.value)
		snprintf(buf, len, "%s`%s+0x%llx", s.mod, s.name,
			 (unsigned long long)(addr - s.value));
	else
		snprintf(buf, len, "%s`%s", s.mod, s.name);
}
