/* @@filter: pc */
/* A load from a bad address: ERROR's arg1 is the EPID of the faulting
 * clause (ERROR's own clauses are numbered after the others), arg2 the
 * action (statement) number, arg4 DTRACEFLT_BADADDR, arg5 the address;
 * the default message names both IDs and the address. */
#pragma D option quiet

ERROR
{
	printf("epid %d action %d fault %d addr 0x%x\n", arg1, arg2, arg4,
	    arg5);
}

BEGIN
{
	x = 1;
	trace(*(int *)0x40);
}

BEGIN
{
	exit(0);
}
