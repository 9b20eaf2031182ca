/* options.c - DTrace's options: -x NAME[=VAL] and #pragma D option.
 *
 * The names and the value syntax are libdtrace's (dt_options.c): a script
 * written for DTrace sets aggsize, dynvarsize, bufpolicy... and must not
 * fail here because this implementation sizes its maps differently, so
 * such options are checked as DTrace checks them and then ignored.  Names
 * DTrace does not have are refused, as DTrace refuses them.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "compile.h"
#include "util.h"

enum {
	OK, E_NAME, E_VAL, E_CTX, E_STRSIZE,
};

struct optdesc;
typedef int (*opt_fn)(struct options *o, const struct optdesc *d,
		      const char *val);

struct optdesc {
	const char *name;
	opt_fn set;
	long off;		/* int field of struct options, or -1 */
	const char *arg;	/* handler's own: "-D", the allowed words */
	int noprog;		/* refused in #pragma (DTrace's EDT_BADOPTCTX) */
};

#define F(field)	offsetof(struct options, field)
#define NONE		(-1L)

static void set_field(struct options *o, const struct optdesc *d, int v)
{
	if (d->off >= 0)
		*(int *)((char *)o + d->off) = v;
}

/* dt_opt_cflags: a compiler flag takes no value. */
static int opt_flag(struct options *o, const struct optdesc *d,
		    const char *val)
{
	if (val)
		return E_VAL;
	set_field(o, d, 1);
	return OK;
}

static int parse_uint(const char *val, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(val, &end, 0);
	return *val && !*end && !errno && *val != '-' ? 0 : -1;
}

/* dt_opt_runtime: set by naming it, an optional number for the value
 * (DTrace treats quiet=0 as set too, so a flag becomes 1 either way). */
static int opt_runtime(struct options *o, const struct optdesc *d,
		       const char *val)
{
	unsigned long long v = 1;

	if (val && !strcmp(val, "false")) {	/* setopt(name, "false") */
		set_field(o, d, 0);
		return OK;
	}
	if (val && parse_uint(val, &v))
		return E_VAL;
	set_field(o, d, d->arg ? (int)v : 1);	/* arg "v": keep the value */
	return OK;
}

/* dt_opt_size: a number with an optional k/m/g/t suffix. */
static int parse_size(const char *val, uint64_t *out)
{
	char *end;
	uint64_t mul = 1, v;

	if (!val || !*val || *val == '-')
		return -1;
	errno = 0;
	v = strtoull(val, &end, 0);
	switch (*end) {
	case 't': case 'T': mul *= 1024; /* fall through */
	case 'g': case 'G': mul *= 1024; /* fall through */
	case 'm': case 'M': mul *= 1024; /* fall through */
	case 'k': case 'K': mul *= 1024; end++; break;
	}
	if (*end || errno || end == val || (mul > 1 && v > UINT64_MAX / mul))
		return -1;
	*out = v * mul;
	return 0;
}

static int opt_size(struct options *o, const struct optdesc *d,
		    const char *val)
{
	uint64_t v;

	if (parse_size(val, &v))
		return E_VAL;
	if (!strcmp(d->name, "bufsize"))
		o->bufsize = v;
	else if (!strcmp(d->name, "aggsize"))
		o->aggsize = v;
	else if (!strcmp(d->name, "dynvarsize"))
		o->dynvarsize = v;
	else if (!strcmp(d->name, "specsize"))
		o->specsize = v;
	else if (!strcmp(d->name, "scratchsize"))
		o->scratchsize = v;
	return OK;
}

/* Every string buffer, record slot and key is strsize bytes (compile.h);
 * the scratch space bounds it. */
static int opt_strsize(struct options *o, const struct optdesc *d,
		       const char *val)
{
	uint64_t v;

	(void)o, (void)d;
	if (parse_size(val, &v))
		return E_VAL;
	if (v < 2 || v > STRSIZE_MAX)
		return E_STRSIZE;
	dt_strsize = (uint32_t)v;
	return OK;
}

/* dt_opt_rate: a time with a unit, or a frequency; a bare number is a
 * frequency in hz, as in DTrace. */
static int parse_rate(const char *val, uint64_t *ns)
{
	char *end;
	uint64_t v, mul;

	if (!val || !isdigit((unsigned char)*val))
		return -1;
	errno = 0;
	v = strtoull(val, &end, 0);
	if (errno)
		return -1;
	if (!*end || !strcasecmp(end, "hz")) {
		*ns = v ? 1000000000ULL / v : 0;
		return 0;
	}
	if (!(mul = time_unit_ns(end)))
		return -1;
	*ns = v * mul;
	return 0;
}

static int opt_rate(struct options *o, const struct optdesc *d,
		    const char *val)
{
	uint64_t ns;

	if (parse_rate(val, &ns))
		return E_VAL;
	if (!strcmp(d->name, "switchrate"))
		o->switchrate_ns = ns;
	else if (!strcmp(d->name, "statusrate"))
		o->statusrate_ns = ns;
	return OK;
}

