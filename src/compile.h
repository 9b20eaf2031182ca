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
struct ring_buffer;

/* Sizes the D runtime works in. */
#define STRSIZE		256		/* -x strsize: every string buffer */
#define REC_HDR		16		/* record header: epid, probe id, cpu */
#define GLOB_STATE	16		/* globals map: exit flag, exit status */

enum var_kind { VAR_GLOBAL, VAR_THIS, VAR_BUILTIN, VAR_INLINE };

struct var {
	char *name;
	enum var_kind kind;
	struct dtype *type;		/* NULL until first assigned */
	uint32_t off;			/* globals map (GLOBAL), scratch (THIS) */
	int builtin;			/* enum builtin for VAR_BUILTIN */
	struct node *value;		/* VAR_INLINE: the expression */
	struct var *next;
};

/* What consumes a record: one action per recorded item or group. */
enum act_kind {
	ACT_TRACE, ACT_PRINTF, ACT_EXIT, ACT_TRACEMEM,
};

/* Record encoding (what consume.c decodes):
 *   header: u32 epid @0, u32 probe id @4, u32 cpu @8, u32 done @12:
 *     bit i of done set when action i (0-based in the ecb's list) ran,
 *     since actions inside an untaken `if` leave their slots unwritten;
 *     actions from the 33rd on always count as run;
 *   an integer or pointer value: 8 bytes, already sign/zero-extended to
 *     64 bits from its D type (type->size says how printf/trace see it);
 *   a string: STRSIZE bytes, NUL-terminated unless it fills them;
 *   anything else (struct, union, array, tracemem data): its raw bytes.
 * Values start 8-aligned. */
/* A fault record (epid 0) tells the consumer what went wrong where:
 * header as any record, then the u32s below and the address. */
enum fault {
	FAULT_BADADDR = 1,		/* DTRACEFLT_BADADDR */
	FAULT_DIVZERO = 2,		/* DTRACEFLT_DIVZERO */
};
#define FREC_EPID	16		/* the clause's ecb */
#define FREC_ACT	20		/* statement number, 0 = predicate */
#define FREC_CODE	24		/* enum fault */
#define FREC_PC		28		/* instruction index */
#define FREC_ADDR	32		/* u64 */

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
	int *err_calls, nerr_calls;	/* calls of the ERROR subprogram */
	int prog_fd, sel_map_fd;
	struct attach att;
	struct site *next;
};

struct options {
	int quiet, flowindent, destructive, zdefs, verbose, errtags, bpflog;
	uint64_t bufsize;
	uint64_t switchrate_ns;
	char **margv;			/* macro arguments $0..$n */
	int margc;
	FILE *out;
	/* options.c fills these; main.c and consume.c read them */
	int rawbytes, droptags, defaultargs, argref, empty;
	int cpu;			/* -xcpu, -1: every CPU */
	int cpp, cpphdrs;		/* -C / -xcpp, -H / -xcpphdrs */
	char stdc;			/* -xstdc: 'a' (default), 'c', 's', 't' */
	char **cppargs;			/* -D/-U/-I as cpp words, in order */
	int ncppargs;
	const char *cpppath;		/* -xcpppath; NULL: "cpp" from PATH */
	int in_program;			/* set once the command line is done:
					   later calls are #pragma D option */
};

/* The maps every program uses; MAP_SEL is the running site's own. */
enum map_id {
	MAP_RB,				/* ringbuf: records */
	MAP_GLOB,			/* array[1]: exit state + global vars */
	MAP_SCRATCH,			/* percpu array[1]: record, temporaries */
	MAP_STR,			/* array[1]: constant strings (strtab) */
	MAP_DROPS,			/* percpu array[1]: u64 lost records */
	MAP_SEL,			/* hash: selector -> {probe id, clause mask} */
	MAP_COUNT
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
	int nprobes_refused;		/* matched, but not on this kernel */
	/* map fds (load.c); cg emits map loads by enum map_id in imm and
	 * load.c puts in the fds just before loading a program */
	int map_fd[MAP_COUNT];
	/* run time (consume.c) */
	int exited, exit_status;	/* an exit() record was consumed */
	int heading_done;		/* "CPU ID FUNCTION:NAME" printed */
	uint64_t *drops_seen;		/* per CPU, reported so far */
	struct ring_buffer *rb;
};


/* check.c: type a clause's predicate and body for a site's probe. */
void check_clause(struct dprog *dp, struct node *clause, struct probe *p);
void check_decl(struct dprog *dp, struct node *decl);
struct var *var_lookup(struct dprog *dp, const char *name, enum var_kind k);
uint32_t strtab_add(struct dprog *dp, const char *s, size_t len);

/* decl.c: declarations and type names. */
struct dtype *decl_type(struct dprog *dp, const struct tyname *tn, int line);
void decl_top(struct dprog *dp, struct node *n);
/* check.c: inline NAME = expression, substituted where NAME is used. */
void check_inline(struct dprog *dp, struct node *n);

/* cg.c: append clause c, already checked for site s, to s's program. */
struct ecb *cg_clause(struct dprog *dp, struct site *s, struct node *c,
		      int clause_idx);
void cg_site_begin(struct dprog *dp, struct site *s);
/* End s's program, then add the ERROR clauses (of site err, if any) as
 * the subprogram its faults call. */
void cg_site_end(struct dprog *dp, struct site *s, struct site *err);

/* compile.c: one program (a -s file or -n/-P/-m/-f/-i description):
 * pragmas, declarations, clauses matched to probes, checked and
 * compiled.  Returns the number of probes its descriptions matched;
 * errors go through dp->diag. */
int compile_program(struct dprog *dp, struct program *prog);
/* compile.c: a site whose probes share one program by a selector. */
int site_is_shared(const struct site *s);
struct site *site_find(struct dprog *dp, const char *name);	/* or NULL */

/* compile.c: after the last program: finish every site's program. */
void compile_finish(struct dprog *dp);

/* options.c: -x NAME[=VAL] and #pragma D option: 0, or -1 with
 * DTrace's message in err ("Invalid option name"...). */
int options_set(struct options *o, const char *name, const char *val,
		char *err, size_t errlen);

/* load.c: create the maps and load every site's program; then attach.
 * Errors are printed ("dtrace: failed to enable ...") and give -1. */
int load_program(struct dprog *dp);
int attach_program(struct dprog *dp);
void detach_program(struct dprog *dp);
/* Fire dtrace:::BEGIN or END (name) if some clause enabled it. */
int run_dtrace_probe(struct dprog *dp, const char *name);

/* consume.c: records from the ring buffer, printed as DTrace prints
 * them to dp->opt->out.  consume_poll returns the number of records
 * handled or -1; dp->exited is set once an exit() record was seen.
 * consume_drops prints "dtrace: N drops on CPU M" for new drops. */
int consume_open(struct dprog *dp);
int consume_poll(struct dprog *dp, int timeout_ms);
void consume_drops(struct dprog *dp);
/* One record as the ring buffer holds it (consume_poll's callback; unit
 * tests feed it directly): 0. */
int consume_record(struct dprog *dp, const void *data, size_t size);
void consume_close(struct dprog *dp);

#endif
