/* -x fbtmode=fentry: fexit only, the typed return value.
 * fexit itself, forced: the typed return value.
 * @@opts: -q -x fbtmode=fentry -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
fbt::vfs_read:return
/pid == $target/
{
	printf("%d %d\n", args[1], arg1);
	exit(0);
}
