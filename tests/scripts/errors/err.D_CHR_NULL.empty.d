/* An empty character constant. */
BEGIN
{
	c = '';
	exit(0);
}
