/* fbt entry and return counts: dd reads twice, returns >= entries.
 * vfs_read entries on the file dd reads (the data, then end of file),
 * counted with a typed predicate; every vfs_read return of dd.
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
