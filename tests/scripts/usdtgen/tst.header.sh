# dtrace -h: the header's macros, named as DTrace names them, compile into
# <sys/sdt.h> probes whose notes carry the declared names and arguments.
dtrace=$1; cd "$2" || exit 1
cat > app.d <<'D'
provider app {
	probe request__start(int, char *);
	probe tick(void);
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
"$dtrace" -h -s app.d || exit 1
grep -E '^#define	(APP_|_APP_H)' app.h
cc -c main.c -o main.o || exit 1
# Each note: provider, name, and how many arguments it passes.
readelf -n main.o | awk '
	$1 == "Provider:" || $1 == "Name:" { print $1, $2 }
	$1 == "Arguments:" { print "Arguments:", NF - 1 }'
