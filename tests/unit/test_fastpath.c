/*
 * test_fastpath.c — the run loop's fast paths (cpu370/fastpath.h) and its
 * instruction-page cache (run_batch() in cpu370/cpu.c).
 *
 * A fast path must do exactly what its handler does.  The differential
 * test runs random instances of every instruction with a fast path twice
 * on fresh machines: once as the run loop runs it, once with c->fastpath
 * cleared, so that the dispatch table's handler runs it; registers, CC,
 * instruction address, program interruption, storage and storage keys
 * must come out the same.  The operands straddle a 2K page boundary, so
 * aligned, unaligned and page-crossing accesses occur, under a PSW key
 * that storage protection may refuse, and with the fixed-point-overflow
 * mask on or off.
 */
#include <stdlib.h>

#include "cpu370/fastpath.h"
#include "tests/unit/testutil.h"

#define DATA_PAGE 0x2800u           /* the 2K page boundary the operands straddle */

typedef struct Case {
    uint8_t  insn[6];
    uint32_t gr[16];
    uint8_t  cc, pm, psw_key, skey_lo, skey_hi;
    bool     a31;
    uint8_t  data[64];              /* at DATA_PAGE - 32 */
} Case;

typedef struct Outcome {
    int      pgm;
    uint32_t gr[16], ia;
    uint8_t  cc;
    uint8_t  data[64];
    uint8_t  skey_lo, skey_hi;
    uint64_t icount;
} Outcome;

static uint32_t rnd(void)
{
    return (uint32_t)random() << 16 ^ (uint32_t)random();
}

/* An interesting 32-bit value: small, near a sign boundary, or random. */
static uint32_t rnd_value(void)
{
    static const uint32_t edge[] = { 0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF8000,
                                     0x00007FFF, 0x00008000, 31, 32, 63 };
    return random() % 3 ? rnd() : edge[random() % (sizeof edge / sizeof edge[0])];
}

static Outcome run_case(Arch arch, const Case *k, bool fast)
{
    Machine *m = tm_new(arch);
    Cpu *c = m->cpu;
    Outcome o;
    if (arch == ARCH_ESA390 && !k->a31) {
        c->psw.amode31 = false;
        c->ia &= 0x00FFFFFF;
    }
    memcpy(c->gr, k->gr, sizeof c->gr);
    c->cc = k->cc;
    c->psw.pm = k->pm;
    c->psw.key = k->psw_key;
    cpu_state_changed(c);
    c->keys[(DATA_PAGE >> 11) - 1] = k->skey_lo;
    c->keys[DATA_PAGE >> 11] = k->skey_hi;
    tm_put(m, DATA_PAGE - 32, k->data, sizeof k->data);
    tm_put(m, TM_CODE, k->insn, sizeof k->insn);
    c->ia = TM_CODE;
    if (!fast)
        c->fastpath = 0;
    c->max_insns = c->icount + 1;
    o.pgm = 0;
    st_be32(m->mem + PSA_PGM_OLD + 4, 0xFFFFFFFF);
    cpu_run(c);
    if (ld_be32(m->mem + PSA_PGM_OLD + 4) != 0xFFFFFFFF)
        o.pgm = arch == ARCH_S370 ? ld_be16(m->mem + PSA_PGM_OLD + 2) :
                                    ld_be16(m->mem + PSA_PGM_CODE);
    memcpy(o.gr, c->gr, sizeof o.gr);
    o.ia = o.pgm ? ld_be32(m->mem + PSA_PGM_OLD + 4) : c->ia;
    o.cc = c->cc;
    memcpy(o.data, m->mem + DATA_PAGE - 32, sizeof o.data);
    o.skey_lo = c->keys[(DATA_PAGE >> 11) - 1];
    o.skey_hi = c->keys[DATA_PAGE >> 11];
    o.icount = c->icount;
    tm_free(m);
    return o;
}

/* A random instance of the instruction with the fast path `row`: operands
 * near DATA_PAGE through base register 12 and index register 11. */
