/* commit() of an id past nspec is an illegal operation: the ERROR
 * probe fires with DTrace's fault number (3, DTRACEFLT_ILLOP). */
#pragma D option quiet

BEGIN
{
	commit(1024);
}

BEGIN
{
	printf("after\n");
}

ERROR
{
	printf("fault %d\n", arg4);
	exit(0);
}
