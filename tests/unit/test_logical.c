/*
 * test_logical.c — AND/OR/EXCLUSIVE OR, COMPARE LOGICAL, TEST UNDER MASK
 * and the shifts (cpu370/insn_logical.c), checked against the ESA/390 PoO
 * SA22-7201 ch. 7.
 *
 * Register forms and shifts go through one table (R1 = 2, pair 2-3,
 * R2 = 4, storage at 0(0,12) = TM_DATA).  The storage-to-storage forms are
 * checked against a byte-at-a-time model of the PoO rule, over many
 * overlaps, lengths and page positions, and across inaccessible storage.
 */
#include <stdio.h>

#include "tests/unit/testutil.h"

#define RR(op, r1, r2)          { op, (r1) << 4 | (r2) }
#define RX(op, r1, x, b, d)     { op, (r1) << 4 | (x), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RXM(op, r1)             RX(op, r1, 0, 12, 0)
#define RS(op, r1, r3, b, d)    { op, (r1) << 4 | (r3), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define SI(op, i2, b, d)        { op, i2, (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RI(ext, r1, i)          { 0xA7, (r1) << 4 | (ext), ((i) >> 8) & 0xFF, (i) & 0xFF }
#define SS(op, l, b1, d1, b2, d2) \
    { op, l, (b1) << 4 | ((d1) >> 8), (d1) & 0xFF, (b2) << 4 | ((d2) >> 8), (d2) & 0xFF }

typedef struct Vec {
    const char *what;
    uint8_t  insn[6];
    uint32_t r[4];          /* GR2-GR5 in                                  */
    uint32_t mem;           /* word at TM_DATA                             */
    uint8_t  cc_in, pm;
    uint32_t w2, w3;        /* GR2, GR3 out                                */
    int      cc;
    int      pgm;
    int64_t  wmem;          /* word at TM_DATA out, or -1 not checked      */
} Vec;

#define N(a) (sizeof (a) / sizeof (a)[0])

static void restart(Machine *m)
{
    Cpu *c = m->cpu;
    uint8_t cc = c->cc, pm = c->psw.pm;
    uint8_t psw[8] = { 0, c->arch == ARCH_ESA390 ? 0x08 : 0x00, 0, 0, 0, 0, 0, 0 };
    st_be32(psw + 4, TM_CODE | (c->arch == ARCH_ESA390 ? 0x80000000u : 0));
    psw_load(c, psw);
    c->cc = cc;
    c->psw.pm = pm;
}

static int exec1(Machine *m, const uint8_t *code)
{
    if (psw_wait(m->cpu))
        restart(m);
    return tm_exec(m, code, insn_length(code[0]), 1);
}

static int cc_now(Machine *m, int pgm)
{
    Cpu *c = m->cpu;
    if (!pgm)
        return c->cc;
    const uint8_t *old = m->mem + PSA_PGM_OLD;
    if (c->arch == ARCH_S370 && !(old[1] & 0x08))
        return (old[4] >> 4) & 3;
    return (old[2] >> 4) & 3;
}

static void run_vecs(Arch arch, const Vec *v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v++) {
        Machine *m = tm_new(arch);
        Cpu *c = m->cpu;
        for (int k = 0; k < 4; k++)
            c->gr[2 + k] = v->r[k];
        c->gr[12] = TM_DATA;
        st_be32(m->mem + TM_DATA, v->mem);
        c->cc = v->cc_in;
        c->psw.pm = v->pm;
        int pgm = exec1(m, v->insn);
        int cc = cc_now(m, pgm);
        bool ok = pgm == v->pgm && c->gr[2] == v->w2 && c->gr[3] == v->w3 &&
                  (v->cc < 0 || cc == v->cc) &&
                  (v->wmem < 0 || tm_get32(m, TM_DATA) == (uint32_t)v->wmem);
        if (!ok)
            fprintf(stderr, "\n  %s: GR2=%08X GR3=%08X CC=%d pgm=%d mem=%08X"
                    " (want %08X %08X CC=%d pgm=%d)", v->what, c->gr[2], c->gr[3], cc, pgm,
                    tm_get32(m, TM_DATA), v->w2, v->w3, v->cc, v->pgm);
        CU_ASSERT(ok);
        tm_free(m);
    }
}

