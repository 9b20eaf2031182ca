/* consume.c - records from the ring buffer, printed as DTrace prints them.
 *
 * One record is one enabled probe firing (an ecb): the header names the
 * ecb and the probe, the ecb's action list says what each value is and how
 * it prints (compile.h, "Record encoding").  The layout of the output is
 * that of dtrace(1)'s chew()/chewrec() over libdtrace's dt_consume_cpu():
 * the probe line "%3d %6d %32s " unless quiet, each action's text, and a
 * newline ending the record unless quiet.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "aggfmt.h"
#include "compile.h"
#include "types.h"
#include "util.h"
#include "stack.h"
#include "stackout.h"
#include "sym.h"

static uint32_t rd32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t rd64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* The size printf and trace see: the D type's, 8 if the compiler gave
 * none (an untyped argN is a uint64_t). */
static int arg_size(const struct recarg *a)
{
	return a->type && a->type->size ? (int)a->type->size : 8;
}

static int is_scalar(enum fmt_type t)
{
	return t == FT_INT || t == FT_UINT || t == FT_PTR || ft_is_ksym(t) ||
	       ft_is_usym(t) || t == FT_FLOAT;
}

static void fill_fmt_arg(struct fmt_arg *fa, const struct recarg *a,
			 const unsigned char *rec)
{
	memset(fa, 0, sizeof(*fa));
	fa->type = a->ftype;
	if (is_scalar(a->ftype)) {
		fa->ival = rd64(rec + a->off);
		fa->size = arg_size(a);
		if (ft_is_usym(a->ftype) && a->size == 16) {
			fa->pid = rd64(rec + a->off + 8);
			usym_cache(fa->pid);
		}
	} else if (a->ftype == FT_USTACK) {	/* the pid, then the pcs */
		fa->pid = rd64(rec + a->off);
		fa->str = (const char *)rec + a->off + 8;
		fa->len = a->size - 8;
		usym_cache(fa->pid);
	} else {
		fa->str = (const char *)rec + a->off;
		fa->len = a->size;
		fa->size = arg_size(a);
	}
}

static void do_printf(struct dprog *dp, const struct action *act,
		      const unsigned char *rec)
{
	struct fmt_arg stackbuf[16] = { { 0 } }, *fa = stackbuf;

	if (!act->fmt && act->kind != ACT_FTRUNCATE)
		return;
	if (act->nargs > 16 && !(fa = calloc(act->nargs, sizeof(*fa))))
		return;
	for (int i = 0; i < act->nargs; i++)
		fill_fmt_arg(&fa[i], &act->args[i], rec);
	if (act->kind == ACT_PRINTF) {
		struct fmt_env env;
		stack_env(dp, &env);
		fmt_print(dp->opt->out, act->fmt, fa, act->nargs, &env);
	}
	else
		dest_action(dp, act, fa, act->nargs);
	if (fa != stackbuf)
		free(fa);
}

/* trace(): integers by their D size, strings (and char arrays, which
 * libdtrace recognizes by their alignment of 1) padded, anything else as
 * dt_print_bytes does. */
static void do_trace(struct dprog *dp, const struct action *act,
		     const unsigned char *rec)
{
	FILE *fp = dp->opt->out;
	int quiet = dp->opt->quiet;
	const struct recarg *a;

	if (act->nargs < 1)
		return;
	a = &act->args[0];
	if (ft_is_ksym(a->ftype) || ft_is_usym(a->ftype)) {
		struct fmt_arg fa;
		struct fmt_env env;
		fill_fmt_arg(&fa, a, rec);
		stack_env(dp, &env);
		aggfmt_key(fp, &fa, &env);	/* dt_print_sym: "  %-50s" */
	} else if (is_scalar(a->ftype))
		fmt_trace_int(fp, rd64(rec + a->off), arg_size(a), a->is_signed,
			      quiet);
	else if (a->ftype == FT_STR || a->ftype == FT_CHAR_ARRAY)
		fmt_trace_str(fp, (const char *)rec + a->off, a->size, quiet);
	else if (dp->opt->rawbytes)
		fmt_trace_bytes(fp, rec + a->off, a->size, quiet);
	else
		fmt_print_bytes(fp, rec + a->off, a->size, 33, quiet);
}

/* tracemem(addr, size [, dynsize]): the dump is cut to dynsize. */
static void do_tracemem(struct dprog *dp, const struct action *act,
			const unsigned char *rec)
{
	size_t len;

	if (act->nargs < 1)
		return;
	len = act->args[0].size;
	if (act->nargs > 1) {
		uint64_t dyn = rd64(rec + act->args[1].off);
		if (dyn < len)
			len = dyn;
	}
	fmt_tracemem(dp->opt->out, rec + act->args[0].off, len);
}

