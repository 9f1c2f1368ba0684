/*
 * test_dat.c — dynamic address translation (cpu370/dat.c) and the
 * instructions around it (LRA, IPTE, PTLB, TPROT, IVSK), checked against
 * ESA/390 PoO SA22-7201 ch. 3 "Dynamic address translation" and S/370 PoO
 * GA22-7000 ch. 3 (2K/4K pages, 64K/1M segments).
 *
 * The first half builds segment and page tables in the machine's storage
 * and calls dat_translate() directly: every exception it can report, the
 * translation-exception address, the table-entry address LRA needs, page
 * protection.  The second half runs instructions with DAT on and checks
 * what the storage layer and its TLB make of the same tables.
 */
#include "tests/unit/testutil.h"
#include "cpu370/dat.h"

#define RX(op, r1, x, b, d)   { op, (r1) << 4 | (x), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define S(op, b, d)           { (op) >> 8, (op) & 0xFF, (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RRE(op, r1, r2)       { (op) >> 8, (op) & 0xFF, 0, (r1) << 4 | (r2) }
#define SS(op, r1, r3, b1, d1, b2, d2) \
    { op, (r1) << 4 | (r3), (b1) << 4 | ((d1) >> 8), (d1) & 0xFF, (b2) << 4 | ((d2) >> 8), (d2) & 0xFF }
#define SSE(op, b1, d1, b2, d2) \
    { (op) >> 8, (op) & 0xFF, (b1) << 4 | ((d1) >> 8), (d1) & 0xFF, (b2) << 4 | ((d2) >> 8), (d2) & 0xFF }

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

static void w32(Machine *m, uint32_t a, uint32_t v) { st_be32(m->mem + a, v); }
static void w16(Machine *m, uint32_t a, uint16_t v) { st_be16(m->mem + a, v); }

/* ---- ESA/390 tables ----------------------------------------------------------
 * Segment table at STO (32 entries, STL 1):
 *   segment 0: page table PT0 (256 entries), identity except:
 *     page 10: frame 40000;  page 11: invalid;  page 12: frame 41000,
 *     protected;  page 13: bit 20 one;  page 14: bit 23 one;
 *     page 50: frame 60000;  page 51: invalid
 *   segment 1: page table PT1, 16 entries (PTL 0), frame 70000 + 4K * px
 *   segment 2: invalid
 *   segment 3: page table outside storage
 *   segments 4-31: invalid
 */
#define STO  0x10000u
#define PT0  0x11000u
#define PT1  0x11400u

static void esa_tables(Machine *m)
{
    Cpu *c = m->cpu;
    for (unsigned i = 0; i < 32; i++)
        w32(m, STO + 4 * i, 0x20);
    w32(m, STO + 0, PT0 | 0x0F);
    w32(m, STO + 4, PT1 | 0x00);
    w32(m, STO + 12, 0x00F00000 | 0x0F);
    for (unsigned i = 0; i < 256; i++)
        w32(m, PT0 + 4 * i, i << 12);
    w32(m, PT0 + 4 * 0x10, 0x40000);
    w32(m, PT0 + 4 * 0x11, 0x11000 | 0x400);
    w32(m, PT0 + 4 * 0x12, 0x41000 | 0x200);
    w32(m, PT0 + 4 * 0x13, 0x13000 | 0x800);
    w32(m, PT0 + 4 * 0x14, 0x14000 | 0x100);
    w32(m, PT0 + 4 * 0x50, 0x60000);
    w32(m, PT0 + 4 * 0x51, 0x51000 | 0x400);
    for (unsigned i = 0; i < 16; i++)
        w32(m, PT1 + 4 * i, 0x70000 + (i << 12));
    c->cr[0] = (c->cr[0] & ~CR0_TRANS_FORMAT) | CR0_TRANS_FORMAT_ESA;
    c->cr[1] = STO | 1;
    c->cr[7] = c->cr[13] = c->cr[1];
    tlb_purge(c);
}

typedef struct DatVec {
    uint32_t va;
    int      code;
    uint32_t ra;           /* code 0                                    */
    bool     prot;
    uint32_t entry;        /* table entry (LRA), for codes 0, 10, 11    */
    bool     length;
} DatVec;

static void check_vec(Machine *m, int asc, const DatVec *v)
{
    DatResult r;
    int code = dat_translate(m->cpu, v->va, asc, &r);
    if (code != v->code)
        fprintf(stderr, "\n  va %08X: code %X, want %X", v->va, code, v->code);
    CU_ASSERT_EQUAL(code, v->code);
    if (code == 0) {
        CU_ASSERT_EQUAL(r.ra, v->ra);
        CU_ASSERT_EQUAL(r.prot, v->prot);
    }
    if (code == 0 || code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION) {
        CU_ASSERT_EQUAL(r.entry, v->entry);
        CU_ASSERT_EQUAL(r.length, v->length);
    }
    if (code == PGM_ADDRESSING)
        CU_ASSERT_TRUE(r.table_addressing);
}

