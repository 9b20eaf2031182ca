/* @@filter: cpu */
/* trace() of a string: two spaces, then the string left-aligned in 33. */
BEGIN
{
	trace("hello");
	exit(0);
}
