# -x noresolve: user frames as module:0xoffset in the mapping, kernel
# frames as raw addresses.
. "$(dirname "$0")/lib.sh"
build_helper "$2"
run_held "$1" "$2" 'syscall::getpid:entry /pid == $target/ {
	ustack(); stack(1); printf("seen\n"); }' -x noresolve |
	sed -e 's/helper:0x[0-9a-f]*$/helper:0xOFF/' \
	    -e 's/^\( *\)0xffff[0-9a-f]*$/\10xKERNEL/'
