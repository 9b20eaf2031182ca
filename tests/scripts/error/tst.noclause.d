/* @@filter: pc */
/* Without an ERROR clause the default message is all there is, and a
 * tick probe's fault names the tick probe; tracing goes on. */
#pragma D option quiet

tick-1ms
/n++ == 0/
{
	trace(*(long *)0x1000);
}

tick-1ms
/n > 2/
{
	printf("went on\n");
	exit(0);
}
