/* A missing ';' between statements. */
BEGIN
{
	x = 1
	y = 2;
}
