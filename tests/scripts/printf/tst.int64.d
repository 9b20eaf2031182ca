/* @@opts: -q */
/* 64-bit values print in full through %d, %u, %x and %lld. */
BEGIN
{
	printf("%d %lld\n", 1LL << 40, -1LL);
	printf("%u\n", 0xffffffffffffffffULL);
	printf("%x\n", 0x123456789abcdefULL);
	printf("%d\n", 0x7fffffffffffffffLL);
	exit(0);
}
