/* llquantize: log-linear buckets, factor 10, magnitudes 0..3, 10 steps. */
#pragma D option quiet

BEGIN
{
	@ = llquantize(0, 10, 0, 3, 10);
	@ = llquantize(7, 10, 0, 3, 10);
	@ = llquantize(42, 10, 0, 3, 10);
	@ = llquantize(45, 10, 0, 3, 10);
	@ = llquantize(999, 10, 0, 3, 10);
	@ = llquantize(123456, 10, 0, 3, 10);
	exit(0);
}
