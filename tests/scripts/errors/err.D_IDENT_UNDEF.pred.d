/* An unknown identifier in a predicate. */
BEGIN
/nosuchvar == 1/
{
	exit(0);
}
