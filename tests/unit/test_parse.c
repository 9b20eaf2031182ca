/* test_parse.c - unit tests of the D lexer and parser.
 *
 * Build: cc -Isrc tests/unit/test_parse.c src/lex.c src/parse.c src/ast.c src/diag.c
 *
 * Expressions are checked through a compact S-expression rendering of the
 * AST, "(+ a (* b c))"; type names through ast_tyname_str(); errors by the
 * exact text diag prints, captured from stderr.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ast.h"
#include "diag.h"
#include "lex.h"
#include "parse.h"

static int passed, failed;

#define CHECK(cond, ...)							\
	do {									\
		if (cond) {							\
			passed++;						\
		} else {							\
			failed++;						\
			printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
			printf(__VA_ARGS__);					\
			putchar('\n');						\
		}								\
	} while (0)

#define CHECK_STR(got, want)							\
	CHECK((got) && !strcmp((got), (want)), "got [%s], want [%s]",		\
	      (got) ? (got) : "(null)", (want))

/* The checker's is_type, faked: two BTF-ish typedef names. */
static int fake_is_type(void *arg, const char *scope, const char *name)
{
	(void)arg;
	if (scope && *scope && strcmp(scope, "vmlinux"))
		return 0;
	return !strcmp(name, "uint64_t") || !strcmp(name, "size_t");
}

/* ---- running the parser ---- */

struct result {
	struct program *prog;
	char err[2048];		/* what diag printed */
};

static struct program *result_prog;	/* outside the setjmp frame */

static struct result run(const char *text, const char *file, int errtags,
			 int is_spec)
{
	static struct result r;
	jmp_buf jb;
	struct diag d = {
		.file = file, .spec = file ? NULL : text, .errtags = errtags,
		.jb = &jb,
	};
	struct parse_opts o = { .is_type = fake_is_type, .is_spec = is_spec };
	FILE *tmp = tmpfile();
	int saved = dup(2);

	memset(&r, 0, sizeof(r));
	result_prog = NULL;
	fflush(stderr);
	dup2(fileno(tmp), 2);
	if (setjmp(jb) == 0)
		result_prog = parse_program(&d, text, &o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	size_t n = fread(r.err, 1, sizeof(r.err) - 1, tmp);
	r.err[n] = '\0';
	fclose(tmp);
	r.prog = result_prog;
	return r;
}

static struct program *parse_ok(const char *text)
{
	struct result r = run(text, NULL, 0, 0);

	CHECK(r.prog != NULL, "parse of [%s] failed: %s", text, r.err);
	return r.prog;
}

/* ---- rendering ---- */

static void sx(FILE *f, const struct node *n);

static void sx_list(FILE *f, const struct node *n)
{
	for (; n; n = n->next) {
		fputc(' ', f);
		sx(f, n);
	}
}

static void sx_type(FILE *f, const struct tyname *tn)
{
	char *s = ast_tyname_str(tn);

	fputs(s, f);
	free(s);
}

static void sx_op(FILE *f, const char *pre, const struct node *n)
{
	fprintf(f, "(%s%s ", pre, lex_token_name(n->op));
	sx(f, n->a);
	if (n->b) {
		fputc(' ', f);
		sx(f, n->b);
	}
	fputc(')', f);
}

static void sx_stmt(FILE *f, const struct node *n)
{
	switch (n->kind) {
	case N_EXPR_STMT:
		sx(f, n->a);
		break;
	case N_EMPTY_STMT:
		fputc(';', f);
		break;
	case N_BLOCK:
		fputc('{', f);
		sx_list(f, n->a);
		fputs(" }", f);
		break;
	case N_IF:
		fputs("(if ", f);
		sx(f, n->a);
		fputc(' ', f);
		sx(f, n->b);
		if (n->c) {
			fputc(' ', f);
			sx(f, n->c);
		}
		fputc(')', f);
		break;
	case N_DECL_STMT:
		fputs("(decl ", f);
		sx_type(f, n->decl->tn);
		fputc(')', f);
		break;
	default:
		fprintf(f, "<%s>", ast_kind_name(n->kind));
	}
}

static void sx(FILE *f, const struct node *n)
{
	if (!n) {
		fputs("nil", f);
		return;
	}
	switch (n->kind) {
	case N_INT:	fprintf(f, "%llu", (unsigned long long)n->ival); break;
	case N_STR:	fprintf(f, "\"%s\"", n->str); break;
	case N_IDENT:
		if (n->scope)
			fprintf(f, "%s`", n->scope);
		fputs(n->name, f);
		break;
	case N_DOLLAR:	fprintf(f, "%s%s", n->is_quoted ? "$$" : "$", n->name); break;
	case N_SELF:	fprintf(f, "self->%s", n->name); break;
	case N_THIS:	fprintf(f, "this->%s", n->name); break;
	case N_AGG:
		if (!n->a) {
			fprintf(f, "@%s", n->name);
			break;
		}
		fprintf(f, "(@%s", n->name);
		sx_list(f, n->a->a);
		fputc(')', f);
		break;
	case N_BINOP: case N_LOGOP: case N_ASSIGN: sx_op(f, "", n); break;
	case N_UNOP:	sx_op(f, "u", n); break;
	case N_PREINC:	sx_op(f, "pre", n); break;
	case N_POSTINC:	sx_op(f, "post", n); break;
	case N_TERNARY:
		fputs("(? ", f);
		sx(f, n->a);
		fputc(' ', f);
		sx(f, n->b);
		fputc(' ', f);
		sx(f, n->c);
		fputc(')', f);
		break;
	case N_CALL:
		fprintf(f, "(call %s", n->name);
		sx_list(f, n->a);
		fputc(')', f);
		break;
	case N_INDEX:
		fputs("([] ", f);
		sx(f, n->a);
		sx_list(f, n->b->a);
		fputc(')', f);
		break;
	case N_MEMBER:
	case N_PTRMEMBER:
		fprintf(f, "(%s ", n->kind == N_MEMBER ? "." : "->");
		sx(f, n->a);
		fprintf(f, " %s)", n->name);
		break;
	case N_CAST:
	case N_XLATE:
		fprintf(f, "(%s <", n->kind == N_CAST ? "cast" : "xlate");
		sx_type(f, n->tn);
		fputs("> ", f);
		sx(f, n->a);
		fputc(')', f);
		break;
	case N_SIZEOF_EXPR:
	case N_STRINGOF:
		fprintf(f, "(%s ", n->kind == N_STRINGOF ? "stringof" : "sizeof");
		sx(f, n->a);
		fputc(')', f);
		break;
	case N_SIZEOF_TYPE:
		fputs("(sizeof <", f);
		sx_type(f, n->tn);
		fputs(">)", f);
		break;
	case N_OFFSETOF:
		fputs("(offsetof <", f);
		sx_type(f, n->tn);
		fprintf(f, "> %s)", n->name);
		break;
	default:
		sx_stmt(f, n);
	}
}

static char *sexp(const struct node *n)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);

	sx(f, n);
	fclose(f);
	return s;
}

