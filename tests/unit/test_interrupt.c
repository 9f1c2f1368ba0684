/*
 * test_interrupt.c — interruptions (cpu370/interrupt.c and the run loop in
 * cpu.c): old/new PSW swaps, ILC, nullification, suppression and
 * completion, SVC, external interruptions from the CPU timer, the clock
 * comparator and the S/370 interval timer, S/370 BC-mode codes in the old
 * PSW, restart, the program-interruption loop guard and the enabled wait.
 * ESA/390 PoO SA22-7201 ch. 6 "Interruptions"; S/370 PoO GA22-7000 ch. 6.
 */
#include "tests/unit/testutil.h"

#define S(op, b, d)           { (op) >> 8, (op) & 0xFF, (b) << 4 | ((d) >> 8), (d) & 0xFF }

/* New PSWs that end in a disabled wait at a recognizable address. */
#define EXT_TRAP 0x6660u
#define SVC_TRAP 0x5550u

static void esa_wait_psw(Machine *m, uint32_t at, uint32_t ia)
{
    const uint8_t p[8] = { 0x00, 0x0A, 0, 0, 0x80 | (ia >> 24), (uint8_t)(ia >> 16),
                           (uint8_t)(ia >> 8), (uint8_t)ia };
    tm_put(m, at, p, 8);
}

static void bc_wait_psw(Machine *m, uint32_t at, uint32_t ia)
{
    const uint8_t p[8] = { 0x00, 0x02, 0, 0, 0, (uint8_t)(ia >> 16), (uint8_t)(ia >> 8), (uint8_t)ia };
    tm_put(m, at, p, 8);
}

/* Run until the CPU stops by itself, at most `n` instructions. */
static StopReason run_for(Machine *m, unsigned n)
{
    Cpu *c = m->cpu;
    c->max_insns = c->icount + n;
    return cpu_run(c);
}

/* Load a PSW as LPSW would, from eight bytes. */
static void load_psw(Machine *m, const uint8_t *p)
{
    psw_load(m->cpu, p);
}

/* ---- program interruptions --------------------------------------------------- */

static void test_program_swap(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    c->cc = 2;
    c->psw.pm = 0xC;
    c->psw.key = 3;
    cpu_state_changed(c);
    const uint8_t op0[] = { 0x00, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, op0, 2, 1), PGM_OPERATION);
    /* old PSW: the interrupted one, pointing past the instruction */
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD), 0x00380000 | 0x2C00);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000 | (TM_CODE + 2));
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), PGM_OPERATION);
    /* new PSW in force */
    CU_ASSERT_EQUAL(c->ia, TM_PGM_TRAP);
    CU_ASSERT_EQUAL(c->psw.key, 0);
    CU_ASSERT_TRUE(psw_wait(c));
    CU_ASSERT_EQUAL(c->stop, STOP_DISABLED_WAIT);
    tm_free(m);
}

/* The ILC is the length of the instruction: 2, 4 or 6. */
static void test_ilc(void)
{
    static const struct { uint8_t b[6]; unsigned len; } v[] = {
        { { 0x00, 0x00 }, 2 },
        { { 0xB2, 0xFF, 0x00, 0x00 }, 4 },
        { { 0xE4, 0x00, 0x00, 0x00, 0x00, 0x00 }, 6 },
    };
    for (unsigned i = 0; i < 3; i++) {
        Machine *m = tm_new(ARCH_ESA390);
        CU_ASSERT_EQUAL(tm_exec(m, v[i].b, v[i].len, 1), PGM_OPERATION);
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], v[i].len);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, TM_CODE + v[i].len);
        tm_free(m);
    }
}

/* Nullification (page translation: the old PSW points at the instruction,
 * TEA stored), suppression (protection: past it, nothing stored),
 * completion (fixed-point overflow: past it, the result stored). */
