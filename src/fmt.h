/* fmt.h - DTrace's printf engine and trace() output, in user space.
 *
 * The layout rules are those of libdtrace (dt_printf.c, dt_consume.c) as
 * shipped by Oracle's DTrace for Linux, which the conformance .r files were
 * made with.  Nothing here touches BPF: the compiler parses and checks a
 * format once (fmt_parse, fmt_validate), the consumer decodes a record into
 * struct fmt_arg values and calls fmt_print / fmt_printa.
 *
 * Integer semantics (as libdtrace): a conversion of a D type narrower than
 * 64 bits prints the low 32 bits of the recorded 64-bit value, as int for a
 * signed conversion (%d/%i of a signed type, %c, %hd, %ld...) and as
 * unsigned int otherwise; a 64-bit type prints all 64 bits ("ll" is added).
 * So %x of int -1 is ffffffff, %u of int -1 is 4294967295, %d of a uint8_t
 * is printed as %u.  ival is the value as the probe recorded it: a consumer
 * that reads a narrow record must sign-extend signed types itself, as a
 * BPF load would.
 *
 * Messages (fmt_parse, fmt_validate) are DTrace's words without the
 * trailing newline.
 */
#ifndef DT_FMT_H
#define DT_FMT_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

struct agg_value;			/* aggfmt.h */

enum fmt_type {
	FT_INT,			/* signed integer (or enum) */
	FT_UINT,		/* unsigned integer */
	FT_PTR,			/* pointer */
	FT_STR,			/* D string */
	FT_CHAR_ARRAY,		/* char [N] */
	FT_STACK,		/* stack() */
	FT_USTACK,		/* ustack(), jstack() */
	FT_SYM,			/* _symaddr: sym(), func(), &`sym */
	FT_OTHER,		/* void, struct, ... (accepted by nothing) */
	FT_USYM,		/* _usymaddr: usym(), ufunc() */
	FT_MOD,			/* mod(): the kernel module */
	FT_UMOD,		/* umod(): the object's file name */
	FT_UADDR,		/* uaddr(): usym() with the offset */
	FT_FLOAT,		/* float/double: ival holds the IEEE bits */
	FT_AGG,			/* an aggregation (only as a printf argument) */
	FT_WCHAR_ARRAY,		/* wchar_t [N], for %ls / %ws */
};

/* Kernel addresses printed as symbols or modules; user addresses, which
 * carry their pid. */
static inline int ft_is_ksym(enum fmt_type t)
{
	return t == FT_SYM || t == FT_MOD;
}

static inline int ft_is_usym(enum fmt_type t)
{
	return t == FT_USYM || t == FT_UMOD || t == FT_UADDR;
}

/* One argument value, in the order the conversions consume them. */
struct fmt_arg {
	enum fmt_type type;
	uint64_t ival;		/* integers, pointers, symbols, float bits */
	int size;		/* bytes of the D type: 1, 2, 4, 8 */
	const char *str;	/* strings: at most len bytes, stop at NUL; */
	size_t len;		/* stacks, other: the raw record bytes */
	uint64_t pid;		/* ft_is_usym, FT_USTACK: the process */
	const struct agg_value *agg;	/* a %@ value (fmt_printa sets it) */
};

struct fmt_env {
	/* %a: "vmlinux`func+0x1c", or NULL for the fallback "0x%llx". */
	const char *(*ksym)(void *arg, uint64_t addr, char *buf, size_t len);
	/* %A, usym(): "libc.so.6`read+0x10", or NULL for "0x%llx". */
	const char *(*usym)(void *arg, uint64_t pid, uint64_t addr,
			    char *buf, size_t len);
	/*
	 * %k and stack keys: print "\n", then each frame as indent spaces,
	 * the frame text through framefmt ("%s", "%60s"...) and "\n", as
	 * dt_print_stack does.  indent < 0 means "the stackindent option"
	 * (default 14), which is what trace() and default printa use.
	 */
	void (*stack)(void *arg, FILE *fp, const struct fmt_arg *a,
		      const char *framefmt, int indent);
	void *arg;
};

struct fmt;

/* Parse a format: NULL and "format conversion #1 is undefined: %z". */
struct fmt *fmt_parse(const char *text, char *err, size_t errlen);
void fmt_free(struct fmt *f);

/* Argument values consumed, '*' widths/precisions included, %@ and %%
 * excluded (for printa, the number of key values used). */
