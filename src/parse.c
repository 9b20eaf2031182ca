/* parse.c - recursive-descent parser for D, source text to AST.
 *
 * The grammar is DTrace's dt_grammar.y (plus the if/else statements of
 * later versions).  Where the yacc grammar is ambiguous DTrace resolves it
 * in the lexer; here the same decisions are made with lookahead:
 *
 *  - where a clause may start, the lexer runs in probe mode and a word is a
 *    probe description unless it is a keyword or a type name (lex.c);
 *  - "(" followed by a type name begins a cast, otherwise a parenthesized
 *    expression; the same test picks sizeof(type) over sizeof(expr);
 *  - the '/' closing a predicate is its own token, T_EPRED (lex.c).
 *
 * The lexer's mode is chosen per token, so when the parser changes its mind
 * about the mode with tokens already looked ahead, it rewinds the lexer and
 * reads them again (set_mode).
 *
 * Syntax errors are reported DTrace's way, naming the token that could not
 * be used: syntax error near "X".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "util.h"
#include "lex.h"

#define LA_MAX 8	/* deepest lookahead: "( mod ` name )" is 4 tokens */

struct la_tok {
	struct token_val tv;
	struct lex_state st;	/* lexer state before the token, to rewind */
	int npragmas;		/* pragmas collected before it */
};

struct tdef {			/* a name the script typedef'd */
	char *name;
	struct tdef *next;
};

struct parser {
	struct lexer lx;
	struct diag *d;
	const struct parse_opts *opts;
	enum lex_mode mode;
	struct la_tok la[LA_MAX];
	int nla;
	struct tdef *typedefs;
	/* #pragma lines are tokens wherever they appear; they are collected
	 * here and become top-level items after the item that contains them. */
	struct node *pragmas, **pragma_tail;
	int npragmas;
	/* The node parse_unary() returned last: an assignment's left side
	 * must be one (DTrace's grammar assigns to unary_expression only). */
	const struct node *last_unary;
};

static struct node *parse_expr(struct parser *p);
static struct node *parse_assign(struct parser *p);
static struct node *parse_ternary(struct parser *p);
static struct node *parse_cast(struct parser *p);
static struct node *parse_unary(struct parser *p);
static struct tyname *parse_type_name(struct parser *p);
static struct node *parse_stmt(struct parser *p);

/* ---- tokens ---- */

static void add_pragma(struct parser *p, const struct token_val *tv)
{
	struct node *n = ast_new(N_PRAGMA, tv->line);

	n->str = tv->text;
	n->slen = tv->len;
	*p->pragma_tail = n;
	p->pragma_tail = &n->next;
	p->npragmas++;
}

/* Forgets pragmas beyond the first keep: they will be read again. */
static void truncate_pragmas(struct parser *p, int keep)
{
	struct node **pp = &p->pragmas;

	for (int i = 0; i < keep && *pp; i++)
		pp = &(*pp)->next;
	*pp = NULL;
	p->pragma_tail = pp;
	p->npragmas = keep < p->npragmas ? keep : p->npragmas;
}

static void fill(struct parser *p)
{
	struct la_tok *t = &p->la[p->nla];

	for (;;) {
		t->st = p->lx.st;
		t->npragmas = p->npragmas;
		lex_next(&p->lx, p->mode, &t->tv);
		if (t->tv.tok != T_PRAGMA)
			break;
		add_pragma(p, &t->tv);
	}
	p->nla++;
}

/* Lookahead token k (0 is the next one).  Pointers stay valid until the
 * token is consumed. */
static struct token_val *peek_tv(struct parser *p, int k)
{
	if (k >= LA_MAX) {
		fprintf(stderr, "dtrace: internal error: lookahead %d\n", k);
		abort();
	}
	while (p->nla <= k)
		fill(p);
	return &p->la[k].tv;
}

static int peek_at(struct parser *p, int k)
{
	return peek_tv(p, k)->tok;
}

static int peek(struct parser *p)
{
	return peek_at(p, 0);
}

static struct token_val next_tok(struct parser *p)
{
	struct token_val tv = *peek_tv(p, 0);

	p->nla--;
	memmove(&p->la[0], &p->la[1], p->nla * sizeof(p->la[0]));
	return tv;
}

static void set_mode(struct parser *p, enum lex_mode mode)
{
	if (p->mode == mode)
		return;
	if (p->nla > 0) {
		p->lx.st = p->la[0].st;
		truncate_pragmas(p, p->la[0].npragmas);
		p->nla = 0;
	}
	p->mode = mode;
}

static void __attribute__((noreturn))
syntax_error(struct parser *p, const struct token_val *tv)
{
	if (tv->tok == T_EOF)
		diag_error(p->d, tv->line, "D_SYNTAX",
			   "syntax error near end of input");
	size_t n = tv->rawlen;
	const char *nl = memchr(tv->raw, '\n', n);
	if (nl)
		n = nl - tv->raw;	/* DTrace crops the token at a newline */
	if (n == 0)
		diag_error(p->d, tv->line, "D_SYNTAX",
			   "syntax error near end of line");
	diag_error(p->d, tv->line, "D_SYNTAX", "syntax error near \"%.*s\"",
		   (int)n, tv->raw);
}

static void __attribute__((noreturn)) syntax_error_here(struct parser *p)
{
	syntax_error(p, peek_tv(p, 0));
}

