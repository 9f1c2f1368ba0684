/*
 * test_storage.c — the storage layer (cpu370/storage.c): prefixing,
 * key-controlled protection with the fetch- and storage-protection
 * overrides, reference and change recording, and operands that cross a
 * page boundary.  ESA/390 PoO SA22-7201 ch. 3 "Storage"; S/370 PoO
 * GA22-7000 ch. 3.
 *
 * Accesses are made by real instructions that touch storage and exist in
 * both architectures: STCTL (store, any length up to 64 bytes), LCTL
 * (fetch), STPX (store a word).  They use CR10 and CR11, which nothing
 * here depends on.
 */
#include "tests/unit/testutil.h"

#define RS(op, r1, r3, b, d)  { op, (r1) << 4 | (r3), (b) << 4 | ((d) >> 8), (d) & 0xFF }

/* After a program interruption: carry on with the interrupted PSW (see
 * test_control.c). */
static void resume(Machine *m)
{
    Cpu *c = m->cpu;
    c->pgm_loop = 0;
    if (psw_wait(c) && c->ia == TM_PGM_TRAP) {
        psw_load(c, m->mem + c->prefix + PSA_PGM_OLD);
        c->psw.states &= (uint8_t)~PSWS_WAIT;
        cpu_state_changed(c);
    }
}

static int exec1(Machine *m, const uint8_t *insn)
{
    resume(m);
    return tm_exec(m, insn, insn_length(insn[0]), 1);
}

static void set_key(Machine *m, unsigned key)
{
    resume(m);
    m->cpu->psw.key = (uint8_t)key;
    cpu_state_changed(m->cpu);
}

/* STCTL 10,11 / LCTL 10,11 at d(12): eight bytes */
static int store8(Machine *m, uint32_t a)
{
    m->cpu->gr[12] = a;
    const uint8_t stctl[] = RS(0xB6, 10, 11, 12, 0);
    return exec1(m, stctl);
}

static int fetch8(Machine *m, uint32_t a)
{
    m->cpu->gr[12] = a;
    const uint8_t lctl[] = RS(0xB7, 10, 11, 12, 0);
    return exec1(m, lctl);
}

/* ---- prefixing ----------------------------------------------------------------- */

static void test_prefixing(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        /* prefix 0: real is absolute */
        CU_ASSERT_EQUAL(stor_real_to_abs(c, 0x123), 0x123);
        CU_ASSERT_EQUAL(stor_real_to_abs(c, 0x5123), 0x5123);
        c->prefix = 0x5000;
        static const struct { uint32_t real, abs; } v[] = {
            { 0x00000, 0x05000 }, { 0x00FFF, 0x05FFF },       /* page 0 -> prefix */
            { 0x05000, 0x00000 }, { 0x05ABC, 0x00ABC },       /* prefix -> page 0 */
            { 0x01000, 0x01000 }, { 0x04FFF, 0x04FFF },       /* others unchanged */
            { 0x06000, 0x06000 }, { 0x80000, 0x80000 },
        };
        for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
            CU_ASSERT_EQUAL(stor_real_to_abs(c, v[i].real), v[i].abs);
        /* absolute storage bounds */
        CU_ASSERT_PTR_NOT_NULL(stor_abs_ptr(c, 0xFFFFC, 4));
        CU_ASSERT_PTR_NULL(stor_abs_ptr(c, 0xFFFFD, 4));
        CU_ASSERT_PTR_NULL(stor_abs_ptr(c, 0x100000, 1));
        CU_ASSERT_PTR_NULL(stor_abs_ptr(c, 0xFFFFFFFF, 2));
        tm_free(m);
    }
}

/* Prefixing as instructions see it, both ways: a store to real 0-4095 goes
 * to the prefix area, one to the prefix area goes to absolute 0. */
