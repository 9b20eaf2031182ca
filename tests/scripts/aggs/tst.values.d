/* sum, avg (truncated toward zero), min, max and stddev. */
#pragma D option quiet

BEGIN
{
	@sum = sum(10); @sum = sum(-3); @sum = sum(20);
	@avg = avg(1); @avg = avg(2);
	@neg = avg(-7); @neg = avg(-8);
	@min = min(5); @min = min(-12); @min = min(3);
	@max = max(-5); @max = max(-2); @max = max(-9);
	@sd = stddev(2); @sd = stddev(4); @sd = stddev(4); @sd = stddev(4);
	@sd = stddev(5); @sd = stddev(5); @sd = stddev(7); @sd = stddev(9);
	@big = stddev(5000000000); @big = stddev(5000000200);
	exit(0);
}
