/* $1 with no argument given. */
BEGIN
{
	exit($1);
}
