/* DIFF-HERCULES: */
/*
 * decimal.c — guest test of the decimal instructions as a compiler-built
 * program uses them: AP, SP, ZAP, CP, MP, DP, SRP, PACK, UNPK, MVO, ED,
 * EDMK, CVB and CVD, each run on fields in storage and compared with the
 * bytes the Principles of Operation gives (ESA/390 PoO SA22-7201 ch. 8;
 * several are the examples of S/370 PoO GA22-7000 Appendix A).
 *
 * main() returns 0, or the number of the first check that failed.  An
 * unexpected program interruption ends in crt0's disabled wait X'0DE000xx'
 * (xx = interruption code), which fails the run as well.
 * EXIT: 0
 */
#include "guest/libc.h"

/* Run an SS instruction "OP 0(L1,x),0(L2,y)" and return the CC. */
#define SS2(insn, l1, l2, x, y) ({                                          \
    int cc_;                                                                \
    __asm__ volatile(insn " 0(" #l1 ",%[a]),0(" #l2 ",%[b])\n\t"            \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [cc] "=&d"(cc_)                                      \
                     : [a] "a"(x), [b] "a"(y)                               \
                     : "memory", "cc");                                     \
    cc_; })

/* ED / EDMK "OP 0(L,x),0(y)", GR1 in and out; returns the CC. */
#define EDIT(insn, l, x, y, gr1) ({                                         \
    int cc_;                                                                \
    register unsigned long r1_ __asm__("1") = (gr1);                        \
    __asm__ volatile(insn " 0(" #l ",%[a]),0(%[b])\n\t"                     \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [cc] "=&d"(cc_), "+d"(r1_)                           \
                     : [a] "a"(x), [b] "a"(y)                               \
                     : "memory", "cc");                                     \
    (gr1) = r1_;                                                            \
    cc_; })

static uint8_t f1[32], f2[32];

static void set(uint8_t *dst, const uint8_t *src, unsigned n)
{
    memcpy(dst, src, n);
}

static int same(const uint8_t *a, const uint8_t *b, unsigned n)
{
    return memcmp(a, b, n) == 0;
}

