/* @@opts: -q */
/* Probe descriptions with provider, empty fields and globs. */
dtrace:::BEGIN
{
	printf("1\n");
}

:::BEGIN
{
	printf("2\n");
}

dtrace::*:BEG*
{
	printf("3\n");
}

d?race:::BEGI[MN]
{
	printf("4\n");
	exit(0);
}
