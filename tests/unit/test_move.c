/*
 * test_move.c — MVC MVI MVN MVZ MVCIN TR TRT MVCL CLCL MVCLE CLCLE
 * (cpu370/insn_move.c), table-driven against small reference models written
 * here byte by byte, the way the Principles of Operation describes them.
 *
 * Every row gets a fresh 1M machine (tm_new): after a program interruption
 * the PSW is a disabled wait.  SS rows run twice, once with a cold TLB (the
 * slow path) and once warm (the host-pointer fast path).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/testutil.h"

#define MEMSIZE (1u << 20)

/* Report the row of a failing check, then count it in CUnit.  `cond` is
 * evaluated once (it may run an instruction). */
#define CHECK(row, cond)                                                      \
    do {                                                                      \
        bool ok_ = (cond);                                                    \
        if (!ok_)                                                             \
            fprintf(stderr, "\n  %s row %d: %s", __func__, (int)(row), #cond); \
        CU_ASSERT(ok_);                                                       \
    } while (0)

/* ---- encoders --------------------------------------------------------------- */

static void enc_ss(uint8_t *b, uint8_t op, unsigned l, unsigned b1, unsigned d1,
                   unsigned b2, unsigned d2)
{
    b[0] = op;
    b[1] = (uint8_t)l;
    b[2] = (uint8_t)(b1 << 4 | d1 >> 8);
    b[3] = (uint8_t)d1;
    b[4] = (uint8_t)(b2 << 4 | d2 >> 8);
    b[5] = (uint8_t)d2;
}

static void enc_rs(uint8_t *b, uint8_t op, unsigned r1, unsigned r3, unsigned b2, unsigned d2)
{
    b[0] = op;
    b[1] = (uint8_t)(r1 << 4 | r3);
    b[2] = (uint8_t)(b2 << 4 | d2 >> 8);
    b[3] = (uint8_t)d2;
}

static void set_amode24(Machine *m)
{
    m->cpu->psw.amode31 = false;
    cpu_state_changed(m->cpu);
}

/* A recognizable pattern that differs from page to page. */
static uint8_t pat(uint32_t a)
{
    return (uint8_t)(a * 7 + (a >> 8) * 13 + 1);
}

static void fill_pattern(Machine *m, uint32_t from, uint32_t len)
{
    for (uint32_t i = 0; i < len && from + i < MEMSIZE; i++)
        m->mem[from + i] = pat(from + i);
}

/* ---- MVC ------------------------------------------------------------------ */

static const struct {
    uint32_t d, s;           /* operand addresses (R5 = d, R6 = s)             */
    unsigned l;              /* length code: L + 1 bytes                       */
    int pgm;                 /* expected program interruption, 0 none          */
    bool idiom;              /* coded MVC 1(L,5),0(5) with R5 = s              */
} mvc_rows[] = {
    { 0x3000, 0x4000,  15, 0, false },                  /* plain                    */
    { 0x3000, 0x4000, 255, 0, false },                  /* 256 bytes                */
    { 0x3001, 0x3000, 255, 0, true },            /* MVC 1(255,R),0(R) fill   */
    { 0x3001, 0x3000, 255, 0, false },                  /* the same, two registers  */
    { 0x3003, 0x3000, 100, 0, false },                  /* propagate a 3-byte cycle */
    { 0x3000, 0x3001, 200, 0, false },                  /* op1 left of op2, overlap */
    { 0x3000, 0x3000,  50, 0, false },                  /* same location            */
    { 0x27FE, 0x4000,  15, 0, false },                  /* op1 crosses 2K page      */
    { 0x4000, 0x27FE,  15, 0, false },                  /* op2 crosses 2K page      */
    { 0x27F0, 0x2FF8, 200, 0, false },                  /* both cross               */
    { 0x27F1, 0x27F0, 255, 0, true },            /* propagate across a page  */
    { 0xFFFF8, 0x4000, 15, PGM_ADDRESSING, false },     /* op1 runs off storage     */
    { 0x4000, 0xFFFF8, 15, PGM_ADDRESSING, false },     /* op2 runs off storage     */
};

static void test_mvc(void)
{
    static uint8_t ref[MEMSIZE];
    for (unsigned r = 0; r < sizeof mvc_rows / sizeof mvc_rows[0]; r++) {
        uint32_t d = mvc_rows[r].d, s = mvc_rows[r].s, n = mvc_rows[r].l + 1;
        Machine *m = tm_new(ARCH_ESA390);
        uint8_t code[6];
        if (mvc_rows[r].idiom) {
            enc_ss(code, 0xD2, mvc_rows[r].l, 5, d - s, 5, 0);
            m->cpu->gr[5] = s;
        } else {
            enc_ss(code, 0xD2, mvc_rows[r].l, 5, 0, 6, 0);
            m->cpu->gr[5] = d;
            m->cpu->gr[6] = s;
        }
        for (int pass = 0; pass < 2; pass++) {
            fill_pattern(m, 0x2000, 0x3000);
            fill_pattern(m, 0xFF000, 0x1000);
            memcpy(ref, m->mem, MEMSIZE);
            if (!mvc_rows[r].pgm)
                for (uint32_t i = 0; i < n; i++)      /* byte by byte, left to right */
                    ref[d + i] = ref[s + i];
            int pgm = tm_exec(m, code, sizeof code, 1);
            CHECK(r, pgm == mvc_rows[r].pgm);
            CHECK(r, memcmp(m->mem + 0x2000, ref + 0x2000, 0x3000) == 0);
            CHECK(r, memcmp(m->mem + 0xFF000, ref + 0xFF000, 0x1000) == 0);
            if (pgm)
                break;
        }
        tm_free(m);
    }
}

/* A store into a protected page: the bytes before it stay unchanged. */
static void test_mvc_protection(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    uint8_t code[6];
    enc_ss(code, 0xD2, 31, 5, 0, 6, 0);
    m->cpu->gr[5] = 0x27F0;
    m->cpu->gr[6] = 0x4000;
    fill_pattern(m, 0x2000, 0x3000);
    uint8_t before[32];
    memcpy(before, m->mem + 0x27F0, 32);
    m->keys[0x2800 >> TLB_PAGE_SHIFT] = 0x20;        /* key 2             */
    m->cpu->psw.key = 3;
    tlb_purge(m->cpu);
    CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 1), PGM_PROTECTION);
    CU_ASSERT(memcmp(m->mem + 0x27F0, before, 32) == 0);
    tm_free(m);
}

