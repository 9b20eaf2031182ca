/* tracefs.c - what the tracepoint providers (syscall, sdt) share: the
 * tracefs mount, event ids and format files, attaching a program to an
 * event, and loading a record field as a probe argument.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include "probe.h"
#include "types.h"

static int has_events(const char *dir)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/events", dir);
	return access(path, R_OK) == 0;
}

const char *tracefs_dir(void)
{
	static const char *dir;
	static const char sys[] = "/sys/kernel/tracing";
	static const char debug[] = "/sys/kernel/debug/tracing";

	if (dir)
		return dir;
	if (!has_events(sys))
		mount("nodev", sys, "tracefs", 0, NULL);
	if (has_events(sys))
		dir = sys;
	else if (has_events(debug))
		dir = debug;
	return dir;
}

int tracefs_event_id(const char *group, const char *event)
{
	const char *dir = tracefs_dir();
	char path[512];
	int id = -ENOENT;
	FILE *f;

	if (!dir)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir, group, event);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (fscanf(f, "%d", &id) != 1)
		id = -EINVAL;
	fclose(f);
	return id;
}

int online_cpus(int *cpu, int max)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	int n = 0, lo, hi;
	char sep;

	if (!f)
		return 0;
	while (fscanf(f, "%d", &lo) == 1) {
		hi = lo;
		sep = fgetc(f);
		if (sep == '-' && fscanf(f, "%d", &hi) == 1)
			sep = fgetc(f);
		for (int c = lo; c <= hi && n < max; c++)
			cpu[n++] = c;
		if (sep != ',')
			break;
	}
	fclose(f);
	return n;
}

int perf_attach_task(struct perf_event_attr *attr, int pid, int cpu,
		     int prog_fd, struct attach *a)
{
	int fd = syscall(__NR_perf_event_open, attr, pid, cpu, -1,
			 PERF_FLAG_FD_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) < 0 ||
	    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) < 0) {
		int err = -errno;
		close(fd);
		return err;
	}
	attach_add(a, fd);
	return 0;
}

int perf_only_cpu = -1;

int perf_attach(struct perf_event_attr *attr, int all_cpus, int prog_fd,
		struct attach *a)
{
	int cpu[1024], n = online_cpus(cpu, 1024);

	if (n == 0)
		return -ENOENT;
	if (perf_only_cpu >= 0)		/* -x cpu: a tick fires there */
		return perf_attach_task(attr, -1, perf_only_cpu, prog_fd, a);
	for (int i = 0; i < (all_cpus ? n : 1); i++) {
		int err = perf_attach_task(attr, -1, cpu[i], prog_fd, a);
		if (err)
			return err;
	}
	return 0;
}

int tracefs_attach(const char *group, const char *event, int prog_fd,
		   struct attach *a)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
	};
	int id = tracefs_event_id(group, event);

	if (id < 0)
		return id;
	attr.config = id;
	return perf_attach(&attr, 0, prog_fd, a);
}

int tracefs_attach_probe(const struct probe *p, int prog_fd, struct attach *a)
{
	return tracefs_attach(p->tp_group, p->tp_event, prog_fd, a);
}

/* --- format files --- */

struct field {
	char decl[256];		/* "const char * filename", "char comm[16]" */
	int off, size, is_signed;
};

static int parse_field(const char *line, struct field *f)
{
	const char *p = strstr(line, "field:");

	if (!p || sscanf(p, "field:%255[^;]; offset:%d; size:%d; signed:%d;",
			 f->decl, &f->off, &f->size, &f->is_signed) != 4)
		return 0;
	return 1;
}

/* Split "TYPE NAME[N]" into its type text and array count (-1: none,
 * 0: "[]"); the name is the last word before any brackets. */
