/* @@opts: -q */
/* tick-1s fires, on an idle machine too. */
tick-1s
{
	printf("tick-1s\n");
	exit(0);
}
