/* @@opts: -q */
/* A kernel tracepoint as sdt:GROUP::EVENT. */
sdt:sched::sched_switch
{
	printf("%s %s %s\n", probeprov, probemod, probename);
	exit(0);
}
