/* @@opts: -x bufpolicy=fill -x bufsize=48 */
/* The bufsize accounting every clause runs (cg_buf.c) on this kernel's
 * verifier: a fill buffer of 48 bytes keeps four of the tick CPU's
 * 8-byte records and END's. */
#pragma D option quiet

int i;

tick-1ms
{
	printf("%d\n", i++);
}

END
{
	printf("end\n");
}
