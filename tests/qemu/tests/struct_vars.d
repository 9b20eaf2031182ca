/* Struct-typed global and this-> variables on older verifiers (the same as tests/scripts/vars/tst.struct.d).
 * @@opts: -q
 */
struct rec { int a; char c; long l; };
struct rec g;
this struct rec t;
BEGIN
{
	g.a = 5; g.c = 'x'; g.l = -3;
	this->t.a = 7;
	this->t.l = g.l * 2;
	printf("%d %c %d %d %d\n", g.a, g.c, g.l, this->t.a, this->t.l);
	g = this->t;
	printf("%d %d\n", g.a, g.l);
	exit(0);
}
