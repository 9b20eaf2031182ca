# stack() in a syscall probe shows vmlinux frames, on their own lines at
# the stackindent; as an aggregation key too.  The frames above
# do_syscall_64 depend on the kernel: only that one is kept.
. "$(dirname "$0")/lib.sh"
build_helper "$2"
"$1" -q -n 'syscall::getpid:entry /pid == $target/ { stack(); printf("%k", stack(5));
	@s[stack()] = count(); }
	END { printa(@s); }' -c "$2/helper" |
	grep -v '^ *vmlinux`\(syscall_trace_enter\|entry_SYSCALL\|x64_sys_call\)' |
	sed 's/do_syscall_64+0x[0-9a-f]*$/do_syscall_64+0xN/'
