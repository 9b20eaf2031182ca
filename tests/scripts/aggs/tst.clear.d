/* clear() keeps the keys with zero values; trunc(@, n) keeps the n
 * highest, trunc(@, -n) the n lowest; normalize divides what prints. */
#pragma D option quiet

BEGIN
{
	@c["x"] = count();
	@c["y"] = count();
	clear(@c);
	printa(@c);
	@t[1] = sum(10); @t[2] = sum(20); @t[3] = sum(30); @t[4] = sum(40);
	trunc(@t, 2);
	printa(@t);
	@u[1] = sum(10); @u[2] = sum(20); @u[3] = sum(30); @u[4] = sum(40);
	trunc(@u, -1);
	printa(@u);
	@n = sum(1000);
	normalize(@n, 10);
	printa(@n);
	denormalize(@n);
	printa(@n);
	exit(0);
}
