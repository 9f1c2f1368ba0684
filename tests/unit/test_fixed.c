/*
 * test_fixed.c — binary integer arithmetic, loads and stores
 * (cpu370/insn_fixed.c), checked against the ESA/390 PoO SA22-7201 ch. 7.
 *
 * Most instructions are driven by one table: each row gives the
 * instruction bytes, GR2-GR5 and two words of storage at TM_DATA (based on
 * GR12), the incoming CC and program mask, and what must come out: GR2,
 * GR3, optionally the storage words, the CC and the program-interruption
 * code (0 for none).  Instructions use R1 = 2 (pair 2-3), R2/R3 = 4 (pair
 * 4-5) and storage operand 0(0,12) unless a row says otherwise.
 */
#include <stdio.h>

#include "tests/unit/testutil.h"

#define MEM_NONE 0x5A5A5A5Au            /* storage words left alone         */

/* Instruction encoders (register fields as the manual draws them). */
#define RR(op, r1, r2)          { op, (r1) << 4 | (r2) }
#define RX(op, r1, x, b, d)     { op, (r1) << 4 | (x), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RXM(op, r1)             RX(op, r1, 0, 12, 0)
#define RS(op, r1, r3, b, d)    { op, (r1) << 4 | (r3), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RI(ext, r1, i)          { 0xA7, (r1) << 4 | (ext), ((i) >> 8) & 0xFF, (i) & 0xFF }
#define RRE(op, r1, r2)         { (op) >> 8, (op) & 0xFF, 0, (r1) << 4 | (r2) }
#define RXE(ext, r1)            { 0xE3, (r1) << 4, 0xC0, 0x00, 0x00, ext }

typedef struct Vec {
    const char *what;
    uint8_t  insn[6];
    uint32_t r[4];          /* GR2, GR3, GR4, GR5 in                       */
    uint32_t mem[2];        /* words at TM_DATA, TM_DATA+4                 */
    uint8_t  cc_in, pm;
    uint32_t w2, w3;        /* GR2, GR3 out                                */
    int      cc;            /* CC out (-1: not checked)                    */
    int      pgm;           /* program-interruption code, 0 none           */
    bool     chk_mem;       /* check the storage words against wmem        */
    uint32_t wmem[2];
} Vec;

/* CC of the current PSW, or of the program old PSW after an interruption
 * (the new PSW has replaced the CC). */
static int cc_now(Machine *m, int pgm)
{
    Cpu *c = m->cpu;
    if (!pgm)
        return c->cc;
    const uint8_t *old = m->mem + PSA_PGM_OLD;
    if (c->arch == ARCH_S370 && !(old[1] & 0x08))
        return (old[4] >> 4) & 3;                /* BC mode */
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
        st_be32(m->mem + TM_DATA, v->mem[0]);
        st_be32(m->mem + TM_DATA + 4, v->mem[1]);
        c->cc = v->cc_in;
        c->psw.pm = v->pm;
        int pgm = tm_exec(m, v->insn, insn_length(v->insn[0]), 1);
        int cc = cc_now(m, pgm);
        bool ok = pgm == v->pgm && c->gr[2] == v->w2 && c->gr[3] == v->w3 &&
                  (v->cc < 0 || cc == v->cc);
        if (v->chk_mem)
            ok = ok && tm_get32(m, TM_DATA) == v->wmem[0] && tm_get32(m, TM_DATA + 4) == v->wmem[1];
        if (!ok)
            fprintf(stderr, "\n  %s: GR2=%08X GR3=%08X CC=%d pgm=%d mem=%08X %08X"
                    " (want %08X %08X CC=%d pgm=%d)", v->what, c->gr[2], c->gr[3], cc, pgm,
                    tm_get32(m, TM_DATA), tm_get32(m, TM_DATA + 4), v->w2, v->w3, v->cc, v->pgm);
        CU_ASSERT(ok);
        tm_free(m);
    }
}

#define N(a) (sizeof (a) / sizeof (a)[0])

/* Run one instruction; after a program interruption the PSW is the trap's
 * disabled wait, so load the start PSW again first (CC and mask kept). */
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
#define M(a, b) { a, b }
#define NOM     false, { 0, 0 }         /* storage not checked */
#define WM(a, b) true, { a, b }       /* storage words expected */

/* ---- add / subtract ------------------------------------------------------- */

