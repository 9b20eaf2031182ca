/* cpp.c - dtrace -C: run the C preprocessor over a script.
 *
 * As libdtrace's dt_preproc: the script goes to cpp on its standard
 * input, with the macros DTrace predefines first and the command line's
 * -D/-U/-I after them (so -U__linux undoes DTrace's own), and the output,
 * line markers included, is what the lexer reads: "# N" lines keep the
 * line numbers of messages right.  A first line "#!..." is blanked, not
 * removed, since cpp would reject it and the numbering must not move.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "compile.h"
#include "cpp.h"

/* The input file: the script with a #! line blanked, unlinked at once. */
static FILE *cpp_input(const char *text)
{
	FILE *in = tmpfile();
	const char *p = text;

	if (!in)
		return NULL;
	if (p[0] == '#' && p[1] == '!') {
		p = strchr(p, '\n');
		if (!p)
			p = text + strlen(text);
	}
	fputs(p, in);
	if (fflush(in) || fseek(in, 0, SEEK_SET)) {
		fclose(in);
		return NULL;
	}
	return in;
}

/* cpp's argument vector: DTrace's predefined macros, then the user's. */
static char **cpp_argv(const struct options *o, const char *path)
{
	static const char *const predef[] = {
		"-D__linux", "-D__unix", "-D__SVR4", "-D__SUNW_D=1",
		"-D__SUNW_D_VERSION=0x02000000", "-D__SUNW_D_64", "-D__x86_64",
		"-D__amd64",
	};
	size_t n = sizeof(predef) / sizeof(predef[0]);
	char **v = calloc(n + o->ncppargs + 6, sizeof(*v));
	size_t k = 0;

	if (!v)
		return NULL;
	v[k++] = (char *)path;
	/* gcc warns whenever __STDC__ is redefined or undefined, and only -w
	 * silences it */
	v[k++] = "-w";
	for (size_t i = 0; i < n; i++)
		v[k++] = (char *)predef[i];
	switch (o->stdc) {
	case 'c': v[k++] = "-D__STDC__=1"; break;
	case 's': v[k++] = "-U__STDC__"; break;
	default: v[k++] = "-D__STDC__=0"; break;	/* a, t: DTrace's default */
	}
	for (int i = 0; i < o->ncppargs; i++)
		v[k++] = o->cppargs[i];
	if (o->cpphdrs)
		v[k++] = "-H";
	v[k] = NULL;
	return v;
}

/* Everything cpp writes, NUL-terminated. */
static char *read_all(int fd)
{
	size_t len = 0, cap = 8192;
	char *buf = malloc(cap);
	ssize_t n;

	while (buf) {
		if (len + 1 >= cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	if (buf)
		buf[len] = '\0';
	return buf;
}

char *cpp_run(const struct options *o, const char *text, struct diag *d)
{
	const char *path = o->cpppath ? o->cpppath : "cpp";
	FILE *in = cpp_input(text);
	char **argv = cpp_argv(o, path);
	int out[2], status;
	pid_t pid;

	if (!in || !argv || pipe(out))
		diag_error(d, 0, NULL, "failed to run the preprocessor: %s",
			   strerror(errno));
	fflush(NULL);
	if ((pid = fork()) < 0)
		diag_error(d, 0, NULL, "failed to run the preprocessor: %s",
			   strerror(errno));
	if (pid == 0) {
		dup2(fileno(in), 0);
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		execvp(path, argv);
		fprintf(stderr, "dtrace: failed to run %s: %s\n", path,
			strerror(errno));
		_exit(127);
	}
	close(out[1]);
	fclose(in);
	free(argv);
	char *res = read_all(out[0]);
	close(out[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		diag_error(d, 0, NULL, "Failed to exec preprocessor (%s: "
			   "-C needs a C preprocessor in PATH, e.g. Debian's "
			   "cpp package)", path);
	if (!res || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		diag_error(d, 0, NULL, "Preprocessor failed to process input "
			   "program");
	return res;
}