static void test_prefixing_through_instructions(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    memcpy(m->mem + 0x7000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
    c->prefix = 0x7000;
    tlb_purge(c);
    c->cr[10] = 0x0A0A0A0A;
    c->cr[11] = 0x0B0B0B0B;
    CU_ASSERT_EQUAL(store8(m, 0x200), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x7200), 0x0A0A0A0A);
    CU_ASSERT_EQUAL(tm_get32(m, 0x200), 0);
    CU_ASSERT_EQUAL(store8(m, 0x7300), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x300), 0x0A0A0A0A);
    CU_ASSERT_EQUAL(tm_get32(m, 0x7300), 0);
    /* an operand across the end of page 0: 4 bytes prefixed, 4 not */
    CU_ASSERT_EQUAL(store8(m, 0xFFC), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x7FFC), 0x0A0A0A0A);
    CU_ASSERT_EQUAL(tm_get32(m, 0x1000), 0x0B0B0B0B);
    /* the TLB follows a prefix change */
    c->prefix = 0x9000;
    memcpy(m->mem + 0x9000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
    tlb_purge(c);
    CU_ASSERT_EQUAL(store8(m, 0x200), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x9200), 0x0A0A0A0A);
    tm_free(m);
}

/* ---- key-controlled protection ---------------------------------------------------- */

typedef struct KeyVec {
    unsigned psw_key;
    uint8_t  skey;
    uint32_t cr0;
    uint32_t va;
    bool     fetch, store;
} KeyVec;

#define FPO CR0_FETCH_PROT_OVR
#define SPO CR0_STORE_PROT_OVR

static void test_key_rules(void)
{
    static const KeyVec v[] = {
        { 0, 0x38, 0,   0x3000, true,  true  },    /* key 0: everything      */
        { 3, 0x38, 0,   0x3000, true,  true  },    /* keys match             */
        { 4, 0x30, 0,   0x3000, true,  false },    /* no F: fetch only       */
        { 4, 0x38, 0,   0x3000, false, false },    /* F: neither             */
        { 4, 0x38, FPO, 0x07FF, true,  false },    /* FPO: 0-2047 fetchable  */
        { 4, 0x38, FPO, 0x0800, false, false },    /* ... only those         */
        { 4, 0x98, 0,   0x3000, false, false },    /* key 9 is just a key    */
        { 4, 0x98, SPO, 0x3000, true,  true  },    /* SPO: key 9 open        */
        { 4, 0x88, SPO, 0x3000, false, false },    /* ... only key 9         */
        { 9, 0x98, 0,   0x3000, true,  true  },
    };
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        c->cr[0] = 0xE0 | v[i].cr0;
        CU_ASSERT_EQUAL(stor_key_allows(c, v[i].psw_key, v[i].skey, v[i].va, ACC_FETCH), v[i].fetch);
        CU_ASSERT_EQUAL(stor_key_allows(c, v[i].psw_key, v[i].skey, v[i].va, ACC_STORE), v[i].store);
    }
    tm_free(m);
}

/* The same rules through instructions, with the TLB in the way: a key-1
 * PSW, storage of key 2. */
static void test_key_protection_instructions(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        m->keys[0x3000 >> 11] = 0x20;
        memset(m->mem + 0x3000, 0x5A, 16);
        set_key(m, 1);
        CU_ASSERT_EQUAL(fetch8(m, 0x3000), 0);
        CU_ASSERT_EQUAL(c->cr[10], 0x5A5A5A5A);
        CU_ASSERT_EQUAL(store8(m, 0x3000), PGM_PROTECTION);
        CU_ASSERT_EQUAL(tm_get32(m, 0x3000), 0x5A5A5A5A);
        /* fetch protection */
        m->keys[0x3000 >> 11] = 0x28;
        tlb_purge(c);
        c->cr[10] = 0;
        CU_ASSERT_EQUAL(fetch8(m, 0x3000), PGM_PROTECTION);
        CU_ASSERT_EQUAL(c->cr[10], 0);
        /* the right key */
        set_key(m, 2);
        CU_ASSERT_EQUAL(store8(m, 0x3000), 0);
        tm_free(m);
    }
}

/* Fetch-protection override (CR0 bit 6) and storage-protection override
 * (CR0 bit 7), ESA/390. */
