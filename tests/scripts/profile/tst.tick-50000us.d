/* @@opts: -q */
/* tick-50000us fires, on an idle machine too. */
tick-50000us
{
	printf("tick-50000us\n");
	exit(0);
}
