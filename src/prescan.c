/* prescan.c - one walk over a program before its clauses are checked:
 * what a clause-by-clause check cannot know in time.
 *
 * An aggregation key's slot is fixed by its first use, so its width must
 * be that of its widest string in the program; and D lets a predicate
 * read a global that a later clause counts (`/n < 5/ { n++; }`), so such
 * globals are declared here, as the int64 that x++ makes.  A load
 * through any pointer must check alloca()'s bounds if some clause,
 * perhaps a later one, allocates.
 */
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "types.h"
#include "util.h"

static void note_agg(struct dprog *dp, struct node *lhs)
{
	struct agg *a = agg_get(dp, lhs->name);
	int i = 0;
	for (struct node *k = lhs->a ? lhs->a->a : NULL; k && i < MAXKEYS;
	     k = k->next, i++)
		if (key_width(k) > a->kwidth[i])
			a->kwidth[i] = key_width(k);
}

/* Globals assigned with = before any x++: their first assignment
 * types them, as the checker will see. */
struct seen {
	const char **names;
	int n;
};

static int was_seen(const struct seen *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return 1;
	return 0;
}

static void see(struct seen *s, struct node *lv)
{
	if (lv->kind != N_IDENT || was_seen(s, lv->name))
		return;
	s->names = realloc(s->names, (s->n + 1) * sizeof(*s->names));
	if (!s->names)
		abort();
	s->names[s->n++] = lv->name;
}

/* x++, x--: a global int64 when nothing assigned it before. */
static void note_counter(struct dprog *dp, struct seen *s, struct node *lv)
{
	if (lv->kind != N_IDENT || lv->scope || was_seen(s, lv->name) ||
	    var_lookup(dp, lv->name, VAR_GLOBAL) ||
	    var_lookup(dp, lv->name, VAR_INLINE))
		return;
	struct var *v = xcalloc(1, sizeof(*v));
	v->name = strdup(lv->name);
	v->kind = VAR_GLOBAL;
	v->type = &t_long;
	v->next = dp->vars;
	dp->vars = v;
}

static void walk(struct dprog *dp, struct seen *s, struct node *n)
{
	for (; n; n = n->next) {
		if (n->kind == N_ASSIGN && n->a && n->a->kind == N_AGG)
			note_agg(dp, n->a);
		else if (n->kind == N_ASSIGN)
			see(s, n->a);
		else if (n->kind == N_PREINC || n->kind == N_POSTINC)
			note_counter(dp, s, n->a);
		else if (n->kind == N_CALL && !strcmp(n->name, "alloca"))
			dp->uses_alloca = 1;
		walk(dp, s, n->a);
		walk(dp, s, n->b);
		walk(dp, s, n->c);
	}
}

void prescan_program(struct dprog *dp, struct node *first)
{
	struct seen s = { 0 };
	for (struct node *n = first; n; n = n->next)
		if (n->kind == N_CLAUSE) {
			walk(dp, &s, n->a);
			walk(dp, &s, n->b);
		}
	free(s.names);
}
