/* @@opts: -q */
/* D computes in 64 bits, as DIF does, whatever the operands' types: a
 * value is cut to its type only where it is stored (or cast). */
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
	x = x + x;
	printf("%d\n", x);
	exit(0);
}
