/* A variable holds pointers into alloca()'s space or others, not a
 * choice between the two. */
BEGIN
{
	a = (char *)alloca(1);
	a = (a == NULL) ? (char *)50 : a;
	exit(0);
}
