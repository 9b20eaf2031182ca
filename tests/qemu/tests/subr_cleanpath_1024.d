/* cleanpath() at strsize 1024 on older verifiers: 4 times the steps.
 * @@opts: -q -x strsize=1024
 */
BEGIN
{
	x = "/usr/./lib//x86_64-linux-gnu/";	/* 29 bytes */
	x = strjoin(strjoin(x, x), strjoin(x, x));
	x = strjoin(strjoin(x, x), strjoin(x, x));	/* 464 */
	r = cleanpath(strjoin(x, "../../../../bin/sh"));
	printf("%d %s\n", strlen(r), substr(r, 330));
	exit(0);
}
