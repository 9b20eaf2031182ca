/* D array variables: elements of their declared type, assignment and
 * compound assignment, bounds checked when the index is run-time. */
#pragma D option quiet

int a[5];
char c[3];

BEGIN
{
	i = 2;
	a[i] = 12345678;
	a[0] = -5;
	a[1] += 7;
	a[1]++;
	x = a[1]++;
	c[1] = 300;
	printf("%d %d %d %d %d %d %d\n", a[0], a[1], a[2], a[3], x, c[1],
	    sizeof(a));
}

BEGIN
{
	i = 5;
	a[i] = 1;
	printf("not reached\n");
}

ERROR
{
	printf("fault %d in action %d\n", arg4, arg2);
	exit(0);
}
