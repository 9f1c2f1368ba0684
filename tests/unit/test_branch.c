/*
 * test_branch.c — branches, linkage, EXECUTE, SVC, IPM/SPM
 * (cpu370/insn_branch.c), checked against the ESA/390 PoO SA22-7201 ch. 7
 * and the S/370 PoO GA22-7000 ch. 7.
 *
 * Each row of the main table runs one instruction at TM_CODE with GR2-GR5
 * set, in 31- or 24-bit mode, and gives the instruction address, GR2, GR3
 * and addressing mode that must result.
 */
#include <stdio.h>

#include "tests/unit/testutil.h"

#define RR(op, r1, r2)          { op, (r1) << 4 | (r2) }
#define RX(op, r1, x, b, d)     { op, (r1) << 4 | (x), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RS(op, r1, r3, b, d)    { op, (r1) << 4 | (r3), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RI(ext, r1, i)          { 0xA7, (r1) << 4 | (ext), ((i) >> 8) & 0xFF, (i) & 0xFF }
#define RSI(op, r1, r3, i)      { op, (r1) << 4 | (r3), ((i) >> 8) & 0xFF, (i) & 0xFF }
#define RIL(ext, r1, i)         { 0xC0, (r1) << 4 | (ext), ((i) >> 24) & 0xFF, ((i) >> 16) & 0xFF, \
                                  ((i) >> 8) & 0xFF, (i) & 0xFF }
#define RRE(op, r1, r2)         { (op) >> 8, (op) & 0xFF, 0, (r1) << 4 | (r2) }

#define N(a) (sizeof (a) / sizeof (a)[0])
#define NEXT4 (TM_CODE + 4)
#define NEXT2 (TM_CODE + 2)

/* Load the start PSW: ESA/390 31-bit (or 24-bit), S/370 BC mode. */
static void start_psw(Machine *m, bool amode31)
{
    Cpu *c = m->cpu;
    uint8_t psw[8] = { 0, c->arch == ARCH_ESA390 ? 0x08 : 0x00, 0, 0, 0, 0, 0, 0 };
    st_be32(psw + 4, TM_CODE | (c->arch == ARCH_ESA390 && amode31 ? 0x80000000u : 0));
    psw_load(c, psw);
}

static int exec1(Machine *m, const uint8_t *code)
{
    return tm_exec(m, code, insn_length(code[0]), 1);
}

typedef struct Vec {
    const char *what;
    uint8_t  insn[6];
    bool     a31;           /* start in 31-bit mode                        */
    uint32_t r[4];          /* GR2-GR5 in                                  */
    uint8_t  cc, pm;
    uint32_t ia;            /* instruction address out                     */
    uint32_t w2, w3;        /* GR2, GR3 out                                */
    bool     a31_out;       /* addressing mode out                         */
} Vec;

static void run_vecs(Arch arch, const Vec *v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v++) {
        Machine *m = tm_new(arch);
        Cpu *c = m->cpu;
        start_psw(m, v->a31);
        for (int k = 0; k < 4; k++)
            c->gr[2 + k] = v->r[k];
        c->cc = v->cc;
        c->psw.pm = v->pm;
        int pgm = exec1(m, v->insn);
        bool a31 = c->psw.amode31;
        bool ok = pgm == 0 && c->ia == v->ia && c->gr[2] == v->w2 && c->gr[3] == v->w3 &&
                  a31 == v->a31_out && c->amask == (a31 ? 0x7FFFFFFFu : 0x00FFFFFFu);
        if (!ok)
            fprintf(stderr, "\n  %s: pgm %d IA=%08X GR2=%08X GR3=%08X amode31=%d"
                    " (want IA=%08X %08X %08X %d)", v->what, pgm, c->ia, c->gr[2], c->gr[3],
                    a31, v->ia, v->w2, v->w3, v->a31_out);
        CU_ASSERT(ok);
        tm_free(m);
    }
}

/* ---- BC / BCR / BRC / BRCL: every mask against every CC --------------------- */

