/* cleanpath() as illumos's DTrace computes it, quirks included: a
 * trailing "/." stays, "/.." backs up to the last slash (and keeps it),
 * "../" at the start stays, a ".." with no slash before it keeps the
 * first byte only ("foo/.." is "f"), and ".." is never above the root. */
#pragma D option quiet
BEGIN
{
	p[0] = "/foo/bar/baz";
	p[1] = "/foo/bar///baz/";
	p[2] = "/foo/bar/baz/";
	p[3] = "/foo/bar/baz//";
	p[4] = "/foo/bar/baz/.";
	p[5] = "/foo/bar/baz/./";
	p[6] = "/foo/bar/../../baz/.//";
	p[7] = "foo/bar/./../../baz/.//";
	p[8] = "/foo/bar/../../../baz/.//";
	p[9] = "/../../../../../";
	p[10] = "/../../../../../..";
	p[11] = "/./././";
	p[12] = "/./././.";
	p[13] = "/";
	p[14] = "";
	p[15] = "/foo/bar/baz/../../../../../../";
	p[16] = "/foo/bar/baz/../../../../../../.";
	p[17] = "./.././..";
	p[18] = "./";
	p[19] = "../";
	p[20] = "..";
	p[21] = "/..";
	p[22] = "/foo/bar/..";
	p[23] = "/foo/bar/../";
	p[24] = "foo/..";
	p[25] = "foo/../bar";
	p[26] = "/foo/...";
	p[27] = "/foo/..bar/.baz/...";
	p[28] = "/foo/.../../bar";
	p[29] = "//foo//bar//";
	p[30] = "/usr/lib/../bin/./sh";
	p[31] = "a/b/c/../../d";
	p[32] = ".";
	p[33] = "/.";
	p[34] = "/.hidden/..x/y..";
	n = 35;
}

tick-1ms
/i < n/
{
	printf("\"%s\" \"%s\"\n", p[i], cleanpath(p[i]));
	i++;
}

tick-1ms
/i == n/
{
	exit(0);
}
