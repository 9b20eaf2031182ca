/* A speculation holds -x specsize bytes; records past that are dropped
 * and reported as speculative drops. */
#pragma D option quiet
#pragma D option specsize=600

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("%s\n", "first");
}

BEGIN
{
	speculate(s);
	printf("%s\n", "second");
}

BEGIN
{
	speculate(s);
	printf("%s\n", "third");
}

BEGIN
{
	commit(s);
	exit(0);
}
