/* lex.c - the D lexer.
 *
 * Follows DTrace's dt_lex.l rule for rule where it matters to scripts: the
 * same keywords, integer and character constant rules, the string escapes
 * of stresc2chr(), the '/' lookahead that tells a predicate's closing slash
 * from division, control lines (#pragma, #line, cpp's "# N"), and the
 * outer-scope "probe" mode in which "syscall::open*:entry" is one token.
 *
 * All state is in struct lexer; nothing here is global and mutable.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lex.h"

struct keyword {
	const char *name;
	int tok;
	int outer;	/* also a keyword where a clause may start (dt_lex.l S2) */
};

static const struct keyword keywords[] = {
	{ "auto", K_AUTO, 1 },		{ "break", K_BREAK, 0 },
	{ "case", K_CASE, 0 },		{ "char", K_CHAR, 1 },
	{ "const", K_CONST, 1 },	{ "continue", K_CONTINUE, 0 },
	{ "counter", K_COUNTER, 1 },	{ "default", K_DEFAULT, 0 },
	{ "do", K_DO, 0 },		{ "double", K_DOUBLE, 1 },
	{ "else", K_ELSE, 0 },		{ "enum", K_ENUM, 1 },
	{ "extern", K_EXTERN, 1 },	{ "float", K_FLOAT, 1 },
	{ "for", K_FOR, 0 },		{ "goto", K_GOTO, 0 },
	{ "if", K_IF, 0 },		{ "import", K_IMPORT, 1 },
	{ "inline", K_INLINE, 1 },	{ "int", K_INT, 1 },
	{ "long", K_LONG, 1 },		{ "offsetof", K_OFFSETOF, 0 },
	{ "probe", K_PROBE, 0 },	{ "provider", K_PROVIDER, 1 },
	{ "register", K_REGISTER, 1 },	{ "restrict", K_RESTRICT, 1 },
	{ "return", K_RETURN, 0 },	{ "self", K_SELF, 1 },
	{ "short", K_SHORT, 1 },	{ "signed", K_SIGNED, 1 },
	{ "sizeof", K_SIZEOF, 0 },	{ "static", K_STATIC, 1 },
	{ "string", K_STRING, 1 },	{ "stringof", K_STRINGOF, 0 },
	{ "struct", K_STRUCT, 1 },	{ "switch", K_SWITCH, 0 },
	{ "this", K_THIS, 1 },		{ "translator", K_TRANSLATOR, 1 },
	{ "typedef", K_TYPEDEF, 1 },	{ "union", K_UNION, 1 },
	{ "unsigned", K_UNSIGNED, 1 },	{ "userland", K_USERLAND, 1 },
	{ "void", K_VOID, 1 },		{ "volatile", K_VOLATILE, 1 },
	{ "while", K_WHILE, 0 },	{ "xlate", K_XLATE, 0 },
};

/* Multi-character operators, longest first so the first match is the
 * longest (lex's rule). */
static const struct { const char *text; int tok; } operators[] = {
	{ "<<=", T_SHL_EQ }, { ">>=", T_SHR_EQ }, { "...", T_ELLIPSIS },
	{ "->", T_ARROW }, { "++", T_INC }, { "--", T_DEC },
	{ "<<", T_SHL }, { ">>", T_SHR }, { "<=", T_LE }, { ">=", T_GE },
	{ "==", T_EQ }, { "!=", T_NE }, { "&&", T_LAND }, { "||", T_LOR },
	{ "^^", T_LXOR }, { "+=", T_ADD_EQ }, { "-=", T_SUB_EQ },
	{ "*=", T_MUL_EQ }, { "/=", T_DIV_EQ }, { "%=", T_MOD_EQ },
	{ "&=", T_AND_EQ }, { "|=", T_OR_EQ }, { "^=", T_XOR_EQ },
};

static const char single_ops[] = "+-*/%&|^!~?:;,.()[]{}<>=";

