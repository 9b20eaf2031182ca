/* aggout.c - the consumer's side of aggregations: read each per-CPU map,
 * merge the CPUs, join the aggregations printa() names on their keys,
 * sort as libdtrace does (by value then key, or as the aggsort options
 * say) and print through aggfmt.c; clear, trunc and normalize act on
 * the maps and on what is printed.
 */
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "aggfmt.h"
#include "compile.h"
#include "stackout.h"
#include "sym.h"
#include "types.h"
#include "util.h"

#define MAXJOIN	64			/* aggregations in one printa() */

/* One key of a joined printa: its bytes (the id's u64 zeroed), and each
 * aggregation's merged data for it (NULL where it has no such key). */
struct row {
	unsigned char *key;
	int64_t *data[MAXJOIN];
};

struct table {
	struct agg **aggs;
	int naggs;
	uint32_t ksize;
	struct row *rows;
	int nrows;
	const struct options *opt;
};

static int map_fd(struct dprog *dp, const struct agg *a)
{
	return a->map ? dp->dmaps[a->map - MAP_COUNT].fd : -1;
}

static uint32_t value_size(const struct agg *a)
{
	return 8 + 8 * (uint32_t)a->ndata;
}

/* The next key of a's map that is a's own (the map may be shared). */
static int next_key(int fd, const struct agg *a, void *prev, void *next)
{
	uint64_t id = (uint64_t)a->id;
	while (!bpf_map_get_next_key(fd, prev, next)) {
		if (!memcmp(next, &id, 8))
			return 0;
		memcpy(prev ? prev : (prev = next), next, a->ksize);
	}
	return -1;
}

/* Fold one CPU's value (count, then data) into the merged data. */
static void merge(const struct agg *a, int64_t *into, const int64_t *cpu)
{
	const int64_t *d = cpu + 1;
	int first = into[-1] == 0;

	if (cpu[0] == 0)
		return;
	into[-1] += cpu[0];
	switch (a->kind) {
	case AGG_MIN:
		if (first || d[0] < into[0])
			into[0] = d[0];
		return;
	case AGG_MAX:
		if (first || d[0] > into[0])
			into[0] = d[0];
		return;
	case AGG_STDDEV: {
		uint64_t lo = (uint64_t)into[2] + (uint64_t)d[2];
		into[3] += d[3] + (lo < (uint64_t)d[2]);
		into[2] = (int64_t)lo;
		into[0] += d[0];
		into[1] += d[1];
		return;
	}
	default:
		for (int i = 0; i < a->ndata; i++)
			into[i] += d[i];
	}
}

static struct row *row_for(struct table *t, const unsigned char *key)
{
	for (int i = 0; i < t->nrows; i++)
		if (!memcmp(t->rows[i].key, key, t->ksize))
			return &t->rows[i];
	t->rows = realloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
	if (!t->rows)
		abort();
	struct row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->key = xcalloc(1, t->ksize);
	memcpy(r->key, key, t->ksize);
	return r;
}

/* A keyless aggregation's array element, its CPUs merged: a row once
 * updated, or cleared (shown as zero), none after trunc(). */
static void snapshot_array(struct dprog *dp, struct table *t, int j)
{
	const struct agg *a = t->aggs[j];
	int fd = map_fd(dp, a), ncpu = libbpf_num_possible_cpus();
	uint32_t vsize = (value_size(a) + 7) & ~7u, key = a->id;
	int64_t *vals = xcalloc(ncpu > 0 ? ncpu : 1, vsize);
	int64_t *merged = xcalloc(1, vsize);

	if (fd >= 0 && ncpu > 0 && !bpf_map_lookup_elem(fd, &key, vals))
		for (int c = 0; c < ncpu; c++)
			merge(a, merged + 1, vals + c * (vsize / 8));
	if (merged[0] || a->cleared) {
		unsigned char *none = xcalloc(1, t->ksize);
		row_for(t, none)->data[j] = merged;
		free(none);
	} else {
		free(merged);
	}
	free(vals);
}

/* sym(), mod(), usym() and umod() keys become the address of their
 * symbol or module, as dt_aggregate_sym and the others make them, so
 * that the addresses printed alike are one row. */
