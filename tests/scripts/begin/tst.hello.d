/* @@opts: -q */
/* printf of a string and an integer from BEGIN, then exit(0). */
BEGIN
{
	printf("hello %s %d\n", "world", 42);
	exit(0);
}
