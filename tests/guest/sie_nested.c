/*
 * sie_nested.c — nested SIE (SIE.md §8).  L1 (this program on the bare
 * machine) runs L2, a V=R guest executing l2_main() of this same program;
 * L2 runs L3, a V=R guest of its own, with SIE.
 *
 *  1. Interpreted: L1 allows it (SD mx X'01'); the machine runs L3 itself.
 *     L3's interceptions (STIDP, its own SIE, DIAGNOSE, operation
 *     exception, addressing, CPU timer, stop request, validity)
 *     land in L2's SD; L1 sees one exit only, L2's final wait.
 *  2. Not allowed (mx 0): L2's SIE is intercepted to L1 (IPA B214), and L1
 *     simulates it the way CP does for a guest CP (patent 4,792,895): it
 *     runs L3 itself with a shadow SD (for a V=R L3 of a V=R L2, a copy),
 *     reflects the result into L2's SD and registers, and resumes L2.
 *  3. Both ways L2 records the same results: interpreted and simulated
 *     SIE are indistinguishable to L2; only the cost differs.
 *
 * Silent on success (see sie_vr.c); not compared with Hercules, which has
 * no interpreted SIE (it intercepts every guest SIE [H exp4]).
 */
#include "tests/guest/sietest.h"

static uint8_t sd1[256] __attribute__((aligned(256)));     /* L1 -> L2 */
static uint8_t sd2[256] __attribute__((aligned(256)));     /* L2 -> L3 */
static uint8_t shadow[256] __attribute__((aligned(256)));  /* L1's shadow of sd2 */
static uint8_t l2_psa[4096] __attribute__((aligned(4096)));
static uint8_t l3_psa[4096] __attribute__((aligned(4096)));
static uint8_t l2_stack[16384] __attribute__((aligned(8)));
static uint32_t gr1[14], gr3[14];

/* What L2 saw of each L3 run. */
#define RUNS 8
struct l3_result {
    uint8_t  c[RUNS], f[RUNS];
    uint16_t ipa[RUNS];
    uint32_t ipb[RUNS], ia[RUNS], r3[RUNS], pgm[RUNS];
};
static struct l3_result res, res_interp, res_sim;


extern const char l2_entry[], l3_code[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "l2_entry:\n"
    "    brasl %r14,l2_main\n"
    "    basr  %r13,0\n"
    "0:  lpsw  l2_wait-0b(%r13)\n"
    "    .align 8\n"
    "l2_wait: .long 0x000A0000, 0x80000222\n"
    "l3_code:\n"
    "    la    %r3,1(%r3)\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"     /* STIDP                  */
    "    la    %r3,1(%r3)\n"
    "    .insn s,0xb2140000,0x200(%r0)\n"     /* SIE at L3: intercepted */
    "    la    %r3,1(%r3)\n"
    "    .insn rs,0x83000000,%r0,%r0,0x10\n"  /* DIAGNOSE X'10'         */
    "    la    %r3,1(%r3)\n"
    "    .short 0x0000\n"                     /* OPEREX: code 44          */
    "    la    %r3,1(%r3)\n"
    "    l     %r2,0(%r9)\n"                  /* beyond 16 MB: code 8     */
    "    la    %r3,1(%r3)\n"
    "    stosm 0x1F8(%r0),0x01\n"             /* enable external: the CPU */
    "l3_spin:\n"                              /* timer runs out: code 20  */
    "    j     l3_spin\n"
    "    basr  %r13,0\n"
    "1:  lpsw  l3_wait-1b(%r13)\n"
    "    .align 8\n"
    "l3_wait: .long 0x000A0000, 0x80000333\n"
);

static void sd_common(uint8_t *sd, uint8_t *psa, uint32_t ia)
{
    memset(sd, 0, 256);
    sd[SD_M] = SDM_XA | SDM_VR;
    sd_put16(sd, SD_MSE, 0x00FF);
    sd_put32(sd, SD_PREFIX, (uint32_t)psa);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | ia);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
}

/* L2: run L3 again after each interception, note each one: codes 4 (three
 * times), 44, 8, 20, then a stop request (40) and a validity (32, the
 * prefix beyond the extent). */
void l2_main(void);
void l2_main(void)
{
    sd_common(sd2, l3_psa, (uint32_t)l3_code);
    sd_put32(sd2, SD_IC, 0x80000000);              /* OPEREX */
    sd_put32(sd2, SD_CR, 0x000004E0);              /* CPU-timer subclass */
    memset(gr3, 0, sizeof gr3);
    gr3[9] = 0x01000000;
    for (int i = 0; i < RUNS; i++) {
        if (i == 5)
            sd_put32(sd2, SD_CPUTIMER, 0), sd_put32(sd2, SD_CPUTIMER + 4, 0x00100000);
        if (i == 6)
            sd2[SD_V] = SDV_STOP;
        if (i == 7)
            sd2[SD_V] = 0, sd_put32(sd2, SD_PREFIX, 0x02000000);
        sie_enter(sd2, gr3);
        res.pgm[i] = sd_get32(sd2, 0xCC);
        res.c[i] = sd2[SD_C];
        res.f[i] = sd2[SD_F];
        res.ipa[i] = sd_get16(sd2, SD_IPA);
        res.ipb[i] = sd_get32(sd2, SD_IPB);
        res.ia[i] = sd_get32(sd2, SD_PSW + 4);
        res.r3[i] = gr3[3];
    }
}

