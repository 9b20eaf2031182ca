/* @@filter: cpu */
/* Not quiet: a clause whose predicate fails prints no line. */
BEGIN
/0/
{
}

BEGIN
/1/
{
	exit(0);
}
