/* @@filter: pc */
/* commit() of an id past nspec is an illegal operation:
 * DTRACEFLT_ILLOP, no address in the message. */
#pragma D option quiet

ERROR
{
	printf("epid %d action %d fault %d\n", arg1, arg2, arg4);
}

BEGIN
{
	commit(99);

}

BEGIN
{
	exit(0);
}
