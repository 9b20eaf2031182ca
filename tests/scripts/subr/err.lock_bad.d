/* a lock that cannot be read faults: invalid address, the address
 * reported */
/* @@filter: pc */
#pragma D option quiet

BEGIN
{
	trace(mutex_owned(NULL));
}
BEGIN
{
	trace(rw_read_held((rwlock_t *)16));
}
ERROR
{
	printf("fault %d %x\n", arg4, arg5);
}
BEGIN
{
	exit(1);
}
