/* bcopy() past the destination's allocation: an invalid size. */
#pragma D option quiet

BEGIN
{
	s = (char *)alloca(16);
	bcopy("01", &s[15], 2);
	exit(0);
}

ERROR
{
	printf("fault %d\n", arg4);
	exit(0);
}