static void test_mvi(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    uint8_t code[4] = { 0x92, 0x5C, 0x50, 0x10 };      /* MVI X'10'(5),X'5C' */
    m->cpu->gr[5] = 0x3000;
    CU_ASSERT_EQUAL(tm_exec(m, code, 4, 1), 0);
    CU_ASSERT_EQUAL(m->mem[0x3010], 0x5C);
    CU_ASSERT_EQUAL(m->mem[0x300F], 0);
    CU_ASSERT_EQUAL(m->mem[0x3011], 0);
    tm_free(m);
}

/* ---- MVN, MVZ ------------------------------------------------------------- */

static const struct {
    uint8_t op;
    uint32_t d, s;
    unsigned l;
} mvnz_rows[] = {
    { 0xD1, 0x3000, 0x4000, 7 },
    { 0xD3, 0x3000, 0x4000, 7 },
    { 0xD1, 0x27FC, 0x4000, 9 },          /* crossing a page */
    { 0xD3, 0x4000, 0x27FC, 9 },
    { 0xD1, 0x3001, 0x3000, 20 },         /* overlap: propagates the numeric */
    { 0xD3, 0x3001, 0x3000, 20 },
};

static void test_mvn_mvz(void)
{
    for (unsigned r = 0; r < sizeof mvnz_rows / sizeof mvnz_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        uint32_t d = mvnz_rows[r].d, s = mvnz_rows[r].s, n = mvnz_rows[r].l + 1;
        uint8_t keep = mvnz_rows[r].op == 0xD1 ? 0xF0 : 0x0F;
        uint8_t code[6];
        enc_ss(code, mvnz_rows[r].op, mvnz_rows[r].l, 5, 0, 6, 0);
        m->cpu->gr[5] = d;
        m->cpu->gr[6] = s;
        for (int pass = 0; pass < 2; pass++) {
            fill_pattern(m, 0x2000, 0x3000);
            uint8_t ref[0x3000];
            memcpy(ref, m->mem + 0x2000, sizeof ref);
            for (uint32_t i = 0; i < n; i++) {
                uint8_t *p1 = &ref[d + i - 0x2000];
                *p1 = (uint8_t)((*p1 & keep) | (ref[s + i - 0x2000] & ~keep));
            }
            CHECK(r, tm_exec(m, code, sizeof code, 1) == 0);
            CHECK(r, memcmp(m->mem + 0x2000, ref, sizeof ref) == 0);
        }
        tm_free(m);
    }
}

