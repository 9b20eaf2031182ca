/* A constant division by zero is caught at compile time. */
BEGIN
{
	x = 1 / 0;
	exit(0);
}
