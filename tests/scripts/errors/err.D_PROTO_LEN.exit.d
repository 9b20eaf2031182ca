/* exit() needs its status. */
BEGIN
{
	exit();
}
