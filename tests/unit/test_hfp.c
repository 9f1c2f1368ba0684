/*
 * test_hfp.c — hexadecimal floating point (cpu370/insn_hfp.c).
 *
 * Every vector runs one instruction on a fresh machine with R1 = 0 (pair
 * 0/2) and R2 = 4 (pair 4/6), or for RX/RXE forms operand 2 at TM_DATA
 * addressed by base register 1.  It states FPRs 0, 2, 4, 6 and the
 * doubleword at TM_DATA before, and FPRs 0 and 2, the condition code and
 * the program-interruption code after (FPRs 4 and 6 must be unchanged).
 * Short register images carry a marker in their rightmost 32 bits, which
 * short results must leave alone.  The CC is preset to 3, which no HFP
 * instruction sets, so NOCC checks that it was left unchanged.
 * Expected values are worked by hand from the Principles of Operation
 * (ESA/390 SA22-7201 ch. 18, S/370 GA22-7000 ch. 9).
 */
#include <stdio.h>

#include "tests/unit/testutil.h"

#define LOW   0x0BADF00Du
#define S(x)  ((uint64_t)(x) << 32 | LOW)    /* short value in a register  */
#define W(x)  ((uint64_t)(x) << 32)          /* short value in storage     */
#define NOCC  3

/* Instruction bytes: R1 = 0, R2 = 4, or X2 = 0, B2 = 1, D2 = 0. */
#define RR(op)   { op, 0x04 }
#define RX(op)   { op, 0x00, 0x10, 0x00 }
#define RRE(op)  { (op) >> 8, (op) & 0xFF, 0x00, 0x04 }
#define RXE(op)  { 0xED, 0x00, 0x10, 0x00, 0x00, op }

typedef struct Vec {
    int      line;
    bool     s370;        /* S/370 mode instead of ESA/390              */
    bool     afp;         /* CR0 AFP-register control on                */
    uint8_t  pm;          /* program mask                               */
    uint8_t  insn[6];
    uint64_t f[4];        /* FPR 0, 2, 4, 6 before                      */
    uint64_t mem;         /* doubleword at TM_DATA                      */
    uint64_t r0, r2;      /* FPR 0 and 2 after                          */
    int      cc;
    int      pgm;
    bool     chkmem;      /* check the doubleword at TM_DATA after ...  */
    uint64_t memout;      /* ... against this                           */
} Vec;

#define V .line = __LINE__

/* The condition code after the instruction: from the program old PSW when
 * an interruption was taken (the new PSW replaced it). */
static int cc_after(Machine *m, int pgm)
{
    Cpu *c = m->cpu;
    if (!pgm)
        return c->cc;
    const uint8_t *old = m->mem + PSA_PGM_OLD;
    if (c->arch == ARCH_S370 && !(old[1] & 0x08))
        return old[4] >> 4 & 3;                 /* BC mode: bits 34-35 */
    return old[2] >> 4 & 3;                     /* bits 18-19          */
}

static void run_vecs(const Vec *v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v++) {
        Machine *m = tm_new(v->s370 ? ARCH_S370 : ARCH_ESA390);
        Cpu *c = m->cpu;
        if (v->afp)
            c->cr[0] |= CR0_AFP;
        c->psw.pm = v->pm;
        c->cc = 3;
        for (int r = 0; r < 4; r++)
            c->fpr[2 * r] = v->f[r];
        c->gr[1] = TM_DATA;
        st_be64(m->mem + TM_DATA, v->mem);

        int pgm = tm_exec(m, v->insn, insn_length(v->insn[0]), 1);
        int cc = cc_after(m, pgm);
        uint64_t mem = ld_be64(m->mem + TM_DATA);
        bool ok = pgm == v->pgm && cc == v->cc && c->fpr[0] == v->r0 &&
                  c->fpr[2] == v->r2 && c->fpr[4] == v->f[2] && c->fpr[6] == v->f[3] &&
                  (!v->chkmem || mem == v->memout);
        if (!ok)
            fprintf(stderr, "\n  test_hfp.c:%d: pgm %02X (want %02X) cc %d (want %d)"
                    " f0 %016llX (want %016llX) f2 %016llX (want %016llX)"
                    " f4 %016llX f6 %016llX mem %016llX",
                    v->line, pgm, v->pgm, cc, v->cc,
                    (unsigned long long)c->fpr[0], (unsigned long long)v->r0,
                    (unsigned long long)c->fpr[2], (unsigned long long)v->r2,
                    (unsigned long long)c->fpr[4], (unsigned long long)c->fpr[6],
                    (unsigned long long)mem);
        CU_ASSERT(ok);
        tm_free(m);
    }
}

#define RUN(tab) run_vecs(tab, sizeof tab / sizeof tab[0])

/* ---- loads and stores ---------------------------------------------------- */

