/* @@cmd: -l -n 'dtrace:::E*' */
/* -l -n with a glob in the name. */
