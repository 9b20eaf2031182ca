/* @@opts: -q */
/* Globals keep their values from clause to clause and probe to probe. */
BEGIN
{
	x = 1;
	s = "one";
}

BEGIN
{
	x += 2;
	s = "three";
	exit(0);
}

END
{
	printf("%d %s\n", x, s);
}
