# A stripped helper still shows its function names once its debug file
# is where the build-id says (/usr/lib/debug/.build-id/xx/yyyy.debug);
# without it, only the module and addresses.
. "$(dirname "$0")/lib.sh"
build_helper "$2"
id=$(readelf -n "$2/helper" | awk '/Build ID:/ { print $3 }')
[ -n "$id" ] || { echo "no build-id"; exit 1; }
debug=/usr/lib/debug/.build-id/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-).debug
objcopy --only-keep-debug "$2/helper" "$2/helper.debug" || exit 1
strip "$2/helper" || exit 1
script='syscall::getpid:entry /pid == $target/ { ustack(); printf("seen\n"); }'
echo "stripped, no debug file:"
run_held "$1" "$2" "$script" | sed 's/`0x[0-9a-f]*$/`0xADDR/'
created=
[ -d "$(dirname "$debug")" ] || created=$(dirname "$debug")
mkdir -p "$(dirname "$debug")" && cp "$2/helper.debug" "$debug" || exit 1
trap 'rm -f "$debug"; [ -n "$created" ] && rmdir "$created"' EXIT
echo "stripped, debug file by build-id:"
run_held "$1" "$2" "$script"
