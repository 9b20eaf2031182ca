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
/* -x strsize: the bytes of every string buffer, its NUL included (256
 * unless set before the program's strings are compiled).  Layouts give
 * a buffer STRBUF bytes, to keep what follows it 8-aligned. */
extern uint32_t dt_strsize;			/* util.c */
#define STRSIZE		dt_strsize
#define STRSIZE_MAX	4096
#define STRBUF		((STRSIZE + 7) & ~7u)
#define REC_HDR		16		/* record header: epid, probe id, cpu */
#define GLOB_STATE	16		/* globals map: exit flag, exit status */

enum var_kind { VAR_GLOBAL, VAR_THIS, VAR_SELF, VAR_BUILTIN, VAR_INLINE };

#define MAXKEYS		8		/* components of a key tuple */

/* A variable.  A dynamic one (an associative array, or any self->
 * variable) lives in a hash map of its own, keyed by the tuple's values
 * (a self-> key starts with the thread id); the others have an offset. */
struct var {
	char *name;
	enum var_kind kind;
	struct dtype *type;		/* NULL until first assigned */
	uint32_t off;			/* globals map (GLOBAL), scratch (THIS) */
	int builtin;			/* enum builtin for VAR_BUILTIN */
	struct node *value;		/* VAR_INLINE: the expression */
	int nkeys;			/* > 0: an associative array */
	int is_dynamic;			/* assoc array or self->: a map */
	int declared;			/* by a declaration, not by use */
	int is_alloca, not_alloca;	/* has held a pointer into alloca()'s
					   space, or another */
	struct dtype *keys[MAXKEYS];	/* the key tuple's types */
	int map;			/* its map's id (dmap_shared), 0 until made */
	int id;				/* its keys' first u64 in that map */
	struct var *next;
};

/* Maps a program needs besides the fixed ones (enum map_id): code
 * generation reserves them with dmap_add, load.c makes them. */
struct dmap {
	uint32_t type, ksize, vsize, nent;
	const char *name;
	int fd;
};

/* An aggregation: one per-CPU hash map, the consumer merges the CPUs.
 * Each CPU's value is a u64 count of updates, then the data in
 * aggfmt.h's layout (ndata int64s). */
struct agg {
	char *name;			/* without the '@' ("" for @) */
	int id;				/* 1-based, in order of first use */
	int kind;			/* enum agg_kind, -1 until first used */
	int nkeys;
	struct dtype *keys[MAXKEYS];
	uint32_t koff[MAXKEYS];		/* each key's offset in the map key */
	uint32_t kslot[MAXKEYS];	/* and its bytes: 8, or a string's */
	uint32_t kwidth[MAXKEYS];	/* widest string a key gets (prescan) */
	uint32_t ksize;			/* bytes of the map key: the u64 id,
					   then the keys */
	int ndata;
	int64_t arg[4];			/* lquantize base, step, levels;
					   llquantize factor, lmag, hmag, steps */
	int map;
	/* run time (aggout.c) */
	int printed;			/* printa()ed: not printed at exit */
	int cleared;			/* keyless, clear()ed: shown with 0 */
	uint64_t normal;		/* normalize(); 0 for none */
	struct agg *next;
};

/* A keyless aggregation is an element of a per-CPU array, indexed by its
 * id, whose lookup the verifier inlines; keyed ones are in hashes. */
static inline int agg_in_array(const struct agg *a)
{
	return a->nkeys == 0;
}

/* What consumes a record: one action per recorded item or group. */
enum act_kind {
	ACT_TRACE, ACT_PRINTF, ACT_EXIT, ACT_TRACEMEM,
	ACT_PRINTA, ACT_CLEAR, ACT_TRUNC, ACT_NORMALIZE, ACT_DENORMALIZE,
	ACT_SETOPT, ACT_COMMIT, ACT_DISCARD,
	ACT_SYSTEM, ACT_FREOPEN, ACT_FTRUNCATE,
	ACT_STACK,			/* stack(), ustack(): one recarg */
};