const char *lex_token_name(int tok)
{
	/* One-character tokens: a pointer into this string, one NUL apart. */
	static const char singles[] =
		"+\0-\0*\0/\0%\0&\0|\0^\0!\0~\0?\0:\0;\0,\0.\0(\0)\0[\0]\0{\0}\0<\0>\0=";
	const char *s = tok > 0 && tok < 256 ? strchr(single_ops, tok) : NULL;

	if (s)
		return singles + 2 * (s - single_ops);
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
		if (operators[i].tok == tok)
			return operators[i].text;
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (keywords[i].tok == tok)
			return keywords[i].name;
	switch (tok) {
	case T_EOF:		return "end of input";
	case T_IDENT:		return "identifier";
	case T_INT:		return "integer constant";
	case T_FLOATNUM:	return "floating-point constant";
	case T_STR:		return "string literal";
	case T_CHAR:		return "character constant";
	case T_DOLLAR:
	case T_DOLLAR2:		return "macro argument";
	case T_AGGNAME:		return "aggregation";
	case T_BACKQUOTE:	return "`";
	case T_PRAGMA:		return "#pragma";
	case T_PROBEDESC:	return "probe description";
	case T_EPRED:		return "/";
	}
	return "?";
}

static const struct keyword *keyword_find(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strlen(keywords[i].name) == len &&
		    !memcmp(keywords[i].name, s, len))
			return &keywords[i];
	return NULL;
}

void lex_init(struct lexer *lx, struct diag *d, const char *text)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = text;
	lx->st.p = text;
	lx->st.line = 1;
	lx->d = d;
}

static void __attribute__((noreturn, format(printf, 3, 4)))
lex_error(struct lexer *lx, const char *tag, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	diag_error(lx->d, lx->st.line, tag, "%s", buf);
}

/* dt_lex.l's catch-all rule for a character no rule wants. */
static void __attribute__((noreturn)) bad_char(struct lexer *lx, int c)
{
	if (c == '\0')
		lex_error(lx, "D_SYNTAX", "syntax error near end of input");
	if (isprint(c))
		lex_error(lx, "D_SYNTAX", "syntax error near \"%c\"", c);
	lex_error(lx, "D_SYNTAX", "invalid character (0x%02x)", c & 0xff);
}

