/* @@opts: -q */
/* %d %i %u %x %X %o and the # flag. */
BEGIN
{
	printf("%d %i %u\n", -5, 7, 3);
	printf("%x %X %o %#x %#o\n", 255, 255, 8, 255, 8);
	exit(0);
}
