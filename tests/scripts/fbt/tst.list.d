/* @@cmd: -l -n fbt::vfs_read: */
/* fbt lists kernel functions from vmlinux BTF, an entry and a return
 * probe each, whether or not this kernel lets them be enabled. */