static const Vec loads[] = {
    /* LER: only the leftmost 32 bits move */
    { V, .insn = RR(0x38), .f = { S(0x41100000), 0, 0xC120000012345678 },
      .r0 = S(0xC1200000), .cc = NOCC },
    /* LDR, LE, LD */
    { V, .insn = RR(0x28), .f = { 0, 0, 0xC120000012345678 }, .r0 = 0xC120000012345678, .cc = NOCC },
    { V, .insn = RX(0x78), .f = { S(0) }, .mem = 0x41A0000099999999, .r0 = S(0x41A00000), .cc = NOCC },
    { V, .insn = RX(0x68), .mem = 0x401999999999999A, .r0 = 0x401999999999999A, .cc = NOCC },
    /* STE stores the leftmost 32 bits only; STD all 64 */
    { V, .insn = RX(0x70), .f = { 0x41100000AAAAAAAA }, .mem = 0x1111111122222222,
      .r0 = 0x41100000AAAAAAAA, .cc = NOCC, .chkmem = true, .memout = 0x4110000022222222 },
    { V, .insn = RX(0x60), .f = { 0x41100000AAAAAAAA }, .mem = 0x1111111122222222,
      .r0 = 0x41100000AAAAAAAA, .cc = NOCC, .chkmem = true, .memout = 0x41100000AAAAAAAA },
    /* LOAD AND TEST: unchanged, CC from sign and fraction */
    { V, .insn = RR(0x32), .f = { S(0), 0, S(0xC1100000) }, .r0 = S(0xC1100000), .cc = 1 },
    { V, .insn = RR(0x32), .f = { S(0), 0, S(0x40000001) }, .r0 = S(0x40000001), .cc = 2 },
    { V, .insn = RR(0x32), .f = { S(0), 0, S(0x81000000) }, .r0 = S(0x81000000), .cc = 0 },
    { V, .insn = RR(0x22), .f = { 0, 0, 0x8000000000000001 }, .r0 = 0x8000000000000001, .cc = 1 },
    { V, .insn = RR(0x22), .f = { 0, 0, 0x4500000000000000 }, .r0 = 0x4500000000000000, .cc = 0 },
    /* LOAD COMPLEMENT inverts the sign even of a zero */
    { V, .insn = RR(0x33), .f = { S(0), 0, S(0x41100000) }, .r0 = S(0xC1100000), .cc = 1 },
    { V, .insn = RR(0x33), .f = { S(0), 0, S(0x00000000) }, .r0 = S(0x80000000), .cc = 0 },
    { V, .insn = RR(0x23), .f = { 0, 0, 0xC110000000000001 }, .r0 = 0x4110000000000001, .cc = 2 },
    /* LOAD POSITIVE / NEGATIVE */
    { V, .insn = RR(0x30), .f = { S(0), 0, S(0xC1100000) }, .r0 = S(0x41100000), .cc = 2 },
    { V, .insn = RR(0x30), .f = { S(0), 0, S(0xC5000000) }, .r0 = S(0x45000000), .cc = 0 },
    { V, .insn = RR(0x31), .f = { S(0), 0, S(0x41100000) }, .r0 = S(0xC1100000), .cc = 1 },
    { V, .insn = RR(0x31), .f = { S(0), 0, S(0x00000000) }, .r0 = S(0x80000000), .cc = 0 },
    { V, .insn = RR(0x20), .f = { 0, 0, 0xC1100000000000FF }, .r0 = 0x41100000000000FF, .cc = 2 },
    { V, .insn = RR(0x21), .f = { 0, 0, 0x41100000000000FF }, .r0 = 0xC1100000000000FF, .cc = 1 },
    /* LOAD ZERO */
    { V, .insn = RRE(0xB374), .f = { S(0x41100000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RRE(0xB375), .f = { 0x41100000FFFFFFFF }, .r0 = 0, .cc = NOCC },
    { V, .insn = RRE(0xB376), .f = { 0x4110000000000000, 0x3310000000000000 }, .r0 = 0, .r2 = 0, .cc = NOCC },
    /* SXR with a zero difference and the significance mask one: the zero
     * fraction keeps the characteristic (0 here), and the low-order part
     * gets characteristic 0 - 14 mod 128: not a true zero */
    { V, .pm = PM_SIGNIFICANCE, .insn = RR(0x37), .f = { 0x0000000000000001, 0, 0x0000000000000001, 0 },
      .r0 = 0, .r2 = 0x7200000000000000, .cc = 0, .pgm = PGM_SIGNIFICANCE },
    /* LXR copies both parts unchanged */
    { V, .insn = RRE(0xB365), .f = { 0, 0, 0x4110000000000000, 0x1234567890ABCDEF },
      .r0 = 0x4110000000000000, .r2 = 0x1234567890ABCDEF, .cc = NOCC },
    /* extended LTXR/LCXR/LPXR/LNXR: low-order sign and characteristic made
     * those of an extended result; zero fraction -> signed zero */
    { V, .insn = RRE(0xB362), .f = { 0, 0, 0x4110000000000000, 0x0000000000000001 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000001, .cc = 2 },
    { V, .insn = RRE(0xB363), .f = { 0, 0, 0x4110000000000000, 0x0000000000000001 },
      .r0 = 0xC110000000000000, .r2 = 0xB300000000000001, .cc = 1 },
    { V, .insn = RRE(0xB360), .f = { 0, 0, 0xC100000000000000, 0x7F00000000000010 },
      .r0 = 0x4100000000000000, .r2 = 0x3300000000000010, .cc = 2 },
    { V, .insn = RRE(0xB361), .f = { 0, 0, 0x4100000000000000, 0x0000000000000010 },
      .r0 = 0xC100000000000000, .r2 = 0xB300000000000010, .cc = 1 },
    { V, .insn = RRE(0xB363), .f = { 0, 0, 0x4100000000000000, 0x7F00000000000000 },
      .r0 = 0x8000000000000000, .r2 = 0x8000000000000000, .cc = 0 },
    { V, .insn = RRE(0xB362), .f = { 0, 0, 0x4100000000000000, 0x3300000000000000 },
      .r0 = 0, .r2 = 0, .cc = 0 },
};

static void test_loads(void) { RUN(loads); }

/* ---- ADD / SUBTRACT NORMALIZED ------------------------------------------ */

static const Vec adds[] = {
    /* 1.0 + 1.0 = 2.0; 0.5 + 0.5 = 1.0 (carry); 1.0 - 2.0 = -1.0 */
    { V, .insn = RR(0x3A), .f = { S(0x41100000), 0, S(0x41100000) }, .r0 = S(0x41200000), .cc = 2 },
    { V, .insn = RR(0x3A), .f = { S(0x40800000), 0, S(0x40800000) }, .r0 = S(0x41100000), .cc = 2 },
    { V, .insn = RR(0x3B), .f = { S(0x41100000), 0, S(0x41200000) }, .r0 = S(0xC1100000), .cc = 1 },
    { V, .insn = RX(0x7A), .f = { S(0x41100000) }, .mem = W(0x40800000), .r0 = S(0x41180000), .cc = 2 },
    { V, .insn = RX(0x7B), .f = { S(0x41A00000) }, .mem = W(0xC1100000), .r0 = S(0x41B00000), .cc = 2 },
    /* normalization: five leading zero digits shifted out */
    { V, .insn = RR(0x3B), .f = { S(0x41100001), 0, S(0x41100000) }, .r0 = S(0x3C100000), .cc = 2 },
    /* unnormalized operands give a normalized sum */
    { V, .insn = RR(0x3A), .f = { S(0x43000010), 0, S(0x42000100) }, .r0 = S(0x3F200000), .cc = 2 },
    /* the guard digit: 1.0 - 0.FFFFFF = 16**-6 exactly */
    { V, .insn = RR(0x3B), .f = { S(0x41100000), 0, S(0x40FFFFFF) }, .r0 = S(0x3B100000), .cc = 2 },
    /* digits beyond the guard digit are lost: 1.0 - 0.00FFFFFF(F) */
    { V, .insn = RR(0x3B), .f = { S(0x41100000), 0, S(0x3FFFFFFF) }, .r0 = S(0x40F00001), .cc = 2 },
    /* only the guard digit is nonzero: still normalized into the result */
    { V, .insn = RR(0x3A), .f = { S(0x3A000000), 0, S(0x34100000) }, .r0 = S(0x34100000), .cc = 2 },
    /* a zero fraction with a large characteristic swamps the other operand */
    { V, .insn = RR(0x3A), .f = { S(0x48000000), 0, S(0x40100000) }, .r0 = S(0), .cc = 0 },
    /* significance: zero sum, mask off -> true zero; on -> characteristic kept */
    { V, .insn = RR(0x3A), .f = { S(0x41100000), 0, S(0xC1100000) }, .r0 = S(0), .cc = 0 },
    { V, .insn = RR(0x3A), .pm = PM_SIGNIFICANCE, .f = { S(0x41100000), 0, S(0xC1100000) },
      .r0 = S(0x41000000), .cc = 0, .pgm = PGM_SIGNIFICANCE },
    { V, .insn = RR(0x3B), .pm = PM_SIGNIFICANCE | PM_EXP_UNDERFLOW,
      .f = { S(0x42123456), 0, S(0x42123456) }, .r0 = S(0x42000000), .cc = 0, .pgm = PGM_SIGNIFICANCE },
    /* exponent overflow: characteristic wraps, always interrupts, CC set */
    { V, .insn = RR(0x3A), .f = { S(0x7FF00000), 0, S(0x7FF00000) },
      .r0 = S(0x001E0000), .cc = 2, .pgm = PGM_EXPONENT_OVERFLOW },
    { V, .insn = RR(0x3A), .f = { S(0xFFF00000), 0, S(0xFFF00000) },
      .r0 = S(0x801E0000), .cc = 1, .pgm = PGM_EXPONENT_OVERFLOW },
    /* exponent underflow: mask off -> true zero, CC 0; on -> wrapped */
    { V, .insn = RR(0x3B), .f = { S(0x00100000), 0, S(0x000FFFFF) }, .r0 = S(0), .cc = 0 },
    { V, .insn = RR(0x3B), .pm = PM_EXP_UNDERFLOW, .f = { S(0x00100000), 0, S(0x000FFFFF) },
      .r0 = S(0x7B100000), .cc = 2, .pgm = PGM_EXPONENT_UNDERFLOW },
    { V, .insn = RR(0x3B), .pm = PM_EXP_UNDERFLOW, .f = { S(0x80100000), 0, S(0x800FFFFF) },
      .r0 = S(0xFB100000), .cc = 1, .pgm = PGM_EXPONENT_UNDERFLOW },

    /* long: 0.1 + 0.1; 1.0 + 0.1 (guard digit A is dropped); RX forms */
    { V, .insn = RR(0x2A), .f = { 0x401999999999999A, 0, 0x401999999999999A },
      .r0 = 0x4033333333333334, .cc = 2 },
    { V, .insn = RX(0x6A), .f = { 0x4110000000000000 }, .mem = 0x401999999999999A,
      .r0 = 0x4111999999999999, .cc = 2 },
    { V, .insn = RX(0x6B), .f = { 0x4110000000000000 }, .mem = 0x40FFFFFFFFFFFFFF,
      .r0 = 0x3310000000000000, .cc = 2 },
    { V, .insn = RR(0x2B), .pm = PM_SIGNIFICANCE, .f = { 0x4110000000000000, 0, 0x4110000000000000 },
      .r0 = 0x4100000000000000, .cc = 0, .pgm = PGM_SIGNIFICANCE },
    { V, .insn = RR(0x2A), .f = { 0x7FF0000000000000, 0, 0x7F10000000000000 },
      .r0 = 0x0010000000000000, .cc = 2, .pgm = PGM_EXPONENT_OVERFLOW },

    /* extended: 1.0 + 1.0; 1.0 + 16**-13 (last high-order digit);
     * 1.0 + 16**-14 (first low-order digit) */
    { V, .insn = RR(0x36), .f = { 0x4110000000000000, 0x3300000000000000, 0x4110000000000000, 0x3300000000000000 },
      .r0 = 0x4120000000000000, .r2 = 0x3300000000000000, .cc = 2 },
    { V, .insn = RR(0x36), .f = { 0x4110000000000000, 0x3300000000000000, 0x3410000000000000, 0x2600000000000000 },
      .r0 = 0x4110000000000001, .r2 = 0x3300000000000000, .cc = 2 },
    { V, .insn = RR(0x36), .f = { 0x4110000000000000, 0x3300000000000000, 0x3310000000000000, 0x2500000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0x3310000000000000, .cc = 2 },
    /* 1.0 - (1 - 16**-28): exact thanks to the guard digit, normalized
     * across both parts; the low-order characteristic follows the high */
    { V, .insn = RR(0x37), .f = { 0x4110000000000000, 0x3300000000000000, 0x40FFFFFFFFFFFFFF, 0x32FFFFFFFFFFFFFF },
      .r0 = 0x2510000000000000, .r2 = 0x1700000000000000, .cc = 2 },
    /* the low-order sign and characteristic of operands are ignored */
    { V, .insn = RR(0x36), .f = { 0x4110000000000000, 0xFF00000000000001, 0x4110000000000000, 0x0000000000000001 },
      .r0 = 0x4120000000000000, .r2 = 0x3300000000000002, .cc = 2 },
    { V, .insn = RR(0x37), .f = { 0x4110000000000000, 0x3300000000000000, 0x4110000000000000, 0x3300000000000000 },
      .r0 = 0, .r2 = 0, .cc = 0 },
    { V, .insn = RR(0x37), .pm = PM_SIGNIFICANCE,
      .f = { 0x4110000000000000, 0x3300000000000000, 0x4110000000000000, 0x3300000000000000 },
      .r0 = 0x4100000000000000, .r2 = 0x3300000000000000, .cc = 0, .pgm = PGM_SIGNIFICANCE },
    { V, .insn = RR(0x36), .f = { 0x7FF0000000000000, 0x7100000000000000, 0x7FF0000000000000, 0x7100000000000000 },
      .r0 = 0x001E000000000000, .r2 = 0x7200000000000000, .cc = 2, .pgm = PGM_EXPONENT_OVERFLOW },
    { V, .insn = RR(0x37), .pm = PM_EXP_UNDERFLOW,
      .f = { 0x0110000000000000, 0x7300000000000000, 0x010FFFFFFFFFFFFF, 0x73F0000000000000 },
      .r0 = 0x7310000000000000, .r2 = 0x6500000000000000, .cc = 2, .pgm = PGM_EXPONENT_UNDERFLOW },
};

static void test_add(void) { RUN(adds); }

/* ---- ADD / SUBTRACT UNNORMALIZED ----------------------------------------- */

static const Vec unnorm[] = {
    { V, .insn = RR(0x3E), .f = { S(0x41100000), 0, S(0x41100000) }, .r0 = S(0x41200000), .cc = 2 },
    /* the result stays unnormalized */
    { V, .insn = RR(0x3F), .f = { S(0x41100001), 0, S(0x41100000) }, .r0 = S(0x41000001), .cc = 2 },
    { V, .insn = RX(0x7E), .f = { S(0x41100000) }, .mem = W(0x3F100000), .r0 = S(0x41101000), .cc = 2 },
    { V, .insn = RX(0x7F), .f = { S(0x41100000) }, .mem = W(0x41100000), .r0 = S(0), .cc = 0 },
    /* carry: shifted right, characteristic + 1 */
    { V, .insn = RR(0x3E), .f = { S(0x41F00000), 0, S(0x41100000) }, .r0 = S(0x42100000), .cc = 2 },
    /* the guard digit is dropped, not normalized into the result */
    { V, .insn = RR(0x3E), .f = { S(0x40100000), 0, S(0x3A100000) }, .r0 = S(0x40100000), .cc = 2 },
    /* only the guard digit nonzero: a zero result fraction -> significance */
    { V, .insn = RR(0x3E), .f = { S(0x3A000000), 0, S(0x34100000) }, .r0 = S(0), .cc = 0 },
    { V, .insn = RR(0x3E), .pm = PM_SIGNIFICANCE, .f = { S(0x3A000000), 0, S(0x34100000) },
      .r0 = S(0x3A000000), .cc = 0, .pgm = PGM_SIGNIFICANCE },
    { V, .insn = RR(0x3E), .f = { S(0x7FF00000), 0, S(0x7F100000) },
      .r0 = S(0x00100000), .cc = 2, .pgm = PGM_EXPONENT_OVERFLOW },
    /* no exponent underflow for unnormalized addition */
    { V, .insn = RR(0x3F), .pm = PM_EXP_UNDERFLOW, .f = { S(0x00100001), 0, S(0x00100000) },
      .r0 = S(0x00000001), .cc = 2 },
    /* long */
    { V, .insn = RX(0x6E), .f = { 0x4110000000000000 }, .mem = 0x3F10000000000000,
      .r0 = 0x4110100000000000, .cc = 2 },
    { V, .insn = RR(0x2F), .f = { 0x4110000000000001, 0, 0x4110000000000000 },
      .r0 = 0x4100000000000001, .cc = 2 },
    { V, .insn = RR(0x2E), .f = { 0xC110000000000000, 0, 0x4100000000000001 },
      .r0 = 0xC10FFFFFFFFFFFFF, .cc = 1 },
    { V, .insn = RX(0x6F), .f = { 0x4210000000000000 }, .mem = 0x4210000000000000, .r0 = 0, .cc = 0 },
    { V, .insn = RX(0x6F), .pm = PM_SIGNIFICANCE, .f = { 0x4210000000000000 }, .mem = 0x4210000000000000,
      .r0 = 0x4200000000000000, .cc = 0, .pgm = PGM_SIGNIFICANCE },
};

static void test_unnormalized(void) { RUN(unnorm); }

/* ---- COMPARE ---------------------------------------------------------------- */

static const Vec compares[] = {
    { V, .insn = RR(0x39), .f = { S(0x41100000), 0, S(0x41100000) }, .r0 = S(0x41100000), .cc = 0 },
    /* an unnormalized 1.0 equals a normalized one */
    { V, .insn = RR(0x39), .f = { S(0x41100000), 0, S(0x42010000) }, .r0 = S(0x41100000), .cc = 0 },
    { V, .insn = RR(0x39), .f = { S(0x41100000), 0, S(0x41200000) }, .r0 = S(0x41100000), .cc = 1 },
    { V, .insn = RR(0x39), .f = { S(0x41100000), 0, S(0x40800000) }, .r0 = S(0x41100000), .cc = 2 },
    { V, .insn = RR(0x39), .f = { S(0xC1100000), 0, S(0x40800000) }, .r0 = S(0xC1100000), .cc = 1 },
    /* zeros of any sign and characteristic are equal */
    { V, .insn = RR(0x39), .f = { S(0x00000000), 0, S(0x80000000) }, .r0 = S(0), .cc = 0 },
    { V, .insn = RR(0x39), .f = { S(0xC5000000), 0, S(0x33000000) }, .r0 = S(0xC5000000), .cc = 0 },
    /* the guard digit decides */
    { V, .insn = RR(0x39), .f = { S(0x41000000), 0, S(0x40000001) }, .r0 = S(0x41000000), .cc = 1 },
    /* digits beyond the guard digit do not */
    { V, .insn = RR(0x39), .f = { S(0x42000000), 0, S(0x40000001) }, .r0 = S(0x42000000), .cc = 0 },
    { V, .insn = RX(0x79), .f = { S(0x41100000) }, .mem = W(0x41100001), .r0 = S(0x41100000), .cc = 1 },
    /* long */
    { V, .insn = RR(0x29), .f = { 0x4110000000000000, 0, 0x4110000000000001 }, .r0 = 0x4110000000000000, .cc = 1 },
    { V, .insn = RX(0x69), .f = { 0x4110000000000001 }, .mem = 0x4110000000000000, .r0 = 0x4110000000000001, .cc = 2 },
    { V, .insn = RR(0x29), .f = { 0x4110000000000000, 0, 0x4201000000000000 }, .r0 = 0x4110000000000000, .cc = 0 },
    /* extended: the low-order part counts, its sign/characteristic do not */
    { V, .insn = RRE(0xB369), .f = { 0x4110000000000000, 0x3300000000000000, 0x4110000000000000, 0x3300000000000001 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000000, .cc = 1 },
    { V, .insn = RRE(0xB369), .f = { 0x4110000000000000, 0x0000000000000000, 0x4110000000000000, 0xB300000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0, .cc = 0 },
    { V, .insn = RRE(0xB369), .f = { 0xC110000000000000, 0x0000000000000005, 0xC110000000000000, 0x0000000000000004 },
      .r0 = 0xC110000000000000, .r2 = 5, .cc = 1 },
};

static void test_compare(void) { RUN(compares); }

/* ---- MULTIPLY ---------------------------------------------------------------- */

static const Vec mults[] = {
    /* MDER/MER: short x short -> long, exact, whole register */
    { V, .insn = RR(0x3C), .f = { S(0x41200000), 0, S(0x41300000) }, .r0 = 0x4160000000000000, .cc = NOCC },
    { V, .insn = RR(0x3C), .f = { S(0x4019999A), 0, S(0x41A00000) }, .r0 = 0x4110000040000000, .cc = NOCC },
    { V, .insn = RX(0x7C), .f = { S(0xC1200000) }, .mem = W(0x40800000), .r0 = 0xC110000000000000, .cc = NOCC },
    /* operands are normalized first */
    { V, .insn = RR(0x3C), .f = { S(0x42010000), 0, S(0x42020000) }, .r0 = 0x4120000000000000, .cc = NOCC },
    /* MEE: short result, truncated, low half kept */
    { V, .insn = RXE(0x37), .f = { S(0x4019999A) }, .mem = W(0x41A00000), .r0 = S(0x41100000), .cc = NOCC },
    { V, .insn = RXE(0x37), .f = { S(0x40FFFFFF) }, .mem = W(0x40FFFFFF), .r0 = S(0x40FFFFFE), .cc = NOCC },
    /* MEER: the same in RRE form: 0.1 x 10; 2 x -3 (product normalized by
     * one digit); -0.FFFFFF squared, truncated, plus */
    { V, .insn = RRE(0xB337), .f = { S(0x4019999A), 0, S(0x41A00000) }, .r0 = S(0x41100000), .cc = NOCC },
    { V, .insn = RRE(0xB337), .f = { S(0x41200000), 0, S(0xC1300000) }, .r0 = S(0xC1600000), .cc = NOCC },
    { V, .insn = RRE(0xB337), .f = { S(0xC0FFFFFF), 0, S(0xC0FFFFFF) }, .r0 = S(0x40FFFFFE), .cc = NOCC },
    /* unnormalized operands are normalized first: 1 x 2 = 2 */
    { V, .insn = RRE(0xB337), .f = { S(0x42010000), 0, S(0x42020000) }, .r0 = S(0x41200000), .cc = NOCC },
    /* a zero operand: true zero, whatever the characteristics */
    { V, .insn = RRE(0xB337), .f = { S(0xC1100000), 0, S(0x80000000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RRE(0xB337), .f = { S(0x7F100000), 0, S(0x7F000000) }, .r0 = S(0), .cc = NOCC },
    /* exponent overflow: 127 + 127 - 64 - 1 = 189, wraps to 61 */
    { V, .insn = RRE(0xB337), .f = { S(0x7F100000), 0, S(0x7F100000) }, .r0 = S(0x3D100000),
      .cc = NOCC, .pgm = PGM_EXPONENT_OVERFLOW },
    /* exponent underflow (32 + 32 - 64 - 1 = -1): mask off true zero, on
     * wrapped to 127 with the product's sign */
    { V, .insn = RRE(0xB337), .f = { S(0x20100000), 0, S(0x20100000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RRE(0xB337), .pm = PM_EXP_UNDERFLOW, .f = { S(0x20100000), 0, S(0xA0100000) },
      .r0 = S(0xFF100000), .cc = NOCC, .pgm = PGM_EXPONENT_UNDERFLOW },
    /* MDR: 0.1 x 10; truncated 0.1 x 10 = 0.FFFFFFFFFFFFFA */
    { V, .insn = RR(0x2C), .f = { 0x401999999999999A, 0, 0x41A0000000000000 }, .r0 = 0x4110000000000000, .cc = NOCC },
    { V, .insn = RX(0x6C), .f = { 0x4019999999999999 }, .mem = 0x41A0000000000000, .r0 = 0x40FFFFFFFFFFFFFA, .cc = NOCC },
    /* zero operands give a true zero, even where the exponent would overflow */
    { V, .insn = RR(0x2C), .f = { 0x7F10000000000000, 0, 0x7F00000000000000 }, .r0 = 0, .cc = NOCC },
    { V, .insn = RR(0x2C), .f = { 0xC110000000000000, 0, 0x0000000000000000 }, .r0 = 0, .cc = NOCC },
    /* exponent overflow and underflow */
    { V, .insn = RR(0x3C), .f = { S(0x7F100000), 0, S(0x7F100000) }, .r0 = 0x3D10000000000000,
      .cc = NOCC, .pgm = PGM_EXPONENT_OVERFLOW },
    { V, .insn = RR(0x2C), .f = { 0x2010000000000000, 0, 0x2010000000000000 }, .r0 = 0, .cc = NOCC },
    { V, .insn = RR(0x2C), .pm = PM_EXP_UNDERFLOW, .f = { 0x2010000000000000, 0, 0xA010000000000000 },
      .r0 = 0xFF10000000000000, .cc = NOCC, .pgm = PGM_EXPONENT_UNDERFLOW },
    /* MXDR/MXD: long x long -> extended, exact */
    { V, .insn = RR(0x27), .f = { 0x401999999999999A, 0x1111111111111111, 0x41A0000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0x3340000000000000, .cc = NOCC },
    { V, .insn = RX(0x67), .f = { 0x41FFFFFFFFFFFFFF }, .mem = 0x41FFFFFFFFFFFFFF,
      .r0 = 0x42FFFFFFFFFFFFFE, .r2 = 0x3400000000000001, .cc = NOCC },
    /* MXR: extended, truncated: (1 - 16**-28)**2 */
    { V, .insn = RR(0x26), .f = { 0x41FFFFFFFFFFFFFF, 0x33FFFFFFFFFFFFFF, 0x41FFFFFFFFFFFFFF, 0x33FFFFFFFFFFFFFF },
      .r0 = 0x42FFFFFFFFFFFFFF, .r2 = 0x34FFFFFFFFFFFFFE, .cc = NOCC },
    /* (1 + 16**-27) * 1.0, and with normalization shift across the parts */
    { V, .insn = RR(0x26), .f = { 0x4110000000000000, 0x3300000000000001, 0x4110000000000000, 0x3300000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000001, .cc = NOCC },
    { V, .insn = RR(0x26), .f = { 0x4120000000000000, 0x3300000000000001, 0x4080000000000000, 0x3200000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000000, .cc = NOCC },
    /* extended exponent underflow with the mask on: both characteristics wrap */
    { V, .insn = RR(0x26), .pm = PM_EXP_UNDERFLOW,
      .f = { 0x2010000000000000, 0x1200000000000000, 0x2010000000000000, 0x1200000000000000 },
      .r0 = 0x7F10000000000000, .r2 = 0x7100000000000000, .cc = NOCC, .pgm = PGM_EXPONENT_UNDERFLOW },
};

static void test_multiply(void) { RUN(mults); }

/* ---- DIVIDE ------------------------------------------------------------------ */

static const Vec divs[] = {
    { V, .insn = RR(0x3D), .f = { S(0x41100000), 0, S(0x41300000) }, .r0 = S(0x40555555), .cc = NOCC },
    { V, .insn = RR(0x3D), .f = { S(0x41200000), 0, S(0x40800000) }, .r0 = S(0x41400000), .cc = NOCC },
    /* dividend fraction >= divisor fraction: quotient shifted right */
    { V, .insn = RR(0x3D), .f = { S(0x41300000), 0, S(0x41200000) }, .r0 = S(0x41180000), .cc = NOCC },
    { V, .insn = RX(0x7D), .f = { S(0xC1A00000) }, .mem = W(0x41200000), .r0 = S(0xC1500000), .cc = NOCC },
    /* unnormalized operands are normalized first */
    { V, .insn = RR(0x3D), .f = { S(0x43001000), 0, S(0x42002000) }, .r0 = S(0x41800000), .cc = NOCC },
    /* divide by zero: suppressed; 0 / x = true zero */
    { V, .insn = RR(0x3D), .f = { S(0x41100000), 0, S(0x41000000) }, .r0 = S(0x41100000),
      .cc = NOCC, .pgm = PGM_FLOATING_DIVIDE },
    { V, .insn = RR(0x3D), .f = { S(0x00000000), 0, S(0x00000000) }, .r0 = S(0),
      .cc = NOCC, .pgm = PGM_FLOATING_DIVIDE },
    { V, .insn = RR(0x3D), .f = { S(0xC5000000), 0, S(0x41100000) }, .r0 = S(0), .cc = NOCC },
    /* overflow, underflow */
    { V, .insn = RR(0x3D), .f = { S(0x7F100000), 0, S(0x01100000) }, .r0 = S(0x3F100000),
      .cc = NOCC, .pgm = PGM_EXPONENT_OVERFLOW },
    { V, .insn = RR(0x3D), .f = { S(0x01100000), 0, S(0x7F100000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RR(0x3D), .pm = PM_EXP_UNDERFLOW, .f = { S(0x01100000), 0, S(0x7F100000) },
      .r0 = S(0x43100000), .cc = NOCC, .pgm = PGM_EXPONENT_UNDERFLOW },
    /* long: 1/3, 1/10 (truncated) */
    { V, .insn = RR(0x2D), .f = { 0x4110000000000000, 0, 0x4130000000000000 }, .r0 = 0x4055555555555555, .cc = NOCC },
    { V, .insn = RX(0x6D), .f = { 0x4110000000000000 }, .mem = 0x41A0000000000000, .r0 = 0x4019999999999999, .cc = NOCC },
    { V, .insn = RX(0x6D), .f = { 0x4110000000000000 }, .mem = 0x0000000000000000, .r0 = 0x4110000000000000,
      .cc = NOCC, .pgm = PGM_FLOATING_DIVIDE },
    /* extended: 1/3, 1/10, 6/2 */
    { V, .insn = RRE(0xB22D), .f = { 0x4110000000000000, 0x3300000000000000, 0x4130000000000000, 0 },
      .r0 = 0x4055555555555555, .r2 = 0x3255555555555555, .cc = NOCC },
    { V, .insn = RRE(0xB22D), .f = { 0x4110000000000000, 0, 0x41A0000000000000, 0 },
      .r0 = 0x4019999999999999, .r2 = 0x3299999999999999, .cc = NOCC },
    { V, .insn = RRE(0xB22D), .f = { 0xC160000000000000, 0, 0x4120000000000000, 0 },
      .r0 = 0xC130000000000000, .r2 = 0xB300000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB22D), .f = { 0x4110000000000000, 0x3300000000000000, 0x4100000000000000, 0x3300000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000000, .cc = NOCC, .pgm = PGM_FLOATING_DIVIDE },
};

static void test_divide(void) { RUN(divs); }

/* ---- HALVE, LOAD ROUNDED, LOAD FP INTEGER --------------------------------- */

static const Vec misc[] = {
    /* HALVE (ESA/390): normalized result, guard digit, underflow */
    { V, .insn = RR(0x34), .f = { S(0), 0, S(0x41100000) }, .r0 = S(0x40800000), .cc = NOCC },
    { V, .insn = RR(0x34), .f = { S(0), 0, S(0xC1200000) }, .r0 = S(0xC1100000), .cc = NOCC },
    { V, .insn = RR(0x34), .f = { S(0), 0, S(0x41000001) }, .r0 = S(0x3B800000), .cc = NOCC },
    { V, .insn = RR(0x34), .f = { S(0x41100000), 0, S(0x45000000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RR(0x34), .f = { S(0), 0, S(0x00100000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RR(0x34), .pm = PM_EXP_UNDERFLOW, .f = { S(0), 0, S(0x00100000) }, .r0 = S(0x7F800000),
      .cc = NOCC, .pgm = PGM_EXPONENT_UNDERFLOW },
    { V, .insn = RR(0x24), .f = { 0, 0, 0x4110000000000001 }, .r0 = 0x4080000000000008, .cc = NOCC },
    /* LOAD ROUNDED long -> short */
    { V, .insn = RR(0x35), .f = { S(0), 0, 0x4110000080000000 }, .r0 = S(0x41100001), .cc = NOCC },
    { V, .insn = RR(0x35), .f = { S(0), 0, 0x411000007FFFFFFF }, .r0 = S(0x41100000), .cc = NOCC },
    { V, .insn = RR(0x35), .f = { S(0), 0, 0x401999999999999A }, .r0 = S(0x4019999A), .cc = NOCC },
    { V, .insn = RR(0x35), .f = { S(0), 0, 0xC1FFFFFF80000000 }, .r0 = S(0xC2100000), .cc = NOCC },
    { V, .insn = RR(0x35), .f = { S(0), 0, 0x4500000000000000 }, .r0 = S(0x45000000), .cc = NOCC },
    { V, .insn = RR(0x35), .f = { S(0), 0, 0x4000000080000000 }, .r0 = S(0x40000001), .cc = NOCC },
    { V, .insn = RR(0x35), .pm = PM_EXP_UNDERFLOW | PM_SIGNIFICANCE, .f = { S(0), 0, 0x7FFFFFFF80000000 },
      .r0 = S(0x00100000), .cc = NOCC, .pgm = PGM_EXPONENT_OVERFLOW },
    /* LOAD ROUNDED extended -> long (low-order sign/characteristic ignored) */
    { V, .insn = RR(0x25), .f = { 0, 0, 0x4110000000000000, 0xFF80000000000000 }, .r0 = 0x4110000000000001, .cc = NOCC },
    { V, .insn = RR(0x25), .f = { 0, 0, 0x4110000000000000, 0x337FFFFFFFFFFFFF }, .r0 = 0x4110000000000000, .cc = NOCC },
    { V, .insn = RR(0x25), .f = { 0, 0, 0x41FFFFFFFFFFFFFF, 0x3380000000000000 }, .r0 = 0x4210000000000000, .cc = NOCC },
    /* LOAD ROUNDED extended -> short */
    { V, .insn = RRE(0xB366), .f = { S(0), 0, 0x411234567FFFFFFF, 0x33FFFFFFFFFFFFFF }, .r0 = S(0x41123456), .cc = NOCC },
    { V, .insn = RRE(0xB366), .f = { S(0), 0, 0x4112345680000000, 0x3300000000000000 }, .r0 = S(0x41123457), .cc = NOCC },
    /* LOAD FP INTEGER: truncation toward zero, normalized, true zero */
    { V, .insn = RRE(0xB377), .f = { S(0), 0, S(0x41180000) }, .r0 = S(0x41100000), .cc = NOCC },
    { V, .insn = RRE(0xB377), .f = { S(0), 0, S(0xC1180000) }, .r0 = S(0xC1100000), .cc = NOCC },
    { V, .insn = RRE(0xB377), .f = { S(0), 0, S(0xC0800000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RRE(0xB377), .f = { S(0), 0, S(0x42123456) }, .r0 = S(0x42120000), .cc = NOCC },
    { V, .insn = RRE(0xB377), .f = { S(0), 0, S(0x43001234) }, .r0 = S(0x41100000), .cc = NOCC },
    { V, .insn = RRE(0xB377), .f = { S(0), 0, S(0x47123456) }, .r0 = S(0x47123456), .cc = NOCC },
    { V, .insn = RRE(0xB37F), .f = { 0, 0, 0x4419999999999999 }, .r0 = 0x4419990000000000, .cc = NOCC },
    { V, .insn = RRE(0xB367), .f = { 0, 0, 0x4F12345678901234, 0x4156789ABCDEF012 },
      .r0 = 0x4F12345678901234, .r2 = 0x4150000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB367), .f = { 0, 0, 0x4000000000000000, 0x0000000000000001 }, .r0 = 0, .r2 = 0, .cc = NOCC },
};

static void test_misc(void) { RUN(misc); }

/* ---- SQUARE ROOT ------------------------------------------------------------ */

static const Vec sqrts[] = {
    { V, .insn = RRE(0xB245), .f = { S(0), 0, S(0x41400000) }, .r0 = S(0x41200000), .cc = NOCC },
    { V, .insn = RRE(0xB245), .f = { S(0), 0, S(0x42100000) }, .r0 = S(0x41400000), .cc = NOCC },
    { V, .insn = RRE(0xB245), .f = { S(0), 0, S(0x41200000) }, .r0 = S(0x4116A09E), .cc = NOCC },
    { V, .insn = RRE(0xB245), .f = { S(0x41100000), 0, S(0x80000000) }, .r0 = S(0), .cc = NOCC },
    { V, .insn = RRE(0xB245), .f = { S(0x41100000), 0, S(0xC1100000) }, .r0 = S(0x41100000),
      .cc = NOCC, .pgm = PGM_SQUARE_ROOT },
    { V, .insn = RXE(0x34), .f = { S(0) }, .mem = W(0x41900000), .r0 = S(0x41300000), .cc = NOCC },
    { V, .insn = RRE(0xB244), .f = { 0, 0, 0x4110000000000000 }, .r0 = 0x4110000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB244), .f = { 0, 0, 0x4040000000000000 }, .r0 = 0x4080000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB244), .f = { 0, 0, 0x3F10000000000000 }, .r0 = 0x4010000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB244), .f = { 0, 0, 0x4204000000000000 }, .r0 = 0x4120000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB244), .f = { 0, 0, 0x4290000000000000 }, .r0 = 0x41C0000000000000, .cc = NOCC },
    /* sqrt(2) = 1.6A09E667F3BCC9...: rounded to ...BCD (??? see insn_hfp.c) */
    { V, .insn = RRE(0xB244), .f = { 0, 0, 0x4120000000000000 }, .r0 = 0x4116A09E667F3BCD, .cc = NOCC },
    { V, .insn = RXE(0x35), .mem = 0x4119000000000000, .r0 = 0x4114000000000000, .cc = NOCC },
    { V, .insn = RXE(0x35), .f = { 0x4110000000000000 }, .mem = 0xC100000000000001, .r0 = 0x4110000000000000,
      .cc = NOCC, .pgm = PGM_SQUARE_ROOT },

    /* SQXR: extended, the root rounded like the others (the same results
     * as Hercules 3.13); 4 -> 2; sqrt(2) = 1.6A09E667F3BCC908B2FB1366EA9|57
     * stays; sqrt(3) = 1.BB67AE8584CAA73B25742D7078B|8 rounds up */
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4140000000000000, 0x3300000000000000 },
      .r0 = 0x4120000000000000, .r2 = 0x3300000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4120000000000000, 0 },
      .r0 = 0x4116A09E667F3BCC, .r2 = 0x33908B2FB1366EA9, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4130000000000000, 0 },
      .r0 = 0x411BB67AE8584CAA, .r2 = 0x3373B25742D7078C, .cc = NOCC },
    /* the low-order part counts: sqrt(4 + 16**-26) = 2 + 4 * 16**-27 - a
     * little, rounded up to ...04 (truncated it would be ...03); the
     * low-order sign and characteristic of the operand are ignored */
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4140000000000000, 0x3300000000000010 },
      .r0 = 0x4120000000000000, .r2 = 0x3300000000000004, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4140000000000000, 0xFF00000000000010 },
      .r0 = 0x4120000000000000, .r2 = 0x3300000000000004, .cc = NOCC },
    /* sqrt(16 - 16**-27) = 4 - 2 * 16**-28 - ...: rounds up to 4 exactly */
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x41FFFFFFFFFFFFFF, 0x33FFFFFFFFFFFFFF },
      .r0 = 0x4140000000000000, .r2 = 0x3300000000000000, .cc = NOCC },
    /* unnormalized across the parts: 16**-27 -> 4 * 16**-14; even and odd
     * characteristics at both ends of the range */
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4100000000000000, 0x3300000000000001 },
      .r0 = 0x3340000000000000, .r2 = 0x2500000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x4200000000000000, 0x3400000000000040 },
      .r0 = 0x3480000000000000, .r2 = 0x2600000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x7F10000000000000, 0 },
      .r0 = 0x6010000000000000, .r2 = 0x5200000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0, 0, 0x0010000000000000, 0 },
      .r0 = 0x2040000000000000, .r2 = 0x1200000000000000, .cc = NOCC },
    /* a zero fraction, of either sign and any characteristic: true zero,
     * no exception (as SQER; the PoO's true zero has a plus sign) */
    { V, .insn = RRE(0xB336), .f = { 0x4110000000000000, 0x3300000000000000, 0x8000000000000000, 0x8000000000000000 },
      .r0 = 0, .r2 = 0, .cc = NOCC },
    { V, .insn = RRE(0xB336), .f = { 0x4110000000000000, 0x3300000000000000, 0xC500000000000000, 0xB700000000000000 },
      .r0 = 0, .r2 = 0, .cc = NOCC },
    /* negative: square-root exception, suppressed -- also when only the
     * low-order part of the fraction is nonzero */
    { V, .insn = RRE(0xB336), .f = { 0x4110000000000000, 0x3300000000000000, 0xC140000000000000, 0 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000000, .cc = NOCC, .pgm = PGM_SQUARE_ROOT },
    { V, .insn = RRE(0xB336), .f = { 0x4110000000000000, 0x3300000000000000, 0x8000000000000000, 0x0000000000000001 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000000, .cc = NOCC, .pgm = PGM_SQUARE_ROOT },
};

static void test_sqrt(void) { RUN(sqrts); }

/* ---- LOAD LENGTHENED ---------------------------------------------------------- */

static const Vec lengthened[] = {
    /* LDER, LDE: the low-order 8 digits become zeros, the marker goes;
     * sign, characteristic and unnormalized fraction kept, even a zero
     * fraction's characteristic; no exponent underflow; CC unchanged */
    { V, .insn = RRE(0xB324), .f = { 0xFFFFFFFFFFFFFFFF, 0, S(0xC1123456) }, .r0 = 0xC112345600000000, .cc = NOCC },
    { V, .insn = RRE(0xB324), .f = { 0, 0, S(0x45000000) }, .r0 = 0x4500000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB324), .pm = PM_EXP_UNDERFLOW | PM_SIGNIFICANCE, .f = { 0, 0, S(0x00000001) },
      .r0 = 0x0000000100000000, .cc = NOCC },
    { V, .insn = RXE(0x24), .f = { 0xFFFFFFFFFFFFFFFF }, .mem = 0x41A0000099999999,
      .r0 = 0x41A0000000000000, .cc = NOCC },
    /* LXDR, LXD: the low-order part gets the sign and a characteristic 14
     * less (modulo 128, no exception) and zero digits */
    { V, .insn = RRE(0xB325), .f = { 0, 0x1111111111111111, 0x4112345678ABCDEF },
      .r0 = 0x4112345678ABCDEF, .r2 = 0x3300000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB325), .f = { 0, 0, 0xC100000000000001 },
      .r0 = 0xC100000000000001, .r2 = 0xB300000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB325), .pm = PM_EXP_UNDERFLOW | PM_SIGNIFICANCE, .f = { 0, 0, 0x0510000000000000 },
      .r0 = 0x0510000000000000, .r2 = 0x7700000000000000, .cc = NOCC },
    /* a zero fraction: a zero with the operand's sign in both parts, the
     * characteristic dropped (??? in insn_hfp.c; Hercules 3.13 agrees) */
    { V, .insn = RRE(0xB325), .f = { 0x4110000000000000, 0x3300000000000000, 0xC500000000000000 },
      .r0 = 0x8000000000000000, .r2 = 0x8000000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB325), .f = { 0x4110000000000000, 0x3300000000000000, 0x4500000000000000 },
      .r0 = 0, .r2 = 0, .cc = NOCC },
    /* R2 is one register: 6 is fine */
    { V, .insn = { 0xB3, 0x25, 0x00, 0x06 }, .f = { 0, 0, 0, 0x4110000000000000 },
      .r0 = 0x4110000000000000, .r2 = 0x3300000000000000, .cc = NOCC },
    { V, .insn = RXE(0x25), .mem = 0x401999999999999A, .r0 = 0x401999999999999A, .r2 = 0x3200000000000000, .cc = NOCC },
    /* LXER, LXE: the rightmost 32 bits of R2 are not part of the operand */
    { V, .insn = RRE(0xB326), .f = { 0, 0, S(0x41123456) }, .r0 = 0x4112345600000000, .r2 = 0x3300000000000000, .cc = NOCC },
    { V, .insn = RRE(0xB326), .f = { 0x4110000000000000, 0x3300000000000000, S(0x80000000) },
      .r0 = 0x8000000000000000, .r2 = 0x8000000000000000, .cc = NOCC },
    { V, .insn = RXE(0x26), .f = { 0x1111111111111111, 0x2222222222222222 }, .mem = 0xC1A0000055555555,
      .r0 = 0xC1A0000000000000, .r2 = 0xB300000000000000, .cc = NOCC },
};

