/* Entry and return counts agree for a function dd calls a known number
 * of times (two reads: the data, then end of file), and wildcards enable.
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100'
 */
fbt::vfs_read:entry
/pid == $target && args[0]->f_path.dentry->d_name.name[0] == 'h'/
{
	entries++;
}

fbt::vfs_read:return
/pid == $target/
{
	returns++;
}

END
{
	printf("entries %d, returns >= entries %d\n", entries, returns >= entries);
}
