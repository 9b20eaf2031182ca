/* @@opts: -qZ */
/* -Z lets a description match no probes. */
syscall::nosuchsyscall:entry
{
	printf("never\n");
}

BEGIN
{
	printf("ok\n");
	exit(0);
}
