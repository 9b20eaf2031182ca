/* @@opts: -q */
/* @@args: 5 */
/* @@status: 5 */
/* A macro argument as exit()'s status. */
BEGIN
{
	exit($1);
}
