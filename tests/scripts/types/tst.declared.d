/* @@opts: -q */
/* Declared globals start at zero or the empty string. */
int i;
string s;
uint64_t u;

BEGIN
{
	printf("[%d][%s][%d]\n", i, s, u);
	exit(0);
}