static char *xstrndup(const char *s, size_t n)
{
	char *r = malloc(n + 1);

	if (!r) {
		fprintf(stderr, "dtrace: out of memory\n");
		exit(1);
	}
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* ---- whitespace, comments, control lines ---- */

static int is_hspace(int c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

static void skip_comment(struct lexer *lx)
{
	const char *p = lx->st.p + 2;

	for (;;) {
		if (*p == '\0') {
			lx->st.p = p;
			lex_error(lx, "D_SYNTAX",
				  "end-of-file encountered before matching */");
		}
		if (p[0] == '*' && p[1] == '/')
			break;
		if (p[0] == '/' && p[1] == '*') {
			lx->st.p = p;
			lex_error(lx, "D_SYNTAX",
				  "/* encountered inside a comment");
		}
		if (*p == '\n')
			lx->st.line++;
		p++;
	}
	lx->st.p = p + 2;
}

/* A '#' is a control line only when nothing but blanks precede it on its
 * line (dt_lex.l's ^{RGX_CTL}). */
static int at_line_start(const struct lexer *lx, const char *hash)
{
	const char *q = hash;

	while (q > lx->src && (q[-1] == ' ' || q[-1] == '\t' ||
			       q[-1] == '\f' || q[-1] == '\v'))
		q--;
	return q == lx->src || q[-1] == '\n';
}

/* The control line's end: the newline must exist, as in DTrace. */
static const char *control_end(struct lexer *lx, const char *p)
{
	const char *e = strchr(p, '\n');

	if (!e) {
		lx->st.p = p + strlen(p);
		lex_error(lx, "D_SYNTAX",
			  "end-of-file encountered before end of control line");
	}
	return e;
}

/* "# 12 "file" flags" or "#line 12 "file"": the next line is number 12. */
static void control_line_number(struct lexer *lx, const char *p,
				const char *end, const char *name)
{
	while (p < end && is_hspace(*p))
		p++;
	if (p == end || !isdigit((unsigned char)*p))
		lex_error(lx, "D_PRAGMA_MALFORM",
			  "malformed #%s <line> [ [\"file\"] state ]", name);
	long n = strtol(p, NULL, 10);
	lx->st.line = (int)n - 1;	/* the newline that ends it counts one */
	lx->st.p = end;
}

/*
 * A control line starting at '#' (blanks before it already checked).
 * Returns 1 with a T_PRAGMA in *tv for "#pragma", 0 for lines consumed
 * silently (#!, # N "file", #line, #ident).
 */
static int control_line(struct lexer *lx, const char *hash,
			struct token_val *tv)
{
	const char *p = hash + 1, *end, *w;

	if (*p == '!') {			/* #!/usr/sbin/dtrace -s */
		end = strchr(p, '\n');
		lx->st.p = end ? end : p + strlen(p);
		return 0;
	}
	end = control_end(lx, p);
	while (p < end && is_hspace(*p))
		p++;
	if (isdigit((unsigned char)*p)) {
		control_line_number(lx, p, end, "line");
		return 0;
	}
	for (w = p; p < end && (isalnum((unsigned char)*p) || *p == '_'); p++)
		;
	size_t wlen = p - w;
	if (wlen == 0) {
		lx->st.p = end;
		lex_error(lx, "D_PRAGCTL_INVAL", "invalid control directive");
	}
	if (wlen == 4 && !memcmp(w, "line", 4)) {
		control_line_number(lx, p, end, "line");
		return 0;
	}
	if (wlen == 5 && !memcmp(w, "ident", 5)) {
		lx->st.p = end;
		return 0;
	}
	if (wlen != 6 || memcmp(w, "pragma", 6)) {
		lex_error(lx, "D_PRAGCTL_INVAL", "invalid control directive: #%.*s",
			  (int)wlen, w);
	}
	while (p < end && is_hspace(*p))
		p++;
	const char *e = end;
	while (e > p && is_hspace(e[-1]))
		e--;
	tv->tok = T_PRAGMA;
	tv->line = lx->st.line;
	tv->text = xstrndup(p, e - p);
	tv->len = e - p;
	tv->raw = hash;
	tv->rawlen = end - hash;
	lx->st.p = end;
	return 1;
}

/* Skips blanks, newlines, comments and control lines.  Returns 1 when a
 * #pragma was found (in *tv), 0 at the next real token. */
static int skip_space(struct lexer *lx, struct token_val *tv)
{
	for (;;) {
		const char *p = lx->st.p;

		if (is_hspace(*p)) {
			lx->st.p++;
		} else if (*p == '\n') {
			lx->st.line++;
			lx->st.p++;
		} else if (p[0] == '\\' && p[1] == '\n') {
			lx->st.line++;
			lx->st.p += 2;
		} else if (p[0] == '/' && p[1] == '*') {
			skip_comment(lx);
		} else if (*p == '#' && at_line_start(lx, p)) {
			if (control_line(lx, p, tv))
				return 1;
		} else {
			return 0;
		}
	}
}

/* ---- escapes: DTrace's stresc2chr() ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into out (at least n + 1 bytes); returns the length.
 * Unknown escapes keep their backslash, as stresc2chr() does. */
static size_t decode_escapes(const char *s, size_t n, char *out)
{
	const char *end = s + n;
	char *q = out;

	while (s < end) {
		char c = *s++;

		if (c != '\\' || s == end) {
			*q++ = c;
			continue;
		}
		c = *s++;
		switch (c) {
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7': {
			int v = c - '0';
			for (int i = 0; i < 2 && s < end && *s >= '0' && *s <= '7'; i++)
				v = v * 8 + (*s++ - '0');
			*q++ = (char)v;
			break;
		}
		case 'x': {
			int v = 0, h;
			while (s < end && (h = hexval((unsigned char)*s)) >= 0) {
				v = v * 16 + h;
				s++;
			}
			*q++ = (char)v;
			break;
		}
		case 'a': *q++ = '\a'; break;
		case 'b': *q++ = '\b'; break;
		case 'f': *q++ = '\f'; break;
		case 'n': *q++ = '\n'; break;
		case 'r': *q++ = '\r'; break;
		case 't': *q++ = '\t'; break;
		case 'v': *q++ = '\v'; break;
		case '"': case '\'': case '\\': case '?':
			*q++ = c;
			break;
		default:
			*q++ = '\\';
			*q++ = c;
		}
	}
	*q = '\0';
	return q - out;
}

/* Finds the closing quote of a string or character literal starting at
 * lx->st.p; the body is between.  Newlines and EOF are DTrace's errors. */
static const char *literal_end(struct lexer *lx, int quote)
{
	const char *p = lx->st.p + 1;

	for (;;) {
		if (*p == quote)
			return p;
		/* A backslash-newline matches neither literal rule of dt_lex.l:
		 * the quote itself is then the bad character. */
		if (*p == '\0' || (p[0] == '\\' && p[1] == '\n'))
			bad_char(lx, quote);
		if (*p == '\n') {
			/* flex counted the newline before the rule ran */
			lx->st.line++;
			if (quote == '"')
				lex_error(lx, "D_STR_NL",
					  "newline encountered in string literal");
			lex_error(lx, "D_CHR_NL",
				  "newline encountered in character constant");
		}
		p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
	}
}

static void lex_string(struct lexer *lx, struct token_val *tv)
{
	const char *body = lx->st.p + 1, *end = literal_end(lx, '"');
	char *buf = malloc(end - body + 1);

	if (!buf)
		lex_error(lx, "D_NOMEM", "out of memory");
	tv->tok = T_STR;
	tv->len = decode_escapes(body, end - body, buf);
	tv->text = buf;
	lx->st.p = end + 1;
}

/* 'c': the bytes in big-endian order as one integer ('ab' is 0x6162), as
 * DTrace builds it on little-endian machines. */
static void lex_char(struct lexer *lx, struct token_val *tv)
{
	const char *body = lx->st.p + 1, *end = literal_end(lx, '\'');
	char buf[64];

	if (end == body)
		lex_error(lx, "D_CHR_NULL", "empty character constant");
	if ((size_t)(end - body) >= sizeof(buf))
		lex_error(lx, "D_CHR_OFLOW", "character constant is too long");
	size_t n = decode_escapes(body, end - body, buf);
	if (n > sizeof(uint64_t))
		lex_error(lx, "D_CHR_OFLOW", "character constant is too long");
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = (v << 8) | (unsigned char)buf[i];
	tv->tok = T_CHAR;
	tv->ival = v;
	tv->is_decimal = 1;
	lx->st.p = end + 1;
}

/* ---- numbers ---- */

/* How far RGX_FP would match from s: lex prefers the longer of RGX_INT and
 * RGX_FP, and a floating-point match is an error. */
static const char *fp_match_end(const char *s)
{
	const char *r = s;

	while (isdigit((unsigned char)*r))
		r++;
	if (*r == '.') {
		r++;
		while (isdigit((unsigned char)*r))
			r++;
	}
	if (r == s || (r == s + 1 && *s == '.'))
		return s;
	if (*r == 'e' || *r == 'E') {
		const char *t = r + 1;
		if (*t == '+' || *t == '-')
			t++;
		if (isdigit((unsigned char)*t)) {
			while (isdigit((unsigned char)*t))
				t++;
			r = t;
		}
	}
	if (*r && strchr("fFlL", *r))
		r++;
	return r;
}

/* Value of digits [s, e) in base; sets *bad to an invalid digit, returns
 * nonzero on overflow. */
static int int_value(const char *s, const char *e, int base, uint64_t *val,
		     int *bad)
{
	uint64_t v = 0;
	int over = 0;

	*bad = 0;
	for (; s < e; s++) {
		int d = hexval((unsigned char)*s);
		if (d >= base) {
			*bad = *s;
			break;
		}
		if (v > (UINT64_MAX - d) / base)
			over = 1;
		v = v * base + d;
	}
	*val = v;
	return over;
}

static void lex_number(struct lexer *lx, struct token_val *tv)
{
	const char *s = lx->st.p, *q, *digits;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    isxdigit((unsigned char)s[2])) {
		base = 16;
		digits = s + 2;
		for (q = digits; isxdigit((unsigned char)*q); q++)
			;
	} else {
		for (q = s; isdigit((unsigned char)*q); q++)
			;
		digits = s;
		if (s[0] == '0' && q > s + 1)
			base = 8;
	}

	const char *u = q;
	int is_unsigned = 0, nlong = 0;
	if (*u == 'u' || *u == 'U')
		is_unsigned = 1, u++;
	while (nlong < 2 && (*u == 'l' || *u == 'L'))
		nlong++, u++;
	if (base != 16 && fp_match_end(s) > u) {
		lx->st.p = fp_match_end(s);
		lex_error(lx, "D_SYNTAX", "floating-point constants are not permitted");
	}

	int len = (int)(u - s), bad;
	if (int_value(digits, q, base, &tv->ival, &bad))
		lex_error(lx, "D_INT_OFLOW",
			  "constant %.*s results in integer overflow", len, s);
	if (bad)
		lex_error(lx, "D_INT_DIGIT",
			  "constant %.*s contains invalid digit %c", len, s, bad);
	tv->tok = T_INT;
	tv->is_unsigned = is_unsigned;
	tv->int_long = nlong;
	tv->is_decimal = s[0] != '0';
	lx->st.p = u;
}