static void test_nullify_suppress_complete(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    /* one segment, pages 0-FF; page 20 invalid */
    for (unsigned i = 0; i < 16; i++)
        st_be32(m->mem + 0x80000 + 4 * i, 0x20);
    st_be32(m->mem + 0x80000, 0x81000 | 0xF);
    for (unsigned i = 0; i < 256; i++)
        st_be32(m->mem + 0x81000 + 4 * i, i << 12);
    st_be32(m->mem + 0x81000 + 4 * 0x20, 0x20000 | 0x400);
    c->cr[0] = (c->cr[0] & ~CR0_TRANS_FORMAT) | CR0_TRANS_FORMAT_ESA;
    c->cr[1] = 0x80000;
    c->psw.sysmask = 0x04;
    tlb_purge(c);
    c->gr[12] = 0x20010;
    const uint8_t stck[] = S(0xB205, 12, 0);
    CU_ASSERT_EQUAL(tm_exec(m, stck, 4, 1), PGM_PAGE_TRANSLATION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000 | TM_CODE);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x20000);
    CU_ASSERT_EQUAL(ld_be64(m->mem + 0x20010), 0);
    tm_free(m);

    m = tm_new(ARCH_ESA390);
    c = m->cpu;
    c->cr[0] |= CR0_LOW_ADDR_PROT;
    tlb_purge(c);
    st_be32(m->mem + PSA_TEA, 0x77777777);
    const uint8_t stck_low[] = S(0xB205, 0, 0x1F8);
    CU_ASSERT_EQUAL(tm_exec(m, stck_low, 4, 1), PGM_PROTECTION);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000 | (TM_CODE + 4));
    CU_ASSERT_EQUAL(ld_be64(m->mem + 0x1F8), 0);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_TEA), 0x77777777);     /* no TEA */
    tm_free(m);

    /* AR with the fixed-point-overflow mask on: the sum is stored, CC 3 */
    m = tm_new(ARCH_ESA390);
    c = m->cpu;
    c->gr[1] = 0x7FFFFFFF;
    c->gr[2] = 1;
    c->psw.pm = PM_FIXED_OVERFLOW;
    const uint8_t ar[] = { 0x1A, 0x12 };
    CU_ASSERT_EQUAL(tm_exec(m, ar, 2, 1), PGM_FIXED_OVERFLOW);
    CU_ASSERT_EQUAL(c->gr[1], 0x80000000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000 | (TM_CODE + 2));
    CU_ASSERT_EQUAL((m->mem[PSA_PGM_OLD + 2] >> 4) & 3, 3);
    tm_free(m);
}

/* S/370 BC mode: the interruption code and ILC are in the old PSW. */
static void test_s370_bc_program(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    c->cc = 1;
    c->psw.pm = 3;
    memset(m->mem + PSA_PGM_ILC - 1, 0xEE, 3);
    const uint8_t op0[] = { 0x00, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, op0, 2, 1), PGM_OPERATION);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_OLD + 2), PGM_OPERATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD + 4], 0x40 | 0x10 | 0x3);   /* ILC 1, CC 1, PM 3 */
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0xFFFFFF, TM_CODE + 2);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 0xEE);                     /* EC fields untouched */
    tm_free(m);

    m = tm_new(ARCH_S370);
    const uint8_t b2ff[] = { 0xB2, 0xFF, 0x00, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, b2ff, 4, 1), PGM_OPERATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD + 4] >> 6, 2);               /* ILC 2 halfwords */
    tm_free(m);

    /* S/370 EC mode: the ESA/390 places */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    c->psw.states |= PSWS_EC;
    cpu_state_changed(c);
    CU_ASSERT_EQUAL(tm_exec(m, op0, 2, 1), PGM_OPERATION);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), PGM_OPERATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), TM_CODE + 2);
    tm_free(m);
}

/* ---- instruction-fetching exceptions --------------------------------------------- */

/* ESA/390 PoO ch. 6 "ILC on instruction-fetching exceptions": for an odd
 * instruction address, and for an addressing or protection exception met
 * fetching an instruction, the old PSW's address is incremented by 2, 4
 * or 6 and the ILC says by how much (the address minus 2 x ILC is the
 * instruction's); when the first halfword could be fetched and the
 * exception is on the second or third, "the ILC may be arbitrarily set to
 * 1, 2, or 3".  interpex: ILC 1 until the first halfword is fetched, then
 * the instruction's length.  (Hercules 3.13 increments by the length of
 * the instruction executed before, also within the rule.) */
typedef struct IfetchVec {
    uint32_t ia;           /* where the instruction is fetched            */
    uint32_t at;           /* where its bytes go (or 0: none)             */
    uint8_t  b[6];
    unsigned n;            /* bytes placed                                */
    int      code;
    uint32_t old_ia;
    unsigned ilc;          /* in bytes, as at X'8F'                       */
} IfetchVec;