static void key_canon(const struct agg *a, unsigned char *key)
{
	for (int i = 0; i < a->nkeys; i++) {
		const struct dtype *t = a->keys[i];
		unsigned char *k = key + a->koff[i];
		uint64_t addr, pid = 0;
		struct sym s;
		int r;

		if (t != &t_symaddr && t != &t_modaddr && t != &t_usymaddr &&
		    t != &t_umodaddr)
			continue;
		memcpy(&addr, k, 8);
		if (type_is_usym(t) && a->kslot[i] == 16)
			memcpy(&pid, k + 8, 8);
		r = type_is_usym(t) ? usym_lookup(pid, addr, &s)
				    : ksym_lookup(addr, &s);
		if (r || (!s.name && (t == &t_symaddr || t == &t_usymaddr)))
			continue;
		addr = t == &t_modaddr || t == &t_umodaddr ? s.modbase : s.value;
		memcpy(k, &addr, 8);
	}
}

/* Every key of aggregation j into t, its CPUs merged. */
static void snapshot(struct dprog *dp, struct table *t, int j)
{
	if (agg_in_array(t->aggs[j]))
		return snapshot_array(dp, t, j);

	const struct agg *a = t->aggs[j];
	int fd = map_fd(dp, a), ncpu = libbpf_num_possible_cpus();
	uint32_t vsize = (value_size(a) + 7) & ~7u;
	unsigned char *key = xcalloc(1, t->ksize), *next = xcalloc(1, t->ksize);
	int64_t *vals = xcalloc(ncpu > 0 ? ncpu : 1, vsize);
	void *prev = NULL;

	while (fd >= 0 && ncpu > 0 && !next_key(fd, a, prev, next)) {
		memcpy(key, next, a->ksize);
		prev = key;
		if (bpf_map_lookup_elem(fd, key, vals))
			continue;
		memset(next, 0, 8);
		key_canon(a, next);
		struct row *r = row_for(t, next);
		if (!r->data[j])
			r->data[j] = xcalloc(1, vsize);
		for (int c = 0; c < ncpu; c++)
			merge(a, r->data[j] + 1, vals + c * (vsize / 8));
	}
	free(key);
	free(next);
	free(vals);
}

static void table_free(struct table *t)
{
	for (int i = 0; i < t->nrows; i++) {
		for (int j = 0; j < t->naggs; j++)
			free(t->rows[i].data[j]);
		free(t->rows[i].key);
	}
	free(t->rows);
}

static void table_read(struct dprog *dp, struct table *t, struct agg **aggs,
		       int naggs)
{
	memset(t, 0, sizeof(*t));
	t->aggs = aggs;
	t->naggs = naggs < MAXJOIN ? naggs : MAXJOIN;
	t->opt = dp->opt;
	for (int j = 0; j < t->naggs; j++)
		if (aggs[j]->ksize > t->ksize)
			t->ksize = aggs[j]->ksize;
	for (int j = 0; j < t->naggs; j++)
		snapshot(dp, t, j);
}

/* ---- sorting (dt_aggregate_valkeycmp and friends) ---- */

static long double sort_value(const struct agg *a, const int64_t *d)
{
	long double v = 0;
	if (!d)
		return 0;
	switch (a->kind) {
	case AGG_AVG: return d[0] ? (long double)d[1] / d[0] : 0;
	case AGG_STDDEV: return aggfmt_stddev(d, 1);
	case AGG_QUANTIZE:
		for (int i = 0; i < a->ndata; i++)
			v += (long double)aggfmt_quantize_bucketval(i) * d[i];
		return v;
	case AGG_LQUANTIZE:
		for (int i = 0; i < a->ndata; i++)
			v += (long double)(a->arg[0] + (i - 1) * a->arg[1]) * d[i];
		return v;
	case AGG_LLQUANTIZE:
		for (int i = 0; i < a->ndata; i++)
			v += (long double)i * d[i];
		return v;
	default: return d[0];
	}
}

static int key_cmp1(const struct dtype *t, const unsigned char *l,
		    const unsigned char *r, uint32_t len)
{
	if (type_is_string(t))
		return strncmp((const char *)l, (const char *)r, len);
	uint64_t a, b;
	memcpy(&a, l, 8);
	memcpy(&b, r, 8);
	if (t->size && t->size < 8) {
		a &= (1ULL << (8 * t->size)) - 1;
		b &= (1ULL << (8 * t->size)) - 1;
	}
	return a < b ? -1 : a > b;
}

