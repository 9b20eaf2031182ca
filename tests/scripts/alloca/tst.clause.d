/* alloca()'s space is the clause's: the next clause starts with none,
 * and a pointer kept from the last one no longer reads. */
#pragma D option quiet

BEGIN
{
	s = (char *)alloca(1);
	*s = 'a';
	printf("%c\n", *s);
}

BEGIN
{
	trace(*s);
}

ERROR
{
	printf("fault %d\n", arg4);
	exit(0);
}
