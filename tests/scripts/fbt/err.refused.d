/* @@opts: -q */
/* THIS HOST (no kprobe PMU, fentry refused with EPERM): enabling fbt
 * says which probe, what the kernel refused and why, and with nothing
 * else to enable, exits 1.  On a kernel with fentry or kprobes this
 * test would trace instead; tests/qemu covers those kernels. */
fbt::vfs_read:entry,
fbt::vfs_write:entry
{
	exit(0);
}
