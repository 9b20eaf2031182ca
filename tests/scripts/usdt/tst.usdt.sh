# The usdt provider on a program built with dtrace -h and -G: probes
# named as DTrace names them (request__start is request-start), arguments
# decoded from the notes' operands, and the is-enabled macro true while
# the probe is traced (the kernel counts the semaphore), false otherwise.
dtrace=$1; cd "$2" || exit 1
cat > app.d <<'D'
provider app {
	probe request__start(int, char *);
	probe request__done(int, long);
	probe tick();
};
D
cat > main.c <<'C'
#include <stdio.h>
#include "app.h"
int main(void)
{
	char req[16];
	int enabled = 0;
	for (int i = 0; i < 3; i++) {
		snprintf(req, sizeof(req), "req%d", i);
		APP_REQUEST_START(i, req);
		if (APP_REQUEST_DONE_ENABLED()) {
			enabled++;
			APP_REQUEST_DONE(i, (long)i * -100);
		}
		APP_TICK();
	}
	FILE *f = fopen("result", "w");	/* not stdout: dtrace writes there */
	fprintf(f, "done enabled %d times\n", enabled);
	fclose(f);
	return 0;
}
C
"$dtrace" -h -s app.d && cc -O1 -c main.c && "$dtrace" -G -s app.d main.o &&
	cc -o app main.o app.o || exit 1
./app; cat result
"$dtrace" -q -c ./app -n '
app$target:::request-start { printf("start %d %s\n", arg0, copyinstr(arg1)); }
app$target:::request-done { printf("done %d %d\n", arg0, arg1); }
app$target:::tick { @ticks = count(); }
END { printa("ticks %@d\n", @ticks); }'
cat result
"$dtrace" -q -c ./app -n 'app$target:::tick { @ticks = count(); }
END { printa("only tick traced: ticks %@d\n", @ticks); }'
cat result
"$dtrace" -l -n 'app$target:app:main:request-*' -c ./app |
	awk '{ sub(/^app[0-9]+$/, "appPID", $2); print $2, $3, $4, $5 }'
