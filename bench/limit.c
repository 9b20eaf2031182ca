/* The limit's user space: loads one program of limit.bpf.o, attaches it,
 * runs CMD (as dtrace -c and bpftrace -c do), consumes its records while
 * CMD runs, prints the result when CMD exits.
 *
 *	limit OBJ count|keyed|quant|print|ucount CMD [ARG...]
 *
 * ucount attaches a uprobe to bench_fn in CMD's binary.  Drops of the print
 * case go to stderr as "limit: N drops". */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct rec { uint32_t pid, tid; char comm[16]; };

static int on_rec(void *ctx, void *data, size_t len)
{
	const struct rec *r = data;

	(void)ctx; (void)len;
	printf("%u %u %.16s\n", r->pid, r->tid, r->comm);
	return 0;
}

static uint64_t bss_u64(struct bpf_object *obj, const char *name)
{
	struct bpf_map *m;
	const struct btf *btf;
	const struct btf_type *t;
	const struct btf_var_secinfo *vs;
	char *val;
	size_t sz;
	uint32_t zero = 0;
	int i, id;
	uint64_t x = 0;

	bpf_object__for_each_map(m, obj) {
		if (!strstr(bpf_map__name(m), ".bss"))
			continue;
		sz = bpf_map__value_size(m);
		val = calloc(1, sz);
		if (bpf_map_lookup_elem(bpf_map__fd(m), &zero, val))
			return free(val), 0;
		btf = bpf_object__btf(obj);
		id = btf__find_by_name(btf, ".bss");
		t = btf__type_by_id(btf, id);
		vs = btf_var_secinfos(t);
		for (i = 0; i < btf_vlen(t); i++, vs++)
			if (!strcmp(btf__name_by_offset(btf,
			    btf__type_by_id(btf, vs->type)->name_off), name))
				memcpy(&x, val + vs->offset, 8);
		free(val);
	}
	return x;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *p, *prog = NULL;
	struct bpf_link *link;
	struct ring_buffer *rb = NULL;
	int ncpu = libbpf_num_possible_cpus(), status, i;
	const char *cas;
	pid_t child;

	if (argc < 4) {
		fprintf(stderr, "usage: limit OBJ count|keyed|quant|print|ucount CMD [ARG...]\n");
		return 2;
	}
	cas = argv[2];
	libbpf_set_print(NULL);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return perror(argv[1]), 1;
	bpf_object__for_each_program(p, obj) {
		int me = !strcmp(bpf_program__name(p), cas);

		bpf_program__set_autoload(p, me);
		if (me)
			prog = p;
	}
	if (!prog) {
		fprintf(stderr, "limit: no program %s\n", cas);
		return 2;
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "limit: load failed: %s\n", strerror(errno));
		return 1;
	}
	if (!strcmp(cas, "ucount")) {
		LIBBPF_OPTS(bpf_uprobe_opts, uo, .func_name = "bench_fn");
		link = bpf_program__attach_uprobe_opts(prog, -1, argv[3], 0, &uo);
	} else
		link = bpf_program__attach(prog);
	if (!link) {
		fprintf(stderr, "limit: attach failed: %s\n", strerror(errno));
		return 1;
	}
	if (!strcmp(cas, "print"))
		rb = ring_buffer__new(bpf_object__find_map_fd_by_name(obj, "rb"),
				      on_rec, NULL, NULL);

	fflush(stdout);
	if ((child = fork()) == 0) {
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	if (rb) {
		while (waitpid(child, &status, WNOHANG) == 0)
			ring_buffer__poll(rb, 100);
		ring_buffer__consume(rb);
		fprintf(stderr, "limit: %llu drops\n",
			(unsigned long long)bss_u64(obj, "drops"));
	} else
		waitpid(child, &status, 0);

	if (!strcmp(cas, "count") || !strcmp(cas, "ucount")) {
		printf("%llu\n", (unsigned long long)bss_u64(obj, !strcmp(cas, "count") ? "n" : "un"));
	} else if (!strcmp(cas, "keyed")) {
		int fd = bpf_object__find_map_fd_by_name(obj, "keyed_map");
		char key[16], next[16], *k = NULL;
		uint64_t v[ncpu], sum;

		while (bpf_map_get_next_key(fd, k, next) == 0) {
			memcpy(key, next, 16);
			k = key;
			if (bpf_map_lookup_elem(fd, key, v))
				continue;
			for (sum = 0, i = 0; i < ncpu; i++)
				sum += v[i];
			printf("  %-16.16s %20llu\n", key, (unsigned long long)sum);
		}
	} else if (!strcmp(cas, "quant")) {
		int fd = bpf_object__find_map_fd_by_name(obj, "quant_map");
		uint64_t v[ncpu], sum;
		uint32_t b;

		for (b = 0; b < 65; b++) {
			if (bpf_map_lookup_elem(fd, &b, v))
				continue;
			for (sum = 0, i = 0; i < ncpu; i++)
				sum += v[i];
			if (sum)
				printf("%20llu %llu\n", b ? 1ull << (b - 1) : 0ull,
				       (unsigned long long)sum);
		}
	}
	ring_buffer__free(rb);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
