/* @@filter: pc */
/* @@opts: -xdroptags */
/* A fault inside an ERROR clause does not fire ERROR again: it is counted
 * and reported as DTrace reports its dblerrors. */
#pragma D option quiet

BEGIN
{
	trace(*(int *)NULL);
}

ERROR
{
	trace(*(int *)NULL);
}

BEGIN
{
	exit(0);
}
