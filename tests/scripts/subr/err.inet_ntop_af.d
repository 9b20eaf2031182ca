/* inet_ntop with an af other than AF_INET (2) or AF_INET6 (10): an
 * illegal operation */
/* @@filter: pc */
#pragma D option quiet

uint32_t a[4];

BEGIN
{
	af = 3;
	trace(inet_ntop(af, &a[0]));
}
ERROR
{
	printf("fault %d\n", arg4);
	exit(1);
}
