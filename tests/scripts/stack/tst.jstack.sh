# jstack() is ustack() with jstack's frame count (-x jstackframes): no
# Java helper walks frames on Linux.  Also as an aggregation key.
. "$(dirname "$0")/lib.sh"
build_helper "$2"
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	jstack(); jstack(2, 100); @[jstack(1)] = count(); printf("seen\n"); }'
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	jstack(); printf("seen\n"); }' -x jstackframes=2
