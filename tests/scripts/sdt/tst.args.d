/* @@opts: -q */
/* sdt args[] are typed from the tracepoint format: sched_switch's
 * prev_pid is the task switched out, here dtrace itself (tid). */
sdt:sched::sched_switch
/pid == $pid/
{
	printf("%d\n", args[1] == tid);
	exit(0);
}
