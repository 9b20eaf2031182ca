/* aggfmt.c - aggregation output in DTrace's layouts.
 *
 * The distributions follow dt_consume.c: rows run from one bucket before
 * the first non-zero one to one after the last, bars are 40 '@' wide for
 * the row's share of the absolute total (half width each way when counts
 * of both signs are present), counts are "%-9lld".  The arithmetic keeps
 * libdtrace's quirks where they show: the printed counts are divided by
 * normal as unsigned numbers, the bars are computed before normalization.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "aggfmt.h"
#include "fmt.h"

#define BAR	40

static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
static const char spaces[] = "                                        ";

static long double absl(long double x)
{
	return x < 0 ? -x : x;
}

static unsigned bar_depth(int64_t val, unsigned len, long double total)
{
	long double f = absl((long double)val) * len / total;

	return (unsigned)(f + 0.5);
}

/* dt_print_quantline: one row's bar and count, after the value column. */
static void quantline(FILE *fp, int64_t val, uint64_t normal,
		      long double total, int pos, int neg)
{
	/* "(long long)val / normal" with a uint64_t normal: unsigned */
	long long shown = (long long)((uint64_t)val / normal);
	const char *a = ats, *s = spaces;
	unsigned len = BAR, depth;

	if (!neg) {
		depth = pos ? bar_depth(val, len, total) : 0;
		fprintf(fp, "|%s%s %-9lld\n", a + len - depth, s + depth,
			shown);
		return;
	}
	if (!pos) {
		depth = bar_depth(val, len, total);
		fprintf(fp, "%s%s| %-9lld\n", s + depth, a + len - depth,
			shown);
		return;
	}
	/* both signs: half bars either side of a centre line */
	len /= 2;
	a += len;
	s += len;
	depth = bar_depth(val, len, total);
	if (val <= 0)
		fprintf(fp, "%s%s|%*s %-9lld\n", s + depth, a + len - depth,
			(int)len, "", shown);
	else
		fprintf(fp, "%20s|%s%s %-9lld\n", "", a + len - depth,
			s + depth, shown);
}

static void header(FILE *fp)
{
	fprintf(fp, "\n%16s %41s %-9s\n", "value",
		"------------- Distribution -------------", "count");
}

/* The non-zero range widened by one each side, or lo..hi when empty. */
static void data_range(const int64_t *data, int n, int empty_lo,
		       int empty_hi, int *first, int *last)
{
	int f = 0, l = n - 1;

	while (f <= l && data[f] == 0)
		f++;
	if (f > l) {
		*first = empty_lo;
		*last = empty_hi;
		return;
	}
	while (l > 0 && data[l] == 0)
		l--;
	*first = f > 0 ? f - 1 : f;
	*last = l < n - 1 ? l + 1 : l;
}

static long double sums(const int64_t *data, int first, int last, int *pos,
			int *neg)
{
	long double total = 0;

	*pos = *neg = 0;
	for (int i = first; i <= last; i++) {
		*pos |= data[i] > 0;
		*neg |= data[i] < 0;
		total += absl((long double)data[i]);
	}
	return total;
}

static uint64_t fix_normal(uint64_t normal)
{
	return normal ? normal : 1;
}

int64_t aggfmt_quantize_bucketval(int i)
{
	if (i < AGGFMT_QUANTIZE_ZERO)
		return -(int64_t)(1ULL << (AGGFMT_QUANTIZE_ZERO - 1 - i));
	if (i == AGGFMT_QUANTIZE_ZERO)
		return 0;
	return (int64_t)(1ULL << (i - AGGFMT_QUANTIZE_ZERO - 1));
}

/* Where dtrace_aggregate_quantize puts v. */
int aggfmt_quantize_bucket(int64_t v)
{
	int i;

	if (v < 0) {
		for (i = 0; i < AGGFMT_QUANTIZE_ZERO; i++)
			if (v <= aggfmt_quantize_bucketval(i))
				return i;
		return AGGFMT_QUANTIZE_ZERO - 1;
	}
	for (i = AGGFMT_QUANTIZE_ZERO + 1; i < AGGFMT_QUANTIZE_NBUCKETS; i++)
		if (v < aggfmt_quantize_bucketval(i))
			return i - 1;
	return AGGFMT_QUANTIZE_NBUCKETS - 1;
}

