/* cleanpath()'s byte loop on older verifiers: six in one clause at
 * strsize 256.
 * @@opts: -q
 */
BEGIN
{
	printf("%s %s %s\n%s %s %s\n", cleanpath("/foo/bar/../../baz/.//"),
	    cleanpath("foo/bar/./../../baz/.//"), cleanpath("/../../../../../"),
	    cleanpath("/usr/lib/../bin/./sh"), cleanpath("/foo/bar/baz/."),
	    cleanpath("foo/.."));
	exit(0);
}
