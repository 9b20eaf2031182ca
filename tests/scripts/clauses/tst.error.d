/* @@opts: -q */
/* A fault at run time (division by zero) fires ERROR and drops the rest of
 * that clause; tracing goes on, and the exit status stays 0. */
BEGIN
{
	x = 0;
	y = 1 / x;
	printf("not reached\n");
}

ERROR
{
	printf("error fired\n");
}

BEGIN
{
	printf("goes on\n");
	exit(0);
}
