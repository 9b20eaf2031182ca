# An aggregation keyed by ustack() of a process that exited before END
# prints its function names: the process's symbols were read while it
# lived (the ustack() key tells the consumer its pid).
. "$(dirname "$0")/lib.sh"
build_helper "$2"
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	@a[ustack()] = count(); @b[ustack(2)] = sum(2); printf("seen\n"); }
	END { printf("helper exited: %d\n", 1); }'