/* ---- MVCIN ------------------------------------------------------------------ */

static const struct {
    uint32_t d, s_right;     /* op1 leftmost, op2 RIGHTMOST byte */
    unsigned l;
    int pgm;
} mvcin_rows[] = {
    { 0x3000, 0x4007,   7, 0 },
    { 0x3000, 0x40FF, 255, 0 },
    { 0x27F8, 0x3805,  15, 0 },           /* both cross a page boundary */
    { 0x3000, 0x4000,   0, 0 },           /* one byte */
    { 0xFFFFC, 0x4007,  7, PGM_ADDRESSING },
};

static void test_mvcin(void)
{
    for (unsigned r = 0; r < sizeof mvcin_rows / sizeof mvcin_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        uint32_t d = mvcin_rows[r].d, s = mvcin_rows[r].s_right, l = mvcin_rows[r].l;
        uint8_t code[6];
        enc_ss(code, 0xE8, l, 5, 0, 6, 0);
        m->cpu->gr[5] = d;
        m->cpu->gr[6] = s;
        fill_pattern(m, 0x2000, 0x3000);
        fill_pattern(m, 0xFF000, 0x1000);
        uint8_t before[16];
        memcpy(before, m->mem + 0xFFFF0, 16);
        int pgm = tm_exec(m, code, sizeof code, 1);
        CHECK(r, pgm == mvcin_rows[r].pgm);
        if (pgm) {
            CHECK(r, memcmp(m->mem + 0xFFFF0, before, 16) == 0);
        } else {
            for (uint32_t i = 0; i <= l; i++)
                CHECK(r, m->mem[d + i] == pat(s - i));
            CHECK(r, m->mem[d + l + 1] == pat(d + l + 1));
        }
        tm_free(m);
    }
}

/* ---- TR, TRT -------------------------------------------------------------- */

static const struct {
    uint32_t a, tab;
    unsigned l;
} tr_rows[] = {
    { 0x3000, 0x4000,  15 },
    { 0x3000, 0x4000, 255 },
    { 0x27F8, 0x4000,  31 },              /* op1 crosses */
    { 0x3000, 0x2780, 255 },              /* table crosses */
    { 0x2FF8, 0x2780, 200 },              /* both */
};

static void test_tr(void)
{
    for (unsigned r = 0; r < sizeof tr_rows / sizeof tr_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        uint32_t a = tr_rows[r].a, t = tr_rows[r].tab, n = tr_rows[r].l + 1;
        uint8_t code[6];
        enc_ss(code, 0xDC, tr_rows[r].l, 5, 0, 6, 0);
        m->cpu->gr[5] = a;
        m->cpu->gr[6] = t;
        for (int pass = 0; pass < 2; pass++) {
            for (unsigned i = 0; i < 256; i++)
                m->mem[t + i] = (uint8_t)(0xFF - i);   /* the table: complement */
            for (uint32_t i = 0; i < n; i++)
                m->mem[a + i] = (uint8_t)(i * 5 + r);
            m->mem[a + n] = 0xA5;                       /* just past op 1 */
            CHECK(r, tm_exec(m, code, sizeof code, 1) == 0);
            for (uint32_t i = 0; i < n; i++)
                CHECK(r, m->mem[a + i] == (uint8_t)~(uint8_t)(i * 5 + r));
            CHECK(r, m->mem[a + n] == 0xA5);
        }
        tm_free(m);
    }
}

/* TR whose table byte lies beyond storage: nothing may be stored. */
static void test_tr_addressing(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    uint8_t code[6];
    enc_ss(code, 0xDC, 3, 5, 0, 6, 0);
    m->cpu->gr[5] = 0x3000;
    m->cpu->gr[6] = 0xFFF80;                 /* bytes >= 0x80 lie outside */
    uint8_t arg[4] = { 0x01, 0x02, 0x03, 0x90 };
    tm_put(m, 0x3000, arg, 4);
    CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 1), PGM_ADDRESSING);
    CU_ASSERT(memcmp(m->mem + 0x3000, arg, 4) == 0);
    tm_free(m);
}

