/* @@opts: -q */
/* tick-1sec fires, on an idle machine too. */
tick-1sec
{
	printf("tick-1sec\n");
	exit(0);
}
