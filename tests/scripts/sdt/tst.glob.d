/* @@opts: -q */
/* sdt descriptions take globs. */
sdt:sched::sched_switc?
{
	exit(0);
}

END
{
	printf("done\n");
}