static const struct {
    const char *arg;         /* operand 1 */
    unsigned l;
    bool amode24;
    uint32_t gr1, gr2;       /* before */
    unsigned cc;
    int stop;                /* offset of the stopping byte, -1 none */
    uint8_t fn;              /* its function byte */
} trt_rows[] = {
    { "abcdefgh",  7, false, 0x80000000, 0x12345678, 0, -1, 0 },
    { "abc,defg",  7, false, 0x80000000, 0x12345678, 1,  3, 1 },
    { "abcdefg;",  7, false, 0x00000000, 0xFFFFFFFF, 2,  7, 2 },
    { ",bcdefgh",  7, true,  0xAB000000, 0x12345678, 1,  0, 1 },
    { "abcdefg;",  7, true,  0xCD000000, 0x00000000, 2,  7, 2 },
    { ";",         0, false, 0x00000000, 0x00000000, 2,  0, 2 },
};

static void test_trt(void)
{
    for (unsigned r = 0; r < sizeof trt_rows / sizeof trt_rows[0]; r++) {
        for (int cross = 0; cross < 2; cross++) {
            Machine *m = tm_new(ARCH_ESA390);
            uint32_t a = cross ? 0x27FC : 0x3000, t = cross ? 0x2F80 : 0x4000;
            uint8_t code[6];
            enc_ss(code, 0xDD, trt_rows[r].l, 5, 0, 6, 0);
            if (trt_rows[r].amode24)
                set_amode24(m);
            m->cpu->gr[1] = trt_rows[r].gr1;
            m->cpu->gr[2] = trt_rows[r].gr2;
            m->cpu->gr[5] = a;
            m->cpu->gr[6] = t;
            m->mem[t + ','] = 1;
            m->mem[t + ';'] = 2;
            tm_put(m, a, trt_rows[r].arg, trt_rows[r].l + 1);
            CHECK(r, tm_exec(m, code, sizeof code, 1) == 0);
            CHECK(r, m->cpu->cc == trt_rows[r].cc);
            if (trt_rows[r].stop < 0) {
                CHECK(r, m->cpu->gr[1] == trt_rows[r].gr1);
                CHECK(r, m->cpu->gr[2] == trt_rows[r].gr2);
            } else {
                /* 24-bit: bits 0-7 kept; 31-bit: bit 0 set to zero */
                uint32_t hi = trt_rows[r].amode24 ? 0xFF000000u : 0;
                CHECK(r, m->cpu->gr[1] == ((trt_rows[r].gr1 & hi) | (a + (uint32_t)trt_rows[r].stop)));
                CHECK(r, m->cpu->gr[2] == ((trt_rows[r].gr2 & 0xFFFFFF00u) | trt_rows[r].fn));
            }
            tm_free(m);
        }
    }
}

/* ---- CLC (insn_logical.c), its condition codes next to CLCL's ---------------- */

static void test_clc(void)
{
    static const struct { const char *a, *b; unsigned cc; } rows[] = {
        { "ABCD", "ABCD", 0 }, { "ABCC", "ABCD", 1 }, { "ABCE", "ABCD", 2 },
        { "\x01" "BCD", "\xF0" "BCD", 1 },       /* unsigned comparison */
    };
    if (!insn_clc) {
        fprintf(stderr, "\n  test_clc: CLC not linked yet (insn_logical.c), skipped");
        return;
    }
    for (unsigned r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        uint8_t code[6];
        enc_ss(code, 0xD5, 3, 5, 0, 6, 0);
        m->cpu->gr[5] = 0x27FE;
        m->cpu->gr[6] = 0x3000;
        tm_put(m, 0x27FE, rows[r].a, 4);
        tm_put(m, 0x3000, rows[r].b, 4);
        CHECK(r, tm_exec(m, code, sizeof code, 1) == 0);
        CHECK(r, m->cpu->cc == rows[r].cc);
        tm_free(m);
    }
}

/* ---- MVCL ------------------------------------------------------------------- */