static char *sexp_list(const struct node *n)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);

	sx_list(f, n);
	fclose(f);
	return s;
}

/* The expression of "BEGIN { e; }", rendered, or "ERR: ..." */
static char *expr_of(const char *e)
{
	char text[1024];

	snprintf(text, sizeof(text), "BEGIN { %s; }", e);
	struct result r = run(text, NULL, 0, 0);
	if (!r.prog)
		return strdup(r.err);
	const struct node *c = r.prog->first;
	if (!c || c->kind != N_CLAUSE || !c->b || c->b->kind != N_EXPR_STMT)
		return strdup("not an expression statement");
	return sexp(c->b->a);
}

#define TEXPR(e, want)					\
	do {						\
		char *got_ = expr_of(e);		\
		CHECK_STR(got_, want);			\
		free(got_);				\
	} while (0)

/* An expression that must fail with a message containing want. */
#define TEXPR_ERR(e, want)					\
	do {							\
		char *got_ = expr_of(e);			\
		CHECK(strstr(got_, want) != NULL,		\
		      "got [%s], want [%s]", got_, want);	\
		free(got_);					\
	} while (0)

/* The declared type of the first top-level declaration. */
static char *decl_of(const char *text, enum decl_class *cls)
{
	struct result r = run(text, NULL, 0, 0);

	if (!r.prog)
		return strdup(r.err);
	const struct node *n = r.prog->first;
	while (n && n->kind != N_DECL)
		n = n->next;
	if (!n)
		return strdup("no declaration");
	if (cls)
		*cls = n->decl->cls;
	return ast_tyname_str(n->decl->tn);
}

#define TDECL(text, want)				\
	do {						\
		char *got_ = decl_of(text, NULL);	\
		CHECK_STR(got_, want);			\
		free(got_);				\
	} while (0)

#define TERR(text, file, errtags, want)				\
	do {								\
		struct result r_ = run(text, file, errtags, 0);	\
		CHECK(r_.prog == NULL, "[%s] parsed", text);		\
		CHECK_STR(r_.err, want);				\
	} while (0)

/* ---- tests ---- */

