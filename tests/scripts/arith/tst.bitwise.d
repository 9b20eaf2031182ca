/* @@opts: -q */
/* Shifts, bitwise operators, logical and relational operators, ^^. */
BEGIN
{
	printf("%d %d %d %d %d %d\n", 1 << 4, 256 >> 2, 0xf0 & 0x3c, 0xf0 | 0x0f,
	    0xff ^ 0x0f, ~0);
	printf("%d %d %d %d %d %d\n", 1 && 0, 1 || 0, !5, 3 < 4, 3 >= 4, 2 == 2);
	printf("%d %d %d\n", 1 ^^ 1, 1 ^^ 0, 0 ^^ 0);
	exit(0);
}
