/* lltostr with bases, byte order, getmajor/getminor, progenyof, rand */
#pragma D option quiet
BEGIN
{
	printf("%s %s %s %s %s %s %s\n", lltostr(-1234), lltostr(0), lltostr(0, 16),
	    lltostr(255, 16), lltostr(8, 8), lltostr(5, 2), lltostr(35, 36));
	printf("%x %x %x %x %x %x\n", htons(0x1234), htonl(0x12345678),
	    htonll(0x0102030405060708), ntohs(0x3412), ntohl(0x78563412),
	    ntohll(0x0807060504030201));
	printf("%x %x\n", getmajor(0xabcdef0123456789ll), getminor(0x1234567));
	printf("%d %d\n", progenyof($pid), progenyof(-5));
	r = rand();
	printf("%d\n", r == (int)r);
	exit(0);
}
