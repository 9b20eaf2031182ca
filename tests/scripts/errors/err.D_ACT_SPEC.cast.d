BEGIN
{
	(void)trace(0);
}
