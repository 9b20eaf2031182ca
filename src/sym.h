/* sym.h - kernel and user symbols for stacks, %a/%A and sym()/usym().
 *
 * ksym.c reads /proc/kallsyms once; usym.c reads a process's maps and the
 * symbol tables of its objects the first time the consumer sees its pid,
 * and keeps them, so a process that exited before END still resolves.
 */
#ifndef DT_SYM_H
#define DT_SYM_H

#include <stddef.h>
#include <stdint.h>

struct sym {
	const char *mod;	/* "vmlinux", "ext4", "libc.so.6"; NULL: none */
	const char *name;	/* NULL: only the module is known */
	uint64_t value;		/* the symbol's address */
	uint64_t modoff;	/* noresolve: the address in its mapping */
	uint64_t modbase;	/* the module's first address (mod(), umod()) */
};

/* 0 and the symbol (or module only) for a kernel address; -1: unknown. */
int ksym_lookup(uint64_t addr, struct sym *s);
/* Read pid's maps (and its objects' symbols) now, if not yet cached. */
void usym_cache(uint64_t pid);
int usym_lookup(uint64_t pid, uint64_t addr, struct sym *s);

/* DTrace's text for an address: "mod`sym+0x1c", "mod`sym", "mod`0x..."
 * or "0x..."; noresolve: "mod:0xoff" (user) or hex. */
void ksym_format(uint64_t addr, int noresolve, char *buf, size_t len);
void usym_format(uint64_t pid, uint64_t addr, int noresolve, char *buf,
		 size_t len);

#endif
