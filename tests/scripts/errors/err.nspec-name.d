/* @@cmd: -n nosuchprobe */
/* A -n description of one part is a probe name. */