/* ---- AND / OR / XOR, register and immediate forms; CLI; TM --------------- */

static const Vec logic_vecs[] = {
    { "NR zero",       RR(0x14, 2, 4), { 0xF0F0F0F0, 0, 0x0F0F0F0F }, 0, 3, 0, 0, 0, 0, 0, -1 },
    { "NR nonzero",    RR(0x14, 2, 4), { 0xFFFF0000, 0, 0x80000001 }, 0, 0, 0, 0x80000000, 0, 1, 0, -1 },
    { "N",             RXM(0x54, 2),   { 0x12345678 },      0x0000FFFF, 0, 0, 0x5678, 0, 1, 0, -1 },
    { "OR",            RR(0x16, 2, 4), { 0xF0000000, 0, 0x0000000F }, 0, 0, 0, 0xF000000F, 0, 1, 0, -1 },
    { "OR zero",       RR(0x16, 2, 4), { 0, 0, 0 },          0, 1, 0, 0, 0, 0, 0, -1 },
    { "O",             RXM(0x56, 2),   { 0x00000001 },      0x80000000, 0, 0, 0x80000001, 0, 1, 0, -1 },
    { "XR self",       RR(0x17, 2, 2), { 0xDEADBEEF },      0, 1, 0, 0, 0, 0, 0, -1 },
    { "XR",            RR(0x17, 2, 4), { 0xFF00FF00, 0, 0xFFFFFFFF }, 0, 0, 0, 0x00FF00FF, 0, 1, 0, -1 },
    { "X zero",        RXM(0x57, 2),   { 0x11223344 },      0x11223344, 2, 0, 0, 0, 0, 0, -1 },
    { "NI",            SI(0x94, 0x0F, 12, 1), { 0 },         0xFFF3FFFF, 0, 0, 0, 0, 1, 0, 0xFF03FFFF },
    { "NI zero",       SI(0x94, 0x0F, 12, 0), { 0 },         0xF0FFFFFF, 3, 0, 0, 0, 0, 0, 0x00FFFFFF },
    { "OI",            SI(0x96, 0x80, 12, 3), { 0 },         0x00000001, 0, 0, 0, 0, 1, 0, 0x00000081 },
    { "OI zero",       SI(0x96, 0x00, 12, 3), { 0 },         0x00000000, 1, 0, 0, 0, 0, 0, 0 },
    { "XI",            SI(0x97, 0xFF, 12, 2), { 0 },         0x0000F000, 0, 0, 0, 0, 1, 0, 0x00000F00 },
    { "XI zero",       SI(0x97, 0x5A, 12, 0), { 0 },         0x5A000000, 1, 0, 0, 0, 0, 0, 0 },
    { "CLI equal",     SI(0x95, 0x80, 12, 0), { 0 },         0x80000000, 3, 0, 0, 0, 0, 0, -1 },
    { "CLI low",       SI(0x95, 0x80, 12, 0), { 0 },         0x7F000000, 0, 0, 0, 0, 1, 0, -1 },
    { "CLI high",      SI(0x95, 0x7F, 12, 0), { 0 },         0x80000000, 0, 0, 0, 0, 2, 0, -1 },
    { "TM all ones",   SI(0x91, 0xF0, 12, 0), { 0 },         0xF1000000, 0, 0, 0, 0, 3, 0, -1 },
    { "TM all zeros",  SI(0x91, 0x0E, 12, 0), { 0 },         0xF1000000, 3, 0, 0, 0, 0, 0, -1 },
    { "TM mixed",      SI(0x91, 0x81, 12, 0), { 0 },         0x80000000, 0, 0, 0, 0, 1, 0, -1 },
    { "TM mixed low",  SI(0x91, 0x81, 12, 0), { 0 },         0x01000000, 0, 0, 0, 0, 1, 0, -1 },
    { "TM mask 0",     SI(0x91, 0x00, 12, 0), { 0 },         0xFF000000, 3, 0, 0, 0, 0, 0, -1 },
    { "TMLL ones",     RI(0x1, 2, 0x8001), { 0x00008001 },   0, 0, 0, 0x00008001, 0, 3, 0, -1 },
    { "TMLL mixed, leftmost 1", RI(0x1, 2, 0x8003), { 0x00008001 }, 0, 0, 0, 0x00008001, 0, 2, 0, -1 },
    { "TMLL mixed, leftmost 0", RI(0x1, 2, 0x0003), { 0x00008001 }, 0, 0, 0, 0x00008001, 0, 1, 0, -1 },
    { "TMLL zeros",    RI(0x1, 2, 0x7FFE), { 0xFFFF8001 },   0, 3, 0, 0xFFFF8001, 0, 0, 0, -1 },
    { "TMLL mask 0",   RI(0x1, 2, 0x0000), { 0xFFFFFFFF },   0, 3, 0, 0xFFFFFFFF, 0, 0, 0, -1 },
    { "TMLH ones",     RI(0x0, 2, 0x8000), { 0x80000000 },   0, 0, 0, 0x80000000, 0, 3, 0, -1 },
    { "TMLH mixed 2",  RI(0x0, 2, 0x0101), { 0x01000000 },   0, 0, 0, 0x01000000, 0, 2, 0, -1 },
    { "TMLH mixed 1",  RI(0x0, 2, 0x0101), { 0x00010000 },   0, 0, 0, 0x00010000, 0, 1, 0, -1 },
    { "TMLH low half ignored", RI(0x0, 2, 0xFFFF), { 0x0000FFFF }, 0, 3, 0, 0x0000FFFF, 0, 0, 0, -1 },
};

