/* @@opts: -q */
/* One clause for several probe descriptions. */
BEGIN,
END
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
