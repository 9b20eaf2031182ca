/* strlen(NULL) compiles, and faults at run time (DTRACEFLT_BADADDR) */
/* @@opts: -q */
/* @@filter: pc */
BEGIN
{
	strlen(0);
	exit(1);
}

ERROR
{
	printf("fault %d at %x\n", arg4, arg5);
	exit(0);
}
