/* -x fbtmode=kprobe: the kprobe fallback, typed args from pt_regs.
 * The kprobe fallback, forced: the same typed args from pt_regs.
 * args[0] (struct file *) walked to the file's name, arg2 as an integer.
 * @@opts: -q -x fbtmode=kprobe -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
fbt::vfs_read:entry
/pid == $target/
{
	printf("%s %d %d\n", stringof(args[0]->f_path.dentry->d_name.name),
	    args[2], arg2);
	exit(0);
}
