/* @@opts: -q */
/* Predicates on globals set by earlier clauses, on strings, with && and ||. */
BEGIN
{
	x = 3;
	s = "abc";
}

BEGIN
/x == 3 && s == "abc"/
{
	printf("both\n");
}

BEGIN
/x != 3 || s == "xyz"/
{
	printf("neither\n");
}

BEGIN
/execname == "dtrace"/
{
	printf("execname\n");
	exit(0);
}
