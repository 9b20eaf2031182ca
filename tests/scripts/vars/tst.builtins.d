/* @@opts: -q */
/* Built-in variables in BEGIN, which runs in dtrace itself. */
BEGIN
{
	printf("%s %d %d %d\n", execname, pid == $pid, tid == pid, ppid > 0);
	printf("%d %d %d %d\n", id, uid == 0, gid == 0, cpu < 4096);
	printf("%d %d %d\n", timestamp > 0, vtimestamp > 0,
	    walltimestamp > 1600000000000000000);
	printf("%s:%s:%s:%s\n", probeprov, probemod, probefunc, probename);
	exit(0);
}
