/* usage.c - the usage text, laid out as DTrace lays it out.
 *
 * The synopsis and the option lines follow illumos/Oracle dtrace(1) word for
 * word, minus the options this dtrace does not have (-32/-64, -a, -A, -B, -E,
 * -L, -S, -X: anonymous tracing, DIF listing and ISO C modes do not apply to
 * a BPF implementation).
 */
#include <string.h>
#include "usage.h"

void usage(FILE *fp, const char *argv0)
{
	static const char predact[] = "[[ predicate ] action ]";
	const char *pname = "dtrace";

	if (argv0 && *argv0) {
		const char *slash = strrchr(argv0, '/');
		pname = slash ? slash + 1 : argv0;
	}

	fprintf(fp, "Usage: %s [-CeFGhHlqvVwZ] "
		"[-b bufsz] [-c cmd] [-D name[=def]]\n\t[-I path] "
		"[-o output] [-p pid] [-s script] [-U name]\n\t"
		"[-x opt[=val]]\n\n"
		"\t[-P provider %s]\n"
		"\t[-m [ provider: ] module %s]\n"
		"\t[-f [[ provider: ] module: ] func %s]\n"
		"\t[-n [[[ provider: ] module: ] func: ] name %s]\n"
		"\t[-i probe-id %s] [ args ... ]\n\n", pname,
		predact, predact, predact, predact, predact);

	fprintf(fp, "\tpredicate -> '/' D-expression '/'\n");
	fprintf(fp, "\t   action -> '{' D-statements '}'\n");

	fprintf(fp, "\n"
		"\t-b  set trace buffer size\n"
		"\t-c  run specified command and exit upon its completion\n"
		"\t-C  run cpp(1) preprocessor on script files\n"
		"\t-D  define symbol when invoking preprocessor\n"
		"\t-e  exit after compiling request but prior to enabling probes\n"
		"\t-f  enable or list probes matching the specified function name\n"
		"\t-F  coalesce trace output by function\n"
		"\t-G  generate an ELF file containing embedded dtrace program\n"
		"\t-h  generate a header file with definitions for static probes\n"
		"\t-H  print included files when invoking preprocessor\n"
		"\t-i  enable or list probes matching the specified probe id\n"
		"\t-I  add include directory to preprocessor search path\n"
		"\t-l  list probes matching specified criteria\n"
		"\t-m  enable or list probes matching the specified module name\n"
		"\t-n  enable or list probes matching the specified probe name\n"
		"\t-o  set output file\n"
		"\t-p  grab specified process-ID and cache its symbol tables\n"
		"\t-P  enable or list probes matching the specified provider name\n"
		"\t-q  set quiet mode (only output explicitly traced data)\n"
		"\t-s  enable or list probes according to the specified D script\n"
		"\t-U  undefine symbol when invoking preprocessor\n"
		"\t-v  set verbose mode (report stability attributes, arguments)\n"
		"\t-V  report DTrace API version\n"
		"\t-w  permit destructive actions\n"
		"\t-x  enable or modify compiler and tracing options\n"
		"\t-Z  permit probe descriptions that match zero probes\n");
}

const char *dtrace_version(void)
{
	return "dtrace: " DT_VERS_STRING;
}
