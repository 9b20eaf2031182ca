/* ast.c - AST nodes: construction, probe description splitting, and a
 * readable dump for debugging. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ast.h"
#include "util.h"
#include "lex.h"

static char *xstrndup(const char *s, size_t n)
{
	char *r = xcalloc(1, n + 1);

	memcpy(r, s, n);
	return r;
}

struct node *ast_new(enum node_kind kind, int line)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = line;
	return n;
}

/*
 * "provider:module:function:name", filled from the right as DTrace does:
 * "BEGIN" is the name, "a:b" function and name.  With more than four parts
 * the extra colons stay in the provider for a later stage to reject.
 */
struct probe_spec *ast_probe_spec(const char *text, int line)
{
	struct probe_spec *ps = xcalloc(1, sizeof(*ps));
	char **field[4] = { &ps->name, &ps->func, &ps->mod, &ps->prov };
	const char *end = text + strlen(text);
	int i;

	ps->text = xstrndup(text, end - text);
	ps->line = line;
	for (i = 0; i < 3; i++) {
		const char *c = end;
		while (c > text && c[-1] != ':')
			c--;
		if (c == text)
			break;		/* no colon left: this is the leftmost part */
		*field[i] = xstrndup(c, end - c);
		end = c - 1;
	}
	*field[i] = xstrndup(text, end - text);
	for (i++; i < 4; i++)
		*field[i] = xstrndup("", 0);
	return ps;
}

const char *ast_kind_name(enum node_kind kind)
{
	static const char *const names[] = {
		[N_INT] = "INT", [N_STR] = "STR", [N_IDENT] = "IDENT",
		[N_DOLLAR] = "DOLLAR", [N_SELF] = "SELF", [N_THIS] = "THIS",
		[N_AGG] = "AGG", [N_BINOP] = "BINOP", [N_LOGOP] = "LOGOP",
		[N_UNOP] = "UNOP", [N_PREINC] = "PREINC", [N_POSTINC] = "POSTINC",
		[N_ASSIGN] = "ASSIGN", [N_TERNARY] = "TERNARY", [N_CALL] = "CALL",
		[N_INDEX] = "INDEX", [N_MEMBER] = "MEMBER",
		[N_PTRMEMBER] = "PTRMEMBER", [N_CAST] = "CAST",
		[N_SIZEOF_EXPR] = "SIZEOF_EXPR", [N_SIZEOF_TYPE] = "SIZEOF_TYPE",
		[N_OFFSETOF] = "OFFSETOF", [N_STRINGOF] = "STRINGOF",
		[N_XLATE] = "XLATE", [N_LIST] = "LIST",
		[N_EXPR_STMT] = "EXPR_STMT", [N_EMPTY_STMT] = "EMPTY_STMT",
		[N_IF] = "IF", [N_BLOCK] = "BLOCK", [N_DECL_STMT] = "DECL_STMT",
		[N_CLAUSE] = "CLAUSE", [N_DECL] = "DECL", [N_INLINE] = "INLINE",
		[N_PRAGMA] = "PRAGMA", [N_XLATOR] = "XLATOR",
		[N_PROVIDER] = "PROVIDER", [N_PROBE_PROTO] = "PROBE_PROTO",
		[N_TYPE] = "TYPE",
	};

	if ((size_t)kind < sizeof(names) / sizeof(names[0]) && names[kind])
		return names[kind];
	return "?";
}

