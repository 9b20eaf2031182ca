/* prov_sdt.c - the sdt provider: every kernel tracepoint, named as Oracle
 * DTrace for Linux names them:
 *
 *	tracefs event GROUP:EVENT		sdt:GROUP::EVENT
 *
 * except the syscalls group (the syscall provider's) and kprobes/uprobes.
 * Probes come from tracefs available_events, only for the groups the
 * description's module can match.  Each event is its own site.  args[]
 * are the event's fields after the common_ ones, typed from the format
 * file: scalars load by size (sign-extended when the format says signed),
 * in-record arrays (char comm[16]) give their address, __data_loc fields
 * the address of their data (a D string for char data).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kcheck.h"
#include "probe.h"
#include "ast.h"
#include "util.h"

extern const struct provider_ops prov_sdt;

static int skipped_group(const char *group)
{
	return !strcmp(group, "syscalls") || !strcmp(group, "kprobes") ||
	       !strcmp(group, "uprobes");
}

static void add(const char *group, const char *event)
{
	struct probe *p = probe_add(&prov_sdt, group, "", event);
	size_t n;

	if (p->site)
		return;
	n = strlen(group) + strlen(event) + 5;
	p->site = xcalloc(1, n);
	snprintf(p->site, n, "tp:%s:%s", group, event);
	p->tp_group = p->mod;
	p->tp_event = p->name;
}

static int sdt_populate(const struct probe_spec *spec)
{
	const char *dir;
	char path[512], line[512], *colon, *nl;
	FILE *f;

	if (spec && !probe_glob(spec->func, ""))
		return 0;	/* sdt functions are all empty */
	if (!(dir = tracefs_dir()))
		return 0;
	snprintf(path, sizeof(path), "%s/available_events", dir);
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (!(colon = strchr(line, ':')))
			continue;
		*colon = '\0';
		if (skipped_group(line) || (spec && !probe_glob(spec->mod, line)))
			continue;
		add(line, colon + 1);
	}
	fclose(f);
	return 0;
}

static int sdt_args(struct probe *p)
{
	return tracefs_format_args(p, p->tp_group, p->tp_event, 0);
}

/* Every kernel tracepoint works as raw_syscalls:sys_enter does. */
static int sdt_check(char *why, size_t len)
{
	char path[512], line[512];
	const char *dir = tracefs_dir();
	FILE *f;
	int n = 0;

	if (!kcheck_tracepoint("raw_syscalls", "sys_enter", why, len))
		return 0;
	snprintf(path, sizeof(path), "%s/available_events", dir);
	if ((f = fopen(path, "r"))) {
		while (fgets(line, sizeof(line), f))
			n++;
		fclose(f);
	}
	snprintf(why, len, "%d kernel tracepoints (%s/available_events)", n,
		 dir);
	return 1;
}

static const struct provider_attr sdt_attr = {
	{ STAB_EVOLVING, STAB_EVOLVING, CLASS_ISA },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_UNKNOWN },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_ISA },
	{ STAB_PRIVATE, STAB_PRIVATE, CLASS_ISA },
};

const struct provider_ops prov_sdt = {
	.name = "sdt",
	.populate = sdt_populate,
	.args = sdt_args,
	.prog = PROG_TRACEPOINT,
	.emit_arg = tracefs_emit_field,
	.attach = tracefs_attach_probe,
	.attr = &sdt_attr,
	.check = sdt_check,
};
