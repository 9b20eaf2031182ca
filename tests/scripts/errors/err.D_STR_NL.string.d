/* A newline inside a string literal: reported on the line after it. */
BEGIN
{
	printf("broken
string\n");
}
