/* usym.c - user addresses to DTrace's "libc.so.6`read+0x10".
 *
 * A process's executable mappings come from /proc/PID/maps, read the first
 * time the consumer sees the pid and kept: a process that exited before
 * END still resolves.  Each object's function symbols come from its
 * .symtab (or, stripped, from the separate debug file found by build-id
 * under /usr/lib/debug/.build-id or by .gnu_debuglink), else its .dynsym;
 * an object is read once for all the processes that map it.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sym.h"
#include "util.h"

struct usym {
	uint64_t value, size;		/* ELF virtual address */
	char *name;
};

struct object {
	char *path, *base;
	struct usym *syms;
	size_t nsyms;
	/* the PT_LOAD segments: file offset to virtual address */
	struct { uint64_t off, vaddr, filesz; } seg[16];
	int nseg;
	struct object *next;
};

struct mapping {
	uint64_t start, end, off;
	struct object *obj;
};

struct uproc {
	uint64_t pid;
	struct mapping *maps;
	int nmaps;
	struct uproc *next;
};

static struct object *objects;
static struct uproc *procs;

static int by_value(const void *a, const void *b)
{
	const struct usym *l = a, *r = b;
	return l->value < r->value ? -1 : l->value > r->value;
}

/* Function symbols of one symbol table section. */
static void read_symtab(Elf *e, Elf_Scn *scn, GElf_Shdr *sh, struct object *o)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;

	if (!d)
		return;
	o->syms = xrealloc(o->syms, (o->nsyms + n) * sizeof(*o->syms));
	for (size_t i = 0; i < n; i++) {
		GElf_Sym s;
		const char *name;
		if (!gelf_getsym(d, (int)i, &s) ||
		    GELF_ST_TYPE(s.st_info) != STT_FUNC || !s.st_value ||
		    s.st_shndx == SHN_UNDEF)
			continue;
		name = elf_strptr(e, sh->sh_link, s.st_name);
		if (!name || !*name)
			continue;
		o->syms[o->nsyms].value = s.st_value;
		o->syms[o->nsyms].size = s.st_size;
		o->syms[o->nsyms].name = strdup(name);
		o->nsyms++;
	}
}

/* The section of a type (SHT_SYMTAB, SHT_DYNSYM) or named so. */
static Elf_Scn *find_section(Elf *e, unsigned type, const char *name,
			     GElf_Shdr *sh)
{
	size_t shstr;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(e, &shstr))
		return NULL;
	while ((scn = elf_nextscn(e, scn))) {
		if (!gelf_getshdr(scn, sh))
			continue;
		const char *n = elf_strptr(e, shstr, sh->sh_name);
		if ((type && sh->sh_type == type) ||
		    (name && n && !strcmp(n, name)))
			return scn;
	}
	return NULL;
}

static int read_symbols(const char *path, struct object *o, unsigned type)
{
	int fd = open(path, O_RDONLY);
	Elf *e;
	GElf_Shdr sh;
	Elf_Scn *scn;
	size_t before = o->nsyms;

	if (fd < 0)
		return -1;
	if ((e = elf_begin(fd, ELF_C_READ, NULL))) {
		scn = find_section(e, type, NULL, &sh);
		if (scn && sh.sh_type != SHT_NOBITS)
			read_symtab(e, scn, &sh, o);
		elf_end(e);
	}
	close(fd);
	return o->nsyms > before ? 0 : -1;
}

/* The build-id note's hex, or "" for none. */
static void build_id(Elf *e, char *hex, size_t len)
{
	GElf_Shdr sh;
	Elf_Scn *scn = find_section(e, 0, ".note.gnu.build-id", &sh);
	Elf_Data *d;
	GElf_Nhdr nh;
	size_t noff, doff, off = 0;

	*hex = 0;
	if (!scn || !(d = elf_getdata(scn, NULL)))
		return;
	while ((off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
		if (nh.n_type != NT_GNU_BUILD_ID)
			continue;
		const unsigned char *id = (unsigned char *)d->d_buf + doff;
		for (size_t i = 0; i < nh.n_descsz && 2 * i + 3 < len; i++)
			sprintf(hex + 2 * i, "%02x", id[i]);
		return;
	}
}

/* .gnu_debuglink's file name, or "" for none. */
static void debuglink(Elf *e, char *name, size_t len)
{
	GElf_Shdr sh;
	Elf_Scn *scn = find_section(e, 0, ".gnu_debuglink", &sh);
	Elf_Data *d;

	*name = 0;
	if (scn && (d = elf_getdata(scn, NULL)) && d->d_size)
		snprintf(name, len, "%.*s", (int)d->d_size, (char *)d->d_buf);
}

/* The separate debug file's symbols: by build-id, then by debuglink
 * in the places gdb looks. */
static void read_debug_file(const char *path, struct object *o, Elf *e)
{
	char id[128], link[256], dir[4096], p[8192];

	build_id(e, id, sizeof(id));
	if (*id) {
		snprintf(p, sizeof(p), "/usr/lib/debug/.build-id/%.2s/%s.debug",
			 id, id + 2);
		if (!read_symbols(p, o, SHT_SYMTAB))
			return;
	}
	debuglink(e, link, sizeof(link));
	if (!*link)
		return;
	snprintf(dir, sizeof(dir), "%s", path);
	char *d = dirname(dir);
	const char *fmts[] = { "%s/%s", "%s/.debug/%s", "/usr/lib/debug%s/%s" };
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), fmts[i], d, link);
		if (strcmp(p, path) && !read_symbols(p, o, SHT_SYMTAB))
			return;
	}
}