static struct token_val expect(struct parser *p, int tok)
{
	if (peek(p) != tok)
		syntax_error_here(p);
	return next_tok(p);
}

static int accept(struct parser *p, int tok)
{
	if (peek(p) != tok)
		return 0;
	next_tok(p);
	return 1;
}

/* ---- which words are types ---- */

static int is_typename(struct parser *p, const char *scope, const char *name)
{
	if (!scope)
		for (struct tdef *t = p->typedefs; t; t = t->next)
			if (!strcmp(t->name, name))
				return 1;
	return p->opts->is_type && p->opts->is_type(p->opts->arg, scope, name);
}

static int lexer_is_type(void *arg, const char *scope, const char *name)
{
	return is_typename(arg, scope, name);
}

static void add_typedef(struct parser *p, char *name)
{
	struct tdef *t = xcalloc(1, sizeof(*t));

	t->name = name;
	t->next = p->typedefs;
	p->typedefs = t;
}

static unsigned qualifier_flag(int tok)
{
	switch (tok) {
	case K_CONST:		return TSF_CONST;
	case K_VOLATILE:	return TSF_VOLATILE;
	case K_RESTRICT:	return TSF_RESTRICT;
	case K_USERLAND:	return TSF_USERLAND;
	}
	return 0;
}

static unsigned int_word_flag(int tok)
{
	switch (tok) {
	case K_CHAR:		return TSF_CHAR;
	case K_SHORT:		return TSF_SHORT;
	case K_INT:		return TSF_INT;
	case K_LONG:		return TSF_LONG;
	case K_SIGNED:		return TSF_SIGNED;
	case K_UNSIGNED:	return TSF_UNSIGNED;
	case K_FLOAT:		return TSF_FLOAT;
	case K_DOUBLE:		return TSF_DOUBLE;
	}
	return 0;
}

static int class_of(int tok)
{
	switch (tok) {
	case K_TYPEDEF:		return DC_TYPEDEF;
	case K_EXTERN:		return DC_EXTERN;
	case K_STATIC:		return DC_STATIC;
	case K_REGISTER:	return DC_REGISTER;
	case K_AUTO:		return DC_AUTO;
	case K_SELF:		return DC_SELF;
	case K_THIS:		return DC_THIS;
	}
	return -1;
}

static int is_sou_keyword(int tok)
{
	return tok == K_STRUCT || tok == K_UNION || tok == K_ENUM;
}

/* Keywords that can begin a type name. */
static int is_spec_keyword(int tok)
{
	return qualifier_flag(tok) || int_word_flag(tok) || tok == K_VOID ||
	       tok == K_STRING || is_sou_keyword(tok);
}

/* How many tokens a typedef name "name", "mod`name" or "`name" takes at
 * lookahead k; 0 if there is no type name there. */
static int typedef_name_len(struct parser *p, int k)
{
	int tok = peek_at(p, k);

	if (tok == T_IDENT && peek_at(p, k + 1) == T_BACKQUOTE) {
		if (peek_at(p, k + 2) != T_IDENT)
			return 0;
		return is_typename(p, peek_tv(p, k)->text,
				   peek_tv(p, k + 2)->text) ? 3 : 0;
	}
	if (tok == T_IDENT)
		return is_typename(p, NULL, peek_tv(p, k)->text) ? 1 : 0;
	if (tok == T_BACKQUOTE && peek_at(p, k + 1) == T_IDENT)
		return is_typename(p, "", peek_tv(p, k + 1)->text) ? 2 : 0;
	return 0;
}

/* "mod`struct tag": a struct/union/enum with a module scope in front. */
static int scoped_sou_at(struct parser *p, int k)
{
	return peek_at(p, k) == T_IDENT && peek_at(p, k + 1) == T_BACKQUOTE &&
	       is_sou_keyword(peek_at(p, k + 2));
}

static int type_start_at(struct parser *p, int k)
{
	return is_spec_keyword(peek_at(p, k)) || scoped_sou_at(p, k) ||
	       typedef_name_len(p, k) > 0;
}

/* ---- declaration specifiers ---- */

#define INT_WORDS (TSF_CHAR | TSF_SHORT | TSF_INT | TSF_LONG | TSF_LONGLONG | \
		   TSF_SIGNED | TSF_UNSIGNED)
#define FLOAT_WORDS (TSF_FLOAT | TSF_DOUBLE)

static void __attribute__((noreturn)) combo_error(struct parser *p, int line)
{
	diag_error(p->d, line, "D_DECL_COMBO", "invalid type combination");
}

static void add_type_word(struct parser *p, struct tspec *ts, unsigned flag,
			  int line)
{
	if (flag == TSF_LONG && (ts->flags & TSF_LONG)) {
		ts->flags = (ts->flags & ~TSF_LONG) | TSF_LONGLONG;
		return;
	}
	if ((flag == TSF_LONG && (ts->flags & TSF_LONGLONG)) || (ts->flags & flag))
		combo_error(p, line);
	ts->flags |= flag;
}

/* Checks the words against each other and sets the kind: "unsigned",
 * "long", "const" alone all mean int, as in C. */
