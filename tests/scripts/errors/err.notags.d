/* Without -xerrtags the message carries no tag. */
BEGIN
{
	x = 1
	y = 2;
}
