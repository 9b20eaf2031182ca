/* Not even one element fits: DTrace refuses to start. */
#pragma D option dynvarsize=8

BEGIN
{
	a["key"] = 1;
	exit(0);
}
