/* @@filter: pc */
/* copyinto() from an unmapped user address faults. */
#pragma D option quiet

BEGIN
{
	ptr = (char *)alloca(16);
	copyinto(0, 8, ptr);
	exit(0);
}

ERROR
{
	exit(1);
}
