BEGIN
{
	mutex_owned("a lock");
}
