/* @@opts: -q */
/* %s with widths and precision, %c, %%. */
BEGIN
{
	printf("[%s][%10s][%-10s][%.3s]\n", "abc", "abc", "abc", "abcdef");
	printf("%c%c%c\n", 'h', 'i', 33);
	printf("100%%\n");
	exit(0);
}
