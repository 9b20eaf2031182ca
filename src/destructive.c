/* destructive.c - the destructive actions the consumer carries out once
 * their record is consumed: system() runs its text as a shell command
 * after what was printed before it, freopen() sends the output to a file
 * (freopen("") back to where it went), ftruncate() empties the output
 * file.  Their text is made as printf's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "compile.h"

static char *format(const struct action *act, const struct fmt_arg *args,
		    int nargs)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (!fp)
		return NULL;
	fmt_print(fp, act->fmt, args, nargs, NULL);
	fclose(fp);
	return text;
}

static void do_freopen(struct dprog *dp, const char *path)
{
	FILE *fp;

	if (!dp->out_orig)
		dp->out_orig = dp->opt->out;
	fflush(dp->opt->out);
	if (!*path) {
		if (dp->opt->out != dp->out_orig)
			fclose(dp->opt->out);
		dp->opt->out = dp->out_orig;
		return;
	}
	if (!(fp = fopen(path, "a"))) {
		fprintf(stderr, "dtrace: failed to freopen to %s: %m\n", path);
		return;
	}
	if (dp->opt->out != dp->out_orig)
		fclose(dp->opt->out);
	dp->opt->out = fp;
}

void dest_action(struct dprog *dp, const struct action *act,
		 const struct fmt_arg *args, int nargs)
{
	char *text;

	if (act->kind == ACT_FTRUNCATE) {
		fflush(dp->opt->out);
		if (ftruncate(fileno(dp->opt->out), 0) == 0)
			rewind(dp->opt->out);
		return;
	}
	if (!act->fmt || !(text = format(act, args, nargs)))
		return;
	if (act->kind == ACT_FREOPEN) {
		do_freopen(dp, text);
	} else {
		fflush(dp->opt->out);
		fflush(stdout);
		if (system(text) == -1)
			fprintf(stderr, "dtrace: system(\"%s\") failed: %m\n",
				text);
	}
	free(text);
}
