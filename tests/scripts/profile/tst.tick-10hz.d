/* @@opts: -q */
/* tick-10hz fires, on an idle machine too. */
tick-10hz
{
	printf("tick-10hz\n");
	exit(0);
}
