/* @@opts: -q */
/* Clause-local this-> variables, integers and strings. */
BEGIN
{
	this->a = 5;
	this->b = this->a * 2;
	this->s = "local";
	printf("%d %d %s\n", this->a, this->b, this->s);
	exit(0);
}
