/* s[i] of a string is its i-th character; past the buffer it is 0. */
#pragma D option quiet

BEGIN
{
	s = "hello";
	printf("%c%c%c %d %d\n", s[0], s[4], "xyz"[1], s[5], s[100000]);
	exit(0);
}
