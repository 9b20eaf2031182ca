/* @@filter: ids */
/* Not quiet: a syscall probe's line names function and probe. */
BEGIN
{
}

syscall::write:entry
/pid == $pid/
{
	exit(0);
}