static void test_esa_walk(void)
{
    static const DatVec vecs[] = {
        { 0x00010ABC, 0, 0x40ABC, false, PT0 + 0x40, false },
        { 0x00000123, 0, 0x00123, false, PT0, false },
        { 0x000FFFFF, 0, 0xFFFFF, false, PT0 + 0x3FC, false },
        { 0x00012008, 0, 0x41008, true,  PT0 + 0x48, false },
        { 0x00011000, PGM_PAGE_TRANSLATION, 0, false, PT0 + 0x44, false },
        { 0x00013000, PGM_TRANSLATION_SPEC, 0, false, 0, false },
        { 0x00014FFF, PGM_TRANSLATION_SPEC, 0, false, 0, false },
        { 0x0010F010, 0, 0x7F010, false, PT1 + 0x3C, false },
        { 0x00110000, PGM_PAGE_TRANSLATION, 0, false, PT1 + 0x40, true },
        { 0x001FF000, PGM_PAGE_TRANSLATION, 0, false, PT1 + 0x3FC, true },
        { 0x00200000, PGM_SEGMENT_TRANSLATION, 0, false, STO + 8, false },
        { 0x01F00000, PGM_SEGMENT_TRANSLATION, 0, false, STO + 0x7C, false },
        { 0x02000000, PGM_SEGMENT_TRANSLATION, 0, false, STO + 0x80, true },
        { 0x7FF00000, PGM_SEGMENT_TRANSLATION, 0, false, STO + 0x1FFC, true },
        { 0x00300000, PGM_ADDRESSING, 0, false, 0, false },
        /* bit 0 of a 31-bit address is not part of it */
        { 0x80010ABC, 0, 0x40ABC, false, PT0 + 0x40, false },
    };
    Machine *m = tm_new(ARCH_ESA390);
    esa_tables(m);
    for (unsigned i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
        check_vec(m, AS_PRIMARY, &vecs[i]);
    tm_free(m);
}

/* The TEA: bits 1-19 of the address, bits 30-31 the address space. */
static void test_esa_tea(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    static const struct { int asc; uint32_t bits; } as[] = {
        { AS_PRIMARY, 0 }, { AS_AR, 1 }, { AS_SECONDARY, 2 }, { AS_HOME, 3 },
    };
    for (unsigned i = 0; i < 4; i++) {
        DatResult r;
        CU_ASSERT_EQUAL(dat_translate(c, 0x00011ABC, as[i].asc, &r), PGM_PAGE_TRANSLATION);
        CU_ASSERT_EQUAL(r.tea, 0x00011000 | as[i].bits);
        CU_ASSERT_EQUAL(dat_translate(c, 0x00234567, as[i].asc, &r), PGM_SEGMENT_TRANSLATION);
        CU_ASSERT_EQUAL(r.tea, 0x00234000 | as[i].bits);
    }
    /* each space has its own segment table designation */
    c->cr[7] = STO + 0x1000;                 /* zeros: segment 0 valid, PTL 0 */
    c->cr[13] = 0x00F00000;                  /* outside storage              */
    DatResult r;
    CU_ASSERT_EQUAL(dat_translate(c, 0x00010000, AS_PRIMARY, &r), 0);
    CU_ASSERT_EQUAL(r.ra, 0x40000);
    CU_ASSERT_EQUAL(dat_translate(c, 0x00010000, AS_SECONDARY, &r), PGM_PAGE_TRANSLATION);
    CU_ASSERT_TRUE(r.length);
    CU_ASSERT_EQUAL(dat_translate(c, 0x00010000, AS_HOME, &r), PGM_ADDRESSING);
    CU_ASSERT_TRUE(r.table_addressing);
    tm_free(m);
}

/* CR0 bits 8-12 must be 10110. */
static void test_esa_cr0_format(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    static const uint32_t bad[] = { 0x00000000, 0x00800000, 0x00A00000, 0x00B80000, 0x00F80000 };
    for (unsigned i = 0; i < 5; i++) {
        DatResult r;
        c->cr[0] = (c->cr[0] & ~CR0_TRANS_FORMAT) | bad[i];
        CU_ASSERT_EQUAL(dat_translate(c, 0x10000, AS_PRIMARY, &r), PGM_TRANSLATION_SPEC);
    }
    tm_free(m);
}

/* ---- S/370 tables -------------------------------------------------------------
 * One layout per (page size, segment size).  Segment 0 maps page 3 to
 * frame 45000 (4K) or 45800 (2K), page 4 is invalid, page 5 has a
 * must-be-zero bit on; segment 1 is invalid; segment 2 has a page table
 * length 0 (one sixteenth of the maximum); segment 3 has bits 4-7 on. */
#define S370_STO 0x20000u
#define S370_PT  0x21000u
#define S370_PT2 0x22000u

typedef struct S370Geo {
    uint32_t cr0;
    unsigned page_shift, seg_shift;
} S370Geo;

static void s370_tables(Machine *m, const S370Geo *g)
{
    Cpu *c = m->cpu;
    bool k4 = g->page_shift == 12;
    for (unsigned i = 0; i < 16; i++)
        w32(m, S370_STO + 4 * i, 0x01);
    w32(m, S370_STO + 0, 0xF0000000 | S370_PT);
    w32(m, S370_STO + 8, 0x00000000 | S370_PT2);
    w32(m, S370_STO + 12, 0xF1000000 | S370_PT);
    unsigned npages = 1u << (g->seg_shift - g->page_shift);
    for (unsigned i = 0; i < npages; i++) {
        uint32_t frame = 0x80000 + (i << g->page_shift);
        w16(m, S370_PT + 2 * i, (uint16_t)(frame >> 8));
        w16(m, S370_PT2 + 2 * i, (uint16_t)(frame >> 8));
    }
    uint32_t f3 = k4 ? 0x45000 : 0x45800;
    w16(m, S370_PT + 6, (uint16_t)(f3 >> 8));
    w16(m, S370_PT + 8, (uint16_t)((0x46000 >> 8) | (k4 ? 0x8 : 0x4)));
    w16(m, S370_PT + 10, (uint16_t)((0x47000 >> 8) | 0x2));
    c->cr[0] = (c->cr[0] & ~(CR0_S370_PAGE_SIZE | CR0_S370_SEG_SIZE | 0x00200000)) | g->cr0;
    c->cr[1] = 0x00000000 | S370_STO;          /* STL 0: 16 entries */
    tlb_purge(c);
}

static void test_s370_walk(void)
{
    static const S370Geo geos[] = {
        { 0x00800000, 12, 16 },                  /* 4K pages, 64K segments */
        { 0x00400000, 11, 16 },                  /* 2K pages, 64K segments */
        { 0x00900000, 12, 20 },                  /* 4K pages, 1M segments  */
        { 0x00500000, 11, 20 },                  /* 2K pages, 1M segments  */
    };
    for (unsigned g = 0; g < 4; g++) {
        const S370Geo *geo = &geos[g];
        Machine *m = tm_new(ARCH_S370);
        Cpu *c = m->cpu;
        s370_tables(m, geo);
        uint32_t page = 1u << geo->page_shift, seg = 1u << geo->seg_shift;
        uint32_t f3 = geo->page_shift == 12 ? 0x45000 : 0x45800;
        DatResult r;

        /* page 3, the last byte */
        CU_ASSERT_EQUAL(dat_translate(c, 3 * page + page - 1, 0, &r), 0);
        CU_ASSERT_EQUAL(r.ra, f3 + page - 1);
        CU_ASSERT_EQUAL(r.entry, S370_PT + 6);
        CU_ASSERT_FALSE(r.prot);
        /* page 0 */
        CU_ASSERT_EQUAL(dat_translate(c, 0x10, 0, &r), 0);
        CU_ASSERT_EQUAL(r.ra, 0x80010);
        /* invalid page: TEA is the address */
        CU_ASSERT_EQUAL(dat_translate(c, 4 * page + 5, 0, &r), PGM_PAGE_TRANSLATION);
        CU_ASSERT_EQUAL(r.entry, S370_PT + 8);
        CU_ASSERT_FALSE(r.length);
        CU_ASSERT_EQUAL(r.tea & ~(page - 1), 4 * page);
        /* must-be-zero bit of the page-table entry */
        CU_ASSERT_EQUAL(dat_translate(c, 5 * page, 0, &r), PGM_TRANSLATION_SPEC);
        /* invalid segment */
        CU_ASSERT_EQUAL(dat_translate(c, seg + 0x20, 0, &r), PGM_SEGMENT_TRANSLATION);
        CU_ASSERT_EQUAL(r.entry, S370_STO + 4);
        CU_ASSERT_FALSE(r.length);
        /* segment 2, PTL 0: the first sixteenth of its pages only */
        uint32_t sixteenth = seg / 16;
        CU_ASSERT_EQUAL(dat_translate(c, 2 * seg + sixteenth - 1, 0, &r), 0);
        CU_ASSERT_EQUAL(dat_translate(c, 2 * seg + sixteenth, 0, &r), PGM_PAGE_TRANSLATION);
        CU_ASSERT_TRUE(r.length);
        CU_ASSERT_EQUAL(r.entry, S370_PT2 + 2 * (sixteenth >> geo->page_shift));
        /* segment 3: bits 4-7 of the entry on */
        CU_ASSERT_EQUAL(dat_translate(c, 3 * seg, 0, &r), PGM_TRANSLATION_SPEC);
        /* beyond the segment table (STL 0: 16 entries) */
        if (geo->seg_shift == 16) {
            CU_ASSERT_EQUAL(dat_translate(c, 16 * seg, 0, &r), PGM_SEGMENT_TRANSLATION);
            CU_ASSERT_TRUE(r.length);
            CU_ASSERT_EQUAL(r.entry, S370_STO + 64);
        }
        /* 24-bit addresses: bits 0-7 ignored */
        CU_ASSERT_EQUAL(dat_translate(c, 0xFF000010, 0, &r), 0);
        CU_ASSERT_EQUAL(r.ra, 0x80010);
        tm_free(m);
    }
}

static void test_s370_cr0_format(void)
{
    /* page size 00 and 11, segment size 01 and 11 are invalid */
    static const uint32_t bad[] = { 0x00000000, 0x00C00000, 0x00880000, 0x00980000 };
    for (unsigned i = 0; i < 4; i++) {
        Machine *m = tm_new(ARCH_S370);
        S370Geo g = { bad[i], 12, 16 };
        s370_tables(m, &g);
        DatResult r;
        CU_ASSERT_EQUAL(dat_translate(m->cpu, 0x3000, 0, &r), PGM_TRANSLATION_SPEC);
        tm_free(m);
    }
    /* the segment table outside storage */
    Machine *m = tm_new(ARCH_S370);
    S370Geo g = { 0x00800000, 12, 16 };
    s370_tables(m, &g);
    m->cpu->cr[1] = 0x00F00000;
    DatResult r;
    CU_ASSERT_EQUAL(dat_translate(m->cpu, 0x3000, 0, &r), PGM_ADDRESSING);
    CU_ASSERT_TRUE(r.table_addressing);
    tm_free(m);
}

/* Table origins are real addresses: prefixing applies to them. */
static void test_tables_are_real(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    c->prefix = 0x30000;
    DatResult r;
    /* a segment table at real 0 is at absolute 30000 */
    memcpy(m->mem + 0x30000, m->mem + STO, 128);
    c->cr[1] = 0x00000000 | 1;
    CU_ASSERT_EQUAL(dat_translate(c, 0x10000, AS_PRIMARY, &r), 0);
    CU_ASSERT_EQUAL(r.ra, 0x40000);
    w32(m, 0x30000, 0x20);
    CU_ASSERT_EQUAL(dat_translate(c, 0x10000, AS_PRIMARY, &r), PGM_SEGMENT_TRANSLATION);
    CU_ASSERT_EQUAL(r.entry, 0);                     /* the real address */
    /* and one at real 30000 is at absolute 0 */
    memcpy(m->mem, m->mem + STO, 128);
    c->cr[1] = 0x00030000 | 1;
    CU_ASSERT_EQUAL(dat_translate(c, 0x10000, AS_PRIMARY, &r), 0);
    CU_ASSERT_EQUAL(r.ra, 0x40000);
    tm_free(m);
}

/* ---- through instructions ------------------------------------------------------ */

static void dat_on(Machine *m)
{
    resume(m);
    m->cpu->psw.sysmask |= 0x04;
    cpu_state_changed(m->cpu);
}

/* Stores and faults with DAT on; after a PTE change and IPTE the new
 * translation is used. */
static void test_ipte_and_tlb(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    dat_on(m);
    c->gr[12] = 0x50000;
    const uint8_t stck0[] = S(0xB205, 12, 0);
    const uint8_t stck8[] = S(0xB205, 12, 8);
    CU_ASSERT_EQUAL(exec1(m, stck0), 0);
    CU_ASSERT_NOT_EQUAL(ld_be64(m->mem + 0x60000), 0);           /* frame 60000 */
    CU_ASSERT_EQUAL(ld_be64(m->mem + 0x50000), 0);

    /* a new frame, then IPTE: the entry is invalid now, and the TLB knows */
    w32(m, PT0 + 4 * 0x50, 0x61000);
    c->gr[1] = PT0;
    c->gr[2] = 0x50ABC;
    const uint8_t ipte[] = RRE(0xB221, 1, 2);
    CU_ASSERT_EQUAL(exec1(m, ipte), 0);
    CU_ASSERT_EQUAL(tm_get32(m, PT0 + 4 * 0x50), 0x61000 | 0x400);
    CU_ASSERT_EQUAL(exec1(m, stck8), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x50000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | TM_CODE);   /* nullified */
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 4);

    /* valid again: the store goes to the new frame */
    w32(m, PT0 + 4 * 0x50, 0x61000);
    CU_ASSERT_EQUAL(exec1(m, stck8), 0);
    CU_ASSERT_NOT_EQUAL(ld_be64(m->mem + 0x61008), 0);
    CU_ASSERT_EQUAL(ld_be64(m->mem + 0x60008), 0);

    /* PTLB: a changed frame is seen after the purge */
    w32(m, PT0 + 4 * 0x50, 0x62000);
    const uint8_t ptlb[] = S(0xB20D, 0, 0);
    CU_ASSERT_EQUAL(exec1(m, ptlb), 0);
    const uint8_t stck16[] = S(0xB205, 12, 16);
    CU_ASSERT_EQUAL(exec1(m, stck16), 0);
    CU_ASSERT_NOT_EQUAL(ld_be64(m->mem + 0x62010), 0);

    /* IPTE addresses its entry as a real address (prefixing) and must
     * find it in storage */
    c->gr[1] = 0x00F00000;
    CU_ASSERT_EQUAL(exec1(m, ipte), PGM_ADDRESSING);
    tm_free(m);
}