static void ifetch_case(Arch arch, unsigned key, const IfetchVec *v)
{
    Machine *m = tm_new(arch);
    Cpu *c = m->cpu;
    /* 2K block 3000-37FF: key 2, fetch protected */
    m->keys[0x3000 >> 11] = 0x28;
    if (v->n)
        tm_put(m, v->at, v->b, v->n);
    c->psw.key = (uint8_t)key;
    cpu_state_changed(c);
    c->ia = v->ia;
    int code = tm_step(m);
    if (code != v->code)
        fprintf(stderr, "\n  ifetch at %08X: code %X, want %X", v->ia, code, v->code);
    CU_ASSERT_EQUAL(code, v->code);
    if (arch == ARCH_S370) {                      /* BC mode: in the old PSW */
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_OLD + 4] >> 6, v->ilc / 2);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x00FFFFFF, v->old_ia);
    } else {
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], v->ilc);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4), 0x80000000u | v->old_ia);
    }
    tm_free(m);
}

static void test_ifetch_ilc(void)
{
    /* 1M of storage: 00000-FFFFF */
    static const IfetchVec esa[] = {
        /* odd address */
        { 0x2001, 0, { 0 }, 0, PGM_SPECIFICATION, 0x2003, 2 },
        /* outside storage */
        { 0x200000, 0, { 0 }, 0, PGM_ADDRESSING, 0x200002, 2 },
        /* the last halfword of storage holds the first of an LA, an MVC */
        { 0xFFFFE, 0xFFFFE, { 0x41, 0x20 }, 2, PGM_ADDRESSING, 0x100002, 4 },
        { 0xFFFFE, 0xFFFFE, { 0xD2, 0x07 }, 2, PGM_ADDRESSING, 0x100004, 6 },
        { 0xFFFFC, 0xFFFFC, { 0xD2, 0x07, 0x20, 0x00 }, 4, PGM_ADDRESSING, 0x100002, 6 },
    };
    for (unsigned i = 0; i < sizeof esa / sizeof esa[0]; i++)
        ifetch_case(ARCH_ESA390, 0, &esa[i]);
    /* key 1: the block at 3000 is fetch protected (key 2) */
    static const IfetchVec prot[] = {
        { 0x3000, 0, { 0 }, 0, PGM_PROTECTION, 0x3002, 2 },
        { 0x2FFE, 0x2FFE, { 0x41, 0x20 }, 2, PGM_PROTECTION, 0x3002, 4 },
        { 0x2FFC, 0x2FFC, { 0xD2, 0x07, 0x20, 0x00 }, 4, PGM_PROTECTION, 0x3002, 6 },
        /* all in the accessible block: it runs (LA 2,1) */
        { 0x2FFC, 0x2FFC, { 0x41, 0x20, 0x00, 0x01 }, 4, 0, 0, 0 },
    };
    for (unsigned i = 0; i < 3; i++)
        ifetch_case(ARCH_ESA390, 1, &prot[i]);
    Machine *m = tm_new(ARCH_ESA390);
    m->keys[0x3000 >> 11] = 0x28;
    tm_put(m, prot[3].at, prot[3].b, 4);
    m->cpu->psw.key = 1;
    cpu_state_changed(m->cpu);
    m->cpu->ia = prot[3].ia;
    CU_ASSERT_EQUAL(tm_step(m), 0);
    CU_ASSERT_EQUAL(m->cpu->gr[2], 1);
    tm_free(m);
    /* S/370 BC mode: the ILC in bits 32-33 of the old PSW */
    static const IfetchVec bc[] = {
        { 0x2001, 0, { 0 }, 0, PGM_SPECIFICATION, 0x2003, 2 },
        { 0x200000, 0, { 0 }, 0, PGM_ADDRESSING, 0x200002, 2 },
        { 0xFFFFE, 0xFFFFE, { 0x41, 0x20 }, 2, PGM_ADDRESSING, 0x100002, 4 },
        { 0x2FFE, 0x2FFE, { 0x41, 0x20 }, 2, PGM_PROTECTION, 0x3002, 4 },
    };
    for (unsigned i = 0; i < sizeof bc / sizeof bc[0]; i++)
        ifetch_case(ARCH_S370, i == 3 ? 1 : 0, &bc[i]);
}

/* ---- an invalid PSW as the old PSW ----------------------------------------------- */

