/* @@cmd: -x nosuchoption -n 'BEGIN { exit(0); }' */
/* -x with an option DTrace does not have. */
