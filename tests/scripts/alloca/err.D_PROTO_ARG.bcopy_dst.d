/* bcopy() writes only into alloca()'s space. */
BEGIN
{
	bcopy("abc", (void *)NULL, 3);
	exit(0);
}