/* A PSW with ones where zeros are required (or a zero in ESA/390 bit 12)
 * is loaded anyway, a specification exception is recognized right after
 * with ILC 0 ("Early exception recognition"), and the current PSW, stored
 * as the program old PSW ("Interruption action"), is that PSW with every
 * bit as introduced: bits 24-31 too, and S/370 EC bits 32-39.  Hercules
 * 3.13 stores them too. */
static void test_invalid_psw_stored_as_loaded(void)
{
    static const uint8_t lpsw[] = { 0x82, 0x00, 0xC0, 0x00 };      /* LPSW 0(12) */
    static const uint8_t esa[][8] = {
        { 0x00, 0x08, 0x00, 0xA5, 0x80, 0x00, 0x30, 0x00 },      /* bits 24-31     */
        { 0x00, 0x08, 0x20, 0x01, 0x00, 0x00, 0x30, 0x00 },      /* 31, 24-bit     */
        { 0x20, 0x04, 0x00, 0x80, 0x7F, 0x00, 0x30, 0x00 },      /* 2, 12, 24, 33- */
    };
    for (unsigned i = 0; i < 3; i++) {
        Machine *m = tm_new(ARCH_ESA390);
        m->cpu->gr[12] = TM_DATA;
        tm_put(m, TM_DATA, esa[i], 8);
        CU_ASSERT_EQUAL(tm_exec(m, lpsw, 4, 1), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(memcmp(m->mem + PSA_PGM_OLD, esa[i], 8), 0);
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 0);
        /* the next PSW loaded (the program new PSW) has zeros there again */
        uint8_t now[8];
        psw_store(m->cpu, now);
        CU_ASSERT_EQUAL(memcmp(now, m->mem + PSA_PGM_NEW, 8), 0);
        tm_free(m);
    }
    static const uint8_t ec[][8] = {
        { 0x00, 0x08, 0x00, 0x5A, 0x00, 0x00, 0x30, 0x00 },      /* bits 24-31 */
        { 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x30, 0x00 },      /* bit 39     */
        { 0x00, 0x08, 0x40, 0xFF, 0xFF, 0x00, 0x30, 0x00 },      /* 17, 24-39  */
    };
    for (unsigned i = 0; i < 3; i++) {
        Machine *m = tm_new(ARCH_S370);
        m->cpu->gr[12] = TM_DATA;
        tm_put(m, TM_DATA, ec[i], 8);
        CU_ASSERT_EQUAL(tm_exec(m, lpsw, 4, 1), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(memcmp(m->mem + PSA_PGM_OLD, ec[i], 8), 0);
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 0);
        tm_free(m);
    }
    /* brought in by an interruption: an SVC new PSW with bits 24-31 */
    Machine *m = tm_new(ARCH_ESA390);
    static const uint8_t svc_new[8] = { 0x00, 0x08, 0x00, 0x5A, 0x80, 0x00, 0x55, 0x50 };
    tm_put(m, PSA_SVC_NEW, svc_new, 8);
    const uint8_t svc[] = { 0x0A, 0x42 };
    tm_put(m, TM_CODE, svc, 2);
    m->cpu->ia = TM_CODE;
    CU_ASSERT_EQUAL(run_for(m, 2), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(m->cpu->ia, TM_PGM_TRAP);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_SVC_OLD + 4), 0x80000000 | (TM_CODE + 2));
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_PGM_CODE), PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + PSA_PGM_OLD, svc_new, 8), 0);
    tm_free(m);
}

/* ---- SVC ------------------------------------------------------------------------- */

