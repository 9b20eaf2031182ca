/* @@opts: -q */
/* Casts truncate and sign- or zero-extend. */
BEGIN
{
	big = 0x100000001LL;
	printf("%d %d %d %d\n", (char)257, (unsigned char)-1, (short)65537,
	    (int)big);
	printf("%d %d\n", (int)(uint8_t)-1, (int)(int8_t)255);
	exit(0);
}