static void test_precedence(void)
{
	TEXPR("a + b * c", "(+ a (* b c))");
	TEXPR("a * b + c", "(+ (* a b) c)");
	TEXPR("a - b - c", "(- (- a b) c)");
	TEXPR("a = b = c", "(= a (= b c))");
	TEXPR("a += b -= c", "(+= a (-= b c))");
	TEXPR("x ? y : z ? w : v", "(? x y (? z w v))");
	TEXPR("a ? b, c : d", "(? a (, b c) d)");
	TEXPR("-a[1]->b.c++", "(u- (post++ (. (-> ([] a 1) b) c)))");
	TEXPR("a || b ^^ c && d", "(|| a (^^ b (&& c d)))");
	TEXPR("a && b ^^ c || d", "(|| (^^ (&& a b) c) d)");
	TEXPR("a | b ^ c & d", "(| a (^ b (& c d)))");
	TEXPR("a & b == c", "(& a (== b c))");
	TEXPR("a == b < c", "(== a (< b c))");
	TEXPR("a < b << c", "(< a (<< b c))");
	TEXPR("a << b + c", "(<< a (+ b c))");
	TEXPR("a >= b != c <= d", "(!= (>= a b) (<= c d))");
	TEXPR("a % b / c * d", "(* (/ (% a b) c) d)");
	TEXPR("!a && ~b", "(&& (u! a) (u~ b))");
	TEXPR("*p++", "(u* (post++ p))");
	TEXPR("&x->y", "(u& (-> x y))");
	TEXPR("++x + --y", "(+ (pre++ x) (pre-- y))");
	TEXPR("x-- - -y", "(- (post-- x) (u- y))");
	TEXPR("a, b", "(, a b)");
	TEXPR("x <<= 2", "(<<= x 2)");
	TEXPR("x >>= 1, y |= 2", "(, (>>= x 1) (|= y 2))");
	TEXPR("(a + b) * c", "(* (+ a b) c)");
	TEXPR_ERR("a ? b : c = d", "syntax error near \"=\"\n");
}

static void test_casts(void)
{
	TEXPR("(uint64_t)x", "(cast <uint64_t> x)");
	TEXPR("(x) + 1", "(+ x 1)");
	TEXPR("(y)-1", "(- y 1)");
	TEXPR("(uint64_t)-1", "(cast <uint64_t> (u- 1))");
	TEXPR("(size_t *)p", "(cast <size_t *> p)");
	TEXPR("(unsigned long long)x", "(cast <unsigned long long> x)");
	TEXPR("(const char *)arg0", "(cast <const char *> arg0)");
	TEXPR("(struct task_struct *)curthread",
	      "(cast <struct task_struct *> curthread)");
	TEXPR("(vmlinux`struct task_struct *)curthread",
	      "(cast <struct vmlinux`task_struct *> curthread)");
	TEXPR("(struct vmlinux`task_struct *)curthread",
	      "(cast <struct vmlinux`task_struct *> curthread)");
	TEXPR("(vmlinux`size_t)x", "(cast <vmlinux`size_t> x)");
	TEXPR("(int)(char)x", "(cast <int> (cast <char> x))");
	TEXPR("(char (*)[8])p", "(cast <char (*)[8]> p)");
	TEXPR("(int (*)(int, char *))f", "(cast <int (*)(int, char *)> f)");
	TEXPR("(string)arg1", "(cast <string> arg1)");
	TEXPR("(int)x->y", "(cast <int> (-> x y))");
	TEXPR("-(int)x", "(u- (cast <int> x))");
	TEXPR_ERR("(int)x = 1", "syntax error near \"=\"\n");
	TEXPR_ERR("a + b = 1", "syntax error near \"=\"\n");
	TEXPR("sizeof (int)", "(sizeof <int>)");
	TEXPR("sizeof (uint64_t) * 2", "(* (sizeof <uint64_t>) 2)");
	TEXPR("sizeof (x) * 2", "(* (sizeof x) 2)");
	TEXPR("sizeof x", "(sizeof x)");
	TEXPR("stringof x->comm", "(stringof (-> x comm))");
	TEXPR("offsetof(struct foo, bar)", "(offsetof <struct foo> bar)");
	TEXPR("xlate <struct psinfo *>(curthread)->pr_pid",
	      "(-> (xlate <struct psinfo *> curthread) pr_pid)");
}

