/* usage.h - dtrace's usage text and version string. */
#ifndef DT_USAGE_H
#define DT_USAGE_H

#include <stdio.h>

/* The D API version, as Oracle DTrace names it; -xversion=2.0 selects it. */
#define DT_VERS_STRING	"Oracle D 2.0"
#define DT_VERS_NUMBER	"2.0"

/* DTrace's usage text (the synopsis, then one line per option), with the
 * basename of argv0 as the command name.  DTrace prints it to stderr and
 * exits 2 on a bad command line or when run without arguments; --help
 * prints it to stdout and exits 0. */
void usage(FILE *fp, const char *argv0);

/* What -V prints, without the newline: "dtrace: Oracle D 2.0". */
const char *dtrace_version(void);

#endif
