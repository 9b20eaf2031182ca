/* tick-N below DTrace's minimum interval (200us) does not exist. */
tick-1ns
{
	exit(0);
}
