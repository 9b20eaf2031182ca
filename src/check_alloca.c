/* check_alloca.c - which pointers point into alloca()'s space, as DTrace
 * tells at compile time (dtrace-utils' DT_NF_ALLOCA): bcopy() and
 * copyinto() write only there, and a variable holds one kind of pointer
 * or the other, never both. */
#include "check.h"
#include "calls.h"
#include "types.h"

#define ERR(n, tag, ...) diag_error(ck->dp->diag, (n)->line, tag, __VA_ARGS__)

int check_is_alloca(const struct node *n)
{
	switch (n->kind) {
	case N_CALL: return n->id == CALL_ALLOCA;
	case N_CAST: return check_is_alloca(n->a);
	case N_ASSIGN: return n->op == '=' && check_is_alloca(n->b);
	case N_BINOP:
		return (n->op == '+' || n->op == '-') &&
		       (check_is_alloca(n->a) || check_is_alloca(n->b));
	case N_UNOP:	/* &p[i], &p->m */
		return n->op == '&' && (n->a->kind == N_INDEX ||
		       n->a->kind == N_PTRMEMBER) && check_is_alloca(n->a->a);
	case N_TERNARY:
		return check_is_alloca(n->b) && check_is_alloca(n->c);
	case N_IDENT: case N_THIS: case N_SELF:
		return n->var && n->var->is_alloca;
	default: return 0;
	}
}

static int is_null(const struct node *n)
{
	return n->is_const && type_is_integer(n->type) && n->cval == 0;
}

/* v = r: NULL goes in either kind of pointer variable. */
void check_alloca_assign(struct checker *ck, struct node *n, struct var *v)
{
	struct node *r = n->b;
	if (is_null(r) || !v || !r->type || r->type->kind != DT_PTR)
		return;
	if (r->kind == N_TERNARY &&
	    check_is_alloca(r->b) != check_is_alloca(r->c))
		ERR(n, "D_ALLOCA_INCOMPAT", "ternary conditional with alloca "
		    "and non-alloca branches cannot be assigned to a variable");
	int a = check_is_alloca(r);
	if ((a && v->not_alloca) || (!a && v->is_alloca))
		ERR(n, "D_ALLOCA_INCOMPAT", "%s: cannot reuse the same "
		    "identifier for both alloca and non-alloca allocations",
		    v->name);
	if (a)
		v->is_alloca = 1;
	else
		v->not_alloca = 1;
}

/* bcopy()'s destination, copyinto()'s: alloca()'s space only. */
void check_alloca_dst(struct checker *ck, struct node *call,
		      struct node *arg, int argno)
{
	if (check_is_alloca(arg))
		return;
	int ptr = arg->type->kind == DT_PTR || is_null(arg);
	ERR(arg, "D_PROTO_ARG", "%s( ) argument #%d is incompatible with "
	    "prototype:\n\tprototype: alloca pointer\n\t argument: %s",
	    call->name, argno, ptr ? "non-alloca pointer" : arg->type->name);
}
