/* load.c - maps, programs and attachments, through libbpf's low-level API.
 *
 * Code generation names maps by enum map_id in the imm of its map loads;
 * here each such load gets the real fd just before the program is
 * loaded.  The dtrace provider's sites are never attached: the runtime
 * fires BEGIN and END itself with BPF_PROG_TEST_RUN.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "compile.h"
#include "cg.h"
#include "util.h"

#define DEFAULT_BUFSIZE	(4u << 20)	/* DTrace's bufsize default */
#define LOG_SIZE	(16u << 20)

static int verbose;

static int libbpf_print(enum libbpf_print_level lvl, const char *fmt,
			va_list ap)
{
	if (!verbose || lvl == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static int map_new(enum bpf_map_type t, const char *name, uint32_t ksize,
		   uint32_t vsize, uint32_t n)
{
	int fd = bpf_map_create(t, name, ksize, vsize, n, NULL);
	if (fd < 0)
		fprintf(stderr, "dtrace: failed to create BPF map %s: %s\n", name,
			strerror(errno));
	return fd;
}

int dmap_add(struct dprog *dp, uint32_t type, uint32_t ksize, uint32_t vsize,
	     uint32_t nent, const char *name)
{
	dp->dmaps = realloc(dp->dmaps, (dp->ndmaps + 1) * sizeof(*dp->dmaps));
	if (!dp->dmaps)
		abort();
	dp->dmaps[dp->ndmaps] = (struct dmap){ type, ksize, vsize, nent, name,
					       -1 };
	return MAP_COUNT + dp->ndmaps++;
}

/* BPF lets a program use 64 maps, so variables and aggregations of one
 * layout share a map, their keys starting with their own id. */
int dmap_shared(struct dprog *dp, uint32_t type, uint32_t ksize,
		uint32_t vsize, uint32_t nent, const char *name)
{
	for (int i = 0; i < dp->ndmaps; i++) {
		struct dmap *m = &dp->dmaps[i];
		if (m->type == type && m->ksize == ksize && m->vsize == vsize &&
		    !strcmp(m->name, name))
			return MAP_COUNT + i;
	}
	return dmap_add(dp, type, ksize, vsize, nent, name);
}

static int make_dmaps(struct dprog *dp)
{
	for (int i = 0; i < dp->ndmaps; i++) {
		struct dmap *m = &dp->dmaps[i];
		if (!m->nent) {		/* -x dynvarsize or aggsize too small */
			fprintf(stderr, "dtrace: could not enable tracing: "
				"Enabling exceeds size of buffer\n");
			return -1;
		}
		m->fd = map_new(m->type, m->name, m->ksize, (m->vsize + 7) & ~7u,
				m->nent);
		if (m->fd < 0)
			return -1;
	}
	return 0;
}

uint32_t rb_size(const struct dprog *dp)
{
	uint64_t bs = dp->opt->bufsize ? dp->opt->bufsize : DEFAULT_BUFSIZE;
	uint32_t r = 64 << 10;	/* room for our larger records */
	while (r < bs && r < (1u << 30))
		r <<= 1;
	return r;
}

static uint64_t wall_offset(void)
{
	struct timespec rt, mono;
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	return (rt.tv_sec - mono.tv_sec) * 1000000000ull + rt.tv_nsec -
	       mono.tv_nsec;
}

/* A shared site's probe map; its probe names join the strtab, so this
 * runs before the strtab's map is made. */
/* Selectors that are small numbers (syscall numbers) index an array,
 * whose lookup the verifier inlines; its holes have probe id 0, which the
 * program takes for "not enabled".  Others key a hash. */
#define SEL_ARRAY_MAX	4096

static uint64_t sel_array_size(const struct site *s)
{
	uint64_t max = 0;

	for (int i = 0; i < s->nprobes; i++) {
		if ((uint64_t)s->probes[i]->selector >= SEL_ARRAY_MAX)
			return 0;
		if ((uint64_t)s->probes[i]->selector >= max)
			max = s->probes[i]->selector + 1;
	}
	return max;
}

static int fill_sel_map(struct dprog *dp, struct site *s)
{
	size_t size = SEL_VALUE_SIZE(s->nclauses);
	char *buf = xcalloc(1, size);
	uint64_t nelem = sel_array_size(s);
	int rc = 0;

	if (nelem)
		s->sel_map_fd = map_new(BPF_MAP_TYPE_ARRAY, "dt_sel", 4, size,
					nelem);
	else
		s->sel_map_fd = map_new(BPF_MAP_TYPE_HASH, "dt_sel", 8, size,
					s->nprobes);
	if (s->sel_map_fd < 0)
		rc = -1;
	for (int i = 0; i < s->nprobes && !rc; i++) {
		struct probe *p = s->probes[i];
		struct sel_value v = {
			.id = p->id, .mask = s->masks[i][0],
			.prov = strtab_add(dp, p->prov, strlen(p->prov)),
			.mod = strtab_add(dp, p->mod, strlen(p->mod)),
			.func = strtab_add(dp, p->func, strlen(p->func)),
			.name = strtab_add(dp, p->name, strlen(p->name)),
		};
		uint64_t key = p->selector;
		memcpy(buf, &v, sizeof(v));
		memcpy(buf + SEL_SIZE, &s->masks[i][1], size - SEL_SIZE);
		if (bpf_map_update_elem(s->sel_map_fd, &key, buf, BPF_ANY) < 0)
			rc = -1;
	}
	free(buf);
	return rc;
}

static int init_value(int fd, const void *v)
{
	uint32_t key = 0;
	if (bpf_map_update_elem(fd, &key, v, BPF_ANY) < 0) {
		fprintf(stderr, "dtrace: failed to initialize a BPF map: %s\n",
			strerror(errno));
		return -1;
	}
	return 0;
}

static int make_maps(struct dprog *dp)
{
	int *fd = dp->map_fd;
	if (dp->strtabsize > STRTAB_MAX) {
		fprintf(stderr, "dtrace: more than %d bytes of constant strings\n",
			STRTAB_MAX);
		return -1;
	}
	fd[MAP_RB] = map_new(BPF_MAP_TYPE_RINGBUF, "dt_rb", 0, 0, rb_size(dp));
	fd[MAP_GLOB] = map_new(BPF_MAP_TYPE_ARRAY, "dt_glob", 4,
			       (dp->globsize + 7) & ~7u, 1);
	fd[MAP_SCRATCH] = map_new(BPF_MAP_TYPE_PERCPU_ARRAY, "dt_scratch", 4,
				  (dp->scratchsize + 7) & ~7u, 1);
	fd[MAP_STR] = map_new(BPF_MAP_TYPE_ARRAY, "dt_str", 4, STRTAB_MAX, 1);
	fd[MAP_DROPS] = map_new(BPF_MAP_TYPE_PERCPU_ARRAY, "dt_drops", 4,
				DROP_COUNT * 8, 1);
	fd[MAP_BUF] = map_new(BPF_MAP_TYPE_ARRAY, "dt_buf", 4,
			      sizeof(struct buf_ctl), 1);
	for (int i = 0; i < MAP_SEL; i++)
		if (fd[i] < 0)
			return -1;
	if (make_dmaps(dp) < 0)
		return -1;

	char *glob = xcalloc(1, dp->globsize + 8);
	uint64_t wall = wall_offset();
	memcpy(glob + GLOB_WALL, &wall, 8);
	char *str = xcalloc(1, STRTAB_MAX);
	memcpy(str, dp->strtab, dp->strtabsize);
	int r = init_value(fd[MAP_GLOB], glob) || init_value(fd[MAP_STR], str) ||
		buf_init(dp);
	free(glob);
	free(str);
	return r ? -1 : 0;
}

/* The site's program type; fentry/fexit also say what they attach to. */
static enum bpf_prog_type prog_type(const struct site *s,
				    struct bpf_prog_load_opts *o)
{
	const struct probe *p = s->first;
	uint32_t btf_id = 0;
	enum prov_prog t = p->ops->prog_for ? p->ops->prog_for(p, &btf_id)
					    : p->ops->prog;

	switch (t) {
	case PROG_TRACEPOINT: return BPF_PROG_TYPE_TRACEPOINT;
	case PROG_PERF_EVENT: return BPF_PROG_TYPE_PERF_EVENT;
	case PROG_KPROBE: return BPF_PROG_TYPE_KPROBE;
	case PROG_FENTRY:
	case PROG_FEXIT:
		o->expected_attach_type = t == PROG_FENTRY ? BPF_TRACE_FENTRY
							   : BPF_TRACE_FEXIT;
		o->attach_btf_id = btf_id;
		return BPF_PROG_TYPE_TRACING;
	default: return BPF_PROG_TYPE_RAW_TRACEPOINT;
	}
}

static void fix_map_fds(struct dprog *dp, struct site *s)
{
	struct bpf_insn *in = s->prog.insn;
	for (int i = 0; i < s->prog.n; i++) {
		if (in[i].code != (BPF_LD | BPF_DW | BPF_IMM) ||
		    (in[i].src_reg != BPF_PSEUDO_MAP_FD &&
		     in[i].src_reg != BPF_PSEUDO_MAP_VALUE))
			continue;
		int id = in[i].imm;
		in[i].imm = id == MAP_SEL ? s->sel_map_fd : id >= MAP_COUNT ?
			    dp->dmaps[id - MAP_COUNT].fd : dp->map_fd[id];
		i++;
	}
}

static const char *probe_text(const struct probe *p, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%s:%s:%s", p->prov, p->mod, p->func, p->name);
	return buf;
}

/* The verifier's log of a refused program, or NULL. */
static char *verifier_log(struct site *s)
{
	char *log = xcalloc(1, LOG_SIZE);
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log,
		    .log_size = LOG_SIZE, .log_level = 1);
	int fd = bpf_prog_load(prog_type(s, &o), "dtrace", "GPL", s->prog.insn,
			       s->prog.n, &o);
	if (fd >= 0)
		close(fd);
	return log;
}

/* A helper this kernel does not allow here (lockdown refuses
 * bpf_probe_write_user, say) is a fact to state, not a verifier dump. */
static int helper_refused(const char *log, const char *probe)
{
	const char *at = strstr(log, "cannot use helper ");
	char name[64];

	if (!at || sscanf(at, "cannot use helper %63[a-z_]", name) != 1)
		return 0;
	fprintf(stderr, "dtrace: failed to enable %s: this kernel does not let "
		"BPF programs of this type call %s%s\n", probe, name,
		!strcmp(name, "bpf_probe_write_user") ? " (needed by copyout( ) "
		"and copyoutstr( ); the kernel's security policy refuses it)" :
		!strcmp(name, "bpf_send_signal") ? " (needed by raise( ) and "
		"stop( ))" : "");
	return 1;
}

static int load_site(struct dprog *dp, struct site *s)
{
	char name[256];
	fix_map_fds(dp, s);
	LIBBPF_OPTS(bpf_prog_load_opts, lo);
	int fd = bpf_prog_load(prog_type(s, &lo), "dtrace", "GPL", s->prog.insn,
			       s->prog.n, &lo);
	if (fd >= 0) {
		s->prog_fd = fd;
		return 0;
	}
	int err = errno;
	char *log = verifier_log(s);
	probe_text(s->first, name, sizeof(name));
	if (!helper_refused(log, name))
		fprintf(stderr, "dtrace: failed to enable %s: the kernel refused "
			"its BPF program (%d instructions): %s%s\n", name,
			s->prog.n, strerror(err), dp->opt->verbose ? "" :
			" (-v shows the verifier's log)");
	if (dp->opt->verbose)
		fputs(log, stderr);
	free(log);
	return -1;
}

int load_program(struct dprog *dp)
{
	verbose = dp->opt->verbose;
	libbpf_set_print(libbpf_print);
	for (struct site *s = dp->sites; s; s = s->next)
		if (site_is_shared(s) && fill_sel_map(dp, s) < 0) {
			fprintf(stderr, "dtrace: failed to fill the probe map of "
				"%s: %s\n", s->name, strerror(errno));
			return -1;
		}
	if (make_maps(dp) < 0)
		return -1;
	for (struct site *s = dp->sites; s; s = s->next)
		if (load_site(dp, s) < 0)
			return -1;
	return 0;
}

int attach_program(struct dprog *dp)
{
	char name[256];
	for (struct site *s = dp->sites; s; s = s->next) {
		int r = s->first->ops->attach(s->first, s->prog_fd, &s->att);
		if (r < 0) {
			fprintf(stderr, "dtrace: failed to enable %s: cannot "
				"attach to %s: %s\n",
				probe_text(s->first, name, sizeof(name)), s->name,
				strerror(-r));
			return -1;
		}
	}
	return 0;
}

void detach_program(struct dprog *dp)
{
	for (struct site *s = dp->sites; s; s = s->next) {
		for (int i = 0; i < s->att.n; i++)
			close(s->att.fd[i]);
		s->att.n = 0;
	}
}

int run_dtrace_probe(struct dprog *dp, const char *name)
{
	char site[32];
	uint64_t ctx[PROBE_MAXARGS] = { 0 };
	snprintf(site, sizeof(site), "dtrace:%s", name);
	struct site *s = site_find(dp, site);
	if (!s)
		return 0;
	LIBBPF_OPTS(bpf_test_run_opts, o, .ctx_in = ctx,
		    .ctx_size_in = sizeof(ctx));
	if (bpf_prog_test_run_opts(s->prog_fd, &o) < 0) {
		fprintf(stderr, "dtrace: failed to fire dtrace:::%s: %s\n",
			name, strerror(errno));
		return -1;
	}
	return 0;
}
