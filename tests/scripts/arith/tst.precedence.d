/* @@opts: -q */
/* Operator precedence and associativity as in C. */
BEGIN
{
	printf("%d %d %d %d %d\n", 2 + 3 * 4, (2 + 3) * 4, 10 - 4 - 3, 2 * 3 % 4,
	    1 + 2 << 3);
	exit(0);
}
