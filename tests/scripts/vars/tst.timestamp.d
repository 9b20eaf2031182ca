/* @@opts: -q */
/* timestamp does not go backwards between probes. */
BEGIN
{
	t = timestamp;
}

tick-10ms
{
	printf("%d\n", timestamp >= t);
	exit(0);
}
