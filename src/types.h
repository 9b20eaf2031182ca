/* types.h - D's types: integers, pointers, arrays, structs, strings.
 *
 * Kernel types come from vmlinux BTF, converted lazily when a script names
 * them; D's own types (string, the builtin integer typedefs, types the
 * script declares) live in the same representation, so the checker and code
 * generation never care where a type came from.
 */
#ifndef DT_TYPES_H
#define DT_TYPES_H

#include <stdint.h>
#include <stddef.h>

struct btf;
struct tyname;
struct diag;

enum dkind_t {
	DT_VOID, DT_INT, DT_PTR, DT_ARRAY, DT_STRUCT, DT_UNION, DT_ENUM,
	DT_STRING, DT_FUNC, DT_FLOAT,
	DT_STACK,	/* stack(), ustack() (is_user): nelem frames */
};

struct dmember {
	char *name;
	struct dtype *type;
	uint32_t offset;		/* bytes */
	uint8_t bit_off, bits;		/* bit-fields: bits != 0 */
	struct dmember *next;
};

struct dtype {
	enum dkind_t kind;
	const char *name;		/* as D prints it: "int", "struct file *" */
	uint32_t size;
	unsigned is_signed:1, is_user:1, is_const:1, complete:1;
	struct dtype *ref;		/* pointee, array element, function return */
	long nelem;			/* arrays */
	struct dmember *members;	/* struct/union, converted on first use */
	const struct btf *btf;		/* where a kernel type came from */
	int btf_id;
	struct dtype *ptr_to;		/* cache of the pointer type to this */
};

/* The fixed types every module uses. */
extern struct dtype t_void, t_char, t_uchar, t_short, t_ushort, t_int,
	t_uint, t_long, t_ulong, t_llong, t_ullong, t_string;
extern struct dtype *t_voidp, *t_charp;	/* set by types_init */
/* sym()/func(), mod(), usym()/ufunc(), umod(), uaddr() results: printed
 * as symbols, modules, or symbols with offsets */
extern struct dtype t_symaddr, t_modaddr, t_usymaddr, t_umodaddr, t_uaddr;
/* Whether t is a user address kept with its pid (16 bytes recorded). */
int type_is_usym(const struct dtype *t);
/* stack(nframes), ustack(nframes) (user) values */
struct dtype *type_stack(int user, int nframes);

void types_init(void);
struct dtype *type_ptr(struct dtype *t);
struct dtype *type_array(struct dtype *t, long n);
struct dtype *type_int(int size, int is_signed);
struct dtype *type_resolve(const struct dtype *t);	/* D typedef chain */

/* Named types: D builtins, script typedefs, then kernel BTF. */
struct dtype *types_lookup_typedef(const char *scope, const char *name);
struct dtype *types_lookup_tag(const char *scope, int kind, const char *tag);
void types_define_typedef(const char *name, struct dtype *t);
void types_define_tag(struct dtype *t);		/* a D struct/union/enum */
int types_is_typename(void *arg, const char *scope, const char *name);

/* Enumerator constants (D-declared and kernel enums): 0 if found. */
int types_lookup_enumerator(const char *name, int64_t *val, struct dtype **t);
void types_define_enumerator(const char *name, int64_t val, struct dtype *t);

/* Kernel types by BTF id (used by providers for typed args). */
struct dtype *types_from_btf(const struct btf *btf, int id);
const struct btf *types_vmlinux_btf(void);
/* A C type name as tracefs formats write it: "const char *", "size_t". */
struct dtype *types_parse_c_name(const char *text);

const struct dmember *type_member(struct dtype *t, const char *name,
				  uint32_t *offset);
int type_is_integer(const struct dtype *t);	/* int or enum */
int type_is_scalar(const struct dtype *t);	/* integer or pointer */
int type_is_string(const struct dtype *t);	/* string or char array/pointer */
int type_is_char_array(const struct dtype *t);
int type_compatible(const struct dtype *a, const struct dtype *b);

#endif
