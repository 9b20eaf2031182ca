BEGIN
{
	strtok(1234, "abc");
}