static void test_branch_on_condition(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    unsigned bad = 0;
    c->gr[4] = 0x3000;
    for (unsigned mask = 0; mask < 16; mask++)
        for (unsigned cc = 0; cc < 4; cc++) {
            bool taken = (mask >> (3 - cc)) & 1;
            uint8_t bc[4] = RX(0x47, 0, 0, 0, 0x800);
            uint8_t bcr[2] = RR(0x07, 0, 4);
            uint8_t bcr0[2] = RR(0x07, 0, 0);
            uint8_t brc[4] = RI(0x4, 0, 0x40);
            uint8_t brcl[6] = RIL(0x4, 0, 0xFFFFFF00u);
            bc[1] |= (uint8_t)(mask << 4);
            bcr[1] |= (uint8_t)(mask << 4);
            bcr0[1] |= (uint8_t)(mask << 4);
            brc[1] |= (uint8_t)(mask << 4);
            brcl[1] |= (uint8_t)(mask << 4);
            struct { const uint8_t *insn; uint32_t target, next; } t[] = {
                { bc, 0x800, NEXT4 },
                { bcr, 0x3000, NEXT2 },
                { bcr0, NEXT2, NEXT2 },                 /* R2 = 0: never */
                { brc, TM_CODE + 0x80, NEXT4 },
                { brcl, TM_CODE - 0x200, TM_CODE + 6 },
            };
            for (unsigned k = 0; k < N(t); k++) {
                start_psw(m, true);
                c->cc = (uint8_t)cc;
                int pgm = exec1(m, t[k].insn);
                uint32_t want = taken ? t[k].target : t[k].next;
                if (pgm || c->ia != want || c->cc != cc) {
                    if (bad++ < 5)
                        fprintf(stderr, "\n  op %02X mask %u cc %u: IA %08X want %08X",
                                t[k].insn[0], mask, cc, c->ia, want);
                }
            }
        }
    CU_ASSERT_EQUAL(bad, 0);
    tm_free(m);
}

/* ---- linkage, count, index, relative ----------------------------------------- */

