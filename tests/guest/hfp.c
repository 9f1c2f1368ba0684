/* DIFF-HERCULES: */
/*
 * hfp.c — guest test of the hexadecimal-floating-point instructions:
 * short, long and extended arithmetic run on the emulated machine and
 * compared with bit patterns worked from the Principles of Operation
 * (ESA/390 PoO SA22-7201 ch. 18).  The guard digit, truncation, the
 * rounding of LOAD ROUNDED, the low-order part of extended results and
 * the exceptions (with a program-interruption handler that resumes after
 * the instruction) are all checked.
 *
 * main() returns 0, or the number of the first check that failed.  An
 * unexpected program interruption ends in crt0's disabled wait X'0DE000xx'
 * (xx = interruption code), which fails the run as well.
 * EXIT: 0
 */
#include "guest/libc.h"

typedef unsigned long long u64;
typedef unsigned int u32;

/* ---- one instruction, operands through storage ---------------------------- */

/* f0 <- a (short); insn f0,b (RX); result short; returns the CC */
#define SHORT_RX(insn, a, b, r) ({                                          \
    int cc_;                                                                \
    u32 a_ = (a), b_ = (b);                                                 \
    __asm__ volatile("le %%f0,%[x]\n\t"                                     \
                     insn " %%f0,%[y]\n\t"                                  \
                     "ste %%f0,%[z]\n\t"                                    \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [z] "=R"(r), [cc] "=&d"(cc_)                         \
                     : [x] "R"(a_), [y] "R"(b_)                             \
                     : "f0", "cc");                                         \
    cc_; })

/* f0 <- a (short); f4 <- b (short); insn f0,f4; store f0 as short */
#define SHORT_RR(insn, a, b, r) ({                                          \
    int cc_;                                                                \
    u32 a_ = (a), b_ = (b);                                                 \
    __asm__ volatile("le %%f0,%[x]\n\t"                                     \
                     "le %%f4,%[y]\n\t"                                     \
                     insn " %%f0,%%f4\n\t"                                  \
                     "ste %%f0,%[z]\n\t"                                    \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [z] "=R"(r), [cc] "=&d"(cc_)                         \
                     : [x] "R"(a_), [y] "R"(b_)                             \
                     : "f0", "f4", "cc");                                   \
    cc_; })

/* long forms, the same way */
#define LONG_RX(insn, a, b, r) ({                                           \
    int cc_;                                                                \
    u64 a_ = (a), b_ = (b);                                                 \
    __asm__ volatile("ld %%f0,%[x]\n\t"                                     \
                     insn " %%f0,%[y]\n\t"                                  \
                     "std %%f0,%[z]\n\t"                                    \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [z] "=R"(r), [cc] "=&d"(cc_)                         \
                     : [x] "R"(a_), [y] "R"(b_)                             \
                     : "f0", "cc");                                         \
    cc_; })

#define LONG_RR(insn, a, b, r) ({                                           \
    int cc_;                                                                \
    u64 a_ = (a), b_ = (b);                                                 \
    __asm__ volatile("ld %%f0,%[x]\n\t"                                     \
                     "ld %%f4,%[y]\n\t"                                     \
                     insn " %%f0,%%f4\n\t"                                  \
                     "std %%f0,%[z]\n\t"                                    \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [z] "=R"(r), [cc] "=&d"(cc_)                         \
                     : [x] "R"(a_), [y] "R"(b_)                             \
                     : "f0", "f4", "cc");                                   \
    cc_; })

/* extended: pair 0/2 <- a, pair 4/6 <- b; insn f0,f4; r <- pair 0/2 */

#define EXT_RR(name, insn)                                                  \
static int name(const u64 *a, const u64 *b, u64 *r)                         \
{                                                                           \
    int cc_;                                                                \
    __asm__ volatile("ld %%f0,0(%[x])\n\t"                                  \
                     "ld %%f2,8(%[x])\n\t"                                  \
                     "ld %%f4,0(%[y])\n\t"                                  \
                     "ld %%f6,8(%[y])\n\t"                                  \
                     insn " %%f0,%%f4\n\t"                                  \
                     "std %%f0,0(%[z])\n\t"                                 \
                     "std %%f2,8(%[z])\n\t"                                 \
                     "ipm %[cc]\n\t"                                        \
                     "srl %[cc],28"                                         \
                     : [cc] "=&d"(cc_)                                      \
                     : [x] "a"(a), [y] "a"(b), [z] "a"(r)                   \
                     : "f0", "f2", "f4", "f6", "cc", "memory");             \
    return cc_;                                                             \
}
EXT_RR(ext_rr_axr, "axr")
EXT_RR(ext_rr_sxr, "sxr")
EXT_RR(ext_rr_mxr, "mxr")
EXT_RR(ext_rr_dxr, "dxr")
EXT_RR(ext_rr_cxr, "cxr")
EXT_RR(ext_rr_lcxr, "lcxr")
EXT_RR(ext_rr_fixr, "fixr")

