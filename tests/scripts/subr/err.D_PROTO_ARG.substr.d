BEGIN
{
	trace(substr(probename, 1, "a"));
}
