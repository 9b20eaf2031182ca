/* What a clause records after speculate() prints only when committed,
 * in the order recorded, and never when discarded. */
#pragma D option quiet
#pragma D option nspec=2

BEGIN
{
	a = speculation();
	b = speculation();
	printf("ids %d %d\n", a, b);
}

BEGIN
{
	speculate(a);
	printf("kept 1\n");
}

BEGIN
{
	speculate(b);
	printf("dropped\n");
}

BEGIN
{
	speculate(a);
	printf("kept 2\n");
}

BEGIN
{
	printf("before commit\n");
	discard(b);
}

BEGIN
{
	commit(a);
}

BEGIN
{
	printf("after commit\n");
	c = speculation();
	printf("reused %d\n", c);
	exit(0);
}