static void test_lengthened(void) { RUN(lengthened); }

/* ---- register designations and S/370 mode --------------------------------- */

static const Vec regs[] = {
    /* ESA/390, AFP control off: AFP registers -> data exception (DXC 1) */
    { V, .insn = { 0x2A, 0x10 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0x38, 0x03 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0x78, 0x90, 0x10, 0x00 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xB3, 0x74, 0x00, 0xF0 }, .cc = NOCC, .pgm = PGM_DATA },
    /* invalid extended pair: specification (before the AFP check) */
    { V, .insn = { 0x36, 0x24 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0x36, 0x06 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0x36, 0x34 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0x36, 0x14 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0x27, 0x24 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0x25, 0x02 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xB2, 0x2D, 0x00, 0x06 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xB3, 0x76, 0x00, 0x20 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    /* the HFP extensions: MEER, LDER, LDE single registers; SQXR pairs;
     * LXDR, LXER, LXD, LXE an R1 pair and (RRE) an R2 single register */
    { V, .insn = { 0xB3, 0x37, 0x00, 0x14 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xB3, 0x37, 0x00, 0x09 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xB3, 0x24, 0x00, 0x0B }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xED, 0x10, 0x10, 0x00, 0x00, 0x24 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xB3, 0x36, 0x00, 0x24 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xB3, 0x36, 0x00, 0x06 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xB3, 0x36, 0x00, 0x14 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xB3, 0x25, 0x00, 0x24 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xB3, 0x26, 0x00, 0x64 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xB3, 0x26, 0x00, 0x05 }, .cc = NOCC, .pgm = PGM_DATA },
    { V, .insn = { 0xED, 0x20, 0x10, 0x00, 0x00, 0x25 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .insn = { 0xED, 0x60, 0x10, 0x00, 0x00, 0x26 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    /* AFP on: pair 1/3 and register 9 are fine; pair 2 still is not */
    { V, .afp = true, .insn = { 0x36, 0x14 }, .cc = 0 },
    { V, .afp = true, .insn = { 0x36, 0x24 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .afp = true, .insn = { 0x38, 0x09 }, .cc = NOCC },
    { V, .afp = true, .insn = { 0xB3, 0x36, 0x00, 0x15 }, .cc = NOCC },
    { V, .afp = true, .insn = { 0xB3, 0x36, 0x00, 0x17 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .afp = true, .insn = { 0xB3, 0x25, 0x00, 0x5D }, .cc = NOCC },
    { V, .afp = true, .insn = { 0xB3, 0x37, 0x00, 0x9B }, .cc = NOCC },
    /* S/370: only 0, 2, 4, 6; pairs 0 and 4 */
    { V, .s370 = true, .insn = { 0x2A, 0x10 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .s370 = true, .insn = { 0x78, 0x80, 0x10, 0x00 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .s370 = true, .insn = { 0x36, 0x24 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .s370 = true, .insn = { 0x26, 0x02 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    { V, .s370 = true, .insn = { 0x36, 0x14 }, .cc = NOCC, .pgm = PGM_SPECIFICATION },
    /* S/370 arithmetic */
    { V, .s370 = true, .insn = RR(0x3A), .f = { S(0x41100000), 0, S(0x41100000) }, .r0 = S(0x41200000), .cc = 2 },
    { V, .s370 = true, .insn = RX(0x6D), .f = { 0x4110000000000000 }, .mem = 0x41A0000000000000,
      .r0 = 0x4019999999999999, .cc = NOCC },
    { V, .s370 = true, .pm = PM_EXP_UNDERFLOW, .insn = RR(0x3B), .f = { S(0x00100000), 0, S(0x000FFFFF) },
      .r0 = S(0x7B100000), .cc = 2, .pgm = PGM_EXPONENT_UNDERFLOW },
    { V, .s370 = true, .pm = PM_SIGNIFICANCE, .insn = RR(0x2B), .f = { 0x4110000000000000, 0, 0x4110000000000000 },
      .r0 = 0x4100000000000000, .cc = 0, .pgm = PGM_SIGNIFICANCE },
    { V, .s370 = true, .insn = RR(0x36), .f = { 0x4110000000000000, 0x3300000000000000, 0x4110000000000000, 0x3300000000000000 },
      .r0 = 0x4120000000000000, .r2 = 0x3300000000000000, .cc = 2 },
    { V, .s370 = true, .insn = { 0x25, 0x24 }, .f = { 0, 0x1111111111111111, 0x4110000000000000, 0x3380000000000000 },
      .r0 = 0, .r2 = 0x4110000000000001, .cc = NOCC },
    /* S/370 HALVE: normalized quotient, guard digit, true zero for a zero
     * fraction, exponent underflow -- as ESA/390 (GA22-7000-8 "HALVE") */
    { V, .s370 = true, .insn = RR(0x34), .f = { S(0), 0, S(0x41100000) }, .r0 = S(0x40800000), .cc = NOCC },
    { V, .s370 = true, .insn = RR(0x34), .f = { S(0), 0, S(0x41000001) }, .r0 = S(0x3B800000), .cc = NOCC },
    { V, .s370 = true, .insn = RR(0x34), .f = { S(0), 0, S(0xC5000000) }, .r0 = S(0), .cc = NOCC },
    { V, .s370 = true, .pm = PM_EXP_UNDERFLOW, .insn = RR(0x24), .f = { 0, 0, 0x0010000000000000 },
      .r0 = 0x7F80000000000000, .cc = NOCC, .pgm = PGM_EXPONENT_UNDERFLOW },
    /* the ESA/390-only instructions do not exist in S/370 */
    { V, .s370 = true, .insn = RRE(0xB244), .f = { 0, 0, 0x4140000000000000 }, .cc = NOCC, .pgm = PGM_OPERATION },
    { V, .s370 = true, .insn = RRE(0xB22D), .cc = NOCC, .pgm = PGM_OPERATION },
    { V, .s370 = true, .insn = RRE(0xB337), .f = { S(0x41200000), 0, S(0x41300000) }, .r0 = S(0x41200000),
      .cc = NOCC, .pgm = PGM_OPERATION },
    { V, .s370 = true, .insn = RRE(0xB336), .cc = NOCC, .pgm = PGM_OPERATION },
    { V, .s370 = true, .insn = RRE(0xB324), .cc = NOCC, .pgm = PGM_OPERATION },
    { V, .s370 = true, .insn = RXE(0x25), .mem = 0x4110000000000000, .cc = NOCC, .pgm = PGM_OPERATION },
};

static void test_registers(void) { RUN(regs); }

/* The AFP-register data exception stores DXC 1 at real location 147. */
static void test_dxc(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    const uint8_t adr[] = { 0x2A, 0x01 };
    memset(m->mem + 0x90, 0xEE, 4);
    CU_ASSERT_EQUAL(tm_exec(m, adr, 2, 1), PGM_DATA);
    CU_ASSERT_EQUAL(tm_get32(m, 0x90), 1);          /* zeros at 144-146 */
    tm_free(m);
}

/* With AFP on, all 16 registers work and untouched ones stay untouched. */
static void test_afp_registers(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->cr[0] |= CR0_AFP;
    c->fpr[9] = 0x4110000000000000;
    c->fpr[14] = 0x4120000000000000;
    c->fpr[13] = 0x4130000000000000;
    c->fpr[15] = 0x3300000000000000;
    c->fpr[11] = 0x3300000000000000;
    const uint8_t code[] = {
        0x2A, 0x9E,                 /* ADR  9,14   1 + 2      */
        0x36, 0xD9,                 /* AXR  13,9   3 + 3 in 13/15 */
    };
    CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 1), 0);
    CU_ASSERT_EQUAL(c->fpr[9], 0x4130000000000000);
    CU_ASSERT_EQUAL(tm_step(m), 0);
    CU_ASSERT_EQUAL(c->fpr[13], 0x4160000000000000);
    CU_ASSERT_EQUAL(c->fpr[15], 0x3300000000000000);
    CU_ASSERT_EQUAL(c->cc, 2);
    for (int r = 0; r < 16; r++)
        if (r < 9 || r == 10 || r == 12)
            CU_ASSERT_EQUAL(c->fpr[r], 0);
    tm_free(m);
}

/* An exponent overflow program check stores the old PSW after the
 * instruction (completion), with the CC of the result. */
static void test_overflow_psw(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->fpr[0] = 0x7FF0000000000000;
    const uint8_t adr[] = { 0x2A, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, adr, 2, 1), PGM_EXPONENT_OVERFLOW);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, TM_CODE + 2);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    CU_ASSERT_EQUAL(c->fpr[0], 0x001E000000000000);
    tm_free(m);
}

void register_hfp_tests(void)
{
    CU_pSuite s = CU_add_suite("hfp", NULL, NULL);
    CU_add_test(s, "loads, stores, sign loads", test_loads);
    CU_add_test(s, "add/subtract normalized", test_add);
    CU_add_test(s, "add/subtract unnormalized", test_unnormalized);
    CU_add_test(s, "compare", test_compare);
    CU_add_test(s, "multiply", test_multiply);
    CU_add_test(s, "divide", test_divide);
    CU_add_test(s, "halve, load rounded, load fp integer", test_misc);
    CU_add_test(s, "square root", test_sqrt);
    CU_add_test(s, "load lengthened", test_lengthened);
    CU_add_test(s, "register designations, S/370", test_registers);
    CU_add_test(s, "AFP data exception code", test_dxc);
    CU_add_test(s, "AFP registers", test_afp_registers);
    CU_add_test(s, "overflow old PSW", test_overflow_psw);
}
