/* diag.h - compile-time diagnostics in DTrace's words.
 *
 * A compile error ends compilation: diag_error() prints the message and
 * longjmps back to the driver, which exits 1.  The message form is the one
 * scripts and tests match:
 *   dtrace: failed to compile script FILE: line N: message        (-s)
 *   dtrace: invalid probe specifier TEXT: message                 (-n)
 * With -xerrtags "[D_TAG] " goes before "line".
 */
#ifndef DT_DIAG_H
#define DT_DIAG_H

#include <setjmp.h>

struct diag {
	const char *file;	/* script file name (-s), or NULL */
	const char *spec;	/* -n/-P... text when file is NULL */
	int errtags;		/* -xerrtags */
	jmp_buf *jb;		/* where diag_error returns to */
	int failed;
};

void diag_error(struct diag *d, int line, const char *tag, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));
/* A warning: "dtrace: FILE: line N: message"; compilation goes on. */
void diag_warn(struct diag *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
