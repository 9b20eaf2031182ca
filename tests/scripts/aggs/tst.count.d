/* count() with and without keys; printed at exit, sorted by value. */
#pragma D option quiet

BEGIN
{
	@ = count();
	@ = count();
	@ = count();
	@k["b"] = count();
	@k["a"] = count();
	@k["a"] = count();
	@k["c"] = count();
	@k["c"] = count();
	@k["c"] = count();
	exit(0);
}
