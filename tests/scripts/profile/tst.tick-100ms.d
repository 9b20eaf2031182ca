/* @@opts: -q */
/* tick-100ms fires, on an idle machine too. */
tick-100ms
{
	printf("tick-100ms\n");
	exit(0);
}
