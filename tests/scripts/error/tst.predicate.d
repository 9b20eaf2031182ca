/* @@filter: pc */
/* A fault in a predicate is reported "in predicate", with arg2 0. */
#pragma D option quiet

ERROR
{
	printf("action %d fault %d addr %d\n", arg2, arg4, arg5);
}

BEGIN
/ *(int *)8 == 1/
{
	printf("not printed\n");
}

BEGIN
{
	exit(0);
}
