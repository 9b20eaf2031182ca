/* @@opts: -q */
/* enum, inline and typedef declarations. */
enum color {
	RED,
	GREEN = 5,
	BLUE
};

inline int TEN = 10;
inline string NAME = "inline";

typedef int myint_t;
myint_t v;

BEGIN
{
	v = TEN * 2;
	printf("%d %d %d %d %s %d\n", RED, GREEN, BLUE, TEN, NAME, v);
	exit(0);
}
