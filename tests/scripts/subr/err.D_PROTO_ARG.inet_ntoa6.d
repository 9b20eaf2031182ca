/* inet_ntoa6's flag must be an integer constant */
uint32_t a[4];

BEGIN
{
	x = 1;
	trace(inet_ntoa6((struct in6_addr *)&a[0], x));
}
