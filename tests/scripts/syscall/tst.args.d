/* @@opts: -q */
/* args[] is typed from the tracepoint format: write's fd and count. */
BEGIN
{
	printf("12345\n");
}

syscall::write:entry
/pid == $pid/
{
	printf("%d %d\n", args[0], args[2]);
	exit(0);
}
