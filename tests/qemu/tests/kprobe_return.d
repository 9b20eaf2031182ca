/* -x fbtmode=kprobe: the kretprobe fallback, the return value.
 * The kretprobe fallback, forced: the return value from pt_regs.
 * @@opts: -q -x fbtmode=kprobe -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
fbt::vfs_read:return
/pid == $target/
{
	printf("%d %d\n", args[1], arg1);
	exit(0);
}
