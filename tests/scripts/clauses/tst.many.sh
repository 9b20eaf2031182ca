# 130 clauses on the probes of one site (the syscall tracepoints): each
# runs only on its own probe, including those past the first 64 and 128,
# whose enabling bits are in later words of the selector's mask.
dtrace=$1; cd "$2" || exit 1
cat > calls.c <<'C'
#include <unistd.h>
int main(void) { getppid(); getppid(); getppid(); return 0; }
C
cc -o calls calls.c || exit 1
{
	echo 'BEGIN { n = 0; m = 0; }'
	for k in $(seq 1 130); do
		if [ $((k % 3)) -eq 0 ]; then
			echo "syscall::getppid:entry /pid == \$target/ { n += $k; }"
		else
			echo "syscall::getpid:entry /pid == \$target/ { m += $k; }"
		fi
	done
	printf '%s\n' 'END { printf("%d %d\n", n, m); }'
} > many.d
"$dtrace" -q -s many.d -c ./calls