/* Registers R2/R3 = operand 1, R4/R5 = operand 2 (MVCL 2,4). */
static const struct {
    bool amode24;
    uint32_t r2, r3, r4, r5;     /* before                                    */
    unsigned cc;
    int pgm;
    uint32_t e2, e3, e4, e5;     /* after (checked when pgm, or cc 3)         */
} mvcl_rows[] = {
    /* zero lengths: only the high bits of the addresses change (24-bit) */
    { true,  0xAB003000, 0xCD000000, 0xEF004000, 0x40000000, 0, 0,
             0x00003000, 0xCD000000, 0x00004000, 0x40000000 },
    { true,  0xAB003000, 0x00000000, 0xEF004000, 0x40000005, 1, 0,
             0x00003000, 0x00000000, 0x00004000, 0x40000005 },
    /* plain moves and padding */
    { false, 0x00003000, 0x00000100, 0x00004000, 0x00000100, 0, 0, 0, 0, 0, 0 },
    { false, 0x00003000, 0x00000300, 0x00004000, 0x40000100, 2, 0, 0, 0, 0, 0 },
    { false, 0x00003000, 0x00000100, 0x00004000, 0x00000300, 1, 0, 0, 0, 0, 0 },
    { false, 0x00003000, 0x00000123, 0x00004000, 0x5C000000, 2, 0, 0, 0, 0, 0 },
    { true,  0x12003000, 0x34000300, 0x56004000, 0x40000100, 2, 0, 0, 0, 0, 0 },
    /* destructive overlap: nothing moves */
    { false, 0x0000300A, 0x00000100, 0x00003000, 0x00000100, 3, 0,
             0x0000300A, 0x00000100, 0x00003000, 0x00000100 },
    { true,  0xFF003001, 0x00000002, 0xFF003000, 0x00000002, 3, 0,
             0x00003001, 0x00000002, 0x00003000, 0x00000002 },
    /* operand 2 wraps around the top of the 31-bit space into operand 1 */
    { false, 0x00000010, 0x00000200, 0x7FFFFF00, 0x00000200, 3, 0,
             0x00000010, 0x00000200, 0x7FFFFF00, 0x00000200 },
    /* not destructive: op1 past the participating bytes, or to the left */
    { false, 0x0000300A, 0x00000100, 0x00003000, 0x0000000A, 2, 0, 0, 0, 0, 0 },
    { false, 0x00003000, 0x00000100, 0x0000300A, 0x00000100, 0, 0, 0, 0, 0, 0 },
    { false, 0x00003001, 0x00000100, 0x00003000, 0x00000001, 2, 0, 0, 0, 0, 0 },
    { false, 0x00003000, 0x00000100, 0x00003000, 0x00000100, 0, 0, 0, 0, 0, 0 },
    /* page crossings (2K pages), several pages */
    { false, 0x000027FE, 0x00001000, 0x000047F0, 0xC1000F00, 2, 0, 0, 0, 0, 0 },
    /* operand 1 runs off the 1M storage: the registers show the progress */
    { false, 0x000FF800, 0x00001000, 0x00003000, 0x00001000, 0, PGM_ADDRESSING,
             0x00100000, 0x00000800, 0x00003800, 0x00000800 },
    { true,  0x770FF000, 0x99001800, 0x00003000, 0x40000100, 0, PGM_ADDRESSING,
             0x00100000, 0x99000800, 0x00003100, 0x40000000 },
};

static void test_mvcl(void)
{
    static uint8_t ref[MEMSIZE];
    for (unsigned r = 0; r < sizeof mvcl_rows / sizeof mvcl_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        uint8_t code[2] = { 0x0E, 0x24 };
        if (mvcl_rows[r].amode24)
            set_amode24(m);
        uint32_t am = c->amask;
        c->gr[2] = mvcl_rows[r].r2;
        c->gr[3] = mvcl_rows[r].r3;
        c->gr[4] = mvcl_rows[r].r4;
        c->gr[5] = mvcl_rows[r].r5;
        fill_pattern(m, 0x2000, 0x6000);
        fill_pattern(m, 0xF0000, 0x10000);
        memcpy(ref, m->mem, MEMSIZE);

        int pgm = tm_exec(m, code, sizeof code, 1);
        CHECK(r, pgm == mvcl_rows[r].pgm);
        uint32_t a1 = mvcl_rows[r].r2 & am, l1 = mvcl_rows[r].r3 & 0xFFFFFF;
        uint32_t a2 = mvcl_rows[r].r4 & am, l2 = mvcl_rows[r].r5 & 0xFFFFFF;
        uint8_t pad = (uint8_t)(mvcl_rows[r].r5 >> 24);
        if (pgm || mvcl_rows[r].cc == 3) {
            CHECK(r, c->gr[2] == mvcl_rows[r].e2);
            CHECK(r, c->gr[3] == mvcl_rows[r].e3);
            CHECK(r, c->gr[4] == mvcl_rows[r].e4);
            CHECK(r, c->gr[5] == mvcl_rows[r].e5);
        }
        if (pgm) {
            /* the bytes moved before the exception are in place */
            uint32_t moved = l1 - (c->gr[3] & 0xFFFFFF);
            for (uint32_t i = 0; i < moved; i++)
                ref[a1 + i] = i < l2 ? ref[a2 + i] : pad;
        } else {
            CHECK(r, c->cc == mvcl_rows[r].cc);
            if (mvcl_rows[r].cc != 3) {
                uint32_t n = l1 < l2 ? l1 : l2;
                CHECK(r, c->gr[2] == ((a1 + l1) & am));
                CHECK(r, c->gr[3] == (mvcl_rows[r].r3 & 0xFF000000u));
                CHECK(r, c->gr[4] == ((a2 + n) & am));
                CHECK(r, c->gr[5] == ((mvcl_rows[r].r5 & 0xFF000000u) | (l2 - n)));
                for (uint32_t i = 0; i < l1; i++)
                    ref[(a1 + i) & am] = i < l2 ? ref[(a2 + i) & am] : pad;
            }
        }
        CHECK(r, memcmp(m->mem + 0x2000, ref + 0x2000, 0x6000) == 0);
        CHECK(r, memcmp(m->mem + 0xF0000, ref + 0xF0000, 0x10000) == 0);
        tm_free(m);
    }
}