static void read_segments(Elf *e, struct object *o)
{
	size_t n;

	if (elf_getphdrnum(e, &n))
		return;
	for (size_t i = 0; i < n && o->nseg < 16; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		o->seg[o->nseg].off = ph.p_offset;
		o->seg[o->nseg].vaddr = ph.p_vaddr;
		o->seg[o->nseg].filesz = ph.p_filesz;
		o->nseg++;
	}
}

static void load_object(struct object *o)
{
	int fd = open(o->path, O_RDONLY);
	Elf *e;

	if (fd < 0)
		return;
	elf_version(EV_CURRENT);
	if ((e = elf_begin(fd, ELF_C_READ, NULL))) {
		read_segments(e, o);
		if (read_symbols(o->path, o, SHT_SYMTAB))
			read_debug_file(o->path, o, e);
		if (!o->nsyms)
			read_symbols(o->path, o, SHT_DYNSYM);
		elf_end(e);
	}
	close(fd);
	qsort(o->syms, o->nsyms, sizeof(*o->syms), by_value);
}

static struct object *object_for(const char *path)
{
	struct object *o;

	for (o = objects; o; o = o->next)
		if (!strcmp(o->path, path))
			return o;
	o = xcalloc(1, sizeof(*o));
	o->path = strdup(path);
	o->base = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	load_object(o);
	o->next = objects;
	objects = o;
	return o;
}

static void add_mapping(struct uproc *p, const char *line)
{
	unsigned long long start, end, off;
	char perm[8], path[4096] = "";

	if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %4095[^\n]", &start, &end,
		   perm, &off, path) < 4 || perm[2] != 'x' || path[0] != '/')
		return;
	p->maps = xrealloc(p->maps, (p->nmaps + 1) * sizeof(*p->maps));
	p->maps[p->nmaps].start = start;
	p->maps[p->nmaps].end = end;
	p->maps[p->nmaps].off = off;
	p->maps[p->nmaps].obj = object_for(path);
	p->nmaps++;
}

static struct uproc *proc_for(uint64_t pid)
{
	struct uproc *p;
	char file[64], line[4352];
	FILE *f;

	for (p = procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	p->next = procs;
	procs = p;
	snprintf(file, sizeof(file), "/proc/%llu/maps", (unsigned long long)pid);
	if (!(f = fopen(file, "r")))
		return p;
	while (fgets(line, sizeof(line), f))
		add_mapping(p, line);
	fclose(f);
	return p;
}

void usym_cache(uint64_t pid)
{
	if (pid)
		proc_for(pid);
}

/* The ELF virtual address of a file offset, through its PT_LOADs. */
static uint64_t file_vaddr(const struct object *o, uint64_t off)
{
	for (int i = 0; i < o->nseg; i++)
		if (off >= o->seg[i].off && off < o->seg[i].off + o->seg[i].filesz)
			return off - o->seg[i].off + o->seg[i].vaddr;
	return off;
}

static const struct usym *find_sym(const struct object *o, uint64_t va)
{
	size_t lo = 0, hi = o->nsyms;

	if (!o->nsyms || va < o->syms[0].value)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->syms[mid].value <= va)
			lo = mid;
		else
			hi = mid;
	}
	const struct usym *s = &o->syms[lo];
	return !s->size || va < s->value + s->size ? s : NULL;
}

int usym_lookup(uint64_t pid, uint64_t addr, struct sym *s)
{
	struct uproc *p = proc_for(pid);

	for (int i = 0; i < p->nmaps; i++) {
		const struct mapping *m = &p->maps[i];
		if (addr < m->start || addr >= m->end)
			continue;
		uint64_t va = file_vaddr(m->obj, addr - m->start + m->off);
		const struct usym *u = find_sym(m->obj, va);
		s->mod = m->obj->base;
		s->name = u ? u->name : NULL;
		s->value = u ? addr - (va - u->value) : 0;
		s->modoff = addr - m->start;
		s->modbase = m->start;
		for (int j = 0; j < i; j++)	/* its first mapping */
			if (p->maps[j].obj == m->obj) {
				s->modbase = p->maps[j].start;
				break;
			}
		return 0;
	}
	return -1;
}

/* dt_print_ustack's forms. */
void usym_format(uint64_t pid, uint64_t addr, int noresolve, char *buf,
		 size_t len)
{
	struct sym s;

	if (usym_lookup(pid, addr, &s))
		snprintf(buf, len, "0x%llx", (unsigned long long)addr);
	else if (noresolve)
		snprintf(buf, len, "%s:0x%llx", s.mod,
			 (unsigned long long)s.modoff);
	else if (!s.name)
		snprintf(buf, len, "%s`0x%llx", s.mod, (unsigned long long)addr);
	else if (addr > s.value)
		snprintf(buf, len, "%s`%s+0x%llx", s.mod, s.name,
			 (unsigned long long)(addr - s.value));
	else
		snprintf(buf, len, "%s`%s", s.mod, s.name);
}