/* A segment-translation exception through an instruction: nullified,
 * TEA stored; translation specification: suppressed, no TEA. */
static void test_faults_through_instructions(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    dat_on(m);
    c->gr[12] = 0x00234560;
    const uint8_t stck[] = S(0xB205, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, stck), PGM_SEGMENT_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x00234000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, TM_CODE);
    w32(m, PSA_TEA, 0xEEEEEEEE);
    c->gr[12] = 0x13000;
    CU_ASSERT_EQUAL(exec1(m, stck), PGM_TRANSLATION_SPEC);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, TM_CODE + 4);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0xEEEEEEEE);
    /* page protection: protection exception, suppressed */
    c->gr[12] = 0x12000;
    CU_ASSERT_EQUAL(exec1(m, stck), PGM_PROTECTION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, TM_CODE + 4);
    CU_ASSERT_EQUAL(ld_be64(m->mem + 0x41000), 0);
    /* an instruction in an invalid page: nullified at its address */
    resume(m);
    c->max_insns = c->icount + 1;
    c->ia = 0x11000;
    CU_ASSERT_EQUAL(cpu_run(c), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, 0x11000);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);        /* 1, 2 or 3: interpex 1 */
    tm_free(m);
}

/* ---- addressing exceptions for table entries, instruction fetching ------------- */

