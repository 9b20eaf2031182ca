/* @@opts: -q */
/* Keyless aggregations (per-CPU array elements): shown once updated,
 * shown as zero once cleared, gone after trunc(), never shown if never
 * updated. */
BEGIN
{
	@c = count();
	@q = quantize(4);
	i = 0;
}

tick-10ms
/i++ == 0/
{
	printa("count %@d\n", @c);
	clear(@c);
}

tick-10ms
/i == 3/
{
	printa("after clear %@d\n", @c);
	trunc(@q);
	printa("quantize after trunc: [%@d]\n", @q);
	printa("never [%@d]\n", @never);
	exit(0);
}

tick-1h
{
	@never = count();
}
