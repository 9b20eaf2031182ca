/* check.h - the checker's state, shared by check.c (expressions) and
 * check_call.c (actions and subroutines). */
#ifndef DT_CHECK_H
#define DT_CHECK_H

#include "compile.h"

struct checker {
	struct dprog *dp;
	struct probe *probe;		/* the site's probe: args[] types */
	int lvalue;			/* checking the left side of = */
	struct node *top;		/* the statement's whole expression */
	/* what the clause did so far, for D's ordering rules */
	int spec_seen, commit_seen, drec_seen;
};

void check_expr(struct checker *ck, struct node *n);
void check_call(struct checker *ck, struct node *n);
/* check_agg.c: @name[keys] = func(args); printa() and the other
 * actions on aggregations (argv: the call's checked arguments). */
void check_agg_assign(struct checker *ck, struct node *n);
void check_agg_ref(struct checker *ck, struct node *n);	/* @a as argument */
int agg_func_lookup(const char *name);		/* enum agg_kind, or -1 */
void check_agg_action(struct checker *ck, struct node *n, struct node **argv,
		      int argc);

#endif