static void test_logic(void)
{
    run_vecs(ARCH_ESA390, logic_vecs, N(logic_vecs));
}

/* ---- shifts --------------------------------------------------------------------- */

#define SH(op, r1, n)  RS(op, r1, 0, 0, n)

static const Vec shift_vecs[] = {
    { "SLL 1",          SH(0x89, 2, 1),   { 0x80000001 }, 0, 3, 0, 0x00000002, 0, 3, 0, -1 },
    { "SLL 31",         SH(0x89, 2, 31),  { 0x00000003 }, 0, 0, 0, 0x80000000, 0, 0, 0, -1 },
    { "SLL 32",         SH(0x89, 2, 32),  { 0xFFFFFFFF }, 0, 0, 0, 0, 0, 0, 0, -1 },
    { "SLL 63",         SH(0x89, 2, 63),  { 0xFFFFFFFF }, 0, 0, 0, 0, 0, 0, 0, -1 },
    { "SLL amount low 6 bits", SH(0x89, 2, 0xFC1), { 1 }, 0, 0, 0, 2, 0, 0, 0, -1 },
    { "SLL amount from B2", RS(0x89, 2, 0, 4, 0), { 1, 0, 0xFFFFFFC4 }, 0, 0, 0, 0x10, 0, 0, 0, -1 },
    { "SRL 4",          SH(0x88, 2, 4),   { 0x80000000 }, 0, 1, 0, 0x08000000, 0, 1, 0, -1 },
    { "SRL 40",         SH(0x88, 2, 40),  { 0xFFFFFFFF }, 0, 0, 0, 0, 0, 0, 0, -1 },
    { "SLA 1 no ovf",   SH(0x8B, 2, 1),   { 0xC0000000 }, 0, 0, 0, 0x80000000, 0, 1, 0, -1 },
    { "SLA 1 ovf",      SH(0x8B, 2, 1),   { 0x40000000 }, 0, 0, 0, 0x00000000, 0, 3, 0, -1 },
    { "SLA 1 ovf trap", SH(0x8B, 2, 1),   { 0x40000000 }, 0, 0, 8, 0x00000000, 0, 3, PGM_FIXED_OVERFLOW, -1 },
    { "SLA 30",         SH(0x8B, 2, 30),  { 1 },          0, 0, 8, 0x40000000, 0, 2, 0, -1 },
    { "SLA 31 ovf",     SH(0x8B, 2, 31),  { 1 },          0, 0, 0, 0, 0, 3, 0, -1 },
    { "SLA -1 by 31",   SH(0x8B, 2, 31),  { 0xFFFFFFFF }, 0, 0, 8, 0x80000000, 0, 1, 0, -1 },
    { "SLA min by 31",  SH(0x8B, 2, 31),  { 0x80000000 }, 0, 0, 0, 0x80000000, 0, 3, 0, -1 },
    /* beyond 31 the entering zeros pass bit 1: overflow (PoO "SHIFT LEFT SINGLE") */
    { "SLA -1 by 63",   SH(0x8B, 2, 63),  { 0xFFFFFFFF }, 0, 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, -1 },
    { "SLA 1 by 32",    SH(0x8B, 2, 32),  { 0x00000001 }, 0, 0, 0, 0x00000000, 0, 3, 0, -1 },
    { "SLA 0 by 63",    SH(0x8B, 2, 63),  { 0x00000000 }, 0, 0, 8, 0x00000000, 0, 0, 0, -1 },
    { "SLA 0 by 63",    SH(0x8B, 2, 63),  { 0 },          0, 3, 8, 0, 0, 0, 0, -1 },
    { "SLA -2 by 1",    SH(0x8B, 2, 1),   { 0xFFFFFFFE }, 0, 0, 8, 0xFFFFFFFC, 0, 1, 0, -1 },
    { "SLA keeps sign", SH(0x8B, 2, 2),   { 0xA0000001 }, 0, 0, 0, 0x80000004, 0, 3, 0, -1 },
    { "SLA 0 of 4000..", SH(0x8B, 2, 0),  { 0x40000000 }, 0, 0, 8, 0x40000000, 0, 2, 0, -1 },
    { "SLA 0",          SH(0x8B, 2, 0),   { 0x7FFFFFFF }, 0, 0, 8, 0x7FFFFFFF, 0, 2, 0, -1 },
    { "SRA 31 neg",     SH(0x8A, 2, 31),  { 0x80000000 }, 0, 0, 0, 0xFFFFFFFF, 0, 1, 0, -1 },
    { "SRA 63 neg",     SH(0x8A, 2, 63),  { 0x80000000 }, 0, 0, 0, 0xFFFFFFFF, 0, 1, 0, -1 },
    { "SRA 40 pos",     SH(0x8A, 2, 40),  { 0x7FFFFFFF }, 0, 3, 0, 0, 0, 0, 0, -1 },
    { "SRA 2",          SH(0x8A, 2, 2),   { 8 },          0, 0, 0, 2, 0, 2, 0, -1 },
    { "SLDL 1",         SH(0x8D, 2, 1),   { 0x00000001, 0x80000000 }, 0, 3, 0, 3, 0, 3, 0, -1 },
    { "SLDL 32",        SH(0x8D, 2, 32),  { 0x11111111, 0x22222222 }, 0, 3, 0, 0x22222222, 0, 3, 0, -1 },
    { "SLDL 63",        SH(0x8D, 2, 63),  { 0, 1 },       0, 0, 0, 0x80000000, 0, 0, 0, -1 },
    { "SLDL odd",       SH(0x8D, 3, 1),   { 1, 2 },       0, 0, 0, 1, 2, 0, PGM_SPECIFICATION, -1 },
    { "SRDL 32",        SH(0x8C, 2, 32),  { 0x11111111, 0x22222222 }, 0, 1, 0, 0, 0x11111111, 1, 0, -1 },
    { "SRDL 4",         SH(0x8C, 2, 4),   { 0x80000001, 0 }, 0, 1, 0, 0x08000000, 0x10000000, 1, 0, -1 },
    { "SRDL odd",       SH(0x8C, 5, 1),   { 1, 2 },       0, 0, 0, 1, 2, 0, PGM_SPECIFICATION, -1 },
    { "SLDA 1",         SH(0x8F, 2, 1),   { 0, 0x80000000 }, 0, 0, 0, 1, 0, 2, 0, -1 },
    { "SLDA ovf",       SH(0x8F, 2, 1),   { 0x40000000, 0 }, 0, 0, 0, 0, 0, 3, 0, -1 },
    { "SLDA ovf trap",  SH(0x8F, 2, 1),   { 0x40000000, 0 }, 0, 0, 8, 0, 0, 3, PGM_FIXED_OVERFLOW, -1 },
    { "SLDA neg",       SH(0x8F, 2, 4),   { 0xF8000000, 1 }, 0, 0, 8, 0x80000000, 0x10, 1, 0, -1 },
    { "SLDA -1 by 63",  SH(0x8F, 2, 63),  { 0xFFFFFFFF, 0xFFFFFFFF }, 0, 0, 8, 0x80000000, 0, 1, 0, -1 },
    { "SLDA 1 by 63",   SH(0x8F, 2, 63),  { 0, 1 },       0, 0, 0, 0, 0, 3, 0, -1 },
    { "SLDA 0 of 4000..", SH(0x8F, 2, 0), { 0x40000000, 0 }, 0, 0, 8, 0x40000000, 0, 2, 0, -1 },
    { "SLDA zero",      SH(0x8F, 2, 5),   { 0, 0 },       0, 3, 8, 0, 0, 0, 0, -1 },
    { "SLDA odd",       SH(0x8F, 3, 1),   { 1, 2 },       0, 0, 0, 1, 2, 0, PGM_SPECIFICATION, -1 },
    { "SRDA 1 neg",     SH(0x8E, 2, 1),   { 0xFFFFFFFF, 0xFFFFFFFE }, 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, 1, 0, -1 },
    { "SRDA 63",        SH(0x8E, 2, 63),  { 0x7FFFFFFF, 0xFFFFFFFF }, 0, 3, 0, 0, 0, 0, 0, -1 },
    { "SRDA 32",        SH(0x8E, 2, 32),  { 0x80000000, 0 }, 0, 0, 0, 0xFFFFFFFF, 0x80000000, 1, 0, -1 },
    { "SRDA pos",       SH(0x8E, 2, 1),   { 0, 2 },       0, 0, 0, 0, 1, 2, 0, -1 },
    { "SRDA odd",       SH(0x8E, 7, 1),   { 1, 2 },       0, 0, 0, 1, 2, 0, PGM_SPECIFICATION, -1 },
};

