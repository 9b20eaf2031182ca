/* syscall provider (tracepoints): the baseline.
 * Tracepoints work in the guest too (the baseline for the fbt tests).
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
syscall::read:entry
/pid == $target && arg2 == 100/
{
	printf("read %d\n", arg2);
	exit(0);
}
