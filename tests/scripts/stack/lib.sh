# lib.sh - what the stack tests share (sourced by tst.*.sh; not a test).
# build_helper DIR [CFLAGS...]: DIR/helper from helper.c, frame pointers on.
build_helper() {
	dir=$1
	shift
	cc -O0 -g -fno-omit-frame-pointer -Wl,--build-id "$@" \
		-o "$dir/helper" "$(dirname "$0")/helper.c" || exit 1
}

# run_held DTRACE DIR SCRIPT [OPTS...]: run SCRIPT on DIR/helper, which
# stays alive (blocked on a FIFO) until a "seen" line, printed by the
# script, reaches the output file; the output then has "seen" removed.
run_held() {
	dtrace=$1 dir=$2 script=$3
	shift 3
	rm -f "$dir/go" "$dir/out"
	mkfifo "$dir/go" || exit 1
	"$dtrace" -q "$@" -n "$script" -c "$dir/helper $dir/go" \
		-o "$dir/out" 2>"$dir/err" &
	dpid=$!
	n=0
	until grep -q seen "$dir/out" 2>/dev/null; do
		n=$((n + 1))
		if [ $n -gt 200 ] || ! kill -0 $dpid 2>/dev/null; then
			echo "dtrace never traced the helper:"; cat "$dir/err"
			kill $dpid 2>/dev/null
			return 1
		fi
		sleep 0.1
	done
	echo x > "$dir/go"
	wait $dpid
	grep -v '^seen$' "$dir/out" | grep -v 'libc\.so'
}
