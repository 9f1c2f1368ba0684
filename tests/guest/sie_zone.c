/* DIFF-HERCULES: */
/*
 * sie_zone.c — MDF zones (SIE.md §7): SZP/STZP, and two zone guests (mx
 * X'80') side by side, each relocated by its zone origin and bounded by
 * its limit; the guest TLB must not carry one zone's translations into the
 * other's run.  Zone 1 is host 2 MB-3 MB, zone 2 host 3 MB-4 MB.
 * [interpex] the ZPB limit is the zone's last MB, inclusive, as in
 * Hercules 3.13 [H exp5].
 *
 * Silent on success; compared with Hercules 3.13.
 */
#include "tests/guest/sietest.h"

static uint8_t sd[256] __attribute__((aligned(256)));
static uint32_t zpb[8] __attribute__((aligned(8)));
static uint32_t gr[14];


/* Guest code (copied to guest 0x2000 of each zone): read the zone's last
 * word, then store beyond the zone. */
extern const char gz_code[], gz_code_end[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "gz_code:\n"
    "    l     %r2,0(%r9)\n"
    "    st    %r2,0(%r10)\n"
    "    lhi   %r3,-1\n"
    "gz_code_end:\n"
);

static void run_zone(unsigned zone)
{
    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_XA;
    sd[SD_MX] = SDMX_RRF;
    sd[SD_ZONE] = (uint8_t)zone;
    sd_put32(sd, SD_PREFIX, 0x1000);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80002000);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
    memset(gr, 0, sizeof gr);
    gr[9] = 0x000FFFFC;
    gr[10] = 0x00100000;
    sie_enter(sd, gr);
}

int main(void)
{
    uint8_t *z1 = (uint8_t *)0x200000, *z2 = (uint8_t *)0x300000;

    /* SZP: zone 0 and zones 8+ cannot be set (cc 3). */
    zpb[0] = 2; zpb[1] = 2;
    CHECK(1, szp(0, zpb) == 3 && szp(8, zpb) == 3);
    CHECK(2, szp(1, zpb) == 0);
    zpb[0] = 3; zpb[1] = 3;
    CHECK(3, szp(2, zpb) == 0);
    uint32_t back[8] = { 0 };
    CHECK(4, stzp(1, back) == 0 && back[0] == 2 && back[1] == 2 && back[2] == 0);
    CHECK(5, stzp(8, back) == 3);

    memset(z1, 0, 0x3000);
    memset(z2, 0, 0x3000);
    memcpy(z1 + 0x2000, gz_code, gz_code_end - gz_code);
    memcpy(z2 + 0x2000, gz_code, gz_code_end - gz_code);
    *(uint32_t *)(z1 + 0xFFFFC) = 0x11111111;
    *(uint32_t *)(z2 + 0xFFFFC) = 0x22222222;
    *(uint32_t *)(z2) = 0xEEEEEEEE;       /* just past zone 1 */

    /* Zone 1: its last word is readable, one byte past is addressing. */
    run_zone(1);
    CHECK(6, sd[SD_C] == SIE_IC_PGM && sd_get32(sd, 0xCC) == 0x00040005);
    CHECK(7, gr[2] == 0x11111111 && *(uint32_t *)z2 == 0xEEEEEEEE);
    /* Zone 2, the same guest addresses: its own storage. */
    run_zone(2);
    CHECK(8, sd[SD_C] == SIE_IC_PGM && gr[2] == 0x22222222);
    /* And zone 1 again. */
    run_zone(1);
    CHECK(9, gr[2] == 0x11111111);

    /* A zone whose origin lies above its limit: validity 0041. */
    zpb[0] = 5; zpb[1] = 4;
    CHECK(10, szp(3, zpb) == 0);
    run_zone(3);
    CHECK(11, sd[SD_C] == SIE_IC_VALIDITY && sd_get16(sd, SD_IPB) == VI_WHY_ZONE_LIMIT);
    return failed;
}
