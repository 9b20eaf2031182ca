/* the undeclared variable is reported before the action beside it */
BEGIN
{
	p += trace(0);
}
