/* @@cmd: -V */
/* -V reports the D API version. */