static void finish_spec(struct parser *p, struct tspec *ts, int nbase, int line)
{
	unsigned iw = ts->flags & INT_WORDS, fw = ts->flags & FLOAT_WORDS;

	if (nbase && (iw & (TSF_LONG | TSF_LONGLONG)))
		diag_error(p->d, line, "D_DECL_LONGINT", "invalid type "
			   "declaration: long and long long may only be used "
			   "with integer or floating-point type");
	if (nbase && (iw & (TSF_SIGNED | TSF_UNSIGNED)))
		diag_error(p->d, line, "D_DECL_SIGNINT", "invalid type "
			   "declaration: signed and unsigned may only be used "
			   "with integer type");
	if (nbase > 1 || (nbase && (iw || fw)))
		combo_error(p, line);
	if (nbase)
		return;
	if (fw) {
		if (fw == FLOAT_WORDS || (iw & ~TSF_LONG) ||
		    (fw == TSF_FLOAT && iw))
			combo_error(p, line);
		ts->kind = TS_FLOAT;
		return;
	}
	if (((iw & TSF_CHAR) && (iw & (TSF_SHORT | TSF_LONG | TSF_LONGLONG | TSF_INT))) ||
	    ((iw & TSF_SHORT) && (iw & (TSF_LONG | TSF_LONGLONG))) ||
	    ((iw & TSF_SIGNED) && (iw & TSF_UNSIGNED)))
		combo_error(p, line);
	ts->kind = TS_INTEGER;
	if (!iw)
		ts->flags |= TSF_INT;
}

static void parse_members(struct parser *p, struct tspec *ts);
static void parse_enumerators(struct parser *p, struct tspec *ts);

/* The tag after struct/union/enum: "tag", "mod`tag" or "`tag". */
static void parse_tag(struct parser *p, struct tspec *ts)
{
	if (peek(p) == T_IDENT) {
		struct token_val t = next_tok(p);
		if (!ts->scope && peek(p) == T_BACKQUOTE) {
			next_tok(p);
			ts->scope = t.text;
			t = expect(p, T_IDENT);
		}
		ts->name = t.text;
	} else if (!ts->scope && peek(p) == T_BACKQUOTE) {
		next_tok(p);
		ts->scope = strdup("");
		ts->name = expect(p, T_IDENT).text;
	}
}

static void parse_tagged(struct parser *p, struct tspec *ts, char *scope)
{
	int tok = next_tok(p).tok;

	ts->kind = tok == K_STRUCT ? TS_STRUCT : tok == K_UNION ? TS_UNION : TS_ENUM;
	ts->scope = scope;
	parse_tag(p, ts);
	if (peek(p) == '{') {
		next_tok(p);
		if (ts->kind == TS_ENUM)
			parse_enumerators(p, ts);
		else
			parse_members(p, ts);
	} else if (!ts->name) {
		syntax_error_here(p);
	}
}

static void parse_typedef_name(struct parser *p, struct tspec *ts)
{
	ts->kind = TS_TYPEDEF;
	if (peek(p) == T_BACKQUOTE) {
		next_tok(p);
		ts->scope = strdup("");
	} else if (peek_at(p, 1) == T_BACKQUOTE) {
		ts->scope = next_tok(p).text;
		next_tok(p);
	}
	ts->name = expect(p, T_IDENT).text;
}

/* One specifier word (or struct/enum/typedef name) into ts; 0 at the first
 * token that is not one. */
static int parse_one_spec(struct parser *p, struct tspec *ts, int *nbase,
			  int allow_class, enum decl_class *cls)
{
	struct token_val *t = peek_tv(p, 0);
	int c = class_of(t->tok);
	unsigned f;

	if (c >= 0) {
		if (!allow_class)
			return 0;
		if (*cls != DC_NONE)
			diag_error(p->d, t->line, "D_DECL_CLASS",
				   "only one storage class allowed in a declaration");
		*cls = c;
	} else if ((f = qualifier_flag(t->tok))) {
		ts->flags |= f;
	} else if ((f = int_word_flag(t->tok))) {
		add_type_word(p, ts, f, t->line);
	} else if (t->tok == K_VOID || t->tok == K_STRING) {
		ts->kind = t->tok == K_VOID ? TS_VOID : TS_STRING;
		(*nbase)++;
	} else if (is_sou_keyword(t->tok)) {
		parse_tagged(p, ts, NULL);
		(*nbase)++;
		return 1;
	} else if (*nbase || (ts->flags & (INT_WORDS | FLOAT_WORDS))) {
		/* After a type, a name is the declarator's ("foo_t foo_t;"). */
		return 0;
	} else if (scoped_sou_at(p, 0)) {
		char *scope = next_tok(p).text;
		next_tok(p);
		parse_tagged(p, ts, scope);
		(*nbase)++;
		return 1;
	} else if (typedef_name_len(p, 0)) {
		parse_typedef_name(p, ts);
		(*nbase)++;
		return 1;
	} else {
		return 0;
	}
	next_tok(p);
	return 1;
}

static struct tspec *parse_specs(struct parser *p, int allow_class,
				 enum decl_class *cls)
{
	struct tspec *ts = xcalloc(1, sizeof(*ts));
	int nbase = 0, any = 0, line = peek_tv(p, 0)->line;

	while (parse_one_spec(p, ts, &nbase, allow_class, cls))
		any = 1;
	if (!any)
		syntax_error_here(p);
	finish_spec(p, ts, nbase, line);
	return ts;
}

static struct tyname *new_tyname(struct tspec *ts)
{
	struct tyname *tn = xcalloc(1, sizeof(*tn));

	tn->spec = ts;
	return tn;
}

/* ---- declarators ---- */

enum dmode {
	DM_NAMED,	/* declarations: the name is required */
	DM_ABSTRACT,	/* type names (casts, sizeof): no name */
	DM_EITHER,	/* function parameters */
};

