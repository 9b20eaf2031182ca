/* @@opts: -q */
/* Strings compare by their contents. */
BEGIN
{
	s = "hello";
	printf("%d %d %d %d\n", "abc" == "abc", "abc" != "abd", "abc" < "abd",
	    "b" > "abc");
	printf("%d %d %d\n", s == "hello", s == "hell", s >= "hello");
	exit(0);
}
