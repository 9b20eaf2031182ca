/* Destructive actions need -w or the destructive option. */
BEGIN
{
	system("true");
}
