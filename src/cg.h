/* cg.h - code generation state shared by cg.c (expressions, clauses) and
 * cg_call.c (actions and subroutines).
 *
 * Registers while a clause runs:
 *   r6  the probe context        r7  the per-CPU scratch value
 *   r8  the globals map value    r9  the probe id
 * Every expression leaves its value in r0.  Integers are kept extended
 * to 64 bits from their D type; a string is a pointer to a STRSIZE-byte
 * buffer in a map value (so the verifier lets us read it directly); a
 * struct, union or array is its (kernel) address.  Intermediate values
 * are spilled to stack slots below r10-16 by depth.
 */
#ifndef DT_CG_H
#define DT_CG_H

#include "compile.h"

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R4 BPF_REG_4
#define R5 BPF_REG_5
#define R6 BPF_REG_6
#define R7 BPF_REG_7
#define R8 BPF_REG_8
#define R9 BPF_REG_9
#define R10 BPF_REG_10

/* The per-CPU scratch value. */
#define REC_MAX		8192		/* the record being built, at 0 */
#define SITE_OFF	REC_MAX		/* the site's selector value copy */
#define SEL_SIZE	32		/* struct sel_value */
#define SELKEY_OFF	(SITE_OFF + SEL_SIZE)	/* the selector map's key */
#define FAULT_OFF	(SELKEY_OFF + 8)	/* a fault record */
#define FAULT_SIZE	40
#define TSTAMP_OFF	(ERRARGS_OFF + ERRARGS_SIZE)	/* the clause's timestamp */
#define BUF_OFF		(TSTAMP_OFF + 8)	/* u64 gen, bytes */
#define TEMP_OFF	(BUF_OFF + 16)
#define TEMP_SIZE	8192		/* temporaries (strings, keys) per
					   statement */
/* alloca()'s space: the clause's top (bytes in use), the space's own
 * address as a plain integer, then the space.  It is twice the largest
 * -x scratchsize so that an offset and a length each bounded by
 * scratchsize keep a helper's write inside it for the verifier. */
#define ALLOCA_OFF	(TEMP_OFF + TEMP_SIZE)
#define ALLOCA_TOP	ALLOCA_OFF
#define ALLOCA_BASE	(ALLOCA_OFF + 8)
#define ALLOCA_DATA	(ALLOCA_OFF + 16)
#define ALLOCA_MAX	2048		/* the largest -x scratchsize */
#define ALLOCA_SIZE	(16 + 2 * ALLOCA_MAX)
#define THIS_OFF	(ALLOCA_OFF + ALLOCA_SIZE)	/* this-> variables */
#define SCRATCH_MAX	32768		/* the per-CPU value size limit */

/* The constant strings' map value: its fixed size lets the verifier
 * accept an offset read from a selector value once bounded by it. */
#define STRTAB_MAX	(512 * 1024)

/* Globals map: the exit flag, the wall-clock offset, then variables. */
#define GLOB_EXIT	0
#define GLOB_WALL	8

/* The value of a shared site's selector map (load.c fills it), copied
 * into the scratch value at SITE_OFF by the program's prologue.  Past it,
 * in the map only, a mask word for each further 64 clauses: the clause
 * starting each 64 loads its word into the copy's mask. */
struct sel_value {
	uint32_t id, pad;
	uint64_t mask;			/* of 64 clauses: enabled here */
	uint32_t prov, mod, func, name;	/* strtab offsets */
};
#define SEL_VALUE_SIZE(nclauses) \
	(SEL_SIZE + 8 * ((nclauses) > 64 ? ((nclauses) - 1) / 64 : 0))

/* The ERROR clauses run as a BPF subprogram of every program, called
 * from a faulting clause with r1 = these PROBE_MAXARGS u64 (DTrace's
 * ERROR arguments: arg1 epid, arg2 action, arg3 pc, arg4 fault, arg5
 * address) and r2 = the scratch value. */
#define ERRARGS_OFF	(FAULT_OFF + FAULT_SIZE)
#define ERRARGS_SIZE	(PROBE_MAXARGS * 8)

struct cg {
	struct dprog *dp;
	struct site *site;		/* whose probes the clause is for */
	struct site *owner;		/* whose program it goes in */
	struct ecb *ecb;
	struct ebuf *b;
	int depth;			/* stack slots in use */
	uint32_t tmp_next;		/* next free temporary */
	int stmt;			/* 1-based statement: "action #N" */
	int nacts;			/* actions recorded so far */
	int *to_end, nend;		/* jumps to the clause's end */
	int *to_fault, nfault;		/* jumps to the fault handler */
	int in_error;			/* compiling the ERROR subprogram */
	int speculates;			/* speculate() in the clause */
};

