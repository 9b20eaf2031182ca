/* Unit test for emit.h: the kernel itself checks the instructions.  A
 * program built with the macros is loaded and run with BPF_PROG_TEST_RUN
 * (needs root and BPF; without them the test says so and checks the
 * encoding only). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "emit.h"
#include "check.h"


int main(void)
{
	int mfd = -1;
	struct bpf_insn ld[] = { LD_IMM64(BPF_REG_1, 0x1122334455667788ULL) };
	CHECK(ld[0].imm == 0x55667788 && ld[1].imm == 0x11223344);
	CHECK(ld[0].code == (BPF_LD | BPF_DW | BPF_IMM));

	if (geteuid() == 0)
		mfd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "t", 4, 8, 1, NULL);
	if (mfd < 0) {
		fprintf(stderr, "no BPF here: encoding checks only\n");
		return check_done();
	}
	/* map[0] = 7 * 6; return map[0], or -1 if the lookup fails */
	struct bpf_insn prog[] = {
		MOV64_IMM(BPF_REG_6, 7),
		ALU64_IMM(BPF_MUL, BPF_REG_6, 6),
		ST_MEM(BPF_W, BPF_REG_10, -4, 0),
		MOV64_REG(BPF_REG_2, BPF_REG_10),
		ALU64_IMM(BPF_ADD, BPF_REG_2, -4),
		LD_MAP_FD(BPF_REG_1, mfd),
		CALL_HELPER(BPF_FUNC_map_lookup_elem),
		JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 3),
		STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_6, 0),
		LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_0, 0),
		JA(1),
		MOV64_IMM(BPF_REG_0, -1),
		EXIT_INSN(),
	};
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, po, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
	int pfd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "t", "GPL", prog,
				sizeof(prog) / sizeof(prog[0]), &po);
	CHECK(pfd >= 0);
	if (pfd < 0)
		fprintf(stderr, "%s\n", log);
	__u64 ctx[1] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, ro, .ctx_in = ctx, .ctx_size_in = sizeof(ctx));
	CHECK(pfd >= 0 && bpf_prog_test_run_opts(pfd, &ro) == 0 && ro.retval == 42);
	__u32 key = 0;
	__u64 val = 0;
	CHECK(bpf_map_lookup_elem(mfd, &key, &val) == 0 && val == 42);
	return check_done();
}