static void make_case(Case *k, uint8_t op, int ext)
{
    memset(k, 0, sizeof *k);
    for (int r = 0; r < 16; r++)
        k->gr[r] = rnd_value();
    k->gr[11] = random() % 2 ? (uint32_t)(random() % 8) : 0;
    k->gr[12] = DATA_PAGE - 24 + (uint32_t)(random() % 32);
    for (unsigned i = 0; i < sizeof k->data; i++)
        k->data[i] = (uint8_t)rnd();
    k->cc = (uint8_t)(random() % 4);
    k->pm = random() % 2 ? PM_FIXED_OVERFLOW : 0;
    k->a31 = random() % 4 != 0;
    /* PSW key 0 may do anything; key 2 may fetch key-0 storage without
     * fetch protection and store nowhere but in key-2 storage. */
    static const uint8_t skeys[] = { 0x00, 0x20, 0x08, 0x28 };
    k->psw_key = random() % 3 ? 0 : 2;
    k->skey_lo = skeys[random() % 4];
    k->skey_hi = skeys[random() % 4];
    unsigned r1 = (unsigned)random() % 16, r2 = (unsigned)random() % 16;
    unsigned d = (unsigned)random() % 16;
    k->insn[0] = op;
    if (ext >= 0) {                                      /* A7x, C0x */
        k->insn[1] = (uint8_t)(r1 << 4 | (unsigned)ext);
        uint32_t i = random() % 2 ? rnd() : (uint32_t)(random() % 64) - 32;
        st_be32(k->insn + 2, i);
    } else if (op < 0x40) {                              /* RR */
        k->insn[1] = (uint8_t)(r1 << 4 | r2);
    } else if (op >= 0x88 && op <= 0x8A) {               /* RS shifts */
        k->insn[1] = (uint8_t)(r1 << 4);
        k->insn[2] = (uint8_t)(random() % 2 ? 0xC0 : 0x00);
        k->insn[3] = (uint8_t)(random() % 70);
    } else if (op >= 0x90) {                             /* SI */
        k->insn[1] = (uint8_t)rnd();
        k->insn[2] = 0xC0;
        k->insn[3] = (uint8_t)d;
    } else {                                             /* RX */
        k->insn[1] = (uint8_t)(r1 << 4 | (random() % 2 ? 11 : 0));
        k->insn[2] = 0xC0;
        k->insn[3] = (uint8_t)d;
    }
}

static void compare_case(Arch arch, const Case *k)
{
    Outcome f = run_case(arch, k, true), h = run_case(arch, k, false);
    bool same = f.pgm == h.pgm && !memcmp(f.gr, h.gr, sizeof f.gr) && f.ia == h.ia &&
                f.cc == h.cc && !memcmp(f.data, h.data, sizeof f.data) &&
                f.skey_lo == h.skey_lo && f.skey_hi == h.skey_hi && f.icount == h.icount;
    if (!same)
        fprintf(stderr, "\nfast path differs: %s %02X%02X%02X%02X%02X%02X: pgm %d/%d ia %08X/%08X "
                "cc %u/%u\n", arch == ARCH_S370 ? "S/370" : "ESA/390", k->insn[0], k->insn[1],
                k->insn[2], k->insn[3], k->insn[4], k->insn[5], f.pgm, h.pgm, f.ia, h.ia, f.cc,
                h.cc);
    CU_ASSERT_TRUE(same);
}

static void test_fast_equals_handler(void)
{
    static const uint8_t ops[] = {
#define FAST_OP(op, handler, fn) op,
        FAST_OPS(FAST_OP)
#undef FAST_OP
    };
    static const uint8_t a7[] = {
#define FAST_X(x, handler, fn) x,
        FAST_A7(FAST_X)
    };
    static const uint8_t c0[] = {
        FAST_C0(FAST_X)
#undef FAST_X
    };
    srandom(370);
    for (int a = 0; a < NUM_ARCH; a++) {
        Arch arch = (Arch)a;
        for (int rep = 0; rep < 60; rep++) {
            Case k;
            for (unsigned i = 0; i < sizeof ops; i++) {
                make_case(&k, ops[i], -1);
                compare_case(arch, &k);
            }
            for (unsigned i = 0; i < sizeof a7; i++) {
                make_case(&k, 0xA7, a7[i]);
                compare_case(arch, &k);
            }
            for (unsigned i = 0; i < sizeof c0; i++) {
                make_case(&k, 0xC0, c0[i]);
                compare_case(arch, &k);
            }
        }
    }
}

/* The tables of the machine allow every fast path in ESA/390 mode and the
 * one-byte opcodes in S/370 mode (where A7 and C0 are not instructions). */