static void test_svc(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_wait_psw(m, PSA_SVC_NEW, SVC_TRAP);
    c->cc = 1;
    const uint8_t svc[] = { 0x0A, 0x42 };
    CU_ASSERT_EQUAL(tm_exec(m, svc, 2, 1), 0);
    CU_ASSERT_EQUAL(c->ia, SVC_TRAP);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_SVC_OLD), 0x00081000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_SVC_OLD + 4), 0x80000000 | (TM_CODE + 2));
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_SVC_CODE), 0x42);
    CU_ASSERT_EQUAL(m->mem[PSA_SVC_ILC], 2);
    tm_free(m);

    /* the target of EXECUTE: ILC 4, the old PSW past the EX, R1 bits
     * 24-31 or'ed into the SVC number */
    m = tm_new(ARCH_ESA390);
    c = m->cpu;
    esa_wait_psw(m, PSA_SVC_NEW, SVC_TRAP);
    const uint8_t target[] = { 0x0A, 0x40 };
    tm_put(m, 0x3000, target, 2);
    c->gr[1] = 0x03;
    const uint8_t ex[] = { 0x44, 0x10, 0x30, 0x00 };       /* EX 1,0(3) */
    c->gr[3] = 0x3000;
    CU_ASSERT_EQUAL(tm_exec(m, ex, 4, 1), 0);
    CU_ASSERT_EQUAL(c->ia, SVC_TRAP);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_SVC_CODE), 0x43);
    CU_ASSERT_EQUAL(m->mem[PSA_SVC_ILC], 4);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_SVC_OLD + 4), 0x80000000 | (TM_CODE + 4));
    tm_free(m);

    /* S/370 BC mode: code and ILC in the old PSW */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    bc_wait_psw(m, PSA_SVC_NEW, SVC_TRAP);
    c->cc = 2;
    CU_ASSERT_EQUAL(tm_exec(m, svc, 2, 1), 0);
    CU_ASSERT_EQUAL(c->ia, SVC_TRAP);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_SVC_OLD + 2), 0x42);
    CU_ASSERT_EQUAL(m->mem[PSA_SVC_OLD + 4], 0x40 | 0x20);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_SVC_OLD + 4) & 0xFFFFFF, TM_CODE + 2);
    tm_free(m);
}

/* ---- external interruptions ------------------------------------------------------ */

/* CPU timer set negative, clock comparator in the past: with the subclass
 * mask (CR0 bit 21 / 20) and the PSW external mask the interruption is
 * taken at the next instruction boundary, code 1005 / 1004. */
static void timer_case(bool cpu_timer, bool cr0_on, bool psw_on, bool taken)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_wait_psw(m, PSA_EXT_NEW, EXT_TRAP);
    st_be64(m->mem + TM_DATA, cpu_timer ? 0xFFFFFFFFFFFF0000ull : 0);
    c->gr[12] = TM_DATA;
    c->ckc = UINT64_MAX;
    cpu_timer_set(c, INT64_MAX / 2);
    c->cr[0] &= ~(CR0_CPU_TIMER | CR0_CLOCK_COMPARATOR);
    if (cr0_on)
        c->cr[0] |= cpu_timer ? CR0_CPU_TIMER : CR0_CLOCK_COMPARATOR;
    if (psw_on)
        c->psw.sysmask |= 0x01;
    cpu_state_changed(c);
    /* SPT with a negative value, or SCKC 0 */
    const uint8_t spt[] = S(0xB208, 12, 0);
    const uint8_t sckc[] = S(0xB206, 12, 0);
    const uint8_t nop2[] = { 0x07, 0x00 };                 /* BCR 0,0 */
    tm_put(m, TM_CODE + 4, nop2, 2);
    tm_put(m, TM_CODE + 6, nop2, 2);
    CU_ASSERT_EQUAL(tm_exec(m, cpu_timer ? spt : sckc, 4, 1), 0);
    StopReason why = run_for(m, 2);
    if (taken) {
        CU_ASSERT_EQUAL(why, STOP_DISABLED_WAIT);
        CU_ASSERT_EQUAL(c->ia, EXT_TRAP);
        CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_EXT_CODE), cpu_timer ? EXT_CPU_TIMER : EXT_CLOCK_COMPARATOR);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_EXT_OLD + 4), 0x80000000 | (TM_CODE + 4));
        CU_ASSERT_EQUAL(m->mem[PSA_EXT_OLD], 0x01);
    } else {
        CU_ASSERT_EQUAL(why, STOP_INSN_LIMIT);
        CU_ASSERT_EQUAL(c->ia, TM_CODE + 8);
        CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_EXT_CODE), 0);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_EXT_OLD + 4), 0);
    }
    tm_free(m);
}

static void test_ext_cpu_timer(void)
{
    timer_case(true, true, true, true);
    timer_case(true, false, true, false);       /* pending, subclass off */
    timer_case(true, true, false, false);       /* pending, PSW disabled */
}

static void test_ext_clock_comparator(void)
{
    timer_case(false, true, true, true);
    timer_case(false, false, true, false);
    timer_case(false, true, false, false);
}

/* A pending, disabled interruption is taken as soon as the PSW enables:
 * STOSM opens the external mask; the old PSW points after the STOSM. */
