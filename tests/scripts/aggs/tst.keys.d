/* Keys of several types: tuples sort by value, then key by key. */
#pragma D option quiet

BEGIN
{
	@a["x", 2] = sum(5);
	@a["x", 1] = sum(5);
	@a["w", 9] = sum(5);
	@a["y", 0] = sum(1);
	@b[(char)65] = count();
	@d[(short)-1] = count();
	@c[1000000000000] = max(1);
	exit(0);
}