static void test_overrides(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    m->keys[0] = 0x28;                      /* absolute 0-2047: key 2, F */
    m->keys[1] = 0x28;                      /* 2048-4095                 */
    set_key(m, 1);
    CU_ASSERT_EQUAL(fetch8(m, 0x100), PGM_PROTECTION);
    c->cr[0] |= CR0_FETCH_PROT_OVR;
    tlb_purge(c);
    CU_ASSERT_EQUAL(fetch8(m, 0x100), 0);
    CU_ASSERT_EQUAL(fetch8(m, 0x7F8), 0);
    CU_ASSERT_EQUAL(fetch8(m, 0x800), PGM_PROTECTION);
    CU_ASSERT_EQUAL(store8(m, 0x100), PGM_PROTECTION);    /* fetch only */

    m->keys[0x3000 >> 11] = 0x98;
    CU_ASSERT_EQUAL(store8(m, 0x3000), PGM_PROTECTION);
    CU_ASSERT_EQUAL(fetch8(m, 0x3000), PGM_PROTECTION);
    c->cr[0] |= CR0_STORE_PROT_OVR;
    tlb_purge(c);
    c->cr[10] = 0x12345678;
    CU_ASSERT_EQUAL(store8(m, 0x3000), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x3000), 0x12345678);
    CU_ASSERT_EQUAL(fetch8(m, 0x3000), 0);
    m->keys[0x3000 >> 11] = 0x88;           /* key 8: no override */
    tlb_purge(c);
    CU_ASSERT_EQUAL(store8(m, 0x3000), PGM_PROTECTION);
    tm_free(m);
}

/* ---- reference and change bits ----------------------------------------------------- */

static void test_reference_change(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        CU_ASSERT_EQUAL(store8(m, 0x3000), 0);
        CU_ASSERT_EQUAL(m->keys[0x3000 >> 11], SK_REF | SK_CHANGE);
        CU_ASSERT_EQUAL(m->keys[0x3800 >> 11], 0);
        CU_ASSERT_EQUAL(fetch8(m, 0x4000), 0);
        CU_ASSERT_EQUAL(m->keys[0x4000 >> 11], SK_REF);
        /* the instruction fetch references the code */
        CU_ASSERT(m->keys[TM_CODE >> 11] & SK_REF);
        CU_ASSERT_EQUAL(m->keys[TM_CODE >> 11] & SK_CHANGE, 0);
        /* an operand over two blocks marks both */
        CU_ASSERT_EQUAL(store8(m, 0x57FC), 0);
        CU_ASSERT_EQUAL(m->keys[0x5000 >> 11], SK_REF | SK_CHANGE);
        CU_ASSERT_EQUAL(m->keys[0x5800 >> 11], SK_REF | SK_CHANGE);
        /* after the bits are reset (and the TLB purged, as the key
         * instructions do), the next access sets them again */
        m->keys[0x4000 >> 11] = 0;
        m->keys[0x3000 >> 11] = 0;
        tlb_purge(c);
        CU_ASSERT_EQUAL(fetch8(m, 0x4000), 0);
        CU_ASSERT_EQUAL(m->keys[0x4000 >> 11], SK_REF);
        CU_ASSERT_EQUAL(fetch8(m, 0x3000), 0);
        CU_ASSERT_EQUAL(m->keys[0x3000 >> 11], SK_REF);
        CU_ASSERT_EQUAL(store8(m, 0x3000), 0);
        CU_ASSERT_EQUAL(m->keys[0x3000 >> 11], SK_REF | SK_CHANGE);
        /* keys follow absolute storage: prefixing */
        memcpy(m->mem + 0x8000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
        c->prefix = 0x8000;
        tlb_purge(c);
        m->keys[0] = m->keys[0x8000 >> 11] = 0;
        CU_ASSERT_EQUAL(store8(m, 0x400), 0);
        CU_ASSERT_EQUAL(m->keys[0x8000 >> 11], SK_REF | SK_CHANGE);
        CU_ASSERT_EQUAL(m->keys[0], 0);
        tm_free(m);
    }
}

/* A protection exception and a fetch leave no change bit. */
static void test_no_change_without_store(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    m->keys[0x3000 >> 11] = 0x20;
    set_key(m, 1);
    CU_ASSERT_EQUAL(store8(m, 0x3000), PGM_PROTECTION);
    CU_ASSERT_EQUAL(m->keys[0x3000 >> 11] & SK_CHANGE, 0);
    /* an operand over two pages, the second protected: the first page,
     * its own key allowing the store, is not marked changed either */
    m->keys[0x2800 >> 11] = 0x10;
    CU_ASSERT_EQUAL(store8(m, 0x2FFC), PGM_PROTECTION);
    CU_ASSERT_EQUAL(m->keys[0x2800 >> 11] & SK_CHANGE, 0);
    tm_free(m);
}

