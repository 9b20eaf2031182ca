/* @@opts: -q */
/* Kernel types from BTF: curthread's members, through pointers. */
BEGIN
{
	printf("%d %d\n", curthread->tgid == pid, curthread->pid == tid);
	printf("%d\n", curthread->real_parent->tgid == ppid);
	printf("%d\n", ((struct task_struct *)curthread)->tgid == pid);
	printf("%s\n", stringof(curthread->comm));
	exit(0);
}
