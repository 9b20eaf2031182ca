/* diag.c - compile-time diagnostics, worded as DTrace words them.
 *
 * Scripts and the test suite match these lines exactly, so the layout is
 * DTrace's: a script file gets "line N: ", a -n probe specifier does not
 * (DTrace only knows line numbers when reading a file), and -xerrtags puts
 * "[D_TAG] " in front of either.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"

/* The message without a trailing newline: callers may pass DTrace's own
 * format strings, which end in "\n". */
static void format_msg(char *buf, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(buf, size, fmt, ap);
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
}

void diag_error(struct diag *d, int line, const char *tag, const char *fmt, ...)
{
	char msg[1024], tagbuf[64] = "";
	va_list ap;

	va_start(ap, fmt);
	format_msg(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (d->errtags && tag)
		snprintf(tagbuf, sizeof(tagbuf), "[%s] ", tag);

	if (d->file && line > 0)
		fprintf(stderr, "dtrace: failed to compile script %s: %sline %d: %s\n",
			d->file, tagbuf, line, msg);
	else if (d->file)
		fprintf(stderr, "dtrace: failed to compile script %s: %s%s\n",
			d->file, tagbuf, msg);
	else if (d->spec)
		fprintf(stderr, "dtrace: invalid probe specifier %s: %s%s\n",
			d->spec, tagbuf, msg);
	else
		fprintf(stderr, "dtrace: %s%s\n", tagbuf, msg);
	fflush(stderr);

	d->failed = 1;
	if (d->jb)
		longjmp(*d->jb, 1);
	exit(1);	/* no driver to return to */
}

void diag_warn(struct diag *d, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	format_msg(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	const char *where = d->file ? d->file : d->spec ? d->spec : "-";
	if (line > 0)
		fprintf(stderr, "dtrace: %s: line %d: %s\n", where, line, msg);
	else
		fprintf(stderr, "dtrace: %s: %s\n", where, msg);
}
