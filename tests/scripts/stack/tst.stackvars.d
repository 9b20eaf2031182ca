/* BEGIN has no kernel stack (DTrace prints none), so stackdepth and
 * caller are 0 there; ustackdepth is dtrace's own stack.  In a syscall
 * probe the kernel stack has frames.
 * @@opts: -c 'cat /dev/null' */
#pragma D option quiet
BEGIN
{
	printf("%d %d %d\n", stackdepth, caller, ustackdepth > 0);
	printf("[%k]\n", stack());
}

syscall::openat:entry
/pid == $target/
{
	printf("%d %d\n", stackdepth > 1, caller != 0);
	exit(0);
}
