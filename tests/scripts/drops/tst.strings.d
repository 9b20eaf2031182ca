/* @@filter: dropcpu */
/* A string of unknown length (a variable's) counts strsize bytes, as in
 * DTrace's buffer: two records of 4 + 256 bytes overflow a 512-byte
 * buffer.  (A literal or execname takes only the bytes it can need.) */
#pragma D option bufsize=512
#pragma D option quiet

BEGIN
{
	this->s = "a";
	printf("%s\n", this->s);
}

BEGIN
{
	this->s = "b";
	printf("%s\n", this->s);
}

BEGIN
{
	exit(0);
}
