/* elfsym.h - functions and dependencies of an ELF file, for the pid
 * provider (uprobes are placed by file offset). */
#ifndef DT_ELFSYM_H
#define DT_ELFSYM_H

#include <stdint.h>

struct elf_func {
	char *name;
	uint64_t off;			/* of its first instruction in the file */
	uint64_t size;
};

/* The defined functions of .symtab and .dynsym, each name once: their
 * number (*out malloc'ed), or -1 if path is no readable ELF file. */
int elf_funcs(const char *path, struct elf_func **out);
/* A <sys/sdt.h> probe (.note.stapsdt), its addresses as file offsets. */
struct sdt_note {
	char *provider, *name, *args;	/* args: "-4@%eax 8@-8(%rbp)" */
	uint64_t off, sem_off;		/* sem_off 0: no semaphore */
};

/* path's SDT notes: their number (*out malloc'ed). */
int elf_sdt_notes(const char *path, struct sdt_note **out);
/* The DT_NEEDED names of path: their number (*out malloc'ed). */
int elf_needed(const char *path, char ***out);

#endif
