/*
 * sie_nested_vv.c — interpreted nested SIE with pageable guests
 * (SIE.md §8): translation composed through two SDs and two levels of
 * DAT tables, and page faults going to the level whose tables failed.
 *
 *  A. L2 V=R runs L3 V=V: L3 absolute A is L2 virtual MSO3 + A through
 *     L2's own tables (in L2 storage).  One of them is invalid: L2 takes
 *     the page fault itself, with its PSW at its SIE, fixes the entry and
 *     re-executes SIE; L3 never knows, L1 sees nothing.
 *  B. L2 V=V (host tables mapping L1 virtual 1:1) runs L3 V=R: a page of
 *     L3's storage is invalid in L1's tables; the fault goes to L1 with
 *     L1's PSW at its SIE; L1 fixes it and re-executes SIE, which resumes
 *     L2's SIE, which resumes L3.  L2 never knows.
 *  C. V=V under V=V, and purges across levels: L3 reads a page, L2 points
 *     its page-table entry elsewhere with IPTE, L3 reads again and must see
 *     the new frame (the composed L3 TLB entry is gone); then L3 touches a
 *     page L1 has invalid: L1's fault, through two levels of pageable
 *     translation.
 *  D. An S/370 guest at L3 (under a V=R L2): its SIO is intercepted to L2.
 *  E. A zone guest at L2 running a V=V L3: case A again, with all of L2
 *     (a copy of this program's low 2 MB) in zone 1 at 4 MB.
 *
 * Both levels use the same fault handler (host_pgm), each in its own
 * low storage: L2's real page 0 is its prefix page.
 * Silent on success; not compared with Hercules (no interpreted SIE).
 */
#include "tests/guest/sietest.h"

#define MSO3       0x00600000u          /* case A: L3 abs 0 = L2 virtual 6 MB */
#define L3_FRAMES  0x00A00000u          /* case A: backed by L2 real 10 MB   */
#define B_PAGE     0x00700000u          /* case B: the page L1 has invalid    */

static uint8_t sd1[256] __attribute__((aligned(256)));
static uint8_t sd2[256] __attribute__((aligned(256)));
static uint8_t l2_psa[4096] __attribute__((aligned(4096)));
static uint8_t l3_psa[4096] __attribute__((aligned(4096)));
static uint8_t l2_stack[16384] __attribute__((aligned(8)));
static uint32_t l1_st[16] __attribute__((aligned(4096)));
static uint32_t l1_pt[16][256] __attribute__((aligned(1024)));
static uint32_t l2_st[16] __attribute__((aligned(4096)));
static uint32_t l2_pt[256] __attribute__((aligned(1024)));
static uint32_t gr1[14], gr3[14];
static uint32_t zpb[8] __attribute__((aligned(8)));
#define ZONE_ORIGIN 0x00400000u
static volatile int which;                    /* 'A' or 'B', set by L1 */
static volatile uint32_t l2_seen[8];          /* what L2 observed      */


extern const char l2_entry[], l3_code[], l3c_code[], l3d_code[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "l2_entry:\n"
    "    brasl %r14,l2_main\n"
    "    basr  %r13,0\n"
    "0:  lpsw  l2_wait-0b(%r13)\n"
    "    .align 8\n"
    "l2_wait: .long 0x000A0000, 0x80000222\n"
    /* L3: load from r9, then STIDP */
    "l3_code:\n"
    "    l     %r2,0(%r9)\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"
    "    lpsw  0x1F0(%r0)\n"
    /* case C: read, STIDP, read again, STIDP, read an L1-invalid page */
    "l3c_code:\n"
    "    l     %r2,0(%r9)\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"
    "    l     %r2,0(%r9)\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"
    "    l     %r2,0(%r10)\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"
    /* case D: an S/370 program (BC mode) doing SIO */
    "l3d_code:\n"
    "    .insn s,0x9c000000,0x00E\n"
);

static void set_crs01(uint32_t cr0, uint32_t cr1)
{
    uint32_t crs[16];
    __asm__ volatile("stctl 0,15,%0" : "=Q"(crs));
    crs[0] = cr0;
    crs[1] = cr1;
    __asm__ volatile("lctl 0,15,%0" : : "Q"(crs));
}

static void sd_common(uint8_t *sd, uint8_t m, uint32_t prefix, uint32_t ia)
{
    memset(sd, 0, 256);
    sd[SD_M] = m;
    sd_put16(sd, SD_MSE, 0x00FF);
    sd_put32(sd, SD_PREFIX, prefix);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | ia);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
}

/* Fault-handler parameters and program new PSW, in the current level's
 * low storage. */
static void install_handler(uint32_t pt)
{
    *low32(0xE4C) = 0;
    *low32(0xE50) = 0xFF;
    *low32(0xE54) = pt;
    *low32(0x68) = 0x00080000;
    *low32(0x6C) = 0x80000000u | (uint32_t)host_pgm;
}