/* ---- operands across a page boundary ----------------------------------------------- */

/* A store whose second page is protected: nothing is stored, not even in
 * the first page.  STCTL 0,15 stores 64 bytes. */
static void test_crossing_store_protection(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        m->keys[0x3000 >> 11] = 0x10;
        m->keys[0x3800 >> 11] = 0x20;
        memset(m->mem + 0x3700, 0x5A, 0x200);
        for (int i = 0; i < 16; i++)
            c->cr[i] = 0x11111111u * (uint32_t)(i & 7);
        set_key(m, 1);
        c->gr[12] = 0x37E0;
        const uint8_t stctl[] = RS(0xB6, 0, 15, 12, 0);
        CU_ASSERT_EQUAL(exec1(m, stctl), PGM_PROTECTION);
        for (unsigned i = 0x37E0; i < 0x3820; i++)
            if (m->mem[i] != 0x5A) {
                CU_FAIL("storage changed by a suppressed store");
                break;
            }
        /* and the fetch side: LCTL over a fetch-protected second page
         * changes no control register */
        m->keys[0x3800 >> 11] = 0x28;
        tlb_purge(c);
        uint32_t cr5 = c->cr[5];
        const uint8_t lctl[] = RS(0xB7, 0, 15, 12, 0);
        CU_ASSERT_EQUAL(exec1(m, lctl), PGM_PROTECTION);
        CU_ASSERT_EQUAL(c->cr[5], cr5);
        /* outside storage: addressing, same rule */
        c->gr[12] = 0xFFFE0;
        memset(m->mem + 0xFFFE0, 0x5A, 0x20);
        set_key(m, 0);
        CU_ASSERT_EQUAL(exec1(m, stctl), PGM_ADDRESSING);
        CU_ASSERT_EQUAL(m->mem[0xFFFE0], 0x5A);
        tm_free(m);
    }
}

/* With DAT: a store whose second page is invalid faults (nullified, TEA of
 * the second page) and the first page is unchanged. */
static void test_crossing_store_page_fault(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    for (unsigned i = 0; i < 16; i++)
        st_be32(m->mem + 0x80000 + 4 * i, 0x20);
    st_be32(m->mem + 0x80000, 0x81000 | 0xF);
    for (unsigned i = 0; i < 256; i++)
        st_be32(m->mem + 0x81000 + 4 * i, i << 12);
    st_be32(m->mem + 0x81000 + 4 * 0x31, 0x31000 | 0x400);
    c->cr[0] = (c->cr[0] & ~CR0_TRANS_FORMAT) | CR0_TRANS_FORMAT_ESA;
    c->cr[1] = 0x80000;
    c->psw.sysmask = 0x04;
    tlb_purge(c);
    memset(m->mem + 0x30F00, 0x5A, 0x200);
    c->gr[12] = 0x30FF0;
    const uint8_t stctl[] = RS(0xB6, 0, 15, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, stctl), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x31000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000 | TM_CODE);
    for (unsigned i = 0x30FF0; i < 0x31000; i++)
        CU_ASSERT_EQUAL(m->mem[i], 0x5A);
    /* the handler validates the page; re-executed, the store completes */
    st_be32(m->mem + 0x81000 + 4 * 0x31, 0x31000);
    CU_ASSERT_EQUAL(exec1(m, stctl), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x30FF0), c->cr[0]);
    CU_ASSERT_EQUAL(tm_get32(m, 0x31000), c->cr[4]);
    tm_free(m);
}

void register_storage_tests(void)
{
    CU_pSuite s = CU_add_suite("storage", NULL, NULL);
    CU_add_test(s, "prefixing, real to absolute", test_prefixing);
    CU_add_test(s, "prefixing through instructions", test_prefixing_through_instructions);
    CU_add_test(s, "key-controlled protection rules", test_key_rules);
    CU_add_test(s, "key-controlled protection through instructions", test_key_protection_instructions);
    CU_add_test(s, "fetch- and storage-protection override", test_overrides);
    CU_add_test(s, "reference and change bits", test_reference_change);
    CU_add_test(s, "no change bit without a store", test_no_change_without_store);
    CU_add_test(s, "page-crossing operand: protection", test_crossing_store_protection);
    CU_add_test(s, "page-crossing operand: page fault", test_crossing_store_page_fault);
}
