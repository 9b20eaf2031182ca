# usym(), ufunc(), umod(), uaddr() of the helper's ucaller (middle, the
# caller of leaf) and %A of it; func() and mod() of caller in the kernel.
# Keys of usym() at two addresses in one function are one row, as are
# umod() keys of two functions of one object.
. "$(dirname "$0")/lib.sh"
build_helper "$2"
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	printf("%A\n", uaddr(ucaller)); trace(ufunc(ucaller)); printf("\n");
	trace(umod(ucaller)); trace(uaddr(ucaller)); printf("\n");
	@u[usym(ucaller)] = count();
	@u[usym(ucaller - 1)] = count();
	@m[umod(ucaller)] = count();
	@m[umod(ucaller - 0x9 - 0x20)] = count();
	@a[uaddr(ucaller)] = count();
	@a[uaddr(ucaller - 1)] = count();
	@k[func(caller)] = count();
	@ks[sym(caller)] = count();
	@ks[sym(caller - 1)] = count();
	@km[mod(caller)] = count();
	printf("seen\n"); }' | sed -e 's/  *$//' -e 's/vmlinux`[a-z_0-9]*/vmlinux`FUNC/'
