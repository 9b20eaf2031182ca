/* @@opts: -q */
/* @@args: world */
/* $$1 is the argument as a string even where $1 would be an identifier. */
BEGIN
{
	printf("hello %s\n", $$1);
	exit(0);
}
