/* results are cut at strsize (8 bytes, the NUL included) */
#pragma D option quiet
#pragma D option strsize=8
BEGIN
{
	printf("%s|%s|%s\n", strjoin("abcd", "efgh"), toupper("abcdefghij"),
	    lltostr(123456789));
	exit(0);
}