static struct declarator *parse_declarator(struct parser *p, enum dmode m,
					   char **ident);

static struct declarator *new_declarator(enum dkind kind)
{
	struct declarator *d = xcalloc(1, sizeof(*d));

	d->kind = kind;
	d->count = -1;
	return d;
}

static struct declarator *chain(struct declarator *a, struct declarator *b)
{
	struct declarator *t = a;

	if (!a)
		return b;
	while (t->next)
		t = t->next;
	t->next = b;
	return a;
}

static struct tyname *parse_param(struct parser *p)
{
	enum decl_class cls = DC_NONE;
	struct tyname *tn = new_tyname(parse_specs(p, 1, &cls));

	tn->decl = parse_declarator(p, DM_EITHER, &tn->ident);
	return tn;
}

/* "int, char *" in a function's parentheses or an associative array's
 * brackets; "..." only where varargs is given. */
static struct tyname *parse_param_list(struct parser *p, int *varargs)
{
	struct tyname *head = NULL, **tail = &head;

	do {
		if (varargs && accept(p, T_ELLIPSIS)) {
			*varargs = 1;
			break;
		}
		*tail = parse_param(p);
		tail = &(*tail)->next;
	} while (accept(p, ','));
	return head;
}

/* [N], [], [expr] or the associative [type, type...]. */
static struct declarator *parse_array(struct parser *p)
{
	struct declarator *d = new_declarator(DK_ARRAY);

	next_tok(p);
	if (peek(p) == ']') {
		/* a[]: count stays -1 */
	} else if (type_start_at(p, 0)) {
		d->index_type = parse_param_list(p, NULL);
	} else {
		struct node *e = parse_ternary(p);
		if (e->kind == N_INT)
			d->count = (long)e->ival;
		else
			d->count_expr = e;
	}
	expect(p, ']');
	return d;
}

static struct declarator *parse_function(struct parser *p)
{
	struct declarator *d = new_declarator(DK_FUNC);

	expect(p, '(');
	if (peek(p) != ')')
		d->params = parse_param_list(p, &d->varargs);
	expect(p, ')');
	return d;
}

/* '*' with qualifiers; the list comes out last '*' first, the order in
 * which they apply. */
static struct declarator *parse_pointers(struct parser *p)
{
	struct declarator *list = NULL;

	while (accept(p, '*')) {
		struct declarator *d = new_declarator(DK_POINTER);
		unsigned f;
		while ((f = qualifier_flag(peek(p)))) {
			d->flags |= f;
			next_tok(p);
		}
		d->next = list;
		list = d;
	}
	return list;
}

/* At '(' after the pointers: a parenthesized declarator "(*p)" or a
 * function's parameter list "(int)"? */
static int nested_declarator_follows(struct parser *p, enum dmode m)
{
	int t = peek_at(p, 1);

	if (t == '*')
		return 1;
	if (m == DM_NAMED)
		return t == T_IDENT || t == '(';
	if (t == '(' || t == '[')
		return 1;
	return m == DM_EITHER && t == T_IDENT && !type_start_at(p, 1);
}

/*
 * A declarator, returned as the derived-type chain outermost first: the
 * inner (parenthesized) declarator applies first, then the array and
 * function suffixes left to right, then the pointers right to left.
 * "int *a[4]" gives ARRAY(4) -> POINTER; "char (*p)[8]" POINTER -> ARRAY(8).
 */
static struct declarator *parse_declarator(struct parser *p, enum dmode m,
					   char **ident)
{
	struct declarator *ptrs = parse_pointers(p), *inner = NULL, *suffix = NULL;
	int tok = peek(p);

	if (tok == T_IDENT && m != DM_ABSTRACT) {
		*ident = next_tok(p).text;
	} else if (tok == '(' && nested_declarator_follows(p, m)) {
		next_tok(p);
		inner = parse_declarator(p, m, ident);
		expect(p, ')');
	} else if (m == DM_NAMED) {
		syntax_error_here(p);
	}
	for (;;) {
		if (peek(p) == '[')
			suffix = chain(suffix, parse_array(p));
		else if (peek(p) == '(')
			suffix = chain(suffix, parse_function(p));
		else
			break;
	}
	return chain(chain(inner, suffix), ptrs);
}

static struct tyname *parse_type_name(struct parser *p)
{
	enum decl_class cls = DC_NONE;
	struct tyname *tn = new_tyname(parse_specs(p, 0, &cls));

	tn->decl = parse_declarator(p, DM_ABSTRACT, &tn->ident);
	return tn;
}

/* ---- struct, union and enum bodies ---- */

static int parse_bit_width(struct parser *p)
{
	struct node *e = parse_ternary(p);

	if (e->kind != N_INT)
		diag_error(p->d, e->line, "D_DECL_BFCONST", "positive integral "
			   "constant expression expected as bit-field size");
	return (int)e->ival;
}

/* After '{': members up to and including '}' (at least one, as in C). */
static void parse_members(struct parser *p, struct tspec *ts)
{
	struct member_decl **tail = &ts->members;

	ts->has_body = 1;
	do {
		enum decl_class none = DC_NONE;
		struct tspec *ms = parse_specs(p, 0, &none);
		do {
			struct member_decl *m = xcalloc(1, sizeof(*m));
			m->bits = -1;
			m->tn = new_tyname(ms);
			if (peek(p) != ':')
				m->tn->decl = parse_declarator(p, DM_NAMED,
							       &m->tn->ident);
			if (accept(p, ':'))
				m->bits = parse_bit_width(p);
			*tail = m;
			tail = &m->next;
		} while (accept(p, ','));
		expect(p, ';');
	} while (peek(p) != '}');
	next_tok(p);
}

