/* check_call.c - D's actions and subroutines: one table entry each, with
 * its prototype and check; cg_call.c generates their code by the same id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "calls.h"
#include "subr.h"
#include "stack.h"
#include "types.h"

#define ERR(n, tag, ...) diag_error(ck->dp->diag, (n)->line, tag, __VA_ARGS__)

typedef void check_fn(struct checker *ck, struct node *n, struct node **argv,
		      int argc);

static check_fn check_trace, check_printf, check_exit, check_tracemem,
	check_copyin, check_copyinstr, check_strlen, check_setopt,
	check_speculation, check_spec_id, check_int_arg, check_none, check_copyout,
	check_unavailable;

static const struct {
	const char *name;
	int min, max;			/* argument count */
	int is_action;			/* records data: a statement only */
	check_fn *check;
} calls[CALL_COUNT] = {
	[CALL_TRACE] = { "trace", 1, 1, 1, check_trace },
	[CALL_PRINTF] = { "printf", 1, 64, 1, check_printf },
	[CALL_EXIT] = { "exit", 1, 1, 1, check_exit },
	[CALL_TRACEMEM] = { "tracemem", 2, 3, 1, check_tracemem },
	[CALL_COPYIN] = { "copyin", 2, 2, 0, check_copyin },
	[CALL_COPYINSTR] = { "copyinstr", 1, 2, 0, check_copyinstr },
	[CALL_STRLEN] = { "strlen", 1, 1, 0, check_strlen },
	[CALL_PRINTA] = { "printa", 1, 64, 1, check_agg_action },
	[CALL_CLEAR] = { "clear", 1, 1, 1, check_agg_action },
	[CALL_TRUNC] = { "trunc", 1, 2, 1, check_agg_action },
	[CALL_NORMALIZE] = { "normalize", 2, 2, 1, check_agg_action },
	[CALL_DENORMALIZE] = { "denormalize", 1, 1, 1, check_agg_action },
	[CALL_SETOPT] = { "setopt", 1, 2, 1, check_setopt },
	[CALL_SPECULATION] = { "speculation", 0, 0, 0, check_speculation },
	[CALL_SPECULATE] = { "speculate", 1, 1, 1, check_spec_id },
	[CALL_COMMIT] = { "commit", 1, 1, 1, check_spec_id },
	[CALL_DISCARD] = { "discard", 1, 1, 1, check_spec_id },
	[CALL_SYSTEM] = { "system", 1, 64, 1, check_printf },
	[CALL_RAISE] = { "raise", 1, 1, 1, check_int_arg },
	[CALL_STOP] = { "stop", 0, 0, 1, check_none },
	[CALL_COPYOUT] = { "copyout", 3, 3, 1, check_copyout },
	[CALL_COPYOUTSTR] = { "copyoutstr", 3, 3, 1, check_copyout },
	[CALL_FREOPEN] = { "freopen", 1, 64, 1, check_printf },
	[CALL_FTRUNCATE] = { "ftruncate", 0, 0, 1, check_none },
	[CALL_PANIC] = { "panic", 0, 0, 1, check_unavailable },
	[CALL_BREAKPOINT] = { "breakpoint", 0, 0, 1, check_unavailable },
	[CALL_CHILL] = { "chill", 1, 1, 1, check_unavailable },
	/* string and utility subroutines: check_subr.c */
	[CALL_STRJOIN] = { "strjoin", 2, 2, 0, check_subr },
	[CALL_SUBSTR] = { "substr", 2, 3, 0, check_subr },
	[CALL_INDEX] = { "index", 2, 3, 0, check_subr },
	[CALL_RINDEX] = { "rindex", 2, 3, 0, check_subr },
	[CALL_STRCHR] = { "strchr", 2, 2, 0, check_subr },
	[CALL_STRRCHR] = { "strrchr", 2, 2, 0, check_subr },
	[CALL_STRSTR] = { "strstr", 2, 2, 0, check_subr },
	[CALL_STRTOK] = { "strtok", 2, 2, 0, check_subr },
	[CALL_LLTOSTR] = { "lltostr", 1, 2, 0, check_subr },
	[CALL_TOUPPER] = { "toupper", 1, 1, 0, check_subr },
	[CALL_TOLOWER] = { "tolower", 1, 1, 0, check_subr },
	[CALL_BASENAME] = { "basename", 1, 1, 0, check_subr },
	[CALL_DIRNAME] = { "dirname", 1, 1, 0, check_subr },
	[CALL_CLEANPATH] = { "cleanpath", 1, 1, 0, check_subr },
	[CALL_INET_NTOP] = { "inet_ntop", 2, 2, 0, check_subr },
	[CALL_INET_NTOA] = { "inet_ntoa", 1, 1, 0, check_subr },
	[CALL_INET_NTOA6] = { "inet_ntoa6", 1, 2, 0, check_subr },
	[CALL_HTONS] = { "htons", 1, 1, 0, check_subr },
	[CALL_HTONL] = { "htonl", 1, 1, 0, check_subr },
	[CALL_HTONLL] = { "htonll", 1, 1, 0, check_subr },
	[CALL_NTOHS] = { "ntohs", 1, 1, 0, check_subr },
	[CALL_NTOHL] = { "ntohl", 1, 1, 0, check_subr },
	[CALL_NTOHLL] = { "ntohll", 1, 1, 0, check_subr },
	[CALL_RAND] = { "rand", 0, 0, 0, check_subr },
	[CALL_PROGENYOF] = { "progenyof", 1, 1, 0, check_subr },
	[CALL_ALLOCA] = { "alloca", 1, 1, 0, check_subr },
	[CALL_BCOPY] = { "bcopy", 3, 3, 0, check_subr },
	[CALL_COPYINTO] = { "copyinto", 3, 3, 0, check_subr },
	[CALL_GETMAJOR] = { "getmajor", 1, 1, 0, check_subr },
	[CALL_GETMINOR] = { "getminor", 1, 1, 0, check_subr },
	[CALL_MUTEX_OWNED] = { "mutex_owned", 1, 1, 0, check_subr },
	[CALL_MUTEX_OWNER] = { "mutex_owner", 1, 1, 0, check_subr },
	[CALL_MUTEX_TYPE_ADAPTIVE] = { "mutex_type_adaptive", 1, 1, 0,
				       check_subr },
	[CALL_MUTEX_TYPE_SPIN] = { "mutex_type_spin", 1, 1, 0, check_subr },
	[CALL_RW_READ_HELD] = { "rw_read_held", 1, 1, 0, check_subr },
	[CALL_RW_WRITE_HELD] = { "rw_write_held", 1, 1, 0, check_subr },
	[CALL_RW_ISWRITER] = { "rw_iswriter", 1, 1, 0, check_subr },
	/* stacks and symbols: check_stack.c */
	[CALL_STACK] = { "stack", 0, 1, 0, check_stack },
	[CALL_USTACK] = { "ustack", 0, 2, 0, check_stack },
	[CALL_JSTACK] = { "jstack", 0, 2, 0, check_stack },
	[CALL_FUNC] = { "func", 1, 1, 0, check_sym },
	[CALL_SYM] = { "sym", 1, 1, 0, check_sym },
	[CALL_MOD] = { "mod", 1, 1, 0, check_sym },
	[CALL_UFUNC] = { "ufunc", 1, 1, 0, check_sym },
	[CALL_USYM] = { "usym", 1, 1, 0, check_sym },
	[CALL_UMOD] = { "umod", 1, 1, 0, check_sym },
	[CALL_UADDR] = { "uaddr", 1, 1, 0, check_sym },
};

