/* printf with no arguments at all. */
BEGIN
{
	printf();
	exit(0);
}
