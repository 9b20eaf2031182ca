/* A clause left open to the end of the file. */
BEGIN
{
	trace(1);
