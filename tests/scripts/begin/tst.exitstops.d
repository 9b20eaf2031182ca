/* @@filter: cpu */
/* Clauses after the one that called exit() do not run, END does; the
 * exit status is END's exit(0). */
BEGIN
{
	exit(0);
}

BEGIN
{
	printf("not here");
	here++;
}

END
{
	exit(here);
}