int aggfmt_lquantize_bucket(int64_t v, int32_t base, uint16_t step,
			    uint16_t levels)
{
	int64_t level;

	if (v < base || step == 0)
		return 0;
	level = (v - base) / step;
	return level >= levels ? levels + 1 : (int)level + 1;
}

int aggfmt_quantize(FILE *fp, const int64_t *data, int n, uint64_t normal)
{
	int first, last, pos, neg;
	long double total;

	if (n != AGGFMT_QUANTIZE_NBUCKETS)
		return -1;
	normal = fix_normal(normal);
	/* no data is possible with negative increments: show around 0 */
	data_range(data, n, AGGFMT_QUANTIZE_ZERO - 1, AGGFMT_QUANTIZE_ZERO + 1,
		   &first, &last);
	total = sums(data, first, last, &pos, &neg);
	header(fp);
	for (int i = first; i <= last; i++) {
		fprintf(fp, "%16lld ", (long long)aggfmt_quantize_bucketval(i));
		quantline(fp, data[i], normal, total, pos, neg);
	}
	return 0;
}

int aggfmt_lquantize(FILE *fp, const int64_t *data, int n, uint64_t normal,
		     int32_t base, uint16_t step, uint16_t levels)
{
	int first, last, pos, neg;
	long double total;
	char c[32];

	if (n != levels + 2)
		return -1;
	normal = fix_normal(normal);
	data_range(data, n, 0, 2, &first, &last);
	total = sums(data, first, last, &pos, &neg);
	header(fp);
	for (int i = first; i <= last; i++) {
		if (i == 0) {
			snprintf(c, sizeof(c), "< %d", base);
			fprintf(fp, "%16s ", c);
		} else if (i == levels + 1) {
			snprintf(c, sizeof(c), ">= %d",
				 (int)(base + levels * step));
			fprintf(fp, "%16s ", c);
		} else {
			fprintf(fp, "%16d ", (int)(base + (i - 1) * step));
		}
		quantline(fp, data[i], normal, total, pos, neg);
	}
	return 0;
}

/* llquantize's row labels: 16-byte cells for bins first-pad..last+pad. */
struct labels {
	char (*c)[16];
	int lo, hi;		/* bin numbers of the first and last cell */
};