static void test_primaries(void)
{
	TEXPR("args[0]", "([] args 0)");
	TEXPR("a[k1, k2]", "([] a k1 k2)");
	TEXPR("f()", "(call f)");
	TEXPR("printf(\"%d %s\\n\", a, b)", "(call printf \"%d %s\n\" a b)");
	TEXPR("@a[execname] = count()", "(= (@a execname) (call count))");
	TEXPR("@[pid, tid] = sum(x)", "(= (@ pid tid) (call sum x))");
	TEXPR("@ = count()", "(= @ (call count))");
	TEXPR("self->x = this->y", "(= self->x this->y)");
	TEXPR("self->string", "self->string");
	TEXPR("x->int + y.self", "(+ (-> x int) (. y self))");
	TEXPR("$1 + $$2 + $pid + $target", "(+ (+ (+ $1 $$2) $pid) $target)");
	TEXPR("vmlinux`max_pfn", "vmlinux`max_pfn");
	TEXPR("`max_pfn", "`max_pfn");
	TEXPR("\"a\\tb\" \"c\"", "\"a\tbc\"");
	TEXPR("'a'", "97");
	TEXPR("'ab'", "24930");
	TEXPR("'\\n' + '\\0'", "(+ 10 0)");
	TEXPR("'\\377'", "255");
	TEXPR("0x10 + 010 + 10", "(+ (+ 16 8) 10)");
	TEXPR("0xffffffffffffffff", "18446744073709551615");
	TEXPR("(f)(1)", "(call f 1)");
	TEXPR("a.b()", "dtrace: invalid probe specifier BEGIN { a.b(); }: "
	      "function designator is not of function type\n");

	struct program *p = parse_ok("BEGIN { x = 10UL + 5ll + 7u + \"\\x41\\101\\q\"; }");
	if (p) {
		const struct node *e = p->first->b->a->b;	/* the sum */
		const struct node *s = e->b;
		const struct node *u = e->a->b, *ll = e->a->a->b, *ul = e->a->a->a;
		CHECK(ul->is_unsigned && ul->int_long == 1 && ul->is_decimal, "10UL");
		CHECK(!ll->is_unsigned && ll->int_long == 2, "5ll");
		CHECK(u->is_unsigned && u->int_long == 0, "7u");
		CHECK(s->kind == N_STR && s->slen == 4 && !strcmp(s->str, "AA\\q"),
		      "escapes: [%s]", s->str);
	}
	p = parse_ok("BEGIN { x = \"a\\0b\"; }");
	if (p)
		CHECK(p->first->b->a->b->slen == 3, "embedded NUL length");
}

static const struct probe_spec *first_desc(const char *text)
{
	struct program *p = parse_ok(text);

	if (!p || !p->first || p->first->kind != N_CLAUSE)
		return NULL;
	return p->first->descs;
}

#define TDESC(text, pv, md, fn, nm)						\
	do {									\
		const struct probe_spec *d_ = first_desc(text);			\
		CHECK(d_ && !strcmp(d_->prov, pv) && !strcmp(d_->mod, md) &&	\
		      !strcmp(d_->func, fn) && !strcmp(d_->name, nm),		\
		      "%s -> %s:%s:%s:%s", text, d_ ? d_->prov : "?",		\
		      d_ ? d_->mod : "?", d_ ? d_->func : "?", d_ ? d_->name : "?"); \
	} while (0)

static void test_probe_descs(void)
{
	TDESC("BEGIN", "", "", "", "BEGIN");
	TDESC("syscall::open*:entry { }", "syscall", "", "open*", "entry");
	TDESC("a:b {}", "", "", "a", "b");
	TDESC("x:y:z {}", "", "x", "y", "z");
	TDESC("fbt:vmlinux:vfs_*:entry{}", "fbt", "vmlinux", "vfs_*", "entry");
	TDESC("sdt:sched::sched_switch {}", "sdt", "sched", "", "sched_switch");
	TDESC("pid$target:a.out:main:entry {}", "pid$target", "a.out", "main",
	      "entry");
	TDESC("::: {}", "", "", "", "");
	TDESC("profile-97 {}", "", "", "", "profile-97");
	TDESC("tick-1s{}", "", "", "", "tick-1s");
	TDESC("syscall::[rw]*:entry/1/{}", "syscall", "", "[rw]*", "entry");
	TDESC("fbt::foo:return /x/ {}", "fbt", "", "foo", "return");
	TDESC("/* c */ END /* d */ {}", "", "", "", "END");

	struct program *p = parse_ok("syscall::read:entry,\n  syscall::write:entry ,"
				     "proc:::exec\n/pid == 1/\n{ @[probefunc] = count(); }");
	if (p) {
		const struct node *c = p->first;
		const struct probe_spec *d = c->descs;
		CHECK(d && d->next && d->next->next && !d->next->next->next,
		      "three descriptions");
		if (d && d->next && d->next->next) {
			CHECK_STR(d->func, "read");
			CHECK_STR(d->next->func, "write");
			CHECK_STR(d->next->next->name, "exec");
			CHECK(d->next->line == 2, "line of 2nd desc %d", d->next->line);
		}
		char *pred = sexp(c->a);
		CHECK_STR(pred, "(== pid 1)");
		free(pred);
		CHECK(c->has_body && c->b && !c->b->next, "one statement");
	}

	/* Clause without body, and a second clause after it (-n style). */
	p = parse_ok("BEGIN END\n{ exit(0) }");
	if (p) {
		const struct node *c = p->first;
		CHECK(c && !c->has_body && c->next && c->next->has_body,
		      "bodyless then body");
		if (c && c->next) {
			char *b = sexp_list(c->next->b);
			CHECK_STR(b, " (call exit 0)");
			free(b);
		}
	}
	/* "int*" at the top is a declaration, "foo*" a probe glob. */
	TDECL("int*x;", "int *x");
	TDECL("uint64_t*x;", "uint64_t *x");
	TDESC("foo* {}", "", "", "", "foo*");
	TDESC("uint64_t:::entry {}", "uint64_t", "", "", "entry");
	/* -n: every word is a probe description, even a type's name. */
	struct result r = run("uint64_t {}", NULL, 0, 1);
	CHECK(r.prog && r.prog->first && r.prog->first->kind == N_CLAUSE,
	      "-n uint64_t is a probe: %s", r.err);
}

