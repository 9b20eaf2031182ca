/* tracemem() of a struct, not an address */
BEGIN
{
	tracemem(*curthread, 16);
}
