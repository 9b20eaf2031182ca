/* inet_ntoa, inet_ntoa6, inet_ntop: dotted quads; IPv6 groups in
 * lowercase hex, the first longest run of two or more zero groups as
 * "::"; embedded IPv4 addresses (mapped, compatible) as their quad, with
 * the prefix for inet_ntop(AF_INET6) and a non-zero inet_ntoa6 flag.
 * The addresses are in a global array (its address is a map value). */
#pragma D option quiet

uint32_t a[4];

BEGIN { a[0] = htonl(0xc0a80117); }
BEGIN { printf("%s %s\n", inet_ntoa((ipaddr_t *)&a[0]), inet_ntop(2, &a[0])); }
BEGIN { a[0] = htonl(0x7f000001); }
BEGIN { printf("%s\n", inet_ntoa((ipaddr_t *)&a[0])); }
BEGIN { a[0] = 0xffffffff; }
BEGIN { printf("%s\n", inet_ntoa((ipaddr_t *)&a[0])); }
BEGIN { a[0] = 0; }
BEGIN { printf("%s\n", inet_ntoa((ipaddr_t *)&a[0])); }
BEGIN { a[0] = htonl(0x0a006405); }
BEGIN { printf("%s\n", inet_ntoa((ipaddr_t *)&a[0])); }

/* in the middle */
BEGIN { a[0] = htonl(0xfe800000); a[1] = 0; a[2] = htonl(0x02144fff);
	a[3] = htonl(0xfe0b76c8); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
/* leading, and trailing */
BEGIN { a[0] = 0; a[1] = 0; a[2] = htonl(0x00010002); a[3] = htonl(0x00030004); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
BEGIN { a[0] = htonl(0xfe123456); a[1] = htonl(0x789abcde); a[2] = htonl(0x02140000);
	a[3] = 0; }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
/* all zeros, the loopback address (neither is IPv4) */
BEGIN { a[0] = 0; a[1] = 0; a[2] = 0; a[3] = 0; }
BEGIN { printf("%s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntop(10, &a[0])); }
BEGIN { a[3] = htonl(1); }
BEGIN { printf("%s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntop(10, &a[0])); }
/* a single zero group stays, in the middle or at the end */
BEGIN { a[0] = htonl(0x00010000); a[1] = htonl(0x00020003); a[2] = htonl(0x00040005);
	a[3] = htonl(0x00060007); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
BEGIN { a[0] = htonl(0xfe123456); a[1] = htonl(0x789abcde); a[2] = htonl(0x02144fff);
	a[3] = htonl(0xfe0b0000); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
/* two equal runs: the first; a longer second run: the second */
BEGIN { a[0] = htonl(0x00010000); a[1] = htonl(0x00000002); a[2] = htonl(0x00030000);
	a[3] = htonl(0x00000004); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
BEGIN { a[0] = htonl(0x00010000); a[1] = htonl(0x00000002); a[2] = 0;
	a[3] = htonl(0x00000003); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
/* no zero group; hex without leading zeros */
BEGIN { a[0] = htonl(0xabcdef01); a[1] = htonl(0x00100200); a[2] = htonl(0x3000000f);
	a[3] = htonl(0x0ff0ffff); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }

/* IPv4-mapped */
BEGIN { a[0] = 0; a[1] = 0; a[2] = htonl(0xffff); a[3] = htonl(0x01020304); }
BEGIN { printf("%s %s %s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntoa6((struct in6_addr *)&a[0], 0),
	    inet_ntoa6((struct in6_addr *)&a[0], 1), inet_ntop(10, &a[0])); }
/* IPv4-compatible, also with a zero first byte */
BEGIN { a[2] = 0; a[3] = htonl(0x7f000001); }
BEGIN { printf("%s %s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntoa6((struct in6_addr *)&a[0], 1), inet_ntop(10, &a[0])); }
BEGIN { a[3] = htonl(0x00000102); }
BEGIN { printf("%s %s\n", inet_ntoa6((struct in6_addr *)&a[0]),
	    inet_ntop(10, &a[0])); }
/* neither: 0xfffe before the last 32 bits, a non-zero group before */
BEGIN { a[2] = htonl(0xfffe); a[3] = htonl(0x7f000001); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }
BEGIN { a[2] = htonl(0x00010000); }
BEGIN { printf("%s\n", inet_ntoa6((struct in6_addr *)&a[0])); }

/* inet_ntop's af known only when it runs */
BEGIN { a[0] = htonl(0x20010db8); a[1] = 0; a[2] = 0; a[3] = htonl(0x00000001);
	af = 10; }
BEGIN { printf("%s\n", inet_ntop(af, &a[0])); af = 2; }
BEGIN { printf("%s\n", inet_ntop(af, &a[0])); exit(0); }
