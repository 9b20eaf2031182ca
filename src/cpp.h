/* cpp.h - dtrace -C: a script through the C preprocessor. */
#ifndef DT_CPP_H
#define DT_CPP_H

struct options;
struct diag;

/* The preprocessed text (malloc'ed) of a script, run through cpp (or
 * -xcpppath) with DTrace's predefined macros and the -D/-U/-I words of
 * o->cppargs.  Failures are compile errors through d. */
char *cpp_run(const struct options *o, const char *text, struct diag *d);

#endif
