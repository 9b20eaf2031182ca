BEGIN
{
	@ = quantize("a string");
}
