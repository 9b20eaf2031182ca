/* @@filter: cpu */
/* trace() of an int: right-aligned in 10 columns after a space. */
BEGIN
{
	trace(42);
	exit(0);
}
