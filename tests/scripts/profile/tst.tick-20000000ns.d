/* @@opts: -q */
/* tick-20000000ns fires, on an idle machine too. */
tick-20000000ns
{
	printf("tick-20000000ns\n");
	exit(0);
}