/* ---- type names as text ---- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_vadd(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;

	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			fprintf(stderr, "dtrace: out of memory\n");
			exit(1);
		}
	}
	vsnprintf(b->s + b->len, n + 1, fmt, ap);
	b->len += n;
}

static void __attribute__((format(printf, 2, 3)))
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vadd(b, fmt, ap);
	va_end(ap);
}

static void spec_str(struct sbuf *b, const struct tspec *ts)
{
	static const struct { unsigned flag; const char *word; } words[] = {
		{ TSF_CONST, "const" }, { TSF_VOLATILE, "volatile" },
		{ TSF_RESTRICT, "restrict" }, { TSF_USERLAND, "userland" },
		{ TSF_SIGNED, "signed" }, { TSF_UNSIGNED, "unsigned" },
		{ TSF_SHORT, "short" }, { TSF_LONG, "long" },
		{ TSF_LONGLONG, "long long" }, { TSF_CHAR, "char" },
		{ TSF_INT, "int" }, { TSF_FLOAT, "float" },
		{ TSF_DOUBLE, "double" },
	};
	const char *sep = "";

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (ts->flags & words[i].flag) {
			sb_add(b, "%s%s", sep, words[i].word);
			sep = " ";
		}
	}
	const char *scope = ts->scope ? ts->scope : "";
	const char *bq = ts->scope ? "`" : "";
	const char *name = ts->name ? ts->name : "<anon>";
	switch (ts->kind) {
	case TS_VOID:	sb_add(b, "%svoid", sep); break;
	case TS_STRING:	sb_add(b, "%sstring", sep); break;
	case TS_STRUCT:	sb_add(b, "%sstruct %s%s%s", sep, scope, bq, name); break;
	case TS_UNION:	sb_add(b, "%sunion %s%s%s", sep, scope, bq, name); break;
	case TS_ENUM:	sb_add(b, "%senum %s%s%s", sep, scope, bq, name); break;
	case TS_TYPEDEF: sb_add(b, "%s%s%s%s", sep, scope, bq, name); break;
	case TS_INTEGER:
	case TS_FLOAT:
		break;		/* the words said it all */
	}
}

static char *tyname_list_str(const struct tyname *tn, int varargs)
{
	struct sbuf b = { 0 };

	sb_add(&b, "%s", "");
	for (; tn; tn = tn->next) {
		char *s = ast_tyname_str(tn);
		sb_add(&b, "%s%s", s, tn->next || varargs ? ", " : "");
		free(s);
	}
	if (varargs)
		sb_add(&b, "...");
	return b.s;
}

/* The declarator around the name, built inside-out as C reads it. */
static char *declarator_str(const struct declarator *d, const char *ident)
{
	struct sbuf b = { 0 };
	int last_ptr = 0;

	sb_add(&b, "%s", ident ? ident : "");
	for (; d; d = d->next) {
		struct sbuf n = { 0 };
		char *inner = b.s;
		if (d->kind == DK_POINTER) {
			sb_add(&n, "*%s%s", d->flags & TSF_CONST ? "const " : "", inner);
			last_ptr = 1;
		} else {
			if (last_ptr)
				sb_add(&n, "(%s)", inner);
			else
				sb_add(&n, "%s", inner);
			if (d->kind == DK_ARRAY && d->index_type) {
				char *l = tyname_list_str(d->index_type, 0);
				sb_add(&n, "[%s]", l);
				free(l);
			} else if (d->kind == DK_ARRAY && d->count_expr) {
				sb_add(&n, "[<expr>]");
			} else if (d->kind == DK_ARRAY && d->count >= 0) {
				sb_add(&n, "[%ld]", d->count);
			} else if (d->kind == DK_ARRAY) {
				sb_add(&n, "[]");
			} else {
				char *l = tyname_list_str(d->params, d->varargs);
				sb_add(&n, "(%s)", l);
				free(l);
			}
			last_ptr = 0;
		}
		free(inner);
		b = n;
	}
	return b.s;
}

char *ast_tyname_str(const struct tyname *tn)
{
	struct sbuf b = { 0 };

	sb_add(&b, "%s", "");
	if (!tn)
		return b.s;
	if (tn->spec)
		spec_str(&b, tn->spec);
	char *d = declarator_str(tn->decl, tn->ident);
	if (*d)
		sb_add(&b, " %s", d);
	free(d);
	return b.s;
}

/* ---- dump ---- */

static void pad(int indent)
{
	fprintf(stderr, "%*s", indent * 2, "");
}

static void dump_tyname(const char *what, const struct tyname *tn, int indent)
{
	char *s = ast_tyname_str(tn);

	pad(indent);
	fprintf(stderr, "%s: %s\n", what, s);
	free(s);
}

static void dump_list(const char *what, const struct node *n, int indent)
{
	if (!n)
		return;
	pad(indent);
	fprintf(stderr, "%s:\n", what);
	for (; n; n = n->next)
		ast_dump(n, indent + 1);
}

