/* builtins.c - the table of D's built-in variables and macro variables. */
#include <string.h>
#include <unistd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include "builtins.h"
#include "ast.h"
#include "util.h"
#include "types.h"

static const struct {
	const char *name;
	const char *type;		/* a D type name; NULL: below */
} vars[B_COUNT] = {
	[B_ARG0] = { "arg0", "int64_t" }, [B_ARG1] = { "arg1", "int64_t" },
	[B_ARG2] = { "arg2", "int64_t" }, [B_ARG3] = { "arg3", "int64_t" },
	[B_ARG4] = { "arg4", "int64_t" }, [B_ARG5] = { "arg5", "int64_t" },
	[B_ARG6] = { "arg6", "int64_t" }, [B_ARG7] = { "arg7", "int64_t" },
	[B_ARG8] = { "arg8", "int64_t" }, [B_ARG9] = { "arg9", "int64_t" },
	[B_EXECNAME] = { "execname", "string" },
	[B_PID] = { "pid", "pid_t" }, [B_TID] = { "tid", "id_t" },
	[B_PPID] = { "ppid", "pid_t" }, [B_UID] = { "uid", "uid_t" },
	[B_GID] = { "gid", "gid_t" }, [B_CPU] = { "cpu", "processorid_t" },
	[B_TIMESTAMP] = { "timestamp", "uint64_t" },
	[B_VTIMESTAMP] = { "vtimestamp", "uint64_t" },
	[B_WALLTIMESTAMP] = { "walltimestamp", "uint64_t" },
	[B_PROBEPROV] = { "probeprov", "string" },
	[B_PROBEMOD] = { "probemod", "string" },
	[B_PROBEFUNC] = { "probefunc", "string" },
	[B_PROBENAME] = { "probename", "string" },
	[B_ERRNO] = { "errno", "int" },
	[B_CURTHREAD] = { "curthread", NULL },
	[B_ID] = { "id", "uint_t" }, [B_EPID] = { "epid", "uint_t" },
	[B_STACKDEPTH] = { "stackdepth", "uint32_t" },
	[B_USTACKDEPTH] = { "ustackdepth", "uint32_t" },
	[B_CALLER] = { "caller", "uintptr_t" },
	[B_UCALLER] = { "ucaller", "uint64_t" },
};

int builtin_var(const char *name)
{
	for (int i = 0; i < B_COUNT; i++)
		if (!strcmp(vars[i].name, name))
			return i;
	return -1;
}

struct dtype *builtin_var_type(int b)
{
	const char *t = vars[b].type;
	if (!t) {
		struct dtype *ts = types_lookup_tag(NULL, DT_STRUCT, "task_struct");
		return ts ? type_ptr(ts) : t_voidp;
	}
	if (!strcmp(t, "string"))
		return &t_string;
	if (!strcmp(t, "int"))
		return &t_int;
	return types_lookup_typedef(NULL, t);
}

int64_t builtin_target;

/* $target, $pid ... in a part of a probe description, substituted. */
static char *expand_part(const char *s)
{
	char out[1024], name[64];
	size_t o = 0;

	while (*s && o < sizeof(out) - 32) {
		size_t n = 0;
		int64_t v;
		if (*s != '$') {
			out[o++] = *s++;
			continue;
		}
		while (n < sizeof(name) - 1 && (isalnum((unsigned char)s[1 + n]) ||
						s[1 + n] == '_'))
			name[n] = s[1 + n], n++;
		name[n] = '\0';
		if (n && !builtin_macro(name, &v)) {
			o += snprintf(out + o, sizeof(out) - o, "%lld", (long long)v);
			s += 1 + n;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
	return strdup(out);
}

struct probe_spec *builtin_expand_spec(const struct probe_spec *d)
{
	struct probe_spec *e = xcalloc(1, sizeof(*e));

	*e = *d;
	e->prov = expand_part(d->prov);
	e->mod = expand_part(d->mod);
	e->func = expand_part(d->func);
	e->name = expand_part(d->name);
	return e;
}

int builtin_macro(const char *name, int64_t *val)
{
	static const char *zero[] = { "projid", "taskid", NULL };
	if (!strcmp(name, "target")) *val = builtin_target;
	else if (!strcmp(name, "pid")) *val = getpid();
	else if (!strcmp(name, "ppid")) *val = getppid();
	else if (!strcmp(name, "uid")) *val = getuid();
	else if (!strcmp(name, "euid")) *val = geteuid();
	else if (!strcmp(name, "gid")) *val = getgid();
	else if (!strcmp(name, "egid")) *val = getegid();
	else if (!strcmp(name, "pgid")) *val = getpgid(0);
	else if (!strcmp(name, "sid")) *val = getsid(0);
	else {
		for (int i = 0; zero[i]; i++)
			if (!strcmp(name, zero[i])) {
				*val = 0;
				return 0;
			}
		return -1;
	}
	return 0;
}

/* The constants libdtrace and its D library define for every program. */
static const struct { const char *name; int64_t val; } consts[] = {
	{ "NULL", 0 },
	{ "DTRACEFLT_UNKNOWN", 0 }, { "DTRACEFLT_BADADDR", 1 },
	{ "DTRACEFLT_BADALIGN", 2 }, { "DTRACEFLT_ILLOP", 3 },
	{ "DTRACEFLT_DIVZERO", 4 }, { "DTRACEFLT_NOSCRATCH", 5 },
	{ "DTRACEFLT_KPRIV", 6 }, { "DTRACEFLT_UPRIV", 7 },
	{ "DTRACEFLT_TUPOFLOW", 8 }, { "DTRACEFLT_BADSTACK", 9 },
	{ "DTRACEFLT_BADSIZE", 10 }, { "DTRACEFLT_LIBRARY", 1000 },
	{ "SIGHUP", 1 }, { "SIGINT", 2 }, { "SIGQUIT", 3 }, { "SIGILL", 4 },
	{ "SIGTRAP", 5 }, { "SIGABRT", 6 }, { "SIGBUS", 7 }, { "SIGFPE", 8 },
	{ "SIGKILL", 9 }, { "SIGUSR1", 10 }, { "SIGSEGV", 11 },
	{ "SIGUSR2", 12 }, { "SIGPIPE", 13 }, { "SIGALRM", 14 },
	{ "SIGTERM", 15 }, { "SIGCHLD", 17 }, { "SIGCONT", 18 },
	{ "SIGSTOP", 19 }, { "SIGTSTP", 20 },
	{ "EPERM", 1 }, { "ENOENT", 2 }, { "ESRCH", 3 }, { "EINTR", 4 },
	{ "EIO", 5 }, { "ENXIO", 6 }, { "E2BIG", 7 }, { "ENOEXEC", 8 },
	{ "EBADF", 9 }, { "ECHILD", 10 }, { "EAGAIN", 11 }, { "ENOMEM", 12 },
	{ "EACCES", 13 }, { "EFAULT", 14 }, { "EBUSY", 16 }, { "EEXIST", 17 },
	{ "ENODEV", 19 }, { "ENOTDIR", 20 }, { "EISDIR", 21 },
	{ "EINVAL", 22 }, { "ENFILE", 23 }, { "EMFILE", 24 }, { "ENOSPC", 28 },
	{ "ESPIPE", 29 }, { "EROFS", 30 }, { "EPIPE", 32 }, { "ERANGE", 34 },
};

int builtin_const(const char *name, int64_t *val)
{
	for (size_t i = 0; i < sizeof(consts) / sizeof(consts[0]); i++)
		if (!strcmp(consts[i].name, name)) {
			*val = consts[i].val;
			return 0;
		}
	return -1;
}
