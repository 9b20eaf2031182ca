/* ast.h - the abstract syntax tree of a D program.
 *
 * The parser builds it; the checker (check.c) annotates it in place (types,
 * variable references, constant values); code generation reads it.  One node
 * struct serves every kind: which fields mean what is said per kind below.
 */
#ifndef DT_AST_H
#define DT_AST_H

#include <stdint.h>
#include <stddef.h>

struct dtype;		/* types.h */
struct var;		/* vars.h */

enum node_kind {
	/* ---- expressions ---- */
	N_INT,		/* ival; is_unsigned/int_long from suffix (u, l, ll, ul...) */
	N_STR,		/* str (NUL-terminated, escapes decoded), slen */
	N_IDENT,	/* name; scope = module prefix for vmlinux`name (else NULL) */
	N_DOLLAR,	/* $1 ($$1 when is_quoted), $pid, $target...: name = "1", "pid" */
	N_SELF,		/* self->name */
	N_THIS,		/* this->name */
	N_AGG,		/* @name (name "" for @): a = key list (N_LIST items) or NULL */
	N_BINOP,	/* op (token), a, b; op ',' is the comma operator */
	N_LOGOP,	/* op is T_LAND, T_LOR, T_LXOR: a, b */
	N_UNOP,		/* op: '-', '+', '!', '~', '*' (deref), '&' (address-of) */
	N_PREINC,	/* op: T_INC or T_DEC, a */
	N_POSTINC,	/* op: T_INC or T_DEC, a */
	N_ASSIGN,	/* op: '=' or T_ADD_EQ ... T_SHR_EQ; a = lvalue, b = value */
	N_TERNARY,	/* a ? b : c */
	N_CALL,		/* name = function; a = argument list (first of ->next chain) */
	N_INDEX,	/* a[b]: b is an N_LIST of subscripts (args[0], a[k1, k2]);
			   the checker sets id -1 for args[], N_ARRAY_ELEM for
			   an element of a D array variable */
	N_MEMBER,	/* a.name */
	N_PTRMEMBER,	/* a->name */
	N_CAST,		/* (tn) a */
	N_SIZEOF_EXPR,	/* sizeof a */
	N_SIZEOF_TYPE,	/* sizeof (tn) */
	N_OFFSETOF,	/* offsetof(tn, name) */
	N_STRINGOF,	/* stringof a */
	N_XLATE,	/* xlate <tn> (a) */
	N_LIST,		/* a = first item of a ->next chain (subscripts, keys) */

	/* ---- statements ---- */
	N_EXPR_STMT,	/* a = expression */
	N_EMPTY_STMT,
	N_IF,		/* a = condition, b = then (N_BLOCK or stmt), c = else or NULL */
	N_BLOCK,	/* a = first statement (->next chain) */
	N_DECL_STMT,	/* a declaration inside a clause: decl */

	/* ---- top level ---- */
	N_CLAUSE,	/* descs = probe descriptions, a = predicate or NULL,
			   b = first statement or NULL (body), has_body;
			   ival = line of the "{" after a predicate, where
			   DTrace reports the predicate's errors */
	N_DECL,		/* decl: variable / typedef / struct / enum declaration */
	N_INLINE,	/* decl: the inline's name and type, a = its value */
	N_PRAGMA,	/* str = text after "#pragma " */
	N_XLATOR,	/* translator: tn (output), decl (input type + name), a = members:
			   each an N_ASSIGN, a = N_IDENT member name, b = value */

	/* ---- added by the parser (provider definitions, for -h/-G) ---- */
	N_PROVIDER,	/* provider name { ... }: a = first N_PROBE_PROTO */
	N_PROBE_PROTO,	/* probe name(args) [: (xargs)]: a = N_TYPE native args,
			   b = N_TYPE translated args or NULL */
	N_TYPE,		/* tn: a type as a node (DK_FUNC declarator: params) */
};

#define N_ARRAY_ELEM	(-2)	/* N_INDEX id: int a[5]; ... a[i] */
#define N_STRING_CHAR	(-3)	/* N_INDEX id: s[i] of a string s */

/* A probe description as written: "provider:module:function:name", any
 * part may be empty or hold globs.  Fewer than four parts fill from the
 * right (DTrace's rule): "BEGIN" is ":::BEGIN", "a:b" is "::a:b". */
struct probe_spec {
	char *prov, *mod, *func, *name;
	char *text;		/* as written, for messages */
	int line;
	struct probe_spec *next;
};

