/* check_stack.c - stack(), ustack() and the symbol subroutines as DTrace
 * checks them (dt_cc.c's dt_action_stack, dt_action_ustack). */
#include "calls.h"
#include "check.h"
#include "compile.h"
#include "stack.h"
#include "types.h"

#define ERR(n, tag, ...) diag_error(ck->dp->diag, (n)->line, tag, __VA_ARGS__)

/* perf_event_max_stack's default: bpf_get_stack gives no more. */
#define MAXFRAMES	127

static int frames_arg(struct checker *ck, struct node *n, struct node *a,
		      const char *tag)
{
	if (!a->is_const || !type_is_integer(a->type) || a->cval <= 0)
		ERR(a, tag, "%s( ) argument #1 must be a non-zero positive "
		    "integral constant expression", n->name);
	return a->cval < MAXFRAMES ? (int)a->cval : MAXFRAMES;
}

void check_stack(struct checker *ck, struct node *n, struct node **argv,
		 int argc)
{
	const struct options *o = ck->dp->opt;
	int user = n->id != CALL_STACK;
	/* jstack(): no Java helper walks frames on Linux, so a ustack()
	 * with jstack's defaults */
	int frames = n->id == CALL_JSTACK ?
		     (o->jstackframes ? o->jstackframes : 50) : user ?
		     (o->ustackframes ? o->ustackframes : 100) :
		     (o->stackframes ? o->stackframes : 20);

	if (argc > 0)
		frames = frames_arg(ck, n, argv[0], user ? "D_USTACK_FRAMES"
							 : "D_STACK_SIZE");
	if (argc > 1 && (!argv[1]->is_const || !type_is_integer(argv[1]->type)
			 || argv[1]->cval < 0))
		ERR(argv[1], "D_USTACK_STRSIZE", "ustack( ) argument #2 must be "
		    "a positive integral constant expression");
	if (frames > MAXFRAMES)
		frames = MAXFRAMES;
	n->type = type_stack(user, frames);
}

void check_sym(struct checker *ck, struct node *n, struct node **argv,
	       int argc)
{
	(void)argc;
	if (!type_is_scalar(argv[0]->type))
		ERR(argv[0], "D_PROTO_ARG", "%s( ) argument #1 is incompatible "
		    "with prototype:\n\tprototype: uintptr_t\n\t argument: %s",
		    n->name, argv[0]->type->name);
	n->type = n->id == CALL_MOD ? &t_modaddr : n->id == CALL_UMOD ?
		  &t_umodaddr : n->id == CALL_UADDR ? &t_uaddr :
		  n->id < CALL_MOD ? &t_symaddr : &t_usymaddr;
}
