/* DIFF-HERCULES: */
/*
 * sie_vr.c — SIE with a preferred (V=R) ESA/390 guest: instruction,
 * operation-exception, SVC, program, external, wait and stop
 * interceptions, delivery into the guest's own PSA, register sharing, and
 * the validity checks (SIE.md §2-§6).  The guest's code is part of this
 * program: a V=R guest's absolute storage is the host's.
 *
 * Hercules 3.13 showed the same results for the cases it shares (SIE.md
 * [H] marks: STIDP, OPEREX, wait, CPU timer code 20, validity 0010/0067).
 *
 * Silent on success, so that the final registers can be compared with
 * Hercules 3.13 (tests/hercules/run-hercules-tests.sh), where every check
 * passes too.
 */
#include "tests/guest/sietest.h"

static uint8_t sd[256] __attribute__((aligned(256)));
static uint8_t gpsa[4096] __attribute__((aligned(4096)));
static uint32_t gr[14];


/* Guest code.  Each piece ends in a way the host expects. */
extern const char g_seq[], g_seq_stidp[], g_seq_svc[], g_seq_op0[], g_seq_wait[];
extern const char g_div[], g_pgm_handler[], g_ext[], g_ext_handler[], g_addr[], g_spin[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "g_seq:\n"
    "    lhi   %r3,7\n"
    "g_seq_stidp:\n"
    "    stidp 0x100(%r0)\n"          /* always intercepted: code 4        */
    "    ahi   %r3,1\n"
    "g_seq_svc:\n"
    "    svc   5\n"                   /* SVC control for 5: code 4         */
    "    ahi   %r3,1\n"
    "g_seq_op0:\n"
    "    .short 0x0000\n"             /* operation exception, OPEREX: 44   */
    "    ahi   %r3,1\n"
    "    lpsw  g_waitpsw-g_seq(%r12)\n"  /* disabled wait: code 28       */
    "g_seq_wait:\n"
    "    .align 8\n"
    "g_waitpsw: .long 0x000A0000, 0x8000BEEF\n"
    /* divide by zero: delivered into the guest PSA, whose program new PSW
     * points at g_pgm_handler, which waits with code 0x99 */
    "g_div:\n"
    "    lhi   %r4,0\n"
    "    lhi   %r6,0\n"
    "    lhi   %r7,5\n"
    "    dr    %r6,%r4\n"
    "    lhi   %r3,-1\n"
    "g_pgm_handler:\n"
    "    lpsw  g_wait99-g_div(%r12)\n"
    "    .align 8\n"
    "g_wait99: .long 0x000A0000, 0x80000099\n"
    /* enabled for external interruptions, spinning */
    "g_ext:\n"
    "g_spin:\n"
    "    ahi   %r5,1\n"
    "    j     g_spin\n"
    "g_ext_handler:\n"
    "    lpsw  g_wait77-g_ext(%r12)\n"
    "    .align 8\n"
    "g_wait77: .long 0x000A0000, 0x80000077\n"
    /* an access beyond the guest's extent (1 MB): code 8, addressing */
    "g_addr:\n"
    "    l     %r2,0(%r9)\n"
    "    lhi   %r3,-1\n"
);

static void sd_reset(uint32_t ia, uint32_t mask0)
{
    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_XA | SDM_VR;
    sd_put16(sd, SD_MSE, 0x000F);                 /* 1 MB */
    sd_put32(sd, SD_PREFIX, (uint32_t)gpsa);
    sd_put32(sd, SD_PSW, mask0);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | ia);
    sd_put32(sd, SD_CR + 0, 0x000000E0);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_SVC_CTL, 0x40050000);         /* intercept SVC 5 */
    sd_put32(sd, SD_IC, 0x80000000);              /* OPEREX */
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CPUTIMER + 4, 0xFFFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
    sd_put32(sd, SD_CKC + 4, 0xFFFFFFFF);
}

static uint32_t sd_ia(void) { return sd_get32(sd, SD_PSW + 4) & 0x7FFFFFFF; }