/* A type name as written: base specifiers plus a declarator. */
enum tspec_kind {
	TS_VOID, TS_INTEGER, TS_FLOAT, TS_STRING,
	TS_STRUCT, TS_UNION, TS_ENUM,	/* tag (may be NULL if body given) */
	TS_TYPEDEF,			/* name of a typedef */
};

enum ts_flag {			/* integer specifier words, OR-ed */
	TSF_CHAR = 1, TSF_SHORT = 2, TSF_INT = 4, TSF_LONG = 8,
	TSF_LONGLONG = 16, TSF_SIGNED = 32, TSF_UNSIGNED = 64,
	TSF_DOUBLE = 128, TSF_FLOAT = 256,
	TSF_CONST = 512, TSF_VOLATILE = 1024, TSF_RESTRICT = 2048,
	TSF_USERLAND = 4096,		/* the "userland" qualifier */
};

struct member_decl;
struct enum_decl;

struct tspec {
	enum tspec_kind kind;
	unsigned flags;			/* enum ts_flag */
	char *name;			/* tag or typedef name */
	char *scope;			/* module for `vmlinux`struct task_struct` */
	struct member_decl *members;	/* struct/union body, or NULL */
	int has_body;
	struct enum_decl *enumerators;	/* enum body, or NULL */
};

/* Derived-type chain of a declarator, outermost first as C reads it:
 * "int *a[4]" is  ARRAY(4) -> POINTER -> base.  Each link applies to the next. */
enum dkind { DK_POINTER, DK_ARRAY, DK_FUNC };
struct declarator {
	enum dkind kind;
	long count;			/* DK_ARRAY: element count, -1 if [] */
	struct node *count_expr;	/* DK_ARRAY: the size expression if not a literal */
	struct tyname *index_type;	/* DK_ARRAY: associative array "int a[string]" */
	unsigned flags;			/* TSF_CONST etc. on a pointer */
	struct declarator *next;
	/* DK_ARRAY: index_type may be a list (->next) for a[string, int].
	 * DK_FUNC: params = parameter types (->next list), varargs for "..." */
	struct tyname *params;
	int varargs;
};

struct tyname {
	struct tspec *spec;
	struct declarator *decl;	/* NULL for the plain base type */
	char *ident;			/* declared name, NULL in abstract type names */
	struct tyname *next;		/* in parameter / index-type lists */
};

struct member_decl {
	struct tyname *tn;		/* tn->ident is the member name */
	int bits;			/* bit-field width, or -1 */
	struct member_decl *next;
};

struct enum_decl {
	char *name;
	struct node *value;		/* or NULL */
	int line;
	struct enum_decl *next;
};

enum decl_class {
	DC_NONE, DC_TYPEDEF, DC_EXTERN, DC_STATIC, DC_SELF, DC_THIS,
	DC_REGISTER, DC_AUTO,
};

struct decl {
	enum decl_class cls;
	struct tyname *tn;		/* tn->ident NULL for "struct foo { ... };" */
	int line;
};

struct node {
	enum node_kind kind;
	int line;
	int op;				/* token of the operator, see lex.h */
	struct node *a, *b, *c;
	struct node *next;		/* next item in a list or next statement */
	char *name;
	char *scope;			/* N_IDENT: `mod`name prefix */
	char *str;			/* N_STR, N_PRAGMA */
	size_t slen;
	uint64_t ival;
	unsigned is_unsigned:1, int_long:2, is_quoted:1, has_body:1;
	unsigned is_decimal:1;		/* N_INT: written in decimal (C's type rules) */
	struct tyname *tn;		/* N_CAST, N_SIZEOF_TYPE, N_OFFSETOF, N_XLATE */
	struct decl *decl;		/* N_DECL, N_DECL_STMT, N_INLINE, N_XLATOR */
	struct probe_spec *descs;	/* N_CLAUSE */

	/* filled by the checker */
	struct dtype *type;
	struct var *var;		/* variable this node names */
	int is_const;			/* value known: cval */
	int64_t cval;
	int id;				/* per-kind index (builtin, function, clause number) */
	void *aux;			/* kind-specific checker data */
};

struct program {
	struct node *first;		/* top-level items, ->next chain */
	const char *filename;		/* for messages: "-n", file name */
};

struct node *ast_new(enum node_kind kind, int line);
struct probe_spec *ast_probe_spec(const char *text, int line);
const char *ast_kind_name(enum node_kind kind);
void ast_dump(const struct node *n, int indent);	/* debugging (-x tree) */
/* A type name as C writes it: "int *[4]", "char (*p)[8]" (malloc'ed). */
char *ast_tyname_str(const struct tyname *tn);

#endif
