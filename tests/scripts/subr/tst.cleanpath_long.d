/* cleanpath() with strsize 1024: paths past 256 bytes, ".." across
 * them, and the cut at strsize - 5 bytes. */
#pragma D option quiet
#pragma D option strsize=1024
BEGIN
{
	s = "/aaaaaaaaaaaaaaa";
	s = strjoin(s, s);
	s = strjoin(s, s);
	s = strjoin(s, s);
	s = strjoin(s, s);
	s = strjoin(s, s);		/* 32 components, 512 bytes */
	r = cleanpath(strjoin(s, "/b/../../..//./c/"));
	printf("%d %s\n", strlen(r), substr(r, 470));
	r = cleanpath(strjoin(strjoin(s, "/./"), s));
	printf("%d %s\n", strlen(r), substr(r, 1000));
	exit(0);
}