/* Keys from aggsortkeypos on, then the ones before it. */
static int key_cmp(const struct agg *a, int first, const unsigned char *l,
		   const unsigned char *r)
{
	for (int n = 0; n < a->nkeys; n++) {
		int i = (first + n) % a->nkeys;
		int c = key_cmp1(a->keys[i], l + a->koff[i], r + a->koff[i],
				 a->kslot[i]);
		if (c)
			return c;
	}
	return 0;
}

static const struct table *sorting;

static int row_cmp(const void *lp, const void *rp)
{
	const struct row *l = lp, *r = rp;
	const struct table *t = sorting;
	const struct options *o = t->opt;
	int pos = o->aggsortpos >= 0 && o->aggsortpos < t->naggs ?
		  o->aggsortpos : 0;
	const struct agg *a = t->aggs[pos];
	int keypos = a->nkeys ? o->aggsortkeypos % a->nkeys : 0;
	long double lv = sort_value(a, l->data[pos] ? l->data[pos] + 1 : NULL);
	long double rv = sort_value(a, r->data[pos] ? r->data[pos] + 1 : NULL);
	int vc = lv < rv ? -1 : lv > rv;
	int kc = key_cmp(t->aggs[0], keypos, l->key, r->key);
	int c = o->aggsortkey ? (kc ? kc : vc) : (vc ? vc : kc);
	return o->aggsortrev ? -c : c;
}

static void table_sort(struct table *t)
{
	sorting = t;
	qsort(t->rows, t->nrows, sizeof(*t->rows), row_cmp);
}

/* ---- printing ---- */

static void key_args(const struct agg *a, const unsigned char *key,
		     struct fmt_arg *k)
{
	for (int i = 0; i < a->nkeys; i++) {
		const struct dtype *t = a->keys[i];
		memset(&k[i], 0, sizeof(k[i]));
		k[i].size = t->size ? (int)t->size : 8;
		if (t->kind == DT_STACK) {
			int u = t->is_user;
			k[i].type = u ? FT_USTACK : FT_STACK;
			if (u)
				memcpy(&k[i].pid, key + a->koff[i], 8);
			k[i].str = (const char *)key + a->koff[i] + (u ? 8 : 0);
			k[i].len = a->kslot[i] - (u ? 8 : 0);
		} else if (type_is_string(t)) {
			k[i].type = FT_STR;
			k[i].str = (const char *)key + a->koff[i];
			k[i].len = a->kslot[i];
		} else {
			k[i].type = t->kind == DT_PTR ? FT_PTR :
				    t == &t_symaddr ? FT_SYM :
				    t == &t_modaddr ? FT_MOD :
				    t == &t_usymaddr ? FT_USYM :
				    t == &t_umodaddr ? FT_UMOD :
				    t == &t_uaddr ? FT_UADDR :
				    t->is_signed ? FT_INT : FT_UINT;
			memcpy(&k[i].ival, key + a->koff[i], 8);
			if (ft_is_usym(k[i].type) && a->kslot[i] == 16)
				memcpy(&k[i].pid, key + a->koff[i] + 8, 8);
		}
	}
}

static void agg_value_of(const struct agg *a, const int64_t *d,
			 const int64_t *zero, struct agg_value *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = a->kind;
	v->data = d ? d : zero;
	v->ndata = a->ndata;
	v->normal = a->normal;
	if (a->kind == AGG_LQUANTIZE) {
		v->base = (int32_t)a->arg[0];
		v->step = (uint16_t)a->arg[1];
		v->levels = (uint16_t)a->arg[2];
	} else if (a->kind == AGG_LLQUANTIZE) {
		v->factor = (uint16_t)a->arg[0];
		v->lmag = (uint16_t)a->arg[1];
		v->hmag = (uint16_t)a->arg[2];
		v->steps = (uint16_t)a->arg[3];
	}
}

