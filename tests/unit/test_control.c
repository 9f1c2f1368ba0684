/*
 * test_control.c — the control instructions (cpu370/insn_control.c,
 * insn_keys.c, insn_timer.c), checked against ESA/390 PoO SA22-7201 ch. 10
 * and S/370 PoO GA22-7000 ch. 10, in both architectures where the
 * instruction exists in both.
 *
 * Every test runs real instruction bytes through tm_exec(): one or a few
 * instructions at TM_CODE, operands around TM_DATA (usually based on
 * GR12).  The result is the program-interruption code (0 for none); the
 * old PSW and ILC are read from the PSA like a program would.
 */
#include "tests/unit/testutil.h"

/* ---- encoders (fields as the manual draws them) ------------------------ */
#define RR(op, r1, r2)        { op, (r1) << 4 | (r2) }
#define RX(op, r1, x, b, d)   { op, (r1) << 4 | (x), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RS(op, r1, r3, b, d)  { op, (r1) << 4 | (r3), (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define SI(op, i, b, d)       { op, i, (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define S(op, b, d)           { (op) >> 8, (op) & 0xFF, (b) << 4 | ((d) >> 8), (d) & 0xFF }
#define RRE(op, r1, r2)       { (op) >> 8, (op) & 0xFF, 0, (r1) << 4 | (r2) }
#define SS(op, r1, r3, b1, d1, b2, d2) \
    { op, (r1) << 4 | (r3), (b1) << 4 | ((d1) >> 8), (d1) & 0xFF, (b2) << 4 | ((d2) >> 8), (d2) & 0xFF }
#define SSE(op, b1, d1, b2, d2) \
    { (op) >> 8, (op) & 0xFF, (b1) << 4 | ((d1) >> 8), (d1) & 0xFF, (b2) << 4 | ((d2) >> 8), (d2) & 0xFF }

/* ---- helpers -------------------------------------------------------------- */

/* After a program interruption the CPU sits in the trap's disabled wait.
 * Carry on with the PSW of the interrupted program (the program old PSW:
 * its key, state, masks and address-space control), as a program-check
 * handler returning with LPSW would.  The loop guard counts program
 * interruptions with no instruction completed in between; a test that
 * provokes many in a row is not a loop. */
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

static void set_problem(Machine *m, bool on)
{
    Cpu *c = m->cpu;
    resume(m);
    if (on)
        c->psw.states |= PSWS_PROBLEM;
    else
        c->psw.states &= (uint8_t)~PSWS_PROBLEM;
    cpu_state_changed(c);
}

static void set_key(Machine *m, unsigned key)
{
    resume(m);
    m->cpu->psw.key = (uint8_t)key;
    cpu_state_changed(m->cpu);
}

/* Instruction address of the program old PSW. */
static uint32_t old_ia(Machine *m)
{
    uint32_t w = tm_get32(m, m->cpu->prefix + PSA_PGM_OLD + 4);
    return m->cpu->arch == ARCH_S370 ? w & 0x00FFFFFF : w & 0x7FFFFFFF;
}

/* ILC of the last program interruption (EC format: X'8D'). */
static unsigned old_ilc(Machine *m)
{
    return m->mem[m->cpu->prefix + PSA_PGM_ILC];
}

static void put64(Machine *m, uint32_t a, uint64_t v)
{
    st_be64(m->mem + a, v);
}

static uint64_t get64(Machine *m, uint32_t a)
{
    return ld_be64(m->mem + a);
}

/* ESA/390 DAT with the first megabyte mapped one to one: segment table at
 * X'80000' (16 entries, only the first valid), page table at X'81000'.
 * CR1, CR7 and CR13 all designate it; PSW DAT bit on. */
#define ID_STO 0x80000u
#define ID_PTO 0x81000u

static void esa_identity_dat(Machine *m)
{
    Cpu *c = m->cpu;
    resume(m);
    for (unsigned i = 0; i < 16; i++)
        st_be32(m->mem + ID_STO + 4 * i, 0x20);           /* invalid */
    st_be32(m->mem + ID_STO, ID_PTO | 0x0F);
    for (unsigned i = 0; i < 256; i++)
        st_be32(m->mem + ID_PTO + 4 * i, i << 12);
    c->cr[0] = (c->cr[0] & ~CR0_TRANS_FORMAT) | CR0_TRANS_FORMAT_ESA;
    c->cr[1] = c->cr[7] = c->cr[13] = ID_STO;
    c->psw.sysmask |= 0x04;
    tlb_purge(c);
}

/* ---- LPSW ------------------------------------------------------------------ */

static const uint8_t LPSW_12[] = S(0x8200, 12, 0);

static void test_lpsw_esa(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t psw[8] = { 0x03, 0x3C, 0x2F, 0x00, 0x80, 0x00, 0x30, 0x00 };
    tm_put(m, TM_DATA, psw, 8);
    c->gr[12] = TM_DATA;
    CU_ASSERT_EQUAL(exec1(m, LPSW_12), 0);
    CU_ASSERT_EQUAL(c->ia, 0x3000);
    CU_ASSERT_EQUAL(c->psw.sysmask, 0x03);
    CU_ASSERT_EQUAL(c->psw.key, 3);
    CU_ASSERT_EQUAL(c->psw.states, PSWS_EC | PSWS_MCHK);
    CU_ASSERT_EQUAL(c->cc, 2);
    CU_ASSERT_EQUAL(c->psw.pm, 0xF);
    CU_ASSERT_EQUAL(c->amask, 0x7FFFFFFFu);
    /* 24-bit mode */
    const uint8_t psw24[8] = { 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00 };
    tm_put(m, TM_DATA, psw24, 8);
    set_key(m, 0);
    CU_ASSERT_EQUAL(exec1(m, LPSW_12), 0);
    CU_ASSERT_EQUAL(c->ia, 0x4000);
    CU_ASSERT_EQUAL(c->amask, 0x00FFFFFFu);
    tm_free(m);
}

/* An invalid PSW is loaded anyway and becomes the program old PSW, ILC 0. */
static void test_lpsw_invalid(void)
{
    static const uint8_t bad[][8] = {
        { 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x30, 0x00 },   /* bit 12 zero    */
        { 0x40, 0x08, 0x00, 0x00, 0x80, 0x00, 0x30, 0x00 },   /* bit 1 is fine, */
        { 0x20, 0x08, 0x00, 0x00, 0x80, 0x00, 0x30, 0x00 },   /* bit 2 is not   */
        { 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x30, 0x00 },   /* 24-bit, bit 39 */
    };
    static const int want[] = { PGM_SPECIFICATION, 0, PGM_SPECIFICATION, PGM_SPECIFICATION };
    for (unsigned i = 0; i < 4; i++) {
        Machine *m = tm_new(ARCH_ESA390);
        m->cpu->gr[12] = TM_DATA;
        tm_put(m, TM_DATA, bad[i], 8);
        CU_ASSERT_EQUAL(exec1(m, LPSW_12), want[i]);
        if (want[i]) {
            CU_ASSERT_EQUAL(old_ilc(m), 0);
            CU_ASSERT_EQUAL(memcmp(m->mem + PSA_PGM_OLD, bad[i], 8), 0);
            CU_ASSERT_EQUAL(m->cpu->ia, TM_PGM_TRAP);
        }
        tm_free(m);
    }
}

