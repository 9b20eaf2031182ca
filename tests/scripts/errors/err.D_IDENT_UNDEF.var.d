/* Reading a variable never declared or assigned. */
BEGIN
{
	trace(foo);
	exit(0);
}
