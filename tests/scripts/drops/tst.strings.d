/* @@filter: dropcpu */
/* A string counts strsize bytes, as in DTrace's buffer: two records of
 * 4 + 256 bytes overflow a 512-byte buffer. */
#pragma D option bufsize=512
#pragma D option quiet

BEGIN
{
	printf("%s\n", "a");
}

BEGIN
{
	printf("%s\n", "b");
}

BEGIN
{
	exit(0);
}