static const uint8_t LRA_1_12[] = RX(0xB1, 1, 0, 12, 0);
static const uint8_t STCK_12[] = S(0xB205, 12, 0);

/* A segment- or page-table entry outside main storage is an addressing
 * exception, and the unit of operation is suppressed, not nullified:
 * GA22-7000-4 ch. 6 "Addressing exception" ("suppressed when the
 * exception is encountered during an implicit reference to a dynamic-
 * address-translation (DAT) table entry"), GA22-7000-10 ch. 6 figures
 * "Recognition of access exceptions" (invalid address of a segment- or
 * page-table entry: A, suppress) and "Summary of action for addressing
 * and protection exceptions" (table-entry fetch: suppress); SA22-7201
 * ch. 6 "Addressing exception" keeps the rule for the segment and page
 * tables, LRA and TPROT.  For an operand the old PSW points past the
 * instruction, the ILC is its length, and no translation-exception
 * address is stored.  Hercules 3.13 agrees (hx_ifetch_esa.S). */
static void test_table_addressing_operand(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    dat_on(m);
    w32(m, PSA_TEA, 0xEEEEEEEE);
    /* segment 3: its page table is outside storage */
    c->gr[12] = 0x00300010;
    CU_ASSERT_EQUAL(exec1(m, STCK_12), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | (TM_CODE + 4));
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 4);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0xEEEEEEEE);
    /* LRA of the same address: suppressed, R1 unchanged */
    c->gr[1] = 0x12345678;
    CU_ASSERT_EQUAL(exec1(m, LRA_1_12), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | (TM_CODE + 4));
    CU_ASSERT_EQUAL(c->gr[1], 0x12345678);
    /* the segment table itself outside storage, for the secondary-space
     * operand of MVCS: suppressed */
    c->cr[0] |= CR0_SECONDARY_SPACE;
    c->cr[7] = 0x00F00000 | 0x7F;
    c->gr[4] = 8;
    c->gr[5] = 0;
    c->gr[12] = 0x5000;
    c->gr[11] = 0x2000;
    const uint8_t mvcs[] = SS(0xDB, 4, 5, 12, 0, 11, 0);
    CU_ASSERT_EQUAL(exec1(m, mvcs), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | (TM_CODE + 6));
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 6);
    CU_ASSERT_EQUAL(c->gr[4], 8);
    tm_free(m);
}

