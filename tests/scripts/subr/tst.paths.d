/* basename, dirname as DTrace's */
#pragma D option quiet
BEGIN
{
	printf("|%s|%s|%s|%s|%s|%s|\n", basename("/foo/bar/baz"),
	    basename("/foo/bar///baz/"), basename("/"), basename(""),
	    basename("f"), basename("/foo/bar/baz/."));
	printf("|%s|%s|%s|%s|%s|%s|\n", dirname("/foo/bar/baz"),
	    dirname("/foo/bar///baz/"), dirname("/"), dirname(""),
	    dirname("f"), dirname("/f"));
	exit(0);
}
