/* printa: default layout, a format with %@, several aggregations joined
 * on their keys (a key missing from one prints 0), and an empty one.
 * What printa printed is not printed again at exit. */
#pragma D option quiet

BEGIN
{
	@a["one"] = sum(1);
	@a["two"] = sum(2);
	@b["two"] = count();
	@b["three"] = count();
	@b["three"] = count();
	@e[1] = count();
	trunc(@e);
	printa(@a);
	printa("%-6s|%@4d|\n", @a);
	printa("%s %@d %@d\n", @a, @b);
	printa(@e);
	printf("end\n");
	exit(0);
}
