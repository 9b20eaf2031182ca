/* A comment never closed. */
BEGIN
{
	exit(0);
}
/* unterminated
