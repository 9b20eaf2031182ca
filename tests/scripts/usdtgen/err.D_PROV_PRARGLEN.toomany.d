/* @@opts: -h */
/* <sys/sdt.h> passes at most 12 arguments. */
provider app {
	probe wide(int, int, int, int, int, int, int, int, int, int, int, int, int);
};
