/* @@opts: -q */
/* Field widths, left alignment, zero padding, '+' and ' ' flags, * widths. */
BEGIN
{
	printf("[%5d][%-5d][%05d][%+d][% d]\n", 42, 42, 42, 42, 42);
	printf("[%*d][%-*d]\n", 6, 42, 4, 7);
	printf("[%8x][%-8X][%08o]\n", 3054, 3054, 8);
	exit(0);
}
