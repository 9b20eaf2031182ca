/* an action is a void operand, reported as such first */
BEGIN
{
	printf("%s", stringof(trace(0)));
}
