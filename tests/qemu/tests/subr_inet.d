/* inet_ntoa, inet_ntoa6 and inet_ntop for older verifiers: the branch-free
 * loops over the groups and bytes, the zero run, embedded IPv4, a
 * runtime af; several calls in one clause.
 * @@opts: -q
 */
uint32_t a[4];

BEGIN
{
	a[0] = htonl(0xfe800000); a[1] = 0; a[2] = htonl(0x02144fff);
	a[3] = htonl(0xfe0b76c8);
	af = 10;
	printf("%s %s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntop(af, &a[0]), inet_ntoa((ipaddr_t *)&a[3]));
	a[0] = 0; a[1] = 0; a[2] = htonl(0xffff); a[3] = htonl(0xc0a80117);
	printf("%s %s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntoa6((struct in6_addr *)&a[0], 1), inet_ntop(af, &a[0]));
	a[0] = htonl(0x00010000); a[1] = htonl(0x00000002); a[2] = htonl(0x00030000);
	a[3] = 0;
	printf("%s %s\n", inet_ntoa6((struct in6_addr *)&a[0]), inet_ntop(2, &a[0]));
	exit(0);
}
