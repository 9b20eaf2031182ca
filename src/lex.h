/* lex.h - tokens of D and the reentrant lexer.
 *
 * Single-character operators and punctuation are their own character code
 * ('+', ';', ...); everything longer has a T_ code.  The AST's "op" field
 * holds these codes too.
 */
#ifndef DT_LEX_H
#define DT_LEX_H

#include <stdint.h>
#include <stddef.h>
#include "diag.h"

enum token {
	T_EOF = 0,
	T_IDENT = 256,	/* text */
	T_INT,		/* ival, is_unsigned, int_long */
	T_FLOATNUM,	/* D has no floating point at run time: an error if used */
	T_STR,		/* text (decoded), len */
	T_CHAR,		/* 'c': ival */
	T_DOLLAR,	/* $1 $pid $target: text = "1", "pid" */
	T_DOLLAR2,	/* $$1 */
	T_AGGNAME,	/* @name or @: text = "name" or "" */
	T_BACKQUOTE,	/* ` module scope */

	T_ARROW,	/* -> */
	T_INC, T_DEC,	/* ++ -- */
	T_SHL, T_SHR,	/* << >> */
	T_LE, T_GE, T_EQ, T_NE,
	T_LAND, T_LOR, T_LXOR,	/* && || ^^ */
	T_ADD_EQ, T_SUB_EQ, T_MUL_EQ, T_DIV_EQ, T_MOD_EQ,
	T_AND_EQ, T_OR_EQ, T_XOR_EQ, T_SHL_EQ, T_SHR_EQ,
	T_ELLIPSIS,	/* ... */

	/* keywords */
	K_AUTO, K_BREAK, K_CASE, K_CHAR, K_CONST, K_CONTINUE, K_COUNTER,
	K_DEFAULT, K_DO, K_DOUBLE, K_ELSE, K_ENUM, K_EXTERN, K_FLOAT, K_FOR,
	K_GOTO, K_IF, K_IMPORT, K_INLINE, K_INT, K_LONG, K_OFFSETOF, K_PROBE,
	K_PROVIDER, K_REGISTER, K_RESTRICT, K_RETURN, K_SELF, K_SHORT,
	K_SIGNED, K_SIZEOF, K_STATIC, K_STRING, K_STRINGOF, K_STRUCT,
	K_SWITCH, K_THIS, K_TRANSLATOR, K_TYPEDEF, K_UNION, K_UNSIGNED,
	K_USERLAND, K_VOID, K_VOLATILE, K_WHILE, K_XLATE,

	T_PRAGMA,	/* a "#pragma ..." line: text = what follows "pragma" */
	T_PROBEDESC,	/* a probe description, text (lexed in "probe" state) */
	T_EPRED,	/* the '/' that closes a predicate (DTrace's lookahead:
			   a '/' followed by EOF, ';', '{' or '/') */
};

struct token_val {
	enum token tok;
	int line;
	char *text;		/* malloc'ed, owned by the token consumer */
	size_t len;
	uint64_t ival;
	unsigned is_unsigned:1, int_long:2;
	unsigned is_decimal:1;	/* T_INT written in decimal (or a char constant) */
	const char *raw;	/* the token's source text, for messages */
	size_t rawlen;		/* 0 at T_EOF */
};

const char *lex_token_name(int tok);	/* for "syntax error near X" */

/*
 * The lexer.  All its state lives in struct lexer, so any number can run at
 * once.  The parser chooses the mode per token: LEX_PROBE where a clause may
 * start (probe descriptions contain '-', ':', '*' ... and are one token),
 * LEX_EXPR everywhere else.  Because the mode is decided by the parser, the
 * parser may rewind (lex_restore) to re-read a token in the other mode.
 */
enum lex_mode { LEX_EXPR, LEX_PROBE };

struct lex_state {
	const char *p;		/* next character */
	int line;
	int parens, brackets;	/* open ( and [ for DTrace's predicate checks */
	int after_deref;	/* last token was '.' or '->': words are names */
};

struct lexer {
	const char *src;
	struct lex_state st;
	struct diag *d;
	int is_spec;		/* -n: probe-mode words are always descriptions */
	/* Whether a word names a type: decides "uint64_t x;" (declaration)
	 * against "foo" (a probe description) at the start of a clause. */
	int (*is_type)(void *arg, const char *scope, const char *name);
	void *arg;
};

void lex_init(struct lexer *lx, struct diag *d, const char *text);
/* Reads the next token into *tv; lexical errors go through diag. */
void lex_next(struct lexer *lx, enum lex_mode mode, struct token_val *tv);

#endif
