/* stackdepth, caller and ustackdepth have values in BEGIN (dtrace's own
 * stack, through the bpf syscall). */
#pragma D option quiet
BEGIN
{
	printf("%d %d %d\n", stackdepth > 1, caller != 0, ustackdepth > 0);
	exit(0);
}
