/* A provider that does not exist. */
nosuchprovider:::
{
	exit(0);
}
