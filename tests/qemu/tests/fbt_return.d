/* fbt return (fexit, or kretprobe where refused): args[1] and arg1.
 * fbt return: args[1] is the typed return value (ssize_t), arg1 too.
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
fbt::vfs_read:return
/pid == $target/
{
	printf("%d %d\n", args[1], arg1);
	exit(0);
}
