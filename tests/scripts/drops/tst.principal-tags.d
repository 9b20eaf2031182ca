/* @@filter: dropcpu */
/* @@opts: -xdroptags */
/* Principal buffer drops with -xdroptags carry DTrace's tag. */
#pragma D option bufsize=16
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
	exit(0);
}
