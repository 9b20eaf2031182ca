/* check_subr.c - the string and utility subroutines' prototypes, as
 * DTrace declares them (dt_open.c): each argument's type is checked, and
 * the call gets its result type.  A string argument may be the integer
 * constant 0 (NULL), which faults at run time as DTrace's does (strtok's
 * first argument: continue the last string). */
#include <string.h>
#include "check.h"
#include "calls.h"
#include "subr.h"
#include "types.h"

#define ERR(n, tag, ...) diag_error(ck->dp->diag, (n)->line, tag, __VA_ARGS__)

/* Argument kinds: s a string, i an integer, p a pointer or integer,
 * a any of them (bcopy() copies from a string as from memory). */
static const struct {
	const char *kinds;
	const char *names[3];		/* as DTrace's messages print them */
	const char *ret;		/* NULL: string */
} protos[] = {
#define P(id) [CALL_##id - CALL_STRJOIN]
	P(STRJOIN) = { "ss", { "char *", "char *" }, NULL },
	P(SUBSTR) = { "sii", { "char *", "int", "int" }, NULL },
	P(INDEX) = { "ssi", { "char *", "char *", "int" }, "int" },
	P(RINDEX) = { "ssi", { "char *", "char *", "int" }, "int" },
	P(STRCHR) = { "si", { "char *", "char" }, NULL },
	P(STRRCHR) = { "si", { "char *", "char" }, NULL },
	P(STRSTR) = { "ss", { "char *", "char *" }, NULL },
	P(STRTOK) = { "ss", { "char *", "char *" }, NULL },
	P(LLTOSTR) = { "ii", { "int64_t", "int" }, NULL },
	P(TOUPPER) = { "s", { "char *" }, NULL },
	P(TOLOWER) = { "s", { "char *" }, NULL },
	P(BASENAME) = { "s", { "char *" }, NULL },
	P(DIRNAME) = { "s", { "char *" }, NULL },
	P(CLEANPATH) = { "s", { "char *" }, NULL },
	P(INET_NTOP) = { "ip", { "int", "void *" }, NULL },
	P(INET_NTOA) = { "p", { "ipaddr_t *" }, NULL },
	P(INET_NTOA6) = { "pi", { "struct in6_addr *", "int" }, NULL },
	P(HTONS) = { "i", { "uint16_t" }, "uint16_t" },
	P(HTONL) = { "i", { "uint32_t" }, "uint32_t" },
	P(HTONLL) = { "i", { "uint64_t" }, "uint64_t" },
	P(NTOHS) = { "i", { "uint16_t" }, "uint16_t" },
	P(NTOHL) = { "i", { "uint32_t" }, "uint32_t" },
	P(NTOHLL) = { "i", { "uint64_t" }, "uint64_t" },
	P(RAND) = { "", { NULL }, "int" },
	P(PROGENYOF) = { "i", { "pid_t" }, "int" },
	P(ALLOCA) = { "i", { "size_t" }, "void *" },
	P(BCOPY) = { "api", { "void *", "void *", "size_t" }, "void" },
	P(COPYINTO) = { "pip", { "uintptr_t", "size_t", "void *" }, "void" },
	P(GETMAJOR) = { "i", { "dev_t" }, "uint32_t" },
	P(GETMINOR) = { "i", { "dev_t" }, "uint32_t" },
	P(MUTEX_OWNED) = { "p", { "struct mutex *" }, "int" },
	P(MUTEX_OWNER) = { "p", { "struct mutex *" }, "struct task_struct *" },
	P(MUTEX_TYPE_ADAPTIVE) = { "p", { "struct mutex *" }, "int" },
	P(MUTEX_TYPE_SPIN) = { "p", { "struct mutex *" }, "int" },
	P(RW_READ_HELD) = { "p", { "rwlock_t *" }, "int" },
	P(RW_WRITE_HELD) = { "p", { "rwlock_t *" }, "int" },
	P(RW_ISWRITER) = { "p", { "rwlock_t *" }, "int" },
#undef P
};

static int is_null(const struct node *a)
{
	return a->is_const && type_is_integer(a->type) && a->cval == 0;
}

static int arg_ok(char kind, const struct node *a)
{
	const struct dtype *t = a->type;
	switch (kind) {
	case 's': return type_is_string(t) || is_null(a);
	case 'i': return type_is_integer(t);
	case 'a': return type_is_string(t) || type_is_scalar(t) ||
			 t->kind == DT_ARRAY;
	default: return type_is_scalar(t) || t->kind == DT_ARRAY;
	}
}

static struct dtype *result_type(const char *ret)
{
	if (!ret)
		return &t_string;
	if (!strcmp(ret, "void"))
		return &t_void;
	if (!strcmp(ret, "void *"))
		return t_voidp;
	if (!strcmp(ret, "int"))
		return &t_int;
	if (!strcmp(ret, "struct task_struct *")) {
		struct dtype *ts = types_lookup_tag(NULL, DT_STRUCT,
						    "task_struct");
		return ts ? type_ptr(ts) : t_voidp;
	}
	return types_lookup_typedef(NULL, ret);
}

void check_subr(struct checker *ck, struct node *n, struct node **argv,
		int argc)
{
	int k = n->id - CALL_STRJOIN;
	for (int i = 0; i < argc; i++)
		if (!arg_ok(protos[k].kinds[i], argv[i]))
			ERR(argv[i], "D_PROTO_ARG", "%s( ) argument #%d is "
			    "incompatible with prototype:\n\tprototype: %s\n\t "
			    "argument: %s", n->name, i + 1, protos[k].names[i],
			    argv[i]->type->name);
	if (n->id == CALL_BCOPY)
		check_alloca_dst(ck, n, argv[1], 2);
	else if (n->id == CALL_COPYINTO)
		check_alloca_dst(ck, n, argv[2], 3);
	n->type = result_type(protos[k].ret);
}

int subr_may_be_null(const struct node *n)
{
	if (n->var && n->var->is_dynamic && n->type->kind == DT_STRING &&
	    n->kind != N_ASSIGN)	/* a missing element */
		return 1;
	return n->kind == N_CALL && (n->id == CALL_STRSTR ||
	       n->id == CALL_STRCHR || n->id == CALL_STRRCHR ||
	       n->id == CALL_STRTOK);
}
