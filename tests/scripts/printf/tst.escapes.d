/* @@opts: -q */
/* Escapes in string literals. */
BEGIN
{
	printf("a\tb\\c\"d\101\n");
	exit(0);
}
