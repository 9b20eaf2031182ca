/* @@opts: -q */
/* The profile provider's probe names. */
tick-10ms
{
	printf("%s:%s:%s:%s\n", probeprov, probemod, probefunc, probename);
	exit(0);
}
