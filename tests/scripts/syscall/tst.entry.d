/* @@opts: -q */
/* syscall:::entry fires for dtrace's own system calls. */
syscall:::entry
/pid == $pid/
{
	printf("%s %s\n", probeprov, probename);
	exit(0);
}