/* The same exception met translating the instruction address is an
 * instruction-fetching exception (ch. 6 "ILC on instruction-fetching
 * exceptions"): suppressed, the old PSW's address incremented by 2, 4 or
 * 6 and the ILC saying by how much; interpex increments by 2 (ILC 1)
 * when not even the first halfword could be fetched. */
static void test_table_addressing_ifetch(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    dat_on(m);
    /* a branch target in segment 3: the page-table entry is outside storage */
    c->ia = 0x00300000;
    CU_ASSERT_EQUAL(tm_step(m), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | 0x00300002);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    /* the segment table outside storage: the next instruction's fetch */
    dat_on(m);
    c->cr[1] = 0x00F00000 | 1;
    tlb_purge(c);
    c->ia = TM_CODE;
    CU_ASSERT_EQUAL(tm_step(m), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | (TM_CODE + 2));
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    tm_free(m);
}

/* An instruction whose first halfword can be fetched but whose rest is in
 * a page that cannot be: "the ILC may be arbitrarily set to 1, 2, or 3"
 * and the address is or is not incremented as for the other instruction-
 * fetching exceptions (ch. 6 "ILC on instruction-fetching exceptions").
 * interpex gives the instruction's own length: page translation
 * nullifies (old PSW at the instruction, TEA the second page), translation
 * specification suppresses (old PSW past the instruction). */