static const Vec link_vecs[] = {
    /* BAL/BALR: 24-bit link = ILC, CC, program mask, address */
    { "BAL 24",        RX(0x45, 2, 0, 0, 0x800), false, { 0 }, 1, 0xA, 0x800, 0x9A000000 | NEXT4, 0, false },
    { "BAL 24 cc3 pm0", RX(0x45, 2, 0, 0, 0x800), false, { 0 }, 3, 0, 0x800, 0xB0000000 | NEXT4, 0, false },
    { "BALR 24",       RR(0x05, 2, 4), false, { 0, 0, 0x12345678 }, 2, 5, 0x345678, 0x65000000 | NEXT2, 0, false },
    { "BALR 24 R2=0",  RR(0x05, 2, 0), false, { 0 }, 0, 0xF, NEXT2, 0x4F000000 | NEXT2, 0, false },
    { "BAL 31",        RX(0x45, 2, 0, 0, 0x800), true, { 0 }, 1, 0xA, 0x800, 0x80000000 | NEXT4, 0, true },
    { "BALR 31",       RR(0x05, 2, 4), true, { 0, 0, 0x92345678 }, 2, 5, 0x12345678, 0x80000000 | NEXT2, 0, true },
    { "BALR r1=r2",    RR(0x05, 2, 2), true, { 0x5000 }, 0, 0, 0x5000, 0x80000000 | NEXT2, 0, true },
    { "BAL base=r1",   RX(0x45, 2, 0, 2, 0x10), true, { 0x5000 }, 0, 0, 0x5010, 0x80000000 | NEXT4, 0, true },
    /* BAS/BASR: 24-bit link has bits 0-7 zero */
    { "BAS 24",        RX(0x4D, 2, 0, 0, 0x800), false, { 0 }, 3, 0xF, 0x800, NEXT4, 0, false },
    { "BAS 31",        RX(0x4D, 2, 0, 0, 0x800), true, { 0 }, 3, 0xF, 0x800, 0x80000000 | NEXT4, 0, true },
    { "BASR 24",       RR(0x0D, 2, 4), false, { 0, 0, 0xFF004000 }, 3, 0, 0x4000, NEXT2, 0, false },
    { "BASR 31 R2=0",  RR(0x0D, 2, 0), true, { 0 }, 0, 0, NEXT2, 0x80000000 | NEXT2, 0, true },
    { "BASR r1=r2",    RR(0x0D, 3, 3), true, { 0, 0x6000 }, 0, 0, 0x6000, 0, 0x80000000 | NEXT2, true },
    { "BRAS 31",       RI(0x5, 2, 0xFFFE), true, { 0 }, 0, 0, TM_CODE - 4, 0x80000000 | NEXT4, 0, true },
    { "BRAS 24",       RI(0x5, 2, 0x0010), false, { 0 }, 2, 0, TM_CODE + 0x20, NEXT4, 0, false },
    { "BRASL 31",      RIL(0x5, 2, 0x00001000u), true, { 0 }, 0, 0, TM_CODE + 0x2000, 0x80000000 | (TM_CODE + 6), 0, true },
    /* BASSM / BSM */
    { "BASSM 31->24",  RR(0x0C, 2, 4), true, { 0, 0, 0x7F002000 }, 0, 0, 0x002000, 0x80000000 | NEXT2, 0, false },
    { "BASSM 24->31",  RR(0x0C, 2, 4), false, { 0, 0, 0x81002000 }, 0, 0, 0x01002000, NEXT2, 0, true },
    { "BASSM 31->31",  RR(0x0C, 2, 4), true, { 0, 0, 0x81002000 }, 0, 0, 0x01002000, 0x80000000 | NEXT2, 0, true },
    { "BASSM R2=0",    RR(0x0C, 2, 0), false, { 0 }, 0, 0, NEXT2, NEXT2, 0, false },
    { "BASSM r1=r2",   RR(0x0C, 2, 2), true, { 0x00003000 }, 0, 0, 0x3000, 0x80000000 | NEXT2, 0, false },
    { "BSM 0,4 ->31",  RR(0x0B, 0, 4), false, { 0, 0, 0x80004000 }, 0, 0, 0x4000, 0, 0, true },
    { "BSM 2,4 31->24", RR(0x0B, 2, 4), true, { 0x12345678, 0, 0x00004000 }, 0, 0, 0x4000, 0x92345678, 0, false },
    { "BSM 2,0 24",    RR(0x0B, 2, 0), false, { 0xFFFFFFFF }, 0, 0, NEXT2, 0x7FFFFFFF, 0, false },
    { "BSM 2,0 31",    RR(0x0B, 2, 0), true, { 0x00000001 }, 0, 0, NEXT2, 0x80000001, 0, true },
    { "BSM r1=r2",     RR(0x0B, 2, 2), true, { 0x00005000 }, 0, 0, 0x5000, 0x80005000, 0, false },
    /* BCT / BCTR / BRCT */
    { "BCT taken",     RX(0x46, 2, 0, 0, 0x800), true, { 2 }, 0, 0, 0x800, 1, 0, true },
    { "BCT to zero",   RX(0x46, 2, 0, 0, 0x800), true, { 1 }, 0, 0, NEXT4, 0, 0, true },
    { "BCT from zero", RX(0x46, 2, 0, 0, 0x800), true, { 0 }, 0, 0, 0x800, 0xFFFFFFFF, 0, true },
    { "BCT base=r1",   RX(0x46, 2, 0, 2, 0), true, { 0x3000 }, 0, 0, 0x3000, 0x2FFF, 0, true },
    { "BCTR R2=0",     RR(0x06, 2, 0), true, { 5 }, 0, 0, NEXT2, 4, 0, true },
    { "BCTR taken",    RR(0x06, 2, 4), true, { 5, 0, 0x4000 }, 0, 0, 0x4000, 4, 0, true },
    { "BCTR r1=r2",    RR(0x06, 2, 2), true, { 0x4000 }, 0, 0, 0x4000, 0x3FFF, 0, true },
    { "BRCT taken",    RI(0x6, 2, 0xFFFC), true, { 7 }, 0, 0, TM_CODE - 8, 6, 0, true },
    { "BRCT to zero",  RI(0x6, 2, 0xFFFC), true, { 1 }, 0, 0, NEXT4, 0, 0, true },
    /* BXH / BXLE: GR2 index, GR4 increment, GR5 comparand */
    { "BXH high",      RS(0x86, 2, 4, 0, 0x800), true, { 5, 0, 1, 5 }, 0, 0, 0x800, 6, 0, true },
    { "BXH equal",     RS(0x86, 2, 4, 0, 0x800), true, { 4, 0, 1, 5 }, 0, 0, NEXT4, 5, 0, true },
    { "BXH signed",    RS(0x86, 2, 4, 0, 0x800), true, { 0x7FFFFFFF, 0, 1, 5 }, 0, 0, NEXT4, 0x80000000, 0, true },
    { "BXLE low",      RS(0x87, 2, 4, 0, 0x800), true, { 4, 0, 1, 5 }, 0, 0, 0x800, 5, 0, true },
    { "BXLE high",     RS(0x87, 2, 4, 0, 0x800), true, { 5, 0, 1, 5 }, 0, 0, NEXT4, 6, 0, true },
    { "BXLE neg incr", RS(0x87, 2, 4, 0, 0x800), true, { 0, 0, 0xFFFFFFFF, 0 }, 0, 0, 0x800, 0xFFFFFFFF, 0, true },
    /* R3 odd: increment and comparand are the same register */
    { "BXH R3 odd",    RS(0x86, 2, 5, 0, 0x800), true, { 3, 0, 0, 4 }, 0, 0, 0x800, 7, 0, true },
    { "BXLE R3 odd",   RS(0x87, 2, 3, 0, 0x800), true, { 3, 5 }, 0, 0, NEXT4, 8, 5, true },
    /* R1 = R3+1: the comparand is taken before R1 changes */
    { "BXLE R1=R3+1",  RS(0x87, 3, 2, 0, 0x800), true, { 0xFFFFFFFF, 10 }, 0, 0, 0x800, 0xFFFFFFFF, 9, true },
    { "BXH R1=R3+1",   RS(0x86, 3, 2, 0, 0x800), true, { 1, 10 }, 0, 0, 0x800, 1, 11, true },
    /* the branch address is formed before R1 changes */
    { "BXH base=r1",   RS(0x86, 2, 4, 2, 0x10), true, { 0x5000, 0, 1, 0 }, 0, 0, 0x5010, 0x5001, 0, true },
    { "BRXH",          RSI(0x84, 2, 4, 0x0100), true, { 5, 0, 1, 5 }, 0, 0, TM_CODE + 0x200, 6, 0, true },
    { "BRXH not",      RSI(0x84, 2, 4, 0x0100), true, { 3, 0, 1, 5 }, 0, 0, NEXT4, 4, 0, true },
    { "BRXLE",         RSI(0x85, 2, 4, 0xFF00), true, { 3, 0, 1, 5 }, 0, 0, TM_CODE - 0x200, 4, 0, true },
    { "BRXLE not",     RSI(0x85, 2, 4, 0xFF00), true, { 5, 0, 1, 5 }, 0, 0, NEXT4, 6, 0, true },
    /* LARL: wrapped to the addressing mode like LA */
    { "LARL",          RIL(0x0, 2, 0x00000080u), true, { 0xFFFFFFFF }, 0, 0, TM_CODE + 6, TM_CODE + 0x100, 0, true },
    { "LARL back 31",  RIL(0x0, 2, 0xFFFFF000u), true, { 0 }, 0, 0, TM_CODE + 6, 0x7FFFF000, 0, true },
    { "LARL back 24",  RIL(0x0, 2, 0xFFFFF000u), false, { 0 }, 0, 0, TM_CODE + 6, 0x00FFF000, 0, false },
    /* IPM / SPM */
    { "IPM",           RRE(0xB222, 2, 0), true, { 0xFFFFFFFF }, 2, 5, NEXT4, 0x25FFFFFF, 0, true },
    { "IPM zero",      RRE(0xB222, 2, 0), true, { 0xC0123456 }, 0, 0, NEXT4, 0x00123456, 0, true },
    { "IPM keeps GR3", RRE(0xB222, 3, 0), true, { 0, 0xFF000000 }, 3, 0xF, NEXT4, 0, 0x3F000000, true },
};

