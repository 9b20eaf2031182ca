/* @@opts: -q */
/* Division and remainder truncate toward zero, also at run time. */
BEGIN
{
	a = 7;
	b = -7;
	c = 2;
	d = 3;
	printf("%d %d %d %d\n", 7 / 2, -7 / 2, 7 % 3, -7 % 3);
	printf("%d %d %d %d\n", a / c, b / c, a % d, b % d);
	exit(0);
}
