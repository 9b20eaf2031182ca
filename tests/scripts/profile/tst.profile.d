/* @@opts: -q */
/* profile-N fires on every CPU; arg0 or arg1 holds the interrupted pc. */
profile-97
{
	pc = arg0 != 0 || arg1 != 0;
	exit(0);
}

END
{
	printf("%d\n", pc);
}
