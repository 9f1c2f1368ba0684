/*
 * test_string.c — CLST MVST SRST CUSE CKSM (cpu370/insn_string.c).
 *
 * The CPU-determined amount after which these give condition code 3 is
 * not architected, so rows that need several units loop on CC 3 the way a
 * program does, and check only what the manual promises for each unit.
 * CKSM is checked against a checksum computed differently here: a 64-bit
 * sum of the words folded at the end (ones'-complement addition is
 * associative, so folding once at the end equals the end-around carry at
 * every step).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/testutil.h"

/* Report the row of a failing check (cond evaluated once). */
#define CHECK(row, cond)                                                      \
    do {                                                                      \
        bool ok_ = (cond);                                                    \
        if (!ok_)                                                             \
            fprintf(stderr, "\n  %s row %d: %s", __func__, (int)(row), #cond); \
        CU_ASSERT(ok_);                                                       \
    } while (0)

static void enc_rre(uint8_t *b, uint8_t ext, unsigned r1, unsigned r2)
{
    b[0] = 0xB2;
    b[1] = ext;
    b[2] = 0;
    b[3] = (uint8_t)(r1 << 4 | r2);
}

enum { OP_CKSM = 0x41, OP_MVST = 0x55, OP_CUSE = 0x57, OP_CLST = 0x5D, OP_SRST = 0x5E };

/* Run the RRE instruction until its CC is not 3 (at most `max` times);
 * returns the program-interruption code, *units the executions. */
static int run_until_done(Machine *m, uint8_t ext, unsigned r1, unsigned r2,
                          unsigned max, unsigned *units)
{
    uint8_t code[4];
    enc_rre(code, ext, r1, r2);
    unsigned n = 0;
    int pgm;
    do {
        pgm = tm_exec(m, code, 4, 1);
        n++;
    } while (!pgm && m->cpu->cc == 3 && n < max);
    if (units)
        *units = n;
    return pgm;
}

static void set_amode24(Machine *m)
{
    m->cpu->psw.amode31 = false;
    cpu_state_changed(m->cpu);
}

/* ---- CLST ----------------------------------------------------------------- */

static const struct {
    const char *a, *b;       /* compared up to and including `end`           */
    uint8_t end;
    unsigned cc;
    unsigned at;             /* cc 1/2: offset of the deciding bytes           */
} clst_rows[] = {
    { "abc",   "abc",   0,   0, 0 },
    { "",      "",      0,   0, 0 },
    { "ab",    "abc",   0,   1, 2 },      /* operand 1 ends first: low   */
    { "abc",   "ab",    0,   2, 2 },
    { "abb",   "abc",   0,   1, 2 },
    { "abd",   "abc",   0,   2, 2 },
    { "\x01",  "\xFE",  0,   1, 0 },      /* unsigned                    */
    { "ab$",   "ab$",   '$', 0, 0 },
    { "ab$x",  "abc$",  '$', 1, 2 },
    { "abc$",  "ab$",   '$', 2, 2 },
    { "a\0b$", "a\0c$", '$', 1, 2 },      /* X'00' is an ordinary byte  */
    { "ab$",   "ab\x01$", '$', 1, 2 },    /* the end ranks first, not by value */
    { "ab\x01$", "ab$",   '$', 2, 2 },
};

static void test_clst(void)
{
    for (unsigned r = 0; r < sizeof clst_rows / sizeof clst_rows[0]; r++) {
        for (int cross = 0; cross < 2; cross++) {
            Machine *m = tm_new(ARCH_ESA390);
            Cpu *c = m->cpu;
            uint32_t a1 = cross ? 0x27FF : 0x3000, a2 = cross ? 0x2FFE : 0x4000;
            const char *sa = clst_rows[r].a, *sb = clst_rows[r].b;
            uint8_t end = clst_rows[r].end;
            unsigned la = 0, lb = 0;
            while ((uint8_t)sa[la] != end) la++;
            while ((uint8_t)sb[lb] != end) lb++;
            tm_put(m, a1, sa, la + 1);
            tm_put(m, a2, sb, lb + 1);
            c->gr[0] = end;
            c->gr[4] = a1 | 0x80000000u;
            c->gr[6] = a2;
            CHECK(r, run_until_done(m, OP_CLST, 4, 6, 10, NULL) == 0);
            CHECK(r, c->cc == clst_rows[r].cc);
            if (clst_rows[r].cc == 0) {          /* registers unchanged */
                CHECK(r, c->gr[4] == (a1 | 0x80000000u));
                CHECK(r, c->gr[6] == a2);
            } else {
                CHECK(r, c->gr[4] == a1 + clst_rows[r].at);
                CHECK(r, c->gr[6] == a2 + clst_rows[r].at);
            }
            tm_free(m);
        }
    }
}

/* Long equal strings: CC 3 with both registers advanced alike, then done. */
static void test_clst_long(void)
{
    for (int differ = 0; differ < 2; differ++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        for (uint32_t i = 0; i < 1000; i++)
            m->mem[0x3000 + i] = m->mem[0x5000 + i] = (uint8_t)('A' + i % 26);
        if (differ)
            m->mem[0x5000 + 900] = 'z';
        c->gr[0] = 0;
        c->gr[2] = 0x3000;
        c->gr[3] = 0x5000;
        uint8_t code[4];
        enc_rre(code, OP_CLST, 2, 3);
        unsigned units = 0;
        do {
            CU_ASSERT_EQUAL_FATAL(tm_exec(m, code, 4, 1), 0);
            units++;
            CU_ASSERT_EQUAL(c->gr[2] - 0x3000, c->gr[3] - 0x5000);
        } while (c->cc == 3 && units < 100);
        CU_ASSERT(units > 1);
        CU_ASSERT_EQUAL(c->cc, differ ? 1 : 0);
        if (differ)
            CU_ASSERT_EQUAL(c->gr[2], 0x3000 + 900);
        tm_free(m);
    }
}

/* GR0 bits 0-23 must be zero, for CLST, MVST and SRST alike. */
static void test_string_gr0_spec(void)
{
    static const uint8_t ops[] = { OP_CLST, OP_MVST, OP_SRST };
    for (unsigned r = 0; r < 3; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        m->cpu->gr[0] = 0x00000100;
        m->cpu->gr[2] = 0x3000;
        m->cpu->gr[3] = 0x4000;
        CHECK(r, run_until_done(m, ops[r], 2, 3, 1, NULL) == PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* ---- MVST ------------------------------------------------------------------ */

static const struct {
    uint32_t d, s;
    unsigned len;            /* string length before the ending character */
    uint8_t end;
    bool amode24;
    int pgm;
} mvst_rows[] = {
    { 0x3000, 0x4000,    5, 0,   false, 0 },
    { 0x3000, 0x4000,    0, 0,   false, 0 },
    { 0x27FD, 0x2FFE,   40, '$', false, 0 },      /* crossing pages       */
    { 0x20000, 0x30000, 3000, 0, false, 0 },      /* several units        */
    { 0x3000, 0x4000,  600, 0,   true,  0 },
    { 0xFFFF0, 0x4000,  40, 0,   false, PGM_ADDRESSING },
};

static void test_mvst(void)
{
    for (unsigned r = 0; r < sizeof mvst_rows / sizeof mvst_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        uint32_t d = mvst_rows[r].d, s = mvst_rows[r].s, len = mvst_rows[r].len;
        uint8_t end = mvst_rows[r].end;
        if (mvst_rows[r].amode24)
            set_amode24(m);
        for (uint32_t i = 0; i < len; i++)
            m->mem[s + i] = (uint8_t)(end + 1 + i % 200);
        m->mem[s + len] = end;
        memset(m->mem + 0xFFF00, 0xEE, 0x100);
        c->gr[0] = end;
        c->gr[2] = d | (mvst_rows[r].amode24 ? 0xAA000000u : 0);
        c->gr[3] = s;
        unsigned units;
        int pgm = run_until_done(m, OP_MVST, 2, 3, 100, &units);
        CHECK(r, pgm == mvst_rows[r].pgm);
        if (pgm) {
            /* nothing stored by the unit that failed, the registers unchanged */
            for (unsigned i = 0; i < 16; i++)
                CHECK(r, m->mem[0xFFFF0 + i] == 0xEE);
            CHECK(r, c->gr[2] == d);
            tm_free(m);
            continue;
        }
        CHECK(r, c->cc == 1);
        if (len >= 3000)
            CHECK(r, units > 1);           /* CC 3 was used on the way */
        CHECK(r, memcmp(m->mem + d, m->mem + s, len + 1) == 0);
        CHECK(r, c->gr[2] == d + len);                 /* the ending character */
        if (units == 1)
            CHECK(r, c->gr[3] == s);                   /* R2 unchanged */
        tm_free(m);
    }
}

/* ---- SRST ------------------------------------------------------------------ */

static const struct {
    const char *data;
    uint32_t from, to;       /* offsets: R2 = start, R1 = end (excluded)   */
    uint8_t ch;
    unsigned cc;
    uint32_t found;          /* cc 1: offset of the character                */
} srst_rows[] = {
    { "hello world", 0, 11, 'w', 1, 6 },
    { "hello world", 0, 11, 'h', 1, 0 },
    { "hello world", 0, 11, 'd', 1, 10 },
    { "hello world", 0, 10, 'd', 2, 0 },       /* the end byte is excluded */
    { "hello world", 0, 11, 'z', 2, 0 },
    { "hello world", 5,  5, 'o', 2, 0 },       /* empty operand            */
    { "hello world", 5, 11, 'o', 1, 7 },
    { "a\0b",        0,  3, 0,   1, 1 },
};

static void test_srst(void)
{
    for (unsigned r = 0; r < sizeof srst_rows / sizeof srst_rows[0]; r++) {
        for (int cross = 0; cross < 2; cross++) {
            Machine *m = tm_new(ARCH_ESA390);
            Cpu *c = m->cpu;
            uint32_t base = cross ? 0x27FB : 0x3000;
            memset(m->mem + base, 0xEE, 64);
            tm_put(m, base, srst_rows[r].data, srst_rows[r].to);
            c->gr[0] = srst_rows[r].ch;
            c->gr[4] = base + srst_rows[r].to;
            c->gr[5] = (base + srst_rows[r].from) | 0x80000000u;
            CHECK(r, run_until_done(m, OP_SRST, 4, 5, 1, NULL) == 0);
            CHECK(r, c->cc == srst_rows[r].cc);
            CHECK(r, c->gr[5] == ((base + srst_rows[r].from) | 0x80000000u));
            if (srst_rows[r].cc == 1)
                CHECK(r, c->gr[4] == base + srst_rows[r].found);
            else
                CHECK(r, c->gr[4] == base + srst_rows[r].to);
            tm_free(m);
        }
    }
}

/* A long search: CC 3 with R2 advanced, R1 unchanged, then found. */
static void test_srst_long(void)
{
    for (int found = 0; found < 2; found++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        set_amode24(m);
        memset(m->mem + 0x3000, 'x', 5000);
        if (found)
            m->mem[0x3000 + 4321] = 'y';
        c->gr[0] = 'y';
        c->gr[1] = 0x55000000 | (0x3000 + 5000);
        c->gr[2] = 0x3000;
        uint8_t code[4];
        enc_rre(code, OP_SRST, 1, 2);
        unsigned units = 0;
        uint32_t last = c->gr[2];
        do {
            CU_ASSERT_EQUAL_FATAL(tm_exec(m, code, 4, 1), 0);
            units++;
            if (c->cc == 3) {
                CU_ASSERT(c->gr[2] > last);
                CU_ASSERT_EQUAL(c->gr[1], 0x55000000u | (0x3000 + 5000));
                last = c->gr[2];
            }
        } while (c->cc == 3 && units < 1000);
        CU_ASSERT(units > 1);
        CU_ASSERT_EQUAL(c->cc, found ? 1 : 2);
        if (found)
            CU_ASSERT_EQUAL(c->gr[1], 0x3000 + 4321);   /* bits 0-7 now zero */
        tm_free(m);
    }
}

/* ---- CUSE ------------------------------------------------------------------- */

static const struct {
    const char *a, *b;       /* the operands; lengths are strlen             */
    unsigned ss;
    uint8_t pad;
    unsigned cc;
    uint32_t at1, at2;       /* bytes consumed from each operand at the end  */
} cuse_rows[] = {
    { "abcXYZ", "abdXYZ", 3, ' ', 0, 3, 3 },    /* "XYZ"                    */
    { "abcXYZ", "abcXYZ", 3, ' ', 0, 0, 0 },    /* equal from the start     */
    { "abcXYZ", "abdXYZ", 1, ' ', 0, 0, 0 },
    { "xbcXYZ", "abdXYZ", 2, ' ', 0, 3, 3 },    /* "XY": "b" alone is short */
    { "abcXY",  "abdXY",  3, ' ', 1, 3, 3 },    /* partial "XY" at the end  */
    { "abcXYq", "abdXYr", 3, ' ', 2, 6, 6 },    /* ends unequal             */
    { "abc",    "xbc  ",  4, ' ', 0, 1, 1 },    /* pads extend operand 1    */
    { "abc",    "xbc  ",  4, '.', 2, 3, 5 },
    { "abc",    "xbc  ",  5, ' ', 1, 1, 1 },    /* partial with the pad     */
    { "",       "",       2, ' ', 2, 0, 0 },    /* ??? both lengths zero    */
    { "abc",    "xyz",    0, ' ', 0, 0, 0 },    /* ??? SS zero              */
    { "",       "  ",     2, ' ', 0, 0, 0 },    /* all padding              */
};

static void test_cuse(void)
{
    for (unsigned r = 0; r < sizeof cuse_rows / sizeof cuse_rows[0]; r++) {
        for (int cross = 0; cross < 2; cross++) {
            Machine *m = tm_new(ARCH_ESA390);
            Cpu *c = m->cpu;
            uint32_t a1 = cross ? 0x27FE : 0x3000, a2 = cross ? 0x2FFD : 0x4000;
            uint32_t l1 = (uint32_t)strlen(cuse_rows[r].a), l2 = (uint32_t)strlen(cuse_rows[r].b);
            tm_put(m, a1, cuse_rows[r].a, l1);
            tm_put(m, a2, cuse_rows[r].b, l2);
            c->gr[0] = 0xFFFFFF00u | cuse_rows[r].ss;      /* bits 0-23 ignored */
            c->gr[1] = 0xFFFFFF00u | cuse_rows[r].pad;
            c->gr[2] = a1;
            c->gr[3] = l1;
            c->gr[4] = a2;
            c->gr[5] = l2;
            CHECK(r, run_until_done(m, OP_CUSE, 2, 4, 10, NULL) == 0);
            CHECK(r, c->cc == cuse_rows[r].cc);
            CHECK(r, c->gr[2] == a1 + cuse_rows[r].at1);
            CHECK(r, c->gr[3] == l1 - cuse_rows[r].at1);
            CHECK(r, c->gr[4] == a2 + cuse_rows[r].at2);
            CHECK(r, c->gr[5] == l2 - cuse_rows[r].at2);
            tm_free(m);
        }
    }
}

/* Long unequal operands: CC 3 units, the registers always moving on
 * together, then an equal substring far out. */
static void test_cuse_long(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    for (uint32_t i = 0; i < 3000; i++) {
        m->mem[0x10000 + i] = (uint8_t)i;
        m->mem[0x20000 + i] = (uint8_t)(i % 3 ? i : i + 1);   /* equal runs of 2 */
    }
    memcpy(m->mem + 0x10000 + 2500, "SUBSTR", 6);
    memcpy(m->mem + 0x20000 + 2500, "SUBSTR", 6);
    c->gr[0] = 5;
    c->gr[1] = 0;
    c->gr[2] = 0x10000; c->gr[3] = 3000;
    c->gr[4] = 0x20000; c->gr[5] = 3000;
    unsigned units;
    CU_ASSERT_EQUAL(run_until_done(m, OP_CUSE, 2, 4, 1000, &units), 0);
    CU_ASSERT(units > 1);
    CU_ASSERT_EQUAL(c->cc, 0);
    /* 2499 % 3 == 0 makes byte 2499 unequal; the run starts at 2500 */
    CU_ASSERT_EQUAL(c->gr[2], 0x10000 + 2500);
    CU_ASSERT_EQUAL(c->gr[4], 0x20000 + 2500);
    CU_ASSERT_EQUAL(c->gr[3], 500);
    tm_free(m);
}

/* One equal substring and nothing else, at offsets around likely unit
 * boundaries: a unit may end inside the substring, and the next one must
 * still find it whole. */
static void test_cuse_straddle(void)
{
    static const uint32_t offs[] = { 0, 100, 250, 252, 255, 256, 508, 510, 1020, 4090, 4093 };
    for (unsigned r = 0; r < sizeof offs / sizeof offs[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        for (uint32_t i = 0; i < 6000; i++) {
            m->mem[0x10000 + i] = (uint8_t)(i * 7);
            m->mem[0x20000 + i] = (uint8_t)~(i * 7);
        }
        memset(m->mem + 0x10000 + offs[r], 'Q', 8);
        memset(m->mem + 0x20000 + offs[r], 'Q', 8);
        c->gr[0] = 8;
        c->gr[2] = 0x10000; c->gr[3] = 6000;
        c->gr[4] = 0x20000; c->gr[5] = 6000;
        CHECK(r, run_until_done(m, OP_CUSE, 2, 4, 1000, NULL) == 0);
        CHECK(r, c->cc == 0);
        CHECK(r, c->gr[2] == 0x10000 + offs[r]);
        CHECK(r, c->gr[5] == 6000 - offs[r]);
        tm_free(m);
    }
}

static void test_cuse_odd_register(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    CU_ASSERT_EQUAL(run_until_done(m, OP_CUSE, 3, 4, 1, NULL), PGM_SPECIFICATION);
    tm_free(m);
}

/* ---- CKSM ------------------------------------------------------------------ */

/* The reference: 64-bit sum of big-endian words (last one zero-padded),
 * folded to 32 bits with the carries added back. */
static uint32_t ref_cksm(uint32_t init, const uint8_t *p, uint32_t len)
{
    uint64_t s = init;
    for (uint32_t i = 0; i < len; i += 4) {
        uint32_t w = 0;
        for (uint32_t k = 0; k < 4; k++)
            w = w << 8 | (i + k < len ? p[i + k] : 0);
        s += w;
    }
    while (s >> 32)
        s = (s & 0xFFFFFFFFu) + (s >> 32);
    return (uint32_t)s;
}

static const struct {
    uint32_t addr, len, init;
    uint8_t fill;            /* 0: a pattern; else every byte = fill */
    uint32_t expect;         /* 0: compare with ref_cksm; else this value */
} cksm_rows[] = {
    { 0x3000, 0,     0x12345678, 0,    0x12345678 },
    { 0x3000, 1,     0,          0xAB, 0xAB000000 },
    { 0x3000, 2,     0,          0xAB, 0xABAB0000 },
    { 0x3000, 3,     1,          0xAB, 0xABABAB01 },
    { 0x3000, 4,     0,          0xFF, 0xFFFFFFFF },
    { 0x3000, 8,     0,          0xFF, 0xFFFFFFFF },   /* FFFFFFFF + FFFFFFFF */
    { 0x3000, 4,     1,          0xFF, 0x00000001 },   /* end-around carry */
    { 0x3000, 12,    0xFFFFFFFF, 0x80, 0x81818181 },
    { 0x3000, 7,     0,          0,    0 },
    { 0x27FE, 100,   0xDEADBEEF, 0,    0 },            /* crossing pages */
    { 0x27FF, 4097,  0,          0,    0 },
    { 0x10000, 40000, 7,         0,    0 },            /* several units */
    { 0x10001, 39999, 0,         0xFF, 0 },
};

static void test_cksm(void)
{
    for (unsigned r = 0; r < sizeof cksm_rows / sizeof cksm_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        uint32_t a = cksm_rows[r].addr, len = cksm_rows[r].len;
        for (uint32_t i = 0; i < len + 8; i++)
            m->mem[a + i] = cksm_rows[r].fill ? cksm_rows[r].fill : (uint8_t)(i * 31 + (i >> 7));
        for (uint32_t i = len; i < len + 8; i++)
            m->mem[a + i] = 0x5A;                    /* must not be summed */
        c->gr[7] = cksm_rows[r].init;
        c->gr[4] = a;
        c->gr[5] = len;
        unsigned units;
        CHECK(r, run_until_done(m, OP_CKSM, 7, 4, 1000, &units) == 0);
        uint32_t want = cksm_rows[r].expect ? cksm_rows[r].expect
                                            : ref_cksm(cksm_rows[r].init, m->mem + a, len);
        CHECK(r, c->cc == 0);
        CHECK(r, c->gr[7] == want);
        CHECK(r, c->gr[4] == a + len);
        CHECK(r, c->gr[5] == 0);
        if (len <= 256)
            CHECK(r, units == 1);
        if (len >= 40000)
            CHECK(r, units > 1);           /* CC 3 was used on the way */
        tm_free(m);
    }
}

static void test_cksm_odd_register(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    CU_ASSERT_EQUAL(run_until_done(m, OP_CKSM, 2, 5, 1, NULL), PGM_SPECIFICATION);
    tm_free(m);
}

void register_string_tests(void);
void register_string_tests(void)
{
    CU_pSuite s = CU_add_suite("string", NULL, NULL);
    CU_add_test(s, "CLST", test_clst);
    CU_add_test(s, "CLST long, CC 3", test_clst_long);
    CU_add_test(s, "GR0 bits 0-23 nonzero", test_string_gr0_spec);
    CU_add_test(s, "MVST", test_mvst);
    CU_add_test(s, "SRST", test_srst);
    CU_add_test(s, "SRST long, CC 3", test_srst_long);
    CU_add_test(s, "CUSE", test_cuse);
    CU_add_test(s, "CUSE long, CC 3", test_cuse_long);
    CU_add_test(s, "CUSE substring across units", test_cuse_straddle);
    CU_add_test(s, "CUSE odd register", test_cuse_odd_register);
    CU_add_test(s, "CKSM", test_cksm);
    CU_add_test(s, "CKSM odd register", test_cksm_odd_register);
}
