/* @@filter: dropcpu */
/* switch: a buffer of 32 bytes holds four of DTrace's 8-byte records
 * between two switches; BEGIN's other two are drops of its CPU,
 * reported as DTrace reports them; a later switch starts again. */
#pragma D option bufsize=32
#pragma D option quiet

int i;

BEGIN
{
	printf("%d\n", i++);
}

BEGIN
{
	printf("%d\n", i++);
}

BEGIN
{
	printf("%d\n", i++);
}

BEGIN
{
	printf("%d\n", i++);
}

BEGIN
{
	printf("%d\n", i++);
}

BEGIN
{
	printf("%d\n", i++);
}

tick-1500ms
{
	printf("later %d\n", i);
	exit(0);
}
