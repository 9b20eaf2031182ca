/* lquantize: underflow, steps, overflow; keyed, each key its own. */
#pragma D option quiet

BEGIN
{
	@l["a"] = lquantize(-1, 0, 10, 2);
	@l["a"] = lquantize(3, 0, 10, 2);
	@l["a"] = lquantize(4, 0, 10, 2);
	@l["a"] = lquantize(100, 0, 10, 2);
	@m["b"] = lquantize(5, 0, 10);
	exit(0);
}