static void test_linkage(void)
{
    run_vecs(ARCH_ESA390, link_vecs, N(link_vecs));
}

/* SPM sets CC and program mask; IPM reads them back. */
static void test_spm(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[2] = 0xFB000000;           /* bits 2-3 = 11, bits 4-7 = 1011 */
    static const uint8_t spm[] = RR(0x04, 2, 0);
    CU_ASSERT_EQUAL(exec1(m, spm), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    CU_ASSERT_EQUAL(c->psw.pm, 0xB);
    c->gr[2] = 0x0C000000;
    CU_ASSERT_EQUAL(exec1(m, spm), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_EQUAL(c->psw.pm, 0xC);
    tm_free(m);

    /* S/370: SPM, and the mask shows in the BC-mode PSW */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    c->gr[2] = 0x1F000000;
    CU_ASSERT_EQUAL(exec1(m, spm), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    CU_ASSERT_EQUAL(c->psw.pm, 0xF);
    uint8_t psw[8];
    psw_store(c, psw);
    CU_ASSERT_EQUAL(psw[4] & 0x3F, 0x1F);
    tm_free(m);
}

/* ---- S/370 mode ------------------------------------------------------------------ */

static const Vec s370_vecs[] = {
    { "370 BAL",       RX(0x45, 2, 0, 0, 0x800), false, { 0 }, 1, 0xA, 0x800, 0x9A000000 | NEXT4, 0, false },
    { "370 BALR",      RR(0x05, 2, 4), false, { 0, 0, 0x89ABCDEF }, 2, 3, 0xABCDEF, 0x63000000 | NEXT2, 0, false },
    { "370 BAS",       RX(0x4D, 2, 0, 0, 0x800), false, { 0 }, 1, 0xA, 0x800, NEXT4, 0, false },
    { "370 BASR",      RR(0x0D, 2, 4), false, { 0, 0, 0xFF000800 }, 1, 0xA, 0x800, NEXT2, 0, false },
    { "370 BCT",       RX(0x46, 2, 0, 0, 0x800), false, { 2 }, 0, 0, 0x800, 1, 0, false },
    { "370 BXLE",      RS(0x87, 2, 4, 0, 0x800), false, { 4, 0, 1, 5 }, 0, 0, 0x800, 5, 0, false },
};

static void test_s370(void)
{
    run_vecs(ARCH_S370, s370_vecs, N(s370_vecs));

    /* The ESA/390 and z900 additions are operation exceptions in S/370. */
    static const uint8_t esa_only[][6] = {
        RR(0x0C, 2, 4), RR(0x0B, 2, 4), RI(0x4, 0xF, 0x10), RI(0x5, 2, 0x10),
        RI(0x6, 2, 0x10), RSI(0x84, 2, 4, 0x10), RSI(0x85, 2, 4, 0x10),
        RIL(0x0, 2, 0x10), RIL(0x4, 0xF, 0x10), RIL(0x5, 2, 0x10), RRE(0xB222, 2, 0),
    };
    for (unsigned i = 0; i < N(esa_only); i++) {
        Machine *m = tm_new(ARCH_S370);
        int pgm = exec1(m, esa_only[i]);
        if (pgm != PGM_OPERATION)
            fprintf(stderr, "\n  S/370 %02X%02X: pgm %d", esa_only[i][0], esa_only[i][1], pgm);
        CU_ASSERT_EQUAL(pgm, PGM_OPERATION);
        tm_free(m);
    }
}

/* ---- EXECUTE ---------------------------------------------------------------------- */

#define TGT 0x3000u       /* where EX targets are placed */

/* Put `target` at `at`, run EX 1,0(0,7) with GR7 = at; return the code. */
static int run_ex(Machine *m, uint32_t at, const uint8_t *target, unsigned len, uint32_t r1)
{
    Cpu *c = m->cpu;
    tm_put(m, at, target, len);
    c->gr[7] = at;
    c->gr[1] = r1;
    static const uint8_t ex[] = RX(0x44, 1, 0, 7, 0);
    return exec1(m, ex);
}

static void test_execute(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;

    /* LR 0,0 becomes LR 2,3 */
    static const uint8_t lr00[] = RR(0x18, 0, 0);
    c->gr[2] = 0;
    c->gr[3] = 0xBEEF;
    CU_ASSERT_EQUAL(run_ex(m, TGT, lr00, 2, 0xFFFFFF23), 0);
    CU_ASSERT_EQUAL(c->gr[2], 0xBEEF);
    CU_ASSERT_EQUAL(c->ia, NEXT4);
    CU_ASSERT_FALSE(c->in_execute);
    CU_ASSERT_EQUAL(m->mem[TGT + 1], 0x00);        /* storage unchanged */

    /* EX 0,...: the target runs unmodified */
    start_psw(m, true);
    static const uint8_t ahi[] = RI(0xA, 2, 5);
    c->gr[2] = 1;
    tm_put(m, TGT, ahi, 4);
    c->gr[7] = TGT;
    static const uint8_t ex0[] = RX(0x44, 0, 0, 7, 0);
    CU_ASSERT_EQUAL(exec1(m, ex0), 0);
    CU_ASSERT_EQUAL(c->gr[2], 6);
    CU_ASSERT_EQUAL(c->cc, 2);

    /* EX of EX: execute exception, old PSW after the first EX, ILC 2 */
    start_psw(m, true);
    static const uint8_t exex[] = RX(0x44, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(run_ex(m, TGT, exex, 4, 0), PGM_EXECUTE);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_PGM_OLD + 4), 0x80000000u | NEXT4);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 4);
    CU_ASSERT_FALSE(c->in_execute);

    /* odd target address: specification */
    start_psw(m, true);
    CU_ASSERT_EQUAL(run_ex(m, TGT + 1, lr00, 2, 0), PGM_SPECIFICATION);

    /* a target that raises: the exception is the target's, ILC that of
     * EX; in_execute is cleared by the interruption */
    start_psw(m, true);
    static const uint8_t dr00[] = RR(0x1D, 0, 0);
    CU_ASSERT_EQUAL(run_ex(m, TGT, dr00, 2, 0x34), PGM_SPECIFICATION);   /* DR 3,4 */
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 4);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_PGM_OLD + 4), 0x80000000u | NEXT4);
    CU_ASSERT_FALSE(c->in_execute);

    /* BALR in 24-bit mode as the target: ILC 2 (that of EX), link = the
     * address after EX */
    start_psw(m, false);
    static const uint8_t balr[] = RR(0x05, 0, 0);
    c->gr[4] = 0x4000;
    c->cc = 1;
    c->psw.pm = 0x3;
    CU_ASSERT_EQUAL(run_ex(m, TGT, balr, 2, 0x24), 0);
    CU_ASSERT_EQUAL(c->gr[2], 0x93000000 | NEXT4);
    CU_ASSERT_EQUAL(c->ia, 0x4000);

    /* relative branch as the target: counted from the target */
    start_psw(m, true);
    static const uint8_t brc[] = RI(0x4, 0, 0x10);
    c->cc = 0;
    CU_ASSERT_EQUAL(run_ex(m, TGT, brc, 4, 0x80), 0);           /* BRC 8,... */
    CU_ASSERT_EQUAL(c->ia, TGT + 0x20);
    start_psw(m, true);
    static const uint8_t bras[] = RI(0x5, 0, 0x8);
    CU_ASSERT_EQUAL(run_ex(m, TGT, bras, 4, 0xE0), 0);          /* BRAS 14,... */
    CU_ASSERT_EQUAL(c->ia, TGT + 0x10);
    CU_ASSERT_EQUAL(c->gr[14], 0x80000000 | NEXT4);

    /* a 6-byte target across a 2K page boundary: LARL relative to itself */
    start_psw(m, true);
    static const uint8_t larl[] = RIL(0x0, 0, 0x00000004u);
    CU_ASSERT_EQUAL(run_ex(m, 0x27FC, larl, 6, 0x20), 0);       /* LARL 2,... */
    CU_ASSERT_EQUAL(c->gr[2], 0x27FC + 8);

    /* a 2-byte target in the last halfword of storage: only it is fetched */
    start_psw(m, true);
    c->gr[3] = 0x77;
    CU_ASSERT_EQUAL(run_ex(m, m->memsize - 2, lr00, 2, 0x23), 0);
    CU_ASSERT_EQUAL(c->gr[2], 0x77);
    /* ... and a 4-byte one there (its first halfword): addressing */
    start_psw(m, true);
    CU_ASSERT_EQUAL(run_ex(m, m->memsize - 2, ahi, 2, 0), PGM_ADDRESSING);

    /* XC with the length from R1 (the classic EX idiom) */
    start_psw(m, true);
    memset(m->mem + 0x5000, 0xFF, 16);
    c->gr[8] = 0x5000;
    static const uint8_t xc[] = { 0xD7, 0x00, 0x80, 0x00, 0x80, 0x00 };
    CU_ASSERT_EQUAL(run_ex(m, TGT, xc, 6, 7), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x5000), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x5004), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x5008), 0xFFFFFFFF);

    /* SVC as the target: the number ORed in, ILC 4, old PSW after EX */
    start_psw(m, true);
    uint8_t svc_new[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, 0x0E, 0x00 };
    tm_put(m, PSA_SVC_NEW, svc_new, 8);
    static const uint8_t svc[] = { 0x0A, 0x00 };
    CU_ASSERT_EQUAL(run_ex(m, TGT, svc, 2, 0x42), 0);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_SVC_CODE), 0x42);
    CU_ASSERT_EQUAL(m->mem[PSA_SVC_ILC], 4);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_SVC_OLD + 4), 0x80000000u | NEXT4);
    CU_ASSERT_EQUAL(c->ia, 0x0E00);
    CU_ASSERT_FALSE(c->in_execute);
    tm_free(m);

    /* S/370 BC mode: EX works, BAL as target links with ILC 2 */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    static const uint8_t bal[] = RX(0x45, 0, 0, 0, 0x800);
    c->cc = 2;
    CU_ASSERT_EQUAL(run_ex(m, TGT, bal, 4, 0x30), 0);
    CU_ASSERT_EQUAL(c->gr[3], 0xA0000000 | NEXT4);
    CU_ASSERT_EQUAL(c->ia, 0x800);
    start_psw(m, true);
    CU_ASSERT_EQUAL(run_ex(m, TGT, exex, 4, 0), PGM_EXECUTE);
    tm_free(m);
}