void l2_main(void);
void l2_main(void)
{
    memset(gr3, 0, sizeof gr3);
    if (which == 'A') {
        /* L3 pageable: L2's tables map L2 virtual 6 MB + A to L2 real
         * 10 MB + A; page 5 invalid. */
        for (unsigned i = 0; i < 16; i++)
            l2_st[i] = 0x20;
        l2_st[MSO3 >> 20] = (uint32_t)l2_pt | 0x0F;
        for (unsigned i = 0; i < 256; i++)
            l2_pt[i] = L3_FRAMES + (i << 12);
        l2_pt[5] |= 0x400;
        set_crs01(0x00B000E0, (uint32_t)l2_st);
        install_handler((uint32_t)l2_pt);
        memset((void *)L3_FRAMES, 0, 0x10000);
        memcpy((void *)(L3_FRAMES + 0x3000), l3_code, 16);
        *(uint32_t *)(L3_FRAMES + 0x5000) = 0xA5A5A5A5;
        *(uint32_t *)(L3_FRAMES + 0x2000 + 0x1F0) = 0x000A0000;     /* L3 wait PSW */
        *(uint32_t *)(L3_FRAMES + 0x2000 + 0x1F4) = 0x80000333;
        sd_common(sd2, SDM_XA, 0x2000, 0x3000);
        sd_put16(sd2, SD_MSO, MSO3 >> 16);
        sd_put16(sd2, SD_MSE, 0x000F);
        sd_put32(sd2, SD_RCPO, MSO3 + 0xF0000);
        gr3[9] = 0x5000;
    } else {
        /* L3 V=R: its storage is L2's, which is L1 virtual. */
        sd_common(sd2, SDM_XA | SDM_VR, (uint32_t)l3_psa, (uint32_t)l3_code);
        l3_psa[0x1F0] = 0;
        *(uint32_t *)(l3_psa + 0x1F0) = 0x000A0000;
        *(uint32_t *)(l3_psa + 0x1F4) = 0x80000333;
        gr3[9] = B_PAGE;
    }
    if (which == 'C') {
        /* L3 pageable under L2 pageable: L2's tables as in A (no invalid
         * page), two data frames. */
        for (unsigned i = 0; i < 16; i++)
            l2_st[i] = 0x20;
        l2_st[MSO3 >> 20] = (uint32_t)l2_pt | 0x0F;
        for (unsigned i = 0; i < 256; i++)
            l2_pt[i] = L3_FRAMES + (i << 12);
        set_crs01(0x00B000E0, (uint32_t)l2_st);
        memset((void *)L3_FRAMES, 0, 0x10000);
        memcpy((void *)(L3_FRAMES + 0x3000), l3c_code, 24);
        *(uint32_t *)(L3_FRAMES + 0x5000) = 0x55555555;
        *(uint32_t *)(L3_FRAMES + 0x6000) = 0x66666666;
        *(uint32_t *)(L3_FRAMES + 0x7000) = 0x77777777;
        sd_common(sd2, SDM_XA, 0x2000, 0x3000);
        sd_put16(sd2, SD_MSO, MSO3 >> 16);
        sd_put16(sd2, SD_MSE, 0x000F);
        sd_put32(sd2, SD_RCPO, MSO3 + 0xF0000);
        gr3[9] = 0x5000;
        gr3[10] = 0x7000;
        sie_enter(sd2, gr3);
        l2_seen[0] = gr3[2];
        /* Point L3's page 5 at the frame of page 6: IPTE, then the new
         * entry.  IPTE must purge the composed L3 translation. */
        register uint32_t pto __asm__("4") = (uint32_t)l2_pt;
        register uint32_t va __asm__("5") = MSO3 + 0x5000;
        __asm__ volatile(".insn rre,0xb2210000,%0,%1" : : "d"(pto), "d"(va) : "memory");
        l2_pt[5] = L3_FRAMES + 0x6000;
        sie_enter(sd2, gr3);
        l2_seen[1] = gr3[2];
        sie_enter(sd2, gr3);
        l2_seen[2] = gr3[2];
        l2_seen[3] = sd2[SD_C];
        return;
    }
    if (which == 'D') {
        sd_common(sd2, SDM_370 | SDM_VR | SDM_ITMOF, (uint32_t)l3_psa, 0);
        sd_put32(sd2, SD_PSW, 0);                        /* BC mode */
        sd_put32(sd2, SD_PSW + 4, (uint32_t)l3d_code & 0x00FFFFFF);
        sie_enter(sd2, gr3);
        l2_seen[0] = sd2[SD_C];
        l2_seen[1] = sd_get16(sd2, SD_IPA);
        l2_seen[2] = sd_get32(sd2, SD_IPB);
        return;
    }
    sie_enter(sd2, gr3);
    l2_seen[0] = sd2[SD_C];
    l2_seen[1] = sd_get16(sd2, SD_IPA);
    l2_seen[2] = gr3[2];
    l2_seen[3] = *low32(0xE4C);                 /* L2's own fault count */
    l2_seen[4] = *low32(0xE44);                 /* and TEA              */
}

