/* @@opts: -q */
/* sizeof of D's types, of expressions and of a declared struct. */
struct pair {
	int a;
	char b;
};

BEGIN
{
	printf("%d %d %d %d %d %d\n", sizeof (char), sizeof (short), sizeof (int),
	    sizeof (long), sizeof (long long), sizeof (void *));
	printf("%d %d %d %d\n", sizeof (uint8_t), sizeof (int64_t), sizeof (1),
	    sizeof (1LL));
	printf("%d\n", sizeof (struct pair));
	exit(0);
}
