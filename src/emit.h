/* emit.h - building eBPF instructions.
 *
 * The uapi headers define struct bpf_insn and the opcode fields but not the
 * kernel's instruction macros (those live in tools/include/linux/filter.h,
 * which Debian does not ship), so code generation builds instructions
 * through these.
 */
#ifndef DT_EMIT_H
#define DT_EMIT_H

#include <linux/bpf.h>

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

/* dst op= src / imm, 64-bit */
#define ALU64_REG(op, d, s)	INSN(BPF_ALU64 | BPF_OP(op) | BPF_X, d, s, 0, 0)
#define ALU64_IMM(op, d, i)	INSN(BPF_ALU64 | BPF_OP(op) | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s)		INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i)		INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV32_REG(d, s)		INSN(BPF_ALU | BPF_MOV | BPF_X, d, s, 0, 0)

/* atomic op (imm: BPF_ADD, BPF_CMPXCHG...) on *(size *)(dst + off) */
#define ATOMIC_OP(sz, op, d, s, o) \
	INSN(BPF_STX | BPF_SIZE(sz) | BPF_ATOMIC, d, s, o, op)

/* dst = *(size *)(src + off); *(size *)(dst + off) = src / imm */
#define LDX_MEM(sz, d, s, o)	INSN(BPF_LDX | BPF_SIZE(sz) | BPF_MEM, d, s, o, 0)
#define STX_MEM(sz, d, s, o)	INSN(BPF_STX | BPF_SIZE(sz) | BPF_MEM, d, s, o, 0)
#define ST_MEM(sz, d, o, i)	INSN(BPF_ST | BPF_SIZE(sz) | BPF_MEM, d, 0, o, i)

/* if (dst op src / imm) goto pc + off */
#define JMP_REG(op, d, s, o)	INSN(BPF_JMP | BPF_OP(op) | BPF_X, d, s, o, 0)
#define JMP_IMM(op, d, i, o)	INSN(BPF_JMP | BPF_OP(op) | BPF_K, d, 0, o, i)
#define JA(o)			INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)

#define CALL_HELPER(fn)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, fn)
#define EXIT_INSN()		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* A 64-bit immediate or a map fd takes two instruction slots. */
#define LD_IMM64_LO(d, src, v)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, src, 0, (__u32)(v))
#define LD_IMM64_HI(v)		INSN(0, 0, 0, 0, (__u32)((__u64)(v) >> 32))
#define LD_IMM64(d, v)		LD_IMM64_LO(d, 0, v), LD_IMM64_HI(v)
#define LD_MAP_FD(d, fd)	LD_IMM64_LO(d, BPF_PSEUDO_MAP_FD, fd), LD_IMM64_HI(0)

/* A growing program: code generation and providers append to one. */
struct ebuf {
	struct bpf_insn *insn;
	int n, cap;
};

void ebuf_add(struct ebuf *b, struct bpf_insn i);
/* Both slots of a 64-bit immediate. */
void ebuf_imm64(struct ebuf *b, int dst, int src, __u64 v);

#endif
