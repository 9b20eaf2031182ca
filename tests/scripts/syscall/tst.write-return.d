/* @@opts: -q */
/* write's return: arg0 and arg1 hold the return value, errno is 0. */
BEGIN
{
	printf("begin\n");
}

syscall::write:return
/pid == $pid/
{
	printf("%d %d %d\n", arg0, arg1, errno);
	exit(0);
}
