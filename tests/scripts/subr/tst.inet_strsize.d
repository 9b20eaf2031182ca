/* inet results are cut at strsize (10 bytes, the NUL included) */
#pragma D option quiet
#pragma D option strsize=10

uint32_t a[4];

BEGIN
{
	a[0] = htonl(0xfe807060);
	a[3] = htonl(0xc0a80117);
	printf("%s|%s|%s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntoa((ipaddr_t *)&a[3]), inet_ntop(2, &a[0]));
	exit(0);
}
