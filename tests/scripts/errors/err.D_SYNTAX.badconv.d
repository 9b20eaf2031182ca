/* printf with a conversion DTrace does not have. */
BEGIN
{
	printf("%z\n", 1);
	exit(0);
}