/* f0 <- a (long); insn f0,b (long, RX or RR via f4); r <- pair 0/2 */
static void mxd(u64 a, u64 b, u64 *r)
{
    __asm__ volatile("ld %%f0,%[x]\n\t"
                     "mxd %%f0,%[y]\n\t"
                     "std %%f0,0(%[z])\n\t"
                     "std %%f2,8(%[z])"
                     :
                     : [x] "R"(a), [y] "R"(b), [z] "a"(r)
                     : "f0", "f2", "memory");
}

static void mxdr(u64 a, u64 b, u64 *r)
{
    __asm__ volatile("ld %%f0,%[x]\n\t"
                     "ld %%f4,%[y]\n\t"
                     "mxdr %%f0,%%f4\n\t"
                     "std %%f0,0(%[z])\n\t"
                     "std %%f2,8(%[z])"
                     :
                     : [x] "R"(a), [y] "R"(b), [z] "a"(r)
                     : "f0", "f2", "f4", "memory");
}

/* pair 4/6 <- a; insn f0,f4 with a long (LDXR) or short (LEXR) result */
static u64 ldxr(const u64 *a)
{
    u64 r;
    __asm__ volatile("ld %%f4,0(%[x])\n\t"
                     "ld %%f6,8(%[x])\n\t"
                     "ldxr %%f0,%%f4\n\t"
                     "std %%f0,%[z]"
                     : [z] "=R"(r)
                     : [x] "a"(a)
                     : "f0", "f4", "f6", "memory");
    return r;
}

static u32 lexr(const u64 *a)
{
    u32 r;
    __asm__ volatile("ld %%f4,0(%[x])\n\t"
                     "ld %%f6,8(%[x])\n\t"
                     "lexr %%f0,%%f4\n\t"
                     "ste %%f0,%[z]"
                     : [z] "=R"(r)
                     : [x] "a"(a)
                     : "f0", "f4", "f6", "memory");
    return r;
}

/* short x short -> long (MDE, RX) */
static u64 mde(u32 a, u32 b)
{
    u64 r;
    __asm__ volatile("le %%f0,%[x]\n\t"
                     "mde %%f0,%[y]\n\t"
                     "std %%f0,%[z]"
                     : [z] "=R"(r)
                     : [x] "R"(a), [y] "R"(b)
                     : "f0");
    return r;
}

/* A short result must leave the rightmost half of the register alone. */
static u64 ler_keeps_low(u64 reg, u32 src)
{
    u64 r;
    __asm__ volatile("ld %%f0,%[x]\n\t"
                     "le %%f4,%[y]\n\t"
                     "ler %%f0,%%f4\n\t"
                     "aer %%f0,%%f4\n\t"
                     "std %%f0,%[z]"
                     : [z] "=R"(r)
                     : [x] "R"(reg), [y] "R"(src)
                     : "f0", "f4");
    return r;
}

/* ---- exceptions ------------------------------------------------------------ */

/* Low storage, reached without a null pointer the compiler could see. */
static volatile uint8_t *psa(void)
{
    uintptr_t p = 0;
    __asm__("" : "+r"(p));
    return (volatile uint8_t *)p;
}

/* The handler resumes the interrupted program: LPSW X'28' (the old PSW
 * points after the instruction for these exceptions). */
static const uint8_t resume[4] __attribute__((aligned(4))) = { 0x82, 0x00, 0x00, 0x28 };
static uint8_t saved_pgm_new[8];

