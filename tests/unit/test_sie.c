/*
 * test_sie.c — SIE (sie/): the checks of the SIE instruction itself, the
 * validity checks and their order, interception controls built into the
 * guest's dispatch tables (IC bits, LCTL mask, SVC controls, TS cc 1),
 * register sharing, the counters, the SD fuzzing property (a random SD
 * ends in an interception, a validity interception or a host exception,
 * never a crash).  SIE.md §1-§6; the guest programs in tests/guest/sie_*.c
 * cover V=V, zones and S/370 guests and are compared with Hercules.
 */
#include <stdlib.h>

#include "testutil.h"
#include "sie/sd.h"
#include "sie/sie.h"

#define SD_ADDR    0x3000u
#define G_CODE     0x4000u
#define G_PREFIX   0x5000u
#define HOST_WAIT  0x0EEEu

static Machine *sie_machine(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    /* host: SIE 0(5); LPSW X'F00' (a disabled wait at HOST_WAIT) */
    static const uint8_t host[] = { 0xB2, 0x14, 0x50, 0x00, 0x82, 0x00, 0x0F, 0x00 };
    tm_put(m, TM_CODE, host, sizeof host);
    uint8_t wait[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, 0x0E, 0xEE };
    tm_put(m, 0xF00, wait, 8);
    m->cpu->gr[5] = SD_ADDR;
    uint8_t *sd = m->mem + SD_ADDR;
    memset(sd, 0, SD_SIZE);
    sd[SD_M] = SDM_XA | SDM_VR;
    st_be16(sd + SD_MSE, 0x000F);
    st_be32(sd + SD_PREFIX, G_PREFIX);
    st_be32(sd + SD_PSW, 0x00080000);
    st_be32(sd + SD_PSW + 4, 0x80000000u | G_CODE);
    st_be32(sd + SD_CR, 0x000000E0);
    st_be64(sd + SD_CPUTIMER, 0x7FFFFFFFFFFFFFFFull);
    st_be64(sd + SD_CKC, UINT64_MAX);
    return m;
}

static void guest_code(Machine *m, const uint8_t *code, unsigned len)
{
    tm_put(m, G_CODE, code, len);
}

/* Run the host until its disabled wait; returns the program-interruption
 * code the host took, or 0. */
static int run_host(Machine *m)
{
    Cpu *c = m->cpu;
    uint8_t *psa = m->mem + c->prefix;
    c->max_insns = c->icount + 1000000;
    st_be32(psa + PSA_PGM_OLD + 4, 0xFFFFFFFF);
    StopReason r = cpu_run(c);
    CU_ASSERT_EQUAL(r, STOP_DISABLED_WAIT);
    if (ld_be32(psa + PSA_PGM_OLD + 4) == 0xFFFFFFFF)
        return 0;
    return ld_be16(psa + PSA_PGM_CODE);
}

static uint8_t *sd_of(Machine *m) { return m->mem + SD_ADDR; }

static void test_sd_address(void)
{
    static const uint8_t stidp[] = { 0xB2, 0x02, 0x01, 0x00 };
    struct { uint32_t addr; int code; } cases[] = {
        { SD_ADDR + 4, PGM_SPECIFICATION },          /* not a doubleword */
        { 0x00000100, PGM_SPECIFICATION },           /* real page 0      */
        { 0x000FFF00 + 0x100000, PGM_ADDRESSING },   /* beyond storage   */
        { SD_ADDR, 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Machine *m = sie_machine();
        guest_code(m, stidp, sizeof stidp);
        m->cpu->gr[5] = cases[i].addr;
        CU_ASSERT_EQUAL(run_host(m), cases[i].code);
        if (cases[i].code)          /* suppressed: the old PSW is past SIE */
            CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_PGM_OLD + 4), 0x80000000u | (TM_CODE + 4));
        tm_free(m);
    }
    /* The host's prefix page, moved away from 0, is refused too. */
    Machine *m = sie_machine();
    m->cpu->prefix = 0x8000;
    memcpy(m->mem + 0x8000, m->mem, 4096);
    m->cpu->gr[5] = 0x8100;
    CU_ASSERT_EQUAL(run_host(m), PGM_SPECIFICATION);
    tm_free(m);
}

