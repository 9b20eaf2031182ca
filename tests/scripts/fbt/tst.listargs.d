/* @@cmd: -lv -n fbt::vfs_read:entry -n fbt::vfs_read:return */
/* Argument types come from the function's BTF prototype; on return,
 * args[1] is the return value's type (args[0] the offset, as DTrace). */