/* An option whose value is a word from d->arg ("fill|switch|ring"). */
static int opt_word(struct options *o, const struct optdesc *d,
		    const char *val)
{
	size_t n = val ? strlen(val) : 0;

	for (const char *w = d->arg; n && w && *w; ) {
		const char *bar = strchr(w, '|');
		size_t len = bar ? (size_t)(bar - w) : strlen(w);
		if (len == n && !strncmp(w, val, n)) {
			if (d->off >= 0)
				*(char *)((char *)o + d->off) = *val;
			return OK;
		}
		w = bar ? bar + 1 : NULL;
	}
	return E_VAL;
}

/* A value that must be present; what it names is not used here. */
static int opt_string(struct options *o, const struct optdesc *d,
		      const char *val)
{
	if (!val || !*val)
		return E_VAL;
	if (!strcmp(d->name, "cpppath"))
		o->cpppath = strdup(val);
	return OK;
}

/* fbt's mechanism, auto|fentry|kprobe: prov_fbt.c reads it from the
 * environment, where DTRACE_FBTMODE may also set it. */
static int opt_fbtmode(struct options *o, const struct optdesc *d,
		       const char *val)
{
	int r = opt_word(o, d, val);

	if (r == OK)
		setenv("DTRACE_FBTMODE", val, 1);
	return r;
}

/* An integer register count (dt_opt_iregs/tregs): BPF leaves at most 8
 * registers for the code generator's values. */
static int opt_regs(struct options *o, const struct optdesc *d,
		    const char *val)
{
	unsigned long long v;

	(void)o, (void)d;
	if (!val || parse_uint(val, &v) || v < 1 || v > 8)
		return E_VAL;
	return OK;
}

/* -D/-U/-I and -xdefine/undef/incdir: words for the preprocessor. */
static int opt_cpparg(struct options *o, const struct optdesc *d,
		      const char *val)
{
	if (!val || !*val)
		return E_VAL;
	size_t len = strlen(d->arg) + strlen(val) + 1;
	char *w = malloc(len);
	char **v = realloc(o->cppargs, (o->ncppargs + 1) * sizeof(*v));
	if (!w || !v) {
		fprintf(stderr, "dtrace: out of memory\n");
		exit(1);
	}
	snprintf(w, len, "%s%s", d->arg, val);
	o->cppargs = v;
	o->cppargs[o->ncppargs++] = w;
	return OK;
}

/* -xversion: a D version no later than ours ("1.0" ... "2.0"). */
static int opt_version(struct options *o, const struct optdesc *d,
		       const char *val)
{
	unsigned maj, min = 0, mic = 0;
	int n = 0;

	(void)o, (void)d;
	if (!val || sscanf(val, "%u%n.%u%n.%u%n", &maj, &n, &min, &n, &mic,
			   &n) < 1 || val[n])
		return E_VAL;
	if (maj < 1 || maj > 2 || (maj == 2 && (min || mic)))
		return E_VAL;
	return OK;
}

