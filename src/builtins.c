/* builtins.c - the table of D's built-in variables and macro variables. */
#include <string.h>
#include <unistd.h>
#include "builtins.h"
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