static void test_predicates(void)
{
	struct program *p = parse_ok("BEGIN /a / b/ { }");
	if (p) {
		char *s = sexp(p->first->a);
		CHECK_STR(s, "(/ a b)");
		free(s);
	}
	p = parse_ok("BEGIN\n/x[1] > 2 && (y)/\n{ trace(1); }");
	if (p) {
		char *s = sexp(p->first->a);
		CHECK_STR(s, "(&& (> ([] x 1) 2) y)");
		free(s);
	}
	p = parse_ok("BEGIN /x/{}");
	CHECK(p && p->first->has_body && p->first->b == NULL, "empty body");
}

static void test_statements(void)
{
	struct program *p = parse_ok(
		"BEGIN {\n"
		"  if (x) y = 1; else { z = 2; w = 3 }\n"
		"  if (a) if (b) c = 1; else d = 2;\n"
		"  ;\n"
		"  { q = 1; }\n"
		"  this int z;\n"
		"  self uint64_t s;\n"
		"  self->x = 1;\n"
		"  uint64_t = 2;\n"
		"  exit(0)\n"
		"}");
	if (p) {
		char *s = sexp_list(p->first->b);
		CHECK_STR(s, " (if x (= y 1) { (= z 2) (= w 3) })"
			  " (if a (if b (= c 1) (= d 2)))"
			  " ; { (= q 1) } (decl int z) (decl uint64_t s)"
			  " (= self->x 1) (= uint64_t 2) (call exit 0)");
		free(s);
		const struct node *n = p->first->b;
		while (n && n->kind != N_DECL_STMT)
			n = n->next;
		CHECK(n && n->decl->cls == DC_THIS && n->next->decl->cls == DC_SELF,
		      "clause-local declaration classes");
		CHECK(p->first->b->line == 2, "if line %d", p->first->b->line);
	}
	p = parse_ok("BEGIN { exit(0) }");
	CHECK(p && p->first->b && p->first->b->kind == N_EXPR_STMT, "no ';'");
	p = parse_ok("BEGIN { a = 1; b = 2; }\nEND { }\n");
	CHECK(p && p->first->next && p->first->next->descs &&
	      !strcmp(p->first->next->descs->name, "END"), "two clauses");
}

