/* quantize: power-of-two buckets, negatives, zero, an increment. */
#pragma D option quiet

BEGIN
{
	@q = quantize(0);
	@q = quantize(1);
	@q = quantize(3);
	@q = quantize(-5);
	@q = quantize(1000, 3);
	exit(0);
}