static void dump_spec_body(const struct tspec *ts, int indent)
{
	for (const struct member_decl *m = ts->members; m; m = m->next) {
		char *s = ast_tyname_str(m->tn);
		pad(indent);
		if (m->bits >= 0)
			fprintf(stderr, "member: %s : %d\n", s, m->bits);
		else
			fprintf(stderr, "member: %s\n", s);
		free(s);
	}
	for (const struct enum_decl *e = ts->enumerators; e; e = e->next) {
		pad(indent);
		fprintf(stderr, "enumerator: %s\n", e->name);
		if (e->value)
			ast_dump(e->value, indent + 1);
	}
}

static void dump_decl(const struct decl *d, int indent)
{
	static const char *const cls[] = {
		"", "typedef ", "extern ", "static ", "self ", "this ",
		"register ", "auto ",
	};
	char *s = ast_tyname_str(d->tn);

	pad(indent);
	fprintf(stderr, "decl: %s%s\n", cls[d->cls], s);
	free(s);
	if (d->tn && d->tn->spec)
		dump_spec_body(d->tn->spec, indent + 1);
}

/* A string with C escapes, so a dump stays one line per node. */
static void dump_string(const char *s, size_t len)
{
	fputs(" \"", stderr);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '\n':	fputs("\\n", stderr); break;
		case '\t':	fputs("\\t", stderr); break;
		case '"':	fputs("\\\"", stderr); break;
		case '\\':	fputs("\\\\", stderr); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(stderr, "\\%03o", c);
			else
				fputc(c, stderr);
		}
	}
	fputc('"', stderr);
}

static void dump_head(const struct node *n)
{
	fprintf(stderr, "%s", ast_kind_name(n->kind));
	switch (n->kind) {
	case N_BINOP: case N_LOGOP: case N_UNOP: case N_PREINC:
	case N_POSTINC: case N_ASSIGN:
		fprintf(stderr, " %s", lex_token_name(n->op));
		break;
	case N_INT:
		fprintf(stderr, " %llu%s%s", (unsigned long long)n->ival,
			n->is_unsigned ? "u" : "", n->int_long == 2 ? "ll" :
			n->int_long == 1 ? "l" : "");
		break;
	case N_STR: case N_PRAGMA:
		dump_string(n->str, n->str ? (n->kind == N_STR ? n->slen :
					       strlen(n->str)) : 0);
		break;
	case N_IDENT:
		if (n->scope)
			fprintf(stderr, " %s`", n->scope);
		fprintf(stderr, " %s", n->name);
		break;
	case N_DOLLAR:
		fprintf(stderr, " %s%s", n->is_quoted ? "$$" : "$", n->name);
		break;
	case N_AGG:
		fprintf(stderr, " @%s", n->name);
		break;
	default:
		if (n->name)
			fprintf(stderr, " %s", n->name);
	}
	fprintf(stderr, " (line %d)\n", n->line);
}

void ast_dump(const struct node *n, int indent)
{
	if (!n)
		return;
	pad(indent);
	dump_head(n);
	if (n->kind == N_CLAUSE) {
		for (const struct probe_spec *ps = n->descs; ps; ps = ps->next) {
			pad(indent + 1);
			fprintf(stderr, "probe: %s:%s:%s:%s\n", ps->prov, ps->mod,
				ps->func, ps->name);
		}
		if (n->a)
			dump_list("predicate", n->a, indent + 1);
		dump_list("body", n->b, indent + 1);
		return;
	}
	if (n->tn)
		dump_tyname("type", n->tn, indent + 1);
	if (n->decl)
		dump_decl(n->decl, indent + 1);
	/* Lists hang off a: their items are ->next chains. */
	if (n->kind == N_LIST || n->kind == N_CALL || n->kind == N_BLOCK ||
	    n->kind == N_XLATOR || n->kind == N_PROVIDER) {
		dump_list("items", n->a, indent + 1);
	} else {
		ast_dump(n->a, indent + 1);
	}
	if (n->kind == N_IF) {
		dump_list("then", n->b, indent + 1);
		dump_list("else", n->c, indent + 1);
		return;
	}
	ast_dump(n->b, indent + 1);
	ast_dump(n->c, indent + 1);
}
