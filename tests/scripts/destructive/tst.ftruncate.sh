# ftruncate() needs no -w (DTrace counts it no destructive action): the
# output file keeps only what was printed after it.
"$1" -q -o "$2/out" -n 'tick-10ms { printf("%d\n", i++); }
	tick-10ms /i == 4/ { ftruncate(); }
	tick-10ms /i == 8/ { exit(0); }' || exit 1
cat "$2/out"
