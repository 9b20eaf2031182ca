/* @@opts: -q */
/* timestamp and walltimestamp are read once a clause (two reads in a
 * clause agree), and anew in each clause. */
BEGIN
{
	this->a = timestamp;
	this->w = walltimestamp;
	this->b = timestamp;
	printf("same in a clause: %d %d\n", this->a == this->b,
	    walltimestamp == this->w);
	t = timestamp;
}

BEGIN
{
	printf("later in the next: %d\n", timestamp > t);
	exit(0);
}
