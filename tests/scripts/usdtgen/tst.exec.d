/* @@opts: -q */
/* A script that declares a provider still runs its clauses. */
provider app {
	probe start(int, char *);
};

BEGIN
{
	printf("ran\n");
	exit(0);
}
