/* @@cmd: -l -P dtrace */
/* -l -P: every probe of a provider. */
