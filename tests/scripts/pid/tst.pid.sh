# The pid provider on a program the test builds: entry with arguments,
# return with the return value (arg1), an instruction-offset probe, a
# library function (libc.so.6), globs, and -l.
dtrace=$1; cd "$2" || exit 1
cat > prog.c <<'C'
#include <stdio.h>
#include <stdlib.h>
__attribute__((noinline)) int work(int a, int b) { return a * b + 1; }
__attribute__((noinline)) int work2(int a) { return a - 1; }
int main(void)
{
	char name[32];			/* on the stack: paged in */
	int s = 0;
	for (int i = 0; i < 3; i++)
		s += work(i, 10) + work2(i);
	snprintf(name, sizeof(name), "NO_SUCH_%s", "VARIABLE");
	return getenv(name) ? 1 : s == 0;
}
C
cc -O1 -o prog prog.c || exit 1
"$dtrace" -q -c ./prog -n '
pid$target::work:entry { printf("work(%d, %d)\n", arg0, arg1); }
pid$target::work:return { printf("work returned %d\n", arg1); }
pid$target:prog:work2:0 { @off = count(); }
pid$target:prog:work*:entry { @glob[probefunc] = count(); }
pid$target:libc.so.6:getenv:entry { printf("getenv(%s)\n", copyinstr(arg0)); }
END { printa("offset 0 of work2: %@d\n", @off); printa("%s %@d\n", @glob); }'
"$dtrace" -l -n 'pid$target:prog:work*:entry,pid$target:prog:work:return' -c ./prog |
	awk 'NR == 1 { print $2, $3, $4, $5; next } { sub(/^pid[0-9]+$/, "pidPID", $2); print $2, $3, $4, $5 }'
"$dtrace" -n 'pid$target::no_such_function:entry' -c ./prog 2>&1 | sed 's/pid[0-9][0-9]*/pidPID/g'
