/* probe.c - the probe table, the provider list, and dtrace -l output.
 *
 * Providers create probes lazily, when a probe description can name them,
 * so `dtrace -n BEGIN` never reads tracefs.  The dtrace provider is always
 * populated first so that BEGIN, END and ERROR are probes 1, 2 and 3 as in
 * DTrace.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "probe.h"
#include "ast.h"
#include "types.h"
#include "util.h"

extern const struct provider_ops prov_dtrace, prov_syscall, prov_profile,
	prov_sdt, prov_fbt, prov_pid, prov_usdt;

/* Populated in this order; dtrace first for its fixed ids. */
static const struct provider_ops *const providers[] = {
	&prov_dtrace, &prov_syscall, &prov_profile, &prov_sdt, &prov_fbt,
	&prov_pid, &prov_usdt,
};
#define NPROVIDERS (sizeof(providers) / sizeof(providers[0]))

static struct probe **table;		/* table[id - 1] */
static uint32_t nprobes, cap;

/* probe_add dedups through a chained hash of the four names, so that
 * populating sdt's ~2300 probes stays linear. */
#define NBUCKET 4096
struct bucket {
	struct probe *p;
	struct bucket *next;
};
static struct bucket *buckets[NBUCKET];

static unsigned name_hash(const char *prov, const char *mod, const char *func,
			  const char *name)
{
	const char *parts[4] = { prov, mod, func, name };
	unsigned h = 5381;

	for (int i = 0; i < 4; i++) {
		for (const char *s = parts[i]; *s; s++)
			h = h * 33 + (unsigned char)*s;
		h = h * 33 + ':';
	}
	return h % NBUCKET;
}

static struct probe *lookup(const char *prov, const char *mod,
			    const char *func, const char *name, unsigned h)
{
	for (struct bucket *b = buckets[h]; b; b = b->next) {
		struct probe *p = b->p;
		if (!strcmp(p->name, name) && !strcmp(p->func, func) &&
		    !strcmp(p->mod, mod) && !strcmp(p->prov, prov))
			return p;
	}
	return NULL;
}

char *probe_strdup(const char *s)
{
	char *d = xcalloc(1, strlen(s) + 1);
	return strcpy(d, s);
}

static void ensure_dtrace(const struct provider_ops *ops)
{
	if (nprobes == 0 && ops != &prov_dtrace)
		prov_dtrace.populate(NULL);
}

struct probe *probe_add(const struct provider_ops *ops, const char *mod,
			const char *func, const char *name)
{
	return probe_add_named(ops, ops->name, mod, func, name);
}

struct probe *probe_add_named(const struct provider_ops *ops, const char *prov,
			      const char *mod, const char *func,
			      const char *name)
{
	unsigned h = name_hash(prov, mod, func, name);
	struct probe *p = lookup(prov, mod, func, name, h);

	if (p)
		return p;
	ensure_dtrace(ops);
	if (nprobes == cap) {
		cap = cap ? cap * 2 : 1024;
		table = realloc(table, cap * sizeof(*table));
		if (!table)
			abort();
	}
	p = xcalloc(1, sizeof(*p));
	p->id = ++nprobes;
	p->ops = ops;
	p->prov = probe_strdup(prov);
	p->mod = probe_strdup(mod);
	p->func = probe_strdup(func);
	p->name = probe_strdup(name);
	table[p->id - 1] = p;
	struct bucket *b = xcalloc(1, sizeof(*b));
	b->p = p;
	b->next = buckets[h];
	buckets[h] = b;
	return p;
}

struct probe *probe_by_id(uint32_t id)
{
	return id >= 1 && id <= nprobes ? table[id - 1] : NULL;
}

uint32_t probe_count(void)
{
	return nprobes;
}

int probe_glob(const char *pattern, const char *s)
{
	return !pattern || !*pattern || fnmatch(pattern, s, 0) == 0;
}

static int spec_matches(const struct probe_spec *spec, const struct probe *p)
{
	return probe_glob(spec->prov, p->prov) && probe_glob(spec->mod, p->mod) &&
	       probe_glob(spec->func, p->func) && probe_glob(spec->name, p->name);
}

/* "pid123" for the pid provider: its name, then a process ID. */
static int names_process(const struct provider_ops *ops, const char *prov)
{
	size_t n = strlen(ops->name), len = strlen(prov), d = len;

	if (ops->per_process == 2) {	/* usdt: any name, then digits */
		while (d && prov[d - 1] >= '0' && prov[d - 1] <= '9')
			d--;
		return d && d < len && !strchr(prov, '*');
	}
	if (!ops->per_process || strncmp(prov, ops->name, n) || !prov[n])
		return 0;
	return strspn(prov + n, "0123456789") == strlen(prov + n);
}

