/* @@opts: -q -o /dev/stdout */
/* -o appends the output to a file. */
BEGIN
{
	printf("to the file\n");
	exit(0);
}