static const Vec add_vecs[] = {
    { "AR 1+2",            RR(0x1A, 2, 4), { 1, 0, 2 },                 M(0, 0), 0, 0, 3, 0, 2, 0, NOM },
    { "AR -1+1",           RR(0x1A, 2, 4), { 0xFFFFFFFF, 0, 1 },        M(0, 0), 0, 0, 0, 0, 0, 0, NOM },
    { "AR -5+2",           RR(0x1A, 2, 4), { 0xFFFFFFFB, 0, 2 },        M(0, 0), 0, 0, 0xFFFFFFFD, 0, 1, 0, NOM },
    { "AR max+1 masked",   RR(0x1A, 2, 4), { 0x7FFFFFFF, 0, 1 },        M(0, 0), 0, 0, 0x80000000, 0, 3, 0, NOM },
    { "AR max+1 trap",     RR(0x1A, 2, 4), { 0x7FFFFFFF, 0, 1 },        M(0, 0), 0, PM_FIXED_OVERFLOW, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "AR min+-1",         RR(0x1A, 2, 4), { 0x80000000, 0, 0xFFFFFFFF }, M(0, 0), 0, 0, 0x7FFFFFFF, 0, 3, 0, NOM },
    { "AR min+min",        RR(0x1A, 2, 4), { 0x80000000, 0, 0x80000000 }, M(0, 0), 0, 0, 0, 0, 3, 0, NOM },
    { "AR other PM bits",  RR(0x1A, 2, 4), { 0x7FFFFFFF, 0, 1 },        M(0, 0), 0, 7, 0x80000000, 0, 3, 0, NOM },
    { "AR r1=r2",          RR(0x1A, 2, 2), { 0x40000000 },              M(0, 0), 0, 0, 0x80000000, 0, 3, 0, NOM },
    { "A",                 RXM(0x5A, 2),   { 10 },                      M(0xFFFFFFF6, 0), 0, 0, 0, 0, 0, 0, NOM },
    { "A overflow trap",   RXM(0x5A, 2),   { 0x7FFFFFFF },              M(0x7FFFFFFF, 0), 0, 8, 0xFFFFFFFE, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "A indexed",         RX(0x5A, 2, 4, 12, 4), { 1, 0, 0 },         M(0, 41), 0, 0, 42, 0, 2, 0, NOM },
    { "AH -32768",         RXM(0x4A, 2),   { 0 },                       M(0x8000FFFF, 0), 0, 0, 0xFFFF8000, 0, 1, 0, NOM },
    { "AH 32767",          RXM(0x4A, 2),   { 1 },                       M(0x7FFF0000, 0), 0, 0, 0x8000, 0, 2, 0, NOM },
    { "AH overflow",       RXM(0x4A, 2),   { 0x7FFFFFFF },              M(0x00010000, 0), 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "AHI -1",            RI(0xA, 2, 0xFFFF), { 0 },                   M(0, 0), 0, 0, 0xFFFFFFFF, 0, 1, 0, NOM },
    { "AHI min-1",         RI(0xA, 2, 0xFFFF), { 0x80000000 },          M(0, 0), 0, 0, 0x7FFFFFFF, 0, 3, 0, NOM },
    { "AHI +1 to max trap", RI(0xA, 2, 1), { 0x7FFFFFFF },              M(0, 0), 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "ALR 0+0",           RR(0x1E, 2, 4), { 0, 0, 0 },                 M(0, 0), 0, 0, 0, 0, 0, 0, NOM },
    { "ALR 1+1",           RR(0x1E, 2, 4), { 1, 0, 1 },                 M(0, 0), 0, 0, 2, 0, 1, 0, NOM },
    { "ALR carry zero",    RR(0x1E, 2, 4), { 0xFFFFFFFF, 0, 1 },        M(0, 0), 0, 0, 0, 0, 2, 0, NOM },
    { "ALR carry nonzero", RR(0x1E, 2, 4), { 0xFFFFFFFF, 0, 2 },        M(0, 0), 0, 0, 1, 0, 3, 0, NOM },
    { "ALR max+1 no trap", RR(0x1E, 2, 4), { 0x7FFFFFFF, 0, 1 },        M(0, 0), 0, 8, 0x80000000, 0, 1, 0, NOM },
    { "AL carry",          RXM(0x5E, 2),   { 0x80000000 },              M(0x80000000, 0), 0, 0, 0, 0, 2, 0, NOM },
    { "AL",                RXM(0x5E, 2),   { 5 },                       M(7, 0), 0, 0, 12, 0, 1, 0, NOM },
    { "SR 5-5",            RR(0x1B, 2, 4), { 5, 0, 5 },                 M(0, 0), 0, 0, 0, 0, 0, 0, NOM },
    { "SR 3-5",            RR(0x1B, 2, 4), { 3, 0, 5 },                 M(0, 0), 0, 0, 0xFFFFFFFE, 0, 1, 0, NOM },
    { "SR min-1",          RR(0x1B, 2, 4), { 0x80000000, 0, 1 },        M(0, 0), 0, 0, 0x7FFFFFFF, 0, 3, 0, NOM },
    { "SR 0-min trap",     RR(0x1B, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "SR -1-min",         RR(0x1B, 2, 4), { 0xFFFFFFFF, 0, 0x80000000 }, M(0, 0), 0, 0, 0x7FFFFFFF, 0, 2, 0, NOM },
    { "SR r1=r2",          RR(0x1B, 2, 2), { 0x80000000 },              M(0, 0), 0, 8, 0, 0, 0, 0, NOM },
    { "S",                 RXM(0x5B, 2),   { 1 },                       M(2, 0), 0, 0, 0xFFFFFFFF, 0, 1, 0, NOM },
    { "S overflow",        RXM(0x5B, 2),   { 0x7FFFFFFF },              M(0xFFFFFFFF, 0), 0, 0, 0x80000000, 0, 3, 0, NOM },
    { "SH",                RXM(0x4B, 2),   { 0 },                       M(0x8000AAAA, 0), 0, 0, 0x8000, 0, 2, 0, NOM },
    { "SH overflow",       RXM(0x4B, 2),   { 0x80000000 },              M(0x00010000, 0), 0, 8, 0x7FFFFFFF, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "SLR 5-5",           RR(0x1F, 2, 4), { 5, 0, 5 },                 M(0, 0), 0, 0, 0, 0, 2, 0, NOM },
    { "SLR 5-3",           RR(0x1F, 2, 4), { 5, 0, 3 },                 M(0, 0), 0, 0, 2, 0, 3, 0, NOM },
    { "SLR 3-5 borrow",    RR(0x1F, 2, 4), { 3, 0, 5 },                 M(0, 0), 0, 0, 0xFFFFFFFE, 0, 1, 0, NOM },
    { "SLR 0-0",           RR(0x1F, 2, 4), { 0, 0, 0 },                 M(0, 0), 0, 0, 0, 0, 2, 0, NOM },
    { "SLR min-1 no trap", RR(0x1F, 2, 4), { 0x80000000, 0, 1 },        M(0, 0), 0, 8, 0x7FFFFFFF, 0, 3, 0, NOM },
    { "SL 0-1",            RXM(0x5F, 2),   { 0 },                       M(1, 0), 0, 0, 0xFFFFFFFF, 0, 1, 0, NOM },
    { "SL",                RXM(0x5F, 2),   { 0xFFFFFFFF },              M(0xFFFFFFFF, 0), 0, 0, 0, 0, 2, 0, NOM },
    /* carries and borrows from the CC */
    { "ALCR cc2 carry in", RRE(0xB998, 2, 4), { 1, 0, 1 },             M(0, 0), 2, 0, 3, 0, 1, 0, NOM },
    { "ALCR cc3 carry in", RRE(0xB998, 2, 4), { 0xFFFFFFFF, 0, 0 },    M(0, 0), 3, 0, 0, 0, 2, 0, NOM },
    { "ALCR cc1 no carry", RRE(0xB998, 2, 4), { 0xFFFFFFFF, 0, 0 },    M(0, 0), 1, 0, 0xFFFFFFFF, 0, 1, 0, NOM },
    { "ALCR cc0 zero",     RRE(0xB998, 2, 4), { 0, 0, 0 },             M(0, 0), 0, 0, 0, 0, 0, 0, NOM },
    { "ALCR carry out+in", RRE(0xB998, 2, 4), { 0xFFFFFFFF, 0, 0xFFFFFFFF }, M(0, 0), 2, 0, 0xFFFFFFFF, 0, 3, 0, NOM },
    { "ALC",               RXE(0x98, 2),   { 0x80000000 },              M(0x7FFFFFFF, 0), 2, 0, 0, 0, 2, 0, NOM },
    { "SLBR cc1 borrow",   RRE(0xB999, 2, 4), { 5, 0, 3 },             M(0, 0), 1, 0, 1, 0, 3, 0, NOM },
    { "SLBR cc0 borrow",   RRE(0xB999, 2, 4), { 0, 0, 0 },             M(0, 0), 0, 0, 0xFFFFFFFF, 0, 1, 0, NOM },
    { "SLBR cc3 none",     RRE(0xB999, 2, 4), { 5, 0, 3 },             M(0, 0), 3, 0, 2, 0, 3, 0, NOM },
    { "SLBR cc2 zero",     RRE(0xB999, 2, 4), { 5, 0, 5 },             M(0, 0), 2, 0, 0, 0, 2, 0, NOM },
    { "SLBR zero borrow",  RRE(0xB999, 2, 4), { 0, 0, 0xFFFFFFFF },    M(0, 0), 0, 0, 0, 0, 0, 0, NOM },
    { "SLB",               RXE(0x99, 2),   { 10 },                      M(3, 0), 1, 0, 6, 0, 3, 0, NOM },
};

static void test_add_sub(void)
{
    run_vecs(ARCH_ESA390, add_vecs, N(add_vecs));
}

/* ---- multiply / divide -------------------------------------------------------- */

static const Vec mul_vecs[] = {
    { "MR 3*-2",           RR(0x1C, 2, 4), { 99, 3, 0xFFFFFFFE },       M(0, 0), 2, 0, 0xFFFFFFFF, 0xFFFFFFFA, 2, 0, NOM },
    { "MR min*min",        RR(0x1C, 2, 4), { 0, 0x80000000, 0x80000000 }, M(0, 0), 1, 0, 0x40000000, 0, 1, 0, NOM },
    { "MR max*max",        RR(0x1C, 2, 4), { 0, 0x7FFFFFFF, 0x7FFFFFFF }, M(0, 0), 0, 8, 0x3FFFFFFF, 1, 0, 0, NOM },
    { "MR r2=r1+1 square", RR(0x1C, 2, 3), { 0, 0xFFFFFFFF },           M(0, 0), 0, 0, 0, 1, 0, 0, NOM },
    { "MR odd R1",         RR(0x1C, 3, 4), { 7, 8, 9 },                 M(0, 0), 0, 0, 7, 8, 0, PGM_SPECIFICATION, NOM },
    { "M",                 RXM(0x5C, 2),   { 0, 0x10000 },              M(0x10000, 0), 3, 0, 1, 0, 3, 0, NOM },
    { "M odd R1",          RXM(0x5C, 3),   { 1, 2 },                    M(3, 0), 0, 0, 1, 2, 0, PGM_SPECIFICATION, NOM },
    { "MH",                RXM(0x4C, 2),   { 0x10000 },                 M(0xFFFE0000, 0), 2, 0, 0xFFFE0000, 0, 2, 0, NOM },
    { "MH overflow lost",  RXM(0x4C, 2),   { 0x40000000 },              M(0x00040000, 0), 1, 8, 0, 0, 1, 0, NOM },
    { "MH odd R1 ok",      RXM(0x4C, 3),   { 0, 5 },                    M(0xFFFD0000, 0), 0, 0, 0, 0xFFFFFFF1, 0, 0, NOM },
    { "MHI",               RI(0xC, 2, 0xFFFD), { 7 },                   M(0, 0), 3, 0, 0xFFFFFFEB, 0, 3, 0, NOM },
    { "MSR -3*5",          RRE(0xB252, 2, 4), { 0xFFFFFFFD, 0, 5 },     M(0, 0), 1, 0, 0xFFFFFFF1, 0, 1, 0, NOM },
    { "MSR overflow lost", RRE(0xB252, 2, 4), { 0x10000, 0, 0x10000 },  M(0, 0), 2, 8, 0, 0, 2, 0, NOM },
    { "MS",                RXM(0x71, 2),   { 0x12345 },                 M(0x1000, 0), 0, 0, 0x12345000, 0, 0, 0, NOM },
    { "DR 100/7",          RR(0x1D, 2, 4), { 0, 100, 7 },               M(0, 0), 1, 0, 2, 14, 1, 0, NOM },
    { "DR -100/7",         RR(0x1D, 2, 4), { 0xFFFFFFFF, 0xFFFFFF9C, 7 }, M(0, 0), 0, 0, 0xFFFFFFFE, 0xFFFFFFF2, 0, 0, NOM },
    { "DR 100/-7",         RR(0x1D, 2, 4), { 0, 100, 0xFFFFFFF9 },      M(0, 0), 0, 0, 2, 0xFFFFFFF2, 0, 0, NOM },
    { "DR /0",             RR(0x1D, 2, 4), { 0, 100, 0 },               M(0, 0), 0, 0, 0, 100, 0, PGM_FIXED_DIVIDE, NOM },
    { "DR quotient big",   RR(0x1D, 2, 4), { 1, 0, 1 },                 M(0, 0), 0, 0, 1, 0, 0, PGM_FIXED_DIVIDE, NOM },
    { "DR 2^31/1",         RR(0x1D, 2, 4), { 0, 0x80000000, 1 },        M(0, 0), 0, 0, 0, 0x80000000, 0, PGM_FIXED_DIVIDE, NOM },
    { "DR -2^31/1",        RR(0x1D, 2, 4), { 0xFFFFFFFF, 0x80000000, 1 }, M(0, 0), 0, 0, 0, 0x80000000, 0, 0, NOM },
    { "DR -2^31/-1",       RR(0x1D, 2, 4), { 0xFFFFFFFF, 0x80000000, 0xFFFFFFFF }, M(0, 0), 0, 0, 0xFFFFFFFF, 0x80000000, 0, PGM_FIXED_DIVIDE, NOM },
    { "DR -2^63/-1",       RR(0x1D, 2, 4), { 0x80000000, 0, 0xFFFFFFFF }, M(0, 0), 0, 0, 0x80000000, 0, 0, PGM_FIXED_DIVIDE, NOM },
    { "DR odd R1",         RR(0x1D, 3, 4), { 0, 100, 7 },               M(0, 0), 0, 0, 0, 100, 0, PGM_SPECIFICATION, NOM },
    { "DR big ok",         RR(0x1D, 2, 4), { 0x3FFFFFFF, 0, 0x7FFFFFFF }, M(0, 0), 0, 0, 0x7FFFFFFE, 0x7FFFFFFE, 0, 0, NOM },
    { "DR big overflow",   RR(0x1D, 2, 4), { 0x3FFFFFFF, 0xFFFFFFFF, 0x7FFFFFFF }, M(0, 0), 0, 0, 0x3FFFFFFF, 0xFFFFFFFF, 0, PGM_FIXED_DIVIDE, NOM },
    { "D",                 RXM(0x5D, 2),   { 0, 7 },                    M(2, 0), 0, 0, 1, 3, 0, 0, NOM },
    { "D /0",              RXM(0x5D, 2),   { 5, 6 },                    M(0, 0), 0, 0, 5, 6, 0, PGM_FIXED_DIVIDE, NOM },
    { "MLR max*max",       RRE(0xB996, 2, 4), { 9, 0xFFFFFFFF, 0xFFFFFFFF }, M(0, 0), 2, 0, 0xFFFFFFFE, 1, 2, 0, NOM },
    { "MLR odd",           RRE(0xB996, 3, 4), { 9, 8, 7 },              M(0, 0), 0, 0, 9, 8, 0, PGM_SPECIFICATION, NOM },
    { "ML",                RXE(0x96, 2),   { 0, 0x80000000 },           M(4, 0), 1, 0, 2, 0, 1, 0, NOM },
    { "DLR 2^32/2",        RRE(0xB997, 2, 4), { 1, 0, 2 },              M(0, 0), 0, 0, 0, 0x80000000, 0, 0, NOM },
    { "DLR big",           RRE(0xB997, 2, 4), { 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF }, M(0, 0), 0, 0, 0xFFFFFFFE, 0xFFFFFFFF, 0, 0, NOM },
    { "DLR overflow",      RRE(0xB997, 2, 4), { 2, 0, 2 },              M(0, 0), 0, 0, 2, 0, 0, PGM_FIXED_DIVIDE, NOM },
    { "DLR /0",            RRE(0xB997, 2, 4), { 0, 5, 0 },              M(0, 0), 0, 0, 0, 5, 0, PGM_FIXED_DIVIDE, NOM },
    { "DLR odd",           RRE(0xB997, 3, 4), { 0, 5, 1 },              M(0, 0), 0, 0, 0, 5, 0, PGM_SPECIFICATION, NOM },
    { "DL",                RXE(0x97, 2),   { 0, 0xFFFFFFFF },           M(0x10, 0), 0, 0, 0xF, 0x0FFFFFFF, 0, 0, NOM },
    { "DL overflow",       RXE(0x97, 2),   { 0x10, 0 },                 M(0x10, 0), 0, 0, 0x10, 0, 0, PGM_FIXED_DIVIDE, NOM },
};

static void test_mul_div(void)
{
    run_vecs(ARCH_ESA390, mul_vecs, N(mul_vecs));
}

/* ---- compare, load ------------------------------------------------------------- */

static const Vec cmp_vecs[] = {
    { "CR equal",          RR(0x19, 2, 4), { 5, 0, 5 },                 M(0, 0), 3, 0, 5, 0, 0, 0, NOM },
    { "CR -1 < 1",         RR(0x19, 2, 4), { 0xFFFFFFFF, 0, 1 },        M(0, 0), 0, 0, 0xFFFFFFFF, 0, 1, 0, NOM },
    { "CR min < max",      RR(0x19, 2, 4), { 0x80000000, 0, 0x7FFFFFFF }, M(0, 0), 0, 0, 0x80000000, 0, 1, 0, NOM },
    { "CR 2 > -1",         RR(0x19, 2, 4), { 2, 0, 0xFFFFFFFF },        M(0, 0), 0, 0, 2, 0, 2, 0, NOM },
    { "C",                 RXM(0x59, 2),   { 0 },                       M(0x80000000, 0), 0, 0, 0, 0, 2, 0, NOM },
    { "CH -1",             RXM(0x49, 2),   { 0xFFFFFFFF },              M(0xFFFF0000, 0), 2, 0, 0xFFFFFFFF, 0, 0, 0, NOM },
    { "CH",                RXM(0x49, 2),   { 0x8000 },                  M(0x8000, 0), 0, 0, 0x8000, 0, 2, 0, NOM },
    { "CHI",               RI(0xE, 2, 0x8000), { 0xFFFF7FFF },          M(0, 0), 0, 0, 0xFFFF7FFF, 0, 1, 0, NOM },
    { "CLR high",          RR(0x15, 2, 4), { 0xFFFFFFFF, 0, 1 },        M(0, 0), 0, 0, 0xFFFFFFFF, 0, 2, 0, NOM },
    { "CLR low",           RR(0x15, 2, 4), { 1, 0, 0xFFFFFFFF },        M(0, 0), 0, 0, 1, 0, 1, 0, NOM },
    { "CLR equal",         RR(0x15, 2, 4), { 7, 0, 7 },                 M(0, 0), 1, 0, 7, 0, 0, 0, NOM },
    { "CL",                RXM(0x55, 2),   { 0x80000000 },              M(0x7FFFFFFF, 0), 0, 0, 0x80000000, 0, 2, 0, NOM },
    { "LR",                RR(0x18, 2, 4), { 0, 0, 0x12345678 },        M(0, 0), 3, 0, 0x12345678, 0, 3, 0, NOM },
    { "L",                 RXM(0x58, 2),   { 0 },                       M(0xCAFEBABE, 0), 1, 0, 0xCAFEBABE, 0, 1, 0, NOM },
    { "L unaligned",       RX(0x58, 2, 0, 12, 1), { 0 },                M(0x11223344, 0x55667788), 0, 0, 0x22334455, 0, 0, 0, NOM },
    { "LH negative",       RXM(0x48, 2),   { 0 },                       M(0x80000000, 0), 0, 0, 0xFFFF8000, 0, 0, 0, NOM },
    { "LH positive",       RXM(0x48, 2),   { 0xFFFFFFFF },              M(0x7FFF0000, 0), 0, 0, 0x7FFF, 0, 0, 0, NOM },
    { "LHI",               RI(0x8, 2, 0xFFFF), { 0 },                   M(0, 0), 2, 0, 0xFFFFFFFF, 0, 2, 0, NOM },
    { "LTR neg",           RR(0x12, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 0, 0x80000000, 0, 1, 0, NOM },
    { "LTR zero",          RR(0x12, 2, 4), { 9, 0, 0 },                 M(0, 0), 3, 0, 0, 0, 0, 0, NOM },
    { "LTR pos",           RR(0x12, 2, 4), { 0, 0, 1 },                 M(0, 0), 0, 0, 1, 0, 2, 0, NOM },
    { "LCR 5",             RR(0x13, 2, 4), { 0, 0, 5 },                 M(0, 0), 0, 0, 0xFFFFFFFB, 0, 1, 0, NOM },
    { "LCR -5",            RR(0x13, 2, 4), { 0, 0, 0xFFFFFFFB },        M(0, 0), 0, 0, 5, 0, 2, 0, NOM },
    { "LCR 0",             RR(0x13, 2, 4), { 9, 0, 0 },                 M(0, 0), 3, 0, 0, 0, 0, 0, NOM },
    { "LCR max neg",       RR(0x13, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 0, 0x80000000, 0, 3, 0, NOM },
    { "LCR max neg trap",  RR(0x13, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "LNR 5",             RR(0x11, 2, 4), { 0, 0, 5 },                 M(0, 0), 0, 0, 0xFFFFFFFB, 0, 1, 0, NOM },
    { "LNR -5",            RR(0x11, 2, 4), { 0, 0, 0xFFFFFFFB },        M(0, 0), 0, 0, 0xFFFFFFFB, 0, 1, 0, NOM },
    { "LNR 0",             RR(0x11, 2, 4), { 3, 0, 0 },                 M(0, 0), 2, 0, 0, 0, 0, 0, NOM },
    { "LNR max neg",       RR(0x11, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 8, 0x80000000, 0, 1, 0, NOM },
    { "LPR -5",            RR(0x10, 2, 4), { 0, 0, 0xFFFFFFFB },        M(0, 0), 0, 0, 5, 0, 2, 0, NOM },
    { "LPR 5",             RR(0x10, 2, 4), { 0, 0, 5 },                 M(0, 0), 0, 0, 5, 0, 2, 0, NOM },
    { "LPR 0",             RR(0x10, 2, 4), { 1, 0, 0 },                 M(0, 0), 1, 0, 0, 0, 0, 0, NOM },
    { "LPR max neg",       RR(0x10, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 0, 0x80000000, 0, 3, 0, NOM },
    { "LPR max neg trap",  RR(0x10, 2, 4), { 0, 0, 0x80000000 },        M(0, 0), 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "IC",                RXM(0x43, 2),   { 0xAABBCCDD },              M(0x11223344, 0), 2, 0, 0xAABBCC11, 0, 2, 0, NOM },
    { "LA wraps 31",       RX(0x41, 2, 4, 5, 0xFFF), { 0, 0, 0x7FFFF000, 0x80000002 }, M(0, 0), 0, 0, 0x00000001, 0, 0, 0, NOM },
    { "LA clears bit 0",   RX(0x41, 2, 0, 4, 0), { 0, 0, 0x92345678 },  M(0, 0), 0, 0, 0x12345678, 0, 0, 0, NOM },
    { "LA r0 is zero",     RX(0x41, 2, 0, 0, 0x123), { 0 },             M(0, 0), 0, 0, 0x123, 0, 0, 0, NOM },
    { "LRVR",              RRE(0xB91F, 2, 4), { 0, 0, 0x11223344 },     M(0, 0), 1, 0, 0x44332211, 0, 1, 0, NOM },
    { "LRV",               RXE(0x1E, 2),   { 0 },                       M(0x11223344, 0), 0, 0, 0x44332211, 0, 0, 0, NOM },
    { "LRVH",              RXE(0x1F, 2),   { 0xAAAABBBB },              M(0x11223344, 0), 0, 0, 0xAAAA2211, 0, 0, 0, NOM },
};

static void test_cmp_load(void)
{
    run_vecs(ARCH_ESA390, cmp_vecs, N(cmp_vecs));
}

/* ---- storage-changing instructions ------------------------------------------------ */

static const Vec store_vecs[] = {
    { "ST",                RXM(0x50, 2),   { 0x11223344 },              M(0, 0), 0, 0, 0x11223344, 0, 0, 0, WM(0x11223344, 0) },
    { "ST unaligned",      RX(0x50, 2, 0, 12, 2), { 0x11223344 },       M(0, 0), 0, 0, 0x11223344, 0, 0, 0, WM(0x00001122, 0x33440000) },
    { "STH",               RXM(0x40, 2),   { 0x11223344 },              M(0xAAAAAAAA, 0), 0, 0, 0x11223344, 0, 0, 0, WM(0x3344AAAA, 0) },
    { "STC",               RX(0x42, 2, 0, 12, 3), { 0x11223344 },       M(0xAAAAAAAA, 0), 0, 0, 0x11223344, 0, 0, 0, WM(0xAAAAAA44, 0) },
    { "STRV",              RXE(0x3E, 2),   { 0x11223344 },              M(0, 0), 0, 0, 0x11223344, 0, 0, 0, WM(0x44332211, 0) },
    { "STRVH",             RXE(0x3F, 2),   { 0x11223344 },              M(0xAAAAAAAA, 0), 0, 0, 0x11223344, 0, 0, 0, WM(0x4433AAAA, 0) },
    /* ICM / STCM / CLM, mask in the R3 field */
    { "ICM 15 neg",        RS(0xBF, 2, 15, 12, 0), { 0 },               M(0x80000001, 0), 0, 0, 0x80000001, 0, 1, 0, NOM },
    { "ICM 15 zero",       RS(0xBF, 2, 15, 12, 0), { 5 },               M(0, 0), 3, 0, 0, 0, 0, 0, NOM },
    { "ICM 0101",          RS(0xBF, 2, 5, 12, 0),  { 0xAABBCCDD },      M(0x12340000, 0), 0, 0, 0xAA12CC34, 0, 2, 0, NOM },
    { "ICM 1000 zero",     RS(0xBF, 2, 8, 12, 0),  { 0xAABBCCDD },      M(0x00FFFFFF, 0), 3, 0, 0x00BBCCDD, 0, 0, 0, NOM },
    { "ICM 0001 neg",      RS(0xBF, 2, 1, 12, 0),  { 0 },               M(0x80000000, 0), 0, 0, 0x80, 0, 1, 0, NOM },
    { "ICM 0011 first 0",  RS(0xBF, 2, 3, 12, 0),  { 0xFFFFFFFF },      M(0x0001FFFF, 0), 0, 0, 0xFFFF0001, 0, 2, 0, NOM },
    { "ICM 0011 later 1",  RS(0xBF, 2, 3, 12, 0),  { 0 },               M(0x0180FFFF, 0), 0, 0, 0x0180, 0, 2, 0, NOM },
    { "ICM mask 0",        RS(0xBF, 2, 0, 12, 0),  { 0x12345678 },      M(0xFFFFFFFF, 0), 2, 0, 0x12345678, 0, 0, 0, NOM },
    { "STCM 1010",         RS(0xBE, 2, 10, 12, 0), { 0x11223344 },      M(0xAAAAAAAA, 0), 1, 0, 0x11223344, 0, 1, 0, WM(0x1133AAAA, 0) },
    { "STCM 15",           RS(0xBE, 2, 15, 12, 1), { 0x11223344 },      M(0, 0), 1, 0, 0x11223344, 0, 1, 0, WM(0x00112233, 0x44000000) },
    { "STCM 0001",         RS(0xBE, 2, 1, 12, 0),  { 0x11223344 },      M(0, 0), 1, 0, 0x11223344, 0, 1, 0, WM(0x44000000, 0) },
    { "STCM mask 0",       RS(0xBE, 2, 0, 12, 0),  { 0x11223344 },      M(0, 0), 1, 0, 0x11223344, 0, 1, 0, WM(0, 0) },
    { "CLM 0110 equal",    RS(0xBD, 2, 6, 12, 0),  { 0x00112200 },      M(0x1122FFFF, 0), 3, 0, 0x00112200, 0, 0, 0, NOM },
    { "CLM 0110 low",      RS(0xBD, 2, 6, 12, 0),  { 0x00112200 },      M(0x1123FFFF, 0), 0, 0, 0x00112200, 0, 1, 0, NOM },
    { "CLM 1001 high",     RS(0xBD, 2, 9, 12, 0),  { 0x80000001 },      M(0x7FFFFFFF, 0), 0, 0, 0x80000001, 0, 2, 0, NOM },
    { "CLM 15",            RS(0xBD, 2, 15, 12, 0), { 1 },               M(0xFFFFFFFF, 0), 0, 0, 1, 0, 1, 0, NOM },
    { "CLM mask 0",        RS(0xBD, 2, 0, 12, 0),  { 1 },               M(0xFFFFFFFF, 0), 2, 0, 1, 0, 0, 0, NOM },
    /* interlocked update */
    { "CS equal",          RS(0xBA, 2, 4, 12, 0), { 7, 0, 9 },          M(7, 0), 1, 0, 7, 0, 0, 0, WM(9, 0) },
    { "CS unequal",        RS(0xBA, 2, 4, 12, 0), { 7, 0, 9 },          M(8, 0), 0, 0, 8, 0, 1, 0, WM(8, 0) },
    { "CS misaligned",     RS(0xBA, 2, 4, 12, 2), { 7, 0, 9 },          M(7, 0), 0, 0, 7, 0, 0, PGM_SPECIFICATION, WM(7, 0) },
    { "CDS equal",         RS(0xBB, 2, 4, 12, 0), { 1, 2, 3, 4 },       M(1, 2), 1, 0, 1, 2, 0, 0, WM(3, 4) },
    { "CDS unequal low",   RS(0xBB, 2, 4, 12, 0), { 1, 2, 3, 4 },       M(1, 5), 0, 0, 1, 5, 1, 0, WM(1, 5) },
    { "CDS unequal high",  RS(0xBB, 2, 4, 12, 0), { 1, 2, 3, 4 },       M(6, 2), 0, 0, 6, 2, 1, 0, WM(6, 2) },
    { "CDS word aligned",  RS(0xBB, 2, 4, 12, 4), { 1, 2, 3, 4 },       M(0, 1), 0, 0, 1, 2, 0, PGM_SPECIFICATION, WM(0, 1) },
    { "CDS odd R1",        RS(0xBB, 3, 4, 12, 0), { 1, 2, 3, 4 },       M(2, 3), 0, 0, 1, 2, 0, PGM_SPECIFICATION, WM(2, 3) },
    { "CDS odd R3",        RS(0xBB, 2, 5, 12, 0), { 1, 2, 3, 4 },       M(1, 2), 0, 0, 1, 2, 0, PGM_SPECIFICATION, WM(1, 2) },
    { "TS zero",           RS(0x93, 0, 0, 12, 1), { 0 },                M(0x11007F00, 0), 3, 0, 0, 0, 0, 0, WM(0x11FF7F00, 0) },
    { "TS one",            RS(0x93, 0, 0, 12, 0), { 0 },                M(0x80000000, 0), 0, 0, 0, 0, 1, 0, WM(0xFF000000, 0) },
    { "TS X'7F'",          RS(0x93, 0, 0, 12, 2), { 0 },                M(0x11007F00, 0), 3, 0, 0, 0, 0, 0, WM(0x1100FF00, 0) },
};

static void test_store(void)
{
    run_vecs(ARCH_ESA390, store_vecs, N(store_vecs));
}

/* ---- S/370 mode ------------------------------------------------------------------ */

static const Vec s370_vecs[] = {
    { "370 AR",            RR(0x1A, 2, 4), { 1, 0, 2 },                 M(0, 0), 0, 0, 3, 0, 2, 0, NOM },
    { "370 AR trap (BC)",  RR(0x1A, 2, 4), { 0x7FFFFFFF, 0, 1 },        M(0, 0), 0, 8, 0x80000000, 0, 3, PGM_FIXED_OVERFLOW, NOM },
    { "370 LA 24-bit",     RX(0x41, 2, 0, 4, 4), { 0, 0, 0x12FFFFFE },  M(0, 0), 0, 0, 0x00000002, 0, 0, 0, NOM },
    { "370 DR /0",         RR(0x1D, 2, 4), { 0, 1, 0 },                 M(0, 0), 0, 0, 0, 1, 0, PGM_FIXED_DIVIDE, NOM },
    { "370 CS",            RS(0xBA, 2, 4, 12, 0), { 7, 0, 9 },          M(7, 0), 1, 0, 7, 0, 0, 0, WM(9, 0) },
    { "370 AHI is ESA",    RI(0xA, 2, 1), { 1 },                        M(0, 0), 0, 0, 1, 0, -1, PGM_OPERATION, NOM },
    { "370 MSR is ESA",    RRE(0xB252, 2, 4), { 2, 0, 3 },              M(0, 0), 0, 0, 2, 0, -1, PGM_OPERATION, NOM },
    { "370 ALCR is ESA",   RRE(0xB998, 2, 4), { 2, 0, 3 },              M(0, 0), 0, 0, 2, 0, -1, PGM_OPERATION, NOM },
};

static void test_s370(void)
{
    run_vecs(ARCH_S370, s370_vecs, N(s370_vecs));
}

/* ---- LM / STM / LAM / STAM: register wrap and whole-operand checking ------------- */

static void test_lm_stm(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    for (int i = 0; i < 16; i++)
        c->gr[i] = 0x100 + (uint32_t)i;
    c->gr[12] = TM_DATA;

    /* STM 14,1,0(12): GR14, 15, 0, 1 */
    static const uint8_t stm[] = RS(0x90, 14, 1, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, stm), 0);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA), 0x10E);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 4), 0x10F);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 8), 0x100);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 12), 0x101);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 16), 0);

    /* LM 0,0 loads one register; LM 15,0 wraps */
    for (int i = 0; i < 4; i++)
        st_be32(m->mem + TM_DATA + 4 * i, 0xA0 + (uint32_t)i);
    static const uint8_t lm[] = RS(0x98, 15, 0, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, lm), 0);
    CU_ASSERT_EQUAL(c->gr[15], 0xA0);
    CU_ASSERT_EQUAL(c->gr[0], 0xA1);
    CU_ASSERT_EQUAL(c->gr[1], 0x101);

    /* LM 0,15 across a 2K page boundary, with the base among the loaded */
    for (int i = 0; i < 16; i++)
        st_be32(m->mem + 0x27F0 + 4 * i, 0xB0 + (uint32_t)i);
    c->gr[12] = 0x27F0;
    static const uint8_t lm_all[] = RS(0x98, 0, 15, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, lm_all), 0);
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(c->gr[i], 0xB0 + (uint32_t)i);

    /* STM running off the end of storage: addressing, nothing stored */
    uint32_t end = m->memsize;
    for (int i = 0; i < 16; i++)
        c->gr[i] = 0x200 + (uint32_t)i;
    c->gr[12] = end - 8;
    memset(m->mem + end - 8, 0xEE, 8);
    static const uint8_t stm_all[] = RS(0x90, 0, 15, 12, 0);
    static const uint8_t st_warm[] = RX(0x50, 0, 0, 12, 0);   /* page in the TLB */
    CU_ASSERT_EQUAL(exec1(m, st_warm), 0);
    st_be32(m->mem + end - 8, 0xEEEEEEEE);
    CU_ASSERT_EQUAL(exec1(m, stm_all), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, end - 8), 0xEEEEEEEE);
    CU_ASSERT_EQUAL(tm_get32(m, end - 4), 0xEEEEEEEE);

    /* LM likewise: no register changed, the base included */
    CU_ASSERT_EQUAL(exec1(m, lm_all), PGM_ADDRESSING);
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(c->gr[i], i == 12 ? end - 8 : 0x200 + (uint32_t)i);

    /* STM into a page whose key does not match: protection, nothing stored */
    restart(m);
    c->gr[12] = 0x37F8;
    memset(m->mem + 0x37F8, 0x11, 16);
    m->keys[0x3800 >> 11] = 0x50;
    c->psw.key = 3;
    m->keys[0x3000 >> 11] = 0x30;
    m->keys[TM_CODE >> 11] = 0x30;
    m->keys[0] = 0x30;                   /* the PSA, for the interruption */
    cpu_state_changed(c);
    tlb_purge(c);
    static const uint8_t stm4[] = RS(0x90, 0, 3, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, st_warm), 0);
    st_be32(m->mem + 0x37F8, 0x11111111);
    CU_ASSERT_EQUAL(exec1(m, stm4), PGM_PROTECTION);
    CU_ASSERT_EQUAL(tm_get32(m, 0x37F8), 0x11111111);
    CU_ASSERT_EQUAL(tm_get32(m, 0x37FC), 0x11111111);
    tm_free(m);
}

