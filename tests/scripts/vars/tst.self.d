/* self-> variables belong to one thread: what the target sets at read
 * entry it sees at read return, and no other thread sees it. */
/* @@opts: -q -c "cat /dev/null" */

BEGIN
{
	entries = returns = bad = 0;
}

syscall::read:entry
/pid == $target/
{
	self->in = 1;
	self->seen[execname] = 7;
	entries++;
}

syscall::read:return
/self->in/
{
	returns++;
	bad += pid != $target || self->seen["cat"] != 7;
	self->in = 0;
	self->seen["cat"] = 0;
}

syscall::read:return
/pid != $target && self->in/
{
	bad++;
}

END
{
	printf("%d %d\n", entries > 0 && entries == returns, bad);
}