/* Record encoding (what consume.c decodes):
 *   header: u32 epid @0, u32 probe id @4, u32 cpu @8 (the low 16 bits;
 *     the high 16 the speculation the record belongs to, 0 for none),
 *     u32 done @12:
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
enum fault {				/* DTrace's DTRACEFLT_* numbers */
	FAULT_UNKNOWN, FAULT_BADADDR, FAULT_BADALIGN, FAULT_ILLOP,
	FAULT_DIVZERO, FAULT_NOSCRATCH, FAULT_KPRIV, FAULT_UPRIV,
	FAULT_TUPOFLOW, FAULT_BADSTACK, FAULT_BADSIZE,
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
	struct fmt *fmt;		/* printf, printa */
	struct recarg *args;
	int nargs;
	struct agg **aggs;		/* printa, clear, trunc, (de)normalize */
	int naggs;
	const char *optname, *optval;	/* setopt (optval may be NULL) */
	struct action *next;
};

/* An enabled probe description: one clause compiled for one site. */
struct ecb {
	uint32_t epid;			/* index + 1 */
	struct node *clause;
	uint32_t recsize;		/* bytes, header included */
	uint32_t dtsize, dtalign;	/* DTrace's bytes for it (cg_buf.c) */
	struct action *acts, **last;
};

/* Clauses enabling probes of one site: the selector's mask bits. */
#define MAXCLAUSES	4096

/* Probes sharing one BPF program. */
struct site {
	char *name;
	struct probe *first;		/* provides ops, arg layout */
	struct probe **probes;		/* matched probes of this site */
	int nprobes;
	uint64_t **masks;		/* per probe: which of clauses[] run,
					   a bit each, MAXCLAUSES / 64 words */
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
	uint64_t aggsize, dynvarsize;	/* bytes; 0: the defaults */
	uint64_t scratchsize;		/* alloca()'s bytes; 0: 256 */
	int aggsortkey, aggsortrev, aggsortpos, aggsortkeypos, aggpercpu;
	int nspec;			/* speculation buffers (1) */
	uint64_t specsize;		/* bytes of each (32k); 0: default */
	uint64_t switchrate_ns;
	uint64_t statusrate_ns;		/* 0: look at exit and fill each poll */
	char bufpolicy;			/* 's'witch (0 too), 'f'ill, 'r'ing */
	char **margv;			/* macro arguments $0..$n */
	int margc;
	FILE *out;
	/* options.c fills these; main.c and consume.c read them */
	int rawbytes, droptags, defaultargs, argref, empty;
	int cpu;			/* -xcpu, -1: every CPU */
	/* stacks: frames recorded (0: DTrace's 20 and 100), the indent of
	 * printed frames (0: 14), -x noresolve */
	int stackframes, ustackframes, jstackframes, stackindent, noresolve;
	int cpp, cpphdrs;		/* -C / -xcpp, -H / -xcpphdrs */
	char stdc;			/* -xstdc: 'a' (default), 'c', 's', 't' */
	char **cppargs;			/* -D/-U/-I as cpp words, in order */
	int ncppargs;
	const char *cpppath;		/* -xcpppath; NULL: "cpp" from PATH */
	int in_program;			/* set once the command line is done:
					   later calls are #pragma D option */
};

/* MAP_DROPS's value: u64 counts of what could not be kept. */
enum drop_kind {
	DROP_RECORD, DROP_DYNVAR, DROP_AGG, DROP_SPEC, DROP_SPECUNAVAIL,
	DROP_DBLERROR, DROP_COUNT
};

/* MAP_BUF's value: how the principal buffer is accounted (cg_buf.c) in
 * DTrace's record sizes.  The consumer bumps gen at each switch; a
 * clause adds its record to its CPU's bytes of this gen and keeps it
 * only within limit (endlimit for END's clauses); over it, fill sets
 * filled and the record goes, otherwise it is counted as a drop. */
struct buf_ctl {
	uint64_t gen, limit, endlimit, fill, filled;
};

/* The maps every program uses; MAP_SEL is the running site's own. */
enum map_id {
	MAP_RB,				/* ringbuf: records */
	MAP_GLOB,			/* array[1]: exit state + global vars */
	MAP_SCRATCH,			/* percpu array[1]: record, temporaries */
	MAP_STR,			/* array[1]: constant strings (strtab) */
	MAP_DROPS,			/* percpu array[1]: u64 drops, DROP_* */
	MAP_BUF,			/* array[1]: struct buf_ctl */
	MAP_SEL,			/* hash: selector -> {probe id, clause mask} */
	MAP_COUNT
};

