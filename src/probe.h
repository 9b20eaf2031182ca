/* probe.h - probes, the table of them, and what a provider must supply.
 *
 * A probe is DTrace's provider:module:function:name with an id.  Probes
 * that the kernel fires from one event ("site": raw_syscalls:sys_enter for
 * every syscall entry probe) share one BPF program; the program finds out
 * which probe fired by computing the provider's "selector" at run time
 * (the syscall number) and looking it up.  A provider is one const
 * struct provider_ops in its own file (prov_*.c), listed in probe.c.
 */
#ifndef DT_PROBE_H
#define DT_PROBE_H

#include <stdint.h>
#include <stdio.h>
#include "emit.h"

#define PROBE_MAXARGS 10

struct dtype;
struct probe_spec;
struct provider_ops;

struct probe {
	uint32_t id;			/* 1-based, in order of creation */
	const struct provider_ops *ops;
	char *prov, *mod, *func, *name;
	/* Probes with the same site string share one program and one attach. */
	char *site;
	int64_t selector;		/* this probe's value of the site's selector */
	uint64_t data;			/* the provider's own: nr, period in ns... */
	char *tp_group, *tp_event;	/* tracefs event this fires from, or NULL */
	/* Argument types, filled by ops->args on first need. */
	int args_done, nargs;
	struct dtype *argtype[PROBE_MAXARGS];	/* NULL: untyped (uint64_t) */
	int argoff[PROBE_MAXARGS], argsize[PROBE_MAXARGS];	/* provider's use */
	unsigned argflags[PROBE_MAXARGS];		/* provider's use: ARG_* */
	char *argnative[PROBE_MAXARGS];	/* type as the kernel spells it, for -lv */
};

/* argflags of tracefs-record arguments (sdt, syscall). */
#define ARG_SIGNED	1u	/* scalar: sign-extend from argsize bytes */
#define ARG_ADDR	2u	/* in-record array: the value is its address */
#define ARG_DATALOC	4u	/* __data_loc: address of record + (u32 & 0xffff) */

/* DTrace stability attributes (dtrace -v, -lv), in DTrace's order. */
enum { STAB_INTERNAL, STAB_PRIVATE, STAB_OBSOLETE, STAB_EXTERNAL,
       STAB_UNSTABLE, STAB_EVOLVING, STAB_STABLE, STAB_STANDARD };
enum { CLASS_UNKNOWN, CLASS_CPU, CLASS_PLATFORM, CLASS_GROUP, CLASS_ISA,
       CLASS_COMMON };
struct probe_attr {
	unsigned char name, data, class;
};
/* A provider's attributes: for its provider, module, function and name
 * parts, then for its arguments (dtrace_pattr_t). */
struct provider_attr {
	struct probe_attr prov, mod, func, name, args;
};

/* Attachments made for a site: fds to close at detach. */
struct attach {
	int *fd;
	int n, cap;
};
void attach_add(struct attach *a, int fd);

enum prov_prog {			/* the BPF program type a site needs */
	PROG_TRACEPOINT,		/* ctx = the tracepoint's raw record */
	PROG_PERF_EVENT,		/* ctx = struct bpf_perf_event_data */
	PROG_RAW_TP,			/* BEGIN/END/ERROR: run by BPF_PROG_TEST_RUN */
	PROG_FENTRY, PROG_FEXIT,	/* tracing: ctx = u64 args, BTF-attached */
	PROG_KPROBE,			/* ctx = struct pt_regs (kprobe, kretprobe) */
};

