/* elfsym.c - what the pid provider needs of an ELF file, read with
 * libelf: functions with the file offsets uprobes take (a symbol's
 * address less its section's address plus the section's file offset),
 * and the libraries it needs. */
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "elfsym.h"
#include "util.h"

struct list {
	struct elf_func *v;
	int n, cap;
};

static int seen(const struct list *l, const char *name)
{
	for (int i = 0; i < l->n; i++)	/* .dynsym repeats .symtab */
		if (!strcmp(l->v[i].name, name))
			return 1;
	return 0;
}

static void add_symbols(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh,
			struct list *l)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	int n = sh->sh_entsize ? (int)(sh->sh_size / sh->sh_entsize) : 0;

	for (int i = 0; d && i < n; i++) {
		GElf_Sym s;
		GElf_Shdr in;
		const char *name;
		if (!gelf_getsym(d, i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
		    s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE ||
		    !s.st_value || !(name = elf_strptr(e, sh->sh_link, s.st_name)) ||
		    !*name || !gelf_getshdr(elf_getscn(e, s.st_shndx), &in) ||
		    seen(l, name))
			continue;
		if (l->n == l->cap)
			l->v = xrealloc(l->v, (l->cap = l->cap ? 2 * l->cap : 256) *
					sizeof(*l->v));
		l->v[l->n++] = (struct elf_func){ strdup(name),
			s.st_value - in.sh_addr + in.sh_offset, s.st_size };
	}
}

static Elf *open_elf(const char *path, int *fd)
{
	elf_version(EV_CURRENT);
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	Elf *e = elf_begin(*fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		if (e)
			elf_end(e);
		close(*fd);
		return NULL;
	}
	return e;
}

int elf_funcs(const char *path, struct elf_func **out)
{
	struct list l = { 0 };
	int fd;
	Elf *e = open_elf(path, &fd);

	if (!e)
		return -1;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn)); ) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) &&
		    (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
			add_symbols(e, scn, &sh, &l);
	}
	elf_end(e);
	close(fd);
	*out = l.v;
	return l.n;
}

int elf_needed(const char *path, char ***out)
{
	char **v = NULL;
	int n = 0, fd;
	Elf *e = open_elf(path, &fd);

	*out = NULL;
	if (!e)
		return 0;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn)); ) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC ||
		    !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Dyn dyn;
			const char *name;
			if (gelf_getdyn(d, (int)i, &dyn) && dyn.d_tag == DT_NEEDED &&
			    (name = elf_strptr(e, sh.sh_link, dyn.d_un.d_val))) {
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = strdup(name);
			}
		}
	}
	elf_end(e);
	close(fd);
	*out = v;
	return n;
}

/* An address's file offset, through the allocated section holding it. */
static uint64_t file_off(Elf *e, uint64_t addr)
{
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn)); ) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_ALLOC) &&
		    sh.sh_type != SHT_NOBITS && addr >= sh.sh_addr &&
		    addr < sh.sh_addr + sh.sh_size)
			return addr - sh.sh_addr + sh.sh_offset;
	}
	return 0;
}

/* .stapsdt.base's address: notes record the one the linker saw, so a
 * prelinked file's addresses move by the difference. */
static uint64_t sdt_base(Elf *e)
{
	size_t shstr;
	if (elf_getshdrstrndx(e, &shstr))
		return 0;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn)); ) {
		GElf_Shdr sh;
		const char *n;
		if (gelf_getshdr(scn, &sh) && (n = elf_strptr(e, shstr, sh.sh_name)) &&
		    !strcmp(n, ".stapsdt.base"))
			return sh.sh_addr;
	}
	return 0;
}

static void add_note(Elf *e, const char *desc, size_t len, uint64_t base,
		     struct sdt_note **v, int *n)
{
	uint64_t a[3];
	const char *p = desc + 24, *end = desc + len;
	if (len < 24)
		return;
	memcpy(a, desc, 24);		/* pc, base, semaphore */
	const char *prov = p, *name = prov + strnlen(prov, end - prov) + 1;
	if (name >= end)
		return;
	const char *args = name + strnlen(name, end - name) + 1;
	uint64_t adj = base && a[1] ? base - a[1] : 0;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = (struct sdt_note){ strdup(prov), strdup(name),
		strndup(args < end ? args : "", args < end ? end - args : 0),
		file_off(e, a[0] + adj), a[2] ? file_off(e, a[2] + adj) : 0 };
}

int elf_sdt_notes(const char *path, struct sdt_note **out)
{
	struct sdt_note *v = NULL;
	int n = 0, fd;
	Elf *e = open_elf(path, &fd);

	*out = NULL;
	if (!e)
		return 0;
	uint64_t base = sdt_base(e);
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn)); ) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE ||
		    !(d = elf_getdata(scn, NULL)))
			continue;
		GElf_Nhdr nh;
		size_t off = 0, noff, doff;
		while ((off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0)
			if (nh.n_type == 3 && nh.n_namesz == 8 &&
			    !memcmp((char *)d->d_buf + noff, "stapsdt", 8))
				add_note(e, (char *)d->d_buf + doff, nh.n_descsz,
					 base, &v, &n);
	}
	elf_end(e);
	close(fd);
	*out = v;
	return n;
}