int main(void)
{
    int cc;

    /* 1-2: AP */
    set(f1, (const uint8_t[]){ 0x00, 0x12, 0x34, 0x5C }, 4);
    set(f2, (const uint8_t[]){ 0x54, 0x32, 0x1C }, 3);
    cc = SS2("ap", 4, 3, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x00, 0x66, 0x66, 0x6C }, 4))
        return 1;
    if (cc != 2)
        return 2;

    /* 3-4: SP, negative result */
    set(f1, (const uint8_t[]){ 0x00, 0x12, 0x34, 0x5C }, 4);
    cc = SS2("sp", 4, 3, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x00, 0x41, 0x97, 0x6D }, 4))
        return 3;
    if (cc != 1)
        return 4;

    /* 5-6: AP overflow (program mask off): truncated, sign kept, CC 3 */
    set(f1, (const uint8_t[]){ 0x99, 0x9D }, 2);
    set(f2, (const uint8_t[]){ 0x1D }, 1);
    cc = SS2("ap", 2, 1, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x00, 0x0D }, 2))
        return 5;
    if (cc != 3)
        return 6;

    /* 7-8: ZAP with F sign into a longer field */
    set(f2, (const uint8_t[]){ 0x12, 0x34, 0x5F }, 3);
    memset(f1, 0xFF, 5);
    cc = SS2("zap", 5, 3, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x00, 0x00, 0x12, 0x34, 0x5C }, 5))
        return 7;
    if (cc != 2)
        return 8;

    /* 9-10: CP, +0 equals -0; lower */
    set(f1, (const uint8_t[]){ 0x00, 0x0C }, 2);
    set(f2, (const uint8_t[]){ 0x0D }, 1);
    if (SS2("cp", 2, 1, f1, f2) != 0)
        return 9;
    set(f1, (const uint8_t[]){ 0x12, 0x4D }, 2);
    set(f2, (const uint8_t[]){ 0x12, 0x3D }, 2);
    if (SS2("cp", 2, 2, f1, f2) != 1)
        return 10;

    /* 11: MP, 12 x -3 */
    set(f1, (const uint8_t[]){ 0x00, 0x00, 0x01, 0x2C }, 4);
    set(f2, (const uint8_t[]){ 0x3D }, 1);
    SS2("mp", 4, 1, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x00, 0x00, 0x03, 0x6D }, 4))
        return 11;

    /* 12: DP (PoO example): 12345678 / -321 = -38460 remainder 18 */
    set(f1, (const uint8_t[]){ 0x01, 0x23, 0x45, 0x67, 0x8C }, 5);
    set(f2, (const uint8_t[]){ 0x32, 0x1D }, 2);
    SS2("dp", 5, 2, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x38, 0x46, 0x0D, 0x01, 0x8C }, 5))
        return 12;

    /* 13-14: SRP right 3 with rounding 5 (PoO example) */
    set(f1, (const uint8_t[]){ 0x12, 0x39, 0x60, 0x0C }, 4);
    __asm__ volatile("srp 0(4,%[a]),61,5\n\tipm %[cc]\n\tsrl %[cc],28"
                     : [cc] "=&d"(cc) : [a] "a"(f1) : "memory", "cc");
    if (!same(f1, (const uint8_t[]){ 0x00, 0x01, 0x24, 0x0C }, 4))
        return 13;
    if (cc != 2)
        return 14;

    /* 15: PACK */
    set(f2, (const uint8_t[]){ 0xF1, 0xF2, 0xF3, 0xF4, 0xC5 }, 5);
    memset(f1, 0xFF, 4);
    SS2("pack", 4, 5, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x00, 0x12, 0x34, 0x5C }, 4))
        return 15;

    /* 16: UNPK */
    set(f2, (const uint8_t[]){ 0x12, 0x34, 0x5C }, 3);
    memset(f1, 0, 8);
    SS2("unpk", 8, 3, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0xF0, 0xF0, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xC5 }, 8))
        return 16;

    /* 17: MVO (PoO example) */
    set(f1, (const uint8_t[]){ 0x77, 0x88, 0x99, 0x0C }, 4);
    set(f2, (const uint8_t[]){ 0x12, 0x34, 0x56 }, 3);
    SS2("mvo", 4, 3, f1, f2);
    if (!same(f1, (const uint8_t[]){ 0x01, 0x23, 0x45, 0x6C }, 4))
        return 17;

    /* 18-19: ED, positive: "    123.45 " */
    static const uint8_t pat[11] = { 0x40, 0x20, 0x20, 0x6B, 0x20, 0x21,
                                     0x20, 0x4B, 0x20, 0x20, 0x60 };
    unsigned long gr1 = 0;
    set(f1, pat, 11);
    set(f2, (const uint8_t[]){ 0x00, 0x12, 0x34, 0x5C }, 4);
    cc = EDIT("ed", 11, f1, f2, gr1);
    if (!same(f1, (const uint8_t[]){ 0x40, 0x40, 0x40, 0x40, 0xF1, 0xF2,
                                     0xF3, 0x4B, 0xF4, 0xF5, 0x40 }, 11))
        return 18;
    if (cc != 2)
        return 19;

    /* 20-22: EDMK, negative: "    123.45-", GR1 -> the "1" */
    set(f1, pat, 11);
    set(f2, (const uint8_t[]){ 0x00, 0x12, 0x34, 0x5D }, 4);
    gr1 = 0;
    cc = EDIT("edmk", 11, f1, f2, gr1);
    if (!same(f1, (const uint8_t[]){ 0x40, 0x40, 0x40, 0x40, 0xF1, 0xF2,
                                     0xF3, 0x4B, 0xF4, 0xF5, 0x60 }, 11))
        return 20;
    if (cc != 1)
        return 21;
    if (gr1 != (unsigned long)(f1 + 4))
        return 22;

    /* 23-24: CVB, max and min */
    static uint8_t dw[8] __attribute__((aligned(8)));
    int32_t r;
    set(dw, (const uint8_t[]){ 0x00, 0x00, 0x02, 0x14, 0x74, 0x83, 0x64, 0x7C }, 8);
    __asm__ volatile("cvb %0,0(%1)" : "=d"(r) : "a"(dw) : "memory");
    if (r != 2147483647)
        return 23;
    dw[7] = 0x8D;                                   /* -2147483648 */
    __asm__ volatile("cvb %0,0(%1)" : "=d"(r) : "a"(dw) : "memory");
    if (r != (int32_t)0x80000000)
        return 24;

    /* 25-26: CVD of -1 and of the most negative number */
    r = -1;
    __asm__ volatile("cvd %0,0(%1)" : : "d"(r), "a"(dw) : "memory");
    if (!same(dw, (const uint8_t[]){ 0, 0, 0, 0, 0, 0, 0, 0x1D }, 8))
        return 25;
    r = (int32_t)0x80000000;
    __asm__ volatile("cvd %0,0(%1)" : : "d"(r), "a"(dw) : "memory");
    if (!same(dw, (const uint8_t[]){ 0x00, 0x00, 0x02, 0x14, 0x74, 0x83, 0x64, 0x8D }, 8))
        return 26;

    /* 27: CVD then UNPK and OI of the sign zone, the way compilers print */
    r = 4711;
    __asm__ volatile("cvd %0,0(%1)" : : "d"(r), "a"(dw) : "memory");
    SS2("unpk", 6, 8, f1, dw);
    f1[5] |= 0xF0;
    if (!same(f1, (const uint8_t[]){ 0xF0, 0xF0, 0xF4, 0xF7, 0xF1, 0xF1 }, 6))
        return 27;

    return 0;
}
