/* @@filter: pc */
/* Division and modulus by zero: DTRACEFLT_DIVZERO, arg5 0, and
 * DTrace's wording (no address in the message). */
#pragma D option quiet

ERROR
{
	printf("epid %d action %d fault %d arg5 %d\n", arg1, arg2, arg4,
	    arg5);
}

BEGIN
{
	z = 0;
	x = 10 / z;
}

BEGIN
{
	x = 10 % z;
}

BEGIN
{
	exit(0);
}
