/* exit() of a string. */
BEGIN
{
	exit("one");
}
