/* index, rindex (with positions), strstr, strchr, strrchr; not found */
#pragma D option quiet
BEGIN
{
	printf("%d %d %d %d %d %d\n", index("foobarbaz", "barbaz"),
	    rindex("foofoofoo", "foo"), index("foobar", ""), rindex("foobar", ""),
	    index("foofoofoo", "foo", 4), rindex("foofoofoo", "foo", 4));
	printf("%d %d %d %d\n", index("foobar", "foobarbaz"), index("", "x"),
	    rindex("aaaaaaaa", "aaa"), index("abcabd", "abd"));
	printf("%s|%s|%d\n", strstr("foobarbarbazbarbop", "barba"),
	    strstr("abc", ""), strstr("abc", "x") == NULL);
	printf("%s|%s|%s|%d\n", strchr("hello", 'l'), strrchr("hello", 'l'),
	    strchr("abc", 0), strrchr("abc", 'z') == NULL);
	exit(0);
}