static void test_ifetch_crossing_dat(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    c->gr[12] = TM_DATA;
    /* page 10 -> frame 40000, page 11 invalid */
    static const uint8_t stck[] = { 0xB2, 0x05, 0xC0, 0x00 };
    static const uint8_t mvc[] = { 0xD2, 0x07, 0xC0, 0x00, 0xC0, 0x08 };
    static const struct { uint32_t ia, frame; const uint8_t *b; unsigned n, len; } v[] = {
        { 0x10FFE, 0x40FFE, stck, 2, 4 },
        { 0x10FFC, 0x40FFC, mvc, 4, 6 },
        { 0x10FFE, 0x40FFE, mvc, 2, 6 },
    };
    for (unsigned i = 0; i < 3; i++) {
        tm_put(m, v[i].frame, v[i].b, v[i].n);
        dat_on(m);
        w32(m, PSA_TEA, 0);
        c->ia = v[i].ia;
        CU_ASSERT_EQUAL(tm_step(m), PGM_PAGE_TRANSLATION);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | v[i].ia);
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], v[i].len);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x11000);
        CU_ASSERT_EQUAL(ld_be64(m->mem + TM_DATA), 0);
    }
    /* the first halfword itself in the invalid page: ILC 1, nullified */
    dat_on(m);
    c->ia = 0x11000;
    CU_ASSERT_EQUAL(tm_step(m), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | 0x11000);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);

    /* page 12 (frame 41000, page-protected: fetching is allowed), page 13
     * with bit 20 one: translation specification on the second halfword */
    tm_put(m, 0x41FFE, stck, 2);
    dat_on(m);
    w32(m, PSA_TEA, 0xEEEEEEEE);
    c->ia = 0x12FFE;
    CU_ASSERT_EQUAL(tm_step(m), PGM_TRANSLATION_SPEC);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | (0x12FFE + 4));
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 4);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0xEEEEEEEE);
    /* and on the first halfword: ILC 1, the address incremented by 2 */
    dat_on(m);
    c->ia = 0x13000;
    CU_ASSERT_EQUAL(tm_step(m), PGM_TRANSLATION_SPEC);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | 0x13002);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    tm_free(m);
}

/* S/370 EC mode: the same rules (GA22-7000-4 "Addressing exception": for
 * the invalid address of a DAT-table entry associated with an operand the
 * ILC is the instruction's length, with an instruction fetch it says by
 * how many halfwords the instruction address was incremented). */
