/* Aggregations (per-CPU hash maps), associative arrays and self->
 * variables on this kernel.
 * @@opts: -q -c 'dd if=/tmp/hello.txt of=/dev/null bs=100 count=1'
 */
syscall::read:entry
/pid == $target/
{
	self->n = arg2;
	a[execname] = 1;
}

syscall::read:return
/self->n == 100/
{
	@c[execname] = count();
	@q = quantize(arg0);
	@s = sum(arg0);
	self->n = 0;
}

END
{
	printa("%s %@d\n", @c);
	printa("%@d\n", @s);
	printf("%d %d\n", a["dd"], self->n);
}
