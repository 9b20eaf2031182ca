/* @@opts: -q */
/* Quiet mode: trace() prints the bare values. */
BEGIN
{
	trace(1);
	trace("a");
	trace(-2);
	trace("\n");
	exit(0);
}
