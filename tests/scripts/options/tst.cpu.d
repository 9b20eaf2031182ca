/* -x cpu=N: probes fire only for what happens on CPU N. */
/* @@opts: -q -x cpu=0 */

profile-97
/n++ == 20/
{
	printf("%d %d\n", cpu, others);
	exit(0);
}

profile-97
/cpu != 0/
{
	others++;
}
