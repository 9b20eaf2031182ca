/* @@cmd: -n 'BEGIN { exit(0); }' */
/* @@filter: cpu */
/* -n: stderr names the description, cut at the first '{', '/' or ';'. */