static void test_s370_host_and_problem_state(void)
{
    Machine *m = tm_new(ARCH_S370);
    static const uint8_t sie[] = { 0xB2, 0x14, 0x50, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, sie, sizeof sie, 1), PGM_OPERATION);
    tm_free(m);
    m = tm_new(ARCH_ESA390);
    m->cpu->psw.states |= PSWS_PROBLEM;
    cpu_state_changed(m->cpu);
    CU_ASSERT_EQUAL(tm_exec(m, sie, sizeof sie, 1), PGM_PRIVILEGED_OPERATION);
    tm_free(m);
}

/* The first failing check wins (SIE.md §6 order). */
/* Zone storage from the ZPB (machine_zone(), shared by SIE and the
 * channel): MSL inclusive, cut at 2G; an origin at or beyond 2G is no
 * storage (it once wrapped to host address 0); a zone guest there never
 * runs (validity 0037: its prefix page is not reachable). */
static void test_zone_bounds(void)
{
    Machine *m = sie_machine();
    uint32_t origin = 1, size = 1;
    m->zpb[1][0] = 2; m->zpb[1][1] = 3;
    CU_ASSERT_TRUE(machine_zone(m, 1, &origin, &size));
    CU_ASSERT_EQUAL(origin, 0x200000);
    CU_ASSERT_EQUAL(size, 0x200000);
    m->zpb[1][0] = 0x7FF; m->zpb[1][1] = 0xFFFFFFFF;
    CU_ASSERT_TRUE(machine_zone(m, 1, &origin, &size));
    CU_ASSERT_EQUAL(origin, 0x7FF00000);
    CU_ASSERT_EQUAL(size, 0x100000);
    m->zpb[1][0] = 0x1000; m->zpb[1][1] = 0x1000;
    CU_ASSERT_TRUE(machine_zone(m, 1, &origin, &size));
    CU_ASSERT_EQUAL(size, 0);
    m->zpb[1][0] = 3; m->zpb[1][1] = 2;
    CU_ASSERT_FALSE(machine_zone(m, 1, &origin, &size));

    /* The zone guest of a ZPB at 4G: validity, host storage untouched. */
    m->zpb[1][0] = 0x1000; m->zpb[1][1] = 0x1000;
    uint8_t *sd = sd_of(m);
    sd[SD_M] = SDM_XA;
    sd[SD_MX] = SDMX_RRF;
    sd[SD_ZONE] = 1;
    st_be32(sd + SD_PREFIX, 0);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_VALIDITY);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPB), VI_WHY_PREFIX_HOST);
    tm_free(m);
}

static void test_validity_order(void)
{
    Machine *m = sie_machine();
    uint8_t *sd = sd_of(m);
    sd[SD_M] = 0;                                  /* 0001 ...          */
    st_be32(sd + SD_PREFIX, 0x00F00000);           /* ... and 0010      */
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_VALIDITY);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0x0110);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPB), VI_WHY_MODE);
    tm_free(m);

    m = sie_machine();
    sd = sd_of(m);
    st_be32(sd + SD_PREFIX, 0x00F00000);           /* 0010 before 0051  */
    st_be16(sd + SD_MSO, 1);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPB), VI_WHY_PREFIX);
    /* A validity exit stores nothing else: the PSW is still the SD's. */
    CU_ASSERT_EQUAL(ld_be32(sd + SD_PSW + 4), 0x80000000u | G_CODE);
    const SieStats *st = sie_stats(m, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(st->validity, 1);
    CU_ASSERT_EQUAL(st->entries, 0);
    tm_free(m);

    m = sie_machine();
    sd = sd_of(m);
    sd[SD_M] = SDM_XA;                             /* pageable, RCPO 0  */
    st_be32(sd + SD_SCAO, 0x00200000);             /* 0034 first        */
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPB), VI_WHY_SCA);
    tm_free(m);
}

/* IC bits route instructions to interception; with the bit off, the
 * guest executes them. */