static void parse_enumerators(struct parser *p, struct tspec *ts)
{
	struct enum_decl **tail = &ts->enumerators;

	ts->has_body = 1;
	do {
		struct token_val t = expect(p, T_IDENT);
		struct enum_decl *e = xcalloc(1, sizeof(*e));
		e->name = t.text;
		e->line = t.line;
		if (accept(p, '='))
			e->value = parse_ternary(p);
		*tail = e;
		tail = &e->next;
	} while (accept(p, ','));
	expect(p, '}');
}

/* ---- declarations ---- */

static struct node *decl_node(enum node_kind kind, int line,
			      enum decl_class cls, struct tyname *tn)
{
	struct node *n = ast_new(kind, line);

	n->decl = xcalloc(1, sizeof(*n->decl));
	n->decl->cls = cls;
	n->decl->tn = tn;
	n->decl->line = line;
	return n;
}

/* specifiers [declarator {, declarator}] ';' -> one node per declarator
 * (kind N_DECL or N_DECL_STMT), sharing the specifiers. */
static struct node *parse_declaration(struct parser *p, enum node_kind kind)
{
	int line = peek_tv(p, 0)->line;
	enum decl_class cls = DC_NONE;
	struct tspec *ts = parse_specs(p, 1, &cls);
	struct node *head = NULL, **tail = &head;

	if (accept(p, ';'))	/* "struct s { ... };" */
		return decl_node(kind, line, cls, new_tyname(ts));
	do {
		struct tyname *tn = new_tyname(ts);
		int dline = peek_tv(p, 0)->line;
		tn->decl = parse_declarator(p, DM_NAMED, &tn->ident);
		if (cls == DC_TYPEDEF)
			add_typedef(p, tn->ident);
		*tail = decl_node(kind, dline, cls, tn);
		tail = &(*tail)->next;
	} while (accept(p, ','));
	expect(p, ';');
	return head;
}

/* inline type name = expr; */
static struct node *parse_inline(struct parser *p)
{
	int line = next_tok(p).line;
	enum decl_class cls = DC_NONE;
	struct tyname *tn = new_tyname(parse_specs(p, 1, &cls));

	tn->decl = parse_declarator(p, DM_NAMED, &tn->ident);
	expect(p, '=');
	struct node *n = decl_node(N_INLINE, line, cls, tn);
	n->a = parse_assign(p);
	expect(p, ';');
	return n;
}

/* translator out < in name > { member = expr; ... }; */
static struct node *parse_translator(struct parser *p)
{
	struct node *n = ast_new(N_XLATOR, next_tok(p).line);
	struct node **tail = &n->a;

	n->tn = parse_type_name(p);
	expect(p, '<');
	struct tyname *in = parse_type_name(p);
	struct token_val name = expect(p, T_IDENT);
	in->ident = name.text;
	n->decl = xcalloc(1, sizeof(*n->decl));
	n->decl->tn = in;
	n->decl->line = name.line;
	expect(p, '>');
	expect(p, '{');
	while (peek(p) != '}') {
		struct token_val m = expect(p, T_IDENT);
		struct token_val eq = expect(p, '=');
		struct node *a = ast_new(N_ASSIGN, eq.line);
		a->op = '=';
		a->a = ast_new(N_IDENT, m.line);
		a->a->name = m.text;
		a->b = parse_assign(p);
		expect(p, ';');
		*tail = a;
		tail = &a->next;
	}
	next_tok(p);
	expect(p, ';');
	return n;
}

/* "(int, char *)" of a provider's probe, as an N_TYPE of a function. */
static struct node *parse_probe_args(struct parser *p)
{
	struct node *n = ast_new(N_TYPE, peek_tv(p, 0)->line);
	struct tspec *ts = xcalloc(1, sizeof(*ts));

	ts->kind = TS_VOID;
	n->tn = new_tyname(ts);
	n->tn->decl = parse_function(p);
	return n;
}

/* provider name { probe name(args) [: (xargs)]; ... }; */
static struct node *parse_provider(struct parser *p)
{
	struct node *n = ast_new(N_PROVIDER, next_tok(p).line);
	struct node **tail = &n->a;

	n->name = expect(p, T_IDENT).text;
	expect(p, '{');
	while (peek(p) == K_PROBE) {
		struct node *pr = ast_new(N_PROBE_PROTO, next_tok(p).line);
		pr->name = expect(p, T_IDENT).text;
		pr->a = parse_probe_args(p);
		if (accept(p, ':'))
			pr->b = parse_probe_args(p);
		expect(p, ';');
		*tail = pr;
		tail = &pr->next;
	}
	expect(p, '}');
	expect(p, ';');
	return n;
}

/* ---- expressions ---- */

static struct node *new_op(enum node_kind kind, const struct token_val *t,
			   struct node *a, struct node *b)
{
	struct node *n = ast_new(kind, t->line);

	n->op = t->tok;
	n->a = a;
	n->b = b;
	return n;
}

/* Arguments or subscripts up to the closing token: a ->next chain. */
static struct node *parse_args(struct parser *p, int close, int may_be_empty)
{
	struct node *head = NULL, **tail = &head;

