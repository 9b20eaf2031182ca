/* @@opts: -q -C -D VAL=7 -D NAME=\"seven\" */
/* -C runs the preprocessor; -D defines macros for it. */
BEGIN
{
	printf("%d %s\n", VAL, NAME);
	exit(0);
}