static void validity(int n, void (*setup)(void), uint16_t why)
{
    sd_reset((uint32_t)g_seq, 0x00080000);
    setup();
    uint32_t before = sd_get32(sd, SD_PSW + 4);
    sie_enter(sd, gr);
    CHECK(n, sd[SD_C] == SIE_IC_VALIDITY);
    CHECK(n + 1, sd[SD_IPA] == VI_WHO_CPU && sd[SD_IPA + 1] == VI_WHEN_ENTRY);
    CHECK(n + 2, sd_get16(sd, SD_IPB) == why);
    CHECK(n + 3, sd_get32(sd, SD_PSW + 4) == before);      /* nothing stored */
}

static void v_mode(void)     { sd[SD_M] = 0; }
static void v_prefix(void)   { sd_put32(sd, SD_PREFIX, 0x00100000); }
static void v_mso(void)      { sd_put16(sd, SD_MSO, 0x0010); }
static void v_rcpo(void)     { sd[SD_M] = SDM_XA; }
static void v_zone(void)     { sd[SD_ZONE] = 3; }
static void v_zone_num(void) { sd[SD_MX] = SDMX_RRF; sd[SD_ZONE] = 9; }

int main(void)
{
    uint32_t base = (uint32_t)g_seq;

    /* 1. STIDP: instruction interception, PSW past it, IPA/IPB. */
    sd_reset(base, 0x00080000);
    memset(gr, 0, sizeof gr);
    gr[12] = base;
    gr[13] = 0x13131313;
    sie_enter(sd, gr);
    CHECK(1, sd[SD_C] == SIE_IC_INST);
    CHECK(2, sd[SD_F] == SDF_IPAB);
    CHECK(3, sd_get16(sd, SD_IPA) == 0xB202 && sd_get32(sd, SD_IPB) == 0x01000000);
    CHECK(4, sd_ia() == (uint32_t)g_seq_stidp + 4);
    CHECK(5, gr[3] == 7 && gr[13] == 0x13131313);

    /* 2. SVC 5 with the SVC control for 5. */
    sie_enter(sd, gr);
    CHECK(6, sd[SD_C] == SIE_IC_INST && sd_get16(sd, SD_IPA) == 0x0A05);
    CHECK(7, sd_ia() == (uint32_t)g_seq_svc + 2 && gr[3] == 8);

    /* 3. Opcode 00 with IC0 OPEREX: code 44. */
    sie_enter(sd, gr);
    CHECK(8, sd[SD_C] == SIE_IC_OPEREX && sd_get16(sd, SD_IPA) == 0x0000);
    CHECK(9, gr[3] == 9);

    /* 4. The SD PSW is past the invalid opcode (suppression); go on to
     * LPSW of a disabled wait: code 28, the SD PSW is the wait PSW. */
    CHECK(9, sd_ia() == (uint32_t)g_seq_op0 + 2);
    sie_enter(sd, gr);
    CHECK(10, sd[SD_C] == SIE_IC_WAIT);
    CHECK(11, sd_get32(sd, SD_PSW) == 0x000A0000 && sd_get32(sd, SD_PSW + 4) == 0x8000BEEF);
    CHECK(12, gr[3] == 10);

    /* 5. A program interruption the host does not intercept goes into the
     * guest's PSA at its prefix. */
    sd_reset((uint32_t)g_div, 0x00080000);
    gr[12] = (uint32_t)g_div;
    memset(gpsa, 0, sizeof gpsa);
    *(uint32_t *)(gpsa + 0x68) = 0x00080000;
    *(uint32_t *)(gpsa + 0x6C) = 0x80000000u | (uint32_t)g_pgm_handler;
    sie_enter(sd, gr);
    CHECK(13, sd[SD_C] == SIE_IC_WAIT && sd_get32(sd, SD_PSW + 4) == 0x80000099);
    CHECK(14, *(uint16_t *)(gpsa + 0x8E) == 0x0009 && gpsa[0x8D] == 2);
    CHECK(15, *(uint32_t *)(gpsa + 0x2C) == (0x80000000u | ((uint32_t)g_div + 14)));

    /* 6. The same with IC0 "all program interruptions": code 8, the
     * interruption parameters in the SD, the guest PSA untouched. */
    sd_reset((uint32_t)g_div, 0x00080000);
    sd_put32(sd, SD_IC, 0x20000000);
    memset(gpsa + 0x80, 0, 0x20);
    sie_enter(sd, gr);
    CHECK(16, sd[SD_C] == SIE_IC_PGM);
    CHECK(17, sd_get32(sd, 0xCC) == 0x00020009);
    CHECK(18, *(uint16_t *)(gpsa + 0x8E) == 0);
    CHECK(19, sd_ia() == (uint32_t)g_div + 14);

    /* 7. Addressing beyond the extent: code 8 is mandatory. */
    sd_reset((uint32_t)g_addr, 0x00080000);
    gr[9] = 0x00100000;
    gr[3] = 0;
    sie_enter(sd, gr);
    CHECK(20, sd[SD_C] == SIE_IC_PGM && sd_get32(sd, 0xCC) == 0x00040005);
    CHECK(21, gr[3] == 0);

    /* 8. The guest CPU timer runs out, guest enabled, no EXTA: code 20,
     * the code at SD+C6, guest PSW still in the loop [H exp7]. */
    sd_reset((uint32_t)g_ext, 0x01080000);
    sd_put32(sd, SD_CR, 0x000004E0);              /* CPU-timer subclass */
    sd_put32(sd, SD_CPUTIMER, 0);
    sd_put32(sd, SD_CPUTIMER + 4, 0x00100000);    /* 256 us */
    gr[5] = 0;
    gr[12] = (uint32_t)g_ext;
    sie_enter(sd, gr);
    CHECK(22, sd[SD_C] == SIE_IC_EXT && sd_get16(sd, 0xC6) == 0x1005);
    CHECK(23, gr[5] > 100 && (int32_t)sd_get32(sd, SD_CPUTIMER) < 0);
    uint32_t ia = sd_ia();
    CHECK(24, ia == (uint32_t)g_spin || ia == (uint32_t)g_spin + 4);

    /* 9. With EXTA the interruption goes into the guest. */
    sd[SD_EC] = EC0_EXTA;
    *(uint32_t *)(gpsa + 0x58) = 0x00080000;
    *(uint32_t *)(gpsa + 0x5C) = 0x80000000u | (uint32_t)g_ext_handler;
    sie_enter(sd, gr);
    CHECK(25, sd[SD_C] == SIE_IC_WAIT && sd_get32(sd, SD_PSW + 4) == 0x80000077);
    CHECK(26, *(uint16_t *)(gpsa + 0x86) == 0x1005);

    /* 10. Intervention requests: stop (40) at once; external request (16)
     * only when the guest is enabled. */
    sd_reset((uint32_t)g_ext, 0x01080000);
    sd[SD_V] = SDV_STOP;
    gr[5] = 0;
    sie_enter(sd, gr);
    CHECK(27, sd[SD_C] == SIE_IC_STOP && gr[5] == 0);
    sd_reset((uint32_t)g_ext, 0x01080000);
    sd[SD_V] = SDV_EXT;
    sie_enter(sd, gr);
    CHECK(28, sd[SD_C] == SIE_IC_EXT_REQ);

    /* 11. An enabled wait without WAIA: code 28. */
    sd_reset((uint32_t)g_ext, 0x010A0000);
    sie_enter(sd, gr);
    CHECK(29, sd[SD_C] == SIE_IC_WAIT);

    /* 12. Validity checks, each alone (SIE.md §6). */
    validity(30, v_mode, VI_WHY_MODE);
    validity(34, v_prefix, VI_WHY_PREFIX);
    validity(38, v_mso, VI_WHY_PREF_MSO);
    validity(42, v_rcpo, VI_WHY_RCPO);
    validity(46, v_zone, VI_WHY_ZONE_NONRRF);
    validity(50, v_zone_num, VI_WHY_ZONE_NUM);

    return failed;
}
