/* So is a constant remainder by an expression that folds to zero. */
BEGIN
{
	x = 7 % (3 - 3);
	exit(0);
}
