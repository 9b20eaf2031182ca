/* A store past what alloca() gave faults: an invalid address. */
#pragma D option quiet

BEGIN
{
	x = (int *)alloca(sizeof (int));
	y = x + 2;
	*y = 3;
	exit(0);
}

ERROR
{
	printf("fault %d\n", arg4);
	exit(0);
}
