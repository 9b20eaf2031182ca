/* @@opts: -q */
/* Clauses for one probe run in the order they are written. */
BEGIN
{
	printf("first\n");
}

BEGIN
{
	printf("second\n");
}

BEGIN
{
	printf("third\n");
	exit(0);
}