static void test_access_regs(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    for (int i = 0; i < 4; i++)
        st_be32(m->mem + TM_DATA + 4 * i, 0xA0 + (uint32_t)i);

    static const uint8_t lam[] = RS(0x9A, 14, 1, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, lam), 0);
    CU_ASSERT_EQUAL(c->ar[14], 0xA0);
    CU_ASSERT_EQUAL(c->ar[15], 0xA1);
    CU_ASSERT_EQUAL(c->ar[0], 0xA2);
    CU_ASSERT_EQUAL(c->ar[1], 0xA3);
    CU_ASSERT_EQUAL(c->ar[2], 0);

    static const uint8_t stam[] = RS(0x9B, 15, 0, 12, 0x10);
    CU_ASSERT_EQUAL(exec1(m, stam), 0);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 0x10), 0xA1);
    CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 0x14), 0xA2);

    static const uint8_t lam_odd[] = RS(0x9A, 0, 0, 12, 2);
    CU_ASSERT_EQUAL(exec1(m, lam_odd), PGM_SPECIFICATION);
    static const uint8_t stam_odd[] = RS(0x9B, 0, 0, 12, 1);
    CU_ASSERT_EQUAL(exec1(m, stam_odd), PGM_SPECIFICATION);

    c->gr[5] = 0xCAFE;
    static const uint8_t sar[] = RRE(0xB24E, 3, 5);
    CU_ASSERT_EQUAL(exec1(m, sar), 0);
    CU_ASSERT_EQUAL(c->ar[3], 0xCAFE);
    static const uint8_t cpya[] = RRE(0xB24D, 4, 3);
    CU_ASSERT_EQUAL(exec1(m, cpya), 0);
    CU_ASSERT_EQUAL(c->ar[4], 0xCAFE);
    static const uint8_t ear[] = RRE(0xB24F, 6, 4);
    CU_ASSERT_EQUAL(exec1(m, ear), 0);
    CU_ASSERT_EQUAL(c->gr[6], 0xCAFE);

    /* LAE: the ALET follows the address-space control */
    static const uint8_t lae[] = RX(0x51, 2, 0, 12, 8);
    static const struct { uint8_t asc; uint32_t ar; } lae_v[] = {
        { AS_PRIMARY, 0 }, { AS_AR, 0x77 }, { AS_SECONDARY, 1 }, { AS_HOME, 2 },
    };
    c->ar[12] = 0x77;
    for (unsigned i = 0; i < N(lae_v); i++) {
        c->ar[2] = 0xDEAD;
        c->psw.asc = lae_v[i].asc;
        CU_ASSERT_EQUAL(exec1(m, lae), 0);
        CU_ASSERT_EQUAL(c->gr[2], TM_DATA + 8);
        CU_ASSERT_EQUAL(c->ar[2], lae_v[i].ar);
    }
    /* AR mode with B2 = 0: ALET 0 */
    static const uint8_t lae0[] = RX(0x51, 2, 12, 0, 8);
    c->psw.asc = AS_AR;
    CU_ASSERT_EQUAL(exec1(m, lae0), 0);
    CU_ASSERT_EQUAL(c->ar[2], 0);
    CU_ASSERT_EQUAL(c->gr[2], TM_DATA + 8);
    tm_free(m);
}

