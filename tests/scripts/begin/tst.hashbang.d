#!/usr/sbin/dtrace -qs
/* @@opts: -q */
/* A #! first line is ignored by the compiler. */
BEGIN
{
	printf("ran\n");
	exit(0);
}
