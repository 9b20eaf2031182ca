/* bcopy() from a string and between two allocations, its arguments
 * evaluated in order; printf's %s of the copy. */
#pragma D option quiet

BEGIN
{
	s = alloca(10);
	bcopy(probename, s, 5);
	printf("'%s'\n", (string)s);
	src = (char *)alloca(8);
	dst = (char *)alloca(8);
	bcopy("abcdefgh", src, 8);
	dst[0] = dst[1] = dst[2] = dst[3] = '.';
	dst[4] = dst[5] = dst[6] = dst[7] = '.';
	n = 2;
	bcopy((void *)(src + (n++)), (void *)(dst + (n++)), (n++));
	printf("%c%c%c%c%c%c%c%c\n", dst[0], dst[1], dst[2], dst[3],
	    dst[4], dst[5], dst[6], dst[7]);
	exit(0);
}

ERROR
{
	exit(1);
}
