/* stack(), ustack() load: bpf_get_stack into records and aggregation keys.
 * The frames depend on the kernel; what prints is that there were some.
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
syscall::read:entry
/pid == $target && arg2 == 12345/
{
	stack();
	ustack(5);
	printf("%k", stack(3));
}

syscall::read:entry
/pid == $target && arg2 == 100/
{
	@k[stack()] = count();
	@u[ustack()] = count();
	printf("depth %d %d\n", stackdepth > 1, caller != 0);
	exit(0);
}

END
{
	printa("kernel stacks %@d\n", @k);
	printa("user stacks %@d\n", @u);
}
