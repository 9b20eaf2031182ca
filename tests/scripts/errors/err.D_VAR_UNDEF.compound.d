/* A compound assignment to a variable that does not exist yet. */
BEGIN
{
	p -= 1;
	exit(0);
}
