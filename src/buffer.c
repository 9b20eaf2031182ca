/* buffer.c - the consumer's side of -x bufpolicy, switchrate and
 * statusrate.
 *
 * The kernel keeps records within bufsize (cg_buf.c) by the limits
 * written here; a switch (every switchrate, 1s by default as DTrace's)
 * starts each CPU's count again.  Tracing stops, as DTrace's consumer
 * stops it, at the first status check after exit() or after a fill
 * buffer filled; without -x statusrate, at every poll.  The ring policy
 * keeps each CPU's newest records up to bufsize of DTrace's bytes here,
 * since a BPF ring buffer cannot overwrite, and prints them at the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include "compile.h"
#include "util.h"

static void *grow(void *p, size_t n)
{
	if (!(p = realloc(p, n)))
		abort();
	return p;
}

#define NSEC		1000000000ull
#define DEFAULT_BUFSIZE	(4u << 20)	/* DTrace's bufsize default */

struct held {
	void *data;
	size_t size;
	uint32_t dtsize;
};

struct cpuring {
	struct held *r;
	size_t head, n, cap;
	uint64_t used;
	int has_end;			/* END's records: printed last */
};

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NSEC + ts.tv_nsec;
}

static uint64_t bufsize(const struct dprog *dp)
{
	return dp->opt->bufsize ? dp->opt->bufsize : DEFAULT_BUFSIZE;
}

static struct buf_ctl ctl;

static int write_ctl(struct dprog *dp)
{
	uint32_t key = 0;
	return bpf_map_update_elem(dp->map_fd[MAP_BUF], &key, &ctl, BPF_ANY);
}

int buf_init(struct dprog *dp)
{
	uint64_t bs = bufsize(dp);
	char pol = dp->opt->bufpolicy;

	memset(&ctl, 0, sizeof(ctl));
	ctl.limit = ctl.endlimit = pol == 'r' ? UINT64_MAX : bs;
	if (pol == 'f') {		/* DTrace keeps room for END */
		ctl.fill = 1;
		ctl.limit = bs > dp->end_reserve ? bs - dp->end_reserve : 0;
	}
	dp->next_switch = dp->next_status = now_ns();
	return write_ctl(dp);
}

static void buf_switch(struct dprog *dp, uint64_t now)
{
	uint64_t rate = dp->opt->switchrate_ns ? dp->opt->switchrate_ns : NSEC;

	if (dp->opt->bufpolicy == 'f' || dp->opt->bufpolicy == 'r' ||
	    now < dp->next_switch + rate)
		return;
	dp->next_switch = now;
	ctl.gen++;
	write_ctl(dp);
}

static int filled(struct dprog *dp)
{
	struct buf_ctl v;
	uint32_t key = 0;

	return dp->opt->bufpolicy == 'f' &&
	       !bpf_map_lookup_elem(dp->map_fd[MAP_BUF], &key, &v) && v.filled;
}

int buf_work(struct dprog *dp)
{
	uint64_t now = now_ns(), rate = dp->opt->statusrate_ns;

	buf_switch(dp, now);
	if (rate) {
		if (now < dp->next_status + rate)
			return 0;
		dp->next_status = now;
	}
	return dp->exited || filled(dp);
}

static struct cpuring *ring_of(struct dprog *dp, int cpu)
{
	if (cpu >= dp->nrings) {
		dp->rings = grow(dp->rings, (cpu + 1) * sizeof(*dp->rings));
		memset(dp->rings + dp->nrings, 0,
		       (cpu + 1 - dp->nrings) * sizeof(*dp->rings));
		dp->nrings = cpu + 1;
	}
	return &dp->rings[cpu];
}

int ring_hold(struct dprog *dp, const struct ecb *e, const void *rec,
	      size_t size)
{
	const unsigned char *p = rec;
	uint32_t cpu, pid;
	const struct probe *pr;
	struct cpuring *r;

	memcpy(&pid, p + 4, 4);
	memcpy(&cpu, p + 8, 4);
	r = ring_of(dp, cpu & 0xffff);
	pr = probe_by_id(pid);
	r->has_end |= pr && !strcmp(pr->prov, "dtrace") &&
		      !strcmp(pr->name, "END");
	if (r->head + r->n == r->cap) {
		memmove(r->r, r->r + r->head, r->n * sizeof(*r->r));
		r->head = 0;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 64;
			r->r = grow(r->r, r->cap * sizeof(*r->r));
		}
	}
	struct held *h = &r->r[r->head + r->n++];
	h->data = grow(NULL, size);
	memcpy(h->data, rec, size);
	h->size = size;
	h->dtsize = e->dtsize;
	r->used += e->dtsize;
	while (r->n && r->used > bufsize(dp)) {	/* the oldest go */
		r->used -= r->r[r->head].dtsize;
		free(r->r[r->head].data);
		r->head++, r->n--;
	}
	return 0;
}

static void replay(struct dprog *dp, struct cpuring *r)
{
	for (size_t i = r->head; i < r->head + r->n; i++) {
		consume_record(dp, r->r[i].data, r->r[i].size);
		free(r->r[i].data);
	}
	free(r->r);
	memset(r, 0, sizeof(*r));
}

void ring_flush(struct dprog *dp)
{
	if (!dp->nrings)
		return;
	dp->ring_replay = 1;
	dp->exited = 0;		/* set again by the exit() record */
	for (int end = 0; end < 2; end++)
		for (int c = 0; c < dp->nrings; c++)
			if (dp->rings[c].has_end == end)
				replay(dp, &dp->rings[c]);
	free(dp->rings);
	dp->rings = NULL;
	dp->nrings = 0;
	dp->ring_replay = 0;
}
