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
	/* an action called inside an expression: DTrace types it void and
	 * reports it only once the expression's own checks have passed */
	struct node *act_in_expr;
	/* what the clause did so far, for D's ordering rules */
	int spec_seen, commit_seen, drec_seen;
};

void check_expr(struct checker *ck, struct node *n);
void check_call(struct checker *ck, struct node *n);
/* check_agg.c: @name[keys] = func(args); printa() and the other
 * actions on aggregations (argv: the call's checked arguments). */
void check_agg_assign(struct checker *ck, struct node *n);
/* check_alloca.c: whether n points into alloca()'s space; the checks of
 * v = n (n an N_ASSIGN) and of bcopy()'s and copyinto()'s destination. */
int check_is_alloca(const struct node *n);
void check_alloca_assign(struct checker *ck, struct node *n, struct var *v);
void check_alloca_dst(struct checker *ck, struct node *call,
		      struct node *arg, int argno);
void check_agg_ref(struct checker *ck, struct node *n);	/* @a as argument */
int agg_func_lookup(const char *name);		/* enum agg_kind, or -1 */
void check_agg_action(struct checker *ck, struct node *n, struct node **argv,
		      int argc);

#endif