static void test_declarations(void)
{
	enum decl_class cls = DC_NONE;
	char *s;

	TDECL("int x;", "int x");
	s = decl_of("self int y;", &cls);
	CHECK_STR(s, "int y");
	CHECK(cls == DC_SELF, "self");
	free(s);
	s = decl_of("this int z;", &cls);
	CHECK(cls == DC_THIS, "this");
	free(s);
	s = decl_of("extern int e;", &cls);
	CHECK(cls == DC_EXTERN, "extern");
	free(s);
	s = decl_of("static int st;", &cls);
	CHECK(cls == DC_STATIC, "static");
	free(s);
	TDECL("int a[10];", "int a[10]");
	TDECL("int a[string, int];", "int a[string, int]");
	TDECL("int *a[4];", "int *a[4]");
	TDECL("char (*p)[8];", "char (*p)[8]");
	TDECL("int (*fp)(int, char *, ...);", "int (*fp)(int, char *, ...)");
	TDECL("int **const *pp;", "int **const *pp");
	TDECL("int m[2][3];", "int m[2][3]");
	TDECL("const char *cs;", "const char *cs");
	TDECL("unsigned long long ull;", "unsigned long long ull");
	TDECL("long unsigned int lui;", "unsigned long int lui");
	TDECL("unsigned u;", "unsigned u");
	TDECL("string str;", "string str");
	TDECL("struct foo *f;", "struct foo *f");
	TDECL("uint64_t big;", "uint64_t big");
	TDECL("int a[N];", "int a[<expr>]");
	TDECL("userland int *up;", "userland int *up");

	struct program *p = parse_ok("int a, *b, c[2];");
	if (p) {
		const struct node *n = p->first;
		int count = 0;
		for (; n; n = n->next)
			count += n->kind == N_DECL;
		CHECK(count == 3, "three declarators, got %d", count);
	}

	/* typedef makes the name a type for what follows */
	p = parse_ok("typedef unsigned long foo_t;\nfoo_t v;\n"
		     "BEGIN { x = (foo_t)1; }");
	if (p) {
		CHECK(p->first->decl->cls == DC_TYPEDEF, "typedef class");
		s = ast_tyname_str(p->first->next->decl->tn);
		CHECK_STR(s, "foo_t v");
		free(s);
		s = sexp(p->first->next->next->b->a);
		CHECK_STR(s, "(= x (cast <foo_t> 1))");
		free(s);
	}

	p = parse_ok("struct s { int a; char b[4]; int c:3; unsigned :2; };");
	if (p) {
		const struct tspec *ts = p->first->decl->tn->spec;
		const struct member_decl *m = ts->members;
		CHECK(ts->kind == TS_STRUCT && ts->has_body && !strcmp(ts->name, "s"),
		      "struct s");
		CHECK(p->first->decl->tn->ident == NULL, "no declarator");
		CHECK(m && !strcmp(m->tn->ident, "a") && m->bits == -1, "a");
		m = m ? m->next : NULL;
		CHECK(m && !strcmp(m->tn->ident, "b") && m->tn->decl &&
		      m->tn->decl->kind == DK_ARRAY && m->tn->decl->count == 4, "b[4]");
		m = m ? m->next : NULL;
		CHECK(m && !strcmp(m->tn->ident, "c") && m->bits == 3, "c:3");
		m = m ? m->next : NULL;
		CHECK(m && !m->tn->ident && m->bits == 2 && !m->next, ":2");
	}
	p = parse_ok("union u { int a; long b; } uu;");
	if (p) {
		const struct tspec *ts = p->first->decl->tn->spec;
		CHECK(ts->kind == TS_UNION && ts->members && ts->members->next &&
		      !strcmp(p->first->decl->tn->ident, "uu"), "union");
	}
	p = parse_ok("enum e { A, B = 5, C = B + 1 };");
	if (p) {
		const struct tspec *ts = p->first->decl->tn->spec;
		const struct enum_decl *e = ts->enumerators;
		CHECK(ts->kind == TS_ENUM && e && !strcmp(e->name, "A") && !e->value,
		      "A");
		CHECK(e && e->next && e->next->value &&
		      e->next->value->kind == N_INT && e->next->value->ival == 5, "B");
		CHECK(e && e->next && e->next->next && e->next->next->value &&
		      e->next->next->value->kind == N_BINOP, "C");
	}
	p = parse_ok("inline int MAX = 10 * 2;");
	if (p) {
		CHECK(p->first->kind == N_INLINE &&
		      !strcmp(p->first->decl->tn->ident, "MAX"), "inline");
		s = sexp(p->first->a);
		CHECK_STR(s, "(* 10 2)");
		free(s);
	}
	p = parse_ok("inline string S = \"x\";\n#pragma D binding \"1.0\" S\n");
	CHECK(p && p->first->kind == N_INLINE && p->first->next &&
	      p->first->next->kind == N_PRAGMA, "pragma after inline");
}

static void test_translator_provider(void)
{
	struct program *p = parse_ok(
		"translator struct out < struct in *P > {\n"
		"  a = P->x;\n  b = 1;\n};\n"
		"translator uint64_t < int i > { };");
	if (p) {
		const struct node *x = p->first;
		char *s = ast_tyname_str(x->tn);
		CHECK_STR(s, "struct out");
		free(s);
		s = ast_tyname_str(x->decl->tn);
		CHECK_STR(s, "struct in *P");
		free(s);
		s = sexp_list(x->a);
		CHECK_STR(s, " (= a (-> P x)) (= b 1)");
		free(s);
		CHECK(x->next && x->next->kind == N_XLATOR && !x->next->a, "empty");
	}
	p = parse_ok("provider foo {\n  probe bar(int, char *);\n"
		     "  probe baz(int a) : (string);\n};");
	if (p) {
		const struct node *pv = p->first, *pr = pv->a;
		CHECK(pv->kind == N_PROVIDER && !strcmp(pv->name, "foo"), "provider");
		CHECK(pr && !strcmp(pr->name, "bar") && !pr->b, "probe bar");
		if (pr) {
			char *s = ast_tyname_str(pr->a->tn);
			CHECK_STR(s, "void (int, char *)");
			free(s);
		}
		CHECK(pr && pr->next && pr->next->b, "probe baz : (string)");
	}
}

