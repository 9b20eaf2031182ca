/* @@opts: -q */
/* The usual arithmetic conversions: signed against unsigned, char
 * promoted to int, unsigned right shift, ~ of an unsigned constant. */
unsigned char c;

BEGIN
{
	c = 200;
	printf("%d %d %d\n", -1 < 1u, -1 < 1ll, -1 >> 1);
	printf("%d %d\n", 0xffffffffu >> 4, c + c);
	printf("%x %x\n", ~0xdeadbeef, ~0);
	exit(0);
}
