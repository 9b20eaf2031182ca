/* raise() signals the process that fired the probe: the target's sleep
 * ends with SIGKILL and dtrace exits with it. */
/* @@opts: -w -q -c "sleep 10" */

syscall::clock_nanosleep:entry,
syscall::nanosleep:entry
/pid == $target/
{
	raise(9);
}

END
{
	printf("done\n");
}
