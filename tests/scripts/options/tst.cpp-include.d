/* @@opts: -q -C -I tests/scripts/options/include */
/* -I adds a directory to the preprocessor's search path. */
#include <answer.h>

BEGIN
{
	printf("%d\n", ANSWER);
	exit(0);
}