static void test_s370_table_addressing(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    S370Geo g = { 0x00800000, 12, 16 };
    s370_tables(m, &g);
    w16(m, S370_PT + 2, 0x0010);                       /* code page 1 -> 1000 */
    w16(m, S370_PT + 26, 0x00D0);                      /* trap page D -> D000 */
    w32(m, S370_STO + 16, 0xF0000000 | 0x00F00000);    /* segment 4: PT outside */
    c->psw.states |= PSWS_EC;
    c->psw.sysmask = 0x04;
    cpu_state_changed(c);
    w32(m, PSA_TEA, 0xEEEEEEEE);
    c->gr[12] = 0x40010;
    CU_ASSERT_EQUAL(exec1(m, STCK_12), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), TM_CODE + 4);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 4);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0xEEEEEEEE);
    /* an instruction there */
    resume(m);
    c->ia = 0x40000;
    CU_ASSERT_EQUAL(tm_step(m), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x40002);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    /* the segment table outside storage */
    resume(m);
    c->cr[1] = 0x00F00000;
    tlb_purge(c);
    c->ia = TM_CODE;
    CU_ASSERT_EQUAL(tm_step(m), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), TM_CODE + 2);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    tm_free(m);
}

typedef struct LraVec {
    uint32_t va;
    int      pgm, cc;
    uint32_t r1;
} LraVec;

static void run_lra(Machine *m, const LraVec *v, unsigned n)
{
    Cpu *c = m->cpu;
    for (unsigned i = 0; i < n; i++) {
        c->gr[12] = v[i].va;
        c->gr[1] = 0xDEADBEEF;
        int rc = exec1(m, LRA_1_12);
        if (rc != v[i].pgm || (!rc && (c->cc != v[i].cc || c->gr[1] != v[i].r1)))
            fprintf(stderr, "\n  LRA %08X: pgm %X cc %u r1 %08X", v[i].va, rc, c->cc, c->gr[1]);
        CU_ASSERT_EQUAL(rc, v[i].pgm);
        if (!rc) {
            CU_ASSERT_EQUAL(c->cc, v[i].cc);
            CU_ASSERT_EQUAL(c->gr[1], v[i].r1);
        }
    }
}

static void test_lra_esa(void)
{
    static const LraVec vecs[] = {
        { 0x00010ABC, 0, 0, 0x40ABC },
        { 0x00012FFF, 0, 0, 0x41FFF },                 /* protection is no matter */
        { 0x00200000, 0, 1, STO + 8 },                 /* segment invalid         */
        { 0x00011000, 0, 2, PT0 + 0x44 },              /* page invalid            */
        { 0x02000000, 0, 3, STO + 0x80 },              /* beyond segment table    */
        { 0x00110000, 0, 3, PT1 + 0x40 },              /* beyond page table       */
        { 0x00013000, PGM_TRANSLATION_SPEC, 0, 0 },
        { 0x00300000, PGM_ADDRESSING, 0, 0 },
    };
    /* DAT off: LRA translates anyway */
    Machine *m = tm_new(ARCH_ESA390);
    esa_tables(m);
    run_lra(m, vecs, sizeof vecs / sizeof vecs[0]);
    /* DAT on: the same */
    dat_on(m);
    run_lra(m, vecs, sizeof vecs / sizeof vecs[0]);
    /* no TEA is left behind for the next program interruption */
    w32(m, PSA_TEA, 0x12121212);
    const uint8_t op0[] = { 0x00, 0x00 };
    resume(m);
    CU_ASSERT_EQUAL(tm_exec(m, op0, 2, 1), PGM_OPERATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x12121212);
    tm_free(m);
}

static void test_lra_s370(void)
{
    Machine *m = tm_new(ARCH_S370);
    S370Geo g = { 0x00800000, 12, 16 };
    s370_tables(m, &g);
    const LraVec vecs[] = {
        { 0x00003123, 0, 0, 0x45123 },
        { 0xFF003123, 0, 0, 0x45123 },
        { 0x00010000, 0, 1, S370_STO + 4 },
        { 0x00004000, 0, 2, S370_PT + 8 },
        { 0x00100000, 0, 3, S370_STO + 64 },
        { 0x00021000, 0, 3, S370_PT2 + 2 },
        { 0x00005000, PGM_TRANSLATION_SPEC, 0, 0 },
    };
    run_lra(m, vecs, sizeof vecs / sizeof vecs[0]);   /* BC mode, DAT off */
    tm_free(m);
}

