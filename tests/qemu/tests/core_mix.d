/* The variables issue's pieces together, for older verifiers: D arrays,
 * string indexing, keys of several types, lquantize and llquantize,
 * stddev, printa with a format, clear and trunc.
 * @@opts: -q
 */
int a[4];

BEGIN
{
	i = 2;
	a[i] = 7;
	s = "hello";
	k[s, i] = s[1];
	@l = lquantize(a[2], 0, 10, 2);
	@ll = llquantize(1234, 10, 0, 4, 20);
	@sd = stddev(2); @sd = stddev(4);
	@t[1] = sum(1); @t[2] = sum(2);
	trunc(@t, 1);
	printf("%d %c %d\n", a[2], k["hello", 2], a[3]);
	printa("%@d\n", @sd);
	printa("%d %@d\n", @t);
	exit(0);
}