/* ---- words ---- */

static int is_word(int c)
{
	return isalnum(c) || c == '_';
}

static void lex_word(struct lexer *lx, struct token_val *tv)
{
	const char *s = lx->st.p, *e = s;

	while (is_word((unsigned char)*e))
		e++;
	lx->st.p = e;
	/* After '.' and '->' a word is a member name even if it is a keyword
	 * (dt_lex.l's SIDENT state): "self->string", "args[0]->type". */
	const struct keyword *kw = lx->st.after_deref ? NULL : keyword_find(s, e - s);
	if (kw) {
		tv->tok = kw->tok;
		return;
	}
	tv->tok = T_IDENT;
	tv->text = xstrndup(s, e - s);
	tv->len = e - s;
}

/* $1, $pid, $$1, $$target: macro references, substituted later. */
static void lex_dollar(struct lexer *lx, struct token_val *tv)
{
	const char *s = lx->st.p + 1, *e;
	int quoted = *s == '$';

	if (quoted)
		s++;
	e = s;
	if (isdigit((unsigned char)*e)) {
		while (isdigit((unsigned char)*e))
			e++;
	} else if (isalpha((unsigned char)*e) || *e == '_') {
		while (is_word((unsigned char)*e))
			e++;
	} else {
		bad_char(lx, '$');
	}
	tv->tok = quoted ? T_DOLLAR2 : T_DOLLAR;
	tv->text = xstrndup(s, e - s);
	tv->len = e - s;
	lx->st.p = e;
}

