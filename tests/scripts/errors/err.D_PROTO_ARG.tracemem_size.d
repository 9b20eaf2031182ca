/* tracemem()'s size by its prototype: size_t */
BEGIN
{
	tracemem(123, "sixteen");
}
