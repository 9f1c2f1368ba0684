/*
 * insn.h — what instruction handlers share: the handler prototypes
 * generated from opcodes.def, the opcode-list metadata and helpers for
 * condition codes and exceptions.
 */
#ifndef CPU370_INSN_H
#define CPU370_INSN_H

#include "decode.h"
#include "storage.h"

/* Flags column of opcodes.def. */
#define A370        0x0001u
#define AESA        0x0002u
#define AB          (A370 | AESA)
#define PRIV        0x0004u
#define SIE_ALWAYS  0x0008u
#define SIE_IC(n)   ((uint32_t)((n) + 1) << 16)  /* SD IC bit n (0-31)     */
#define SIE_IC_BIT(flags) ((int)((flags) >> 16) - 1)
#define NONE        (-1)

typedef enum InsnFormat {
    FMT_E, FMT_I, FMT_RR, FMT_RX, FMT_RS, FMT_SI, FMT_S, FMT_RI, FMT_RRE,
    FMT_RRF, FMT_RSI, FMT_RIL, FMT_RXE, FMT_RSE, FMT_SS, FMT_SSE,
} InsnFormat;

/* One row of opcodes.def. */
typedef struct OpInfo {
    const char *mnemonic;
    uint8_t     opcode;
    int         ext;          /* NONE or the extension value            */
    InsnFormat  format;
    uint32_t    flags;
    InsnFn     *fn;           /* NULL if not linked in                  */
} OpInfo;

/* Opcode families with a second-level table (dispatch.c). */
enum { EXT_01, EXT_A7, EXT_B2, EXT_B3, EXT_B9, EXT_C0, EXT_E3, EXT_E5, EXT_ED,
       EXT_9C, EXT_9D, EXT_9E, EXT_9F,    /* S/370 I/O: SIO/SIOF, TIO/CLRIO, HIO/HDV, TCH */
       EXT_EB,                            /* RSE: extension in byte 5 */
       NUM_EXT };

/* A dispatch table: first opcode byte, then the families' second level. */
struct OpTable {
    InsnFn *op[256];
    InsnFn *ext[NUM_EXT][256];
    /* The run loop's fast paths this table allows (FASTPATH_* of
     * fastpath.h): computed once by cpu_fast_paths_for() when the table is
     * complete, so that a PSW change does not look at 60 rows again;
     * dispatch_build() and dispatch_set() leave it 0 (none, always safe). */
    uint8_t fastpath;
};
unsigned cpu_fast_paths_for(const OpTable *t);
const OpTable *dispatch_table(Arch arch, bool problem);
/* Build a table like the machine's own into t (SIE builds guest tables
 * from it), and route one row of the list to another handler. */
void dispatch_build(OpTable *t, Arch arch, bool problem);
void dispatch_set(OpTable *t, const OpInfo *o, InsnFn *fn);
/* The handler table t dispatches the instruction at ip to (for tests). */
InsnFn *dispatch_lookup(const OpTable *t, const uint8_t *ip);
InsnFn *dispatch_privileged_exception(void);

extern const OpInfo op_list[];
extern const unsigned op_list_count;

/* The handlers, declared from the list.  They are weak references so that
 * a row whose family has no handler yet links and runs as an operation
 * exception; tests/unit/test_opcodes.c reports any such row as a failure. */
#define OP(mn, op, ext, fmt, flags) extern InsnFn insn_##mn __attribute__((weak));
#include "opcodes.def"
#undef OP

/* Look up the row of the instruction at ip (NULL if none). */
const OpInfo *op_lookup(const uint8_t *ip);
/* Disassemble into buf: "MNEMONIC operands"; returns the length. */
int  op_disassemble(const uint8_t *ip, char *buf, size_t n);
/* Dispatch the instruction at ip with the current tables (used by EX). */
void cpu_dispatch(Cpu *c, const uint8_t *ip);

void insn_operation_exception(Cpu *c, const uint8_t *ip);

/* ---- helpers used by many families ---- */

static inline void cc_set(Cpu *c, unsigned cc) { c->cc = (uint8_t)cc; }

/* CC for a signed result: 0 zero, 1 negative, 2 positive */
static inline unsigned cc_signed32(int32_t v) { return v == 0 ? 0 : v < 0 ? 1 : 2; }

/* CC of a comparison: 0 equal, 1 first operand low, 2 high. */
static inline unsigned cc_compare_signed(int32_t a, int32_t b) { return a == b ? 0 : a < b ? 1 : 2; }
static inline unsigned cc_compare_logical(uint32_t a, uint32_t b) { return a == b ? 0 : a < b ? 1 : 2; }

/* The bit of the M1 field (instruction bits 8-11) the current CC selects:
 * BC, BCR, BRC, BRCL. */
static inline bool cc_selected(const Cpu *c, const uint8_t *ip)
{
    return (ip[1] & (0x80u >> c->cc)) != 0;
}

/* BAS/BASR/BRAS/BRASL link for the updated instruction address `next`:
 * 24-bit mode bits 0-7 zero; 31-bit mode bit 0 one. */
static inline uint32_t link_bas_of(uint32_t next, uint32_t amask)
{
    return amask == 0x7FFFFFFFu ? 0x80000000u | next : next;
}

static inline void spec_check(Cpu *c, bool bad)
{
    if (unlikely(bad))
        cpu_program_check(c, PGM_SPECIFICATION);
}

/* Even register of an even-odd pair, else specification exception. */
static inline void even_reg(Cpu *c, unsigned r)
{
    spec_check(c, r & 1);
}

static inline void priv_check(Cpu *c)
{
    if (unlikely(c->problem))
        cpu_program_check(c, PGM_PRIVILEGED_OPERATION);
}

#endif