enum fmt_type type_ftype(const struct dtype *t)
{
	switch (t->kind) {
	case DT_INT: case DT_ENUM:
		if (t == &t_symaddr || t == &t_modaddr)
			return t == &t_symaddr ? FT_SYM : FT_MOD;
		if (type_is_usym(t))
			return t == &t_usymaddr ? FT_USYM :
			       t == &t_umodaddr ? FT_UMOD : FT_UADDR;
		return t->is_signed ? FT_INT : FT_UINT;
	case DT_STACK:
		return t->is_user ? FT_USTACK : FT_STACK;
	case DT_PTR:		/* char * is a string to printf and trace */
		return type_is_string(t) ? FT_STR : FT_PTR;
	case DT_STRING: return FT_STR;
	case DT_ARRAY:
		return type_is_char_array(t) ? FT_CHAR_ARRAY : FT_OTHER;
	default: return FT_OTHER;
	}
}

static void need_integer(struct checker *ck, struct node *call, struct node *a,
			 int i)
{
	if (!type_is_integer(a->type))
		ERR(a, "D_PROTO_ARG", "%s( ) argument #%d is incompatible with "
		    "prototype:\n\tprototype: %s\n\t argument: %s", call->name, i,
		    "int", a->type->name);
}

static void check_trace(struct checker *ck, struct node *n, struct node **argv,
			int argc)
{
	(void)argc;
	if (argv[0]->type->kind == DT_VOID)
		ERR(n, "D_TRACE_VOID", "trace( ) may not be applied to a void "
		    "expression");
	if (argv[0]->type->kind == DT_FUNC)
		ERR(n, "D_TRACE_DYN", "trace( ) may not be applied to a dynamic "
		    "expression");
}

