/* fbt entry (fentry, or kprobe where refused): typed args[0], args[2], arg2.
 * fbt entry under fentry (or kprobes where fentry is refused): typed
 * args[0] (struct file *) walked to the file's name, arg2 as an integer.
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
fbt::vfs_read:entry
/pid == $target/
{
	printf("%s %d %d\n", stringof(args[0]->f_path.dentry->d_name.name),
	    args[2], arg2);
	exit(0);
}