	if (may_be_empty && accept(p, close))
		return NULL;
	do {
		*tail = parse_assign(p);
		tail = &(*tail)->next;
	} while (accept(p, ','));
	expect(p, close);
	return head;
}

static struct node *new_list(int line, struct node *first)
{
	struct node *l = ast_new(N_LIST, line);

	l->a = first;
	return l;
}

/* mod`name or `name (the token at hand is the IDENT or the backquote). */
static struct node *parse_ident(struct parser *p)
{
	struct token_val t = next_tok(p);
	struct node *n = ast_new(N_IDENT, t.line);

	if (t.tok == T_BACKQUOTE) {
		n->scope = strdup("");
		t = expect(p, T_IDENT);
	} else if (peek(p) == T_BACKQUOTE) {
		next_tok(p);
		n->scope = t.text;
		t = expect(p, T_IDENT);
	}
	n->name = t.text;
	return n;
}

static struct node *parse_string(struct parser *p)
{
	struct token_val t = next_tok(p);
	struct node *n = ast_new(N_STR, t.line);

	n->str = t.text;
	n->slen = t.len;
	while (peek(p) == T_STR) {	/* "a" "b": adjacent literals join */
		struct token_val s = next_tok(p);
		n->str = realloc(n->str, n->slen + s.len + 1);
		if (!n->str)
			diag_error(p->d, s.line, "D_NOMEM", "out of memory");
		memcpy(n->str + n->slen, s.text, s.len + 1);
		n->slen += s.len;
		free(s.text);
	}
	return n;
}

/* self->name, this->name */
static struct node *parse_clause_var(struct parser *p)
{
	struct token_val t = next_tok(p);
	struct node *n = ast_new(t.tok == K_SELF ? N_SELF : N_THIS, t.line);

	expect(p, T_ARROW);
	n->name = expect(p, T_IDENT).text;
	return n;
}

static struct node *parse_agg(struct parser *p)
{
	struct token_val t = next_tok(p);
	struct node *n = ast_new(N_AGG, t.line);

	n->name = t.text;
	if (peek(p) == '[') {
		int line = next_tok(p).line;
		n->a = new_list(line, parse_args(p, ']', 0));
	}
	return n;
}

static struct node *parse_offsetof(struct parser *p)
{
	struct node *n = ast_new(N_OFFSETOF, next_tok(p).line);

	expect(p, '(');
	n->tn = parse_type_name(p);
	expect(p, ',');
	n->name = expect(p, T_IDENT).text;
	expect(p, ')');
	return n;
}

static struct node *parse_xlate(struct parser *p)
{
	struct node *n = ast_new(N_XLATE, next_tok(p).line);

	expect(p, '<');
	n->tn = parse_type_name(p);
	expect(p, '>');
	expect(p, '(');
	n->a = parse_expr(p);
	expect(p, ')');
	return n;
}

static struct node *parse_primary(struct parser *p)
{
	struct token_val *t = peek_tv(p, 0);
	struct node *n;

	switch ((int)t->tok) {
	case T_INT:
	case T_CHAR:
		n = ast_new(N_INT, t->line);
		n->ival = t->ival;
		n->is_unsigned = t->is_unsigned;
		n->int_long = t->int_long;
		n->is_decimal = t->is_decimal;
		next_tok(p);
		return n;
	case T_STR:
		return parse_string(p);
	case T_IDENT:
	case T_BACKQUOTE:
		return parse_ident(p);
	case T_AGGNAME:
		return parse_agg(p);
	case T_DOLLAR:
	case T_DOLLAR2:
		n = ast_new(N_DOLLAR, t->line);
		n->name = t->text;
		n->is_quoted = t->tok == T_DOLLAR2;
		next_tok(p);
		return n;
	case K_SELF:
	case K_THIS:
		return parse_clause_var(p);
	case K_OFFSETOF:
		return parse_offsetof(p);
	case K_XLATE:
		return parse_xlate(p);
	case '(':
		next_tok(p);
		n = parse_expr(p);
		expect(p, ')');
		return n;
	}
	syntax_error(p, t);
}

/* .name and ->name; a $1 there is kept as "$1" for macro substitution. */
static struct node *parse_member(struct parser *p, struct node *base)
{
	struct token_val op = next_tok(p);
	struct node *n = ast_new(op.tok == '.' ? N_MEMBER : N_PTRMEMBER, op.line);
	struct token_val m = next_tok(p);

	n->a = base;
	if (m.tok == T_IDENT) {
		n->name = m.text;
	} else if (m.tok == T_DOLLAR) {
		n->name = malloc(m.len + 2);
		if (!n->name)
			diag_error(p->d, m.line, "D_NOMEM", "out of memory");
		sprintf(n->name, "$%s", m.text);
	} else {
		syntax_error(p, &m);
	}
	return n;
}

static struct node *parse_call(struct parser *p, struct node *fn)
{
	struct token_val t = next_tok(p);
	struct node *n;

	if (fn->kind != N_IDENT)
		diag_error(p->d, t.line, "D_FUNC_IDENT",
			   "function designator is not of function type");
	n = ast_new(N_CALL, fn->line);
	n->name = fn->name;
	n->scope = fn->scope;
	n->a = parse_args(p, ')', 1);
	return n;
}

static struct node *parse_postfix(struct parser *p)
{
	struct node *n = parse_primary(p), *x;

