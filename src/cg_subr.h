/* cg_subr.h - what the subroutines' code generators share (cg_subr.c,
 * cg_subr_str.c, cg_subr_net.c).
 *
 * Loops over string bytes are bounded by a counter the verifier can
 * follow (at most a few times STRSIZE steps, no may_goto); whatever the
 * data decides (positions found, lengths, states) lives in scratch
 * memory rather than in registers, so that the verifier sees the same
 * registers on every path through an iteration and prunes the paths it
 * has seen instead of exploring each length separately. */
#ifndef DT_CG_SUBR_H
#define DT_CG_SUBR_H

#include "cg.h"

/* The per-CPU work area (a map of its own): strtok's saved string,
 * a junk buffer for length probes, a u16 table of STRSIZE + 1 entries
 * (KMP, cleanpath's slashes), strtok's delimiter bitmap (cleanpath's step
 * table between strtok calls) and inet work. */
#define WS_TOK_VALID	0
#define WS_TOK_OFF	8
#define WS_TOK_BUF	16
#define WS_JUNK		(WS_TOK_BUF + STRBUF)
#define WS_TAB		(WS_JUNK + STRBUF)
#define WS_MAP		(WS_TAB + 2 * STRBUF + 8)
#define WS_NET		(WS_MAP + 32)		/* 16 address bytes, state */
#define WS_OUT		(WS_NET + 64)		/* 72 bytes built backwards */
#define WS_SIZE		(WS_OUT + 80)

void ld(struct cg *g, int reg, uint32_t off);	/* reg = *(u64 *)(r7 + off) */
void st(struct cg *g, uint32_t off, int reg);	/* *(u64 *)(r7 + off) = reg */
void st_imm(struct cg *g, uint32_t off, int32_t v);
/* Push the work area's address: its stack slot. */
int ws_push(struct cg *g);
/* Evaluate string argument a (NULL faults) and push it: its slot. */
int str_arg(struct cg *g, struct node *a);
/* r0 = strlen of the string at stack slot s (a length probe, no loop);
 * an unknown scalar in [0, STRSIZE - 1] to the verifier. */
void str_len(struct cg *g, int s, int ws);
/* Copy the string at (stack slot src) + reg off, at most size bytes with
 * its NUL (reg, 1..STRSIZE), into scratch at t; r0 = t. */
void copy_str(struct cg *g, uint32_t t, int src, int off_reg, int size_reg);
/* If reg op imm (src), leave by the returned fixup (a JA to land). */
int exit_when(struct cg *g, int op, int reg, int32_t imm);
int exit_when_reg(struct cg *g, int op, int reg, int src);
/* If reg > max (unsigned), leave by the returned fixup. */
int bound(struct cg *g, int reg, int32_t max);
/* Make the verifier need slack: a variable-offset write into a temp. */
void need_slack(struct cg *g);
/* Loops: counter reg from 0; loop_end adds 1 and goes back while < n. */
int loop_begin(struct cg *g, int reg);
void loop_end(struct cg *g, int reg, int head, int32_t n);

/* cg_subr_str.c */
void cg_strchr(struct cg *g, struct node *n);
void cg_case(struct cg *g, struct node *n);
void cg_pathname(struct cg *g, struct node *n);	/* basename, dirname */
void cg_strindex(struct cg *g, struct node *n);	/* index, rindex, strstr */
void cg_strtok(struct cg *g, struct node *n);
void cg_cleanpath(struct cg *g, struct node *n);
/* cg_subr_net.c */
void cg_inet(struct cg *g, struct node *n);

#endif