/* printa() without a format starts with a newline, rows or none. */
static void print_rows(struct dprog *dp, struct table *t, const struct fmt *f,
		       int lead)
{
	FILE *fp = dp->opt->out;
	struct fmt_env env;
	struct fmt_arg keys[MAXKEYS];
	struct agg_value vals[MAXJOIN];
	const struct agg_value *vp[MAXJOIN];
	int maxdata = 0;

	for (int j = 0; j < t->naggs; j++)
		if (t->aggs[j]->ndata > maxdata)
			maxdata = t->aggs[j]->ndata;
	int64_t *zero = xcalloc(maxdata + 1, sizeof(*zero));
	stack_env(dp, &env);
	if (lead)
		fputc('\n', fp);
	for (int i = 0; i < t->nrows; i++) {
		struct row *r = &t->rows[i];
		key_args(t->aggs[0], r->key, keys);
		for (int j = 0; j < t->naggs; j++) {
			agg_value_of(t->aggs[j], r->data[j] ? r->data[j] + 1
				     : NULL, zero, &vals[j]);
			vp[j] = &vals[j];
		}
		if (f) {
			fmt_printa(fp, f, keys, t->aggs[0]->nkeys, vp, t->naggs,
				   &env);
			continue;
		}
		for (int k = 0; k < t->aggs[0]->nkeys; k++)
			aggfmt_key(fp, &keys[k], &env);
		for (int j = 0; j < t->naggs; j++)
			aggfmt_value(fp, vp[j]);
		aggfmt_record_end(fp);
	}
	free(zero);
}

static void print_aggs(struct dprog *dp, struct agg **aggs, int naggs,
		       const struct fmt *f, int lead)
{
	struct table t;
	table_read(dp, &t, aggs, naggs);
	table_sort(&t);
	print_rows(dp, &t, f, lead);
	table_free(&t);
}

/* ---- clear, trunc ---- */

static void clear_agg(struct dprog *dp, struct agg *a)
{
	int fd = map_fd(dp, a), ncpu = libbpf_num_possible_cpus();
	uint32_t vsize = (value_size(a) + 7) & ~7u;
	void *zero = xcalloc(ncpu > 0 ? ncpu : 1, vsize);
	unsigned char *key = xcalloc(1, a->ksize), *next = xcalloc(1, a->ksize);
	void *prev = NULL;

	if (agg_in_array(a)) {
		uint32_t idx = a->id;
		if (fd >= 0)
			bpf_map_update_elem(fd, &idx, zero, BPF_ANY);
		a->cleared = 1;
	}
	while (!agg_in_array(a) && fd >= 0 && !next_key(fd, a, prev, next)) {
		memcpy(key, next, a->ksize);
		prev = key;
		bpf_map_update_elem(fd, key, zero, BPF_EXIST);
	}
	free(zero);
	free(key);
	free(next);
}

/* trunc(@a): every key; trunc(@a, n): all but the n highest (n < 0:
 * lowest) in sorted order. */
static void trunc_agg(struct dprog *dp, struct agg *a, int64_t keep)
{
	struct table t;
	int fd = map_fd(dp, a);

	table_read(dp, &t, &a, 1);
	table_sort(&t);
	for (int i = 0; i < t.nrows; i++) {
		int kept = keep > 0 ? i >= t.nrows - keep : -keep > i;
		uint64_t id = (uint64_t)a->id;
		memcpy(t.rows[i].key, &id, 8);
		if (kept)
			continue;
		if (agg_in_array(a)) {
			clear_agg(dp, a);
			a->cleared = 0;
		} else {
			bpf_map_delete_elem(fd, t.rows[i].key);
		}
	}
	table_free(&t);
}

static int64_t arg_value(const struct action *act, const unsigned char *rec)
{
	int64_t v;
	memcpy(&v, rec + act->args[0].off, 8);
	return v;
}

void agg_action(struct dprog *dp, const struct action *act,
		const unsigned char *rec)
{
	struct agg *a = act->naggs ? act->aggs[0] : NULL;

	switch (act->kind) {
	case ACT_PRINTA:
		for (int j = 0; j < act->naggs; j++)
			act->aggs[j]->printed = 1;
		print_aggs(dp, act->aggs, act->naggs, act->fmt, !act->fmt);
		break;
	case ACT_CLEAR:
		clear_agg(dp, a);
		break;
	case ACT_TRUNC:
		trunc_agg(dp, a, act->nargs ? arg_value(act, rec) : 0);
		break;
	case ACT_NORMALIZE:
		a->normal = (uint64_t)arg_value(act, rec);
		break;
	case ACT_DENORMALIZE:
		a->normal = 0;
		break;
	default:
		break;
	}
}

/* At exit, after the newline that ends the trace: each aggregation
 * printa() never printed, in order of definition, with no line between. */
void agg_print_all(struct dprog *dp)
{
	for (struct agg *a = dp->aggs; a; a = a->next)
		if (!a->printed)
			print_aggs(dp, &a, 1, NULL, 0);
}