	for (;;) {
		struct token_val *t = peek_tv(p, 0);
		switch ((int)t->tok) {
		case '[':
			x = ast_new(N_INDEX, t->line);
			next_tok(p);
			x->a = n;
			x->b = new_list(x->line, parse_args(p, ']', 0));
			n = x;
			break;
		case '(':
			n = parse_call(p, n);
			break;
		case '.':
		case T_ARROW:
			n = parse_member(p, n);
			break;
		case T_INC:
		case T_DEC:
			n = new_op(N_POSTINC, t, n, NULL);
			next_tok(p);
			break;
		default:
			return n;
		}
	}
}

static struct node *parse_sizeof(struct parser *p)
{
	int line = next_tok(p).line;
	struct node *n;

	if (peek(p) == '(' && type_start_at(p, 1)) {
		next_tok(p);
		n = ast_new(N_SIZEOF_TYPE, line);
		n->tn = parse_type_name(p);
		expect(p, ')');
	} else {
		n = ast_new(N_SIZEOF_EXPR, line);
		n->a = parse_unary(p);
	}
	return n;
}

static struct node *parse_unary(struct parser *p)
{
	struct token_val t = *peek_tv(p, 0);
	struct node *n;

	switch ((int)t.tok) {
	case T_INC:
	case T_DEC:
		next_tok(p);
		n = new_op(N_PREINC, &t, parse_unary(p), NULL);
		break;
	case '&': case '*': case '+': case '-': case '~': case '!':
		next_tok(p);
		n = new_op(N_UNOP, &t, parse_cast(p), NULL);
		break;
	case K_SIZEOF:
		n = parse_sizeof(p);
		break;
	case K_STRINGOF:
		next_tok(p);
		n = ast_new(N_STRINGOF, t.line);
		n->a = parse_unary(p);
		break;
	default:
		n = parse_postfix(p);
	}
	p->last_unary = n;
	return n;
}

static struct node *parse_cast(struct parser *p)
{
	if (peek(p) == '(' && type_start_at(p, 1)) {
		struct node *n = ast_new(N_CAST, next_tok(p).line);
		n->tn = parse_type_name(p);
		expect(p, ')');
		n->a = parse_cast(p);
		return n;
	}
	return parse_unary(p);
}

/* Binary operators by precedence, C's table with D's ^^ between || and &&;
 * 1..3 are the logical operators. */
static int binary_prec(int tok)
{
	switch (tok) {
	case T_LOR:				return 1;
	case T_LXOR:				return 2;
	case T_LAND:				return 3;
	case '|':				return 4;
	case '^':				return 5;
	case '&':				return 6;
	case T_EQ: case T_NE:			return 7;
	case '<': case '>': case T_LE: case T_GE: return 8;
	case T_SHL: case T_SHR:			return 9;
	case '+': case '-':			return 10;
	case '*': case '/': case '%':		return 11;
	}
	return 0;
}

/* Precedence climbing over binary_prec(); all are left-associative. */
static struct node *parse_binary(struct parser *p, int min_prec)
{
	struct node *lhs = parse_cast(p);

	for (;;) {
		int prec = binary_prec(peek(p));
		if (prec == 0 || prec < min_prec)
			return lhs;
		struct token_val t = next_tok(p);
		struct node *rhs = parse_binary(p, prec + 1);
		lhs = new_op(prec <= 3 ? N_LOGOP : N_BINOP, &t, lhs, rhs);
	}
}

/* a ? expr : conditional (right-associative) */
static struct node *parse_ternary(struct parser *p)
{
	struct node *c = parse_binary(p, 1);

	if (peek(p) != '?')
		return c;
	struct node *n = ast_new(N_TERNARY, next_tok(p).line);
	n->a = c;
	n->b = parse_expr(p);
	expect(p, ':');
	n->c = parse_ternary(p);
	return n;
}

static int is_assign_op(int tok)
{
	return tok == '=' || (tok >= T_ADD_EQ && tok <= T_SHR_EQ);
}

static struct node *parse_assign(struct parser *p)
{
	struct node *lhs = parse_ternary(p);

	if (!is_assign_op(peek(p)))
		return lhs;
	if (lhs != p->last_unary)
		syntax_error_here(p);	/* "a + b = c", "(int)x = c" */
	struct token_val t = next_tok(p);
	return new_op(N_ASSIGN, &t, lhs, parse_assign(p));
}

/* expression: assignments joined by the comma operator */
static struct node *parse_expr(struct parser *p)
{
	struct node *n = parse_assign(p);

	while (peek(p) == ',') {
		struct token_val t = next_tok(p);
		n = new_op(N_BINOP, &t, n, parse_assign(p));
	}
	return n;
}

/* ---- statements ---- */

/* Does a declaration start here?  Type keywords and storage classes do
 * ("self int x;" but not "self->x"); a typedef name does when a name or
 * '*' follows it ("uint64_t x;"), else it is an expression ("size_t = 1"
 * assigns a variable that happens to be called so). */
static int is_decl_start(struct parser *p)
{
	int tok = peek(p), n;

	if (tok == K_SELF || tok == K_THIS)
		return peek_at(p, 1) != T_ARROW;
	if (class_of(tok) >= 0 || is_spec_keyword(tok) || scoped_sou_at(p, 0))
		return 1;
	/* the cheap test first: asking whether a word is a kernel type may
	 * load the kernel's BTF, which "exit(0);" has no need of */
	n = peek_at(p, 1);
	if (tok == T_IDENT && n != T_IDENT && n != '*' && n != T_BACKQUOTE)
		return 0;
	if (!(n = typedef_name_len(p, 0)))
		return 0;
	tok = peek_at(p, n);
	return tok == T_IDENT || tok == '*';
}

