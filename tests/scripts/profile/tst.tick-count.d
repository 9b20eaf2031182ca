/* @@opts: -q */
/* tick-N keeps firing: count five ticks. */
tick-20ms
/++n == 5/
{
	printf("%d\n", n);
	exit(0);
}
