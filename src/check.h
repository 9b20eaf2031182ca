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
};

void check_expr(struct checker *ck, struct node *n);
void check_call(struct checker *ck, struct node *n);

#endif
