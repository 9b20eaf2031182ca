/* Unit tests for types.c: D's builtin types and kernel types from BTF. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "types.h"
#include "check.h"


static void test_builtin(void)
{
	struct dtype *t = types_lookup_typedef(NULL, "uint64_t");
	CHECK(t && t->kind == DT_INT && t->size == 8 && !t->is_signed);
	t = types_lookup_typedef(NULL, "int8_t");
	CHECK(t && t->size == 1 && t->is_signed);
	CHECK(!strcmp(type_ptr(&t_char)->name, "char *"));
	CHECK(type_ptr(&t_char) == t_charp);
	CHECK(!strcmp(type_ptr(type_ptr(&t_int))->name, "int **"));
	CHECK(!strcmp(type_array(&t_char, 16)->name, "char [16]"));
	CHECK(type_array(&t_int, 4)->size == 16);
	CHECK(type_is_string(t_charp) && type_is_string(&t_string));
	CHECK(type_is_char_array(type_array(&t_char, 8)));
	CHECK(!type_is_string(&t_int));
	CHECK(type_int(2, 0) == &t_ushort);
}

static void test_c_names(void)
{
	struct dtype *t = types_parse_c_name("const char *");
	CHECK(t->kind == DT_PTR && t->ref->kind == DT_INT && t->ref->size == 1);
	t = types_parse_c_name("unsigned long");
	CHECK(t->kind == DT_INT && t->size == 8 && !t->is_signed);
	t = types_parse_c_name("unsigned int");
	CHECK(t->size == 4 && !t->is_signed);
	t = types_parse_c_name("int");
	CHECK(t->size == 4 && t->is_signed);
	t = types_parse_c_name("long long");
	CHECK(t->size == 8 && t->is_signed);
	t = types_parse_c_name("size_t");
	CHECK(t->size == 8 && !t->is_signed);
}

static void test_btf(void)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		fprintf(stderr, "no vmlinux BTF: kernel type tests not run\n");
		return;
	}
	CHECK(types_vmlinux_btf() != NULL);
	struct dtype *ts = types_lookup_tag(NULL, DT_STRUCT, "task_struct");
	CHECK(ts && ts->kind == DT_STRUCT && ts->size > 1000);
	CHECK(ts && !strcmp(ts->name, "struct task_struct"));
	uint32_t off = 0;
	const struct dmember *m = ts ? type_member(ts, "pid", &off) : NULL;
	CHECK(m && m->type->kind == DT_INT && m->type->size == 4 && off > 0);
	m = ts ? type_member(ts, "real_parent", &off) : NULL;
	CHECK(m && m->type->kind == DT_PTR && m->type->ref->kind == DT_STRUCT);
	m = ts ? type_member(ts, "comm", &off) : NULL;
	CHECK(m && type_is_char_array(m->type) && m->type->nelem == 16);
	CHECK(ts && type_member(ts, "no_such_member", &off) == NULL);
	/* a kernel typedef not among D's builtins */
	struct dtype *t = types_lookup_typedef(NULL, "umode_t");
	CHECK(t && t->kind == DT_INT && t->size == 2);
	CHECK(types_is_typename(NULL, NULL, "umode_t"));
	CHECK(!types_is_typename(NULL, NULL, "no_such_type_xyz"));
	int64_t v;
	CHECK(types_lookup_enumerator("TASK_COMM_LEN", &v, &t) == 0 && v == 16);
}

int main(void)
{
	types_init();
	test_builtin();
	test_c_names();
	test_btf();
	return check_done();
}
