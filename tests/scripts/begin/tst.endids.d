/* @@filter: cpu */
/* Not quiet: BEGIN then END, probe IDs 1 and 2. */
END
{
}

BEGIN
{
	exit(0);
}