/* LA and ICM in the 24-bit mode of ESA/390. */
static void test_amode24(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->psw.amode31 = false;
    cpu_state_changed(c);
    c->gr[4] = 0x12FFFFFF;
    static const uint8_t la[] = RX(0x41, 2, 0, 4, 2);
    CU_ASSERT_EQUAL(exec1(m, la), 0);
    CU_ASSERT_EQUAL(c->gr[2], 1);
    /* bits 0-7 of a base register are ignored */
    c->gr[4] = 0xFF000000 | TM_DATA;
    st_be32(m->mem + TM_DATA, 0x600DF00D);
    static const uint8_t l[] = RX(0x58, 2, 0, 4, 0);
    CU_ASSERT_EQUAL(exec1(m, l), 0);
    CU_ASSERT_EQUAL(c->gr[2], 0x600DF00D);
    tm_free(m);
}

void register_fixed_tests(void)
{
    CU_pSuite s = CU_add_suite("fixed", NULL, NULL);
    CU_add_test(s, "add and subtract, signed and logical", test_add_sub);
    CU_add_test(s, "multiply and divide", test_mul_div);
    CU_add_test(s, "compare and load", test_cmp_load);
    CU_add_test(s, "stores, masks, CS/CDS, TS", test_store);
    CU_add_test(s, "S/370 mode", test_s370);
    CU_add_test(s, "LM/STM wrap and page checks", test_lm_stm);
    CU_add_test(s, "access registers, LAE", test_access_regs);
    CU_add_test(s, "24-bit addressing", test_amode24);
}
