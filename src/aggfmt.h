/* aggfmt.h - aggregation output in DTrace's layouts.
 *
 * The consumer walks (and sorts) the aggregation; for each record it prints
 * the keys with aggfmt_key, the value(s) with aggfmt_value and ends the line
 * with aggfmt_record_end, after one "\n" before the whole aggregation, which
 * is what dt_printa / dt_print_aggs do.  printa() with a format goes through
 * fmt_printa instead (its %@ conversions use the printers below).
 *
 * Data layouts are libdtrace's (all int64_t):
 *   COUNT, SUM, MIN, MAX   data[0]
 *   AVG                    data[0] = count, data[1] = total
 *   STDDEV                 count, total, sum of squares as 128 bits (lo, hi)
 *   QUANTIZE               AGGFMT_QUANTIZE_NBUCKETS buckets: 63 negative
 *                          (-2^62 .. -1), zero at AGGFMT_QUANTIZE_ZERO, 63
 *                          positive (1 .. 2^62)
 *   LQUANTIZE              levels + 2: underflow, levels, overflow
 *   LLQUANTIZE             (hmag-lmag+1) * (steps - steps/factor) * 2 + 3
 * normal is the normalize() divisor (1 when none): DTrace divides the
 * printed numbers, never the '@' bars.
 */
#ifndef DT_AGGFMT_H
#define DT_AGGFMT_H

#include <stdint.h>
#include <stdio.h>

struct fmt_arg;
struct fmt_env;

enum agg_kind {
	AGG_COUNT, AGG_SUM, AGG_AVG, AGG_MIN, AGG_MAX, AGG_STDDEV,
	AGG_QUANTIZE, AGG_LQUANTIZE, AGG_LLQUANTIZE,
};

#define AGGFMT_QUANTIZE_NBUCKETS	127
#define AGGFMT_QUANTIZE_ZERO		63

struct agg_value {
	enum agg_kind kind;
	const int64_t *data;
	int ndata;
	uint64_t normal;		/* 0 is taken as 1 */
	int32_t base;			/* lquantize */
	uint16_t step, levels;		/* lquantize */
	uint16_t factor, lmag, hmag, steps;	/* llquantize */
};

/* The default layout of one key: integers by size " %16lld", " %8d",
 * " %5d", " %3d"; strings and other bytes "  %-50s" or the hex dump;
 * symbols "  %-50s"; stacks through env->stack. */
void aggfmt_key(FILE *fp, const struct fmt_arg *key, const struct fmt_env *env);
/* The default layout of one value: " %16lld" (stddev " %16llu"), or the
 * whole distribution for the quantizes. */
int aggfmt_value(FILE *fp, const struct agg_value *v);
void aggfmt_record_end(FILE *fp);	/* "\n" */

/* The distributions, each starting with "\n" and the header line. */
int aggfmt_quantize(FILE *fp, const int64_t *data, int n, uint64_t normal);
int aggfmt_lquantize(FILE *fp, const int64_t *data, int n, uint64_t normal,
		     int32_t base, uint16_t step, uint16_t levels);
int aggfmt_llquantize(FILE *fp, const int64_t *data, int n, uint64_t normal,
		      uint16_t factor, uint16_t lmag, uint16_t hmag,
		      uint16_t steps);

/* Values as DTrace computes them. */
int64_t aggfmt_avg(const int64_t *data, uint64_t normal);
uint64_t aggfmt_stddev(const int64_t *data, uint64_t normal);
/* Bucket helpers for producers and tests. */
int64_t aggfmt_quantize_bucketval(int i);
int aggfmt_quantize_bucket(int64_t v);
int aggfmt_lquantize_bucket(int64_t v, int32_t base, uint16_t step,
			    uint16_t levels);

#endif