static void test_shifts(void)
{
    run_vecs(ARCH_ESA390, shift_vecs, N(shift_vecs));
    run_vecs(ARCH_S370, shift_vecs, N(shift_vecs));    /* all in S/370 too */
}

/* ---- NC / OC / XC against a byte-at-a-time model ---------------------------------- */

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

/* The PoO rule: bytes processed left to right, each result stored before
 * the next operand bytes are fetched. */
static unsigned model_ss(int op, uint8_t *mem, uint32_t o1, uint32_t o2, uint32_t len)
{
    unsigned any = 0;
    for (uint32_t i = 0; i < len; i++) {
        uint8_t x = mem[o1 + i], y = mem[o2 + i];
        x = op == 0xD4 ? x & y : op == 0xD6 ? x | y : x ^ y;
        mem[o1 + i] = x;
        any |= x != 0;
    }
    return any;
}

static void test_ss_model(void)
{
    static const uint8_t ops[] = { 0xD4, 0xD6, 0xD7 };
    static uint8_t ref[0x2000];
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    unsigned bad = 0, runs = 0;
    /* region 0x4000-0x5FFF; the 2K pages start at 0x4000, 0x4800, ... */
    for (int iter = 0; iter < 3000; iter++) {
        int op = ops[iter % 3];
        uint32_t len = 1 + (iter % 7 == 0 ? rnd() % 256 : rnd() % 40);
        uint32_t a2 = 0x4000 + 0x700 + rnd() % 0x200;        /* near 0x4800 */
        int delta = (int)(rnd() % 41) - 20;
        if (iter % 5 == 0)
            delta = (int)(rnd() % 600) - 300;
        uint32_t a1 = (uint32_t)((int)a2 + delta);
        for (uint32_t i = 0; i < 0x2000; i++)
            m->mem[0x4000 + i] = (uint8_t)(rnd() & (iter & 1 ? 0xFF : 0x81));
        memcpy(ref, m->mem + 0x4000, sizeof ref);
        unsigned want = model_ss(op, ref, a1 - 0x4000, a2 - 0x4000, len);
        c->gr[5] = a1;
        c->gr[6] = a2;
        uint8_t insn[6] = SS(0, 0, 5, 0, 6, 0);
        insn[0] = (uint8_t)op;
        insn[1] = (uint8_t)(len - 1);
        int pgm = exec1(m, insn);
        bool ok = pgm == 0 && c->cc == want && memcmp(ref, m->mem + 0x4000, sizeof ref) == 0;
        if (!ok && bad++ < 5)
            fprintf(stderr, "\n  %02X len %u a1 %X a2 %X: pgm %d cc %u want %u", op, len, a1, a2,
                    pgm, c->cc, want);
        runs++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(runs, 3000);
    tm_free(m);
}

static void test_ss_cases(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;

    /* OC 1(7,12),0(12): propagates the first byte to the right */
    static const uint8_t p1[8] = { 0x80, 0, 0, 0, 0, 0, 0, 0x01 };
    tm_put(m, TM_DATA, p1, 8);
    static const uint8_t oc[] = SS(0xD6, 6, 12, 1, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, oc), 0);
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(m->mem[TM_DATA + i], 0x80);
    CU_ASSERT_EQUAL(m->mem[TM_DATA + 7], 0x81);
    CU_ASSERT_EQUAL(c->cc, 1);

    /* XC X,X clears, CC 0 (length 256) */
    memset(m->mem + TM_DATA, 0xA5, 300);
    static const uint8_t xc[] = SS(0xD7, 255, 12, 0, 12, 0);
    c->cc = 3;
    CU_ASSERT_EQUAL(exec1(m, xc), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_EQUAL(m->mem[TM_DATA], 0);
    CU_ASSERT_EQUAL(m->mem[TM_DATA + 255], 0);
    CU_ASSERT_EQUAL(m->mem[TM_DATA + 256], 0xA5);

    /* XC X,X across a page, written with different base registers */
    memset(m->mem + 0x27F0, 0x5A, 0x40);
    c->gr[7] = 0x27F0;
    c->gr[8] = 0x27E0;
    static const uint8_t xc2[] = SS(0xD7, 0x1F, 7, 0, 8, 0x10);
    CU_ASSERT_EQUAL(exec1(m, xc2), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_EQUAL(m->mem[0x27F0], 0);
    CU_ASSERT_EQUAL(m->mem[0x280F], 0);
    CU_ASSERT_EQUAL(m->mem[0x2810], 0x5A);

    /* NC whose first operand runs off the end of storage: addressing,
     * and nothing stored on the accessible page */
    uint32_t end = m->memsize;
    memset(m->mem + end - 4, 0xFF, 4);
    c->gr[7] = end - 4;
    c->gr[8] = TM_DATA;
    memset(m->mem + TM_DATA, 0, 16);
    static const uint8_t nc[] = SS(0xD4, 7, 7, 0, 8, 0);
    CU_ASSERT_EQUAL(exec1(m, nc), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, end - 4), 0xFFFFFFFF);
    /* ... or whose second operand does */
    c->gr[7] = TM_DATA;
    c->gr[8] = end - 4;
    memset(m->mem + TM_DATA, 0xFF, 16);
    static const uint8_t xcb[] = SS(0xD7, 7, 7, 0, 8, 0);
    CU_ASSERT_EQUAL(exec1(m, xcb), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA), 0xFFFFFFFF);

    /* NI/OI/XI and XC on a protected page: protection, storage unchanged */
    restart(m);
    c->psw.key = 2;
    m->keys[0x3000 >> 11] = 0x60;
    cpu_state_changed(c);
    c->gr[7] = 0x3000;
    m->mem[0x3000] = 0x42;
    static const uint8_t oi[] = SI(0x96, 0xFF, 7, 0);
    CU_ASSERT_EQUAL(exec1(m, oi), PGM_PROTECTION);
    CU_ASSERT_EQUAL(m->mem[0x3000], 0x42);
    tm_free(m);
}

