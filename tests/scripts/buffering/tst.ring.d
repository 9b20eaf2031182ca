/* A ring buffer keeps the newest records that fit in bufsize (DTrace's
 * 8-byte records: four, then exit()'s), printed when tracing ends. */
#pragma D option bufpolicy=ring
#pragma D option bufsize=40
#pragma D option quiet

int n;

tick-1ms
/n < 50/
{
	printf("%d\n", n++);
}

tick-1ms
/n == 50/
{
	exit(0);
}