static void check_printf(struct checker *ck, struct node *n, struct node **argv,
			 int argc)
{
	char msg[512];
	struct fmt_argdesc d[64];

	if (argv[0]->kind != N_STR)
		ERR(n, "D_PRINTF_ARG_FMT", "printf( ) argument #1 is incompatible "
		    "with prototype:\n\tprototype: string\n\t argument: %s",
		    argv[0]->type->name);
	struct fmt *f = fmt_parse(argv[0]->str, msg, sizeof(msg));
	if (!f)
		ERR(n, "D_SYNTAX", "%s", msg);	/* DTrace's tag for these */
	for (int i = 1; i < argc; i++) {
		d[i - 1].type = type_ftype(argv[i]->type);
		d[i - 1].size = argv[i]->type->size;
		d[i - 1].name = argv[i]->type->name;
	}
	if (n->id == CALL_FREOPEN && argc == 1 && (!strcmp(argv[0]->str, ".") ||
						   !strcmp(argv[0]->str, "..")))
		ERR(n, "D_FREOPEN_INVALID", "freopen( ) argument #1 cannot be "
		    "\"%s\"", argv[0]->str);
	if (n->id == CALL_FREOPEN && !*argv[0]->str) {	/* back to stdout */
		n->aux = f;
		return;
	}
	enum fmt_err e = fmt_validate(f, n->name, 1, d, argc - 1,
				      FMT_V_EXACTLEN, msg, sizeof(msg));
	if (e != FMT_OK)
		ERR(n, fmt_errtag(e), "%s", msg);
	n->aux = f;
}

static void check_exit(struct checker *ck, struct node *n, struct node **argv,
		       int argc)
{
	(void)argc;
	need_integer(ck, n, argv[0], 1);
}

static void check_tracemem(struct checker *ck, struct node *n,
			   struct node **argv, int argc)
{
	/* the prototype, void(@, size_t, ...), before dt_action_tracemem */
	if (!type_is_integer(argv[1]->type))
		ERR(argv[1], "D_PROTO_ARG", "tracemem( ) argument #2 is "
		    "incompatible with prototype:\n\tprototype: size_t\n\t "
		    "argument: %s", argv[1]->type->name);
	else if (!type_is_scalar(argv[0]->type) &&
		 argv[0]->type->kind != DT_ARRAY)
		ERR(argv[0], "D_TRACEMEM_ADDR", "tracemem( ) argument #1 is "
		    "incompatible with prototype:\n\tprototype: pointer or "
		    "integer\n\t argument: %s", argv[0]->type->name);
	else if (!argv[1]->is_const || argv[1]->cval <= 0)
		ERR(argv[1], "D_TRACEMEM_SIZE", "tracemem( ) argument #2 must be a "
		    "non-zero positive integral constant expression");
	if (argv[1]->cval > 4096)
		ERR(argv[1], "D_TRACEMEM_SIZE", "tracemem( ) size %lld is larger "
		    "than the maximum of 4096", (long long)argv[1]->cval);
	if (argc == 3)
		need_integer(ck, n, argv[2], 3);
}

