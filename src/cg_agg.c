/* cg_agg.c - aggregations in the kernel: @a[keys] = func(args) updates
 * this CPU's value in the aggregation's per-CPU hash map, so hot paths
 * never contend; the consumer (aggout.c) merges the CPUs.
 *
 * A value is a u64 count of updates (which min and max need to know a
 * CPU's first one), then the data in aggfmt.h's layout.  A new key gets
 * its value from a map of zeroes; a key the full map refuses counts as
 * an aggregation drop.
 */
#include "cg.h"
#include "aggfmt.h"
#include "calls.h"
#include "types.h"
#include "util.h"

#define DEFAULT_AGGSIZE	(4u << 20)	/* DTrace's aggsize */

static uint32_t value_size(const struct agg *a)
{
	return 8 + 8 * (uint32_t)a->ndata;
}

/* The array a keyless aggregation shares with the others of its value
 * size: as many elements as the highest id needs. */
static int array_map(struct dprog *dp, struct agg *a)
{
	if (!a->map)
		a->map = dmap_shared(dp, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
				     value_size(a), a->id + 1, "dt_agga");
	struct dmap *m = &dp->dmaps[a->map - MAP_COUNT];
	if (m->nent < (uint32_t)a->id + 1)
		m->nent = a->id + 1;
	/* DTrace's space: an aggsize without room for the key and value
	 * fails the enabling (make_dmaps says so) */
	if (dp->opt->aggsize && dp->opt->aggsize < 8 + value_size(a))
		m->nent = 0;
	return a->map;
}

static int agg_map(struct cg *g, struct agg *a)
{
	struct dprog *dp = g->dp;
	if (agg_in_array(a))
		return array_map(dp, a);
	if (!a->map) {
		uint64_t total = dp->opt->aggsize ? dp->opt->aggsize
						  : DEFAULT_AGGSIZE;
		/* the space is DTrace's: a string key counts strsize bytes,
		 * however narrow its slot here */
		uint64_t ksize = 8;
		for (int i = 0; i < a->nkeys; i++)
			ksize += type_is_string(a->keys[i]) ? STRSIZE : 8;
		uint64_t n = total / (ksize + value_size(a));
		a->map = dmap_shared(dp, BPF_MAP_TYPE_PERCPU_HASH, a->ksize,
				  value_size(a), n > 1u << 20 ? 1u << 20 :
				  (uint32_t)n, "dt_agg");
	}
	if (!dp->zero_map)
		dp->zero_map = dmap_add(dp, BPF_MAP_TYPE_ARRAY, 4, 8, 1,
					"dt_zero");
	struct dmap *z = &dp->dmaps[dp->zero_map - MAP_COUNT];
	if (z->vsize < value_size(a))
		z->vsize = value_size(a);
	return a->map;
}

static void lookup(struct cg *g, int map, uint32_t key)
{
	cg_ld_map(g, R1, map);
	cg_scratch_addr(g, R2, key);
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_lookup_elem));
}

/* r0 = this CPU's value for the key, made if new; or to *skip. */
static int find_value(struct cg *g, struct agg *a, uint32_t key)
{
	int map = agg_map(g, a);
	lookup(g, map, key);
	if (agg_in_array(a))		/* always there: the verifier's check */
		return cg_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0));
	int have = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_ld_map(g, R1, map);
	cg_scratch_addr(g, R2, key);
	cg_ld_map_value(g, R3, g->dp->zero_map, 0);
	cg_emit(g, MOV64_IMM(R4, BPF_NOEXIST));
	cg_emit(g, CALL_HELPER(BPF_FUNC_map_update_elem));
	lookup(g, map, key);
	int made = cg_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_count_drop(g, DROP_AGG);
	int skip = cg_jump(g, JA(0));
	cg_land(g, have);
	cg_land(g, made);
	return skip;
}

/* r2 = floor(log2(r3)) for r3 > 0; r3 and r4 are clobbered. */
static void log2_r3(struct cg *g)
{
	cg_emit(g, MOV64_IMM(R2, 0));
	for (int s = 32; s > 0; s /= 2) {
		cg_emit(g, MOV64_REG(R4, R3));
		cg_emit(g, ALU64_IMM(BPF_RSH, R4, s));
		cg_emit(g, JMP_IMM(BPF_JEQ, R4, 0, 2));
		cg_emit(g, MOV64_REG(R3, R4));
		cg_emit(g, ALU64_IMM(BPF_ADD, R2, s));
	}
}

/* r1 = quantize's bucket for the value in r1 (aggfmt_quantize_bucket):
 * -2^k .. 62 - k, 0 .. 63, 2^k .. 64 + k. */
