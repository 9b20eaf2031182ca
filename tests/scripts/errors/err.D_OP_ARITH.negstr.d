/* Unary minus of a string. */
BEGIN
{
	x = -"abc";
	exit(0);
}