/* L1 simulates the SIE that L2 issued (the SD1 interception): run L3 with
 * a shadow SD, then make it look to L2 as if its SIE had run. */
static void simulate_l2_sie(void)
{
    /* SIE D2(B2): base and displacement from IPB; L2's base register is
     * GR14 (guest/lib/sie.S), kept in SD1. */
    uint32_t ipb = sd_get32(sd1, SD_IPB);
    unsigned b2 = ipb >> 28;
    uint32_t d2 = (ipb >> 16) & 0xFFF;
    uint32_t base = b2 == 14 ? sd_get32(sd1, SD_GR14) : b2 == 15 ? sd_get32(sd1, SD_GR15)
                  : b2 ? gr1[b2] : 0;
    uint8_t *l2sd = (uint8_t *)(base + d2);     /* V=R: L2 real = host */
    memcpy(shadow, l2sd, 256);                  /* V=R under V=R: a copy */
    uint32_t regs[14];
    memcpy(regs, gr1, sizeof regs);             /* L3's GR0-13 as L2 set them */
    sie_enter(shadow, regs);
    /* Reflect: the SD fields SIE stores, and the shared registers. */
    memcpy(l2sd + SD_GR14, shadow + SD_GR14, 0x28 - SD_GR14 + 0x18);  /* GR14..CKC */
    memcpy(l2sd + SD_C, shadow + SD_C, 0x60 - SD_C);                   /* c..IPC   */
    memcpy(l2sd + SD_CR, shadow + SD_CR, 256 - SD_CR);                 /* CRs, IP  */
    memcpy(gr1, regs, sizeof regs);
}

static void run_l2(bool interpreted, struct l3_result *out)
{
    memset(&res, 0, sizeof res);
    sd_common(sd1, l2_psa, (uint32_t)l2_entry);
    sd1[SD_MX] = interpreted ? SDMX_ISIE_VR : 0;
    sd_put32(sd1, SD_GR15, (uint32_t)l2_stack + sizeof l2_stack - 96);
    memset(gr1, 0, sizeof gr1);
    int exits = 0;
    for (;;) {
        sie_enter(sd1, gr1);
        exits++;
        if (sd1[SD_C] == SIE_IC_INST && sd_get16(sd1, SD_IPA) == 0xB214 && !interpreted) {
            simulate_l2_sie();
            continue;
        }
        break;
    }
    CHECK(interpreted ? 1 : 2, sd1[SD_C] == SIE_IC_WAIT &&
                               sd_get32(sd1, SD_PSW + 4) == 0x80000222);
    /* Interpreted: L1 saw L2's final wait only. */
    CHECK(3, !interpreted || exits == 1);
    CHECK(4, interpreted || exits == RUNS + 1);
    *out = res;
}

int main(void)
{
    run_l2(true, &res_interp);
    uint32_t code = (uint32_t)l3_code;
    CHECK(10, res_interp.c[0] == SIE_IC_INST && res_interp.ipa[0] == 0xB202 &&
              res_interp.ipb[0] == 0x01000000 && res_interp.r3[0] == 1);
    CHECK(11, res_interp.ia[0] == (0x80000000u | (code + 8)));
    CHECK(12, res_interp.c[1] == SIE_IC_INST && res_interp.ipa[1] == 0xB214 &&
              res_interp.r3[1] == 2);
    CHECK(13, res_interp.c[2] == SIE_IC_INST && res_interp.ipa[2] == 0x8300 &&
              res_interp.ipb[2] == 0x00100000);
    CHECK(14, res_interp.c[3] == SIE_IC_OPEREX && res_interp.ipa[3] == 0x0000 &&
              res_interp.r3[3] == 4);
    CHECK(15, res_interp.f[0] == SDF_IPAB);
    CHECK(16, res_interp.c[4] == SIE_IC_PGM && res_interp.pgm[4] == 0x00040005);
    CHECK(17, res_interp.c[5] == SIE_IC_EXT && res_interp.r3[5] == 6);
    CHECK(18, res_interp.c[6] == SIE_IC_STOP);
    CHECK(19, res_interp.c[7] == SIE_IC_VALIDITY && res_interp.ipb[7] >> 16 == VI_WHY_PREFIX);

    run_l2(false, &res_sim);
    CHECK(20, memcmp(&res_interp, &res_sim, sizeof res_sim) == 0);
    return failed;
}
