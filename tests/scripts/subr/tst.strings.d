/* strjoin, substr (negative index and length), toupper, tolower */
#pragma D option quiet
BEGIN
{
	printf("%s|%s|%s|%s\n", strjoin("foo", "baz"), strjoin("", "x"),
	    strjoin("a", ""), strjoin("", ""));
	printf("[%s] [%s] [%s] [%s] [%s] [%s]\n", substr("abcdefghijklmnop", 2, 3),
	    substr("abcde", -7, 3), substr("abcdefghijklmnop", 2, -10),
	    substr("abcde", -2), substr("abcde", 300), substr("abcde", -10, 3));
	printf("%s %s\n", toupper("hello World1"), tolower("HeLLo {Z}"));
	exit(0);
}
