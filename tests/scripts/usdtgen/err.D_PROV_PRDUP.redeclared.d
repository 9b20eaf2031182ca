/* @@opts: -h */
/* A probe declared twice in one provider. */
provider app {
	probe start(int);
	probe start();
};