static void lex_agg(struct lexer *lx, struct token_val *tv)
{
	const char *s = lx->st.p + 1, *e = s;

	if (isalpha((unsigned char)*e) || *e == '_')
		while (is_word((unsigned char)*e))
			e++;
	tv->tok = T_AGGNAME;
	tv->text = xstrndup(s, e - s);
	tv->len = e - s;
	lx->st.p = e;
}

/* '/' closes a predicate when the next non-blank character is EOF, ';',
 * '{' or '/' (dt_lex.l's lookahead); otherwise it divides. */
static int slash_token(struct lexer *lx)
{
	const char *p = lx->st.p;

	while (*p && strchr("\f\n\r\t\v ", *p))
		p++;
	if (*p && !strchr(";{/", *p))
		return '/';
	if (lx->st.parens != 0)
		lex_error(lx, "D_SYNTAX", "closing ) expected in predicate before /");
	if (lx->st.brackets != 0)
		lex_error(lx, "D_SYNTAX", "closing ] expected in predicate before /");
	return T_EPRED;
}

static void count_brackets(struct lexer *lx, int c)
{
	switch (c) {
	case '(':
		lx->st.parens++;
		break;
	case ')':
		if (--lx->st.parens < 0)
			lex_error(lx, "D_SYNTAX", "extra ) in input stream");
		break;
	case '[':
		lx->st.brackets++;
		break;
	case ']':
		if (--lx->st.brackets < 0)
			lex_error(lx, "D_SYNTAX", "extra ] in input stream");
		break;
	}
}

static void lex_operator(struct lexer *lx, struct token_val *tv)
{
	const char *p = lx->st.p;

	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		size_t n = strlen(operators[i].text);
		if (!strncmp(p, operators[i].text, n)) {
			tv->tok = operators[i].tok;
			lx->st.p = p + n;
			return;
		}
	}
	if (!*p || !strchr(single_ops, *p))
		bad_char(lx, (unsigned char)*p);
	lx->st.p = p + 1;
	tv->tok = *p == '/' ? slash_token(lx) : *p;
	count_brackets(lx, *p);
}