static void catch_begin(unsigned pm)
{
    volatile uint8_t *p = psa();
    for (int i = 0; i < 8; i++)
        saved_pgm_new[i] = p[0x68 + i];
    uint32_t a = (uint32_t)(uintptr_t)resume | 0x80000000u;
    const uint8_t newpsw[8] = { 0x00, 0x08, 0x00, 0x00,
                                (uint8_t)(a >> 24), (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a };
    for (int i = 0; i < 8; i++)
        p[0x68 + i] = newpsw[i];
    unsigned v = pm << 24;
    __asm__ volatile("spm %0" : : "d"(v) : "cc");
}

/* Clear the interruption code before the instruction under test. */
static void catch_arm(void)
{
    volatile uint8_t *p = psa();
    p[0x8E] = 0;
    p[0x8F] = 0;
}

static unsigned catch_code(void)
{
    volatile uint8_t *p = psa();
    return (unsigned)p[0x8E] << 8 | p[0x8F];
}

static void catch_end(void)
{
    volatile uint8_t *p = psa();
    unsigned v = 0;
    __asm__ volatile("spm %0" : : "d"(v) : "cc");
    for (int i = 0; i < 8; i++)
        p[0x68 + i] = saved_pgm_new[i];
}

/* ---- the checks ------------------------------------------------------------- */

#define CHECK(cond) do { n++; if (!(cond)) return n; } while (0)

static int short_checks(void)
{
    int n = 0, cc;
    u32 r;

    cc = SHORT_RX("ae", 0x41100000, 0x41100000, r);       /* 1 + 1 */
    CHECK(r == 0x41200000 && cc == 2);                    /* 1 */
    cc = SHORT_RX("se", 0x41100000, 0x40FFFFFF, r);       /* guard digit */
    CHECK(r == 0x3B100000 && cc == 2);
    cc = SHORT_RX("se", 0x41100000, 0x3FFFFFFF, r);       /* beyond it */
    CHECK(r == 0x40F00001 && cc == 2);
    cc = SHORT_RR("ser", 0x41100000, 0x41200000, r);
    CHECK(r == 0xC1100000 && cc == 1);
    cc = SHORT_RR("aer", 0x41100000, 0xC1100000, r);      /* significance, masked */
    CHECK(r == 0 && cc == 0);
    cc = SHORT_RR("ser", 0x00100000, 0x000FFFFF, r);      /* underflow, masked */
    CHECK(r == 0 && cc == 0);
    cc = SHORT_RX("au", 0x41100000, 0x3F100000, r);
    CHECK(r == 0x41101000 && cc == 2);
    cc = SHORT_RR("sur", 0x41100001, 0x41100000, r);      /* stays unnormalized */
    CHECK(r == 0x41000001 && cc == 2);
    cc = SHORT_RX("ce", 0x41100000, 0x42010000, r);       /* unnormalized 1.0 */
    CHECK(cc == 0);
    cc = SHORT_RR("cer", 0x41000000, 0x40000001, r);      /* guard digit decides */
    CHECK(cc == 1);                                       /* 10 */
    cc = SHORT_RX("de", 0x41100000, 0x41300000, r);       /* 1/3 truncated */
    CHECK(r == 0x40555555);
    SHORT_RR("der", 0x41300000, 0x41200000, r);
    CHECK(r == 0x41180000);
    SHORT_RX("mee", 0x4019999A, 0x41A00000, r);
    CHECK(r == 0x41100000);
    CHECK(mde(0x41200000, 0x41300000) == 0x4160000000000000ull);
    CHECK(mde(0x4019999A, 0x41A00000) == 0x4110000040000000ull);
    SHORT_RR("her", 0, 0x41100000, r);
    CHECK(r == 0x40800000);
    SHORT_RR("sqer", 0, 0x41200000, r);
    CHECK(r == 0x4116A09E);
    SHORT_RX("sqe", 0, 0x41900000, r);
    CHECK(r == 0x41300000);
    cc = SHORT_RR("lcer", 0, 0x00000000, r);
    CHECK(r == 0x80000000 && cc == 0);
    cc = SHORT_RR("lper", 0, 0xC1100000, r);
    CHECK(r == 0x41100000 && cc == 2);                    /* 20 */
    cc = SHORT_RR("lner", 0, 0x41100000, r);
    CHECK(r == 0xC1100000 && cc == 1);
    cc = SHORT_RR("lter", 0, 0x40000001, r);
    CHECK(r == 0x40000001 && cc == 2);
    SHORT_RR("fier", 0, 0xC1180000, r);
    CHECK(r == 0xC1100000);
    CHECK(ler_keeps_low(0x1234567876543210ull, 0x41100000) == 0x4120000076543210ull);
    return 0;
}

static int long_checks(void)
{
    int n = 100, cc;
    u64 r;

    cc = LONG_RX("ad", 0x401999999999999Aull, 0x401999999999999Aull, r);
    CHECK(r == 0x4033333333333334ull && cc == 2);         /* 101 */
    cc = LONG_RX("ad", 0x4110000000000000ull, 0x401999999999999Aull, r);
    CHECK(r == 0x4111999999999999ull && cc == 2);
    cc = LONG_RR("sdr", 0x4110000000000000ull, 0x40FFFFFFFFFFFFFFull, r);
    CHECK(r == 0x3310000000000000ull && cc == 2);
    LONG_RX("md", 0x401999999999999Aull, 0x41A0000000000000ull, r);
    CHECK(r == 0x4110000000000000ull);
    LONG_RR("mdr", 0x4019999999999999ull, 0x41A0000000000000ull, r);
    CHECK(r == 0x40FFFFFFFFFFFFFAull);
    LONG_RX("dd", 0x4110000000000000ull, 0x41A0000000000000ull, r);
    CHECK(r == 0x4019999999999999ull);
    LONG_RR("ddr", 0x4110000000000000ull, 0x4130000000000000ull, r);
    CHECK(r == 0x4055555555555555ull);
    cc = LONG_RR("cdr", 0x4110000000000000ull, 0x4110000000000001ull, r);
    CHECK(cc == 1);
    cc = LONG_RX("cd", 0x4110000000000000ull, 0x4201000000000000ull, r);
    CHECK(cc == 0);
    LONG_RR("sqdr", 0, 0x4120000000000000ull, r);
    CHECK(r == 0x4116A09E667F3BCDull);                    /* 110 */
    LONG_RR("sqdr", 0, 0x4140000000000000ull, r);
    CHECK(r == 0x4120000000000000ull);
    LONG_RX("sqd", 0, 0x4119000000000000ull, r);
    CHECK(r == 0x4114000000000000ull);
    cc = LONG_RX("aw", 0x4110000000000000ull, 0x3F10000000000000ull, r);
    CHECK(r == 0x4110100000000000ull && cc == 2);
    cc = LONG_RR("swr", 0x4110000000000001ull, 0x4110000000000000ull, r);
    CHECK(r == 0x4100000000000001ull && cc == 2);
    LONG_RR("hdr", 0, 0x4110000000000001ull, r);
    CHECK(r == 0x4080000000000008ull);
    cc = LONG_RR("lcdr", 0, 0xC110000000000001ull, r);
    CHECK(r == 0x4110000000000001ull && cc == 2);
    cc = LONG_RR("ltdr", 0, 0x4500000000000000ull, r);
    CHECK(r == 0x4500000000000000ull && cc == 0);
    LONG_RR("fidr", 0, 0x4419999999999999ull, r);
    CHECK(r == 0x4419990000000000ull);
    {
        u32 s;
        u64 a = 0x401999999999999Aull;
        __asm__ volatile("ld %%f4,%[x]\n\tledr %%f0,%%f4\n\tste %%f0,%[z]"
                         : [z] "=R"(s) : [x] "R"(a) : "f0", "f4");
        CHECK(s == 0x4019999A);                           /* LEDR rounds */
        a = 0xC1FFFFFF80000000ull;
        __asm__ volatile("ld %%f4,%[x]\n\tledr %%f0,%%f4\n\tste %%f0,%[z]"
                         : [z] "=R"(s) : [x] "R"(a) : "f0", "f4");
        CHECK(s == 0xC2100000);                           /* 120: carry */
    }
    return 0;
}

static int ext_checks(void)
{
    int n = 200, cc;
    u64 r[2];
    static const u64 one[2] = { 0x4110000000000000ull, 0x3300000000000000ull };
    static const u64 ulp14[2] = { 0x3310000000000000ull, 0x2500000000000000ull };
    static const u64 almost1[2] = { 0x40FFFFFFFFFFFFFFull, 0x32FFFFFFFFFFFFFFull };
    static const u64 big[2] = { 0x41FFFFFFFFFFFFFFull, 0x33FFFFFFFFFFFFFFull };
    static const u64 three[2] = { 0x4130000000000000ull, 0 };
    static const u64 oneplus[2] = { 0x4110000000000000ull, 0xB300000000000001ull };
    static const u64 rnd[2] = { 0x41FFFFFFFFFFFFFFull, 0x3380000000000000ull };
    static const u64 shortrnd[2] = { 0x4112345680000000ull, 0x3300000000000000ull };
    static const u64 twoplus[2] = { 0x4120000000000000ull, 0x3300000000000001ull };
    static const u64 half[2] = { 0x4080000000000000ull, 0x3200000000000000ull };
    static const u64 integer[2] = { 0x4F12345678901234ull, 0x4156789ABCDEF012ull };

    cc = ext_rr_axr(one, one, r);
    CHECK(r[0] == 0x4120000000000000ull && r[1] == 0x3300000000000000ull && cc == 2); /* 201 */
    cc = ext_rr_axr(one, ulp14, r);
    CHECK(r[0] == 0x4110000000000000ull && r[1] == 0x3310000000000000ull && cc == 2);
    cc = ext_rr_sxr(one, almost1, r);
    CHECK(r[0] == 0x2510000000000000ull && r[1] == 0x1700000000000000ull && cc == 2);
    cc = ext_rr_sxr(one, one, r);
    CHECK(r[0] == 0 && r[1] == 0 && cc == 0);
    ext_rr_mxr(big, big, r);
    CHECK(r[0] == 0x42FFFFFFFFFFFFFFull && r[1] == 0x34FFFFFFFFFFFFFEull);
    ext_rr_mxr(twoplus, half, r);                         /* truncated */
    CHECK(r[0] == 0x4110000000000000ull && r[1] == 0x3300000000000000ull);
    ext_rr_dxr(one, three, r);
    CHECK(r[0] == 0x4055555555555555ull && r[1] == 0x3255555555555555ull);
    cc = ext_rr_cxr(one, oneplus, r);
    CHECK(cc == 1);
    cc = ext_rr_cxr(oneplus, oneplus, r);
    CHECK(cc == 0);
    cc = ext_rr_lcxr(r, oneplus, r);
    CHECK(r[0] == 0xC110000000000000ull && r[1] == 0xB300000000000001ull && cc == 1);
    ext_rr_fixr(r, integer, r);
    CHECK(r[0] == 0x4F12345678901234ull && r[1] == 0x4150000000000000ull);    /* 211 */
    mxd(0x401999999999999Aull, 0x41A0000000000000ull, r);
    CHECK(r[0] == 0x4110000000000000ull && r[1] == 0x3340000000000000ull);
    mxdr(0x41FFFFFFFFFFFFFFull, 0x41FFFFFFFFFFFFFFull, r);
    CHECK(r[0] == 0x42FFFFFFFFFFFFFEull && r[1] == 0x3400000000000001ull);
    CHECK(ldxr(rnd) == 0x4210000000000000ull);
    CHECK(ldxr(oneplus) == 0x4110000000000000ull);
    CHECK(lexr(shortrnd) == 0x41123457);
    return 0;
}

static int exception_checks(void)
{
    int n = 300, cc;
    u32 r;
    u64 d;

    catch_begin(0x3);                       /* exponent underflow, significance */
    catch_arm();
    cc = SHORT_RR("ser", 0x00100000, 0x000FFFFF, r);
    CHECK(catch_code() == 0x0D && r == 0x7B100000 && cc == 2);       /* 301 */
    catch_arm();
    cc = SHORT_RR("aer", 0x41100000, 0xC1100000, r);
    CHECK(catch_code() == 0x0E && r == 0x41000000 && cc == 0);
    catch_arm();
    cc = SHORT_RR("aer", 0x7FF00000, 0x7FF00000, r);
    CHECK(catch_code() == 0x0C && r == 0x001E0000 && cc == 2);
    catch_arm();
    SHORT_RR("der", 0x41100000, 0x41000000, r);
    CHECK(catch_code() == 0x0F && r == 0x41100000);                  /* suppressed */
    catch_arm();
    LONG_RR("sqdr", 0x4110000000000000ull, 0xC110000000000000ull, d);
    CHECK(catch_code() == 0x1D && d == 0x4110000000000000ull);
    catch_arm();
    LONG_RR("mdr", 0x2010000000000000ull, 0xA010000000000000ull, d);
    CHECK(catch_code() == 0x0D && d == 0xFF10000000000000ull);
    catch_arm();
    LONG_RR("hdr", 0, 0x0010000000000000ull, d);
    CHECK(catch_code() == 0x0D && d == 0x7F80000000000000ull);
    catch_arm();
    {
        u64 a = 0x7FFFFFFF80000000ull;
        __asm__ volatile("ld %%f4,%[x]\n\tledr %%f0,%%f4\n\tste %%f0,%[z]"
                         : [z] "=R"(r) : [x] "R"(a) : "f0", "f4");
    }
    CHECK(catch_code() == 0x0C && r == 0x00100000);
    catch_arm();
    cc = SHORT_RR("ser", 0x41100000, 0x41100000, r);
    CHECK(catch_code() == 0x0E && r == 0x41000000 && cc == 0);
    catch_arm();
    cc = SHORT_RR("aer", 0x41100000, 0x41100000, r);
    CHECK(catch_code() == 0 && r == 0x41200000 && cc == 2);          /* 310: none */
    catch_end();
    return 0;
}

int main(void)
{
    int rc;
    if ((rc = short_checks()) != 0)
        return rc;
    if ((rc = long_checks()) != 0)
        return rc;
    if ((rc = ext_checks()) != 0)
        return rc;
    return exception_checks();
}
