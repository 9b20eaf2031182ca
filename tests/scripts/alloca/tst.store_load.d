/* Stores and loads through alloca()'d pointers: *p, p[i], a struct's
 * member through a cast, and the bytes read back as a string. */
#pragma D option quiet

struct pair { int x; long y; };

BEGIN
{
	p = (int *)alloca(4 * sizeof (int));
	*p = 5;
	p[3] = 0x42;
	p[1] = 7;
	p[1] += 3;
	printf("%d %d %d\n", *p, p[1], p[3]);
	s = (struct pair *)alloca(sizeof (struct pair));
	s->x = 1;
	s->y = -2;
	printf("%d %d\n", s->x, s->y);
	c = (char *)alloca(4);
	c[0] = 'h'; c[1] = 'i'; c[2] = '\0';
	printf("%s %s\n", stringof(c), (string)(void *)c);
	printf("%d\n", alloca(0) == alloca(0));
	exit(0);
}

ERROR
{
	exit(1);
}