static void label(struct labels *L, int bin, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void label(struct labels *L, int bin, const char *fmt, ...)
{
	va_list ap;

	if (bin < L->lo || bin > L->hi)
		return;
	va_start(ap, fmt);
	vsnprintf(L->c[bin - L->lo], sizeof(L->c[0]), fmt, ap);
	va_end(ap);
}

static uint64_t ipow(uint64_t b, unsigned e)
{
	uint64_t r = 1;

	while (e--)
		r *= b;
	return r;
}

static void ll_labels(struct labels *L, int first, int bin0, int nbins,
		      unsigned factor, unsigned lmag, unsigned hmag,
		      unsigned steps)
{
	unsigned steps_factor = steps / factor, mag = lmag, step;
	uint64_t scale = ipow(factor, lmag);
	int i = 1;

	/* bin0 holds abs(value) < scale: "0" when that is 1, and no abs()
	 * needed when no negative bin is shown */
	if (scale == 1)
		label(L, bin0, "%d", 0);
	else if (first >= bin0)
		label(L, bin0, "< %llu", (unsigned long long)scale);
	else
		label(L, bin0, "abs() < %llu", (unsigned long long)scale);
	label(L, bin0 - 1, "-%llu", (unsigned long long)scale);
	label(L, bin0 + 1, "%llu", (unsigned long long)scale);
	if (lmag == 0 && steps > factor) {
		for (step = 2; step <= factor; step++) {
			i += (int)steps_factor;
			label(L, bin0 - i, "-%u", step);
			label(L, bin0 + i, "%u", step);
		}
		mag++;
	}
	scale = ipow(factor, mag + 1) / steps;
	for (; mag <= hmag; mag++) {
		for (step = steps_factor + 1; step <= steps; step++) {
			i++;
			label(L, bin0 - i, "-%llu",
			      (unsigned long long)(step * scale));
			label(L, bin0 + i, "%llu",
			      (unsigned long long)(step * scale));
		}
		scale *= factor;
	}
	scale = ipow(factor, hmag + 1);
	label(L, 0, "<= -%llu", (unsigned long long)scale);
	label(L, nbins - 1, ">= %llu", (unsigned long long)scale);
}

/* An end row that landed on an unlabelled ("ghost") bin borrows the label
 * of the nearest labelled bin outward, as dt_print_llquantize does. */
static void ghost_fix(struct labels *L, int bin, int dir, int pad)
{
	char (*c)[16] = &L->c[bin - L->lo];
	int i;

	if ((*c)[0] != '\0')
		return;
	for (i = 1; i < pad; i++)
		if (c[dir * i][0] != '\0')
			break;
	if (i < pad)
		memcpy(*c, c[dir * i], sizeof(*c));
}

int aggfmt_llquantize(FILE *fp, const int64_t *data, int n, uint64_t normal,
		      uint16_t factor, uint16_t lmag, uint16_t hmag,
		      uint16_t steps)
{
	int steps_factor, bin0, nbins, first = 0, last, pos, neg, pad = 0;
	long double total;
	struct labels L;

	if (factor == 0 || steps == 0 || hmag < lmag)
		return -1;
	steps_factor = steps / factor;
	bin0 = 1 + (hmag - lmag + 1) * (steps - steps_factor);
	nbins = (hmag - lmag + 1) * (steps - steps_factor) * 2 + 3;
	if (n != nbins)
		return -1;
	normal = fix_normal(normal);

	last = nbins - 1;
	while (first <= last && data[first] == 0)
		first++;
	if (first > last) {
		first = last = bin0 + 1;	/* show at least one bin */
	} else {
		while (data[last] == 0)
			last--;
	}
	total = sums(data, first, last, &pos, &neg);
	header(fp);
	if (first > 0)
		first--;
	if (last < nbins - 1)
		last++;
	if (lmag == 0 && steps > factor)
		pad = steps_factor;

	L.lo = first - pad;
	L.hi = last + pad;
	if ((L.c = calloc((size_t)(L.hi - L.lo + 1), sizeof(*L.c))) == NULL)
		return -1;
	ll_labels(&L, first, bin0, nbins, factor, lmag, hmag, steps);
	if (pad > 0) {
		ghost_fix(&L, first, -1, pad);
		ghost_fix(&L, last, 1, pad);
	}
	for (int i = first; i <= last; i++) {
		if (L.c[i - L.lo][0] == '\0')
			continue;
		fprintf(fp, "%16s ", L.c[i - L.lo]);
		quantline(fp, data[i], normal, total, pos, neg);
	}
	free(L.c);
	return 0;
}

int64_t aggfmt_avg(const int64_t *data, uint64_t normal)
{
	return data[0] ? data[1] / (int64_t)fix_normal(normal) / data[0] : 0;
}

__extension__ typedef unsigned __int128 u128;

static uint64_t isqrt128(u128 v)
{
	u128 r = 0, bit = (u128)1 << 126;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return (uint64_t)r;
}

/*
 * dt_stddev: sqrt(avg(x^2) - avg(x)^2) in integers, the sum of squares
 * being 128 bits wide; both averages truncate as DTrace's do.
 */
uint64_t aggfmt_stddev(const int64_t *data, uint64_t normal)
{
	u128 sq, avg_sq;
	uint64_t count = (uint64_t)data[0];
	int64_t avg;

	if (count == 0)
		return 0;
	normal = fix_normal(normal);
	sq = ((u128)(uint64_t)data[3] << 64) | (uint64_t)data[2];
	avg_sq = sq / normal / count;
	avg = data[1] / (int64_t)normal / (int64_t)count;
	if (avg < 0)
		avg = -avg;
	return isqrt128(avg_sq - (u128)(uint64_t)avg *
			(uint64_t)avg);
}

/* ------------------------------------------------------------------ */

/* The module`name of a symbol, without the "+0x..." offset: sym(). */
/* What the symbol lookup gives ("mod`func+0x10", "mod`0x..." or "0x...")
 * cut down: sym() and usym() keep "mod`func" (dt_print_sym, dt_print_usym
 * look the symbol up again), mod() and umod() the module, uaddr() all. */
static void sym_cut(char *buf, enum fmt_type t)
{
	char *tick = strchr(buf, '`'), *plus;

	if (!tick)
		return;
	if (t == FT_MOD || t == FT_UMOD)
		*tick = '\0';
	else if (t != FT_UADDR && (plus = strrchr(tick, '+')) != NULL)
		*plus = '\0';
}

static void sym_name(const struct fmt_env *env, const struct fmt_arg *k,
		     char *buf, size_t len)
{
	const char *s = NULL;

	if (env && ft_is_ksym(k->type) && env->ksym)
		s = env->ksym(env->arg, k->ival, buf, len);
	else if (env && ft_is_usym(k->type) && env->usym)
		s = env->usym(env->arg, k->pid, k->ival, buf, len);
	if (s == NULL) {
		snprintf(buf, len, "0x%llx", (unsigned long long)k->ival);
		return;
	}
	if (s != buf)
		snprintf(buf, len, "%s", s);
	sym_cut(buf, k->type);
}

/* dt_print_datum for a key: the width goes by the record size. */
static void key_int(FILE *fp, uint64_t v, int size)
{
	switch (size) {
	case 4:
		fprintf(fp, " %8d", (int)(uint32_t)v);
		break;
	case 2:
		fprintf(fp, " %5d", (int)(uint16_t)v);
		break;
	case 1:
		fprintf(fp, " %3d", (int)(uint8_t)v);
		break;
	default:
		fprintf(fp, " %16lld", (long long)v);
		break;
	}
}

void aggfmt_key(FILE *fp, const struct fmt_arg *k, const struct fmt_env *env)
{
	char buf[512];

	switch (k->type) {
	case FT_INT:
	case FT_UINT:
	case FT_PTR:
	case FT_FLOAT:
		key_int(fp, k->ival, k->size);
		break;
	case FT_SYM: case FT_MOD:
	case FT_USYM: case FT_UMOD: case FT_UADDR:
		sym_name(env, k, buf, sizeof(buf));
		fprintf(fp, "  %-50s", buf);
		break;
	case FT_STACK:
	case FT_USTACK:
		if (env && env->stack)
			env->stack(env->arg, fp, k, "%s", -1);
		break;
	default:
		fmt_print_bytes(fp, k->str, k->str ? k->len : 0, 50, 0);
		break;
	}
}

int aggfmt_value(FILE *fp, const struct agg_value *v)
{
	uint64_t normal = fix_normal(v->normal);

	switch (v->kind) {
	case AGG_QUANTIZE:
		return aggfmt_quantize(fp, v->data, v->ndata, normal);
	case AGG_LQUANTIZE:
		return aggfmt_lquantize(fp, v->data, v->ndata, normal,
					v->base, v->step, v->levels);
	case AGG_LLQUANTIZE:
		return aggfmt_llquantize(fp, v->data, v->ndata, normal,
					 v->factor, v->lmag, v->hmag,
					 v->steps);
	case AGG_AVG:
		if (v->ndata < 2)
			return -1;
		fprintf(fp, " %16lld", (long long)aggfmt_avg(v->data, normal));
		return 0;
	case AGG_STDDEV:
		if (v->ndata < 4)
			return -1;
		fprintf(fp, " %16llu",
			(unsigned long long)aggfmt_stddev(v->data, normal));
		return 0;
	default:
		if (v->ndata < 1)
			return -1;
		/* "(long long)*(uint64_t *)addr / normal": unsigned */
		fprintf(fp, " %16lld",
			(long long)((uint64_t)v->data[0] / normal));
		return 0;
	}
}

void aggfmt_record_end(FILE *fp)
{
	fputc('\n', fp);
}
