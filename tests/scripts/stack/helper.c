/* helper.c - the program the stack tests trace: main -> outer -> middle ->
 * leaf, which makes the getpid syscall itself (libc's wrappers keep no
 * frame pointer, so the frame walk would skip their caller).  With an
 * argument it then waits for a byte from that FIFO before exiting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
/* getpid straight from a frame-pointer function: libc's wrappers have none */
__attribute__((noinline)) long leaf(void)
{
	long r;
	__asm__ volatile ("syscall" : "=a"(r) : "0"(39L) : "rcx", "r11", "memory");
	return r;
}
__attribute__((noinline)) long middle(void) { return leaf() + 1; }
__attribute__((noinline)) long outer(void) { return middle() + 1; }
int main(int argc, char **argv)
{
	char c;
	outer();
	if (argc > 1) {		/* wait until told to exit */
		int fd = open(argv[1], O_RDONLY);
		if (fd >= 0 && read(fd, &c, 1) < 0)
			return 1;
	}
	return 0;
}
