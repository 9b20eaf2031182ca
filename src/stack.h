/* stack.h - stack(), ustack(), the stack variables and the symbol
 * subroutines: their checks (check_stack.c) and code (cg_stack.c).
 *
 * A stack value is DT_STACK (types.h): stack() records nframes u64 pcs,
 * ustack() the pid and then nframes pcs, as bpf_get_stack writes them
 * (zero after the last frame).  sym() and the others only retype their
 * argument (_symaddr, _usymaddr): the consumer resolves it. */
#ifndef DT_STACK_H
#define DT_STACK_H

#include <stdint.h>

struct checker;
struct node;
struct cg;
struct recarg;

void check_stack(struct checker *ck, struct node *n, struct node **argv,
		 int argc);
void check_sym(struct checker *ck, struct node *n, struct node **argv,
	       int argc);

/* Code for the calls of this block that compute a value (in r0). */
void cg_stack_call(struct cg *g, struct node *n);
/* Write stack value n (DT_STACK) at scratch offset off (its size). */
void cg_stack_into(struct cg *g, struct node *n, uint32_t off);
/* The same, and tell the consumer the pid of a ustack() key so it reads
 * the process's symbols while the process lives. */
void cg_stack_key(struct cg *g, struct node *n, uint32_t off);
/* Store r0 (a _usymaddr) and the pid at scratch offset off. */
void cg_usym_into(struct cg *g, uint32_t off);
/* The same for a key, telling the consumer the pid (cg_stack_key). */
void cg_usym_key(struct cg *g, struct node *n, uint32_t off);
/* stack(), ustack() as a statement: a record and its action. */
void cg_stack_action(struct cg *g, struct node *n);
/* stackdepth, ustackdepth, caller, ucaller: r0. */
void cg_stack_var(struct cg *g, struct node *n);

/* A pid notice record: the header (epid 0) and the pid's u64. */
#define PIDREC_SIZE	24

#endif
