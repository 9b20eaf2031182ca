/* One of several descriptions matches nothing: the clause fails. */
BEGIN,
fake:nosuch:probe
{
	exit(0);
}
