# dtrace --check: one line a provider, "works" with how, or "unavailable"
# with what the kernel refused; on a kernel without fbt, the reason names
# fentry or kprobes.  Exit 0 when any provider works.
dtrace=$1
"$dtrace" --check > "$2/out" || exit 1
head -1 "$2/out" | sed 's/(.*)/(RELEASE)/'
awk 'NR > 1 {
	state = ($2 == "works" || $2 == "unavailable") ? "ok" : "BAD STATE"
	reason = NF > 2 ? "a reason" : "NO REASON"
	print $1, state, reason
}' "$2/out"
awk '$1 == "fbt" && $2 == "unavailable" && !/fentry|kprobe|BTF/ { print "fbt: reason names no mechanism" }' "$2/out"
