/* builtins.h - D's built-in variables and macro variables: one table entry
 * each (name, type); code generation switches on the enum. */
#ifndef DT_BUILTINS_H
#define DT_BUILTINS_H

#include <stdint.h>

struct dtype;

enum builtin {
	B_ARG0, B_ARG1, B_ARG2, B_ARG3, B_ARG4, B_ARG5, B_ARG6, B_ARG7,
	B_ARG8, B_ARG9,
	B_EXECNAME, B_PID, B_TID, B_PPID, B_UID, B_GID, B_CPU,
	B_TIMESTAMP, B_VTIMESTAMP, B_WALLTIMESTAMP,
	B_PROBEPROV, B_PROBEMOD, B_PROBEFUNC, B_PROBENAME,
	B_ERRNO, B_CURTHREAD, B_ID, B_EPID,
	B_STACKDEPTH, B_USTACKDEPTH, B_CALLER, B_UCALLER,
	B_COUNT
};

int builtin_var(const char *name);		/* enum builtin or -1 */
struct dtype *builtin_var_type(int b);
/* D's named integer constants (NULL, DTRACEFLT_BADADDR, SIGKILL, EPERM
 * ...): 0 and the value, or -1. */
int builtin_const(const char *name, int64_t *val);
/* $pid, $ppid, $uid, $gid, $target...: 0 and the value, or -1. */
int builtin_macro(const char *name, int64_t *val);
/* A copy of d with $target, $pid and the like substituted. */
struct probe_spec;
struct probe_spec *builtin_expand_spec(const struct probe_spec *d);
/* $target: the -c child or the -p process (main.c sets it), else 0. */
extern int64_t builtin_target;

#endif