static void test_fast_tables(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        unsigned want = a == ARCH_ESA390 ? FASTPATH_ON | FASTPATH_REL : FASTPATH_ON;
        CU_ASSERT_EQUAL(c->fastpath, want);
        c->psw.states |= PSWS_PROBLEM;
        cpu_state_changed(c);
        CU_ASSERT_EQUAL(c->fastpath, want);
        tm_free(m);
    }
}

/* Run `n` instructions from `start` in one cpu_run (long batches), with
 * or without the fast paths; GR1 and GR2 and the count come back. */
static void run_program(Machine *m, uint32_t start, unsigned n, bool fast)
{
    Cpu *c = m->cpu;
    c->ia = start;
    c->max_insns = c->icount + n;
    cpu_state_changed(c);
    if (!fast)
        c->fastpath = 0;
    cpu_run(c);
}

/* The instruction-page cache: a branch from the page above to an
 * instruction that crosses into it, then sequential execution there, in a
 * loop; and sequential execution from one page into the next. */
static void test_page_cache(void)
{
    for (int fast = 0; fast < 2; fast++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        /* 27FE AHI 1,1 (crosses 2800)   2802 AHI 2,2   2806 BRCT 3,27FE
         * 280A BRC 15,2820 ... 2820 AHI 2,16 and sequential code up to
         * the next page: 2824.. 2FFC LR 4,4 (2-byte), 3000 AHI 1,256 */
        static const uint8_t loop[] = { 0xA7, 0x1A, 0x00, 0x01, 0xA7, 0x2A, 0x00, 0x02,
                                        0xA7, 0x36, 0xFF, 0xFC, 0xA7, 0xF4, 0x00, 0x0B };
        tm_put(m, 0x27FE, loop, sizeof loop);
        static const uint8_t ahi16[] = { 0xA7, 0x2A, 0x00, 0x10 };
        tm_put(m, 0x2820, ahi16, 4);
        for (uint32_t a = 0x2824; a < 0x3000; a += 2)
            tm_put(m, a, (const uint8_t[]){ 0x18, 0x44 }, 2);
        static const uint8_t ahi256[] = { 0xA7, 0x1A, 0x01, 0x00 };
        tm_put(m, 0x3000, ahi256, 4);
        /* start at 2810: BRC 15,27FE */
        static const uint8_t start[] = { 0xA7, 0xF4, 0xFF, 0xF7 };
        tm_put(m, 0x2810, start, 4);
        c->gr[1] = c->gr[2] = 0;
        c->gr[3] = 5;
        unsigned n = 1 + 5 * 3 + 1 + 1 + (0x3000 - 0x2824) / 2 + 1;
        run_program(m, 0x2810, n, fast);
        CU_ASSERT_EQUAL(c->gr[1], 5 + 256);
        CU_ASSERT_EQUAL(c->gr[2], 5 * 2 + 16);
        CU_ASSERT_EQUAL(c->gr[3], 0);
        CU_ASSERT_EQUAL(c->ia, 0x3004);
        CU_ASSERT_EQUAL(c->icount, n);
        tm_free(m);
    }
}

/* Sequential execution into storage that is not there: an addressing
 * exception on instruction fetch after the right count, with the same old
 * PSW with and without the fast paths. */
static void test_run_off_storage(void)
{
    uint8_t old[2][8];
    for (int fast = 0; fast < 2; fast++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        uint32_t end = m->memsize;
        for (uint32_t a = end - 64; a < end; a += 2)
            tm_put(m, a, (const uint8_t[]){ 0x18, 0x12 }, 2);    /* LR 1,2 */
        run_program(m, end - 64, 100, fast);
        CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), PGM_ADDRESSING);
        CU_ASSERT_EQUAL(c->icount, 32);
        memcpy(old[fast], m->mem + PSA_PGM_OLD, 8);
        tm_free(m);
    }
    CU_ASSERT_EQUAL(memcmp(old[0], old[1], 8), 0);
}

void register_fastpath_tests(void)
{
    CU_pSuite s = CU_add_suite("fastpath", NULL, NULL);
    CU_add_test(s, "machine tables allow the fast paths", test_fast_tables);
    CU_add_test(s, "fast paths do what their handlers do", test_fast_equals_handler);
    CU_add_test(s, "instruction-page cache: crossing, branching, sequential", test_page_cache);
    CU_add_test(s, "sequential execution off the end of storage", test_run_off_storage);
}
