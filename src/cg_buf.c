/* cg_buf.c - the principal buffer's limit, in the kernel.
 *
 * DTrace fills a per-CPU buffer of -x bufsize bytes with records of its
 * own layout: a 4-byte EPID, then each action's data at its natural
 * alignment (an int 4 bytes, a string strsize bytes), the record padded
 * to its widest alignment.  Our records are larger (header, 8-byte
 * slots), so each clause adds DTrace's size of its record to its CPU's
 * count for the current switch (struct buf_ctl) and keeps the record
 * only within the limit: switch counts a drop, fill marks the buffer
 * full and stops recording, as DTrace's fill policy does (without a
 * drop).  ring has no limit here: the consumer keeps the newest.
 */
#include <stddef.h>
#include "cg.h"
#include "types.h"

static int is_scalar(enum fmt_type t)
{
	return t == FT_INT || t == FT_UINT || t == FT_PTR || ft_is_ksym(t) ||
	       ft_is_usym(t) || t == FT_FLOAT;
}

static void add_item(uint32_t *off, uint32_t *maxalign, uint32_t size,
		     uint32_t align)
{
	*off = (*off + align - 1) & ~(align - 1);
	*off += size;
	if (align > *maxalign)
		*maxalign = align;
}

/* dtrace_ecb_resize() over the records DTrace would make: printf with
 * no argument still records an int, and so does an action of ours that
 * records nothing (printa's aggregation id, clear's, setopt's). */
void ecb_dtrace_size(struct ecb *e)
{
	uint32_t off = 4, maxalign = 4;

	for (const struct action *a = e->acts; a; a = a->next) {
		if (!a->nargs)
			add_item(&off, &maxalign, 4, 4);
		for (int i = 0; i < a->nargs; i++) {
			const struct recarg *r = &a->args[i];
			uint32_t size = r->type && r->type->size ? r->type->size
								   : 8;
			if (!is_scalar(r->ftype))
				add_item(&off, &maxalign, r->size, 1);
			else
				add_item(&off, &maxalign, size,
					 size >= 8 ? 8 : size);
		}
	}
	e->dtalign = maxalign;
	e->dtsize = (off + maxalign - 1) & ~(maxalign - 1);
}

void cg_buf_reserve(struct cg *g, int is_end)
{
	struct ecb *e = g->ecb;
	int own = 0, same;

	ecb_dtrace_size(e);
	if (is_end)
		g->dp->end_reserve += e->dtsize + e->dtalign;
	if (g->speculates) {	/* speculative: specsize bounds it */
		cg_emit(g, LDX_MEM(BPF_W, R2, R7, 8));
		cg_emit(g, ALU64_IMM(BPF_RSH, R2, 16));
		own = cg_jump(g, JMP_IMM(BPF_JNE, R2, 0, 0));
	}
	cg_ld_map_value(g, R1, MAP_BUF, 0);
	cg_emit(g, LDX_MEM(BPF_DW, R2, R1, offsetof(struct buf_ctl, gen)));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R7, BUF_OFF));
	same = cg_jump(g, JMP_REG(BPF_JEQ, R2, R3, 0));
	cg_emit(g, STX_MEM(BPF_DW, R7, R2, BUF_OFF));
	cg_emit(g, ST_MEM(BPF_DW, R7, BUF_OFF + 8, 0));
	cg_land(g, same);
	cg_emit(g, LDX_MEM(BPF_DW, R3, R7, BUF_OFF + 8));
	if (e->dtalign > 1) {
		cg_emit(g, ALU64_IMM(BPF_ADD, R3, e->dtalign - 1));
		cg_emit(g, ALU64_IMM(BPF_AND, R3, -(int32_t)e->dtalign));
	}
	cg_emit(g, ALU64_IMM(BPF_ADD, R3, e->dtsize));
	cg_emit(g, LDX_MEM(BPF_DW, R2, R1, is_end ?
			   offsetof(struct buf_ctl, endlimit) :
			   offsetof(struct buf_ctl, limit)));
	int fits = cg_jump(g, JMP_REG(BPF_JLE, R3, R2, 0));
	cg_emit(g, LDX_MEM(BPF_DW, R2, R1, offsetof(struct buf_ctl, fill)));
	int sw = cg_jump(g, JMP_IMM(BPF_JEQ, R2, 0, 0));
	cg_emit(g, ST_MEM(BPF_DW, R1, offsetof(struct buf_ctl, filled), 1));
	cg_to_end(g, JA(0));
	cg_land(g, sw);
	cg_count_drop(g, DROP_RECORD);
	cg_to_end(g, JA(0));
	cg_land(g, fits);
	cg_emit(g, STX_MEM(BPF_DW, R7, R3, BUF_OFF + 8));
	if (own)
		cg_land(g, own);
}
