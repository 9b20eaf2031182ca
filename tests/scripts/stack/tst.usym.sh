# usym(), ufunc() of the helper's ucaller (middle, the caller of leaf)
# and %A of it; func() of caller in the kernel is a vmlinux symbol.
. "$(dirname "$0")/lib.sh"
build_helper "$2"
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	printf("%A\n", uaddr(ucaller)); trace(ufunc(ucaller)); printf("\n");
	@u[usym(ucaller)] = count();
	@k[func(caller)] = count();
	printf("seen\n"); }' | sed -e 's/  *$//' -e 's/vmlinux`[a-z_0-9]*/vmlinux`FUNC/'