/* S/370 EC mode with DAT on: stores go through the tables. */
static void test_s370_dat_on(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    S370Geo g = { 0x00800000, 12, 16 };
    s370_tables(m, &g);
    /* map the code page (1) and the trap page (D) one to one */
    w16(m, S370_PT + 2, 0x0010);
    w16(m, S370_PT + 26, 0x00D0);
    c->psw.states |= PSWS_EC;
    c->psw.sysmask = 0x04;
    cpu_state_changed(c);
    c->gr[12] = 0x3010;
    const uint8_t stck[] = S(0xB205, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, stck), 0);
    CU_ASSERT_NOT_EQUAL(ld_be64(m->mem + 0x45010), 0);
    c->gr[12] = 0x4010;
    CU_ASSERT_EQUAL(exec1(m, stck), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA) & 0x00FFF000, 0x4000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0xFFFFFF, TM_CODE);
    tm_free(m);
}

static void test_tprot_dat(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    dat_on(m);
    const uint8_t tprot[] = SSE(0xE501, 12, 0, 0, 0x00);
    c->gr[12] = 0x10000;
    CU_ASSERT_EQUAL(exec1(m, tprot), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    c->gr[12] = 0x12000;                    /* page protected */
    CU_ASSERT_EQUAL(exec1(m, tprot), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    c->gr[12] = 0x11000;                    /* page invalid */
    CU_ASSERT_EQUAL(exec1(m, tprot), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    c->gr[12] = 0x02000000;                 /* beyond the segment table */
    CU_ASSERT_EQUAL(exec1(m, tprot), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    c->gr[12] = 0x13000;
    CU_ASSERT_EQUAL(exec1(m, tprot), PGM_TRANSLATION_SPEC);
    /* the key is the one of the real frame */
    m->keys[0x40000 >> 11] = 0x38;
    const uint8_t tprot_k5[] = SSE(0xE501, 12, 0, 0, 0x50);
    c->gr[12] = 0x10000;
    CU_ASSERT_EQUAL(exec1(m, tprot_k5), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    tm_free(m);
}

static void test_ivsk(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_tables(m);
    const uint8_t ivsk[] = RRE(0xB223, 1, 2);
    c->gr[2] = 0x10000;
    CU_ASSERT_EQUAL(exec1(m, ivsk), PGM_SPECIAL_OPERATION);     /* DAT off */
    dat_on(m);
    m->keys[0x40000 >> 11] = 0x3E;
    c->gr[1] = 0xFFFFFFFF;
    CU_ASSERT_EQUAL(exec1(m, ivsk), 0);
    CU_ASSERT_EQUAL(c->gr[1], 0xFFFFFF38);                      /* ACC, F only */
    c->gr[2] = 0x11000;
    CU_ASSERT_EQUAL(exec1(m, ivsk), PGM_PAGE_TRANSLATION);
    /* problem state: extraction authority */
    resume(m);
    c->psw.states |= PSWS_PROBLEM;
    cpu_state_changed(c);
    c->gr[2] = 0x10000;
    CU_ASSERT_EQUAL(exec1(m, ivsk), PGM_PRIVILEGED_OPERATION);
    c->cr[0] |= CR0_EXTRACT_AUTH;
    CU_ASSERT_EQUAL(exec1(m, ivsk), 0);
    tm_free(m);
}

void register_dat_tests(void)
{
    CU_pSuite s = CU_add_suite("dat", NULL, NULL);
    CU_add_test(s, "ESA/390 walk: every outcome, entry addresses", test_esa_walk);
    CU_add_test(s, "ESA/390 TEA and address spaces", test_esa_tea);
    CU_add_test(s, "ESA/390 CR0 translation format", test_esa_cr0_format);
    CU_add_test(s, "S/370 walk: 2K/4K pages, 64K/1M segments", test_s370_walk);
    CU_add_test(s, "S/370 CR0 format, table addressing", test_s370_cr0_format);
    CU_add_test(s, "table origins are real addresses", test_tables_are_real);
    CU_add_test(s, "IPTE, PTLB and the TLB", test_ipte_and_tlb);
    CU_add_test(s, "faults through instructions", test_faults_through_instructions);
    CU_add_test(s, "LRA (ESA/390)", test_lra_esa);
    CU_add_test(s, "LRA (S/370)", test_lra_s370);
    CU_add_test(s, "S/370 EC mode, DAT on", test_s370_dat_on);
    CU_add_test(s, "TPROT with DAT", test_tprot_dat);
    CU_add_test(s, "IVSK", test_ivsk);
    CU_add_test(s, "table entry outside storage, operand: suppressed", test_table_addressing_operand);
    CU_add_test(s, "table entry outside storage, instruction fetch", test_table_addressing_ifetch);
    CU_add_test(s, "instruction crossing into a page it cannot use", test_ifetch_crossing_dat);
    CU_add_test(s, "S/370 table entry outside storage", test_s370_table_addressing);
}
