/* A fill buffer of 48 bytes keeps 12 for END's record (DTrace's
 * reserve: its 8 bytes and their alignment), so the tick CPU's records
 * (8 bytes: an EPID and an int) fill it at the fifth; the rest are not
 * recorded, without drops, and tracing stops, END still run. */
#pragma D option bufpolicy=fill
#pragma D option bufsize=48
#pragma D option quiet

int i;

tick-1ms
{
	printf("%d\n", i++);
}

END
{
	printf("end %d\n", 99);
}
