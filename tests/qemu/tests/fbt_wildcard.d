/* fbt::vfs_*:entry, a wildcard enabling (77 probes on these kernels).
 * A wildcard enabling: every traceable vfs_* function (fentry where the
 * kernel takes it, a kprobe for the others), then vfs_read seen.
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
fbt::vfs_*:entry
/pid == $target/
{
	n++;
}

fbt::vfs_read:entry
/pid == $target/
{
	printf("vfs_read after %s other vfs_ calls\n", n > 1 ? "some" : "no");
	exit(0);
}
