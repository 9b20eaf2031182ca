/* @@opts: -q */
/* $pid is dtrace's own pid; $uid and $gid its ids; $ppid its parent. */
BEGIN
{
	printf("%d %d %d %d\n", $pid == pid, $uid == uid, $gid == gid,
	    $ppid == ppid);
	exit(0);
}
