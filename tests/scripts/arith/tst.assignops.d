/* @@opts: -q */
/* Compound assignment, ++ and --. */
BEGIN
{
	a = 10;
	a -= 3;
	a *= 2;
	a /= 7;
	a <<= 3;
	a |= 1;
	a %= 5;
	a ^= 7;
	a &= 6;
	a >>= 1;
	b = 5;
	b++;
	++b;
	b--;
	c = b++;
	d = ++b;
	printf("%d %d %d %d\n", a, b, c, d);
	exit(0);
}