static void do_action(struct dprog *dp, const struct action *act,
		      const unsigned char *rec)
{
	switch (act->kind) {
	case ACT_TRACE:
		do_trace(dp, act, rec);
		break;
	case ACT_PRINTF: case ACT_SYSTEM: case ACT_FREOPEN: case ACT_FTRUNCATE:
		do_printf(dp, act, rec);
		break;
	case ACT_EXIT:
		dp->exited = 1;
		if (act->nargs > 0)
			dp->exit_status = (int)rd64(rec + act->args[0].off);
		break;
	case ACT_TRACEMEM:
		do_tracemem(dp, act, rec);
		break;
	case ACT_COMMIT:
		spec_commit(dp, (int)rd64(rec + act->args[0].off));
		break;
	case ACT_DISCARD:
		spec_discard(dp, (int)rd64(rec + act->args[0].off));
		break;
	case ACT_STACK: {
		struct fmt_arg fa;
		struct fmt_env env;
		fill_fmt_arg(&fa, &act->args[0], rec);
		stack_env(dp, &env);
		env.stack(env.arg, dp->opt->out, &fa, "%s", -1);
		break;
	}
	case ACT_SETOPT:	/* DTrace ignores what it cannot set */
		options_set(dp->opt, act->optname, act->optval, NULL, 0);
		break;
	default:
		agg_action(dp, act, rec);
		break;
	}
}

/* -F: dt_flowindent's prefixes; the indent grows after an entry and
 * shrinks before a return. */
static void flow_line(struct dprog *dp, const struct probe *p, uint32_t cpu)
{
	static int indent;
	int is_sys = !strcmp(p->prov, "syscall");
	const char *pfx = " | ";
	char name[512];

	if (!strcmp(p->name, "entry"))
		pfx = is_sys ? " => " : " -> ";
	else if (!strcmp(p->name, "return")) {
		pfx = is_sys ? " <= " : " <- ";
		indent = indent >= 2 ? indent - 2 : 0;
	}
	if (!strcmp(pfx, " | "))
		snprintf(name, sizeof(name), "%*s%s%s:%s", indent, "", pfx,
			 p->func, p->name);
	else
		snprintf(name, sizeof(name), "%*s%s%s", indent, "", pfx, p->func);
	fprintf(dp->opt->out, "%3u %-41s ", cpu, name);
	if (!strcmp(p->name, "entry"))
		indent += 2;
}

/* The heading (once) and the probe line that start a record. */
static void probe_line(struct dprog *dp, uint32_t pid, uint32_t cpu)
{
	const struct probe *p = probe_by_id(pid);
	FILE *fp = dp->opt->out;
	char name[512];

	if (!dp->heading_done) {
		if (dp->opt->flowindent)
			fprintf(fp, "%3s %-41s\n", "CPU", "FUNCTION");
		else if (!dp->opt->quiet)
			fprintf(fp, "%3s %6s %32s\n", "CPU", "ID", "FUNCTION:NAME");
		dp->heading_done = 1;
	}
	if (dp->opt->flowindent && p) {
		flow_line(dp, p, cpu);
		return;
	}
	if (dp->opt->quiet)
		return;
	snprintf(name, sizeof(name), "%s:%s", p ? p->func : "",
		 p ? p->name : "");
	fprintf(fp, "%3u %6u %32s ", cpu, pid, name);
}

/* Once exit() was consumed DTrace prints nothing more but END's output:
 * what other probes recorded meanwhile is dropped. */
static int after_exit(struct dprog *dp, uint32_t pid)
{
	const struct probe *p;

	if (!dp->exited)
		return 0;
	p = probe_by_id(pid);
	return !p || strcmp(p->prov, "dtrace") || strcmp(p->name, "END");
}

/* dtrace_faultstr()'s words for a DTRACEFLT_* number. */
static const char *fault_words(uint32_t code)
{
	static const char *const words[] = {
		[FAULT_BADADDR] = "invalid address",
		[FAULT_BADALIGN] = "invalid alignment",
		[FAULT_ILLOP] = "illegal operation",
		[FAULT_DIVZERO] = "divide-by-zero",
		[FAULT_NOSCRATCH] = "out of scratch space",
		[FAULT_KPRIV] = "invalid kernel access",
		[FAULT_UPRIV] = "invalid user access",
		[FAULT_TUPOFLOW] = "tuple stack overflow",
		[FAULT_BADSTACK] = "bad stack",
		[FAULT_BADSIZE] = "invalid size",
	};

	if (code < sizeof(words) / sizeof(words[0]) && words[code])
		return words[code];
	return "unknown fault";
}