static void split_decl(char *decl, char **type, long *nelem)
{
	char *br = strchr(decl, '['), *end;

	*nelem = -1;
	if (br) {
		*nelem = strtol(br + 1, NULL, 0);
		*br = '\0';
	}
	end = decl + strlen(decl);
	while (end > decl && isspace((unsigned char)end[-1]))
		*--end = '\0';
	while (end > decl && (isalnum((unsigned char)end[-1]) || end[-1] == '_'))
		end--;
	if (end > decl)		/* a type and a name: drop the name */
		*end = '\0';
	*type = decl;
	for (end = decl + strlen(decl); end > decl && isspace((unsigned char)end[-1]);)
		*--end = '\0';
}

static void set_arg(struct probe *p, struct field *f)
{
	int i = p->nargs++, dataloc = 0;
	char *type;
	long nelem;

	if (!strncmp(f->decl, "__data_loc ", 11)) {
		dataloc = 1;
		memmove(f->decl, f->decl + 11, strlen(f->decl + 11) + 1);
	}
	split_decl(f->decl, &type, &nelem);
	struct dtype *t = types_parse_c_name(type);
	p->argoff[i] = f->off;
	p->argsize[i] = f->size;
	if (dataloc) {
		p->argflags[i] = ARG_DATALOC;
		p->argtype[i] = type_is_integer(t) && t->size == 1 ? &t_string : type_ptr(t);
	} else if (nelem >= 0) {
		p->argflags[i] = ARG_ADDR;
		p->argtype[i] = type_array(t, nelem);
	} else {
		p->argtype[i] = t;
		p->argnative[i] = probe_strdup(type);
		if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
			p->argflags[i] = ARG_ADDR;
		else if (f->is_signed)
			p->argflags[i] = ARG_SIGNED;
	}
}

int tracefs_format_args(struct probe *p, const char *group,
			const char *event, int skip)
{
	const char *dir = tracefs_dir();
	char path[512], line[512];
	struct field f;
	FILE *fp;

	p->nargs = 0;
	if (!dir)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/events/%s/%s/format", dir, group, event);
	if (!(fp = fopen(path, "r")))
		return -errno;
	while (fgets(line, sizeof(line), fp) && p->nargs < PROBE_MAXARGS) {
		if (!parse_field(line, &f) || strstr(f.decl, " common_"))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		set_arg(p, &f);
	}
	fclose(fp);
	return 0;
}

/* --- code --- */

void emit_ctx_load(struct ebuf *b, int off, int size, int is_signed)
{
	static const int bpf_size[9] = { [1] = BPF_B, [2] = BPF_H, [4] = BPF_W,
					 [8] = BPF_DW };

	ebuf_add(b, LDX_MEM(bpf_size[size], BPF_REG_0, BPF_REG_6, off));
	/* No sign-extending loads before kernel 6.6: shift the sign in. */
	if (is_signed && size < 8) {
		ebuf_add(b, ALU64_IMM(BPF_LSH, BPF_REG_0, 64 - 8 * size));
		ebuf_add(b, ALU64_IMM(BPF_ARSH, BPF_REG_0, 64 - 8 * size));
	}
}

void tracefs_emit_field(struct ebuf *b, const struct probe *p, int i)
{
	/* The table's probes are not really const; args fill on first use. */
	probe_args((struct probe *)p);
	if (i < 0 || i >= p->nargs) {
		ebuf_add(b, MOV64_IMM(BPF_REG_0, 0));
	} else if (p->argflags[i] & ARG_ADDR) {
		ebuf_add(b, MOV64_REG(BPF_REG_0, BPF_REG_6));
		ebuf_add(b, ALU64_IMM(BPF_ADD, BPF_REG_0, p->argoff[i]));
	} else if (p->argflags[i] & ARG_DATALOC) {
		/* __data_loc: low 16 bits offset in the record, high 16 length */
		ebuf_add(b, LDX_MEM(BPF_W, BPF_REG_0, BPF_REG_6, p->argoff[i]));
		ebuf_add(b, ALU64_IMM(BPF_AND, BPF_REG_0, 0xffff));
		ebuf_add(b, ALU64_REG(BPF_ADD, BPF_REG_0, BPF_REG_6));
	} else {
		emit_ctx_load(b, p->argoff[i], p->argsize[i],
			      p->argflags[i] & ARG_SIGNED);
	}
}
