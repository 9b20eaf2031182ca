/* an integer less a pointer: D wants the pointer on the left */
int p;

BEGIN
{
	p -= alloca(8);
}
