BEGIN
{
	rw_iswriter();
}