struct provider_ops {
	const char *name;
	/* Create (probe_add) every probe this provider has that could match
	 * spec (its parts may hold globs; the caller filters).  Creating a
	 * probe twice is harmless: probe_add returns the existing one. */
	int (*populate)(const struct probe_spec *spec);
	/* Fill p->nargs and p->argtype[] (-lv, args[]): 0 or -errno. */
	int (*args)(struct probe *p);
	enum prov_prog prog;
	/* Shared sites only: emit code that leaves the selector in r0
	 * (the context is in r6, r1-r5 and r0 are free). */
	void (*emit_selector)(struct ebuf *b, const struct probe *p);
	/* argN: emit code that leaves argument i (0..9) in r0, as a 64-bit
	 * value (sign-extended where the type is signed).  Context in r6;
	 * may use r0-r5 and the 8 bytes at r10-8.  Arguments a probe does
	 * not have read as 0. */
	void (*emit_arg)(struct ebuf *b, const struct probe *p, int i);
	/* Attach the site's program (prog_fd) for p (any probe of the site):
	 * add every fd to a; 0 or -errno (message printed by the caller). */
	int (*attach)(const struct probe *p, int prog_fd, struct attach *a);
	const struct provider_attr *attr;
	/* Optional, for providers whose program type depends on the kernel
	 * (fbt: fentry or kprobe): p's type, and for PROG_FENTRY/FEXIT the
	 * BTF id of the function to attach to. */
	enum prov_prog (*prog_for)(const struct probe *p, uint32_t *btf_id);
	/* Optional: nonzero if p cannot be enabled on this kernel; the
	 * provider has said why on stderr.  Compilation skips p. */
	int (*refuse)(struct probe *p);
	/* dtrace --check: 1 if this kernel runs the provider's probes, why
	 * saying how; 0 if not, why saying what the kernel refused. */
	int (*check)(char *why, size_t len);
	/* The provider's probes are per process: 1, "pid123" names them;
	 * 2, any name followed by a process ID does (usdt). */
	int per_process;
};

/* The table.  probe_add takes copies of the strings. */
struct probe *probe_add(const struct provider_ops *ops, const char *mod,
			const char *func, const char *name);
/* The same, for a provider whose probes carry another provider name
 * (pid123). */
struct probe *probe_add_named(const struct provider_ops *ops, const char *prov,
			      const char *mod, const char *func,
			      const char *name);
struct probe *probe_by_id(uint32_t id);
uint32_t probe_count(void);		/* highest id */
/* Populate the providers a spec can name, then call cb for each probe
 * matching it (globs in all four parts); returns the number matched. */
int probe_match(const struct probe_spec *spec,
		void (*cb)(struct probe *p, void *arg), void *arg);
int probe_glob(const char *pattern, const char *s);	/* empty matches all */
int probe_args(struct probe *p);	/* ops->args once */

/* dtrace -l: the heading, then one line per probe (-lv adds DTrace's
 * attribute and argument-type block, filling the args as needed). */
void probe_list_header(FILE *fp);
/* dtrace --check: each provider, whether it works here, how or why not;
 * the number that work. */
int probe_check_report(FILE *fp);
void probe_list(FILE *fp, const struct probe *p, int verbose);
/* The minimum of a's and b's parts (dt_attr_min). */
struct probe_attr probe_attr_min(struct probe_attr a, struct probe_attr b);
const char *probe_stability_name(int s);
const char *probe_class_name(int c);

char *probe_strdup(const char *s);	/* xcalloc'ed copy */

/* Tracefs helpers for the providers that read it. */
const char *tracefs_dir(void);		/* mounts it if needed; NULL if absent */
int tracefs_event_id(const char *group, const char *event);	/* or -errno */
/* Attach prog_fd to tracefs event group/event: one perf event, since the
 * kernel runs a tracepoint's BPF programs on every CPU whichever CPU the
 * perf event was opened on (and refuses the same program twice). */
int tracefs_attach(const char *group, const char *event, int prog_fd,
		   struct attach *a);
/* The attach op of providers whose probes set tp_group and tp_event. */
int tracefs_attach_probe(const struct probe *p, int prog_fd, struct attach *a);
/* Fill p's args from events/group/event/format, skipping the common_
 * fields and then `skip` more: 0, -ENOENT without the file. */
int tracefs_format_args(struct probe *p, const char *group,
			const char *event, int skip);
/* emit_arg for an argument filled by tracefs_format_args. */
void tracefs_emit_field(struct ebuf *b, const struct probe *p, int i);
/* r0 = the size-byte field at r6 + off, sign-extended if is_signed. */
void emit_ctx_load(struct ebuf *b, int off, int size, int is_signed);

/* Open attr's perf event with prog_fd attached and enabled, on every
 * online CPU or only the first: fds go to a; 0 or -errno. */
struct perf_event_attr;
/* -x cpu=N: perf events open on CPU N alone (-1: all_cpus decides). */
extern int perf_only_cpu;
int perf_attach(struct perf_event_attr *attr, int all_cpus, int prog_fd,
		struct attach *a);

/* The online CPUs (/sys/devices/system/cpu/online), at most max: count. */
int online_cpus(int *cpu, int max);
/* One perf event for task pid (-1: any) on cpu (-1: any) running prog_fd. */
int perf_attach_task(struct perf_event_attr *attr, int pid, int cpu,
		     int prog_fd, struct attach *a);

#endif
