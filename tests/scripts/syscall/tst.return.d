/* @@opts: -q */
/* syscall:::return fires too. */
syscall:::return
/pid == $pid/
{
	printf("%s %s\n", probeprov, probename);
	exit(0);
}