static void test_interception_controls(void)
{
    /* PTLB; LHI 3,1; STIDP */
    static const uint8_t code[] = { 0xB2, 0x0D, 0x00, 0x00, 0xA7, 0x38, 0x00, 0x01,
                                    0xB2, 0x02, 0x01, 0x00 };
    Machine *m = sie_machine();
    guest_code(m, code, sizeof code);
    uint8_t *sd = sd_of(m);
    st_be32(sd + SD_IC, 0x00200000);               /* IC1 X'20': PTLB   */
    m->cpu->gr[3] = 0;
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_INST);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0xB20D);
    CU_ASSERT_EQUAL(m->cpu->gr[3], 0);
    tm_free(m);

    m = sie_machine();
    guest_code(m, code, sizeof code);
    sd = sd_of(m);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0xB202);    /* PTLB executed */
    CU_ASSERT_EQUAL(m->cpu->gr[3], 1);                /* shared GR3    */
    CU_ASSERT_EQUAL(ld_be32(sd + SD_PSW + 4), 0x80000000u | (G_CODE + 12));
    tm_free(m);
}

static void test_lctl_mask_and_svc(void)
{
    /* LCTL 2,2,X'600'; LCTL 1,1,X'600'; */
    static const uint8_t lctl[] = { 0xB7, 0x22, 0x06, 0x00, 0xB7, 0x11, 0x06, 0x00 };
    Machine *m = sie_machine();
    guest_code(m, lctl, sizeof lctl);
    uint8_t *sd = sd_of(m);
    st_be32(m->mem + G_PREFIX + 0x600, 0x12345678);    /* guest real 0x600 */
    st_be16(sd + SD_LCTL_MASK, 0x4000);            /* CR1 */
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_INST);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0xB711);
    CU_ASSERT_EQUAL(ld_be32(sd + SD_CR + 8), 0x12345678);   /* CR2 loaded */
    CU_ASSERT_EQUAL(ld_be32(sd + SD_CR + 4), 0);            /* CR1 not    */
    tm_free(m);

    /* SVC 7 with the control for SVC 7 in byte 3; SVC 6 goes to the
     * guest's own SVC new PSW (a wait at X'777'). */
    static const uint8_t svc[] = { 0x0A, 0x06 };
    static const uint8_t svc7[] = { 0x0A, 0x07 };
    m = sie_machine();
    sd = sd_of(m);
    st_be32(sd + SD_SVC_CTL, 0x10000007);
    uint8_t newpsw[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, 0x07, 0x77 };
    tm_put(m, G_PREFIX + PSA_SVC_NEW, newpsw, 8);
    guest_code(m, svc, 2);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_WAIT);
    CU_ASSERT_EQUAL(ld_be32(sd + SD_PSW + 4), 0x80000777u);
    CU_ASSERT_EQUAL(ld_be16(m->mem + G_PREFIX + PSA_SVC_CODE), 6);
    tm_free(m);
    m = sie_machine();
    sd = sd_of(m);
    st_be32(sd + SD_SVC_CTL, 0x10000007);
    guest_code(m, svc7, 2);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_INST);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0x0A07);
    tm_free(m);
}

/* TS with IC0 X'08': intercepted only when it finds the byte set (cc 1),
 * after completing. */
static void test_ts_cc1(void)
{
    /* TS X'700'; TS X'700' */
    static const uint8_t code[] = { 0x93, 0x00, 0x07, 0x00, 0x93, 0x00, 0x07, 0x00 };
    Machine *m = sie_machine();
    guest_code(m, code, sizeof code);
    uint8_t *sd = sd_of(m);
    st_be32(sd + SD_IC, 0x08000000);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_INST);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0x9300);
    CU_ASSERT_EQUAL(ld_be32(sd + SD_PSW + 4), 0x80000000u | (G_CODE + 8));
    CU_ASSERT_EQUAL(m->mem[G_PREFIX + 0x700], 0xFF);   /* guest real 0x700 */
    tm_free(m);
}

/* Intercepted instruction as the target of EXECUTE: f X'01', IPA the
 * target, PSW past EX. */
static void test_execute_target(void)
{
    /* EX 0,X'100'(4) with GR4 X'4000'; at X'4100': STIDP X'100' */
    static const uint8_t ex[] = { 0x44, 0x00, 0x41, 0x00 };
    static const uint8_t stidp[] = { 0xB2, 0x02, 0x01, 0x00 };
    Machine *m = sie_machine();
    guest_code(m, ex, sizeof ex);
    tm_put(m, 0x4100, stidp, sizeof stidp);
    m->cpu->gr[4] = 0x4000;
    uint8_t *sd = sd_of(m);
    CU_ASSERT_EQUAL(run_host(m), 0);
    CU_ASSERT_EQUAL(sd[SD_C], SIE_IC_INST);
    CU_ASSERT_EQUAL(sd[SD_F], SDF_IPAB | SDF_EX);
    CU_ASSERT_EQUAL(ld_be16(sd + SD_IPA), 0xB202);
    CU_ASSERT_EQUAL(ld_be32(sd + SD_PSW + 4), 0x80000000u | (G_CODE + 4));
    tm_free(m);
}

