/* inet_ntoa and inet_ntop of an address that cannot be read (a NULL
 * constant, a small number): invalid address, the address reported */
/* @@filter: pc */
#pragma D option quiet

BEGIN
{
	trace(inet_ntoa(NULL));
}
BEGIN
{
	trace(inet_ntop(10, (void *)16));
}
ERROR
{
	printf("fault %d %x\n", arg4, arg5);
}
BEGIN
{
	exit(1);
}
