/* A string stored and loaded through a string pointer into alloca()'s
 * space: it takes strsize bytes. */
#pragma D option quiet
#pragma D option strsize=64

BEGIN
{
	x = (string *)alloca(sizeof (string));
	*x = "abc";
	printf("%s %d\n", *x, strlen(*x));
	exit(0);
}

ERROR
{
	exit(1);
}