int fmt_nargs(const struct fmt *f);
int fmt_nconvs(const struct fmt *f);	/* conversions, %% included */
int fmt_has_aggconv(const struct fmt *f);	/* any %@ */
const char *fmt_text(const struct fmt *f);

/* --- compile-time checking (dt_printf_validate) --- */

struct fmt_argdesc {
	enum fmt_type type;
	int size;		/* bytes; 0 = unknown, skip size checks */
	const char *name;	/* D type name for messages, or NULL */
};

enum fmt_err {
	FMT_OK,
	FMT_E_FMT_EMPTY,	/* D_PRINTF_FMT_EMPTY */
	FMT_E_DYN_PROTO,	/* D_PRINTF_DYN_PROTO */
	FMT_E_DYN_TYPE,		/* D_PRINTF_DYN_TYPE */
	FMT_E_AGG_CONV,		/* D_PRINTF_AGG_CONV */
	FMT_E_ARG_PROTO,	/* D_PRINTF_ARG_PROTO */
	FMT_E_ARG_TYPE,		/* D_PRINTF_ARG_TYPE */
	FMT_E_ARG_EXTRA,	/* D_PRINTF_ARG_EXTRA */
};

#define FMT_V_AGGREGATION	0x1	/* printa(): %@ allowed */
#define FMT_V_EXACTLEN		0x2	/* printf() & co: no extra args */
#define FMT_V_TARGET		0x4	/* -p/-c given: %A takes integers */
#define FMT_V_AGG_COUNT		0x8	/* the %@ value is count()'s uint64 */

/*
 * Check args[0..nargs) (the arguments after the format) against f, as
 * dt_printf_validate: func names the action in messages ("printf"), foff
 * is the number of arguments before them (1 for printf's format string).
 * Returns FMT_OK or the error, with DTrace's message in msg.
 */
enum fmt_err fmt_validate(const struct fmt *f, const char *func, int foff,
			  const struct fmt_argdesc *args, int nargs,
			  unsigned flags, char *msg, size_t msglen);
const char *fmt_errtag(enum fmt_err e);		/* "D_PRINTF_ARG_TYPE" */

/* Check one value argument i (0-based, consumption order) of printf:
 * 0, or -1 and the D_PRINTF_ARG_TYPE / D_PRINTF_DYN_TYPE message. */
int fmt_check_arg(const struct fmt *f, int i, enum fmt_type t,
		  char *msg, size_t msglen);
int fmt_check_argdesc(const struct fmt *f, int i, const struct fmt_argdesc *d,
		      char *msg, size_t msglen);

/* --- output --- */

/* printf(): returns 0, or -1 when the arguments run out (DTrace stops
 * there with EDT_DMISMATCH). */
int fmt_print(FILE *fp, const struct fmt *f, const struct fmt_arg *args,
	      int nargs, const struct fmt_env *env);
/* printa() with a format: keys feed the ordinary conversions, each %@
 * takes the next of aggs[0..naggs) and repeats the last one after that. */
int fmt_printa(FILE *fp, const struct fmt *f, const struct fmt_arg *keys,
	       int nkeys, const struct agg_value *const *aggs, int naggs,
	       const struct fmt_env *env);

/* trace() of an integer: " %19ld", " %10d"... or bare when quiet. */
void fmt_trace_int(FILE *fp, uint64_t v, int size, int is_signed, int quiet);
/* trace() of a string: "  %-33s", or "%s" when quiet. */
void fmt_trace_str(FILE *fp, const char *s, size_t maxlen, int quiet);
/* trace() of a struct/union/array (and -xrawbytes): the hex dump. */
void fmt_trace_bytes(FILE *fp, const void *p, size_t len, int quiet);
/* tracemem(): the hex dump. */
void fmt_tracemem(FILE *fp, const void *p, size_t len);
/* dt_print_bytes: a printable NUL-padded run prints as "  %-*s" (quiet:
 * "%s"), anything else as the hex dump.  Aggregation keys use width 50. */
void fmt_print_bytes(FILE *fp, const void *p, size_t len, int width,
		     int quiet);
/* %S: C escapes (\n, \0, \ooo); stops after the first NUL.  malloc'd. */
char *fmt_escape(const char *s, size_t n);
/* %Y: "2024 Jan  5 13:04:01" (local time) for a ns timestamp. */
void fmt_time_Y(uint64_t ns, char *buf, size_t len);

#endif
