/* @@opts: -q */
/* Output without a newline is completed by the one dtrace prints when
 * tracing ends. */
BEGIN
{
	printf("no newline");
	exit(0);
}
