/* proc.c - -c and -p processes.
 *
 * A -c child is forked before compiling ($target is its pid) and blocks
 * on a pipe until tracing has begun, so its first system calls are seen;
 * only then does it exec.  If dtrace dies first the pipe closes and the
 * child quits without running the command.  A -p process is not ours:
 * it is only watched with kill(pid, 0).
 */
#define _GNU_SOURCE		/* sigabbrev_np */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "proc.h"

#define MAXPROC 16

static struct proc {
	pid_t pid;
	int created, live, go_fd;
	char *exe;			/* -c: the program it will exec */
} procs[MAXPROC];
static int nprocs;

static struct proc *proc_new(void)
{
	if (nprocs == MAXPROC) {
		fprintf(stderr, "dtrace: too many -c and -p processes\n");
		exit(1);
	}
	return &procs[nprocs++];
}

/* The command's words, split at blanks (no shell quoting, as DTrace). */
static char **split_words(const char *cmd)
{
	char *s = strdup(cmd), **v = calloc(strlen(cmd) / 2 + 2, sizeof(*v));
	int n = 0;

	if (!s || !v)
		exit(1);
	for (char *w = strtok(s, " \t\n"); w; w = strtok(NULL, " \t\n"))
		v[n++] = w;
	v[n] = NULL;
	return v;
}

/* execvp's search, done before forking so that a missing command is an
 * error before tracing starts. */
static char found[4096];		/* where findable found it */

static int findable(const char *file)
{
	const char *path = getenv("PATH");
	char buf[4096];

	snprintf(found, sizeof(found), "%s", file);
	if (strchr(file, '/'))
		return access(file, X_OK);
	for (const char *p = path ? path : "/usr/bin:/bin"; p; ) {
		const char *colon = strchr(p, ':');
		int len = colon ? (int)(colon - p) : (int)strlen(p);
		struct stat st;
		snprintf(buf, sizeof(buf), "%.*s/%s", len, len ? p : ".", file);
		if (!stat(buf, &st) && S_ISREG(st.st_mode) && !access(buf, X_OK)) {
			snprintf(found, sizeof(found), "%s", buf);
			return 0;
		}
		p = colon ? colon + 1 : NULL;
	}
	errno = ENOENT;
	return -1;
}

static void child(char **argv, int go_fd)
{
	char c = 0;
	ssize_t n;

	while ((n = read(go_fd, &c, 1)) < 0 && errno == EINTR)
		;
	if (n != 1 || c != 'g')
		_exit(1);		/* dtrace went away: do not run */
	close(go_fd);
	execvp(argv[0], argv);
	fprintf(stderr, "dtrace: failed to execute %s: %s\n", argv[0],
		strerror(errno));
	_exit(127);
}

pid_t proc_create(const char *cmd)
{
	char **argv = split_words(cmd);
	struct proc *p;
	int go[2];

	if (!argv[0] || findable(argv[0])) {
		fprintf(stderr, "dtrace: failed to execute %s: %s\n",
			argv[0] ? argv[0] : cmd, strerror(argv[0] ? errno : ENOENT));
		exit(1);
	}
	if (pipe(go)) {
		fprintf(stderr, "dtrace: failed to execute %s: %s\n", argv[0],
			strerror(errno));
		exit(1);
	}
	fflush(NULL);
	p = proc_new();
	p->pid = fork();
	if (p->pid < 0) {
		fprintf(stderr, "dtrace: failed to execute %s: %s\n", argv[0],
			strerror(errno));
		exit(1);
	}
	if (p->pid == 0) {
		close(go[1]);
		child(argv, go[0]);
	}
	close(go[0]);
	p->go_fd = go[1];
	p->created = p->live = 1;
	p->exe = realpath(found, NULL);
	free(argv[0]);
	free(argv);
	return p->pid;
}

const char *proc_exe(pid_t pid)
{
	for (int i = 0; i < nprocs; i++)
		if (procs[i].pid == pid && procs[i].created)
			return procs[i].exe;
	return NULL;
}

pid_t proc_grab(const char *arg)
{
	char *end;
	long pid = strtol(arg, &end, 10);
	struct proc *p;

	if (*end || pid <= 0) {
		fprintf(stderr, "dtrace: invalid process ID: %s\n", arg);
		exit(1);
	}
	if (kill(pid, 0) && errno == ESRCH) {
		fprintf(stderr, "dtrace: failed to grab pid %ld: %s\n", pid,
			strerror(ESRCH));
		exit(1);
	}
	p = proc_new();
	p->pid = pid;
	p->live = 1;
	p->go_fd = -1;
	return p->pid;
}

int proc_count(void)
{
	return nprocs;
}

void proc_release_all(void)
{
	for (int i = 0; i < nprocs; i++)
		if (procs[i].go_fd >= 0) {
			if (write(procs[i].go_fd, "g", 1) < 0)
				perror("dtrace: write");
			close(procs[i].go_fd);
			procs[i].go_fd = -1;
		}
}

static void notice_exit(const struct proc *p, int status, int quiet)
{
	if (quiet)
		return;
	if (p->created && WIFEXITED(status) && WEXITSTATUS(status))
		fprintf(stderr, "dtrace: pid %d exited with status %d\n",
			(int)p->pid, WEXITSTATUS(status));
	else if (p->created && WIFSIGNALED(status))
		fprintf(stderr, "dtrace: pid %d terminated by SIG%s\n",
			(int)p->pid, sigabbrev_np(WTERMSIG(status)));
	else
		fprintf(stderr, "dtrace: pid %d has exited\n", (int)p->pid);
}

int proc_poll(int quiet)
{
	int alive = 0, status = 0;

	for (int i = 0; i < nprocs; i++) {
		struct proc *p = &procs[i];
		if (!p->live)
			continue;
		if (p->created ? waitpid(p->pid, &status, WNOHANG) == p->pid :
		    kill(p->pid, 0) && errno == ESRCH) {
			p->live = 0;
			notice_exit(p, status, quiet);
		} else {
			alive++;
		}
	}
	return alive;
}

void proc_kill_created(void)
{
	for (int i = 0; i < nprocs; i++)
		if (procs[i].created && procs[i].live) {
			kill(procs[i].pid, SIGKILL);
			waitpid(procs[i].pid, NULL, 0);
			procs[i].live = 0;
		}
}
