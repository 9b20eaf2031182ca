/* @@cmd: -n syscall::nosuch:entry */
/* A -n description that matches nothing. */
