/* Speculations (a compare-and-swap on the globals map) on this kernel.
 * @@opts: -q
 */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("held %d\n", s);
}

BEGIN
{
	commit(s);
	exit(0);
}
