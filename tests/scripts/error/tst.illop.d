/* @@filter: pc */
/* A speculation id that no speculation() gave is an illegal operation:
 * DTRACEFLT_ILLOP, no address in the message. */
#pragma D option quiet

ERROR
{
	printf("epid %d action %d fault %d\n", arg1, arg2, arg4);
}

BEGIN
{
	speculate(99);
	printf("not printed\n");
}

BEGIN
{
	exit(0);
}
