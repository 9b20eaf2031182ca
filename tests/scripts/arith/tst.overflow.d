/* @@opts: -q */
/* int arithmetic wraps at 32 bits and is sign-extended when widened; a
 * cast first gives 64-bit arithmetic. */
int x;
unsigned int u;
long long z;

BEGIN
{
	x = 2147483647;
	z = x + 1;
	printf("%d\n", z);
	z = (long long)x + 1;
	printf("%d\n", z);
	u = 0xffffffff;
	z = u + 1;
	printf("%d\n", z);
	x = 1 << 30;
	z = x + x;
	printf("%x\n", z);
	exit(0);
}
