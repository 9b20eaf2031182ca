/* @@cmd: -s /nonexistent/script.d */
/* A script that cannot be opened. */
