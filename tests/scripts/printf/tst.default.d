/* @@filter: cpu */
/* Not quiet: printf output follows the probe line; the record ends with a
 * newline of its own. */
BEGIN
{
	printf("hello");
}

BEGIN
{
	printf("%d\n", 7);
	exit(0);
}
