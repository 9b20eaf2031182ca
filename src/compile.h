/* compile.h - what the compiler stages share: variables, the compiled
 * program (sites, enablings, record layouts) and the options.
 *
 * check.c types a clause for one site, cg.c turns it into BPF, load.c
 * creates the maps and programs, consume.c decodes the records using only
 * the record descriptions here (never the AST).
 */
#ifndef DT_COMPILE_H
#define DT_COMPILE_H

#include <stdint.h>
#include <stdio.h>
#include "ast.h"
#include "diag.h"
#include "emit.h"
#include "fmt.h"
#include "probe.h"

struct dtype;

/* Sizes the D runtime works in. */
#define STRSIZE		256		/* -x strsize: every string buffer */
#define REC_HDR		16		/* record header: epid, probe id, cpu */
#define GLOB_STATE	16		/* globals map: exit flag, exit status */

enum var_kind { VAR_GLOBAL, VAR_THIS, VAR_BUILTIN };

struct var {
	char *name;
	enum var_kind kind;
	struct dtype *type;		/* NULL until first assigned */
	uint32_t off;			/* globals map (GLOBAL), scratch (THIS) */
	int builtin;			/* enum builtin for VAR_BUILTIN */
	struct var *next;
};

/* What consumes a record: one action per recorded item or group. */
enum act_kind {
	ACT_TRACE, ACT_PRINTF, ACT_EXIT, ACT_TRACEMEM,
};

struct recarg {			/* one value in a record */
	uint32_t off, size;		/* bytes within the record */
	enum fmt_type ftype;
	int is_signed;
	const struct dtype *type;
};

struct action {
	enum act_kind kind;
	struct fmt *fmt;		/* printf */
	struct recarg *args;
	int nargs;
	struct action *next;
};

/* An enabled probe description: one clause compiled for one site. */
struct ecb {
	uint32_t epid;			/* index + 1 */
	struct node *clause;
	uint32_t recsize;		/* bytes, header included */
	struct action *acts, **last;
};

/* Probes sharing one BPF program. */
struct site {
	char *name;
	struct probe *first;		/* provides ops, arg layout */
	struct probe **probes;		/* matched probes of this site */
	int nprobes;
	uint64_t *masks;		/* per probe: which of clauses[] run */
	struct node **clauses;		/* clauses with a probe here, in order */
	int nclauses;
	struct ebuf prog;
	int prog_fd, sel_map_fd;
	struct attach att;
	struct site *next;
};

struct options {
	int quiet, flowindent, destructive, zdefs, verbose, errtags, bpflog;
	int nspec_ok;			/* -Z */
	uint64_t bufsize;
	uint64_t switchrate_ns;
	char **margv;			/* macro arguments $0..$n */
	int margc;
	FILE *out;
};

struct dprog {
	struct diag *diag;
	struct options *opt;
	struct var *vars;		/* globals, this-> and builtins in use */
	uint32_t globsize;		/* bytes of the globals map value */
	uint32_t scratchsize;		/* bytes of the per-CPU scratch value */
	char *strtab;			/* constant strings, STRSIZE apart */
	uint32_t strtabsize;
	struct ecb **ecbs;
	int necbs;
	struct site *sites;
	int nprobes_matched;
	/* map fds, set by load.c before cg runs (cg embeds them) */
	int rb_fd, glob_fd, scratch_fd, str_fd, pname_fd, drops_fd;
};

/* check.c: type a clause's predicate and body for a site's probe. */
void check_clause(struct dprog *dp, struct node *clause, struct probe *p);
void check_decl(struct dprog *dp, struct node *decl);
struct var *var_lookup(struct dprog *dp, const char *name, enum var_kind k);
uint32_t strtab_add(struct dprog *dp, const char *s, size_t len);

/* decl.c: declarations and type names. */
struct dtype *decl_type(struct dprog *dp, const struct tyname *tn, int line);
void decl_top(struct dprog *dp, struct node *n);

/* cg.c: append clause c, already checked for site s, to s's program. */
struct ecb *cg_clause(struct dprog *dp, struct site *s, struct node *c,
		      int clause_idx);
void cg_site_begin(struct dprog *dp, struct site *s);
void cg_site_end(struct dprog *dp, struct site *s);

#endif