static void test_lpsw_s370(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    /* BC mode: ILC 2 (ignored), CC 2, program mask F, address 3000 */
    const uint8_t bc[8] = { 0x00, 0x20, 0x12, 0x34, 0xAF, 0x00, 0x30, 0x00 };
    tm_put(m, TM_DATA, bc, 8);
    CU_ASSERT_EQUAL(exec1(m, LPSW_12), 0);
    CU_ASSERT_EQUAL(c->ia, 0x3000);
    CU_ASSERT_EQUAL(c->cc, 2);
    CU_ASSERT_EQUAL(c->psw.pm, 0xF);
    CU_ASSERT_EQUAL(c->psw.key, 2);
    CU_ASSERT_FALSE(psw_is_ec(c));
    /* EC mode with bit 16 one: invalid, ILC 0 */
    set_key(m, 0);
    const uint8_t ec[8] = { 0x00, 0x08, 0x80, 0x00, 0x00, 0x00, 0x30, 0x00 };
    tm_put(m, TM_DATA, ec, 8);
    CU_ASSERT_EQUAL(exec1(m, LPSW_12), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(memcmp(m->mem + PSA_PGM_OLD, ec, 8), 0);
    /* the invalid PSW is EC mode: code and ILC at X'8C'-X'8F' */
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD + 1] & 0x08, 0x08);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 0);
    tm_free(m);
}

static void test_lpsw_alignment(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    m->cpu->gr[12] = TM_DATA + 4;
    CU_ASSERT_EQUAL(exec1(m, LPSW_12), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(old_ilc(m), 4);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);
    tm_free(m);
}

/* ---- system mask ----------------------------------------------------------- */

static const uint8_t SSM_12[] = S(0x8000, 12, 0);

static void test_ssm(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    m->mem[TM_DATA] = 0x03;
    CU_ASSERT_EQUAL(exec1(m, SSM_12), 0);
    CU_ASSERT_EQUAL(c->psw.sysmask, 0x03);

    /* SSM suppression: special operation, mask unchanged */
    c->cr[0] |= CR0_SSM_SUPPRESS;
    m->mem[TM_DATA] = 0x00;
    CU_ASSERT_EQUAL(exec1(m, SSM_12), PGM_SPECIAL_OPERATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD], 0x03);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);
    tm_free(m);

    /* ESA/390: bits 0, 2-4 must be zero.  The mask is loaded, then the
     * invalid PSW is recognized: the old PSW has the new mask, the next
     * instruction's address and ILC 2 (4 bytes). */
    static const uint8_t bad[] = { 0x80, 0x20, 0x10, 0x08 };
    for (unsigned i = 0; i < 4; i++) {
        m = tm_new(ARCH_ESA390);
        m->cpu->gr[12] = TM_DATA;
        m->mem[TM_DATA] = bad[i];
        CU_ASSERT_EQUAL(exec1(m, SSM_12), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD], bad[i]);
        CU_ASSERT_EQUAL(old_ilc(m), 4);
        CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);
        tm_free(m);
    }
}

static void test_ssm_s370(void)
{
    /* BC mode: the byte is the channel masks and external mask */
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    m->mem[TM_DATA] = 0xFE;
    CU_ASSERT_EQUAL(exec1(m, SSM_12), 0);
    CU_ASSERT_EQUAL(c->psw.sysmask, 0xFE);
    tm_free(m);

    /* EC mode: the mask is set, then the invalid PSW is recognized (ILC 2) */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    c->gr[12] = TM_DATA;
    c->psw.states |= PSWS_EC;
    cpu_state_changed(c);
    m->mem[TM_DATA] = 0x80;
    CU_ASSERT_EQUAL(exec1(m, SSM_12), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD], 0x80);
    CU_ASSERT_EQUAL(old_ilc(m), 4);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);
    tm_free(m);
}

static void test_stnsm_stosm(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    c->psw.sysmask = 0x03;
    cpu_state_changed(c);
    const uint8_t stnsm[] = SI(0xAC, 0xFE, 12, 0);
    const uint8_t stosm[] = SI(0xAD, 0x01, 12, 1);
    const uint8_t stosm_bad[] = SI(0xAD, 0x80, 12, 2);
    CU_ASSERT_EQUAL(exec1(m, stnsm), 0);
    CU_ASSERT_EQUAL(m->mem[TM_DATA], 0x03);
    CU_ASSERT_EQUAL(c->psw.sysmask, 0x02);
    CU_ASSERT_EQUAL(exec1(m, stosm), 0);
    CU_ASSERT_EQUAL(m->mem[TM_DATA + 1], 0x02);
    CU_ASSERT_EQUAL(c->psw.sysmask, 0x03);
    /* ESA/390: a one in bit 0: the old mask is stored, the new one loaded,
     * then the specification exception (old PSW: new mask, next address,
     * ILC 2). */
    m->mem[TM_DATA + 2] = 0x5A;
    CU_ASSERT_EQUAL(exec1(m, stosm_bad), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(m->mem[TM_DATA + 2], 0x03);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD], 0x83);
    CU_ASSERT_EQUAL(old_ilc(m), 4);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);
    tm_free(m);

    /* S/370 BC mode: any mask */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    c->gr[12] = TM_DATA;
    const uint8_t stosm370[] = SI(0xAD, 0xF0, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, stosm370), 0);
    CU_ASSERT_EQUAL(m->mem[TM_DATA], 0x00);
    CU_ASSERT_EQUAL(c->psw.sysmask, 0xF0);
    tm_free(m);
}

/* ---- control registers ---------------------------------------------------- */