static void test_ext_taken_when_enabled(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_wait_psw(m, PSA_EXT_NEW, EXT_TRAP);
    c->cr[0] |= CR0_CLOCK_COMPARATOR;
    c->ckc = 0;
    const uint8_t code[] = { 0x07, 0x00,                        /* BCR 0,0      */
                             0xAD, 0x01, 0x0F, 0x00,            /* STOSM F00,01 */
                             0x07, 0x00 };
    tm_put(m, TM_CODE, code, sizeof code);
    c->ia = TM_CODE;
    CU_ASSERT_EQUAL(run_for(m, 3), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_EXT_CODE), EXT_CLOCK_COMPARATOR);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_EXT_OLD + 4), 0x80000000 | (TM_CODE + 6));
    CU_ASSERT_EQUAL(m->mem[0xF00], 0x00);
    tm_free(m);
}

/* Enabled wait ended by the clock comparator, deterministic time: the
 * clock jumps to the comparator instead of spinning. */
static void test_enabled_wait_clock_comparator(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_wait_psw(m, PSA_EXT_NEW, EXT_TRAP);
    c->cr[0] |= CR0_CLOCK_COMPARATOR;
    c->ckc = tod_now(c) + (10ull << 32);       /* about 10 * 1.05 s ahead */
    const uint8_t wait[8] = { 0x01, 0x0A, 0x00, 0x00, 0x80, 0x00, 0x24, 0x00 };
    load_psw(m, wait);
    uint64_t icount = c->icount;
    CU_ASSERT_EQUAL(run_for(m, 100), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(c->ia, EXT_TRAP);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_EXT_CODE), EXT_CLOCK_COMPARATOR);
    /* the old PSW is the wait PSW */
    CU_ASSERT_EQUAL(tm_get32(m, PSA_EXT_OLD), 0x010A0000);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_EXT_OLD + 4), 0x80002400);
    CU_ASSERT(tod_now(c) > c->ckc);
    CU_ASSERT_EQUAL(c->icount, icount);        /* no instruction ran */
    tm_free(m);

    /* the CPU timer likewise */
    m = tm_new(ARCH_ESA390);
    c = m->cpu;
    esa_wait_psw(m, PSA_EXT_NEW, EXT_TRAP);
    c->cr[0] |= CR0_CPU_TIMER;
    c->ckc = UINT64_MAX;
    cpu_timer_set(c, 5ll << 32);
    load_psw(m, wait);
    CU_ASSERT_EQUAL(run_for(m, 100), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_EXT_CODE), EXT_CPU_TIMER);
    CU_ASSERT(cpu_timer_get(c) < 0);
    tm_free(m);

    /* nothing armed: an enabled wait nothing can end stops, no hang */
    m = tm_new(ARCH_ESA390);
    c = m->cpu;
    c->cr[0] &= ~(CR0_CPU_TIMER | CR0_CLOCK_COMPARATOR);
    load_psw(m, wait);
    CU_ASSERT_EQUAL(run_for(m, 100), STOP_IDLE_WAIT);
    tm_free(m);
}

/* S/370: the interval timer at X'50' counts down; going negative makes an
 * external interruption 0080 pending (CR0 bit 24), here ending a BC-mode
 * enabled wait.  The code is in the BC old PSW. */
static void test_s370_interval_timer(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    bc_wait_psw(m, PSA_EXT_NEW, EXT_TRAP);
    st_be32(m->mem + PSA_TIMER, 0x00000300);
    CU_ASSERT(c->cr[0] & CR0_INTERVAL_TIMER);
    const uint8_t wait[8] = { 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x24, 0x00 };
    load_psw(m, wait);
    CU_ASSERT_EQUAL(run_for(m, 100), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(c->ia, EXT_TRAP);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_EXT_OLD + 2), EXT_INTERVAL_TIMER);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_EXT_OLD + 4) & 0xFFFFFF, 0x2400);
    CU_ASSERT((int32_t)tm_get32(m, PSA_TIMER) < 0);
    tm_free(m);

    /* the timer decrements while instructions run: 300 * 256 units a
     * second, 16 instructions a microsecond in deterministic time */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    st_be32(m->mem + PSA_TIMER, 0x01000000);
    uint8_t loop[4096];
    for (unsigned i = 0; i < sizeof loop; i += 2) {
        loop[i] = 0x07;                         /* BCR 0,0 */
        loop[i + 1] = 0x00;
    }
    tm_put(m, TM_CODE, loop, sizeof loop);
    c->ia = TM_CODE;
    run_for(m, 2000);
    uint32_t left = tm_get32(m, PSA_TIMER);
    /* 2000 instructions = 125 us = 9.6 units */
    CU_ASSERT(left < 0x01000000 - 8);
    CU_ASSERT(left > 0x01000000 - 11);
    tm_free(m);

    /* real time: the timer counts from the reset, not from the host's
     * clock origin (a few ms here, 300 * 256 units a second) */
    m = tm_new(ARCH_S370);
    c = m->cpu;
    c->deterministic = false;
    st_be32(m->mem + PSA_TIMER, 0x01000000);
    tm_put(m, TM_CODE, loop, sizeof loop);
    c->ia = TM_CODE;
    run_for(m, 2000);
    left = tm_get32(m, PSA_TIMER);
    CU_ASSERT(left <= 0x01000000);
    CU_ASSERT(left > 0x01000000 - 76800);       /* less than a second */
    tm_free(m);
}

