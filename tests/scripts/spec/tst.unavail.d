/* With every buffer in use speculation() returns 0, counted and
 * reported; speculate(0) makes its clause record nothing. */
#pragma D option quiet

BEGIN
{
	a = speculation();
	b = speculation();
	printf("%d %d\n", a, b);
}

BEGIN
{
	speculate(b);
	printf("not printed\n");
}

BEGIN
{
	exit(0);
}