static void test_lines_and_pragmas(void)
{
	struct program *p = parse_ok(
		"#!/usr/sbin/dtrace -s\n"
		"#pragma D option quiet\n"
		"  #pragma D option bufsize=4m  \n"
		"BEGIN\n{\n#pragma D option flowindent\n}\n");
	if (p) {
		const struct node *n = p->first;
		CHECK(n && n->kind == N_PRAGMA && !strcmp(n->str, "D option quiet") &&
		      n->line == 2, "pragma 1");
		n = n ? n->next : NULL;
		CHECK(n && n->kind == N_PRAGMA &&
		      !strcmp(n->str, "D option bufsize=4m"), "pragma 2");
		n = n ? n->next : NULL;
		CHECK(n && n->kind == N_CLAUSE && n->line == 4, "clause");
		n = n ? n->next : NULL;
		CHECK(n && n->kind == N_PRAGMA && !strcmp(n->str, "D option flowindent"),
		      "pragma inside a clause comes after it");
	}
	TERR("# 10 \"foo.d\"\nBEGIN { x = ; }", "t.d", 0,
	     "dtrace: failed to compile script t.d: line 10: "
	     "syntax error near \";\"\n");
	TERR("#line 20\n\nBEGIN {\n x = ; }", "t.d", 0,
	     "dtrace: failed to compile script t.d: line 22: "
	     "syntax error near \";\"\n");
	TERR("BEGIN\n{\n/* a\ncomment */ x = \n\n}", "t.d", 0,
	     "dtrace: failed to compile script t.d: line 6: "
	     "syntax error near \"}\"\n");
	TERR("#foo\n", "t.d", 1, "dtrace: failed to compile script t.d: "
	     "[D_PRAGCTL_INVAL] line 1: invalid control directive: #foo\n");
	TERR("#pragma D option quiet", "t.d", 0, "dtrace: failed to compile "
	     "script t.d: line 1: end-of-file encountered before end of control line\n");
	TERR("BEGIN { x = 1; # y\n}", "t.d", 0, "dtrace: failed to compile "
	     "script t.d: line 1: syntax error near \"#\"\n");
}