static void check_copyin(struct checker *ck, struct node *n, struct node **argv,
			 int argc)
{
	(void)argc;
	if (!type_is_scalar(argv[0]->type))
		ERR(argv[0], "D_PROTO_ARG", "copyin( ) argument #1 is incompatible "
		    "with prototype:\n\tprototype: uintptr_t\n\t argument: %s",
		    argv[0]->type->name);
	need_integer(ck, n, argv[1], 2);
	n->type = t_voidp;
}

static void check_copyinstr(struct checker *ck, struct node *n,
			    struct node **argv, int argc)
{
	if (!type_is_scalar(argv[0]->type))
		ERR(argv[0], "D_PROTO_ARG", "copyinstr( ) argument #1 is "
		    "incompatible with prototype:\n\tprototype: uintptr_t\n\t "
		    "argument: %s", argv[0]->type->name);
	if (argc == 2)
		need_integer(ck, n, argv[1], 2);
	n->type = &t_string;
}

static void check_strlen(struct checker *ck, struct node *n, struct node **argv,
			 int argc)
{
	const struct node *a = argv[0];
	(void)argc;
	/* NULL (the constant 0) passes, and faults at run time */
	if (!type_is_string(a->type) && !(a->is_const && a->cval == 0 &&
					  type_is_integer(a->type)))
		ERR(argv[0], "D_PROTO_ARG", "strlen( ) argument #1 is incompatible "
		    "with prototype:\n\tprototype: string\n\t argument: %s",
		    argv[0]->type->name);
	n->type = types_lookup_typedef(NULL, "size_t");
}

/* setopt(name [, value]): constant strings, for the consumer to set. */
static void check_setopt(struct checker *ck, struct node *n,
			 struct node **argv, int argc)
{
	(void)n;
	for (int i = 0; i < argc; i++)
		if (argv[i]->kind != N_STR)
			ERR(argv[i], "D_PROTO_ARG", "setopt( ) argument #%d is "
			    "incompatible with prototype:\n\tprototype: string "
			    "constant\n\t argument: %s", i + 1,
			    argv[i]->type->name);
}

static void check_speculation(struct checker *ck, struct node *n,
			      struct node **argv, int argc)
{
	(void)ck, (void)argv, (void)argc;
	n->type = &t_int;
}

static void check_spec_id(struct checker *ck, struct node *n,
			  struct node **argv, int argc)
{
	(void)argc;
	need_integer(ck, n, argv[0], 1);
}

static void check_int_arg(struct checker *ck, struct node *n,
			  struct node **argv, int argc)
{
	(void)argc;
	need_integer(ck, n, argv[0], 1);
}

static void check_none(struct checker *ck, struct node *n, struct node **argv,
		       int argc)
{
	(void)ck, (void)n, (void)argv, (void)argc;
}

/* copyout(buf, uaddr, size), copyoutstr(string, uaddr, maxlen). */
static void check_copyout(struct checker *ck, struct node *n,
			  struct node **argv, int argc)
{
	(void)argc;
	int str = n->id == CALL_COPYOUTSTR;
	if (str ? !type_is_string(argv[0]->type) :
		  !type_is_scalar(argv[0]->type) &&
		  argv[0]->type->kind != DT_ARRAY)
		ERR(argv[0], "D_PROTO_ARG", "%s( ) argument #1 is incompatible "
		    "with prototype:\n\tprototype: %s\n\t argument: %s",
		    n->name, str ? "string" : "void *", argv[0]->type->name);
	if (!type_is_scalar(argv[1]->type))
		ERR(argv[1], "D_PROTO_ARG", "%s( ) argument #2 is incompatible "
		    "with prototype:\n\tprototype: uintptr_t\n\t argument: %s",
		    n->name, argv[1]->type->name);
	need_integer(ck, n, argv[2], 3);
}

/* What a mainline kernel gives BPF no way to do. */
static void check_unavailable(struct checker *ck, struct node *n,
			      struct node **argv, int argc)
{
	if (argc)
		need_integer(ck, n, argv[0], 1);
	ERR(n, "D_ACT_UNSUPP", "%s( ) cannot be done on Linux: %s", n->name,
	    n->id == CALL_CHILL ? "a BPF program may not spin for a time" :
	    n->id == CALL_PANIC ? "BPF has no way to panic the kernel" :
	    "BPF has no way to enter the kernel debugger");
}