static void quantize_bucket(struct cg *g)
{
	int pos = cg_jump(g, JMP_IMM(BPF_JSGT, R1, 0, 0));
	int zero = cg_jump(g, JMP_IMM(BPF_JEQ, R1, 0, 0));
	cg_emit(g, ALU64_IMM(BPF_NEG, R1, 0));
	cg_emit(g, MOV64_REG(R3, R1));
	log2_r3(g);
	cg_emit(g, MOV64_IMM(R1, AGGFMT_QUANTIZE_ZERO - 1));
	cg_emit(g, ALU64_REG(BPF_SUB, R1, R2));
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 1));
	cg_emit(g, MOV64_IMM(R1, 0));
	int done1 = cg_jump(g, JA(0));
	cg_land(g, zero);
	cg_emit(g, MOV64_IMM(R1, AGGFMT_QUANTIZE_ZERO));
	int done2 = cg_jump(g, JA(0));
	cg_land(g, pos);
	cg_emit(g, MOV64_REG(R3, R1));
	log2_r3(g);
	cg_emit(g, MOV64_IMM(R1, AGGFMT_QUANTIZE_ZERO + 1));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R2));
	cg_land(g, done1);
	cg_land(g, done2);
}

/* r1 = lquantize's bucket: 0 below base, then one per step, then the
 * overflow bucket levels + 1. */
static void lquantize_bucket(struct cg *g, const struct agg *a)
{
	int32_t base = (int32_t)a->arg[0], step = (int32_t)a->arg[1];
	int32_t levels = (int32_t)a->arg[2];

	int above = cg_jump(g, JMP_IMM(BPF_JSGE, R1, base, 0));
	cg_emit(g, MOV64_IMM(R1, 0));
	int done = cg_jump(g, JA(0));
	cg_land(g, above);
	cg_emit(g, ALU64_IMM(BPF_SUB, R1, base));
	cg_emit(g, ALU64_IMM(BPF_DIV, R1, step));
	cg_emit(g, JMP_IMM(BPF_JLT, R1, levels, 1));
	cg_emit(g, MOV64_IMM(R1, levels));
	cg_emit(g, ALU64_IMM(BPF_ADD, R1, 1));
	cg_land(g, done);
}

static uint64_t ipow(uint64_t b, int64_t e)
{
	uint64_t r = 1;
	while (e-- > 0)
		r *= b;
	return r;
}

/* r2 = the bucket's distance from llquantize's middle bucket (bin0) for
 * the magnitude in r1: each order of magnitude m has steps - steps/factor
 * buckets, of width factor^(m+1)/steps (aggfmt.c labels them). */
static void llquantize_offset(struct cg *g, const struct agg *a)
{
	int64_t f = a->arg[0], lmag = a->arg[1], hmag = a->arg[2];
	int64_t steps = a->arg[3], per = steps - steps / f;
	int done[66], nd = 0;

	cg_mov_imm64(g, R3, (int64_t)ipow(f, lmag));
	int big = cg_jump(g, JMP_REG(BPF_JGE, R1, R3, 0));
	cg_emit(g, MOV64_IMM(R2, 0));
	done[nd++] = cg_jump(g, JA(0));
	cg_land(g, big);
	for (int64_t m = lmag; m <= hmag; m++) {
		uint64_t lo = ipow(f, m), hi = lo * f;
		cg_mov_imm64(g, R3, (int64_t)hi);
		int next = cg_jump(g, JMP_REG(BPF_JGE, R1, R3, 0));
		cg_emit(g, MOV64_REG(R2, R1));
		if (hi % steps == 0) {		/* buckets hi/steps wide */
			cg_mov_imm64(g, R4, (int64_t)(hi / steps));
			cg_emit(g, ALU64_REG(BPF_DIV, R2, R4));
			cg_emit(g, ALU64_IMM(BPF_SUB, R2, (int32_t)(steps / f)));
		} else {			/* narrower than 1: m is 0 */
			cg_mov_imm64(g, R4, (int64_t)lo);
			cg_emit(g, ALU64_REG(BPF_SUB, R2, R4));
			cg_emit(g, ALU64_IMM(BPF_MUL, R2, (int32_t)steps));
			cg_mov_imm64(g, R4, (int64_t)hi);
			cg_emit(g, ALU64_REG(BPF_DIV, R2, R4));
		}
		cg_emit(g, ALU64_IMM(BPF_ADD, R2, (int32_t)(1 + (m - lmag) * per)));
		done[nd++] = cg_jump(g, JA(0));
		cg_land(g, next);
	}
	cg_emit(g, MOV64_IMM(R2, (int32_t)(1 + (hmag - lmag + 1) * per)));
	for (int i = 0; i < nd; i++)
		cg_land(g, done[i]);
}

