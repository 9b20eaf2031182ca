/* @@opts: -q */
/* A false predicate skips its clause. */
BEGIN
/0/
{
	printf("no\n");
}

BEGIN
/1/
{
	printf("yes\n");
	exit(0);
}
