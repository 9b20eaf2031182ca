/* One probe: "probe", not "probes". */
BEGIN
{
	exit(0);
}
