BEGIN
{
	printf("recorded\n");
	speculate(1);
}
