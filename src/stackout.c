/* stackout.c - the consumer's fmt_env: stacks, %a/%A and symbol keys
 * printed through ksym.c and usym.c, as dt_print_stack and
 * dt_print_ustack print them. */
#include <string.h>
#include "compile.h"
#include "stackout.h"
#include "sym.h"

/* Frames of the BPF machinery itself (the program, the tracepoint's
 * trampoline) start a kernel stack: DTrace's stack starts at the probe. */
static int is_bpf_frame(uint64_t pc)
{
	struct sym s;

	if (ksym_lookup(pc, &s))
		return 0;
	return !strcmp(s.mod, "bpf") || !strncmp(s.name, "bpf_", 4) ||
	       !strncmp(s.name, "__bpf_", 6) ||
	       !strncmp(s.name, "perf_trace_", 11) ||
	       !strncmp(s.name, "trace_call_bpf", 14);
}

static void print_stack(void *arg, FILE *fp, const struct fmt_arg *a,
			const char *framefmt, int indent)
{
	const struct dprog *dp = arg;
	int user = a->type == FT_USTACK, n = (int)(a->len / 8), i = 0;
	char buf[4608];
	uint64_t pc;

	if (indent < 0)
		indent = dp->opt->stackindent ? dp->opt->stackindent : 14;
	fputc('\n', fp);
	if (!user)
		while (i < n && (memcpy(&pc, a->str + 8 * i, 8), pc) &&
		       is_bpf_frame(pc))
			i++;
	for (; i < n; i++) {
		memcpy(&pc, a->str + 8 * i, 8);
		if (!pc)
			break;
		if (user)
			usym_format(a->pid, pc, dp->opt->noresolve, buf,
				    sizeof(buf));
		else
			ksym_format(pc, dp->opt->noresolve, buf, sizeof(buf));
		fprintf(fp, "%*s", indent, "");
		fprintf(fp, framefmt, buf);
		fputc('\n', fp);
	}
}

static const char *ksym(void *arg, uint64_t addr, char *buf, size_t len)
{
	const struct dprog *dp = arg;
	ksym_format(addr, dp->opt->noresolve, buf, len);
	return buf;
}

static const char *usym(void *arg, uint64_t pid, uint64_t addr, char *buf,
			size_t len)
{
	const struct dprog *dp = arg;
	usym_format(pid, addr, dp->opt->noresolve, buf, len);
	return buf;
}

void stack_env(struct dprog *dp, struct fmt_env *env)
{
	env->ksym = ksym;
	env->usym = usym;
	env->stack = print_stack;
	env->arg = dp;
}
