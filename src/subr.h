/* subr.h - D's string and utility subroutines (strjoin, substr, index,
 * strtok, lltostr, basename, inet_ntop, htonl, rand, ...): their checks
 * (check_subr.c) and code (cg_subr.c, cg_subr_str.c, cg_subr_net.c,
 * cg_subr_lock.c),
 * reached through the call table of check_call.c and cg_call.c. */
#ifndef DT_SUBR_H
#define DT_SUBR_H

struct checker;
struct cg;
struct node;

/* check_subr.c: argument types by DTrace's prototypes; the result type. */
void check_subr(struct checker *ck, struct node *n, struct node **argv,
		int argc);
/* Whether n's string may be NULL (strstr, strchr, strrchr, strtok, or a
 * missing self-> or associative array element): reading it then faults,
 * comparing it does not (NULL is "" to a comparison). */
int subr_may_be_null(const struct node *n);

/* cg_subr.c: r0 = the subroutine's value. */
void cg_subr(struct cg *g, struct node *n);
/* cg_subr_lock.c: mutex_owned() and the other questions about locks. */
void cg_lock_subr(struct cg *g, struct node *n);
/* Fault (invalid address 0) if the string in r0 is NULL. */
void cg_null_fault(struct cg *g);
/* r0 = the empty string if r0 is NULL (to store a NULL string). */
void cg_null_to_empty(struct cg *g);

#endif