static void test_mvcl_odd_register(void)
{
    static const uint8_t codes[][2] = { { 0x0E, 0x34 }, { 0x0E, 0x25 }, { 0x0F, 0x14 } };
    for (unsigned r = 0; r < 3; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        CHECK(r, tm_exec(m, codes[r], 2, 1) == PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* ---- CLCL, CLCLE ---------------------------------------------------------- */

static const struct {
    const char *a, *b;       /* the operands (their lengths are strlen)  */
    uint8_t pad;
    unsigned cc;
    unsigned at;             /* offset of the inequality (cc 1, 2)        */
} clcl_rows[] = {
    { "",        "",          ' ', 0, 0 },
    { "ABC",     "ABC",       ' ', 0, 0 },
    { "ABC",     "ABD",       ' ', 1, 2 },
    { "ABD",     "ABC",       ' ', 2, 2 },
    { "\x01",    "\xFF",      ' ', 1, 0 },        /* unsigned */
    { "AB",      "AB  ",      ' ', 0, 0 },
    { "AB  ",    "AB",        ' ', 0, 0 },
    { "AB",      "AB  ",      0,   1, 2 },        /* the pad is low    */
    { "AB  X",   "AB",        ' ', 2, 4 },        /* op1 past the pad  */
    { "",        "A",         'B', 2, 0 },
    { "",        "A",         'A', 0, 0 },
};

/* Run CLCL (ext = false) or CLCLE on the row with operands at a1, a2 and
 * check the registers and condition code. */
static void run_compare_row(unsigned r, bool ext, uint32_t a1, uint32_t a2)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    uint32_t l1 = (uint32_t)strlen(clcl_rows[r].a), l2 = (uint32_t)strlen(clcl_rows[r].b);
    uint8_t pad = clcl_rows[r].pad;
    tm_put(m, a1, clcl_rows[r].a, l1);
    tm_put(m, a2, clcl_rows[r].b, l2);
    c->gr[2] = a1;
    c->gr[3] = l1;
    c->gr[4] = a2;
    c->gr[5] = l2;
    uint8_t code[4];
    if (ext) {
        enc_rs(code, 0xA9, 2, 4, 0, pad);         /* CLCLE 2,4,pad(0) */
    } else {
        code[0] = 0x0F;                           /* CLCL 2,4          */
        code[1] = 0x24;
        c->gr[3] |= 0x77000000u;                  /* bits 0-7 are kept */
        c->gr[5] |= (uint32_t)pad << 24;
    }
    uint32_t hi3 = c->gr[3] & (ext ? 0 : 0xFF000000u), hi5 = c->gr[5] & (ext ? 0 : 0xFF000000u);
    int pgm = 0;
    do
        pgm = tm_exec(m, code, ext ? 4 : 2, 1);
    while (!pgm && c->cc == 3);
    CHECK(r, pgm == 0);
    CHECK(r, c->cc == clcl_rows[r].cc);
    uint32_t at = clcl_rows[r].cc ? clcl_rows[r].at : (l1 > l2 ? l1 : l2);
    uint32_t n1 = at < l1 ? at : l1, n2 = at < l2 ? at : l2;
    CHECK(r, c->gr[2] == a1 + n1);
    CHECK(r, c->gr[3] == (hi3 | (l1 - n1)));
    CHECK(r, c->gr[4] == a2 + n2);
    CHECK(r, c->gr[5] == (hi5 | (l2 - n2)));
    tm_free(m);
}

static void test_clcl(void)
{
    for (unsigned r = 0; r < sizeof clcl_rows / sizeof clcl_rows[0]; r++) {
        run_compare_row(r, false, 0x3000, 0x4000);
        run_compare_row(r, false, 0x27FE, 0x2FFF);     /* crossing pages */
    }
}

static void test_clcle(void)
{
    for (unsigned r = 0; r < sizeof clcl_rows / sizeof clcl_rows[0]; r++) {
        run_compare_row(r, true, 0x3000, 0x4000);
        run_compare_row(r, true, 0x27FF, 0x2FFE);
    }
}

/* Long operands: CLCL finishes in one execution; CLCLE gives CC 3 with
 * the registers showing the progress, then finds the inequality. */
static void test_clcl_long(void)
{
    for (int ext = 0; ext < 2; ext++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        fill_pattern(m, 0x20000, 0x8000);
        memcpy(m->mem + 0x40000, m->mem + 0x20000, 0x8000);
        m->mem[0x40000 + 0x7000] ^= 0x01;       /* differs at offset 0x7000 */
        uint8_t op2 = m->mem[0x47000], op1 = m->mem[0x27000];
        c->gr[2] = 0x20000; c->gr[3] = 0x8000;
        c->gr[4] = 0x40000; c->gr[5] = 0x8000;
        uint8_t code[4];
        if (ext)
            enc_rs(code, 0xA9, 2, 4, 0, 0);
        else
            code[0] = 0x0F, code[1] = 0x24;
        unsigned runs = 0;
        do {
            CU_ASSERT_EQUAL_FATAL(tm_exec(m, code, ext ? 4 : 2, 1), 0);
            runs++;
            CU_ASSERT_EQUAL(c->gr[2] - 0x20000, 0x8000 - c->gr[3]);
            CU_ASSERT_EQUAL(c->gr[4] - 0x40000, 0x8000 - c->gr[5]);
        } while (c->cc == 3 && runs < 100);
        CU_ASSERT(ext ? runs > 1 : runs == 1);
        CU_ASSERT_EQUAL(c->cc, op1 < op2 ? 1 : 2);
        CU_ASSERT_EQUAL(c->gr[2], 0x27000);
        CU_ASSERT_EQUAL(c->gr[4], 0x47000);
        tm_free(m);
    }
}

/* ---- MVCLE ----------------------------------------------------------------- */

static const struct {
    bool amode24;
    uint32_t r2, r3, r4, r5;
    uint8_t pad;
    unsigned cc;             /* the final condition code, after CC 3 loops */
} mvcle_rows[] = {
    { false, 0x3000, 0,      0x4000, 0,      0x40, 0 },
    { false, 0x3000, 0,      0x4000, 7,      0x40, 1 },
    { false, 0x3000, 0x100,  0x4000, 0x100,  0x40, 0 },
    { false, 0x3000, 0x300,  0x4000, 0x100,  0x5C, 2 },
    { false, 0x3000, 0x100,  0x4000, 0x300,  0x5C, 1 },
    { false, 0x27FE, 0x3000, 0x47F0, 0x2A00, 0xC1, 2 },   /* several CC 3 units */
    { false, 0x20000, 0x9000, 0x30000, 0x9000, 0,  0 },
    { true,  0xAB003000, 0x00000300, 0xCD004000, 0x00000100, 0x40, 2 },
    { false, 0x3000, 0x5000, 0x3000, 0x5000, 0,    0 },   /* same place */
};

static void test_mvcle(void)
{
    static uint8_t ref[MEMSIZE];
    for (unsigned r = 0; r < sizeof mvcle_rows / sizeof mvcle_rows[0]; r++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        if (mvcle_rows[r].amode24)
            set_amode24(m);
        uint32_t am = c->amask;
        c->gr[2] = mvcle_rows[r].r2;
        c->gr[3] = mvcle_rows[r].r3;
        c->gr[4] = mvcle_rows[r].r4;
        c->gr[5] = mvcle_rows[r].r5;
        uint8_t code[4];
        enc_rs(code, 0xA8, 2, 4, 0, 0xF00 | mvcle_rows[r].pad);  /* pad = low 8 bits */
        fill_pattern(m, 0x2000, 0x40000);
        memcpy(ref, m->mem, MEMSIZE);
        uint32_t a1 = mvcle_rows[r].r2 & am, l1 = mvcle_rows[r].r3;
        uint32_t a2 = mvcle_rows[r].r4 & am, l2 = mvcle_rows[r].r5;
        unsigned runs = 0;
        do {
            CU_ASSERT_EQUAL_FATAL(tm_exec(m, code, 4, 1), 0);
            runs++;
            /* progress is consistent after every unit */
            CHECK(r, ((c->gr[2] - a1) & am) == l1 - c->gr[3]);
        } while (c->cc == 3 && runs < 1000);
        CHECK(r, c->cc == mvcle_rows[r].cc);
        CHECK(r, (l1 > 0x1000) == (runs > 1));
        uint32_t n = l1 < l2 ? l1 : l2;
        CHECK(r, c->gr[2] == ((a1 + l1) & am));
        CHECK(r, c->gr[3] == 0);
        CHECK(r, c->gr[4] == ((a2 + n) & am));
        CHECK(r, c->gr[5] == l2 - n);
        for (uint32_t i = 0; i < l1; i++)
            ref[a1 + i] = i < l2 ? ref[a2 + i] : mvcle_rows[r].pad;
        CHECK(r, memcmp(m->mem + 0x2000, ref + 0x2000, 0x40000) == 0);
        tm_free(m);
    }
}

/* S/370 mode: MVC and MVCL work with 24-bit addresses; MVCIN, MVCLE and
 * CLCLE are ESA/390 instructions. */
static void test_s370(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    fill_pattern(m, 0x2000, 0x4000);
    uint8_t mvcl[2] = { 0x0E, 0x24 };
    c->gr[2] = 0xAB003000; c->gr[3] = 0xCD000200;
    c->gr[4] = 0xEF004000; c->gr[5] = 0x5C000100;
    CU_ASSERT_EQUAL(tm_exec(m, mvcl, 2, 1), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    CU_ASSERT_EQUAL(c->gr[2], 0x00003200);
    CU_ASSERT_EQUAL(c->gr[3], 0xCD000000);
    CU_ASSERT_EQUAL(c->gr[4], 0x00004100);
    CU_ASSERT_EQUAL(c->gr[5], 0x5C000000);
    CU_ASSERT_EQUAL(m->mem[0x30FF], pat(0x40FF));
    CU_ASSERT_EQUAL(m->mem[0x3100], 0x5C);
    CU_ASSERT_EQUAL(m->mem[0x31FF], 0x5C);
    CU_ASSERT_EQUAL(m->mem[0x3200], pat(0x3200));
    uint8_t mvc[6];
    enc_ss(mvc, 0xD2, 1, 0, 0x500, 0, 0x600);       /* MVC X'500'(2),X'600' */
    m->mem[0x600] = 0x12;
    m->mem[0x601] = 0x34;
    CU_ASSERT_EQUAL(tm_exec(m, mvc, 6, 1), 0);
    CU_ASSERT_EQUAL(m->mem[0x500], 0x12);
    CU_ASSERT_EQUAL(m->mem[0x501], 0x34);
    tm_free(m);

    static const uint8_t esa_only[][6] = {
        { 0xE8, 0x00, 0x05, 0x00, 0x06, 0x00 },     /* MVCIN */
        { 0xA8, 0x24, 0x00, 0x00 },                 /* MVCLE */
        { 0xA9, 0x24, 0x00, 0x00 },                 /* CLCLE */
    };
    for (unsigned r = 0; r < 3; r++) {
        m = tm_new(ARCH_S370);
        CHECK(r, tm_exec(m, esa_only[r], 6, 1) == PGM_OPERATION);
        tm_free(m);
    }
}

void register_move_tests(void);
void register_move_tests(void)
{
    CU_pSuite s = CU_add_suite("move", NULL, NULL);
    CU_add_test(s, "MVC overlap, pages, addressing", test_mvc);
    CU_add_test(s, "MVC protection leaves storage", test_mvc_protection);
    CU_add_test(s, "MVI", test_mvi);
    CU_add_test(s, "MVN MVZ", test_mvn_mvz);
    CU_add_test(s, "MVCIN", test_mvcin);
    CU_add_test(s, "TR", test_tr);
    CU_add_test(s, "TR addressing leaves storage", test_tr_addressing);
    CU_add_test(s, "TRT", test_trt);
    CU_add_test(s, "CLC condition codes", test_clc);
    CU_add_test(s, "MVCL", test_mvcl);
    CU_add_test(s, "MVCL/CLCL odd register", test_mvcl_odd_register);
    CU_add_test(s, "CLCL", test_clcl);
    CU_add_test(s, "CLCLE", test_clcle);
    CU_add_test(s, "CLCL/CLCLE long operands", test_clcl_long);
    CU_add_test(s, "MVCLE", test_mvcle);
    CU_add_test(s, "S/370 mode", test_s370);
}
