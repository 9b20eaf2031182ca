/* @@opts: -e */
/* -e compiles and exits: nothing runs, nothing is printed. */
BEGIN
{
	printf("not run\n");
	exit(1);
}
