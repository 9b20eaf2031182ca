# -x bufpolicy: fill keeps the first records, drops (and reports) the rest
# and still prints END's; ring keeps the newest, bufsize bytes of them,
# printed at exit; switch (the default) loses nothing.  300 records of 24
# bytes go to a 4 KB buffer.
dtrace=$1; cd "$2" || exit 1
cat > p.d <<'D'
#pragma D option bufsize=4k
#pragma D option quiet
tick-1ms { printf("%d\n", i++); }
tick-1ms /i > 300/ { exit(0); }
END { printf("end\n"); }
D
# run POLICY: first record, last record, whether they are contiguous,
# the END line, and whether drops were reported
run() {
	"$dtrace" -x bufpolicy=$1 -s p.d > out 2> err || echo "exit status $?"
	awk -v p=$1 '/^[0-9]+$/ { if (n++ && $1 != last + 1) gap = 1; if (n == 1) first = $1; last = $1 }
		/^end$/ { end = 1 }
		END { printf "%s: first %s, last %s, %s, %s\n", p,
			first == 0 ? "0" : "later", last == 300 ? "300" : "earlier",
			gap ? "gaps" : "contiguous", end ? "END printed" : "no END" }' out
	grep -q "drops on CPU" err && echo "$1: drops reported" || echo "$1: no drops"
}
run fill
run ring
run switch