static void test_lctl_stctl(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        c->gr[12] = TM_DATA;
        const uint32_t w[4] = { 0xAAAA0001, 0xBBBB0002, 0x000000E0, 0x12345000 };
        for (int i = 0; i < 4; i++)
            st_be32(m->mem + TM_DATA + 4 * i, w[i]);
        /* LCTL 14,1: CR14, CR15, CR0, CR1 (wraps) */
        const uint8_t lctl[] = RS(0xB7, 14, 1, 12, 0);
        uint32_t gen = c->tlb_gen;
        CU_ASSERT_EQUAL(exec1(m, lctl), 0);
        CU_ASSERT_EQUAL(c->cr[14], w[0]);
        CU_ASSERT_EQUAL(c->cr[15], w[1]);
        CU_ASSERT_EQUAL(c->cr[0], w[2]);
        CU_ASSERT_EQUAL(c->cr[1], w[3]);
        CU_ASSERT_NOT_EQUAL(c->tlb_gen, gen);        /* CR1 changed: purged */

        /* CR3 alone does not concern the TLB; the same CR1 neither */
        const uint8_t lctl3[] = RS(0xB7, 3, 3, 12, 0);
        const uint8_t lctl1[] = RS(0xB7, 1, 1, 12, 12);
        gen = c->tlb_gen;
        CU_ASSERT_EQUAL(exec1(m, lctl3), 0);
        CU_ASSERT_EQUAL(c->cr[3], w[0]);
        CU_ASSERT_EQUAL(exec1(m, lctl1), 0);
        CU_ASSERT_EQUAL(c->tlb_gen, gen);

        /* STCTL 15,0 stores two words */
        const uint8_t stctl[] = RS(0xB6, 15, 0, 12, 0x100);
        CU_ASSERT_EQUAL(exec1(m, stctl), 0);
        CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 0x100), w[1]);
        CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 0x104), w[2]);
        /* STCTL 0,15: all sixteen */
        const uint8_t stctl_all[] = RS(0xB6, 0, 15, 12, 0x200);
        CU_ASSERT_EQUAL(exec1(m, stctl_all), 0);
        for (int i = 0; i < 16; i++)
            CU_ASSERT_EQUAL(tm_get32(m, TM_DATA + 0x200 + 4 * i), c->cr[i]);

        /* word alignment */
        const uint8_t lctl_odd[] = RS(0xB7, 3, 3, 12, 2);
        const uint8_t stctl_odd[] = RS(0xB6, 3, 3, 12, 2);
        CU_ASSERT_EQUAL(exec1(m, lctl_odd), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(c->cr[3], w[0]);
        CU_ASSERT_EQUAL(exec1(m, stctl_odd), PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* ---- prefix, CPU address, CPU ID ---------------------------------------- */

static void test_spx_stpx(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    /* the new PSA needs a program new PSW too */
    memcpy(m->mem + 0x20000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
    st_be32(m->mem + TM_DATA, 0x80020FFF);             /* bits 0, 20-31 ignored */
    const uint8_t spx[] = S(0xB210, 12, 0);
    uint32_t gen = c->tlb_gen;
    CU_ASSERT_EQUAL(exec1(m, spx), 0);
    CU_ASSERT_EQUAL(c->prefix, 0x20000);
    CU_ASSERT_NOT_EQUAL(c->tlb_gen, gen);

    /* real 0-4095 is absolute prefix..., real prefix... is absolute 0 */
    const uint8_t stpx_low[] = S(0xB211, 0, 0x10);
    CU_ASSERT_EQUAL(exec1(m, stpx_low), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x20010), 0x20000);
    CU_ASSERT_EQUAL(tm_get32(m, 0x10), 0);
    c->gr[11] = 0x20000;
    const uint8_t stpx_high[] = S(0xB211, 11, 0x14);
    CU_ASSERT_EQUAL(exec1(m, stpx_high), 0);
    CU_ASSERT_EQUAL(tm_get32(m, 0x14), 0x20000);
    CU_ASSERT_EQUAL(tm_get32(m, 0x20014), 0);

    /* interruptions use the new PSA */
    const uint8_t op0[] = { 0x00, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, op0, 2, 1), PGM_OPERATION);
    CU_ASSERT_EQUAL(ld_be16(m->mem + 0x20000 + PSA_PGM_CODE), PGM_OPERATION);
    CU_ASSERT_EQUAL(tm_get32(m, 0x20000 + PSA_PGM_OLD + 4), 0x80000000u | (TM_CODE + 2));
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), 0);

    /* alignment; a prefix outside storage (1M here): addressing */
    st_be32(m->mem + TM_DATA + 8, 0x00200000);
    const uint8_t spx_far[] = S(0xB210, 12, 8);
    const uint8_t spx_odd[] = S(0xB210, 12, 2);
    CU_ASSERT_EQUAL(exec1(m, spx_far), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(c->prefix, 0x20000);
    CU_ASSERT_EQUAL(exec1(m, spx_odd), PGM_SPECIFICATION);
    const uint8_t stpx_odd[] = S(0xB211, 12, 1);
    CU_ASSERT_EQUAL(exec1(m, stpx_odd), PGM_SPECIFICATION);
    tm_free(m);

    /* S/370: bits 8-19 */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    c->gr[12] = TM_DATA;
    memcpy(m->mem + 0x21000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
    st_be32(m->mem + TM_DATA, 0x7F021ABC);
    CU_ASSERT_EQUAL(exec1(m, spx), 0);
    CU_ASSERT_EQUAL(c->prefix, 0x21000);
    tm_free(m);
}

static void test_stap_stidp(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        c->gr[12] = TM_DATA;
        memset(m->mem + TM_DATA, 0xFF, 16);
        const uint8_t stap[] = S(0xB212, 12, 0);
        const uint8_t stap_odd[] = S(0xB212, 12, 1);
        CU_ASSERT_EQUAL(exec1(m, stap), 0);
        CU_ASSERT_EQUAL(ld_be16(m->mem + TM_DATA), c->cpuad);
        CU_ASSERT_EQUAL(exec1(m, stap_odd), PGM_SPECIFICATION);
        const uint8_t stidp[] = S(0xB202, 12, 8);
        const uint8_t stidp_odd[] = S(0xB202, 12, 4);
        CU_ASSERT_EQUAL(exec1(m, stidp), 0);
        CU_ASSERT_EQUAL(get64(m, TM_DATA + 8), c->cpuid);
        CU_ASSERT_EQUAL(exec1(m, stidp_odd), PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* ---- clocks and timers ---------------------------------------------------- */

static void test_sck_stck(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        c->gr[12] = TM_DATA;
        put64(m, TM_DATA, 0x1234567800000000ull);
        const uint8_t code[] = { 0xB2, 0x04, 0xC0, 0x00,      /* SCK  0(12)  */
                                 0xB2, 0x05, 0xC0, 0x08,      /* STCK 8(12)  */
                                 0xB2, 0x05, 0xC0, 0x13 };    /* STCK 19(12) */
        c->cc = 3;
        CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 3), 0);
        CU_ASSERT_EQUAL(c->cc, 0);
        uint64_t t1 = get64(m, TM_DATA + 8);
        uint64_t t2 = ld_be64(m->mem + TM_DATA + 19);          /* any alignment */
        CU_ASSERT(t1 > 0x1234567800000000ull);
        CU_ASSERT(t1 < 0x1234567800000000ull + (1ull << 20));
        CU_ASSERT(t2 > t1);                                   /* unique, rising */
        const uint8_t sck_odd[] = S(0xB204, 12, 4);
        CU_ASSERT_EQUAL(exec1(m, sck_odd), PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* STORE CLOCK is not privileged; successive values keep rising. */
static void test_stck_monotonic(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    set_problem(m, true);
    c->gr[12] = TM_DATA;
    uint8_t code[16 * 4];
    for (int i = 0; i < 16; i++) {
        const uint8_t stck[] = S(0xB205, 12, 8 * i);
        memcpy(code + 4 * i, stck, 4);
    }
    CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 16), 0);
    for (int i = 1; i < 16; i++)
        CU_ASSERT(get64(m, TM_DATA + 8 * i) > get64(m, TM_DATA + 8 * (i - 1)));
    tm_free(m);

    /* also with the host clock */
    m = tm_new(ARCH_ESA390);
    m->cpu->deterministic = false;
    m->cpu->gr[12] = TM_DATA;
    CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 16), 0);
    for (int i = 1; i < 16; i++)
        CU_ASSERT(get64(m, TM_DATA + 8 * i) > get64(m, TM_DATA + 8 * (i - 1)));
    tm_free(m);
}