/* r1 = llquantize's bucket: bin0 +- the offset of abs(value). */
static void llquantize_bucket(struct cg *g, const struct agg *a)
{
	int32_t bin0 = (a->ndata - 3) / 2 + 1;
	cg_emit(g, MOV64_IMM(R5, 0));
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 2));
	cg_emit(g, ALU64_IMM(BPF_NEG, R1, 0));
	cg_emit(g, MOV64_IMM(R5, 1));
	llquantize_offset(g, a);
	cg_emit(g, MOV64_IMM(R1, bin0));
	cg_emit(g, JMP_IMM(BPF_JNE, R5, 0, 2));
	cg_emit(g, ALU64_REG(BPF_ADD, R1, R2));
	cg_emit(g, JA(1));
	cg_emit(g, ALU64_REG(BPF_SUB, R1, R2));
}

/* data[r1] += the increment (at stack slot incr, or 1), r1 bounded. */
static void add_to_bucket(struct cg *g, const struct agg *a, int incr)
{
	cg_emit(g, JMP_IMM(BPF_JLE, R1, a->ndata - 1, 1));
	cg_emit(g, MOV64_IMM(R1, a->ndata - 1));
	cg_emit(g, ALU64_IMM(BPF_LSH, R1, 3));
	cg_emit(g, ALU64_REG(BPF_ADD, R0, R1));
	cg_emit(g, LDX_MEM(BPF_DW, R2, R0, 8));
	if (incr) {
		cg_emit(g, LDX_MEM(BPF_DW, R3, R10, incr));
		cg_emit(g, ALU64_REG(BPF_ADD, R2, R3));
	} else {
		cg_emit(g, ALU64_IMM(BPF_ADD, R2, 1));
	}
	cg_emit(g, STX_MEM(BPF_DW, R0, R2, 8));
}

/* data[i] += r1 */
static void add_data(struct cg *g, int i, int reg)
{
	cg_emit(g, LDX_MEM(BPF_DW, R2, R0, 8 + 8 * i));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, reg));
	cg_emit(g, STX_MEM(BPF_DW, R0, R2, 8 + 8 * i));
}

/* The 128-bit square of r1 added to data[2] (low) and data[3] (high):
 * |v| = h * 2^32 + l, so v^2 = h^2 * 2^64 + hl * 2^33 + l^2. */
static void add_square(struct cg *g)
{
	cg_emit(g, JMP_IMM(BPF_JSGE, R1, 0, 1));
	cg_emit(g, ALU64_IMM(BPF_NEG, R1, 0));
	cg_emit(g, MOV64_REG(R5, R1));
	cg_emit(g, ALU64_IMM(BPF_RSH, R5, 32));		/* h */
	cg_emit(g, ALU64_IMM(BPF_LSH, R1, 32));
	cg_emit(g, ALU64_IMM(BPF_RSH, R1, 32));		/* l */
	cg_emit(g, MOV64_REG(R2, R1));
	cg_emit(g, ALU64_REG(BPF_MUL, R2, R1));		/* lo = l^2 */
	cg_emit(g, MOV64_REG(R3, R5));
	cg_emit(g, ALU64_REG(BPF_MUL, R3, R5));		/* hi = h^2 */
	cg_emit(g, ALU64_REG(BPF_MUL, R5, R1));		/* hl */
	cg_emit(g, MOV64_REG(R4, R5));
	cg_emit(g, ALU64_IMM(BPF_LSH, R4, 33));
	cg_emit(g, ALU64_IMM(BPF_RSH, R5, 31));
	cg_emit(g, ALU64_REG(BPF_ADD, R3, R5));
	cg_emit(g, ALU64_REG(BPF_ADD, R2, R4));
	cg_emit(g, JMP_REG(BPF_JGE, R2, R4, 1));	/* carry */
	cg_emit(g, ALU64_IMM(BPF_ADD, R3, 1));
	cg_emit(g, LDX_MEM(BPF_DW, R4, R0, 8 + 16));
	cg_emit(g, ALU64_REG(BPF_ADD, R4, R2));
	cg_emit(g, JMP_REG(BPF_JGE, R4, R2, 1));
	cg_emit(g, ALU64_IMM(BPF_ADD, R3, 1));
	cg_emit(g, STX_MEM(BPF_DW, R0, R4, 8 + 16));
	cg_emit(g, LDX_MEM(BPF_DW, R5, R0, 8 + 24));
	cg_emit(g, ALU64_REG(BPF_ADD, R5, R3));
	cg_emit(g, STX_MEM(BPF_DW, R0, R5, 8 + 24));
}

