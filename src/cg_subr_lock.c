/* cg_subr_lock.c - DTrace's questions about kernel locks, asked of
 * Linux's: mutex_owned(), mutex_owner(), mutex_type_adaptive(),
 * mutex_type_spin() of a struct mutex, whose owner word is the holding
 * task with flag bits in its low 3; rw_read_held(), rw_write_held(),
 * rw_iswriter() of an rwlock_t, a queued rwlock whose count word holds
 * the readers from bit 9, 0xff while a writer holds it and 0x100 while
 * one waits.  Every struct mutex sleeps when contended, as an illumos
 * adaptive mutex does, so none is a spin mutex. */
#include "cg.h"
#include "calls.h"
#include "compile.h"
#include "diag.h"
#include "subr.h"
#include "types.h"

#define MUTEX_FLAGS	0x07
#define QW_LOCKED	0xff
#define QW_WMASK	0x1ff
#define QR_SHIFT	9

/* The offset of the lock word in n's lock, from the kernel's BTF. */
static uint32_t lock_word(struct cg *g, struct node *n, int is_mutex)
{
	uint32_t off = 0;
	struct dtype *t = is_mutex ?
		types_lookup_tag(NULL, DT_STRUCT, "mutex") :
		types_lookup_typedef(NULL, "rwlock_t");
	const char *word = is_mutex ? "owner" : "raw_lock";
	if (!t || !type_member(type_resolve(t), word, &off))
		diag_error(g->dp->diag, n->line, "D_UNKNOWN", "%s( ) needs "
			   "%s with a member %s in the kernel's BTF", n->name,
			   is_mutex ? "struct mutex" : "rwlock_t", word);
	return off;
}

/* r0 = r0 != 0 */
static void to_bool(struct cg *g)
{
	cg_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 1));
	cg_emit(g, MOV64_IMM(R0, 1));
}

void cg_lock_subr(struct cg *g, struct node *n)
{
	int is_mutex = n->id <= CALL_MUTEX_TYPE_SPIN;
	uint32_t off = lock_word(g, n, is_mutex);

	cg_expr(g, n->a);
	cg_emit(g, ALU64_IMM(BPF_ADD, R0, off));
	cg_load_kernel(g, is_mutex ? 8 : 4, 0);	/* a bad lock faults */
	switch (n->id) {
	case CALL_MUTEX_OWNED:
		cg_emit(g, ALU64_IMM(BPF_AND, R0, ~MUTEX_FLAGS));
		to_bool(g);
		break;
	case CALL_MUTEX_OWNER:
		cg_emit(g, ALU64_IMM(BPF_AND, R0, ~MUTEX_FLAGS));
		break;
	case CALL_MUTEX_TYPE_ADAPTIVE:
		cg_emit(g, MOV64_IMM(R0, 1));
		break;
	case CALL_MUTEX_TYPE_SPIN:
		cg_emit(g, MOV64_IMM(R0, 0));
		break;
	case CALL_RW_READ_HELD:
		cg_emit(g, ALU64_IMM(BPF_RSH, R0, QR_SHIFT));
		to_bool(g);
		break;
	case CALL_RW_WRITE_HELD:
		cg_emit(g, ALU64_IMM(BPF_AND, R0, QW_LOCKED));
		cg_emit(g, ALU64_IMM(BPF_XOR, R0, QW_LOCKED));
		cg_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 2));
		cg_emit(g, MOV64_IMM(R0, 0));
		cg_emit(g, JA(1));
		cg_emit(g, MOV64_IMM(R0, 1));
		break;
	case CALL_RW_ISWRITER:
		cg_emit(g, ALU64_IMM(BPF_AND, R0, QW_WMASK));
		to_bool(g);
		break;
	}
}
