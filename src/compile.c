/* compile.c - a program's top level: pragmas, declarations and clauses.
 *
 * Each clause's probe descriptions are matched against the probe table;
 * the probes it matches are grouped by site (the kernel event they fire
 * from), and the clause is checked and compiled once per site, because
 * args[] and the argument types belong to the site.  A probe of a shared
 * site enables a clause through a bit of its selector value's mask.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "cg.h"
#include "builtins.h"
#include "usdt_decl.h"
#include "util.h"


struct matched {
	struct probe **p;
	int n;
};

static void remember(struct probe *p, void *arg)
{
	struct matched *m = arg;
	for (int i = 0; i < m->n; i++)
		if (m->p[i] == p)
			return;
	m->p = realloc(m->p, (m->n + 1) * sizeof(*m->p));
	m->p[m->n++] = p;
}

int site_is_shared(const struct site *s)
{
	return s->first->ops->emit_selector != NULL;
}

struct site *site_find(struct dprog *dp, const char *name)
{
	struct site *s = dp->sites;
	while (s && strcmp(s->name, name))
		s = s->next;
	return s;
}

static struct site *site_get(struct dprog *dp, struct probe *p)
{
	struct site *s = site_find(dp, p->site), **sp = &dp->sites;
	if (s)
		return s;
	while (*sp)
		sp = &(*sp)->next;
	s = xcalloc(1, sizeof(*s));
	s->name = p->site;
	s->first = p;
	s->prog_fd = s->sel_map_fd = -1;
	cg_site_begin(dp, s);
	*sp = s;
	return s;
}

static int site_probe(struct site *s, struct probe *p)
{
	for (int i = 0; i < s->nprobes; i++)
		if (s->probes[i] == p)
			return i;
	s->probes = realloc(s->probes, (s->nprobes + 1) * sizeof(*s->probes));
	s->masks = realloc(s->masks, (s->nprobes + 1) * sizeof(*s->masks));
	s->probes[s->nprobes] = p;
	s->masks[s->nprobes] = xcalloc(MAXCLAUSES / 64, sizeof(uint64_t));
	return s->nprobes++;
}

/* The clause's index in s, adding it the first time. */
static int site_clause(struct dprog *dp, struct site *s, struct node *c)
{
	if (s->nclauses && s->clauses[s->nclauses - 1] == c)
		return s->nclauses - 1;
	if (s->nclauses == MAXCLAUSES)
		diag_error(dp->diag, c->line, "D_UNKNOWN", "more than %d clauses "
			   "enable probes of %s", MAXCLAUSES, s->name);
	s->clauses = realloc(s->clauses, (s->nclauses + 1) * sizeof(*s->clauses));
	s->clauses[s->nclauses] = c;
	return s->nclauses++;
}

static int match_descs(struct dprog *dp, struct node *c, struct matched *m)
{
	int total = 0;
	for (struct probe_spec *d0 = c->descs; d0; d0 = d0->next) {
		struct probe_spec *d = builtin_expand_spec(d0);
		int n = probe_match(d, remember, m);
		if (!n && !dp->opt->zdefs)
			diag_error(dp->diag, d->line, "D_PDESC_ZERO", "probe "
				   "description %s:%s:%s:%s does not match any "
				   "probes", d->prov, d->mod, d->func, d->name);
		total += n;
	}
	return total;
}

static int is_error_site(const struct site *s)
{
	return !strcmp(s->name, "dtrace:ERROR");
}

static int compile_clause(struct dprog *dp, struct node *c)
{
	struct matched m = { 0 };
	int total = match_descs(dp, c, &m);
	struct site **done = xcalloc(m.n + 1, sizeof(*done));
	struct probe *refused = NULL;
	int ndone = 0;

	for (int i = 0; i < m.n; i++) {
		if (m.p[i]->ops->refuse && m.p[i]->ops->refuse(m.p[i])) {
			dp->nprobes_refused++;	/* said why; the rest go on */
			refused = m.p[i];
			continue;
		}
		struct site *s = site_get(dp, m.p[i]);
		int idx = site_clause(dp, s, c);
		int pi = site_probe(s, m.p[i]);
		s->masks[pi][idx / 64] |= 1ull << idx % 64;
		int seen = 0;
		for (int k = 0; k < ndone; k++)
			seen |= done[k] == s;
		if (!seen)
			done[ndone++] = s;
	}
	if (!ndone && refused)		/* still declares its variables */
		check_clause(dp, c, refused);
	for (int k = 0; k < ndone; k++) {
		check_clause(dp, c, done[k]->first);
		/* ERROR's clauses are compiled into the programs that can
		 * fault (compile_finish), so their EPIDs follow the others',
		 * as DTrace numbers them */
		if (!is_error_site(done[k]))
			cg_clause(dp, done[k], c, site_clause(dp, done[k], c));
	}
	free(done);
	free(m.p);
	return total;
}

/* #pragma D option name[=value]; other pragmas DTrace ignores too. */
static void pragma(struct dprog *dp, struct node *n)
{
	char buf[512], err[256], *save, *w;
	snprintf(buf, sizeof(buf), "%s", n->str);
	if (!(w = strtok_r(buf, " \t", &save)) || strcmp(w, "D") ||
	    !(w = strtok_r(NULL, " \t", &save)) || strcmp(w, "option"))
		return;
	if (!(w = strtok_r(NULL, " \t", &save))) {
		diag_error(dp->diag, n->line, "D_PRAGMA_MALFORM", "malformed "
			   "#pragma option <option>=<val>");
		return;
	}
	if (strtok_r(NULL, " \t", &save)) {	/* one option a line */
		diag_error(dp->diag, n->line, "D_PRAGMA_MALFORM", "superfluous "
			   "arguments specified for #pragma option");
		return;
	}
	char *eq = strchr(w, '=');
	if (eq)
		*eq++ = 0;
	if (options_set(dp->opt, w, eq, err, sizeof(err)) < 0) {
		if (eq)
			diag_error(dp->diag, n->line, "D_PRAGMA_OPTSET",
				   "failed to set option '%s' to '%s': %s", w,
				   eq, err);
		diag_error(dp->diag, n->line, "D_PRAGMA_OPTSET",
			   "failed to set option '%s': %s", w, err);
	}
	dp->diag->errtags = dp->opt->errtags;
}

int compile_program(struct dprog *dp, struct program *prog)
{
	int matched = 0;
	prescan_program(dp, prog->first);
	for (struct node *n = prog->first; n; n = n->next) {
		switch (n->kind) {
		case N_PRAGMA:
			pragma(dp, n);
			break;
		case N_DECL:
			decl_top(dp, n);
			break;
		case N_CLAUSE:
			matched += compile_clause(dp, n);
			break;
		case N_INLINE:
			check_inline(dp, n);
			break;
		case N_PROVIDER:
			usdt_declare(dp, n);
			break;
		default:
			diag_error(dp->diag, n->line, "D_UNKNOWN", "%s is not "
				   "supported yet", n->kind == N_XLATOR ? "translator" :
				   ast_kind_name(n->kind));
		}
	}
	dp->nprobes_matched += matched;
	return matched;
}

void compile_finish(struct dprog *dp)
{
	struct site *err = site_find(dp, "dtrace:ERROR");
	for (struct site *s = dp->sites; s; s = s->next)
		cg_site_end(dp, s, err);
	if (dp->globsize < GLOB_STATE)
		dp->globsize = GLOB_STATE;
	if (dp->scratchsize < THIS_OFF)
		dp->scratchsize = THIS_OFF;
}