/* A fault record: dt_handle_err()'s message, on stderr.  The offset is
 * a BPF instruction's, as DTrace on BPF words it ("at BPF pc N"). */
static void fault_message(struct dprog *dp, const unsigned char *rec)
{
	uint32_t epid = rd32(rec + FREC_EPID), act = rd32(rec + FREC_ACT);
	uint32_t code = rd32(rec + FREC_CODE), pc = rd32(rec + FREC_PC);
	const struct probe *p = probe_by_id(rd32(rec + 4));
	char details[32] = "", where[32];

	if (!p || after_exit(dp, p->id))
		return;
	if (code == FAULT_BADADDR || code == FAULT_BADALIGN ||
	    code == FAULT_BADSTACK || code == FAULT_BADSIZE)
		snprintf(details, sizeof(details), " (0x%llx)",
			 (unsigned long long)rd64(rec + FREC_ADDR));
	if (act)
		snprintf(where, sizeof(where), "action #%u", act);
	else
		snprintf(where, sizeof(where), "predicate");
	fflush(dp->opt->out);
	fprintf(stderr, "dtrace: error on enabled probe ID %u (ID %u: "
		"%s:%s:%s:%s): %s%s in %s at BPF pc %u\n", epid, p->id, p->prov,
		p->mod, p->func, p->name, fault_words(code), details, where, pc);
}

/* A clause whose actions only act on the tracing state (commit(),
 * clear(), setopt()...) prints no probe line, as in DTrace. */
static int is_silent(const struct ecb *e)
{
	if (!e->acts)
		return 0;
	for (const struct action *a = e->acts; a; a = a->next)
		if (a->kind != ACT_COMMIT && a->kind != ACT_DISCARD &&
		    a->kind != ACT_FREOPEN && a->kind != ACT_FTRUNCATE &&
		    a->kind != ACT_SETOPT && a->kind != ACT_CLEAR &&
		    a->kind != ACT_TRUNC && a->kind != ACT_NORMALIZE &&
		    a->kind != ACT_DENORMALIZE)
			return 0;
	return 1;
}

/* The ring policy prints at the end, but an exit() stops tracing now. */
static void note_exit(struct dprog *dp, const struct ecb *e,
		      const unsigned char *rec)
{
	int i = 0;
	uint32_t done = rd32(rec + 12);

	for (const struct action *a = e->acts; a; a = a->next, i++)
		if (a->kind == ACT_EXIT && (i >= 32 || (done & (1u << i))))
			do_action(dp, a, rec);
}

int consume_record(struct dprog *dp, const void *data, size_t size)
{
	const unsigned char *rec = data;
	uint32_t epid, pid, cpu, done;
	const struct ecb *e;
	int i = 0;

	if (size < REC_HDR)
		return 0;
	epid = rd32(rec);
	pid = rd32(rec + 4);
	cpu = rd32(rec + 8) & 0xffff;
	done = rd32(rec + 12);
	if (rd32(rec + 8) >> 16 && epid) {	/* speculative: held */
		spec_hold(dp, (int)(rd32(rec + 8) >> 16), rec, size);
		return 0;
	}
	if (epid == 0 && size == PIDREC_SIZE) {	/* a ustack() key's pid */
		usym_cache(rd64(rec + REC_HDR));
		return 0;
	}
	if (epid == 0 && size >= FREC_ADDR + 8) {
		fault_message(dp, rec);
		return 0;
	}
	if (epid == 0 || epid > (uint32_t)dp->necbs || !dp->ecbs[epid - 1])
		return 0;
	e = dp->ecbs[epid - 1];
	if (size < e->recsize || after_exit(dp, pid))
		return 0;
	if (dp->opt->bufpolicy == 'r' && !dp->ring_replay) {
		note_exit(dp, e, rec);		/* tracing stops now */
		return ring_hold(dp, e, rec, size);
	}

	int silent = is_silent(e);
	if (!silent)
		probe_line(dp, pid, cpu);
	for (const struct action *a = e->acts; a; a = a->next, i++)
		if (i >= 32 || (done & (1u << i)))
			do_action(dp, a, rec);
	if (!dp->opt->quiet && !silent)
		fputc('\n', dp->opt->out);
	return 0;
}

