/* @@opts: -q */
/* @@status: 3 */
/* dtrace exits with the status given to exit(). */
BEGIN
{
	exit(3);
}
