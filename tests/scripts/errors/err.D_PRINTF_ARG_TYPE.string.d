/* printf %d given a string. */
BEGIN
{
	printf("%d\n", "str");
	exit(0);
}