static int handle_record(void *ctx, void *data, size_t size)
{
	return consume_record(ctx, data, size);
}

int consume_open(struct dprog *dp)
{
	int ncpu = libbpf_num_possible_cpus();

	if (ncpu > 0)
		dp->drops_seen = calloc((size_t)ncpu * DROP_COUNT,
				       sizeof(*dp->drops_seen));
	dp->rb = ring_buffer__new(dp->map_fd[MAP_RB], handle_record, dp, NULL);
	if (!dp->rb) {
		fprintf(stderr, "dtrace: failed to open the trace buffer: %s\n",
			strerror(errno));
		return -1;
	}
	return 0;
}

int consume_poll(struct dprog *dp, int timeout_ms)
{
	int n;

	if (!dp->rb)
		return -1;
	/* records that did not wake us (cg.c: output) are read anyway */
	n = ring_buffer__poll(dp->rb, timeout_ms);
	if (n >= 0 || n == -EINTR) {
		int m = ring_buffer__consume(dp->rb);
		n = m < 0 ? m : (n > 0 ? n : 0) + m;
	}
	fflush(dp->opt->out);
	if (n == -EINTR)
		return 0;
	return n < 0 ? -1 : n;
}

/* MAP_DROPS counts, per CPU, what could not be kept (enum drop_kind):
 * reported as dt_drop.c words it, per CPU for records and aggregations,
 * in total for the others. */
static const struct {
	const char *tag, *what, *msg;
	int per_cpu;
} drop_names[DROP_COUNT] = {
	[DROP_RECORD] = { "DTRACEDROP_PRINCIPAL", "drop", "", 1 },
	[DROP_DYNVAR] = { "DTRACEDROP_DYNAMIC", "dynamic variable drop", "", 0 },
	[DROP_AGG] = { "DTRACEDROP_AGGREGATION", "aggregation drop", "", 1 },
	[DROP_SPEC] = { "DTRACEDROP_SPEC", "speculative drop", "", 0 },
	[DROP_SPECUNAVAIL] = { "DTRACEDROP_SPECUNAVAIL", "failed speculation",
			       " (no speculative buffer available)", 0 },
	[DROP_DBLERROR] = { "DTRACEDROP_DBLERROR", "error",
			    " in ERROR probe enabling", 0 },
};

static void drop_message(struct dprog *dp, int k, uint64_t n, int cpu)
{
	char where[32] = "";

	if (cpu >= 0)
		snprintf(where, sizeof(where), " on CPU %d", cpu);
	fflush(dp->opt->out);
	fprintf(stderr, "dtrace: %s%s%s%llu %s%s%s%s\n",
		dp->opt->droptags ? "[" : "",
		dp->opt->droptags ? drop_names[k].tag : "",
		dp->opt->droptags ? "] " : "", (unsigned long long)n,
		drop_names[k].what, n > 1 ? "s" : "", where, drop_names[k].msg);
}

void consume_drops(struct dprog *dp)
{
	int ncpu = libbpf_num_possible_cpus();
	uint32_t key = 0;
	uint64_t *v;

	if (dp->spec_drops) {		/* counted here, not in the kernel */
		drop_message(dp, DROP_SPEC, dp->spec_drops, -1);
		dp->spec_drops = 0;
	}
	if (ncpu <= 0 || !dp->drops_seen || dp->map_fd[MAP_DROPS] <= 0)
		return;
	if (!(v = calloc((size_t)ncpu * DROP_COUNT, sizeof(*v))))
		return;
	if (bpf_map_lookup_elem(dp->map_fd[MAP_DROPS], &key, v) == 0) {
		for (int k = 0; k < DROP_COUNT; k++) {
			uint64_t total = 0;
			for (int c = 0; c < ncpu; c++) {
				uint64_t *now = &v[c * DROP_COUNT + k];
				uint64_t *seen = &dp->drops_seen[c * DROP_COUNT + k];
				if (*now <= *seen)
					continue;
				if (drop_names[k].per_cpu)
					drop_message(dp, k, *now - *seen, c);
				total += *now - *seen;
				*seen = *now;
			}
			if (total && !drop_names[k].per_cpu)
				drop_message(dp, k, total, -1);
		}
	}
	free(v);
}

void consume_close(struct dprog *dp)
{
	ring_buffer__free(dp->rb);
	dp->rb = NULL;
	free(dp->drops_seen);
	dp->drops_seen = NULL;
	spec_free(dp);
}
