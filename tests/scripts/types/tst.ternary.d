/* @@opts: -q */
/* The conditional operator, on integers and on strings, nested. */
BEGIN
{
	x = 5;
	printf("%d %s\n", 3 > 2 ? 10 : 20, x == 4 ? "four" : "other");
	printf("%s\n", x < 3 ? "small" : x < 10 ? "medium" : "large");
	exit(0);
}
