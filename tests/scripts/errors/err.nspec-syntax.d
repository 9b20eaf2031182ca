/* @@cmd: -n 'BEGIN { x = ; }' */
/* A -n program with a syntax error: no file, no line. */
