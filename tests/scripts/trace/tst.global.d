/* @@filter: cpu */
/* trace() of a global int built up over several clauses. */
BEGIN
{
	n = 1;
}

BEGIN
{
	n += 6;
}

BEGIN
{
	trace(n);
	exit(0);
}
