/* proc.h - the processes of -c and -p: created or grabbed, watched until
 * they exit, as dtrace(1) watches them. */
#ifndef DT_PROC_H
#define DT_PROC_H

#include <sys/types.h>

/* -c CMD: fork a child that waits (before exec) until proc_release_all;
 * the command is split at blanks, as DTrace splits it.  Errors are
 * printed and end dtrace. */
pid_t proc_create(const char *cmd);
/* -p PID: check the process exists.  Errors end dtrace. */
pid_t proc_grab(const char *arg);
int proc_count(void);
/* The program a -c child will exec (a full path), NULL for others. */
const char *proc_exe(pid_t pid);
/* Tracing has begun: let the -c children exec. */
void proc_release_all(void);
/* Reap what exited ("dtrace: pid N has exited" unless quiet); returns
 * how many are still alive. */
int proc_poll(int quiet);
/* At the end: DTrace kills the processes it created. */
void proc_kill_created(void);

#endif