/* ---- SVC -------------------------------------------------------------------------- */

static void test_svc(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    uint8_t svc_new[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, 0x0E, 0x00 };
    tm_put(m, PSA_SVC_NEW, svc_new, 8);
    c->cc = 2;
    static const uint8_t svc[] = { 0x0A, 0xC8 };
    CU_ASSERT_EQUAL(exec1(m, svc), 0);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_SVC_CODE), 0xC8);
    CU_ASSERT_EQUAL(m->mem[PSA_SVC_ILC], 2);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_SVC_OLD + 4), 0x80000000u | NEXT2);
    CU_ASSERT_EQUAL((m->mem[PSA_SVC_OLD + 2] >> 4) & 3, 2);
    CU_ASSERT_EQUAL(c->ia, 0x0E00);
    tm_free(m);

    /* S/370 BC mode: code and ILC in the old PSW */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    uint8_t bc_new[8] = { 0x00, 0x02, 0, 0, 0, 0, 0x0E, 0x00 };
    tm_put(m, PSA_SVC_NEW, bc_new, 8);
    static const uint8_t svc7[] = { 0x0A, 0x07 };
    CU_ASSERT_EQUAL(exec1(m, svc7), 0);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_SVC_OLD + 2), 7);
    CU_ASSERT_EQUAL(m->mem[PSA_SVC_OLD + 4] >> 6, 1);          /* ILC 2 bytes */
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_SVC_OLD + 4) & 0xFFFFFF, NEXT2);
    tm_free(m);
}

