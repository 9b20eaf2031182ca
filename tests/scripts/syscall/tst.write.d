/* @@opts: -q */
/* dtrace writing BEGIN's output fires write's entry: fd, buffer, size. */
BEGIN
{
	printf("begin\n");
}

syscall::write:entry
/pid == $pid/
{
	printf("%s fd %d size %d [%s]\n", probefunc, arg0, arg2,
	    copyinstr(arg1, arg2));
	exit(0);
}
