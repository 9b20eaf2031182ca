/* strtok(NULL, ...) before any string: invalid address */
#pragma D option quiet
BEGIN
{
	trace(strtok(NULL, "!"));
}
ERROR
{
	printf("fault %d\n", arg4);
	exit(1);
}
