/* @@cmd: -q -n 'BEGIN { printf("a\n"); }' -n 'BEGIN { printf("b\n"); exit(0); }' */
/* Two -n options. */
