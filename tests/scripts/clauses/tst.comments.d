/* @@opts: -q */
/* Comments anywhere between tokens. */
BEGIN /* after the probe */
/* before the body */ {
	printf(/* inside */ "%d\n", 1 /* + 1 */);
	/*
	 * several lines
	 */
	exit(0);
}
