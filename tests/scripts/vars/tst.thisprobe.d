/* @@opts: -q */
/* this-> variables live for one firing: later clauses of the same
 * firing see them. */
BEGIN
{
	this->v = 41;
}

BEGIN
{
	this->v++;
	printf("%d\n", this->v);
	exit(0);
}
