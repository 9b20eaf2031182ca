/* @@opts: -q */
/* END fires after exit(); nothing else does. */
BEGIN
{
	printf("begin\n");
	exit(0);
}

tick-1ms
{
	printf("tick after exit\n");
}

END
{
	printf("end\n");
}
