/* usdt_decl.c - provider declarations: their probes' argument types are
 * checked as any D type (a script may declare the structs they use), and
 * kept for -h and -G. */
#include <string.h>
#include "ast.h"
#include "compile.h"
#include "types.h"
#include "usdt_decl.h"
#include "util.h"

static struct usdt_decls decls;

static const struct usdt_probe *find(const char *prov, const char *name)
{
	for (int i = 0; i < decls.n; i++)
		if (!strcmp(decls.v[i].prov, prov) &&
		    !strcmp(decls.v[i].name, name))
			return &decls.v[i];
	return NULL;
}

/* "(void)" declares no arguments, as in C. */
static int is_void_list(const struct tyname *tn)
{
	return tn && !tn->next && !tn->decl && tn->spec->kind == TS_VOID;
}

static void declare_probe(struct dprog *dp, const char *prov,
			  const struct node *pr)
{
	const struct tyname *params = pr->a->tn->decl->params;
	struct usdt_probe p = { prov, pr->name, 0, { 0 }, pr->line };

	if (find(prov, pr->name))
		diag_error(dp->diag, pr->line, "D_PROV_PRDUP", "probe %s:%s "
			   "has been redeclared", prov, pr->name);
	if (is_void_list(params))
		params = NULL;
	for (const struct tyname *tn = params; tn; tn = tn->next) {
		if (p.nargs == USDT_MAXARGS)
			diag_error(dp->diag, pr->line, "D_PROV_PRARGLEN",
				   "probe %s:%s has more than %d arguments, "
				   "the most <sys/sdt.h> can pass", prov,
				   pr->name, USDT_MAXARGS);
		p.argtype[p.nargs++] = decl_type(dp, tn, pr->line)->name;
	}
	decls.v = xrealloc(decls.v, (decls.n + 1) * sizeof(*decls.v));
	decls.v[decls.n++] = p;
}

void usdt_declare(struct dprog *dp, const struct node *prov)
{
	for (const struct node *pr = prov->a; pr; pr = pr->next)
		declare_probe(dp, prov->name, pr);
}

const struct usdt_decls *usdt_declared(void)
{
	return &decls;
}