int probe_match(const struct probe_spec *spec,
		void (*cb)(struct probe *p, void *arg), void *arg)
{
	int n = 0;

	ensure_dtrace(NULL);
	for (size_t i = 0; i < NPROVIDERS; i++)
		if (probe_glob(spec->prov, providers[i]->name) ||
		    names_process(providers[i], spec->prov))
			providers[i]->populate(spec);
	for (uint32_t id = 1; id <= nprobes; id++)
		if (spec_matches(spec, table[id - 1])) {
			n++;
			if (cb)
				cb(table[id - 1], arg);
		}
	return n;
}

int probe_check_report(FILE *fp)
{
	int works = 0;

	struct utsname u;

	if (uname(&u))
		strcpy(u.release, "?");
	fprintf(fp, "%-9s %-12s ON THIS KERNEL (%s)\n", "PROVIDER", "STATE",
		u.release);
	for (size_t i = 0; i < NPROVIDERS; i++) {
		char why[1024] = "";
		int ok = providers[i]->check && providers[i]->check(why,
								     sizeof(why));
		works += ok;
		fprintf(fp, "%-9s %-12s %s\n", providers[i]->name,
			ok ? "works" : "unavailable", why);
	}
	return works;
}

int probe_args(struct probe *p)
{
	int err = 0;

	if (p->args_done)
		return 0;
	if (p->ops->args)
		err = p->ops->args(p);
	p->args_done = 1;
	return err;
}

void attach_add(struct attach *a, int fd)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->fd = realloc(a->fd, a->cap * sizeof(*a->fd));
		if (!a->fd)
			abort();
	}
	a->fd[a->n++] = fd;
}

/* --- dtrace -l and -lv --- */

const char *probe_stability_name(int s)
{
	static const char *const names[] = { "Internal", "Private", "Obsolete",
		"External", "Unstable", "Evolving", "Stable", "Standard" };
	return s >= 0 && s <= STAB_STANDARD ? names[s] : "Unknown";
}

const char *probe_class_name(int c)
{
	static const char *const names[] = { "Unknown", "CPU", "Platform",
		"Group", "ISA", "Common" };
	return c >= 0 && c <= CLASS_COMMON ? names[c] : "Unknown";
}

struct probe_attr probe_attr_min(struct probe_attr a, struct probe_attr b)
{
	struct probe_attr m = {
		a.name < b.name ? a.name : b.name,
		a.data < b.data ? a.data : b.data,
		a.class < b.class ? a.class : b.class,
	};
	return m;
}

/* As dt_probe_info: the provider's attribute lowered by those of each part
 * the description names (an empty part counts as a glob and is skipped). */
static struct probe_attr desc_attr(const struct probe *p,
				   const struct provider_attr *pa)
{
	struct probe_attr a = pa->prov;

	if (*p->mod)
		a = probe_attr_min(a, pa->mod);
	if (*p->func)
		a = probe_attr_min(a, pa->func);
	if (*p->name)
		a = probe_attr_min(a, pa->name);
	return a;
}

static void print_attr(FILE *fp, const char *title, struct probe_attr a)
{
	fprintf(fp, "\n\t%s\n", title);
	fprintf(fp, "\t\tIdentifier Names: %s\n", probe_stability_name(a.name));
	fprintf(fp, "\t\tData Semantics:   %s\n", probe_stability_name(a.data));
	fprintf(fp, "\t\tDependency Class: %s\n", probe_class_name(a.class));
}

/* Providers without a table list as Private/Private/Unknown throughout. */
static const struct provider_attr default_attr = {
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
};

static const char *arg_type_name(const struct probe *p, int i)
{
	if (p->argnative[i])
		return p->argnative[i];
	return p->argtype[i] ? p->argtype[i]->name : "uint64_t";
}

static void print_probe_info(FILE *fp, struct probe *p)
{
	const struct provider_attr *pa = p->ops->attr ? p->ops->attr : &default_attr;

	print_attr(fp, "Probe Description Attributes", desc_attr(p, pa));
	print_attr(fp, "Argument Attributes", pa->args);
	fprintf(fp, "\n\tArgument Types\n");
	probe_args(p);
	for (int i = 0; i < p->nargs; i++)
		fprintf(fp, "\t\targs[%d]: %s%s\n", i,
			p->argtype[i] && p->argtype[i]->is_user ? "userland " : "",
			arg_type_name(p, i));
	if (p->nargs == 0)
		fprintf(fp, "\t\tNone\n");
	fprintf(fp, "\n");
}

void probe_list_header(FILE *fp)
{
	fprintf(fp, "%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE",
		"FUNCTION", "NAME");
}

void probe_list(FILE *fp, const struct probe *p, int verbose)
{
	fprintf(fp, "%5d %10s %17s %33s %s\n", (int)p->id, p->prov, p->mod,
		p->func, p->name);
	if (verbose)
		print_probe_info(fp, (struct probe *)p);	/* args filled lazily */
}
