/* uprobe.h - a process's modules and uprobes, for the pid and usdt
 * providers. */
#ifndef DT_UPROBE_H
#define DT_UPROBE_H

#include <stdint.h>
#include "elfsym.h"

struct attach;

#define UPROBE_PMU "/sys/bus/event_source/devices/uprobe"

struct umodule {
	char *path, *name;		/* name: the path's base name */
	struct elf_func *funcs;
	int nfuncs;
};

/* pid's modules, read once: their number in *n. */
struct umodule *uprobe_modules(int pid, int *n);
int uprobe_pmu_type(void);		/* or -1: no uprobes */
/* A uprobe (ret: uretprobe) at file offset off of path for process pid,
 * running prog_fd; refctr: a semaphore's file offset, or 0. */
int uprobe_attach(const char *path, uint64_t off, int ret, uint64_t refctr,
		  int pid, int prog_fd, struct attach *a);

/* --check for a uprobe provider: 1 and why = how, or 0 and the reason. */
int uprobe_check(char *why, size_t len, const char *how);

#endif
