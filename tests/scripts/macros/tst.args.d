/* @@opts: -q */
/* @@args: 42 hello */
/* Macro arguments: $1 as an integer, $$2 as a string. */
BEGIN
{
	printf("%d %s\n", $1 + 1, $$2);
	exit(0);
}
