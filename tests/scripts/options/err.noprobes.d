/* @@cmd: -q */
/* Options but no program. */
