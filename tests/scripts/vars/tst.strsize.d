/* -x strsize bounds every string: constants, variables, keys, printf. */
#pragma D option quiet
#pragma D option strsize=6

BEGIN
{
	s = "abcdefghij";
	a[s] = "0123456789";
	printf("%s|%s|%s|%d\n", s, a["abcde"], a["abcdefgh"], strlen(s));
	trace("xyzxyzxyz");
	exit(0);
}