static void test_errors(void)
{
	TERR("BEGIN{x=;}", NULL, 0,
	     "dtrace: invalid probe specifier BEGIN{x=;}: syntax error near \";\"\n");
	TERR("BEGIN{x=;}", NULL, 1, "dtrace: invalid probe specifier BEGIN{x=;}: "
	     "[D_SYNTAX] syntax error near \";\"\n");
	TERR("BEGIN {", "t.d", 0, "dtrace: failed to compile script t.d: line 1: "
	     "syntax error near end of input\n");
	TERR("BEGIN {\n x = 1 +\n}\n", "t.d", 1, "dtrace: failed to compile "
	     "script t.d: [D_SYNTAX] line 3: syntax error near \"}\"\n");
	TERR("BEGIN { x = \"abc\n\"; }", "t.d", 1, "dtrace: failed to compile "
	     "script t.d: [D_STR_NL] line 2: newline encountered in string literal\n");
	TERR("BEGIN { x = \"abc", "t.d", 0, "dtrace: failed to compile "
	     "script t.d: line 1: syntax error near \"\"\"\n");
	TERR("/* abc\n", "t.d", 0, "dtrace: failed to compile script t.d: "
	     "line 2: end-of-file encountered before matching */\n");
	TERR("BEGIN { x = 1.5; }", "t.d", 0, "dtrace: failed to compile script "
	     "t.d: line 1: floating-point constants are not permitted\n");
	TERR("BEGIN { x = 2f; }", "t.d", 0, "dtrace: failed to compile script "
	     "t.d: line 1: floating-point constants are not permitted\n");
	TERR("BEGIN { x = 0x10000000000000000; }", "t.d", 1, "dtrace: failed to "
	     "compile script t.d: [D_INT_OFLOW] line 1: constant "
	     "0x10000000000000000 results in integer overflow\n");
	TERR("BEGIN { x = 09; }", "t.d", 1, "dtrace: failed to compile script "
	     "t.d: [D_INT_DIGIT] line 1: constant 09 contains invalid digit 9\n");
	TERR("BEGIN { x = 'a\n'; }", "t.d", 1, "dtrace: failed to compile script "
	     "t.d: [D_CHR_NL] line 2: newline encountered in character constant\n");
	TERR("BEGIN { x = \"a\\\n\"; }", "t.d", 0, "dtrace: failed to compile "
	     "script t.d: line 1: syntax error near \"\"\"\n");
	TERR("BEGIN { x = ''; }", "t.d", 1, "dtrace: failed to compile script "
	     "t.d: [D_CHR_NULL] line 1: empty character constant\n");
	TERR("BEGIN { x = '123456789'; }", "t.d", 1, "dtrace: failed to compile "
	     "script t.d: [D_CHR_OFLOW] line 1: character constant is too long\n");
	TERR("BEGIN /x/", "t.d", 0, "dtrace: failed to compile script t.d: "
	     "line 1: expected actions { } following probe description and "
	     "predicate\n");
	TERR("BEGIN /x/", NULL, 0, "dtrace: invalid probe specifier BEGIN /x/: "
	     "expected actions { } following probe description and predicate\n");
	TERR("BEGIN", "t.d", 0, "dtrace: failed to compile script t.d: line 1: "
	     "expected predicate and/or actions following probe description\n");
	TERR("BEGIN /(x/ {}", "t.d", 0, "dtrace: failed to compile script t.d: "
	     "line 1: closing ) expected in predicate before /\n");
	TERR("BEGIN { x = y); }", "t.d", 0, "dtrace: failed to compile script "
	     "t.d: line 1: extra ) in input stream\n");
	TERR("BEGIN { x = 1 }}", "t.d", 0, "dtrace: failed to compile script "
	     "t.d: line 1: syntax error near \"}\"\n");
	TERR("BEGIN { x = \x01; }", "t.d", 0, "dtrace: failed to compile script "
	     "t.d: line 1: invalid character (0x01)\n");
	TERR("{ x = 1; }", "t.d", 0, "dtrace: failed to compile script t.d: "
	     "line 1: syntax error near \"{\"\n");
	TERR("int x = 1;", "t.d", 0, "dtrace: failed to compile script t.d: "
	     "line 1: syntax error near \"=\"\n");
	TERR("BEGIN { a.b(); }", "t.d", 1, "dtrace: failed to compile script "
	     "t.d: [D_FUNC_IDENT] line 1: function designator is not of "
	     "function type\n");
	TERR("BEGIN { x = y z; }", "t.d", 0, "dtrace: failed to compile script "
	     "t.d: line 1: syntax error near \"z\"\n");
	TERR("int int x;", "t.d", 1, "dtrace: failed to compile script t.d: "
	     "[D_DECL_COMBO] line 1: invalid type combination\n");
	TERR("extern static int x;", "t.d", 1, "dtrace: failed to compile script "
	     "t.d: [D_DECL_CLASS] line 1: only one storage class allowed in a "
	     "declaration\n");
	TERR("counter x;", "t.d", 0, "dtrace: failed to compile script t.d: "
	     "line 1: syntax error near \"counter\"\n");
	TERR("BEGIN { x = \"a\" + \"abc\n", "t.d", 1, "dtrace: failed to "
	     "compile script t.d: [D_STR_NL] line 2: newline encountered in "
	     "string literal\n");
	TERR("BEGIN { trace(x; }", NULL, 0, "dtrace: invalid probe specifier "
	     "BEGIN { trace(x; }: syntax error near \";\"\n");
}

static void test_dump(void)
{
	struct program *p = parse_ok(
		"struct s { int a:3; }; enum e { A = 1 };\n"
		"translator struct out < struct in *P > { a = P->x; };\n"
		"provider foo { probe bar(int); };\n"
		"syscall::read:entry /pid == $1/ { @a[execname] = count(); "
		"if (x) { y = (uint64_t)z; } else trace(\"s\"); }");
	FILE *saved = stderr;
	FILE *null = fopen("/dev/null", "w");

	stderr = null;
	for (const struct node *n = p ? p->first : NULL; n; n = n->next)
		ast_dump(n, 0);
	stderr = saved;
	fclose(null);
	CHECK(p != NULL, "dump");
	CHECK_STR(ast_kind_name(N_CLAUSE), "CLAUSE");
	CHECK_STR(lex_token_name(T_SHL_EQ), "<<=");
	CHECK_STR(lex_token_name('+'), "+");
	CHECK_STR(lex_token_name('='), "=");
	CHECK_STR(lex_token_name(K_XLATE), "xlate");
}

int main(void)
{
	test_precedence();
	test_casts();
	test_primaries();
	test_probe_descs();
	test_predicates();
	test_statements();
	test_declarations();
	test_translator_provider();
	test_lines_and_pragmas();
	test_errors();
	test_dump();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