static void test_sckc_stckc(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        c->gr[12] = TM_DATA;
        put64(m, TM_DATA, 0xC000000012345678ull);
        const uint8_t sckc[] = S(0xB206, 12, 0);
        const uint8_t stckc[] = S(0xB207, 12, 8);
        const uint8_t sckc_odd[] = S(0xB206, 12, 4);
        const uint8_t stckc_odd[] = S(0xB207, 12, 12);
        CU_ASSERT_EQUAL(exec1(m, sckc), 0);
        CU_ASSERT_EQUAL(c->ckc, 0xC000000012345678ull);
        CU_ASSERT_EQUAL(exec1(m, stckc), 0);
        CU_ASSERT_EQUAL(get64(m, TM_DATA + 8), 0xC000000012345678ull);
        CU_ASSERT_EQUAL(exec1(m, sckc_odd), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(exec1(m, stckc_odd), PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* In deterministic mode the CPU timer runs with the instruction count:
 * SPT then STPT, STPT gives decreasing values below the one set. */
static void test_spt_stpt(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        c->gr[12] = TM_DATA;
        const uint64_t v = 0x0000001000000000ull;
        put64(m, TM_DATA, v);
        const uint8_t code[] = { 0xB2, 0x08, 0xC0, 0x00,      /* SPT  0(12)  */
                                 0xB2, 0x09, 0xC0, 0x08,      /* STPT 8(12)  */
                                 0xB2, 0x09, 0xC0, 0x10,      /* STPT 16(12) */
                                 0xB2, 0x09, 0xC0, 0x18 };    /* STPT 24(12) */
        CU_ASSERT_EQUAL(tm_exec(m, code, sizeof code, 4), 0);
        uint64_t t1 = get64(m, TM_DATA + 8), t2 = get64(m, TM_DATA + 16),
                 t3 = get64(m, TM_DATA + 24);
        CU_ASSERT(t1 < v);
        CU_ASSERT(t1 > v - 4096);               /* a few instructions */
        CU_ASSERT(t2 < t1);
        CU_ASSERT(t3 < t2);
        CU_ASSERT_EQUAL(t1 - t2, t2 - t3);      /* deterministic steps */
        const uint8_t spt_odd[] = S(0xB208, 12, 4);
        tm_free(m);

        /* after reset the CPU timer is zero and counts down from there,
         * whichever time source the front end picked after the reset */
        m = tm_new((Arch)a);
        c = m->cpu;
        c->gr[12] = TM_DATA;
        const uint8_t stpt[] = S(0xB209, 12, 0);
        CU_ASSERT_EQUAL(exec1(m, stpt), 0);
        int64_t t0 = (int64_t)get64(m, TM_DATA);
        CU_ASSERT(t0 <= 0);
        CU_ASSERT(t0 > -4096);
        const uint8_t stpt_odd[] = S(0xB209, 12, 4);
        CU_ASSERT_EQUAL(exec1(m, spt_odd), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(exec1(m, stpt_odd), PGM_SPECIFICATION);
        tm_free(m);
    }
}

/* ---- storage keys -------------------------------------------------------- */

static void test_isk_ssk_s370(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    c->gr[1] = 0xFFFFFF3F;                  /* key 3, F, R, C (bit 31 ignored) */
    c->gr[2] = 0xAB004000;                  /* 2K block 8; bits 0-7 ignored    */
    const uint8_t ssk[] = RR(0x08, 1, 2);
    const uint8_t isk[] = RR(0x09, 3, 2);
    CU_ASSERT_EQUAL(exec1(m, ssk), 0);
    CU_ASSERT_EQUAL(m->keys[8], 0x3E);
    CU_ASSERT_EQUAL(m->keys[9], 0x00);      /* a 2K key: the other half stays */

    /* BC mode: bits 0-4 of the key, 29-31 zero */
    c->gr[3] = 0xAAAAAA55;
    CU_ASSERT_EQUAL(exec1(m, isk), 0);
    CU_ASSERT_EQUAL(c->gr[3], 0xAAAAAA38);
    /* EC mode: the seven-bit key */
    c->psw.states |= PSWS_EC;
    cpu_state_changed(c);
    CU_ASSERT_EQUAL(exec1(m, isk), 0);
    CU_ASSERT_EQUAL(c->gr[3], 0xAAAAAA3E);

    /* bits 28-31 of R2 must be zero */
    c->gr[2] = 0x4008;
    CU_ASSERT_EQUAL(exec1(m, isk), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(exec1(m, ssk), PGM_SPECIFICATION);
    /* outside storage (1M) */
    c->gr[2] = 0x00F00000;
    CU_ASSERT_EQUAL(exec1(m, isk), PGM_ADDRESSING);

    /* RRB: CC from the old R and C, R reset */
    c->gr[2] = 0x4000;
    const uint8_t rrb[] = S(0xB213, 2, 0x7FF);          /* same 2K block */
    CU_ASSERT_EQUAL(exec1(m, rrb), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    CU_ASSERT_EQUAL(m->keys[8], 0x3A);
    CU_ASSERT_EQUAL(exec1(m, rrb), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    m->keys[8] = 0x04;
    CU_ASSERT_EQUAL(exec1(m, rrb), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    CU_ASSERT_EQUAL(exec1(m, rrb), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    tm_free(m);
}

static void test_keys_esa(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    /* ISK/SSK act on the 4K block: both 2K keys */
    c->gr[1] = 0x3F;
    c->gr[2] = 0x4000;
    const uint8_t ssk[] = RR(0x08, 1, 2);
    CU_ASSERT_EQUAL(exec1(m, ssk), 0);
    CU_ASSERT_EQUAL(m->keys[8], 0x3E);
    CU_ASSERT_EQUAL(m->keys[9], 0x3E);

    /* ISKE: ACC and F of the block, R and C or'ed over both halves */
    m->keys[10] = 0x14;                     /* key 1, R */
    m->keys[11] = 0x12;                     /* key 1, C */
    c->gr[2] = 0x5FFF;
    c->gr[3] = 0x12345678;
    const uint8_t iske[] = RRE(0xB229, 3, 2);
    CU_ASSERT_EQUAL(exec1(m, iske), 0);
    CU_ASSERT_EQUAL(c->gr[3], 0x12345616);
    const uint8_t isk[] = RR(0x09, 4, 2);
    c->gr[2] = 0x5000;
    CU_ASSERT_EQUAL(exec1(m, isk), 0);
    CU_ASSERT_EQUAL(c->gr[4] & 0xFF, 0x16);

    /* SSKE sets both halves */
    c->gr[1] = 0x59;
    c->gr[2] = 0x6800;
    const uint8_t sske[] = RRE(0xB22B, 1, 2);
    CU_ASSERT_EQUAL(exec1(m, sske), 0);
    CU_ASSERT_EQUAL(m->keys[12], 0x58);
    CU_ASSERT_EQUAL(m->keys[13], 0x58);

    /* RRBE: CC from the or of both halves, both R bits reset */
    m->keys[14] = 0x04;
    m->keys[15] = 0x02;
    c->gr[2] = 0x7000;
    const uint8_t rrbe[] = RRE(0xB22A, 0, 2);
    CU_ASSERT_EQUAL(exec1(m, rrbe), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    CU_ASSERT_EQUAL(m->keys[14], 0x00);
    CU_ASSERT_EQUAL(m->keys[15], 0x02);
    CU_ASSERT_EQUAL(exec1(m, rrbe), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    /* RRB: the 4K block at the operand address */
    m->keys[14] = 0x06;
    const uint8_t rrb[] = S(0xB213, 2, 0x800);
    CU_ASSERT_EQUAL(exec1(m, rrb), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    CU_ASSERT_EQUAL(m->keys[14], 0x02);

    /* addressing outside storage */
    c->gr[2] = 0x00100000;
    CU_ASSERT_EQUAL(exec1(m, iske), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(exec1(m, sske), PGM_ADDRESSING);
    CU_ASSERT_EQUAL(exec1(m, rrbe), PGM_ADDRESSING);
    /* the key instructions use real addresses: prefixing applies */
    c->prefix = 0x20000;
    tlb_purge(c);
    memcpy(m->mem + 0x20000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
    c->gr[1] = 0x70;
    c->gr[2] = 0x0000;
    CU_ASSERT_EQUAL(exec1(m, sske), 0);
    CU_ASSERT_EQUAL(m->keys[0x20000 >> 11], 0x70);
    CU_ASSERT_EQUAL(m->keys[0], 0x00);
    tm_free(m);
}

/* Changing a key takes effect at once: the TLB must not keep the old
 * permission.  Key-1 PSW fetching key-2 fetch-protected storage: PGM 4. */
static void test_key_change_and_fetch_protection(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    m->keys[TM_DATA >> 11] = 0x20;          /* key 2, not fetch protected */
    set_key(m, 1);
    const uint8_t lctl[] = RS(0xB7, 10, 10, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, lctl), 0);     /* fetch allowed; TLB filled  */
    CU_ASSERT_EQUAL(c->cr[10], 0);
    const uint8_t stctl[] = RS(0xB6, 10, 10, 12, 0);
    CU_ASSERT_EQUAL(exec1(m, stctl), PGM_PROTECTION);

    /* SSKE (in key 1: SSKE does not care) makes it fetch protected */
    c->gr[1] = 0x28;
    c->gr[2] = TM_DATA;
    const uint8_t sske[] = RRE(0xB22B, 1, 2);
    CU_ASSERT_EQUAL(exec1(m, sske), 0);
    CU_ASSERT_EQUAL(exec1(m, lctl), PGM_PROTECTION);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);         /* suppressed */
    /* key 2 may */
    set_key(m, 2);
    st_be32(m->mem + TM_DATA, 0xCAFE0000);
    CU_ASSERT_EQUAL(exec1(m, lctl), 0);
    CU_ASSERT_EQUAL(c->cr[10], 0xCAFE0000);
    tm_free(m);
}

/* Low-address protection: a store to 0x100 with CR0 bit 3 is a protection
 * exception even in key 0, and storage is unchanged. */
static void test_low_address_protection(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        st_be32(m->mem + 0x100, 0x11223344);
        c->cr[0] |= CR0_LOW_ADDR_PROT;
        tlb_purge(c);
        const uint8_t stpx[] = S(0xB211, 0, 0x100);
        CU_ASSERT_EQUAL(exec1(m, stpx), PGM_PROTECTION);
        CU_ASSERT_EQUAL(tm_get32(m, 0x100), 0x11223344);
        /* 512 and up is not protected */
        const uint8_t stpx_hi[] = S(0xB211, 0, 0x200);
        CU_ASSERT_EQUAL(exec1(m, stpx_hi), 0);
        /* and without the control bit, 0x100 may be stored */
        c->cr[0] &= ~CR0_LOW_ADDR_PROT;
        tlb_purge(c);
        CU_ASSERT_EQUAL(exec1(m, stpx), 0);
        CU_ASSERT_EQUAL(tm_get32(m, 0x100), 0);
        tm_free(m);
    }
}

static void test_tprot(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = TM_DATA;
    const uint8_t tprot_k1[] = SSE(0xE501, 12, 0, 0, 0x10);
    const uint8_t tprot_k2[] = SSE(0xE501, 12, 0, 0, 0x20);
    const uint8_t tprot_k0[] = SSE(0xE501, 12, 0, 0, 0x00);
    m->keys[TM_DATA >> 11] = 0x20;
    CU_ASSERT_EQUAL(exec1(m, tprot_k1), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    m->keys[TM_DATA >> 11] = 0x28;
    CU_ASSERT_EQUAL(exec1(m, tprot_k1), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    CU_ASSERT_EQUAL(exec1(m, tprot_k2), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_EQUAL(exec1(m, tprot_k0), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    /* no reference bit is set */
    CU_ASSERT_EQUAL(m->keys[TM_DATA >> 11] & SK_REF, 0);

    /* storage-protection override: key-9 storage open to every key */
    m->keys[TM_DATA >> 11] = 0x98;
    CU_ASSERT_EQUAL(exec1(m, tprot_k1), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    c->cr[0] |= CR0_STORE_PROT_OVR;
    CU_ASSERT_EQUAL(exec1(m, tprot_k1), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    c->cr[0] &= ~CR0_STORE_PROT_OVR;

    /* fetch-protection override: 0-2047 not fetch protected */
    m->keys[0] = 0x28;
    const uint8_t tprot_low[] = SSE(0xE501, 0, 0x7F8, 0, 0x10);
    CU_ASSERT_EQUAL(exec1(m, tprot_low), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    c->cr[0] |= CR0_FETCH_PROT_OVR;
    CU_ASSERT_EQUAL(exec1(m, tprot_low), 0);
    CU_ASSERT_EQUAL(c->cc, 1);

    /* low-address protection counts, for key 0 too */
    m->keys[0] = 0x00;
    c->cr[0] |= CR0_LOW_ADDR_PROT;
    const uint8_t tprot_lap[] = SSE(0xE501, 0, 0x100, 0, 0x00);
    CU_ASSERT_EQUAL(exec1(m, tprot_lap), 0);
    CU_ASSERT_EQUAL(c->cc, 1);

    /* outside storage: addressing */
    c->gr[11] = 0x00F00000;
    const uint8_t tprot_far[] = SSE(0xE501, 11, 0, 0, 0);
    CU_ASSERT_EQUAL(exec1(m, tprot_far), PGM_ADDRESSING);
    tm_free(m);
}

/* ---- PSW key --------------------------------------------------------------- */

static void test_spka_ipk(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t spka3[] = S(0xB20A, 0, 0x30);
    const uint8_t spka0[] = S(0xB20A, 0, 0x00);
    const uint8_t ipk[] = S(0xB20B, 0, 0);
    CU_ASSERT_EQUAL(exec1(m, spka3), 0);
    CU_ASSERT_EQUAL(c->psw.key, 3);
    c->gr[2] = 0x123456FF;
    CU_ASSERT_EQUAL(exec1(m, ipk), 0);
    CU_ASSERT_EQUAL(c->gr[2], 0x12345630);
    CU_ASSERT_EQUAL(exec1(m, spka0), 0);
    CU_ASSERT_EQUAL(c->psw.key, 0);

    /* problem state: the PSW-key mask (CR3 bits 0-15) must allow the key */
    set_problem(m, true);
    c->cr[3] = 0x80000000;                  /* key 0 only */
    CU_ASSERT_EQUAL(exec1(m, spka3), PGM_PRIVILEGED_OPERATION);
    CU_ASSERT_EQUAL(c->psw.key, 0);
    c->cr[3] = 0x90000000;                  /* keys 0 and 3 */
    CU_ASSERT_EQUAL(exec1(m, spka3), 0);
    CU_ASSERT_EQUAL(c->psw.key, 3);
    /* IPK in the problem state needs the extraction-authority control */
    CU_ASSERT_EQUAL(exec1(m, ipk), PGM_PRIVILEGED_OPERATION);
    c->cr[0] |= CR0_EXTRACT_AUTH;
    c->gr[2] = 0;
    CU_ASSERT_EQUAL(exec1(m, ipk), 0);
    CU_ASSERT_EQUAL(c->gr[2], 0x30);
    tm_free(m);
}

/* ---- address-space control ------------------------------------------------- */

static void test_iac_sac(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t iac[] = RRE(0xB224, 1, 0);
    const uint8_t sac_p[] = S(0xB219, 0, 0x000);
    const uint8_t sac_s[] = S(0xB219, 0, 0x100);
    const uint8_t sac_ar[] = S(0xB219, 0, 0x200);
    const uint8_t sac_h[] = S(0xB219, 0, 0x300);
    const uint8_t sac_bad[] = S(0xB219, 0, 0x400);

    /* DAT off: special operation */
    CU_ASSERT_EQUAL(exec1(m, iac), PGM_SPECIAL_OPERATION);
    CU_ASSERT_EQUAL(exec1(m, sac_p), PGM_SPECIAL_OPERATION);

    esa_identity_dat(m);
    c->gr[1] = 0xFFFFFFFF;
    CU_ASSERT_EQUAL(exec1(m, iac), 0);
    CU_ASSERT_EQUAL(c->gr[1], 0xFFFF00FF);
    CU_ASSERT_EQUAL(c->cc, 0);

    /* secondary needs the secondary-space control */
    CU_ASSERT_EQUAL(exec1(m, sac_s), PGM_SPECIAL_OPERATION);
    c->cr[0] |= CR0_SECONDARY_SPACE;
    CU_ASSERT_EQUAL(exec1(m, sac_s), 0);
    CU_ASSERT_EQUAL(c->psw.asc, AS_SECONDARY);
    CU_ASSERT_EQUAL(exec1(m, iac), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    CU_ASSERT_EQUAL(c->gr[1], 0xFFFF02FF);
    CU_ASSERT_EQUAL(exec1(m, sac_ar), 0);
    CU_ASSERT_EQUAL(c->psw.asc, AS_AR);
    CU_ASSERT_EQUAL(exec1(m, iac), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    CU_ASSERT_EQUAL(c->gr[1], 0xFFFF01FF);
    CU_ASSERT_EQUAL(exec1(m, sac_h), 0);
    CU_ASSERT_EQUAL(c->psw.asc, AS_HOME);
    CU_ASSERT_EQUAL(exec1(m, iac), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    CU_ASSERT_EQUAL(c->gr[1], 0xFFFF03FF);
    CU_ASSERT_EQUAL(exec1(m, sac_p), 0);
    CU_ASSERT_EQUAL(c->psw.asc, AS_PRIMARY);
    CU_ASSERT_EQUAL(exec1(m, sac_bad), PGM_SPECIFICATION);

    /* home-space mode is privileged; the others are not */
    set_problem(m, true);
    CU_ASSERT_EQUAL(exec1(m, sac_h), PGM_PRIVILEGED_OPERATION);
    CU_ASSERT_EQUAL(exec1(m, sac_ar), 0);
    CU_ASSERT_EQUAL(exec1(m, iac), PGM_PRIVILEGED_OPERATION);  /* CR0 bit 4 */
    c->cr[0] |= CR0_EXTRACT_AUTH;
    CU_ASSERT_EQUAL(exec1(m, iac), 0);
    CU_ASSERT_EQUAL(c->cc, 2);
    set_problem(m, false);
    CU_ASSERT_EQUAL(exec1(m, sac_p), 0);

    /* to home with a space-switch-event control on: the mode is changed,
     * then a space-switch-event program interruption (completion) */
    c->cr[13] |= 0x80000000;
    c->cr[4] = 0x00000042;
    CU_ASSERT_EQUAL(exec1(m, sac_h), 0x1C);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD + 2] >> 6, AS_HOME);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE + 4);
    CU_ASSERT_EQUAL(tm_get32(m, 0xA8), 0x42);
    tm_free(m);
}

/* ---- moves with keys and spaces ------------------------------------------- */

static const uint8_t MVCK[] = SS(0xD9, 4, 5, 12, 0, 11, 0);  /* MVCK 0(4,12),0(11),5 */
static const uint8_t MVCP[] = SS(0xDA, 4, 5, 12, 0, 11, 0);
static const uint8_t MVCS[] = SS(0xDB, 4, 5, 12, 0, 11, 0);

static void test_mvck(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[12] = 0x2000;                     /* destination, key 0 */
    c->gr[11] = 0x3000;                     /* source, key 3 fetch protected */
    m->keys[6] = m->keys[7] = 0x38;
    for (int i = 0; i < 512; i++)
        m->mem[0x3000 + i] = (uint8_t)(i * 7 + 1);
    set_key(m, 1);                          /* PSW key 1 (supervisor) */
    m->keys[4] = m->keys[5] = 0x10;

    c->gr[4] = 16;
    c->gr[5] = 0xFFFFFF4F;                  /* key 4: fetch protected from it */
    CU_ASSERT_EQUAL(exec1(m, MVCK), PGM_PROTECTION);
    CU_ASSERT_EQUAL(m->mem[0x2000], 0);
    c->gr[5] = 0x30;
    CU_ASSERT_EQUAL(exec1(m, MVCK), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x2000, m->mem + 0x3000, 16), 0);
    CU_ASSERT_EQUAL(m->mem[0x2010], 0);

    /* more than 256: 256 moved, cc 3 */
    c->gr[4] = 300;
    CU_ASSERT_EQUAL(exec1(m, MVCK), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x2000, m->mem + 0x3000, 256), 0);
    CU_ASSERT_EQUAL(m->mem[0x2100], 0);
    /* zero: nothing moved, cc 0, no access at all */
    c->gr[4] = 0;
    c->gr[11] = 0x00F00000;
    CU_ASSERT_EQUAL(exec1(m, MVCK), 0);
    CU_ASSERT_EQUAL(c->cc, 0);

    /* the store uses the PSW key: key 1 may not store into key 0 storage
     * that is not its own... */
    c->gr[4] = 4;
    c->gr[11] = 0x3000;
    c->gr[12] = 0x6000;                     /* key 0 storage */
    CU_ASSERT_EQUAL(exec1(m, MVCK), PGM_PROTECTION);

    /* a destination whose second part is protected: nothing is stored */
    c->gr[4] = 16;
    c->gr[11] = 0x3100;
    c->gr[12] = 0x2FF8;
    memset(m->mem + 0x2FF8, 0xEE, 8);
    CU_ASSERT_EQUAL(exec1(m, MVCK), PGM_PROTECTION);
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(m->mem[0x2FF8 + i], 0xEE);

    /* problem state: the key in R3 must be allowed by the PSW-key mask */
    c->gr[4] = 4;
    c->gr[11] = 0x3000;
    c->gr[12] = 0x2000;
    set_problem(m, true);
    c->cr[3] = 0x40000000;                  /* key 1 only */
    CU_ASSERT_EQUAL(exec1(m, MVCK), PGM_PRIVILEGED_OPERATION);
    c->cr[3] = 0x50000000;                  /* keys 1 and 3 */
    CU_ASSERT_EQUAL(exec1(m, MVCK), 0);
    tm_free(m);
}

/* Secondary space: the first megabyte one to one, except that virtual
 * page 5 is real page 6. */
#define SEC_STO 0x82000u
#define SEC_PTO 0x83000u

static void secondary_space(Machine *m)
{
    for (unsigned i = 0; i < 16; i++)
        st_be32(m->mem + SEC_STO + 4 * i, 0x20);
    st_be32(m->mem + SEC_STO, SEC_PTO | 0x0F);
    for (unsigned i = 0; i < 256; i++)
        st_be32(m->mem + SEC_PTO + 4 * i, i << 12);
    st_be32(m->mem + SEC_PTO + 4 * 5, 0x6000);
    m->cpu->cr[7] = SEC_STO;
    tlb_purge(m->cpu);
}

static void test_mvcp_mvcs(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[4] = 8;
    c->gr[5] = 0;
    c->gr[12] = 0x2000;
    c->gr[11] = 0x5000;
    /* DAT off: special operation */
    CU_ASSERT_EQUAL(exec1(m, MVCP), PGM_SPECIAL_OPERATION);
    esa_identity_dat(m);
    secondary_space(m);
    /* secondary-space control off: special operation */
    CU_ASSERT_EQUAL(exec1(m, MVCP), PGM_SPECIAL_OPERATION);
    c->cr[0] |= CR0_SECONDARY_SPACE;

    memcpy(m->mem + 0x5000, "PRIMARY5", 8);
    memcpy(m->mem + 0x6000, "SECOND-6", 8);
    /* MVCP: from secondary 5000 (real 6000) to primary 2000 */
    CU_ASSERT_EQUAL(exec1(m, MVCP), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x2000, "SECOND-6", 8), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    /* MVCS: from primary 2000 to secondary 5000 (real 6000) */
    memcpy(m->mem + 0x2000, "FROM-PRI", 8);
    c->gr[12] = 0x5000;
    c->gr[11] = 0x2000;
    CU_ASSERT_EQUAL(exec1(m, MVCS), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x6000, "FROM-PRI", 8), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x5000, "PRIMARY5", 8), 0);

    /* a secondary page that is invalid: page translation, TEA says
     * secondary (bits 30-31 = 10), and nothing is moved */
    st_be32(m->mem + SEC_PTO + 4 * 5, 0x6000 | 0x400);
    tlb_purge(c);
    memcpy(m->mem + 0x2000, "UNCHANGE", 8);
    c->gr[12] = 0x5000;
    c->gr[11] = 0x2000;
    CU_ASSERT_EQUAL(exec1(m, MVCS), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x5000 | 2);
    CU_ASSERT_EQUAL(old_ia(m), TM_CODE);                 /* nullified */
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x6000, "FROM-PRI", 8), 0);

    /* problem state: the secondary key must be allowed */
    set_problem(m, true);
    c->cr[3] = 0x80000000;
    c->gr[5] = 0x70;
    c->gr[12] = 0x2000;
    c->gr[11] = 0x5000;
    st_be32(m->mem + SEC_PTO + 4 * 5, 0x6000);
    tlb_purge(c);
    CU_ASSERT_EQUAL(exec1(m, MVCP), PGM_PRIVILEGED_OPERATION);
    c->gr[5] = 0x00;
    c->gr[4] = 1000;
    CU_ASSERT_EQUAL(exec1(m, MVCP), 0);
    CU_ASSERT_EQUAL(c->cc, 3);
    tm_free(m);
}

/* ---- SIGNAL PROCESSOR ------------------------------------------------------ */

static const uint8_t SIGP_SENSE[] = RS(0xAE, 1, 3, 0, 0x01);

static void test_sigp_simple(void)
{
    for (int a = 0; a < NUM_ARCH; a++) {
        Machine *m = tm_new((Arch)a);
        Cpu *c = m->cpu;
        c->gr[3] = 0;
        c->gr[1] = 0x5555;
        CU_ASSERT_EQUAL(exec1(m, SIGP_SENSE), 0);
        CU_ASSERT_EQUAL(c->cc, 0);
        CU_ASSERT_EQUAL(c->gr[1], 0x5555);
        /* another CPU address: not operational */
        c->gr[3] = 1;
        CU_ASSERT_EQUAL(exec1(m, SIGP_SENSE), 0);
        CU_ASSERT_EQUAL(c->cc, 3);
        /* an unassigned order: status "invalid order" */
        c->gr[3] = 0;
        const uint8_t sigp_77[] = RS(0xAE, 1, 3, 0, 0x77);
        CU_ASSERT_EQUAL(exec1(m, sigp_77), 0);
        CU_ASSERT_EQUAL(c->cc, 1);
        CU_ASSERT_EQUAL(c->gr[1], 0x00000002);
        /* set prefix needs a stopped CPU (ESA/390); S/370 has no such order */
        const uint8_t sigp_spx[] = RS(0xAE, 4, 3, 0, 0x0D);
        c->gr[5] = 0x20000;                  /* the parameter (odd register) */
        CU_ASSERT_EQUAL(exec1(m, sigp_spx), 0);
        CU_ASSERT_EQUAL(c->cc, 1);
        CU_ASSERT_EQUAL(c->gr[4], a == ARCH_ESA390 ? 0x200u : 0x002u);
        CU_ASSERT_EQUAL(c->prefix, 0);
        /* privileged */
        set_problem(m, true);
        CU_ASSERT_EQUAL(exec1(m, SIGP_SENSE), PGM_PRIVILEGED_OPERATION);
        tm_free(m);
    }
}

static void test_sigp_restart(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t rnew[8] = { 0x00, 0x0A, 0x00, 0x00, 0x80, 0x00, 0x44, 0x44 };
    tm_put(m, PSA_RESTART_NEW, rnew, 8);
    const uint8_t sigp_restart[] = RS(0xAE, 1, 3, 0, 0x06);
    c->gr[3] = 0;
    c->cc = 2;
    CU_ASSERT_EQUAL(exec1(m, sigp_restart), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_TRUE(c->restart_pending);
    /* the next look at interruptions takes it */
    c->max_insns = c->icount + 1;
    CU_ASSERT_EQUAL(cpu_run(c), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(c->ia, 0x4444);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_RESTART_OLD + 4), 0x80000000u | (TM_CODE + 4));
    CU_ASSERT_FALSE(c->restart_pending);
    tm_free(m);
}

static void test_sigp_stop(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t sigp_stop[] = RS(0xAE, 1, 3, 0, 0x05);
    c->gr[3] = 0;
    CU_ASSERT_EQUAL(exec1(m, sigp_stop), 0);
    CU_ASSERT_EQUAL(c->stop, STOP_OPERATOR);
    CU_ASSERT_EQUAL(c->ia, TM_CODE + 4);
    tm_free(m);

    /* stop and store status: the status is at absolute D8-1FF */
    m = tm_new(ARCH_ESA390);
    c = m->cpu;
    for (int i = 0; i < 16; i++)
        c->gr[i] = 0x01010101u * (uint32_t)i;
    c->gr[3] = 0;
    c->cr[5] = 0x55AA55AA;
    c->ckc = 0x1122334455667788ull;
    const uint8_t sigp_sss[] = RS(0xAE, 1, 3, 0, 0x09);
    CU_ASSERT_EQUAL(exec1(m, sigp_sss), 0);
    CU_ASSERT_EQUAL(c->stop, STOP_OPERATOR);
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(tm_get32(m, 0x180 + 4 * i), c->gr[i]);
    CU_ASSERT_EQUAL(tm_get32(m, 0x1C0 + 4 * 5), 0x55AA55AA);
    CU_ASSERT_EQUAL(get64(m, 0xE0), 0x1122334455667788ull);
    CU_ASSERT_EQUAL(tm_get32(m, 0x100 + 4), 0x80000000u | (TM_CODE + 4));
    CU_ASSERT_EQUAL(tm_get32(m, 0x108), 0);
    tm_free(m);
}

static void test_sigp_reset(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->gr[3] = 0;
    c->gr[7] = 0x77;
    c->cr[3] = 0x12340000;
    c->restart_pending = false;
    const uint8_t sigp_reset[] = RS(0xAE, 1, 3, 0, 0x0C);
    CU_ASSERT_EQUAL(exec1(m, sigp_reset), 0);
    CU_ASSERT_EQUAL(c->stop, STOP_OPERATOR);
    CU_ASSERT_EQUAL(c->cr[3], 0x12340000);          /* CPU reset keeps CRs */
    CU_ASSERT_EQUAL(c->gr[7], 0x77);

    /* initial CPU reset: CRs, prefix, PSW to their initial values */
    memcpy(m->mem + 0x20000 + PSA_PGM_NEW, m->mem + PSA_PGM_NEW, 8);
    c->prefix = 0x20000;
    tlb_purge(c);
    const uint8_t sigp_ireset[] = RS(0xAE, 1, 3, 0, 0x0B);
    CU_ASSERT_EQUAL(exec1(m, sigp_ireset), 0);
    CU_ASSERT_EQUAL(c->stop, STOP_OPERATOR);
    CU_ASSERT_EQUAL(c->cr[3], 0);
    CU_ASSERT_EQUAL(c->cr[0], 0xE0);
    CU_ASSERT_EQUAL(c->prefix, 0);
    CU_ASSERT_EQUAL(c->gr[7], 0x77);                  /* GRs are kept */
    tm_free(m);
}

/* ---- DIAGNOSE ------------------------------------------------------------------ */

typedef struct DiagSeen {
    unsigned r1, r3, calls;
    uint32_t code;
    bool answer;
} DiagSeen;

static bool diag_hook(void *ctx, Cpu *c, unsigned r1, unsigned r3, uint32_t code)
{
    DiagSeen *d = ctx;
    d->r1 = r1;
    d->r3 = r3;
    d->code = code;
    d->calls++;
    c->gr[r1] = 0xD1A6;
    return d->answer;
}

static void test_diag(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t diag[] = RS(0x83, 4, 6, 5, 0x008);
    c->gr[5] = 0x100;
    /* the bare machine: operation exception */
    CU_ASSERT_EQUAL(exec1(m, diag), PGM_OPERATION);
    DiagSeen d = { 0 };
    c->hooks.ctx = &d;
    c->hooks.diagnose = diag_hook;
    d.answer = true;
    CU_ASSERT_EQUAL(exec1(m, diag), 0);
    CU_ASSERT_EQUAL(d.calls, 1);
    CU_ASSERT_EQUAL(d.r1, 4);
    CU_ASSERT_EQUAL(d.r3, 6);
    CU_ASSERT_EQUAL(d.code, 0x108);
    CU_ASSERT_EQUAL(c->gr[4], 0xD1A6);
    d.answer = false;
    CU_ASSERT_EQUAL(exec1(m, diag), PGM_OPERATION);
    set_problem(m, true);
    CU_ASSERT_EQUAL(exec1(m, diag), PGM_PRIVILEGED_OPERATION);
    CU_ASSERT_EQUAL(d.calls, 2);
    tm_free(m);
}

/* ---- TEST BLOCK ----------------------------------------------------------------- */

static void test_tb(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    const uint8_t tb[] = RRE(0xB22C, 0, 2);
    memset(m->mem + 0x3000, 0xAA, 0x1001);
    c->gr[0] = 0x55;
    c->gr[2] = 0x80003123;                  /* bits 0 and 20-31 ignored */
    c->cc = 3;
    CU_ASSERT_EQUAL(exec1(m, tb), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    CU_ASSERT_EQUAL(c->gr[0], 0);
    for (unsigned i = 0; i < 0x1000; i += 0x111)
        CU_ASSERT_EQUAL(m->mem[0x3000 + i], 0);
    CU_ASSERT_EQUAL(m->mem[0x3FFF], 0);
    CU_ASSERT_EQUAL(m->mem[0x4000], 0xAA);
    /* low-address protection applies; nothing is cleared */
    m->mem[0x300] = 0x77;
    c->cr[0] |= CR0_LOW_ADDR_PROT;
    c->gr[2] = 0;
    CU_ASSERT_EQUAL(exec1(m, tb), PGM_PROTECTION);
    CU_ASSERT_EQUAL(m->mem[0x300], 0x77);
    /* outside storage */
    c->gr[2] = 0x00100000;
    CU_ASSERT_EQUAL(exec1(m, tb), PGM_ADDRESSING);
    tm_free(m);
}

/* ---- privileged operations in the problem state --------------------------- */

static void test_privileged_in_problem_state(void)
{
    static const struct { const char *name; uint8_t b[6]; bool esa_only; } insns[] = {
        { "LPSW",  S(0x8200, 0, 0), false },   { "SSM",   S(0x8000, 0, 0), false },
        { "STNSM", SI(0xAC, 0, 0, 0), false }, { "STOSM", SI(0xAD, 0, 0, 0), false },
        { "LCTL",  RS(0xB7, 0, 0, 0, 0), false }, { "STCTL", RS(0xB6, 0, 0, 0, 0), false },
        { "SPX",   S(0xB210, 0, 0), false },   { "STPX",  S(0xB211, 0, 0), false },
        { "STAP",  S(0xB212, 0, 0), false },   { "STIDP", S(0xB202, 0, 0), false },
        { "SCK",   S(0xB204, 0, 0), false },   { "SCKC",  S(0xB206, 0, 0), false },
        { "STCKC", S(0xB207, 0, 0), false },   { "SPT",   S(0xB208, 0, 0), false },
        { "STPT",  S(0xB209, 0, 0), false },   { "ISK",   RR(0x09, 0, 0), false },
        { "SSK",   RR(0x08, 0, 0), false },    { "RRB",   S(0xB213, 0, 0), false },
        { "PTLB",  S(0xB20D, 0, 0), false },   { "LRA",   RX(0xB1, 0, 0, 0, 0), false },
        { "SIGP",  RS(0xAE, 0, 0, 0, 0), false }, { "DIAG", RS(0x83, 0, 0, 0, 0), false },
        { "ISKE",  RRE(0xB229, 0, 0), true },  { "SSKE",  RRE(0xB22B, 0, 0), true },
        { "RRBE",  RRE(0xB22A, 0, 0), true },  { "IPTE",  RRE(0xB221, 0, 0), true },
        { "TPROT", SSE(0xE501, 0, 0, 0, 0), true }, { "TB", RRE(0xB22C, 0, 0), true },
    };
    for (int a = 0; a < NUM_ARCH; a++) {
        for (unsigned i = 0; i < sizeof insns / sizeof insns[0]; i++) {
            if (insns[i].esa_only && a == ARCH_S370)
                continue;
            Machine *m = tm_new((Arch)a);
            m->cpu->psw.states |= PSWS_EC;      /* S/370: EC mode, ILC at 8D */
            set_problem(m, true);
            int rc = exec1(m, insns[i].b);
            if (rc != PGM_PRIVILEGED_OPERATION)
                fprintf(stderr, "\n  %s in problem state: %04X", insns[i].name, rc);
            CU_ASSERT_EQUAL(rc, PGM_PRIVILEGED_OPERATION);
            CU_ASSERT_EQUAL(old_ilc(m), insn_length(insns[i].b[0]));
            tm_free(m);
        }
    }
}

void register_control_tests(void)
{
    CU_pSuite s = CU_add_suite("control", NULL, NULL);
    CU_add_test(s, "LPSW (ESA/390)", test_lpsw_esa);
    CU_add_test(s, "LPSW invalid PSW: ILC 0, old PSW is the invalid one", test_lpsw_invalid);
    CU_add_test(s, "LPSW (S/370 BC and EC)", test_lpsw_s370);
    CU_add_test(s, "LPSW alignment", test_lpsw_alignment);
    CU_add_test(s, "SSM, SSM suppression, must-be-zero bits", test_ssm);
    CU_add_test(s, "SSM (S/370 BC, EC early exception)", test_ssm_s370);
    CU_add_test(s, "STNSM, STOSM", test_stnsm_stosm);
    CU_add_test(s, "LCTL, STCTL (wrap, TLB purge, alignment)", test_lctl_stctl);
    CU_add_test(s, "SPX, STPX, prefixed PSA", test_spx_stpx);
    CU_add_test(s, "STAP, STIDP", test_stap_stidp);
    CU_add_test(s, "SCK, STCK", test_sck_stck);
    CU_add_test(s, "STCK unique and rising", test_stck_monotonic);
    CU_add_test(s, "SCKC, STCKC", test_sckc_stckc);
    CU_add_test(s, "SPT, STPT decreasing (deterministic)", test_spt_stpt);
    CU_add_test(s, "ISK, SSK, RRB (S/370 2K keys)", test_isk_ssk_s370);
    CU_add_test(s, "ISK, SSK, ISKE, SSKE, RRBE, RRB (ESA/390 4K)", test_keys_esa);
    CU_add_test(s, "key change reaches the TLB; fetch protection", test_key_change_and_fetch_protection);
    CU_add_test(s, "low-address protection", test_low_address_protection);
    CU_add_test(s, "TPROT (real)", test_tprot);
    CU_add_test(s, "SPKA, IPK (semiprivileged)", test_spka_ipk);
    CU_add_test(s, "IAC, SAC, space-switch event", test_iac_sac);
    CU_add_test(s, "MVCK", test_mvck);
    CU_add_test(s, "MVCP, MVCS", test_mvcp_mvcs);
    CU_add_test(s, "SIGP sense, not operational, invalid order, set prefix", test_sigp_simple);
    CU_add_test(s, "SIGP restart", test_sigp_restart);
    CU_add_test(s, "SIGP stop, stop and store status", test_sigp_stop);
    CU_add_test(s, "SIGP CPU reset, initial CPU reset", test_sigp_reset);
    CU_add_test(s, "DIAGNOSE and its hook", test_diag);
    CU_add_test(s, "TB", test_tb);
    CU_add_test(s, "privileged operations in the problem state", test_privileged_in_problem_state);
}
