/* cg_subr_net.c - inet_ntop(), inet_ntoa(), inet_ntoa6(). */
#include "cg_subr.h"
#include "calls.h"

void cg_inet(struct cg *g, struct node *n)
{
	diag_error(g->dp->diag, n->line, "D_UNKNOWN", "%s( ) is not supported "
		   "yet", n->name);
}
