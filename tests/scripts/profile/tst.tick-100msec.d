/* @@opts: -q */
/* tick-100msec fires, on an idle machine too. */
tick-100msec
{
	printf("tick-100msec\n");
	exit(0);
}
