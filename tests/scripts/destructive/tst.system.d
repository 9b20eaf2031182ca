/* system() runs its printf-made text after what was printed before it. */
#pragma D option quiet
#pragma D option destructive

BEGIN
{
	this->s = "foo";
	printf("first\n");
	system("echo %s %d %d", this->s, 9, -2);
	printf("then\n");
	system("echo %s", probename);
	exit(0);
}
