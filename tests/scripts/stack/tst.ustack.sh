# ustack() of a live process names its functions (libc frames left out).
. "$(dirname "$0")/lib.sh"
build_helper "$2"
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	ustack(); ustack(2); ustack(3, 0); printf("seen\n"); }'