/* ---- restart ----------------------------------------------------------------------- */

static void test_restart(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    Cpu *c = m->cpu;
    esa_wait_psw(m, PSA_RESTART_NEW, 0x7770);
    /* taken even in a disabled wait */
    const uint8_t wait[8] = { 0x00, 0x0A, 0x00, 0x00, 0x80, 0x00, 0x24, 0x00 };
    load_psw(m, wait);
    c->restart_pending = true;
    CU_ASSERT_EQUAL(run_for(m, 10), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(c->ia, 0x7770);
    CU_ASSERT_EQUAL(tm_get32(m, PSA_RESTART_OLD + 4), 0x80002400);
    CU_ASSERT_FALSE(c->restart_pending);
    tm_free(m);
}

/* ---- the program-interruption loop --------------------------------------------------- */

/* An invalid program new PSW, or one whose instruction cannot be fetched,
 * ends in a check-stop, not a hang. */
static void test_program_loop_guard(void)
{
    static const uint8_t bad_new[][8] = {
        { 0x00, 0x00, 0, 0, 0x80, 0x00, 0x20, 0x00 },        /* bit 12 zero      */
        { 0x00, 0x08, 0, 0, 0x80, 0xF0, 0x00, 0x00 },        /* beyond storage   */
        { 0x00, 0x08, 0, 0, 0x80, 0x00, 0x20, 0x01 },        /* odd address      */
    };
    for (unsigned i = 0; i < 3; i++) {
        Machine *m = tm_new(ARCH_ESA390);
        Cpu *c = m->cpu;
        tm_put(m, PSA_PGM_NEW, bad_new[i], 8);
        const uint8_t op0[] = { 0x00, 0x00 };
        tm_put(m, TM_CODE, op0, 2);
        /* valid instructions where the new PSW points: they must never
         * run under the invalid PSW */
        const uint8_t nops[] = { 0x07, 0x00, 0x07, 0x00 };
        tm_put(m, 0x2000, nops, 4);
        c->ia = TM_CODE;
        CU_ASSERT_EQUAL(run_for(m, 1000000), STOP_CHECKSTOP);
        CU_ASSERT_EQUAL(c->icount, 0);
        tm_free(m);
    }
}

void register_interrupt_tests(void)
{
    CU_pSuite s = CU_add_suite("interrupt", NULL, NULL);
    CU_add_test(s, "program interruption: old and new PSW", test_program_swap);
    CU_add_test(s, "ILC 2, 4, 6", test_ilc);
    CU_add_test(s, "nullification, suppression, completion", test_nullify_suppress_complete);
    CU_add_test(s, "S/370 BC mode: code and ILC in the old PSW", test_s370_bc_program);
    CU_add_test(s, "instruction-fetching exceptions: ILC and old PSW", test_ifetch_ilc);
    CU_add_test(s, "invalid PSW stored as the old PSW as loaded", test_invalid_psw_stored_as_loaded);
    CU_add_test(s, "SVC (direct, under EX, BC mode)", test_svc);
    CU_add_test(s, "external: CPU timer, masks", test_ext_cpu_timer);
    CU_add_test(s, "external: clock comparator, masks", test_ext_clock_comparator);
    CU_add_test(s, "external: pending, taken when enabled", test_ext_taken_when_enabled);
    CU_add_test(s, "enabled wait ended by a timer (deterministic)", test_enabled_wait_clock_comparator);
    CU_add_test(s, "S/370 interval timer", test_s370_interval_timer);
    CU_add_test(s, "restart", test_restart);
    CU_add_test(s, "program-interruption loop: check-stop", test_program_loop_guard);
}
