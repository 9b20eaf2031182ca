/* @@opts: -q */
/* profile-N with units. */
profile-5ms,
profile-1001us
{
	exit(0);
}

END
{
	printf("done\n");
}
