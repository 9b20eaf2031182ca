/* calls.h - ids of D's actions and subroutines (check_call.c, cg_call.c). */
#ifndef DT_CALLS_H
#define DT_CALLS_H

#include "fmt.h"

struct dtype;

enum call {
	CALL_TRACE, CALL_PRINTF, CALL_EXIT, CALL_TRACEMEM,
	CALL_COPYIN, CALL_COPYINSTR, CALL_STRLEN,
	CALL_PRINTA, CALL_CLEAR, CALL_TRUNC, CALL_NORMALIZE, CALL_DENORMALIZE,
	CALL_SETOPT,
	CALL_SPECULATION, CALL_SPECULATE, CALL_COMMIT, CALL_DISCARD,
	/* destructive: only with -w */
	CALL_SYSTEM, CALL_RAISE, CALL_STOP, CALL_COPYOUT, CALL_COPYOUTSTR,
	CALL_FREOPEN, CALL_FTRUNCATE, CALL_PANIC, CALL_BREAKPOINT, CALL_CHILL,
	CALL_COUNT
};

int call_is_action(int id);
/* How printf and the consumer see a value of type t. */
enum fmt_type type_ftype(const struct dtype *t);

#endif
