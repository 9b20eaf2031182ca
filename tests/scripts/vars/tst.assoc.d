/* Associative arrays: tuple keys of integers and strings, a missing
 * element reads as 0 or a NULL string (equal to "", a fault to print:
 * error/tst.dvar_null.d), assigning 0 deletes, compound assignment. */
#pragma D option quiet

int last[string];

BEGIN
{
	a[1] = 5;
	a[2] = 7;
	a[1]++;
	a[2] += 10;
	b["x", 3] = "hello";
	b["y", 3] = "world";
	s = "x";
	printf("%d %d %d\n", a[1], a[2], a[3]);
	printf("%s %s [%d]\n", b[s, 3], b["y", 1 + 2], b["z", 3] == "");
	a[1] = 0;
	printf("%d\n", a[1]);
	last["k"] = 12;
	last[b["x", 3]] = last["k"] * 2;
	printf("%d %d\n", last["k"], last["hello"]);
	exit(0);
}
