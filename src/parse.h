/* parse.h - D source text to AST.
 *
 * parse_program() takes the complete (already preprocessed, if -C) source
 * and returns the program's top-level items.  It knows which identifiers name
 * types through is_type(), asked for names not declared by the script itself
 * (BTF typedefs such as size_t, D's uint64_t ...).  Errors go through diag
 * and do not return.
 */
#ifndef DT_PARSE_H
#define DT_PARSE_H

#include "ast.h"
#include "diag.h"

struct parse_opts {
	int (*is_type)(void *arg, const char *scope, const char *name);
	void *arg;
	/* -n: the text is a probe description plus optional predicate/body */
	int is_spec;
};

struct program *parse_program(struct diag *d, const char *text,
			      const struct parse_opts *opts);

#endif