static const struct optdesc table[] = {
	/* what this implementation does */
	{ "quiet", opt_runtime, F(quiet), NULL, 0 },
	{ "flowindent", opt_runtime, F(flowindent), NULL, 0 },
	{ "destructive", opt_runtime, F(destructive), NULL, 0 },
	{ "rawbytes", opt_runtime, F(rawbytes), NULL, 0 },
	{ "cpu", opt_runtime, F(cpu), "v", 0 },
	{ "zdefs", opt_flag, F(zdefs), NULL, 0 },
	{ "errtags", opt_flag, F(errtags), NULL, 0 },
	{ "droptags", opt_flag, F(droptags), NULL, 0 },
	{ "verbose", opt_flag, F(verbose), NULL, 0 },
	{ "bpflog", opt_flag, F(bpflog), NULL, 0 },
	{ "defaultargs", opt_flag, F(defaultargs), NULL, 0 },
	{ "argref", opt_flag, F(argref), NULL, 0 },
	{ "empty", opt_flag, F(empty), NULL, 0 },
	{ "cpp", opt_flag, F(cpp), NULL, 0 },
	{ "cpphdrs", opt_flag, F(cpphdrs), NULL, 1 },
	{ "bufsize", opt_size, NONE, NULL, 0 },
	{ "switchrate", opt_rate, NONE, NULL, 0 },
	{ "statusrate", opt_rate, NONE, NULL, 0 },
	{ "bufpolicy", opt_word, F(bufpolicy), "fill|switch|ring", 0 },
	{ "strsize", opt_strsize, NONE, NULL, 0 },
	{ "stdc", opt_word, F(stdc), "a|c|s|t", 1 },
	{ "define", opt_cpparg, NONE, "-D", 1 },
	{ "undef", opt_cpparg, NONE, "-U", 1 },
	{ "incdir", opt_cpparg, NONE, "-I", 1 },
	{ "cpppath", opt_string, NONE, NULL, 1 },
	{ "version", opt_version, NONE, NULL, 0 },
	{ "fbtmode", opt_fbtmode, NONE, "auto|fentry|kprobe", 0 },
	{ "scratchsize", opt_size, NONE, NULL, 0 },	/* alloca()'s */
	/* DTrace's, checked and ignored: they size or tune buffers, rates
	 * and features whose BPF counterparts need no setting (yet) */
	{ "aggsize", opt_size, NONE, NULL, 0 },
	{ "dynvarsize", opt_size, NONE, NULL, 0 },
	{ "specsize", opt_size, NONE, NULL, 0 },
	{ "jstackstrsize", opt_size, NONE, NULL, 0 },
	{ "lockmem", opt_size, NONE, NULL, 0 },
	{ "pcapsize", opt_size, NONE, NULL, 0 },
	{ "bpflogsize", opt_size, NONE, NULL, 0 },
	{ "preallocate", opt_size, NONE, NULL, 0 },
	{ "aggrate", opt_rate, NONE, NULL, 0 },
	{ "cleanrate", opt_rate, NONE, NULL, 0 },
	{ "nspec", opt_runtime, F(nspec), "v", 0 },
	{ "stackframes", opt_runtime, F(stackframes), "v", 0 },
	{ "ustackframes", opt_runtime, F(ustackframes), "v", 0 },
	{ "noresolve", opt_runtime, F(noresolve), NULL, 0 },
	{ "jstackframes", opt_runtime, F(jstackframes), "v", 0 },
	{ "maxframes", opt_runtime, NONE, NULL, 0 },
	{ "stackindent", opt_runtime, F(stackindent), "v", 0 },
	{ "aggsortkeypos", opt_runtime, F(aggsortkeypos), "v", 0 },
	{ "aggsortpos", opt_runtime, F(aggsortpos), "v", 0 },
	{ "aggsortkey", opt_runtime, F(aggsortkey), NULL, 0 },
	{ "aggsortrev", opt_runtime, F(aggsortrev), NULL, 0 },
	{ "agghist", opt_runtime, NONE, NULL, 0 },
	{ "aggpack", opt_runtime, NONE, NULL, 0 },
	{ "aggzoom", opt_runtime, NONE, NULL, 0 },
	{ "aggpercpu", opt_flag, F(aggpercpu), NULL, 0 },
	{ "grabanon", opt_runtime, NONE, NULL, 0 },
	{ "temporal", opt_runtime, NONE, NULL, 0 },
	{ "bufresize", opt_word, NONE, "auto|manual", 0 },
	{ "evaltime", opt_word, NONE, "exec|preinit|postinit|main", 0 },
	{ "linkmode", opt_word, NONE, "kernel|static|dynamic", 0 },
	{ "linktype", opt_word, NONE, "elf|dof", 0 },
	{ "late", opt_word, NONE, "dynamic|static", 0 },
	{ "iregs", opt_regs, NONE, NULL, 0 },
	{ "tregs", opt_regs, NONE, NULL, 0 },
	{ "tree", opt_runtime, NONE, NULL, 0 },
	{ "disasm", opt_runtime, NONE, NULL, 0 },
	{ "pgmax", opt_runtime, NONE, NULL, 0 },
	{ "amin", opt_string, NONE, NULL, 0 },
	{ "ldpath", opt_string, NONE, NULL, 1 },
	{ "libdir", opt_string, NONE, NULL, 1 },
	{ "syslibdir", opt_string, NONE, NULL, 1 },
	{ "modpath", opt_string, NONE, NULL, 1 },
	{ "ctypes", opt_string, NONE, NULL, 1 },
	{ "dtypes", opt_string, NONE, NULL, 1 },
	{ "core", opt_flag, NONE, NULL, 1 },
	{ "debug", opt_flag, NONE, NULL, 0 },
	{ "knodefs", opt_flag, NONE, NULL, 0 },
	{ "kdefs", opt_flag, NONE, NULL, 0 },
	{ "unodefs", opt_flag, NONE, NULL, 0 },
	{ "udefs", opt_flag, NONE, NULL, 0 },
	{ "nolibs", opt_flag, NONE, NULL, 0 },
	{ "strip", opt_flag, NONE, NULL, 0 },
	{ "lazyload", opt_flag, NONE, NULL, 0 },
	{ "pspec", opt_flag, NONE, NULL, 0 },
};

int options_set(struct options *o, const char *name, const char *val,
		char *err, size_t errlen)
{
	static const char *const msg[] = {
		[E_NAME] = "Invalid option name",
		[E_VAL] = "Invalid value for specified option",
		[E_CTX] = "Option cannot be used from within a D program",
		[E_STRSIZE] = "Invalid value for specified option "
			      "(strsize is 2 to 4096 bytes here)",
	};
	int r = E_NAME;

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].name, name))
			continue;
		r = o->in_program && table[i].noprog ? E_CTX :
			table[i].set(o, &table[i], val);
		break;
	}
	if (r == OK)
		return 0;
	if (err && errlen)
		snprintf(err, errlen, "%s", msg[r]);
	return -1;
}