static void test_stats_and_print(void)
{
    static const uint8_t stidp[] = { 0xB2, 0x02, 0x01, 0x00 };
    Machine *m = sie_machine();
    guest_code(m, stidp, sizeof stidp);
    CU_ASSERT_EQUAL(run_host(m), 0);
    const SieStats *st = sie_stats(m, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(st->entries, 1);
    CU_ASSERT_EQUAL(st->intercepts[SIE_IC_INST / 4], 1);
    CU_ASSERT_PTR_NULL(sie_stats(m, 3));
    char buf[512] = "";
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    sie_print_stats(m, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "L2 interceptions: 4=1"));
    sie_free(m->cpu);
    tm_free(m);
}

/* Random SDs and random guest code: every run must end (an interception,
 * a validity interception or a host exception), never crash, and never
 * touch storage outside the guest's extent (the host area above it is
 * checked to be unchanged).  The guest's extent is the first 512K. */
static void test_random_sd(void)
{
    srand(12345);
    for (int i = 0; i < 300; i++) {
        Machine *m = sie_machine();
        uint8_t *sd = sd_of(m);
        for (unsigned b = 0; b < SD_SIZE; b++)
            sd[b] = (uint8_t)rand();
        /* Keep it mostly plausible so that guests really run: */
        sd[SD_M] = (uint8_t)((sd[SD_M] & 0x3C) | SDM_VR | (rand() % 4 ? SDM_XA : 0));
        if (rand() % 4)
            sd[SD_MX] = 0, sd[SD_ZONE] = 0;
        st_be16(sd + SD_MSO, rand() % 8 ? 0 : (uint16_t)rand());
        st_be16(sd + SD_MSE, 0x0007);                /* 512K */
        st_be32(sd + SD_PREFIX, (uint32_t)(rand() % 0x80) << 12);
        st_be32(sd + SD_PSW + 4, 0x80000000u | (G_CODE & ~1u));
        st_be32(sd + SD_PSW, 0x00080000u | (rand() % 2 ? 0x03000000u : 0));
        for (unsigned b = 0; b < 4096; b++)
            m->mem[G_CODE + b] = (uint8_t)rand();
        memset(m->mem + 0x80000, 0xA5, 0x80000);
        Cpu *c = m->cpu;
        c->max_insns = c->icount + 200000;
        StopReason r = cpu_run(c);
        CU_ASSERT(r == STOP_DISABLED_WAIT || r == STOP_INSN_LIMIT || r == STOP_CHECKSTOP);
        bool untouched = true;
        for (unsigned b = 0x80000; b < 0x100000; b++)
            if (m->mem[b] != 0xA5)
                untouched = false;
        CU_ASSERT(untouched);
        sie_free(c);
        tm_free(m);
    }
}

void register_sie_tests(void)
{
    CU_pSuite s = CU_add_suite("sie", NULL, NULL);
    CU_add_test(s, "SD address: alignment, page 0, prefix, storage", test_sd_address);
    CU_add_test(s, "S/370 host: operation; problem state: privileged", test_s370_host_and_problem_state);
    CU_add_test(s, "validity checks and their order", test_validity_order);
    CU_add_test(s, "zone storage from the ZPB, origin beyond 2G", test_zone_bounds);
    CU_add_test(s, "interception controls and register sharing", test_interception_controls);
    CU_add_test(s, "LCTL mask and SVC controls", test_lctl_mask_and_svc);
    CU_add_test(s, "TS with cc 1 intercepted after completing", test_ts_cc1);
    CU_add_test(s, "EXECUTE target intercepted: f X'01'", test_execute_target);
    CU_add_test(s, "counters and the stats command", test_stats_and_print);
    CU_add_test(s, "random SDs and guest code end cleanly inside the extent", test_random_sd);
}
