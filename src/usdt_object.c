/* usdt_object.c - dtrace -G: the ELF object a program links with the
 * objects that hold its probes.  With <sys/sdt.h> probes the sites need
 * no rewriting; what the link lacks is the semaphores the header's notes
 * name: an unsigned short per probe, hidden, in a writable ".probes"
 * section, as systemtap's dtrace -G makes them.  Written with libelf so
 * that dtrace needs no C compiler at run time. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "usdt_decl.h"
#include "util.h"

enum { S_PROBES = 1, S_STACK, S_SYMTAB, S_STRTAB, S_SHSTRTAB, S_COUNT };

static const char shstrtab[] =
	"\0.probes\0.note.GNU-stack\0.symtab\0.strtab\0.shstrtab";

struct strtab {
	char *buf;
	size_t len;
};

static size_t str_add(struct strtab *t, const char *a, const char *b)
{
	size_t off = t->len, n = strlen(a) + strlen(b) + 12;

	t->buf = xrealloc(t->buf, t->len + n);
	t->len += sprintf(t->buf + off, "%s_%s_semaphore", a, b) + 1;
	return off;
}

static size_t shname(const char *name)
{
	for (size_t i = 1; i < sizeof(shstrtab); i += strlen(shstrtab + i) + 1)
		if (!strcmp(shstrtab + i, name))
			return i;
	return 0;
}

/* A section holding buf; the header's other fields are the caller's. */
static GElf_Shdr *add_section(Elf *e, const char *name, void *buf,
			      size_t size, Elf_Type type, GElf_Shdr *sh)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d = elf_newdata(scn);

	d->d_buf = buf;
	d->d_size = size;
	d->d_type = type;
	d->d_align = type == ELF_T_SYM ? 8 : 1;
	gelf_getshdr(scn, sh);
	sh->sh_name = shname(name);
	return sh;
}

static void put_shdr(Elf *e, int idx, GElf_Shdr *sh)
{
	gelf_update_shdr(elf_getscn(e, idx), sh);
}

/* Symbol 0 is null, 1 the .probes section, then a semaphore a probe. */
static Elf64_Sym *semaphores(const struct usdt_decls *d, struct strtab *st)
{
	Elf64_Sym *sym = xcalloc(d->n + 2, sizeof(*sym));

	sym[1].st_info = ELF64_ST_INFO(STB_LOCAL, STT_SECTION);
	sym[1].st_shndx = S_PROBES;
	for (int i = 0; i < d->n; i++) {
		Elf64_Sym *s = &sym[i + 2];
		s->st_name = str_add(st, d->v[i].prov, d->v[i].name);
		s->st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT);
		s->st_other = STV_HIDDEN;
		s->st_shndx = S_PROBES;
		s->st_value = 2 * i;
		s->st_size = 2;
	}
	return sym;
}

static int build(Elf *e, const struct usdt_decls *d)
{
	struct strtab st = { xcalloc(1, 1), 1 };
	Elf64_Sym *sym = semaphores(d, &st);
	void *zero = xcalloc(d->n + 1, 2);
	Elf64_Ehdr *eh = elf64_newehdr(e);
	GElf_Shdr sh;

	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_machine = EM_X86_64;
	eh->e_type = ET_REL;
	eh->e_version = EV_CURRENT;
	eh->e_shstrndx = S_SHSTRTAB;
	add_section(e, ".probes", zero, 2 * d->n, ELF_T_BYTE, &sh);
	sh.sh_type = SHT_PROGBITS;
	sh.sh_flags = SHF_ALLOC | SHF_WRITE;
	sh.sh_addralign = 2;
	put_shdr(e, S_PROBES, &sh);
	add_section(e, ".note.GNU-stack", NULL, 0, ELF_T_BYTE, &sh);
	sh.sh_type = SHT_PROGBITS;
	sh.sh_addralign = 1;
	put_shdr(e, S_STACK, &sh);
	add_section(e, ".symtab", sym, (d->n + 2) * sizeof(*sym), ELF_T_SYM, &sh);
	sh.sh_type = SHT_SYMTAB;
	sh.sh_link = S_STRTAB;
	sh.sh_info = 2;			/* the first global symbol */
	sh.sh_entsize = sizeof(*sym);
	sh.sh_addralign = 8;
	put_shdr(e, S_SYMTAB, &sh);
	add_section(e, ".strtab", st.buf, st.len, ELF_T_BYTE, &sh);
	sh.sh_type = SHT_STRTAB;
	sh.sh_addralign = 1;
	put_shdr(e, S_STRTAB, &sh);
	add_section(e, ".shstrtab", (void *)shstrtab, sizeof(shstrtab),
		    ELF_T_BYTE, &sh);
	sh.sh_type = SHT_STRTAB;
	sh.sh_addralign = 1;
	put_shdr(e, S_SHSTRTAB, &sh);
	return elf_update(e, ELF_C_WRITE) < 0 ? -1 : 0;
}

int usdt_object_write(const struct usdt_decls *d, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), rc = -1;
	Elf *e;

	if (fd < 0) {
		fprintf(stderr, "dtrace: failed to open object file '%s': %s\n",
			path, strerror(errno));
		return -1;
	}
	elf_version(EV_CURRENT);
	if ((e = elf_begin(fd, ELF_C_WRITE, NULL)) && !build(e, d))
		rc = 0;
	else
		fprintf(stderr, "dtrace: failed to write object file '%s': "
			"%s\n", path, elf_errmsg(-1));
	if (e)
		elf_end(e);
	if (close(fd) && !rc) {
		fprintf(stderr, "dtrace: failed to write object file '%s': "
			"%s\n", path, strerror(errno));
		rc = -1;
	}
	return rc;
}
