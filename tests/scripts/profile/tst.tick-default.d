/* @@filter: ids */
/* Not quiet: a tick probe's line. */
tick-10ms
{
	exit(0);
}
