/*
 * test_decimal.c — the decimal instructions (cpu370/insn_decimal.c),
 * table driven.  Operands are written as hex strings; each SS case runs
 * one instruction with the first operand at OP1 and the second at OP2
 * (base register 12) and checks the first operand, the condition code and
 * the program-interruption code.  Expected values follow the examples
 * and rules of ESA/390 PoO SA22-7201 ch. 8 and S/370 PoO GA22-7000 ch. 8
 * and Appendix A.
 */
#include <stdio.h>
#include <string.h>

#include "tests/unit/testutil.h"

#define OP1 (TM_DATA + 0x100)
#define OP2 (TM_DATA + 0x200)
#define CC_ANY (-1)

/* Hex string (spaces allowed) to bytes; returns the count. */
static unsigned hex(const char *s, uint8_t *out)
{
    unsigned n = 0;
    int hi = -1;
    for (; s && *s; s++) {
        int v;
        if (*s >= '0' && *s <= '9')
            v = *s - '0';
        else if (*s >= 'A' && *s <= 'F')
            v = *s - 'A' + 10;
        else if (*s >= 'a' && *s <= 'f')
            v = *s - 'a' + 10;
        else
            continue;
        if (hi < 0) {
            hi = v;
        } else {
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return n;
}

static void dump(const char *what, const uint8_t *b, unsigned n)
{
    fprintf(stderr, " %s=", what);
    for (unsigned i = 0; i < n; i++)
        fprintf(stderr, "%02X", b[i]);
}

/* After a program interruption the CPU sits in tm_new's disabled wait:
 * load a running PSW again (ESA/390 31-bit, or S/370 BC mode). */
static void resume(Machine *m)
{
    uint8_t psw[8] = { 0, m->cpu->arch == ARCH_ESA390 ? 0x08 : 0x00, 0, 0, 0, 0, 0, 0 };
    st_be32(psw + 4, TM_CODE | (m->cpu->arch == ARCH_ESA390 ? 0x80000000u : 0));
    psw_load(m->cpu, psw);
}

/* The CC after an instruction: from the old PSW if it was interrupted
 * (the new PSW has replaced the current one). */
static int cc_after(Machine *m, int pgm)
{
    if (pgm == 0)
        return m->cpu->cc;
    const uint8_t *old = m->mem + PSA_PGM_OLD;
    if (m->cpu->arch == ARCH_S370 && !(old[1] & 0x08))
        return (old[4] >> 4) & 3;                   /* BC mode */
    return (old[2] >> 4) & 3;
}

/* ---- SS instructions with storage operands --------------------------------- */

typedef struct SsCase {
    const char *name;
    uint8_t     op;         /* opcode                                     */
    uint8_t     l;          /* byte 1: L1 L2, or L (ED, EDMK)             */
    const char *op1;        /* first operand before                       */
    const char *op2;        /* second operand                             */
    const char *want;       /* first operand after; NULL: unchanged       */
    int         cc;         /* expected CC, or CC_ANY                     */
    int         pgm;        /* expected program-interruption code         */
    uint8_t     pm;         /* program mask                               */
} SsCase;

#define DO PM_DECIMAL_OVERFLOW

static const SsCase ss_cases[] = {
    /* AP */
    { "ap",           0xFA, 0x32, "0012345C", "54321C", "0066666C", 2, 0, 0 },
    { "ap neg",       0xFA, 0x00, "5D", "3C", "2D", 1, 0, 0 },
    { "ap zero",      0xFA, 0x00, "5C", "5D", "0C", 0, 0, 0 },
    { "ap -0 + -0",   0xFA, 0x00, "0D", "0D", "0C", 0, 0, 0 },
    { "ap signs AEF", 0xFA, 0x10, "123F", "1A", "124C", 2, 0, 0 },
    { "ap sign B",    0xFA, 0x10, "123B", "1E", "122D", 1, 0, 0 },
    { "ap ovf",       0xFA, 0x10, "999C", "1C", "000C", 3, 0, 0 },
    { "ap ovf mask",  0xFA, 0x10, "999C", "1C", "000C", 3, PGM_DECIMAL_OVERFLOW, DO },
    { "ap ovf -0",    0xFA, 0x10, "999D", "1D", "000D", 3, 0, 0 },
    { "ap ovf trunc", 0xFA, 0x11, "999D", "123D", "122D", 3, 0, 0 },
    { "ap 31 digits", 0xFA, 0xF0, "0999999999999999999999999999999C", "1C",
                                  "1000000000000000000000000000000C", 2, 0, 0 },
    { "ap 31 ovf",    0xFA, 0xFF, "9999999999999999999999999999999C",
                                  "0000000000000000000000000000001C",
                                  "0000000000000000000000000000000C", 3, 0, 0 },
    { "ap bad sign1", 0xFA, 0x32, "00123450", "54321C", NULL, CC_ANY, PGM_DATA, 0 },
    { "ap bad digit2",0xFA, 0x31, "0012345C", "1A3C", NULL, CC_ANY, PGM_DATA, 0 },
    { "ap bad digit hi", 0xFA, 0x10, "A12C", "1C", NULL, CC_ANY, PGM_DATA, 0 },
    /* SP */
    { "sp",           0xFB, 0x32, "0012345C", "54321C", "0041976D", 1, 0, 0 },
    { "sp zero",      0xFB, 0x00, "5C", "5F", "0C", 0, 0, 0 },
    { "sp -0 - +0",   0xFB, 0x00, "0D", "0C", "0C", 0, 0, 0 },
    { "sp ovf -0",    0xFB, 0x10, "999D", "1C", "000D", 3, 0, 0 },
    { "sp ovf mask",  0xFB, 0x10, "999D", "1C", "000D", 3, PGM_DECIMAL_OVERFLOW, DO },
    { "sp bad",       0xFB, 0x00, "5C", "55", NULL, CC_ANY, PGM_DATA, 0 },
    /* ZAP: the first operand is not checked */
    { "zap",          0xF8, 0x32, "FFFFFFFF", "12345C", "0012345C", 2, 0, 0 },
    { "zap F sign",   0xF8, 0x11, "0000", "123F", "123C", 2, 0, 0 },
    { "zap -0",       0xF8, 0x10, "999C", "0D", "000C", 0, 0, 0 },
    { "zap neg",      0xF8, 0x10, "999C", "7B", "007D", 1, 0, 0 },
    { "zap ovf",      0xF8, 0x12, "0000", "12345D", "345D", 3, 0, 0 },
    { "zap ovf -0",   0xF8, 0x12, "0000", "10000D", "000D", 3, 0, 0 },
    { "zap ovf mask", 0xF8, 0x12, "0000", "10000C", "000C", 3, PGM_DECIMAL_OVERFLOW, DO },
    { "zap bad",      0xF8, 0x32, "FFFFFFFF", "123456", NULL, CC_ANY, PGM_DATA, 0 },
    /* CP */
    { "cp eq",        0xF9, 0x11, "123C", "123C", NULL, 0, 0, 0 },
    { "cp +0 -0",     0xF9, 0x00, "0C", "0D", NULL, 0, 0, 0 },
    { "cp low",       0xF9, 0x00, "5D", "3C", NULL, 1, 0, 0 },
    { "cp high",      0xF9, 0x21, "00100C", "099C", NULL, 2, 0, 0 },
    { "cp lengths",   0xF9, 0x12, "123F", "00123A", NULL, 0, 0, 0 },
    { "cp neg low",   0xF9, 0x11, "124D", "123D", NULL, 1, 0, 0 },
    { "cp bad",       0xF9, 0x11, "123C", "12C3", NULL, CC_ANY, PGM_DATA, 0 },
    /* MP: CC unchanged (preset to 1) */
    { "mp",           0xFC, 0x30, "0000012C", "3D", "0000036D", 1, 0, 0 },
    { "mp -0",        0xFC, 0x30, "0000000C", "5D", "0000000D", 1, 0, 0 },
    { "mp -0 both",   0xFC, 0x30, "0000000D", "0D", "0000000C", 1, 0, 0 },
    { "mp max",       0xFC, 0xF7, "0000000000000000999999999999999C", "999999999999999C",
                                  "0999999999999998000000000000001C", 1, 0, 0 },
    { "mp l2 > 7",    0xFC, 0xF8, "0000000000000000000000000000001C", "00000000000000001C",
                                  NULL, CC_ANY, PGM_SPECIFICATION, 0 },
    { "mp l2 = l1",   0xFC, 0x11, "001C", "001C", NULL, CC_ANY, PGM_SPECIFICATION, 0 },
    { "mp l2 > l1",   0xFC, 0x12, "001C", "00001C", NULL, CC_ANY, PGM_SPECIFICATION, 0 },
    { "mp zeros",     0xFC, 0x31, "0100012C", "003C", NULL, CC_ANY, PGM_DATA, 0 },
    { "mp zeros ok",  0xFC, 0x31, "0000912C", "003C", "0002736C", 1, 0, 0 },
    { "mp sign A",    0xFC, 0x30, "0000012C", "3A", "0000036C", 1, 0, 0 },
    { "mp bad sign",  0xFC, 0x30, "00000123", "3C", NULL, CC_ANY, PGM_DATA, 0 },
    /* DP (PoO Appendix A example) */
    { "dp",           0xFD, 0x41, "012345678C", "321D", "38460D018C", 1, 0, 0 },
    { "dp too big",   0xFD, 0x40, "012345678C", "1D", NULL, CC_ANY, PGM_DECIMAL_DIVIDE, 0 },
    { "dp by zero",   0xFD, 0x41, "012345678C", "000D", NULL, CC_ANY, PGM_DECIMAL_DIVIDE, 0 },
    { "dp no lead 0", 0xFD, 0x10, "123C", "9C", NULL, CC_ANY, PGM_DECIMAL_DIVIDE, 0 },
    { "dp just fits", 0xFD, 0x10, "089C", "9C", "9C8C", 1, 0, 0 },
    { "dp -0 quot",   0xFD, 0x20, "00005D", "7C", "000D5D", 1, 0, 0 },
    { "dp -0 rem",    0xFD, 0x20, "00014D", "7D", "002C0D", 1, 0, 0 },
    { "dp l2 > 7",    0xFD, 0xF8, "0000000000000000000000000000001C", "00000000000000001C",
                                  NULL, CC_ANY, PGM_SPECIFICATION, 0 },
    { "dp l2 = l1",   0xFD, 0x22, "00001C", "00001C", NULL, CC_ANY, PGM_SPECIFICATION, 0 },
    { "dp bad",       0xFD, 0x41, "0123456F8C", "321D", NULL, CC_ANY, PGM_DATA, 0 },
    { "dp bad by 0",  0xFD, 0x41, "012345678C", "0009", NULL, CC_ANY, PGM_DATA, 0 },
    /* PACK, UNPK, MVO: nothing checked, CC unchanged */
    { "pack",         0xF2, 0x34, "FFFFFFFF", "F1F2F3F4C5", "0012345C", 1, 0, 0 },
    { "pack trunc",   0xF2, 0x14, "FFFF", "F1F2F3F4C5", "345C", 1, 0, 0 },
    { "pack raw",     0xF2, 0x11, "FFFF", "1234", "0243", 1, 0, 0 },
    { "pack long",    0xF2, 0x7F, "FFFFFFFFFFFFFFFF", "F0F0F0F0F0F0F0F0F0F1F2F3F4F5F6D7",
                                  "000000001234567D", 1, 0, 0 },
    { "unpk",         0xF3, 0x42, "FFFFFFFFFF", "12345C", "F1F2F3F4C5", 1, 0, 0 },
    { "unpk pad",     0xF3, 0x72, "FFFFFFFFFFFFFFFF", "12345C", "F0F0F0F1F2F3F4C5", 1, 0, 0 },
    { "unpk trunc",   0xF3, 0x12, "FFFF", "12345C", "F4C5", 1, 0, 0 },
    { "unpk even",    0xF3, 0x32, "FFFFFFFF", "12345C", "F2F3F4C5", 1, 0, 0 },
    { "unpk raw",     0xF3, 0x21, "FFFFFFFF", "ABCD", "FAFBDC", 1, 0, 0 },
    { "mvo",          0xF1, 0x32, "7788990C", "123456", "0123456C", 1, 0, 0 },
    { "mvo trunc",    0xF1, 0x12, "990C", "123456", "456C", 1, 0, 0 },
    { "mvo raw",      0xF1, 0x10, "99AF", "BC", "0BCF", 1, 0, 0 },
    /* ED: pattern at OP1, source at OP2 */
    { "ed brief",     0xDE, 0x0A, "4020206B2021204B202060", "0012345C",
                                  "40404040F1F2F34BF4F540", 2, 0, 0 },
    { "ed brief neg", 0xDE, 0x0A, "4020206B2021204B202060", "0012345D",
                                  "40404040F1F2F34BF4F560", 1, 0, 0 },
    { "ed poo",       0xDE, 0x0C, "4020206B2021204B202040C3D9", "0257426C",
                                  "4040F26BF5F7F44BF2F6404040", 2, 0, 0 },
    { "ed poo neg",   0xDE, 0x0C, "4020206B2021204B202040C3D9", "0000026D",
                                  "404040404040F04BF2F640C3D9", 1, 0, 0 },
    { "ed zero",      0xDE, 0x06, "5C2020214B2020", "00000C",
                                  "5C5C5C5C4BF0F0", 0, 0, 0 },
    { "ed all zero",  0xDE, 0x03, "40202020", "000C", "40404040", 0, 0, 0 },
    { "ed fields",    0xDE, 0x07, "4020202022202020", "123D000C",
                                  "40F1F2F340404040", 0, 0, 0 },
    { "ed fields 2",  0xDE, 0x05, "402020222020", "012C0D",
                                  "4040F140F240", 2, 0, 0 },
    { "ed fill is ds",0xDE, 0x02, "202020", "012C", "20F1F2", 2, 0, 0 },
    { "ed no sign",   0xDE, 0x02, "402020", "12", "40F1F2", 1, 0, 0 },
    { "ed bad digit", 0xDE, 0x03, "40202020", "A12C", NULL, CC_ANY, PGM_DATA, 0 },
    { "ed bad later", 0xDE, 0x05, "402020202020", "012FC3", NULL, CC_ANY, PGM_DATA, 0 },
};

static Machine *ss_machine(Arch arch, const SsCase *t)
{
    Machine *m = tm_new(arch);
    uint8_t b[64];
    unsigned n = hex(t->op1, b);
    tm_put(m, OP1, b, n);
    n = hex(t->op2, b);
    tm_put(m, OP2, b, n);
    m->cpu->gr[12] = TM_DATA;
    m->cpu->psw.pm = t->pm;
    m->cpu->cc = 1;
    return m;
}

static void run_ss_case(Arch arch, const SsCase *t)
{
    Machine *m = ss_machine(arch, t);
    uint8_t before[64], want[64];
    unsigned n1 = hex(t->op1, before);
    const uint8_t code[6] = { t->op, t->l, 0xC1, 0x00, 0xC2, 0x00 };
    int pgm = tm_exec(m, code, 6, 1);
    unsigned nw = t->want ? hex(t->want, want) : n1;
    if (!t->want)
        memcpy(want, before, n1);
    bool ok = pgm == t->pgm && memcmp(m->mem + OP1, want, nw) == 0 &&
              (t->cc == CC_ANY || cc_after(m, pgm) == t->cc);
    if (!ok) {
        fprintf(stderr, "\ndecimal %s (%s): pgm %d want %d, cc %d want %d",
                t->name, arch == ARCH_S370 ? "S/370" : "ESA/390",
                pgm, t->pgm, cc_after(m, pgm), t->cc);
        dump("op1", m->mem + OP1, nw);
        dump("want", want, nw);
        fprintf(stderr, "\n");
    }
    CU_ASSERT(ok);
    tm_free(m);
}

static void test_ss_table(void)
{
    for (unsigned i = 0; i < sizeof ss_cases / sizeof ss_cases[0]; i++)
        run_ss_case(ARCH_ESA390, &ss_cases[i]);
}

/* A decimal data exception stores DXC 0 at real 147 and zeros at 144-146
 * in ESA/390 (SA22-7201 ch. 6 "Data exception"); S/370 has no DXC. */
static void test_dxc(void)
{
    static const SsCase bad = { "ap bad digit2", 0xFA, 0x31, "0012345C", "1A3C", NULL, CC_ANY, PGM_DATA, 0 };
    const uint8_t code[6] = { bad.op, bad.l, 0xC1, 0x00, 0xC2, 0x00 };
    Machine *m = ss_machine(ARCH_ESA390, &bad);
    memset(m->mem + 0x90, 0xEE, 4);
    CU_ASSERT_EQUAL(tm_exec(m, code, 6, 1), PGM_DATA);
    CU_ASSERT_EQUAL(tm_get32(m, 0x90), 0);
    tm_free(m);
    m = ss_machine(ARCH_S370, &bad);
    memset(m->mem + 0x90, 0xEE, 4);
    CU_ASSERT_EQUAL(tm_exec(m, code, 6, 1), PGM_DATA);
    CU_ASSERT_EQUAL(tm_get32(m, 0x90), 0xEEEEEEEEu);
    tm_free(m);
}

static void test_ss_table_s370(void)
{
    for (unsigned i = 0; i < sizeof ss_cases / sizeof ss_cases[0]; i++)
        run_ss_case(ARCH_S370, &ss_cases[i]);
}

/* ---- SRP: the shift comes from the second-operand address ------------------- */

typedef struct SrpCase {
    const char *name;
    uint8_t     l1_i3;      /* byte 1                                     */
    uint32_t    gr3;        /* B2 = 3, D2 = 0: bits 26-31 are the shift   */
    const char *op1, *want; /* NULL want: unchanged                       */
    int         cc, pgm;
    uint8_t     pm;
} SrpCase;

static const SrpCase srp_cases[] = {
    /* PoO Appendix A examples */
    { "left 3",       0x50, 3,  "00012345678C", "12345678000C", 2, 0, 0 },
    { "right 1",      0x40, 63, "012345678C", "001234567C", 2, 0, 0 },
    { "right 3 rnd",  0x35, 61, "1239600C", "0001240C", 2, 0, 0 },
    { "high bits",    0x35, 0xFFFFFFFD, "1239600C", "0001240C", 2, 0, 0 },
    { "right no rnd", 0x35, 61, "1239400D", "0001239D", 1, 0, 0 },
    { "left ovf",     0x20, 1,  "12345C", "23450C", 3, 0, 0 },
    { "left ovf mask",0x20, 1,  "12345C", "23450C", 3, PGM_DECIMAL_OVERFLOW, DO },
    { "left ovf -0",  0x00, 1,  "1D", "0D", 3, 0, 0 },
    { "left ovf 31",  0xF0, 31, "0000000000000000000000000000001D",
                                "0000000000000000000000000000000D", 3, 0, 0 },
    { "left 30",      0xF0, 30, "0000000000000000000000000000001D",
                                "1000000000000000000000000000000D", 1, 0, 0 },
    { "left zero",    0xF0, 31, "0000000000000000000000000000000D",
                                "0000000000000000000000000000000C", 0, 0, 0 },
    { "right to 0",   0x00, 63, "1D", "0C", 0, 0, 0 },
    { "right rnd neg",0x15, 63, "015D", "002D", 1, 0, 0 },
    { "right rnd cry",0x15, 63, "995C", "100C", 2, 0, 0 },
    { "right 32",     0xF9, 32, "9999999999999999999999999999999C",
                                "0000000000000000000000000000000C", 0, 0, 0 },
    { "right 31 rnd", 0xF5, 33, "5000000000000000000000000000000C",
                                "0000000000000000000000000000001C", 2, 0, 0 },
    { "right 31 no",  0xF4, 33, "5000000000000000000000000000000C",
                                "0000000000000000000000000000000C", 0, 0, 0 },
    { "no shift",     0x10, 0,  "123F", "123C", 2, 0, 0 },
    { "no shift -0",  0x10, 64, "000B", "000C", 0, 0, 0 },
    { "bad rnd",      0x1A, 0,  "123C", NULL, 0, PGM_DATA, 0 },
    { "bad rnd left", 0x1F, 1,  "123C", NULL, 0, PGM_DATA, 0 },
    { "bad sign",     0x10, 63, "1234", NULL, 0, PGM_DATA, 0 },
};

static void run_srp(Arch arch, const SrpCase *t)
{
    Machine *m = tm_new(arch);
    uint8_t before[32], want[32];
    unsigned n = hex(t->op1, before);
    tm_put(m, OP1, before, n);
    m->cpu->gr[12] = TM_DATA;
    m->cpu->gr[3] = t->gr3;
    m->cpu->psw.pm = t->pm;
    m->cpu->cc = 0;
    const uint8_t code[6] = { 0xF0, t->l1_i3, 0xC1, 0x00, 0x30, 0x00 };
    int pgm = tm_exec(m, code, 6, 1);
    if (t->want)
        hex(t->want, want);
    else
        memcpy(want, before, n);
    bool ok = pgm == t->pgm && memcmp(m->mem + OP1, want, n) == 0 &&
              (t->pgm == PGM_DATA || cc_after(m, pgm) == t->cc);
    if (!ok) {
        fprintf(stderr, "\nSRP %s: pgm %d want %d, cc %d want %d", t->name,
                pgm, t->pgm, cc_after(m, pgm), t->cc);
        dump("op1", m->mem + OP1, n);
        dump("want", want, n);
        fprintf(stderr, "\n");
    }
    CU_ASSERT(ok);
    tm_free(m);
}

static void test_srp(void)
{
    for (unsigned i = 0; i < sizeof srp_cases / sizeof srp_cases[0]; i++) {
        run_srp(ARCH_ESA390, &srp_cases[i]);
        run_srp(ARCH_S370, &srp_cases[i]);
    }
}

/* ---- CVB and CVD ---------------------------------------------------------- */

typedef struct CvbCase {
    const char *dec;        /* 8 bytes                                    */
    uint32_t    want;       /* R3 after                                   */
    int         pgm;
} CvbCase;

static const CvbCase cvb_cases[] = {
    { "000000000000012C", 12, 0 },
    { "000000000000099F", 99, 0 },
    { "000000000000000D", 0, 0 },
    { "000000000000001B", 0xFFFFFFFF, 0 },
    { "000002147483647C", 0x7FFFFFFF, 0 },
    { "000002147483648D", 0x80000000, 0 },
    /* out of range: completed with the rightmost 32 bits */
    { "000002147483648C", 0x80000000, PGM_FIXED_DIVIDE },
    { "000002147483649D", 0x7FFFFFFF, PGM_FIXED_DIVIDE },
    { "999999999999999C", 0xA4C67FFF, PGM_FIXED_DIVIDE },
    { "999999999999999D", 0x5B398001, PGM_FIXED_DIVIDE },
    /* invalid: R3 unchanged (preset 0x5A5A5A5A) */
    { "00000000000001C2", 0x5A5A5A5A, PGM_DATA },
    { "0000000000000A2C", 0x5A5A5A5A, PGM_DATA },
};

static void test_cvb(void)
{
    for (int a = 0; a < 2; a++) {
        for (unsigned i = 0; i < sizeof cvb_cases / sizeof cvb_cases[0]; i++) {
            const CvbCase *t = &cvb_cases[i];
            Machine *m = tm_new(a ? ARCH_S370 : ARCH_ESA390);
            uint8_t b[8];
            hex(t->dec, b);
            tm_put(m, OP2 + 1, b, 8);               /* unaligned is fine */
            m->cpu->gr[12] = TM_DATA;
            m->cpu->gr[3] = 0x5A5A5A5A;
            const uint8_t code[4] = { 0x4F, 0x30, 0xC2, 0x01 };   /* CVB 3,X'201'(,12) */
            int pgm = tm_exec(m, code, 4, 1);
            if (pgm != t->pgm || m->cpu->gr[3] != t->want)
                fprintf(stderr, "\nCVB %s: pgm %d want %d, r3 %08X want %08X\n",
                        t->dec, pgm, t->pgm, m->cpu->gr[3], t->want);
            CU_ASSERT_EQUAL(pgm, t->pgm);
            CU_ASSERT_EQUAL(m->cpu->gr[3], t->want);
            tm_free(m);
        }
    }
}

static const struct { uint32_t r; const char *want; } cvd_cases[] = {
    { 0,          "000000000000000C" },
    { 1,          "000000000000001C" },
    { 0xFFFFFFFF, "000000000000001D" },
    { 12345,      "000000000012345C" },
    { 0x7FFFFFFF, "000002147483647C" },
    { 0x80000000, "000002147483648D" },
};

static void test_cvd(void)
{
    for (int a = 0; a < 2; a++) {
        for (unsigned i = 0; i < sizeof cvd_cases / sizeof cvd_cases[0]; i++) {
            Machine *m = tm_new(a ? ARCH_S370 : ARCH_ESA390);
            uint8_t want[8];
            hex(cvd_cases[i].want, want);
            m->cpu->gr[12] = TM_DATA;
            m->cpu->gr[3] = cvd_cases[i].r;
            const uint8_t code[4] = { 0x4E, 0x30, 0xC2, 0x03 };   /* CVD 3,X'203'(,12) */
            CU_ASSERT_EQUAL(tm_exec(m, code, 4, 1), 0);
            CU_ASSERT(memcmp(m->mem + OP2 + 3, want, 8) == 0);
            tm_free(m);
        }
    }
}

/* CVD then CVB gives the register back, over a spread of values. */
static void test_cvd_cvb_roundtrip(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    const uint8_t code[8] = { 0x4E, 0x30, 0xC2, 0x00,  0x4F, 0x40, 0xC2, 0x00 };
    m->cpu->gr[12] = TM_DATA;
    unsigned bad = 0;
    for (uint64_t v = 0; v < 0x100000000ull; v += 0x00F0F0F1ull) {
        m->cpu->gr[3] = (uint32_t)v;
        m->cpu->gr[4] = ~(uint32_t)v;
        if (tm_exec(m, code, 8, 2) != 0 || m->cpu->gr[4] != (uint32_t)v)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    tm_free(m);
}

/* ---- EDMK: GR1 ------------------------------------------------------------ */

static uint32_t edmk(Arch arch, const char *pat, const char *src, uint32_t gr1, int *cc)
{
    Machine *m = tm_new(arch);
    uint8_t b[64];
    unsigned n = hex(pat, b);
    tm_put(m, OP1, b, n);
    tm_put(m, OP2, b, hex(src, b));
    m->cpu->gr[12] = TM_DATA;
    m->cpu->gr[1] = gr1;
    const uint8_t code[6] = { 0xDF, (uint8_t)(n - 1), 0xC1, 0x00, 0xC2, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, code, 6, 1), 0);
    *cc = m->cpu->cc;
    uint32_t r = m->cpu->gr[1];
    tm_free(m);
    return r;
}

static void test_edmk(void)
{
    int cc;
    /* 31-bit mode (tm_new's ESA/390 PSW): bits 1-31, bit 0 set to zero */
    CU_ASSERT_EQUAL(edmk(ARCH_ESA390, "4020206B2021204B202060", "0012345C", 0xFFFFFFFF, &cc),
                    OP1 + 4);
    CU_ASSERT_EQUAL(cc, 2);
    CU_ASSERT_EQUAL(edmk(ARCH_ESA390, "4020206B2021204B202060", "0012345C", 0x00000000, &cc),
                    OP1 + 4);
    /* S/370: bits 8-31, bits 0-7 kept */
    CU_ASSERT_EQUAL(edmk(ARCH_S370, "4020206B2021204B202060", "0012345D", 0xAB000000, &cc),
                    0xAB000000u | (OP1 + 4));
    CU_ASSERT_EQUAL(cc, 1);
    /* significance forced by the starter: GR1 unchanged */
    CU_ASSERT_EQUAL(edmk(ARCH_ESA390, "4021204B20", "005C", 0x12345678, &cc), 0x12345678);
    CU_ASSERT_EQUAL(cc, 2);
    /* zero: no significant digit, GR1 unchanged */
    CU_ASSERT_EQUAL(edmk(ARCH_ESA390, "40202020", "000C", 0x12345678, &cc), 0x12345678);
    CU_ASSERT_EQUAL(cc, 0);
    /* two fields: the last field's first significant digit wins */
    CU_ASSERT_EQUAL(edmk(ARCH_ESA390, "402020222020", "012C3D", 0, &cc), OP1 + 5);
    CU_ASSERT_EQUAL(cc, 1);
}

/* 24-bit mode in ESA/390: GR1 bits 8-31. */
static void test_edmk_24bit(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    uint8_t psw[8] = { 0x00, 0x08, 0, 0, 0, 0, 0, 0 };
    st_be32(psw + 4, TM_CODE);
    psw_load(m->cpu, psw);
    uint8_t b[16];
    tm_put(m, OP1, b, hex("4020206B2021204B202060", b));
    tm_put(m, OP2, b, hex("0012345C", b));
    m->cpu->gr[12] = TM_DATA;
    m->cpu->gr[1] = 0xFFFFFFFF;
    const uint8_t code[6] = { 0xDF, 0x0A, 0xC1, 0x00, 0xC2, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, code, 6, 1), 0);
    CU_ASSERT_EQUAL(m->cpu->gr[1], 0xFF000000u | (OP1 + 4));
    tm_free(m);
}

/* ---- overlapping operands ------------------------------------------------- */

/* Run one SS instruction with explicit displacements from TM_DATA. */
static int run_at(Machine *m, uint8_t op, uint8_t l, unsigned d1, unsigned d2)
{
    resume(m);
    m->cpu->gr[12] = TM_DATA;
    const uint8_t code[6] = { op, l, (uint8_t)(0xC0 | d1 >> 8), (uint8_t)d1,
                              (uint8_t)(0xC0 | d2 >> 8), (uint8_t)d2 };
    return tm_exec(m, code, 6, 1);
}

static bool mem_is(Machine *m, uint32_t addr, const char *hexs)
{
    uint8_t b[64];
    unsigned n = hex(hexs, b);
    bool ok = memcmp(m->mem + addr, b, n) == 0;
    if (!ok) {
        dump("have", m->mem + addr, n);
        dump("want", b, n);
        fprintf(stderr, "\n");
    }
    return ok;
}

static void test_overlap(void)
{
    uint8_t b[32];
    Machine *m = tm_new(ARCH_ESA390);

    /* AP X(4),X+1(3): coincident rightmost bytes: 12345 + 12345 */
    tm_put(m, OP1, b, hex("0012345C", b));
    CU_ASSERT_EQUAL(run_at(m, 0xFA, 0x32, 0x100, 0x101), 0);
    CU_ASSERT(mem_is(m, OP1, "0024690C"));
    CU_ASSERT_EQUAL(m->cpu->cc, 2);

    /* SP X(4),X(4): zero the field, keep a positive sign */
    tm_put(m, OP1, b, hex("0012345D", b));
    CU_ASSERT_EQUAL(run_at(m, 0xFB, 0x33, 0x100, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "0000000C"));
    CU_ASSERT_EQUAL(m->cpu->cc, 0);

    /* ZAP X(8),X(8) */
    tm_put(m, OP1, b, hex("000000000012345F", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF8, 0x77, 0x100, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "000000000012345C"));
    CU_ASSERT_EQUAL(m->cpu->cc, 2);

    /* ZAP X(5),X(3): first operand ends to the right of the second */
    tm_put(m, OP1, b, hex("12345D9999", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF8, 0x42, 0x100, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "000012345D"));
    CU_ASSERT_EQUAL(m->cpu->cc, 1);

    /* MP X(4),X+3(1): coincident rightmost bytes, 5 * 5 */
    tm_put(m, OP1, b, hex("0000005C", b));
    CU_ASSERT_EQUAL(run_at(m, 0xFC, 0x30, 0x100, 0x103), 0);
    CU_ASSERT(mem_is(m, OP1, "0000025C"));

    /* UNPK X(5),X+2(3): each result byte is stored as soon as its source
     * byte is fetched, right to left; the source byte at X+2 has already
     * been overwritten (with F3) when it is fetched. */
    tm_put(m, OP1, b, hex("AAAA12345C", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF3, 0x42, 0x100, 0x102), 0);
    CU_ASSERT(mem_is(m, OP1, "FFF3F3F4C5"));

    /* PACK X(4),X(4): in place */
    tm_put(m, OP1, b, hex("F1F2F3C4", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF2, 0x33, 0x100, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "0001234C"));

    /* PACK X+2(2),X(4): result in the rightmost source bytes */
    tm_put(m, OP1, b, hex("F1F2F3C4", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF2, 0x13, 0x102, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "F1F2234C"));

    /* PACK X(3),X+1(4): the source bytes at X+2 and X+1 have been
     * overwritten (4C, then C3) when they are fetched */
    tm_put(m, OP1, b, hex("AAF1F2F3C4", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF2, 0x23, 0x100, 0x101), 0);
    CU_ASSERT(mem_is(m, OP1, "03C34CF3C4"));

    /* MVO X(3),X(2): shift a packed field left by a digit, in place */
    tm_put(m, OP1, b, hex("12345F", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF1, 0x21, 0x100, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "01234F"));

    /* MVO X+1(3),X(3): the source lags behind the stores */
    tm_put(m, OP1, b, hex("1234567C", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF1, 0x22, 0x101, 0x100), 0);
    CU_ASSERT(mem_is(m, OP1, "1223456C"));

    /* MVO X(3),X+1(3): source bytes X+2 and X+1 are fetched after the
     * result bytes C6 and 67 were stored there */
    tm_put(m, OP1, b, hex("1234567C", b));
    CU_ASSERT_EQUAL(run_at(m, 0xF1, 0x22, 0x100, 0x101), 0);
    CU_ASSERT(mem_is(m, OP1, "7C67C67C"));
    tm_free(m);
}

/* ---- access exceptions leave storage unchanged --------------------------- */

static void test_access(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    uint32_t end = m->memsize;                      /* first invalid address */
    uint8_t b[32];

    /* ZAP storing across the end of storage: nothing is stored */
    memset(m->mem + end - 3, 0xEE, 3);
    tm_put(m, OP2, b, hex("12345C", b));
    m->cpu->gr[5] = end - 3;
    m->cpu->gr[12] = TM_DATA;
    const uint8_t zap[6] = { 0xF8, 0x32, 0x50, 0x00, 0xC2, 0x00 };
    resume(m);
    CU_ASSERT_EQUAL(tm_exec(m, zap, 6, 1), PGM_ADDRESSING);
    CU_ASSERT(mem_is(m, end - 3, "EEEEEE"));

    /* UNPK likewise */
    const uint8_t unpk[6] = { 0xF3, 0x42, 0x50, 0x00, 0xC2, 0x00 };
    resume(m);
    CU_ASSERT_EQUAL(tm_exec(m, unpk, 6, 1), PGM_ADDRESSING);
    CU_ASSERT(mem_is(m, end - 3, "EEEEEE"));

    /* ED with a pattern running off the end */
    tm_put(m, end - 3, b, hex("402020", b));
    const uint8_t ed[6] = { 0xDE, 0x04, 0x50, 0x00, 0xC2, 0x00 };
    resume(m);
    CU_ASSERT_EQUAL(tm_exec(m, ed, 6, 1), PGM_ADDRESSING);
    CU_ASSERT(mem_is(m, end - 3, "402020"));

    /* ED whose source runs off the end: pattern unchanged */
    tm_put(m, OP1, b, hex("4020202020", b));
    tm_put(m, end - 1, b, hex("12", b));
    m->cpu->gr[5] = end - 1;
    const uint8_t ed2[6] = { 0xDE, 0x04, 0xC1, 0x00, 0x50, 0x00 };
    resume(m);
    CU_ASSERT_EQUAL(tm_exec(m, ed2, 6, 1), PGM_ADDRESSING);
    CU_ASSERT(mem_is(m, OP1, "4020202020"));

    /* CVD across the end */
    memset(m->mem + end - 4, 0xEE, 4);
    m->cpu->gr[5] = end - 4;
    const uint8_t cvd[4] = { 0x4E, 0x30, 0x50, 0x00 };
    resume(m);
    CU_ASSERT_EQUAL(tm_exec(m, cvd, 4, 1), PGM_ADDRESSING);
    CU_ASSERT(mem_is(m, end - 4, "EEEEEEEE"));
    tm_free(m);
}

/* Decimal overflow keeps the old PSW pointing past the instruction with
 * CC 3 in it (the operation is completed). */
static void test_overflow_psw(void)
{
    for (int a = 0; a < 2; a++) {
        Machine *m = tm_new(a ? ARCH_S370 : ARCH_ESA390);
        uint8_t b[8];
        tm_put(m, OP1, b, hex("999C", b));
        tm_put(m, OP2, b, hex("1C", b));
        m->cpu->gr[12] = TM_DATA;
        m->cpu->psw.pm = PM_DECIMAL_OVERFLOW;
        const uint8_t code[6] = { 0xFA, 0x10, 0xC1, 0x00, 0xC2, 0x00 };
        CU_ASSERT_EQUAL(tm_exec(m, code, 6, 1), PGM_DECIMAL_OVERFLOW);
        CU_ASSERT(mem_is(m, OP1, "000C"));
        const uint8_t *old = m->mem + PSA_PGM_OLD;
        if (a == 0) {                               /* ESA/390 */
            CU_ASSERT_EQUAL((old[2] >> 4) & 3, 3);
            CU_ASSERT_EQUAL(ld_be32(old + 4) & 0x7FFFFFFF, TM_CODE + 6);
        } else {                                    /* S/370 BC mode */
            CU_ASSERT_EQUAL((old[4] >> 4) & 3, 3);
            CU_ASSERT_EQUAL(ld_be32(old + 4) & 0x00FFFFFF, TM_CODE + 6);
        }
        tm_free(m);
    }
}

/* UNPK then PACK gives the packed field back, for many fields. */
static void test_pack_unpk_roundtrip(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    /* UNPK X'300'(16,12),X'100'(8,12); PACK X'400'(8,12),X'300'(16,12) */
    const uint8_t code[12] = { 0xF3, 0xF7, 0xC3, 0x00, 0xC1, 0x00,
                               0xF2, 0x7F, 0xC4, 0x00, 0xC3, 0x00 };
    m->cpu->gr[12] = TM_DATA;
    unsigned bad = 0;
    uint64_t x = 0x0123456789ABCDEFull;
    for (int i = 0; i < 200; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        uint8_t p[8];
        uint64_t v = x;
        for (int k = 7; k >= 0; k--) {          /* valid digits, sign C or D */
            unsigned lo = k == 7 ? 0xC + (unsigned)(v & 1) : (unsigned)(v % 10);
            v /= 10;
            unsigned hi = (unsigned)(v % 10);
            v /= 10;
            p[k] = (uint8_t)(hi << 4 | lo);
        }
        tm_put(m, OP1, p, 8);
        if (tm_exec(m, code, 12, 2) != 0 || memcmp(m->mem + TM_DATA + 0x400, p, 8) != 0)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    tm_free(m);
}

/* Randomized AP/SP/CP/MP/DP against host arithmetic on 64-bit values. */
static void to_packed(uint8_t *b, unsigned n, int64_t v)
{
    uint64_t mag = v < 0 ? (uint64_t)-v : (uint64_t)v;
    b[n - 1] = (uint8_t)((mag % 10) << 4 | (v < 0 ? 0xD : 0xC));
    mag /= 10;
    for (unsigned i = n - 1; i-- > 0; ) {
        unsigned lo = (unsigned)(mag % 10);
        mag /= 10;
        b[i] = (uint8_t)((mag % 10) << 4 | lo);
        mag /= 10;
    }
}

static void test_random_arith(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    m->cpu->gr[12] = TM_DATA;
    uint64_t x = 42;
    unsigned bad = 0;
    for (int i = 0; i < 2000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int64_t a = (int64_t)((x >> 8) % 1000000000000ull) - 500000000000ll;   /* 12 digits */
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int64_t d = (int64_t)((x >> 8) % 2000000ull) - 1000000ll;               /* 7 digits  */
        uint8_t p1[8], p2[4], want[8];
        int op = i % 4;
        to_packed(p1, 8, a);
        to_packed(p2, 4, d);
        tm_put(m, OP1, p1, 8);
        tm_put(m, OP2, p2, 4);
        static const uint8_t ops[4] = { 0xFA, 0xFB, 0xF9, 0xFD };
        int pgm = run_at(m, ops[op], 0x73, 0x100, 0x200);
        bool ok = true;
        if (op == 0 || op == 1) {
            int64_t r = op == 0 ? a + d : a - d;
            to_packed(want, 8, r);
            ok = pgm == 0 && memcmp(m->mem + OP1, want, 8) == 0 &&
                 m->cpu->cc == (r == 0 ? 0 : r < 0 ? 1 : 2);
        } else if (op == 2) {
            ok = pgm == 0 && m->cpu->cc == (a == d ? 0 : a < d ? 1 : 2);
        } else if (d == 0 || (a < 0 ? -a : a) / (d < 0 ? -d : d) >= 10000000) {
            ok = pgm == PGM_DECIMAL_DIVIDE;
        } else {
            int64_t q = a / d, r = a % d;       /* C truncates toward zero, like DP */
            uint8_t wq[4], wr[4];
            to_packed(wq, 4, q);
            to_packed(wr, 4, r);
            /* signs by the rules even for zero */
            wq[3] = (uint8_t)((wq[3] & 0xF0) | (((a < 0) != (d < 0)) ? 0xD : 0xC));
            wr[3] = (uint8_t)((wr[3] & 0xF0) | (a < 0 ? 0xD : 0xC));
            ok = pgm == 0 && memcmp(m->mem + OP1, wq, 4) == 0 &&
                 memcmp(m->mem + OP1 + 4, wr, 4) == 0;
        }
        if (!ok)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    tm_free(m);
}

void register_decimal_tests(void)
{
    CU_pSuite s = CU_add_suite("decimal", NULL, NULL);
    CU_add_test(s, "SS table (ESA/390)", test_ss_table);
    CU_add_test(s, "SS table (S/370)", test_ss_table_s370);
    CU_add_test(s, "SRP", test_srp);
    CU_add_test(s, "data-exception code", test_dxc);
    CU_add_test(s, "CVB", test_cvb);
    CU_add_test(s, "CVD", test_cvd);
    CU_add_test(s, "CVD/CVB round trip", test_cvd_cvb_roundtrip);
    CU_add_test(s, "EDMK GR1", test_edmk);
    CU_add_test(s, "EDMK GR1 24-bit", test_edmk_24bit);
    CU_add_test(s, "overlapping operands", test_overlap);
    CU_add_test(s, "access exceptions", test_access);
    CU_add_test(s, "decimal overflow old PSW", test_overflow_psw);
    CU_add_test(s, "UNPK/PACK round trip", test_pack_unpk_roundtrip);
    CU_add_test(s, "random AP/SP/CP/DP", test_random_arith);
}
