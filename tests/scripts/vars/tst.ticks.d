/* @@opts: -q */
/* A global counted in a tick probe; exit on the third tick. */
tick-10ms
{
	n++;
}

tick-10ms
/n == 3/
{
	printf("%d ticks\n", n);
	exit(0);
}
