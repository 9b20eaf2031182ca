/* @@opts: -q -n 'BEGIN { printf("from -n\n"); }' */
/* -n and -s together: programs run in command-line order. */
BEGIN
{
	printf("from -s\n");
	exit(0);
}
