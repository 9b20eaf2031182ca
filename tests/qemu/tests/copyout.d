/* copyoutstr() (bpf_probe_write_user), which the host's policy refuses:
 * dd reads "hello\n" and writes what the probe put in its buffer.
 * @@opts: -w -q -c 'dd if=/tmp/hello.txt bs=100 count=1 status=none'
 */
syscall::read:entry
/pid == $target && arg2 == 100/
{
	self->buf = arg1;
}

syscall::read:return
/self->buf && arg0 == 6/
{
	copyoutstr("HOWDY\n", self->buf, 6);
	self->buf = 0;
}
