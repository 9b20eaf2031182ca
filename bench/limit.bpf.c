/* The limit: the least BPF a careful hand-writer would load for each case,
 * on the same kernel hook as build/dtrace (the raw_syscalls tracepoints,
 * the syscall number tested in the program).  Built with clang -target bpf. */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#define NR_write	1
#define NR_getppid	110

struct sys_enter {		/* raw_syscalls:sys_enter's record */
	__u64 common;
	long id;
	unsigned long args[6];
};

char LICENSE[] SEC("license") = "GPL";

/* count: a global, incremented as D's n++ is (not atomically) */
__u64 n = 0;

SEC("tracepoint/raw_syscalls/sys_enter")
int count(struct sys_enter *ctx)
{
	if (ctx->id != NR_getppid)
		return 0;
	n++;
	return 0;
}

/* keyed: @a[execname] = count(), a per-CPU hash keyed by comm */
struct comm { char s[16]; };
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 1024);
	__type(key, struct comm);
	__type(value, __u64);
} keyed_map SEC(".maps");

SEC("tracepoint/raw_syscalls/sys_enter")
int keyed(struct sys_enter *ctx)
{
	struct comm k = {};
	__u64 one = 1, *v;

	if (ctx->id != NR_getppid)
		return 0;
	bpf_get_current_comm(&k, sizeof(k));
	v = bpf_map_lookup_elem(&keyed_map, &k);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&keyed_map, &k, &one, BPF_NOEXIST);
	return 0;
}

/* quantize: @q = quantize(arg2) of write(2), power-of-two buckets in a
 * per-CPU array (bucket 0 holds 0, bucket b holds [2^(b-1), 2^b)) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 65);
	__type(key, __u32);
	__type(value, __u64);
} quant_map SEC(".maps");

SEC("tracepoint/raw_syscalls/sys_enter")
int quant(struct sys_enter *ctx)
{
	__u64 x, *v;
	__u32 b = 0;

	if (ctx->id != NR_write)
		return 0;
	x = ctx->args[2];
	if (x >= 1ull << 32) { b += 32; x >>= 32; }
	if (x >= 1 << 16) { b += 16; x >>= 16; }
	if (x >= 1 << 8) { b += 8; x >>= 8; }
	if (x >= 1 << 4) { b += 4; x >>= 4; }
	if (x >= 1 << 2) { b += 2; x >>= 2; }
	if (x >= 1 << 1) { b += 1; x >>= 1; }
	b += x;			/* 0 for 0, else floor(log2) + 1 */
	v = bpf_map_lookup_elem(&quant_map, &b);
	if (v)
		(*v)++;
	return 0;
}

/* printf("%d %d %s\n", pid, tid, execname): a record in a ring buffer of
 * DTrace's default bufsize (4 MB), formatted in user space; drops counted */
struct rec { __u32 pid, tid; char comm[16]; };
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);
} rb SEC(".maps");
__u64 drops = 0;

SEC("tracepoint/raw_syscalls/sys_enter")
int print(struct sys_enter *ctx)
{
	struct rec *r;
	__u64 pt;

	if (ctx->id != NR_getppid)
		return 0;
	r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);
	if (!r) {
		__sync_fetch_and_add(&drops, 1);
		return 0;
	}
	pt = bpf_get_current_pid_tgid();
	r->pid = pt >> 32;
	r->tid = (__u32)pt;
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	/* no wake-up per record: the consumer polls every 100 ms (as DTrace's
	 * consumer reads at its switchrate), woken early past 1 MB unread */
	bpf_ringbuf_submit(r, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA) >= 1 << 20 ?
			   BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
	return 0;
}

/* uprobe: a global counted at each call of the load's bench_fn() */
__u64 un = 0;

SEC("uprobe")
int ucount(void *ctx)
{
	un++;
	return 0;
}
