# dtrace -G: an object defining each probe's semaphore, hidden, in a
# writable .probes section; the program links against it and, untraced,
# sees every is-enabled test false.  Output names follow DTrace's rules.
dtrace=$1; cd "$2" || exit 1
mkdir -p src
cat > src/app.d <<'D'
provider app {
	probe request__start(int, char *);
	probe tick();
};
D
cat > main.c <<'C'
#include "app.h"
int main(void)
{
	APP_REQUEST_START(7, "x");
	APP_TICK();
	return APP_TICK_ENABLED() + APP_REQUEST_START_ENABLED();
}
C
"$dtrace" -h -s src/app.d && cc -c main.c -o main.o || exit 1
"$dtrace" -G -s src/app.d main.o || exit 1
ls *.o
readelf -sW app.o | awk '$8 ~ /semaphore/ { print $3, $4, $5, $6, $8 }'
readelf -SW app.o | sed -n 's/.*\(\.probes\) *\(PROGBITS\).* \(WA\) .*/\1 \2 \3/p'
cc -o app main.o app.o && ./app && echo "untraced: 0"
"$dtrace" -G -o other.o -s src/app.d main.o && ls other.o
"$dtrace" -G -s src/app.d nosuch.o
echo "exit $?"
"$dtrace" -h -n 'BEGIN {}'
echo "exit $?"