static void lex_expr_token(struct lexer *lx, struct token_val *tv)
{
	int c = (unsigned char)*lx->st.p;

	if (isalpha(c) || c == '_')
		lex_word(lx, tv);
	else if (isdigit(c))
		lex_number(lx, tv);
	else if (c == '.' && isdigit((unsigned char)lx->st.p[1]))
		lex_error(lx, "D_SYNTAX", "floating-point constants are not permitted");
	else if (c == '"')
		lex_string(lx, tv);
	else if (c == '\'')
		lex_char(lx, tv);
	else if (c == '$')
		lex_dollar(lx, tv);
	else if (c == '@')
		lex_agg(lx, tv);
	else if (c == '`') {
		tv->tok = T_BACKQUOTE;
		lx->st.p++;
	} else
		lex_operator(lx, tv);
}

/* ---- probe mode ---- */

static int is_pspec_char(int c)
{
	return isalnum(c) || (c && strchr("-$:_.?*\\[]!`", c));
}

static int is_type_keyword(const struct keyword *kw)
{
	switch (kw->tok) {
	case K_CHAR: case K_SHORT: case K_INT: case K_LONG: case K_SIGNED:
	case K_UNSIGNED: case K_FLOAT: case K_DOUBLE: case K_VOID: case K_STRING:
		return 1;
	}
	return 0;
}

/*
 * The word [s, e) at the start of a clause: a keyword, a type name that
 * begins a declaration ("uint64_t x;", or "int*x;" cut before the '*'), or
 * a probe description.  This is dt_lex.l's S2 {RGX_PSPEC} rule: words with
 * characters no type name has, and BEGIN/END/ERROR, are always probes, and
 * -n (is_spec) skips the type check altogether.
 */
static void classify_pspec(struct lexer *lx, const char *s, const char *e,
			   struct token_val *tv)
{
	const struct keyword *kw = keyword_find(s, e - s);
	size_t n = e - s;

	if (kw && kw->outer) {
		tv->tok = kw->tok;
		lx->st.p = e;
		return;
	}
	int special = memchr(s, ':', n) || memchr(s, '-', n) ||
		      memchr(s, '.', n) || memchr(s, '?', n) ||
		      memchr(s, '!', n) || memchr(s, '`', n);
	int fixed = (n == 5 && !memcmp(s, "BEGIN", 5)) ||
		    (n == 3 && !memcmp(s, "END", 3)) ||
		    (n == 5 && !memcmp(s, "ERROR", 5));
	if (!lx->is_spec && !special && !fixed) {
		const char *star = memchr(s, '*', n);
		const char *te = star && star > s ? star : e;
		char *name = xstrndup(s, te - s);
		const struct keyword *tk = keyword_find(s, te - s);
		int is_type = (tk && is_type_keyword(tk)) ||
			      (!tk && lx->is_type && lx->is_type(lx->arg, NULL, name));
		if (is_type) {
			tv->tok = tk ? tk->tok : T_IDENT;
			tv->len = te - s;
			lx->st.p = te;
			if (tk)
				free(name);
			else
				tv->text = name;
			return;
		}
		free(name);
	}
	tv->tok = T_PROBEDESC;
	tv->text = xstrndup(s, n);
	tv->len = n;
	lx->st.p = e;
}

static void lex_probe_token(struct lexer *lx, struct token_val *tv)
{
	const char *s = lx->st.p, *e = s;
	int c = (unsigned char)*s;

	if (c == '/' || c == ',' || c == '{') {
		tv->tok = c;
		lx->st.p++;
		return;
	}
	if (c == '`' || !is_pspec_char(c))
		bad_char(lx, c);
	while (is_pspec_char((unsigned char)*e))
		e++;
	classify_pspec(lx, s, e, tv);
}

void lex_next(struct lexer *lx, enum lex_mode mode, struct token_val *tv)
{
	memset(tv, 0, sizeof(*tv));
	if (skip_space(lx, tv))
		return;				/* T_PRAGMA */

	const char *start = lx->st.p;
	tv->line = lx->st.line;
	tv->raw = start;
	if (*start == '\0') {
		tv->tok = T_EOF;
	} else if (mode == LEX_PROBE) {
		lex_probe_token(lx, tv);
	} else {
		lex_expr_token(lx, tv);
	}
	tv->rawlen = lx->st.p - start;
	lx->st.after_deref = tv->tok == '.' || tv->tok == T_ARROW;
}
