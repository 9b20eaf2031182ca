/* emit.c - the growing instruction buffer behind emit.h. */
#include <stdio.h>
#include <stdlib.h>
#include "emit.h"

void ebuf_add(struct ebuf *b, struct bpf_insn i)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->insn = realloc(b->insn, b->cap * sizeof(*b->insn));
		if (!b->insn) {
			fputs("dtrace: out of memory\n", stderr);
			exit(1);
		}
	}
	b->insn[b->n++] = i;
}

void ebuf_imm64(struct ebuf *b, int dst, int src, __u64 v)
{
	ebuf_add(b, LD_IMM64_LO(dst, src, v));
	ebuf_add(b, LD_IMM64_HI(v));
}
