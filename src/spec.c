/* spec.c - the consumer's speculation buffers: the records a clause made
 * after speculate(id) wait here until commit(id) prints them or
 * discard(id) (or the end of tracing) drops them.  Each holds at most
 * -x specsize bytes; what does not fit is a speculative drop.
 */
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "util.h"

#define DEFAULT_SPECSIZE	(32u << 10)

struct specbuf {
	unsigned char **recs;
	size_t *sizes;
	int n;
	size_t bytes;
};

static struct specbuf *buf_of(struct dprog *dp, int id)
{
	if (id < 1 || id > dp->opt->nspec)
		return NULL;
	if (!dp->specs)
		dp->specs = xcalloc(dp->opt->nspec + 1, sizeof(*dp->specs));
	return &dp->specs[id];
}

/* The bytes DTrace's record would take: its strings are strsize wide,
 * however narrow their slots here. */
static size_t dtrace_size(const struct dprog *dp, const unsigned char *rec,
			  size_t size)
{
	uint32_t epid;
	memcpy(&epid, rec, 4);
	if (!epid || epid > (uint32_t)dp->necbs || !dp->ecbs[epid - 1])
		return size;
	for (const struct action *a = dp->ecbs[epid - 1]->acts; a; a = a->next)
		for (int i = 0; i < a->nargs; i++)
			if (a->args[i].ftype == FT_STR && a->args[i].size < STRSIZE)
				size += STRSIZE - a->args[i].size;
	return size;
}

void spec_hold(struct dprog *dp, int id, const void *rec, size_t size)
{
	struct specbuf *b = buf_of(dp, id);
	uint64_t max = dp->opt->specsize ? dp->opt->specsize : DEFAULT_SPECSIZE;
	size_t charge = dtrace_size(dp, rec, size);

	if (!b || b->bytes + charge > max) {
		dp->spec_drops++;
		return;
	}
	b->recs = realloc(b->recs, (b->n + 1) * sizeof(*b->recs));
	b->sizes = realloc(b->sizes, (b->n + 1) * sizeof(*b->sizes));
	if (!b->recs || !b->sizes)
		abort();
	b->recs[b->n] = xcalloc(1, size);
	memcpy(b->recs[b->n], rec, size);
	b->recs[b->n][10] = b->recs[b->n][11] = 0;	/* no longer held */
	b->sizes[b->n++] = size;
	b->bytes += charge;
}

static void forget(struct specbuf *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->recs[i]);
	free(b->recs);
	free(b->sizes);
	memset(b, 0, sizeof(*b));
}

void spec_commit(struct dprog *dp, int id)
{
	struct specbuf *b = buf_of(dp, id), held;

	if (!b)
		return;
	held = *b;			/* a replayed commit must not recurse */
	memset(b, 0, sizeof(*b));
	for (int i = 0; i < held.n; i++)
		consume_record(dp, held.recs[i], held.sizes[i]);
	forget(&held);
}

void spec_discard(struct dprog *dp, int id)
{
	struct specbuf *b = buf_of(dp, id);
	if (b)
		forget(b);
}

void spec_free(struct dprog *dp)
{
	for (int i = 1; dp->specs && i <= dp->opt->nspec; i++)
		forget(&dp->specs[i]);
	free(dp->specs);
	dp->specs = NULL;
}
