/* @@opts: -q */
/* printf of variables: an int, a string, a negative char. */
BEGIN
{
	i = 12;
	s = "str";
	c = (char)-3;
	printf("%d %s %d\n", i, s, c);
	exit(0);
}
