/* usdt_decl.h - the providers a D program declares (`provider p { probe
 * q(int); };`), for dtrace -h (a C header) and -G (a link object). */
#ifndef DT_USDT_DECL_H
#define DT_USDT_DECL_H

#include <stdio.h>

struct dprog;
struct node;

/* <sys/sdt.h> has DTRACE_PROBE0 .. DTRACE_PROBE12. */
#define USDT_MAXARGS	12

struct usdt_probe {
	const char *prov;
	const char *name;		/* as declared: "query__start" */
	int nargs;
	const char *argtype[USDT_MAXARGS];	/* "int", "char *" */
	int line;
};

struct usdt_decls {
	struct usdt_probe *v;
	int n;
};

/* Check a provider declaration's types and remember its probes. */
void usdt_declare(struct dprog *dp, const struct node *prov);
const struct usdt_decls *usdt_declared(void);

/* dtrace -h: a header of probe and is-enabled macros; -G: an ELF object
 * defining the probes' semaphores.  0 or -1 after a message. */
int usdt_header_write(const struct usdt_decls *d, const char *path);
int usdt_object_write(const struct usdt_decls *d, const char *path);

#endif