void cg_emit(struct cg *g, struct bpf_insn i);
void cg_expr(struct cg *g, struct node *n);
/* r0 = a BPF-readable string buffer for a string-typed expression. */
void cg_string(struct cg *g, struct node *n);
int cg_push(struct cg *g);			/* spill r0: its r10 offset */
void cg_pop(struct cg *g, int reg);		/* reload the last spill */
uint32_t cg_temp(struct cg *g, struct node *n);	/* a STRSIZE temporary */
uint32_t cg_temp_bytes(struct cg *g, struct node *n, uint32_t size);
/* A jump to be landed later: its index; cg_land points it here. */
int cg_jump(struct cg *g, struct bpf_insn i);
void cg_land(struct cg *g, int at);
void cg_mov_imm64(struct cg *g, int reg, int64_t v);
/* reg = the address of byte off of map m's value (array maps). */
void cg_ld_map_value(struct cg *g, int reg, int m, uint32_t off);
/* Re-extend reg to the width and signedness of integer type t. */
void cg_normalize(struct cg *g, int reg, const struct dtype *t);
/* r0 = the size-byte value at the kernel address in r0 (faults). */
void cg_load_kernel(struct cg *g, int size, int is_signed);
void cg_count_drop(struct cg *g, enum drop_kind k);	/* clobbers r0-r5 */
/* Copy the string r0 points to into base + off (base r7 or r8);
 * r0 = the copy. */
void cg_store_string(struct cg *g, int base, uint32_t off);
/* The same, size bytes (a string known to end within them). */
void cg_store_string_n(struct cg *g, int base, uint32_t off, uint32_t size);
/* If r0 (a helper's result) is non-zero, fault with code; addr is the
 * stack slot (r10 + off) holding the address, or 0 for none. */
void cg_fault_if(struct cg *g, enum fault code, int addr_slot);
void cg_ld_map(struct cg *g, int reg, int m);	/* enum map_id, dmap_add's */
/* r1 = r7 + off (a scratch address). */
void cg_scratch_addr(struct cg *g, int reg, uint32_t off);

/* cg_alloca.c: alloca(), bcopy(), copyinto() and the checks that keep
 * loads and stores through a pointer into alloca()'s space inside what
 * the clause allocated. */
void cg_alloca_reset(struct cg *g);		/* at a clause's start */
void cg_alloca_subr(struct cg *g, struct node *n);	/* the three calls */
/* r0 holds an address about to be read (size bytes): inside alloca()'s
 * space but past what is allocated faults.  Clobbers r1, r2. */
void cg_alloca_load_check(struct cg *g, uint32_t size);
/* r0 holds an address about to be written: r1 = the map-value pointer
 * to write through; anywhere but allocated space faults. */
void cg_alloca_store_addr(struct cg *g, uint32_t size);
uint32_t cg_alloca_limit(struct cg *g);		/* -x scratchsize */

/* cg_buf.c: DTrace's size of the clause's record (ecb dtsize), then
 * the check that keeps it within -x bufsize: over it, to the clause's
 * end.  Clobbers r0-r5. */
void cg_buf_reserve(struct cg *g, int is_end);
void ecb_dtrace_size(struct ecb *e);		/* its dtsize, dtalign */

/* cg_dvar.c: a dynamic variable's element.  The key of lvalue lv (an
 * N_INDEX or N_SELF naming a dynamic variable) is built in a temporary,
 * at the offset returned; load and store use it (store keeps r0). */
uint32_t cg_dvar_key(struct cg *g, struct node *lv);
void cg_dvar_load(struct cg *g, struct var *v, uint32_t key);
void cg_dvar_store(struct cg *g, struct var *v, uint32_t key);

/* Write the keys of list keys (an N_LIST, or NULL) at scratch offset
 * off on: integers as 8 bytes, strings zero-padded to their slot's
 * bytes (STRBUF when slots is NULL). */
void cg_key_tuple(struct cg *g, struct node *keys, uint32_t off,
		  const uint32_t *slots);	/* each key's bytes, or NULL */

/* cg_agg.c: @a[keys] = func(args); printa(), clear() and the others. */
void cg_agg(struct cg *g, struct node *assign);
void cg_agg_action(struct cg *g, struct node *call);

/* cg_spec.c: speculation(), speculate(), commit(), discard(). */
void cg_spec_call(struct cg *g, struct node *call);
/* A jump to the clause's end: the clause records nothing. */
void cg_to_end(struct cg *g, struct bpf_insn i);

/* cg_call.c */
void cg_strlen_r0(struct cg *g);
/* Add an action to the clause's ecb; cg_action_done marks it as run in
 * the record's header when the code reaches it. */
struct action *cg_action_add(struct cg *g, enum act_kind k, int nargs);
void cg_action_done(struct cg *g);
void cg_call(struct cg *g, struct node *n);	/* actions and subroutines */
uint32_t cg_record(struct cg *g, uint32_t size);	/* a record slot */
/* Record the value of n at a new slot; fill the recarg describing it. */
void cg_record_value(struct cg *g, struct node *n, struct recarg *ra);

#endif