/* ftruncate() only truncates dtrace's own output: DTrace does not count
 * it destructive (a DTRACEACT_LIBACT), freopen() it does. */
static int is_destructive(int id)
{
	return id >= CALL_SYSTEM && id <= CALL_CHILL && id != CALL_FTRUNCATE;
}

/* Actions whose record a speculation holds. */
static int is_data_recording(int id)
{
	return id == CALL_TRACE || id == CALL_PRINTF || id == CALL_TRACEMEM ||
	       id == CALL_PRINTA || id == CALL_SYSTEM || id == CALL_FREOPEN;
}

/* D's rules for the order of actions in a clause (dt_cc.c). */
static void check_order(struct checker *ck, struct node *n, int id)
{
	if (id == CALL_SPECULATE) {
		if (ck->spec_seen)
			ERR(n, "D_SPEC_SPEC", "only one speculate( ) may be "
			    "specified per enabling");
		if (ck->commit_seen)
			ERR(n, "D_SPEC_COMM", "speculate( ) may not follow "
			    "commit( )");
		if (ck->drec_seen)
			ERR(n, "D_SPEC_DREC", "speculate( ) may not follow "
			    "data-recording action(s)");
		ck->spec_seen = 1;
	} else if (id == CALL_COMMIT || id == CALL_DISCARD) {
		if (ck->spec_seen)
			ERR(n, "D_COMM_SPEC", "%s( ) may not follow speculate( )",
			    n->name);
		if (id == CALL_COMMIT && ck->drec_seen)
			ERR(n, "D_COMM_DREC", "commit( ) may not follow "
			    "data-recording action(s)");
		ck->commit_seen |= id == CALL_COMMIT;
	} else if (is_data_recording(id)) {
		if (ck->commit_seen)
			ERR(n, "D_DREC_COMM", "data-recording actions may not "
			    "follow commit( )");
		ck->drec_seen = 1;
	}
	if (is_destructive(id) && ck->spec_seen) {
		ERR(n, "D_ACT_SPEC", "destructive actions may not follow "
		    "speculate( )");
	} else if (id == CALL_EXIT && ck->spec_seen) {
		ERR(n, "D_ACT_SPEC", "exit( ) may not follow speculate( )");
	}
}

static int call_lookup(const char *name)
{
	for (int i = 0; i < CALL_COUNT; i++)
		if (calls[i].name && !strcmp(calls[i].name, name))
			return i;
	return -1;
}

int call_is_action(int id)
{
	return calls[id].is_action;
}

void check_call(struct checker *ck, struct node *n)
{
	struct node *argv[64];
	int argc = 0, id = call_lookup(n->name);

	if (id < 0 && agg_func_lookup(n->name) >= 0)
		ERR(n, "D_CG_EXPR", "%s( ) may only be used as the value of an "
		    "aggregation", n->name);
	if (id < 0)
		ERR(n, "D_IDENT_UNDEF", "failed to resolve %s: Unknown function "
		    "name", n->name);
	for (struct node *a = n->a; a; a = a->next) {
		if (argc == 64)
			ERR(n, "D_PROTO_LEN", "%s( ) has too many arguments",
			    n->name);
		if (a->kind == N_AGG)
			check_agg_ref(ck, a);
		else if (a->kind == N_CALL && id >= CALL_PRINTA &&
			 id <= CALL_DENORMALIZE)	/* need_agg says why not */
			a->type = &t_void;
		else
			check_expr(ck, a);
		argv[argc++] = a;
	}
	if (argc < calls[id].min || argc > calls[id].max)
		ERR(n, "D_PROTO_LEN", "%s( ) prototype mismatch: %d arg%s passed, "
		    "%s%d expected", n->name, argc, argc == 1 ? "" : "s",
		    calls[id].min == calls[id].max ? "" :
		    argc < calls[id].min ? "at least " : "no more than ",
		    argc < calls[id].min ? calls[id].min : calls[id].max);
	if (calls[id].is_action && ck->top != n && !ck->act_in_expr)
		ck->act_in_expr = n;
	n->id = id;
	n->type = &t_void;
	check_order(ck, n, id);
	calls[id].check(ck, n, argv, argc);
	ck->dp->destructive_used |= is_destructive(id);
}