static int run_l2(uint8_t m, uint8_t mx)
{
    sd_common(sd1, m, (uint32_t)l2_psa, (uint32_t)l2_entry);
    sd1[SD_MX] = mx;
    if (mx & SDMX_RRF)
        sd1[SD_ZONE] = 1;
    sd_put32(sd1, SD_GR15, (uint32_t)l2_stack + sizeof l2_stack - 96);
    if (!(m & SDM_VR))
        sd_put32(sd1, SD_RCPO, 0x00F00000);
    memset(gr1, 0, sizeof gr1);
    memset((void *)l2_seen, 0, sizeof l2_seen);
    if (mx & SDMX_RRF)                   /* L2 runs a copy in its zone */
        memcpy((void *)ZONE_ORIGIN, (void *)0, 0x200000);
    int exits = 0;
    do {
        sie_enter(sd1, gr1);
        exits++;
    } while (sd1[SD_C] != SIE_IC_WAIT && exits < 10);
    return exits;
}

int main(void)
{
    /* A: L2's DAT fault for L3 storage is L2's business. */
    which = 'A';
    int exits = run_l2(SDM_XA | SDM_VR, SDMX_ISIE_VV);
    CHECK(1, exits == 1 && sd_get32(sd1, SD_PSW + 4) == 0x80000222);
    CHECK(2, l2_seen[0] == SIE_IC_INST && l2_seen[1] == 0xB202 && l2_seen[2] == 0xA5A5A5A5);
    CHECK(3, l2_seen[3] == 1 && l2_seen[4] == MSO3 + 0x5000);
    CHECK(4, *(uint32_t *)(l2_psa + 0x8C) == 0x00040011);   /* L2's own PSA: ILC 4 (SIE) */

    /* B: L1's fault during L3 is L1's business. */
    which = 'B';
    for (unsigned s = 0; s < 16; s++) {
        l1_st[s] = (uint32_t)l1_pt[s] | 0x0F;
        for (unsigned p = 0; p < 256; p++)
            l1_pt[s][p] = (s << 20) | (p << 12);
    }
    l1_pt[B_PAGE >> 20][(B_PAGE >> 12) & 0xFF] |= 0x400;
    *(uint32_t *)B_PAGE = 0xB0B0B0B0;
    set_crs01(0x00B000E0, (uint32_t)l1_st);
    install_handler((uint32_t)l1_pt[B_PAGE >> 20]);
    exits = run_l2(SDM_XA, SDMX_ISIE_VR);
    CHECK(5, exits == 1 && sd_get32(sd1, SD_PSW + 4) == 0x80000222);
    CHECK(6, *low32(0xE4C) == 1 && *low32(0xE44) == B_PAGE && *low32(0xE40) == 0x00040011);
    CHECK(7, l2_seen[0] == SIE_IC_INST && l2_seen[1] == 0xB202 && l2_seen[2] == 0xB0B0B0B0);

    /* C: V=V under V=V; L1's tables (still 1:1) get host 10 MB + 0x7000
     * invalid, where L3's page 7 lives. */
    which = 'C';
    l1_pt[(L3_FRAMES + 0x7000) >> 20][((L3_FRAMES + 0x7000) >> 12) & 0xFF] |= 0x400;
    install_handler((uint32_t)l1_pt[(L3_FRAMES + 0x7000) >> 20]);
    exits = run_l2(SDM_XA, SDMX_ISIE_VV);
    CHECK(8, exits == 1 && sd_get32(sd1, SD_PSW + 4) == 0x80000222);
    CHECK(9, l2_seen[0] == 0x55555555);
    CHECK(10, l2_seen[1] == 0x66666666);                /* purged across levels */
    CHECK(11, l2_seen[2] == 0x77777777 && l2_seen[3] == SIE_IC_INST);
    CHECK(12, *low32(0xE4C) == 1 && *low32(0xE44) == L3_FRAMES + 0x7000);

    /* D: an S/370 guest at L3. */
    which = 'D';
    exits = run_l2(SDM_XA | SDM_VR, SDMX_ISIE_VR);
    CHECK(13, exits == 1 && l2_seen[0] == SIE_IC_INST && l2_seen[1] == 0x9C00 &&
              l2_seen[2] == 0x000E0000);

    /* E: zone 1 = host 4 MB - 16 MB; L2's results are in its zone. */
    which = 'A';
    zpb[0] = 4;
    zpb[1] = 15;
    register uint32_t r1 __asm__("1") = 1;
    register uint32_t *r2 __asm__("2") = zpb;
    __asm__ volatile(".insn s,0xb23e0000,0" : : "d"(r1), "a"(r2) : "cc", "memory");
    exits = run_l2(SDM_XA, SDMX_RRF | SDMX_ISIE_VV);
    volatile uint32_t *seen = (volatile uint32_t *)(ZONE_ORIGIN + (uint32_t)l2_seen);
    CHECK(14, exits == 1 && sd_get32(sd1, SD_PSW + 4) == 0x80000222);
    CHECK(15, seen[0] == SIE_IC_INST && seen[1] == 0xB202 && seen[2] == 0xA5A5A5A5);
    CHECK(16, seen[3] == 1 && seen[4] == MSO3 + 0x5000);
    CHECK(17, l2_seen[0] == 0);                /* this copy was not L2's */
    return failed;
}
