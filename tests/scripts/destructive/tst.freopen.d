/* freopen() sends the output to a file, freopen("") back; ftruncate()
 * empties the file it goes to. */
#pragma D option quiet
#pragma D option destructive

BEGIN
{
	freopen("/tmp/dtrace-freopen.%d", pid);
	printf("lost\n");
	ftruncate();
	printf("in the file\n");
	freopen("");
	printf("back\n");
	system("cat /tmp/dtrace-freopen.%d; rm -f /tmp/dtrace-freopen.%d", pid, pid);
	exit(0);
}
