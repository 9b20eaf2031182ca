/* inet_ntoa6 of NULL: invalid address */
/* @@filter: pc */
#pragma D option quiet

struct in6_addr *p;

BEGIN
{
	trace(inet_ntoa6(p));
}
ERROR
{
	printf("fault %d %x\n", arg4, arg5);
	exit(1);
}
