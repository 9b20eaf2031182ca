/* cleanpath() stops as illumos's does: at a byte once 5 bytes short of
 * strsize (room for a pending "/..", a byte and the NUL), so after 11
 * bytes here, or 14 when "/..." was pending; the argument itself is at
 * most 15 bytes. */
#pragma D option quiet
#pragma D option strsize=16
BEGIN
{
	printf("%s\n", cleanpath("/aaaaaaaaaaaaaaaaaaaa"));
	printf("%s\n", cleanpath("/a/b/c/d/e/f/g/h"));
	printf("%s\n", cleanpath("/a/../b/../c/../d"));
	printf("%s\n", cleanpath("/abcdefgh/../x"));
	printf("%s\n", cleanpath("////////////////a"));
	printf("%s\n", cleanpath("/abcdefghij/.."));
	printf("%s\n", cleanpath("/abcdefghi/..."));
	exit(0);
}