/* ---- CLC ------------------------------------------------------------------------- */

static void test_clc(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    static const struct { const char *a, *b; unsigned len; int cc; } v[] = {
        { "ABCD", "ABCD", 4, 0 },
        { "ABCD", "ABCE", 4, 1 },
        { "ABCE", "ABCD", 4, 2 },
        { "\x80", "\x7F", 1, 2 },             /* logical: X'80' is high */
        { "\x01\xFF", "\x02\x00", 2, 1 },
        { "ABCD", "ABCE", 3, 0 },
    };
    c->gr[7] = TM_DATA;
    c->gr[8] = TM_DATA + 0x100;
    for (unsigned i = 0; i < N(v); i++) {
        tm_put(m, TM_DATA, v[i].a, v[i].len);
        tm_put(m, TM_DATA + 0x100, v[i].b, v[i].len);
        uint8_t clc[6] = SS(0xD5, 0, 7, 0, 8, 0);
        clc[1] = (uint8_t)(v[i].len - 1);
        CU_ASSERT_EQUAL(exec1(m, clc), 0);
        CU_ASSERT_EQUAL(c->cc, v[i].cc);
    }

    /* 256 bytes across a page boundary, different in the last byte */
    memset(m->mem + 0x27C0, 0x33, 256);
    memset(m->mem + 0x5000, 0x33, 256);
    m->mem[0x5000 + 255] = 0x34;
    c->gr[7] = 0x27C0;
    c->gr[8] = 0x5000;
    static const uint8_t clc256[] = SS(0xD5, 255, 7, 0, 8, 0);
    CU_ASSERT_EQUAL(exec1(m, clc256), 0);
    CU_ASSERT_EQUAL(c->cc, 1);

    /* unequal before inaccessible storage: no exception; equal up to it:
     * addressing */
    uint32_t end = m->memsize;
    memset(m->mem + end - 4, 0x11, 4);
    memset(m->mem + TM_DATA, 0x11, 16);
    c->gr[7] = TM_DATA;
    c->gr[8] = end - 4;
    m->mem[TM_DATA + 1] = 0x10;
    static const uint8_t clc8[] = SS(0xD5, 7, 7, 0, 8, 0);
    CU_ASSERT_EQUAL(exec1(m, clc8), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    m->mem[TM_DATA + 1] = 0x11;
    CU_ASSERT_EQUAL(exec1(m, clc8), PGM_ADDRESSING);
    tm_free(m);
}

/* ---- RLL (no opcodes.def row yet: called directly; see insn_logical.c) ---- */

void insn_rll(Cpu *c, const uint8_t *ip);

static void test_rll(void)
{
    static const struct { uint32_t v, b; uint16_t d; uint32_t want; } t[] = {
        { 0x80000001, 0, 1, 0x00000003 },
        { 0x12345678, 0, 4, 0x23456781 },
        { 0x12345678, 0, 0, 0x12345678 },
        { 0x12345678, 0, 32, 0x12345678 },         /* 32 = 0 */
        { 0x12345678, 0, 36, 0x23456781 },         /* 36 = 4 */
        { 0x12345678, 0, 31, 0x091A2B3C },         /* = right by 1 */
        { 0x12345678, 0xFFFFFFCC, 0xFFC, 0x34567812 },   /* (B2 + D2) & 63 = 8 */
    };
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    for (unsigned i = 0; i < N(t); i++) {
        /* RLL 2,3,D2(4) */
        uint8_t rll[6] = { 0xEB, 0x23, (uint8_t)(0x40 | t[i].d >> 8), (uint8_t)t[i].d, 0x00, 0x1D };
        c->gr[3] = t[i].v;
        c->gr[4] = t[i].b;
        c->gr[2] = 0xDEAD;
        c->cc = 2;
        insn_rll(c, rll);
        if (c->gr[2] != t[i].want)
            fprintf(stderr, "\n  RLL %08X by %u: %08X want %08X", t[i].v, (t[i].b + t[i].d) & 63,
                    c->gr[2], t[i].want);
        CU_ASSERT_EQUAL(c->gr[2], t[i].want);
        CU_ASSERT_EQUAL(c->gr[3], t[i].v);
        CU_ASSERT_EQUAL(c->cc, 2);
        /* once the row exists, the same through the dispatcher */
        if (op_lookup(rll)) {
            c->gr[2] = 0xDEAD;
            CU_ASSERT_EQUAL(exec1(m, rll), 0);
            CU_ASSERT_EQUAL(c->gr[2], t[i].want);
        }
    }
    tm_free(m);
}

void register_logical_tests(void)
{
    CU_pSuite s = CU_add_suite("logical", NULL, NULL);
    CU_add_test(s, "AND/OR/XOR RR RX SI, CLI, TM, TMLH/TMLL", test_logic);
    CU_add_test(s, "shifts, both architectures", test_shifts);
    CU_add_test(s, "NC/OC/XC against the byte-at-a-time model", test_ss_model);
    CU_add_test(s, "NC/OC/XC propagation, clearing, page checks", test_ss_cases);
    CU_add_test(s, "CLC", test_clc);
    CU_add_test(s, "RLL (handler only, no row yet)", test_rll);
}