struct dprog {
	struct diag *diag;
	struct options *opt;
	struct var *vars;		/* globals, this-> and builtins in use */
	struct agg *aggs, **aggs_last;	/* in order of first use */
	int naggs;
	struct dmap *dmaps;		/* map ids MAP_COUNT + index */
	int ndmaps;
	int zero_map;			/* zeroes: new aggregation values */
	int ndvars;			/* dynamic variables given an id */
	uint32_t spec_off;		/* globals: nspec u64 states, 1 busy */
	struct specbuf *specs;		/* consumer: records held per speculation */
	uint64_t spec_drops;		/* consumer: records specsize refused */
	uint32_t globsize;		/* bytes of the globals map value */
	uint32_t scratchsize;		/* bytes of the per-CPU scratch value */
	int uses_alloca;		/* prescan: alloca() is called */
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
	int destructive_used;		/* a destructive action was compiled */
	FILE *out_orig;			/* -o's file, which freopen("") restores */
	int heading_done;		/* "CPU ID FUNCTION:NAME" printed */
	uint64_t *drops_seen;		/* per CPU, reported so far */
	uint64_t end_reserve;		/* fill: DTrace's bytes kept for END */
	struct cpuring *rings;		/* ring policy: records per CPU */
	int nrings, ring_replay;	/* replay: print, do not hold */
	uint64_t next_switch, next_status;	/* ns, CLOCK_MONOTONIC */
	struct ring_buffer *rb;
};


/* load.c: the ring buffer's bytes: -x bufsize (4m) up to a power of 2. */
uint32_t rb_size(const struct dprog *dp);
/* load.c: reserve a map for load_program to make: its map id. */
int dmap_add(struct dprog *dp, uint32_t type, uint32_t ksize, uint32_t vsize,
	     uint32_t nent, const char *name);
/* The same, or the map of that layout already reserved. */
int dmap_shared(struct dprog *dp, uint32_t type, uint32_t ksize,
		uint32_t vsize, uint32_t nent, const char *name);

struct agg *agg_lookup(struct dprog *dp, const char *name);	/* check_agg.c */
/* check_agg.c: the aggregation of that name, made if new. */
struct agg *agg_get(struct dprog *dp, const char *name);
/* check_agg.c: the bytes a string-valued key expression can take. */
uint32_t key_width(const struct node *k);
/* prescan.c: what a pass over a whole program learns before its clauses
 * are checked one by one: how wide each aggregation key's strings get
 * (execname: 16 bytes), and the globals that are counted (x++, x += n)
 * somewhere, which D lets a clause read before the one that counts. */
void prescan_program(struct dprog *dp, struct node *first);

/* spec.c: the consumer's speculation buffers.  spec_hold keeps a record
 * of speculation id (0 if it cannot, counting a drop); commit replays
 * what was kept through consume_record, discard forgets it. */
void spec_hold(struct dprog *dp, int id, const void *rec, size_t size);
void spec_commit(struct dprog *dp, int id);
void spec_discard(struct dprog *dp, int id);
void spec_free(struct dprog *dp);

/* buffer.c: the consumer's side of -x bufpolicy and the rates.
 * buf_init fills MAP_BUF; buf_work switches at switchrate and says
 * (1) when tracing is to stop: exit() seen or a fill buffer full, at
 * the first status check (-x statusrate) after it.  ring_hold keeps a
 * record in its CPU's ring of bufsize (DTrace's bytes), ring_flush
 * prints what the rings kept, END's CPU last. */
int buf_init(struct dprog *dp);
int buf_work(struct dprog *dp);
int ring_hold(struct dprog *dp, const struct ecb *e, const void *rec,
	      size_t size);
void ring_flush(struct dprog *dp);

/* destructive.c: system(), freopen() and ftruncate() as the consumer
 * does them, once their record is consumed. */
void dest_action(struct dprog *dp, const struct action *act,
		 const struct fmt_arg *args, int nargs);

/* aggout.c: aggregations as DTrace prints them (the consumer's side). */
/* printa, clear, trunc, normalize, denormalize: act of record rec. */
void agg_action(struct dprog *dp, const struct action *act,
		const unsigned char *rec);
void agg_print_all(struct dprog *dp);	/* at exit: those not printa()ed */

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