/* Branches run as programs: a loop with BCT and a BXLE table walk. */
static void test_loops(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    /* LHI 2,10; SR 3,3; loop: AR 3,2; BCT 2,loop(0,15) */
    static const uint8_t prog[] = {
        0xA7, 0x28, 0x00, 0x0A,            /* LHI 2,10          */
        0x1B, 0x33,                        /* SR 3,3            */
        0x1A, 0x32,                        /* AR 3,2      1006  */
        0x46, 0x20, 0xF0, 0x06,            /* BCT 2,6(15)       */
    };
    c->gr[15] = TM_CODE;
    int pgm = tm_exec(m, prog, sizeof prog, 2 + 2 * 10);
    CU_ASSERT_EQUAL(pgm, 0);
    CU_ASSERT_EQUAL(c->gr[3], 55);
    CU_ASSERT_EQUAL(c->gr[2], 0);
    CU_ASSERT_EQUAL(c->ia, TM_CODE + sizeof prog);

    /* BXLE over 5 words, step 4: sum them */
    start_psw(m, true);
    for (uint32_t i = 0; i < 5; i++)
        st_be32(m->mem + TM_DATA + 4 * i, i + 1);
    static const uint8_t walk[] = {
        0x1B, 0x22,                        /* SR 2,2                  */
        0xA7, 0x48, 0x00, 0x04,            /* LHI 4,4                 */
        0xA7, 0x58, 0x00, 0x10,            /* LHI 5,16                */
        0x1B, 0x33,                        /* SR 3,3                  */
        0x5A, 0x33, 0xC0, 0x00,            /* A 3,0(3,12)    100C     */
        0x87, 0x34, 0xF0, 0x0C,            /* BXLE 3,4,12(15)         */
    };
    c->gr[12] = TM_DATA;
    c->gr[15] = TM_CODE;
    /* that adds into GR3, the index: use GR2 as the sum instead */
    uint8_t w[sizeof walk];
    memcpy(w, walk, sizeof w);
    w[13] = 0x23;                          /* A 2,0(3,12)             */
    pgm = tm_exec(m, w, sizeof w, 4 + 2 * 5);
    CU_ASSERT_EQUAL(pgm, 0);
    CU_ASSERT_EQUAL(c->gr[2], 15);
    CU_ASSERT_EQUAL(c->gr[3], 20);
    CU_ASSERT_EQUAL(c->ia, TM_CODE + sizeof w);
    tm_free(m);
}

void register_branch_tests(void)
{
    CU_pSuite s = CU_add_suite("branch", NULL, NULL);
    CU_add_test(s, "BC/BCR/BRC/BRCL: every mask and CC", test_branch_on_condition);
    CU_add_test(s, "linkage, count, index, relative, IPM", test_linkage);
    CU_add_test(s, "SPM", test_spm);
    CU_add_test(s, "S/370 mode", test_s370);
    CU_add_test(s, "EXECUTE", test_execute);
    CU_add_test(s, "SVC", test_svc);
    CU_add_test(s, "loops", test_loops);
}
