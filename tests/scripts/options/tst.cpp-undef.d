/* @@opts: -q -C -D FOO -U FOO */
/* -U undefines a macro defined earlier on the command line. */
BEGIN
{
#ifdef FOO
	printf("defined\n");
#else
	printf("undefined\n");
#endif
	exit(0);
}
