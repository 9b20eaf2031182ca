/* @@filter: cpu */
/* An empty clause still reports its firing; a clause of assignments only
 * records nothing and prints nothing. */
BEGIN
{
}

BEGIN
{
	n = 1;
}

BEGIN
/n == 1/
{
	exit(0);
}
