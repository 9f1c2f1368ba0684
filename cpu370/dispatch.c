/*
 * dispatch.c — the dispatch tables, generated from opcodes.def.
 *
 * There is one table per (architecture mode, problem state): an
 * instruction unavailable in the mode maps to the operation exception, a
 * privileged one in problem state to the privileged-operation exception.
 * The run loop indexes the current table with the first opcode byte; the
 * opcode families with a second opcode part (01, A7, B2, B3, B9, C0, E3,
 * E5, EB, ED, and S/370 I/O 9C-9F) go through a second-level table, one
 * tail call away.  So no per-instruction flag test is needed: the PSW state picks the table
 * (cpu_state_changed() in cpu.c), and the tables encode the checks.
 */
#include <stdlib.h>

#include "insn.h"

const OpInfo op_list[] = {
#define OP(mn, op, ext, fmt, flags) { #mn, op, ext, FMT_##fmt, flags, insn_##mn },
#include "opcodes.def"
#undef OP
};
const unsigned op_list_count = sizeof op_list / sizeof op_list[0];

static const uint8_t ext_opcode[NUM_EXT] = { 0x01, 0xA7, 0xB2, 0xB3, 0xB9, 0xC0, 0xE3, 0xE5, 0xED,
                                             0x9C, 0x9D, 0x9E, 0x9F, 0xEB };

static int ext_family(uint8_t op)
{
    for (int i = 0; i < NUM_EXT; i++)
        if (ext_opcode[i] == op)
            return i;
    return -1;
}

/* The extension value of the instruction at ip, for family f. */
static unsigned ext_value(int f, const uint8_t *ip)
{
    switch (f) {
    case EXT_A7: case EXT_C0: return ip[1] & 0x0F;
    case EXT_E3: case EXT_EB: case EXT_ED: return ip[5];
    default:                  return ip[1];
    }
}

void insn_operation_exception(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    cpu_program_check(c, PGM_OPERATION);
}

static void insn_privileged_exception(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    cpu_program_check(c, PGM_PRIVILEGED_OPERATION);
}

#define EXT_TRAMPOLINE(name, F)                                  \
    static void name(Cpu *c, const uint8_t *ip)                  \
    {                                                            \
        c->optab->ext[F][ext_value(F, ip)](c, ip);               \
    }
EXT_TRAMPOLINE(ext_01, EXT_01)
EXT_TRAMPOLINE(ext_a7, EXT_A7)
EXT_TRAMPOLINE(ext_b2, EXT_B2)
EXT_TRAMPOLINE(ext_b3, EXT_B3)
EXT_TRAMPOLINE(ext_b9, EXT_B9)
EXT_TRAMPOLINE(ext_c0, EXT_C0)
EXT_TRAMPOLINE(ext_e3, EXT_E3)
EXT_TRAMPOLINE(ext_e5, EXT_E5)
EXT_TRAMPOLINE(ext_ed, EXT_ED)
EXT_TRAMPOLINE(ext_9c, EXT_9C)
EXT_TRAMPOLINE(ext_9d, EXT_9D)
EXT_TRAMPOLINE(ext_9e, EXT_9E)
EXT_TRAMPOLINE(ext_9f, EXT_9F)
EXT_TRAMPOLINE(ext_eb, EXT_EB)
static InsnFn *const ext_trampoline[NUM_EXT] = {
    ext_01, ext_a7, ext_b2, ext_b3, ext_b9, ext_c0, ext_e3, ext_e5, ext_ed,
    ext_9c, ext_9d, ext_9e, ext_9f, ext_eb,
};

static OpTable tables[NUM_ARCH][2];
static bool tables_built;

void dispatch_build(OpTable *t, Arch arch, bool problem)
{
    t->fastpath = 0;
    for (int i = 0; i < 256; i++) {
        t->op[i] = insn_operation_exception;
        for (int f = 0; f < NUM_EXT; f++)
            t->ext[f][i] = insn_operation_exception;
    }
    for (int f = 0; f < NUM_EXT; f++)
        t->op[ext_opcode[f]] = ext_trampoline[f];

    uint32_t avail = arch == ARCH_S370 ? A370 : AESA;
    for (unsigned i = 0; i < op_list_count; i++) {
        const OpInfo *o = &op_list[i];
        InsnFn *fn = o->fn ? o->fn : insn_operation_exception;
        if (!(o->flags & avail))
            fn = insn_operation_exception;
        else if ((o->flags & PRIV) && problem)
            fn = insn_privileged_exception;
        int f = ext_family(o->opcode);
        if (o->ext == NONE)
            t->op[o->opcode] = fn;
        else if (f >= 0)
            t->ext[f][o->ext] = fn;
    }
}

const OpTable *dispatch_table(Arch arch, bool problem)
{
    if (!tables_built) {
        for (int a = 0; a < NUM_ARCH; a++)
            for (int p = 0; p < 2; p++) {
                dispatch_build(&tables[a][p], (Arch)a, p);
                tables[a][p].fastpath = (uint8_t)cpu_fast_paths_for(&tables[a][p]);
            }
        tables_built = true;
    }
    return &tables[arch][problem];
}

void dispatch_set(OpTable *t, const OpInfo *o, InsnFn *fn)
{
    t->fastpath = 0;
    int f = ext_family(o->opcode);
    if (o->ext == NONE)
        t->op[o->opcode] = fn;
    else if (f >= 0)
        t->ext[f][o->ext] = fn;
}

InsnFn *dispatch_lookup(const OpTable *t, const uint8_t *ip)
{
    int f = ext_family(ip[0]);
    return f >= 0 ? t->ext[f][ext_value(f, ip)] : t->op[ip[0]];
}

InsnFn *dispatch_privileged_exception(void)
{
    return insn_privileged_exception;
}

void cpu_dispatch(Cpu *c, const uint8_t *ip)
{
    c->optab->op[ip[0]](c, ip);
}

const OpInfo *op_lookup(const uint8_t *ip)
{
    int f = ext_family(ip[0]);
    for (unsigned i = 0; i < op_list_count; i++) {
        const OpInfo *o = &op_list[i];
        if (o->opcode != ip[0])
            continue;
        if (o->ext == NONE || (f >= 0 && (unsigned)o->ext == ext_value(f, ip)))
            return o;
    }
    return NULL;
}
