/* @@cmd: -K */
/* @@status: 2 */
/* An unknown option: getopt's message, the usage, exit status 2. */