/* Statements up to '}', which is consumed. */
static struct node *parse_stmt_list(struct parser *p)
{
	struct node *head = NULL, **tail = &head;

	while (peek(p) != '}') {
		*tail = parse_stmt(p);
		while (*tail)
			tail = &(*tail)->next;
	}
	next_tok(p);
	return head;
}

static struct node *parse_if(struct parser *p)
{
	struct node *n = ast_new(N_IF, next_tok(p).line);

	expect(p, '(');
	n->a = parse_expr(p);
	expect(p, ')');
	n->b = parse_stmt(p);
	if (accept(p, K_ELSE))
		n->c = parse_stmt(p);
	return n;
}

static struct node *parse_stmt(struct parser *p)
{
	struct token_val *t = peek_tv(p, 0);
	struct node *n;

	switch ((int)t->tok) {
	case ';':
		n = ast_new(N_EMPTY_STMT, t->line);
		next_tok(p);
		return n;
	case '{':
		n = ast_new(N_BLOCK, t->line);
		next_tok(p);
		n->a = parse_stmt_list(p);
		return n;
	case K_IF:
		return parse_if(p);
	}
	if (is_decl_start(p))
		return parse_declaration(p, N_DECL_STMT);
	n = ast_new(N_EXPR_STMT, t->line);
	n->a = parse_expr(p);
	/* The last statement before '}' needs no ';': BEGIN { exit(0) } */
	if (!accept(p, ';') && peek(p) != '}')
		syntax_error_here(p);
	return n;
}

/* ---- probe clauses and the top level ---- */

static void parse_descs(struct parser *p, struct node *c)
{
	struct probe_spec **tail = &c->descs;

	for (;;) {
		struct token_val t = next_tok(p);
		if (t.tok != T_PROBEDESC)
			syntax_error(p, &t);
		*tail = ast_probe_spec(t.text, t.line);
		tail = &(*tail)->next;
		free(t.text);
		if (!accept(p, ','))
			break;
	}
}

static struct node *parse_clause(struct parser *p)
{
	struct node *c = ast_new(N_CLAUSE, peek_tv(p, 0)->line);

	parse_descs(p, c);
	if (accept(p, '/')) {
		set_mode(p, LEX_EXPR);
		c->a = parse_expr(p);
		if (peek(p) != T_EPRED)
			syntax_error_here(p);
		next_tok(p);
		if (peek(p) != '{')
			diag_error(p->d, c->a->line, "D_SYNTAX", "expected actions "
				   "{ } following probe description and predicate");
		c->ival = peek_tv(p, 0)->line;	/* DTrace's predicate error line */
	} else if (peek(p) != '{') {
		/* "dtrace -n BEGIN" is fine; a script file needs more. */
		if (p->d->file && !p->opts->is_spec)
			diag_error(p->d, c->line, "D_SYNTAX", "expected predicate "
				   "and/or actions following probe description");
		return c;
	}
	next_tok(p);
	set_mode(p, LEX_EXPR);
	c->has_body = 1;
	c->b = parse_stmt_list(p);
	return c;
}

/* One top-level item; the next token was read in probe mode. */
static struct node *parse_external(struct parser *p)
{
	int tok = peek(p);

	if (tok == T_PROBEDESC)
		return parse_clause(p);
	if (tok == T_EOF || tok < 256 || tok == K_COUNTER || tok == K_IMPORT)
		syntax_error_here(p);
	set_mode(p, LEX_EXPR);		/* re-read as a declaration's words */
	switch (peek(p)) {
	case K_INLINE:
		return parse_inline(p);
	case K_TRANSLATOR:
		return parse_translator(p);
	case K_PROVIDER:
		return parse_provider(p);
	}
	return parse_declaration(p, N_DECL);
}

static struct node **flush_pragmas(struct parser *p, struct node **tail)
{
	*tail = p->pragmas;
	while (*tail)
		tail = &(*tail)->next;
	p->pragmas = NULL;
	p->pragma_tail = &p->pragmas;
	p->npragmas = 0;
	for (int i = 0; i < p->nla; i++)
		p->la[i].npragmas = 0;
	return tail;
}

struct program *parse_program(struct diag *d, const char *text,
			      const struct parse_opts *opts)
{
	static const struct parse_opts no_opts;
	struct parser *p = xcalloc(1, sizeof(*p));
	struct program *prog = xcalloc(1, sizeof(*prog));
	struct node **tail = &prog->first;

	p->d = d;
	p->opts = opts ? opts : &no_opts;
	p->pragma_tail = &p->pragmas;
	p->mode = LEX_PROBE;
	lex_init(&p->lx, d, text);
	p->lx.is_spec = p->opts->is_spec;
	p->lx.is_type = lexer_is_type;
	p->lx.arg = p;
	prog->filename = d->file ? d->file : d->spec;

	for (;;) {
		set_mode(p, LEX_PROBE);
		int tok = peek(p);
		tail = flush_pragmas(p, tail);
		if (tok == T_EOF)
			break;
		*tail = parse_external(p);
		while (*tail)
			tail = &(*tail)->next;
	}
	free(p);
	return prog;
}
