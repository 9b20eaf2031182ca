/* A syscall that does not exist. */
syscall::nosuch:entry
{
	exit(0);
}
