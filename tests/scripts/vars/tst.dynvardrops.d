/* A full dynamic variable space: the stores that do not fit are
 * dropped and counted, as DTrace reports them. */
#pragma D option quiet
#pragma D option dynvarsize=32

BEGIN
{
	a[1] = 1; a[2] = 2; a[3] = 3; a[4] = 4; a[5] = 5;
	printf("%d %d %d\n", a[1] + a[2], a[3], a[5]);
	exit(0);
}