/* min, max: the first update of this CPU's value (r2 holds the count
 * before it), or a better one. */
static void min_max(struct cg *g, int is_min)
{
	cg_emit(g, JMP_IMM(BPF_JEQ, R2, 0, 2));
	cg_emit(g, LDX_MEM(BPF_DW, R3, R0, 8));
	cg_emit(g, JMP_REG(is_min ? BPF_JSGE : BPF_JSLE, R1, R3, 1));
	cg_emit(g, STX_MEM(BPF_DW, R0, R1, 8));
}

/* r0 = the value, r1 = the argument (slot val), slot incr or 0. */
static void update(struct cg *g, struct agg *a, int incr)
{
	switch (a->kind) {
	case AGG_COUNT:
		cg_emit(g, MOV64_IMM(R1, 1));
		add_data(g, 0, R1);
		break;
	case AGG_SUM: add_data(g, 0, R1); break;
	case AGG_MIN: case AGG_MAX: min_max(g, a->kind == AGG_MIN); break;
	case AGG_AVG: case AGG_STDDEV:
		add_data(g, 1, R1);
		if (a->kind == AGG_STDDEV)
			add_square(g);
		cg_emit(g, MOV64_IMM(R1, 1));
		add_data(g, 0, R1);
		break;
	case AGG_QUANTIZE: quantize_bucket(g); add_to_bucket(g, a, incr); break;
	case AGG_LQUANTIZE:
		lquantize_bucket(g, a);
		add_to_bucket(g, a, incr);
		break;
	case AGG_LLQUANTIZE:
		llquantize_bucket(g, a);
		add_to_bucket(g, a, incr);
		break;
	}
}

void cg_agg(struct cg *g, struct node *n)
{
	struct node *lhs = n->a, *call = n->b, *v = call->a, *last = v;
	struct agg *a = lhs->aux;
	uint32_t key = cg_temp_bytes(g, lhs, a->ksize);
	int argc = 0, val = 0, incr = 0;

	for (struct node *x = call->a; x; x = x->next, argc++)
		last = x;
	cg_emit(g, ST_MEM(BPF_DW, R7, key, a->id));
	cg_key_tuple(g, lhs->a, key + 8, a->kslot);
	if (v) {
		cg_expr(g, v);
		val = cg_push(g);
	}
	if (a->kind >= AGG_QUANTIZE && argc == (a->kind == AGG_QUANTIZE ? 2 :
						a->kind == AGG_LQUANTIZE ? 5 : 6)) {
		cg_expr(g, last);
		incr = cg_push(g);
	}
	int skip = find_value(g, a, key);
	if (val)
		cg_emit(g, LDX_MEM(BPF_DW, R1, R10, val));
	/* count the update; min and max look at the count before it */
	int minmax = a->kind == AGG_MIN || a->kind == AGG_MAX;
	cg_emit(g, LDX_MEM(BPF_DW, R2, R0, 0));
	if (minmax)
		update(g, a, incr);
	cg_emit(g, ALU64_IMM(BPF_ADD, R2, 1));
	cg_emit(g, STX_MEM(BPF_DW, R0, R2, 0));
	if (!minmax)
		update(g, a, incr);
	cg_land(g, skip);
	g->depth -= (val != 0) + (incr != 0);
}

/* printa() and clear() record nothing but that they ran; trunc() and
 * normalize() record their number.  The consumer does the work. */
void cg_agg_action(struct cg *g, struct node *n)
{
	static const enum act_kind kinds[] = {
		[CALL_PRINTA] = ACT_PRINTA, [CALL_CLEAR] = ACT_CLEAR,
		[CALL_TRUNC] = ACT_TRUNC, [CALL_NORMALIZE] = ACT_NORMALIZE,
		[CALL_DENORMALIZE] = ACT_DENORMALIZE,
	};
	int naggs = 0;
	struct node *num = NULL;

	for (struct node *x = n->a; x; x = x->next)
		if (x->kind == N_AGG)
			naggs++;
		else if (n->id != CALL_PRINTA)
			num = x;
	struct action *act = cg_action_add(g, kinds[n->id], num ? 1 : 0);
	act->fmt = n->id == CALL_PRINTA ? n->aux : NULL;
	act->aggs = xcalloc(naggs ? naggs : 1, sizeof(*act->aggs));
	for (struct node *x = n->a; x; x = x->next)
		if (x->kind == N_AGG)
			act->aggs[act->naggs++] = x->aux;
	if (num)
		cg_record_value(g, num, &act->args[0]);
	cg_action_done(g);
}
