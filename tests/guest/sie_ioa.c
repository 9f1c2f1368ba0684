/* RUN-ARGS: --deterministic --dasd 0200:%TMP%/z1.fba --dasd 0201:%TMP%/z2.fba */
/* SETUP: %IPX% dasd create 3370 %TMP%/z1.fba --blocks 64 --volser ZONE01 */
/* SETUP: %IPX% dasd create 3370 %TMP%/z2.fba --blocks 64 --volser ZONE02 */
/*
 * sie_ioa.c — I/O assist (SIE.md §4 EC0 IOA): two zone guests side by
 * side, each doing its own I/O to its own FBA disk with the channel-
 * subsystem instructions, without its host.
 *
 * The host assigns subchannel 0200 to zone 1 and 0201 to zone 2 (MSCH:
 * PMCW zone byte and I bit), then runs small guest programs:
 *   - zone 1 writes a block and reads it back, taking its I/O interruption
 *     in its own PSA (enabled wait with WAIA);
 *   - zone 2 starts a write and leaves (disabled wait): the host sees the
 *     interruption only with TPZI, never with its own TPI; run again, the
 *     guest takes it; its read uses TPI + TSCH;
 *   - zone 1 names zone 2's subchannel: code 64; its MSCH cannot change
 *     the zone or the I bit; a channel program that strays outside the
 *     zone ends in a program check, which the host gets as code 60 with
 *     the interruption code at SD+E8; without IOA its SSCH is code 4.
 * [interpex] semantics (docs/sie.md "I/O assist"); not compared with
 * Hercules 3.13, whose I/O assist differs (hercules.md 1.6).
 */
#include "tests/guest/sietest.h"
#include "guest/io.h"

static uint8_t sd[256] __attribute__((aligned(256)));
static uint32_t zpb[8] __attribute__((aligned(8)));
static uint32_t gr[14];
static uint8_t schib[64] __attribute__((aligned(8)));
static uint8_t irb[64] __attribute__((aligned(8)));
static uint32_t tpzi_out[3] __attribute__((aligned(8)));
static uint32_t tpi_out[2] __attribute__((aligned(8)));

#define ZONE1 ((uint8_t *)0x200000)
#define ZONE2 ((uint8_t *)0x300000)

/* Guest storage layout (zone-relative). */
#define G_IONEW   0x078
#define G_EWAIT   0x200          /* enabled wait PSW                 */
#define G_DWAIT   0x208          /* disabled wait PSW: back to host  */
#define G_ORB     0x300
#define G_IRB     0x340
#define G_TPI     0x380
#define G_PWRITE  0x400          /* DE, LOCATE, WRITE                 */
#define G_PREAD   0x440          /* DE, LOCATE, READ                  */
#define G_PBAD    0x480          /* DE, LOCATE, WRITE beyond the zone */
#define G_DE      0x500
#define G_LOCW    0x510
#define G_LOCR    0x518
#define G_SCHIB   0x600
#define G_WBUF    0x800
#define G_RBUF    0xA00
#define G_CODE    0x2000

/* The guest's code: entry points the host picks with the SD PSW.  GR1 (a
 * register shared with the host) holds the subsystem-ID word. */
extern const char gc[], gc_end[], gc_start[], gc_handler[], gc_nowait[], gc_wait[],
    gc_tpi[], gc_msch[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "gc:\n"
    "gc_start:\n"                     /* SSCH, wait for the interruption */
    "    ssch  0x300(%r0)\n"
    "    ipm   %r4\n"
    "    lpsw  0x200(%r0)\n"
    "gc_handler:\n"                   /* I/O new PSW: TSCH, back to host */
    "    tsch  0x340(%r0)\n"
    "    ipm   %r5\n"
    "    l     %r6,0xB8(%r0)\n"
    "    l     %r7,0xBC(%r0)\n"
    "    lpsw  0x208(%r0)\n"
    "gc_nowait:\n"                    /* SSCH and leave at once */
    "    ssch  0x300(%r0)\n"
    "    ipm   %r4\n"
    "    lpsw  0x208(%r0)\n"
    "gc_wait:\n"                      /* just wait */
    "    lpsw  0x200(%r0)\n"
    "gc_tpi:\n"                       /* SSCH, TPI, TSCH: no interruption */
    "    ssch  0x300(%r0)\n"
    "    ipm   %r4\n"
    "    tpi   0x380(%r0)\n"
    "    ipm   %r8\n"
    "    tsch  0x340(%r0)\n"
    "    ipm   %r5\n"
    "    lpsw  0x208(%r0)\n"
    "gc_msch:\n"                      /* try to move to zone 2, drop I */
    "    stsch 0x600(%r0)\n"
    "    mvc   0x600(4,%r0),0x380(%r0)\n"
    "    mvi   0x618(%r0),2\n"
    "    ni    0x61B(%r0),0x7F\n"
    "    msch  0x600(%r0)\n"
    "    ipm   %r4\n"
    "    lpsw  0x208(%r0)\n"
    "gc_end:\n"
);

/* Where the guest's code is: copied to G_CODE in a zone; where the host
 * has it for the V=R guest, whose storage is the host's. */
static uint32_t code_base = G_CODE;
static uint32_t entry(const char *label) { return code_base + (uint32_t)(label - gc); }

/* The V=R guest's prefix page (its low storage). */
static uint8_t vr_psa[4096] __attribute__((aligned(4096)));

static void put32(uint8_t *z, uint32_t a, uint32_t v) { *(uint32_t *)(z + a) = v; }
static uint32_t get32(const uint8_t *z, uint32_t a) { return *(const uint32_t *)(z + a); }

static void ccw(uint8_t *z, uint32_t a, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    z[a] = cmd;
    z[a + 1] = flags;
    *(uint16_t *)(z + a + 2) = count;
    put32(z, a + 4, data);
}

/* Channel programs hold absolute addresses: a zone guest's are its own
 * (prefix 0); the V=R guest's low storage is its prefix page, so its
 * channel programs name where that page really is. */
static uint32_t chan_base;

/* A zone's low storage: PSWs, the three FBA channel programs, a pattern. */
static void zone_setup(uint8_t *z, uint8_t fill)
{
    uint32_t b = chan_base;
    memset(z, 0, code_base == G_CODE ? 0x3000 : 0x1000);
    put32(z, G_IONEW, 0x00080000);
    put32(z, G_IONEW + 4, 0x80000000 | entry(gc_handler));
    put32(z, G_EWAIT, 0x020A0000);            /* I/O enabled, wait */
    put32(z, G_EWAIT + 4, 0x80000000);
    put32(z, G_DWAIT, 0x000A0000);            /* disabled wait */
    put32(z, G_DWAIT + 4, 0x80000000);
    /* Define Extent: writes allowed, 512-byte blocks, blocks 0-63. */
    z[G_DE] = 0xC0;
    *(uint16_t *)(z + G_DE + 2) = 512;
    put32(z, G_DE + 12, 63);
    /* Locate: one block, block 5; write (X'01') and read (X'06'). */
    z[G_LOCW] = 0x01;
    *(uint16_t *)(z + G_LOCW + 2) = 1;
    put32(z, G_LOCW + 4, 5);
    z[G_LOCR] = 0x06;
    *(uint16_t *)(z + G_LOCR + 2) = 1;
    put32(z, G_LOCR + 4, 5);
    ccw(z, G_PWRITE, 0x63, 0x40, 16, b + G_DE);
    ccw(z, G_PWRITE + 8, 0x43, 0x40, 8, b + G_LOCW);
    ccw(z, G_PWRITE + 16, 0x41, 0x00, 512, b + G_WBUF);
    ccw(z, G_PREAD, 0x63, 0x40, 16, b + G_DE);
    ccw(z, G_PREAD + 8, 0x43, 0x40, 8, b + G_LOCR);
    ccw(z, G_PREAD + 16, 0x42, 0x00, 512, b + G_RBUF);
    ccw(z, G_PBAD, 0x63, 0x40, 16, b + G_DE);
    ccw(z, G_PBAD + 8, 0x43, 0x40, 8, b + G_LOCW);
    ccw(z, G_PBAD + 16, 0x41, 0x00, 512, 0x100000);   /* past a 1 MB zone */
    for (unsigned i = 0; i < 512; i++)
        z[G_WBUF + i] = (uint8_t)(fill + i);
    if (code_base == G_CODE)
        memcpy(z + G_CODE, gc, (size_t)(gc_end - gc));
}

/* Low storage of the V=R guest (its addresses below 4K are its prefix
 * page; its code is the host's). */
static void vr_setup(void)
{
    code_base = (uint32_t)gc;
    chan_base = (uint32_t)vr_psa;
    zone_setup(vr_psa, 0x40);      /* only the first 4K: all below G_CODE */
    code_base = G_CODE;
}

static void orb(uint8_t *z, uint32_t intparm, uint32_t program)
{
    put32(z, G_ORB, intparm);
    put32(z, G_ORB + 4, 0x0080FF00);          /* key 0, format-1 CCWs, LPM */
    put32(z, G_ORB + 8, chan_base + program);
}

/* Run zone `zone`'s guest at `ia`, with GR1 = ssid and I/O assist (or
 * not), WAIA, and CR6 enabling ISC `isc`.  Zone 0: the V=R guest (1 MB,
 * its prefix page vr_psa). */
static void run(unsigned zone, uint32_t ia, uint32_t ssid, bool ioa, unsigned isc)
{
    memset(sd, 0, sizeof sd);
    if (zone) {
        sd[SD_M] = SDM_XA;
        sd[SD_MX] = SDMX_RRF;
        sd[SD_ZONE] = (uint8_t)zone;
        sd_put32(sd, SD_PREFIX, 0);
    } else {
        sd[SD_M] = SDM_XA | SDM_VR;
        sd_put16(sd, SD_MSE, 0x000F);
        sd_put32(sd, SD_PREFIX, (uint32_t)vr_psa);
    }
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000 | ia);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 6 * 4, 0x80000000u >> isc);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
    sd[SD_EC] = EC0_WAIA | (ioa ? EC0_IOA : 0);
    memset(gr, 0, sizeof gr);
    gr[1] = ssid;
    sie_enter(sd, gr);
}

static int tpi(uint32_t *out)
{
    int cc;
    __asm__ volatile("tpi 0(%1)\n ipm %0\n srl %0,28" : "=d"(cc) : "a"(out) : "cc", "memory");
    return cc;
}

static void set_cr6(uint32_t v)
{
    static uint32_t cr6;
    cr6 = v;
    __asm__ volatile("lctl 6,6,0(%0)" : : "a"(&cr6) : "memory");
}

/* The subchannel of device `devnum`, or 0. */
static uint32_t find_sch(uint16_t devnum)
{
    for (uint32_t i = 0; i < 64; i++) {
        if (stsch(0x00010000u | i, schib) != 0)
            return 0;
        if (*(uint16_t *)(schib + 6) == devnum)
            return 0x00010000u | i;
    }
    return 0;
}

/* The host assigns a subchannel to a zone's guest: enabled, ISC, zone, I. */
static int assign(uint32_t ssid, unsigned zone, unsigned isc)
{
    if (stsch(ssid, schib) != 0)
        return -1;
    schib[4] = (uint8_t)(isc << 3);
    schib[5] |= 0x80;
    schib[24] = (uint8_t)zone;
    schib[27] = 0x80;
    return msch(ssid, schib);
}

int main(void)
{
    uint32_t s1 = find_sch(0x0200), s2 = find_sch(0x0201);
    CHECK(1, s1 != 0 && s2 != 0 && s1 != s2);

    zpb[0] = 2; zpb[1] = 2;                   /* zone 1: host 2 MB - 3 MB */
    CHECK(2, szp(1, zpb) == 0);
    zpb[0] = 3; zpb[1] = 3;                   /* zone 2: host 3 MB - 4 MB */
    CHECK(3, szp(2, zpb) == 0);
    CHECK(4, assign(s1, 1, 0) == 0 && assign(s2, 2, 3) == 0);
    zone_setup(ZONE1, 0x10);
    zone_setup(ZONE2, 0x80);
    set_cr6(0xFF000000);                      /* the host: every ISC */

    /* Zone 1 writes block 5 of its disk, taking the interruption itself. */
    orb(ZONE1, 0x11110001, G_PWRITE);
    run(1, entry(gc_start), s1, true, 0);
    CHECK(10, sd[SD_C] == SIE_IC_WAIT);
    CHECK(11, (gr[4] >> 28 & 3) == 0 && (gr[5] >> 28 & 3) == 0);
    CHECK(12, gr[6] == s1 && gr[7] == 0x11110001);
    CHECK(13, ZONE1[G_IRB + 8] == 0x0C && ZONE1[G_IRB + 9] == 0);
    /* ... and reads it back. */
    orb(ZONE1, 0x11110002, G_PREAD);
    run(1, entry(gc_start), s1, true, 0);
    CHECK(14, sd[SD_C] == SIE_IC_WAIT && gr[7] == 0x11110002);
    CHECK(15, memcmp(ZONE1 + G_RBUF, ZONE1 + G_WBUF, 512) == 0);

    /* Zone 2 starts its write and leaves: the interruption waits for it.
     * TPZI shows it to the host; the host's own TPI does not take it. */
    orb(ZONE2, 0x22220001, G_PWRITE);
    run(2, entry(gc_nowait), s2, true, 3);
    CHECK(20, sd[SD_C] == SIE_IC_WAIT && (gr[4] >> 28 & 3) == 0);
    CHECK(21, tpzi(2, tpzi_out) == 1 && tpzi_out[0] == s2 && tpzi_out[1] == 0x22220001 &&
                  tpzi_out[2] == 3u << 27);
    CHECK(22, tpzi(1, tpzi_out) == 0 && tpzi(9, tpzi_out) == 0);
    CHECK(23, tpi(tpi_out) == 0);
    /* Zone 1's guest, waiting meanwhile, never gets zone 2's interruption
     * (its wait ends without one: no timer can end it). */
    run(1, entry(gc_wait), s1, true, 3);
    CHECK(24, sd[SD_C] == SIE_IC_WAIT && sd_get32(sd, SD_PSW) == 0x020A0000 && gr[6] == 0);
    CHECK(25, tpzi(2, tpzi_out) == 1);
    /* Run again: the guest takes its interruption. */
    run(2, entry(gc_wait), s2, true, 3);
    CHECK(26, sd[SD_C] == SIE_IC_WAIT && gr[6] == s2 && gr[7] == 0x22220001);
    CHECK(27, (gr[5] >> 28 & 3) == 0 && ZONE2[G_IRB + 8] == 0x0C);
    CHECK(28, tpzi(2, tpzi_out) == 0);
    /* Its read: TPI in the guest finds the zone's own request. */
    orb(ZONE2, 0x22220002, G_PREAD);
    run(2, entry(gc_tpi), s2, true, 3);
    CHECK(29, sd[SD_C] == SIE_IC_WAIT && (gr[8] >> 28 & 3) == 1 && (gr[5] >> 28 & 3) == 0);
    CHECK(30, get32(ZONE2, G_TPI) == s2 && get32(ZONE2, G_TPI + 4) == 0x22220002);
    CHECK(31, memcmp(ZONE2 + G_RBUF, ZONE2 + G_WBUF, 512) == 0);
    /* Two disks: zone 1's block is still its own. */
    memset(ZONE1 + G_RBUF, 0, 512);
    orb(ZONE1, 0x11110003, G_PREAD);
    run(1, entry(gc_start), s1, true, 0);
    CHECK(32, memcmp(ZONE1 + G_RBUF, ZONE1 + G_WBUF, 512) == 0 && ZONE1[G_RBUF] == 0x10);

    /* Zone 1 names zone 2's subchannel, and one that does not exist:
     * code 64, IPA/IPB the instruction, the PSW past it. */
    run(1, entry(gc_start), s2, true, 0);
    CHECK(40, sd[SD_C] == SIE_IC_IOINST && sd[SD_IPA] == 0xB2 && sd[SD_IPA + 1] == 0x33);
    CHECK(41, sd_get32(sd, SD_IPB) == 0x03000000 && sd_get32(sd, SD_PSW + 4) == (0x80000000 | (entry(gc_start) + 4)));
    run(1, entry(gc_start), 0x0001FFFF, true, 0);
    CHECK(42, sd[SD_C] == SIE_IC_IOINST);
    /* Without I/O assist, its SSCH is an ordinary instruction interception. */
    run(1, entry(gc_start), s1, false, 0);
    CHECK(43, sd[SD_C] == SIE_IC_INST && sd[SD_IPA] == 0xB2 && sd[SD_IPA + 1] == 0x33);

    /* The guest's MSCH changes its interruption parameter, never the zone
     * or the I bit. */
    put32(ZONE1, G_TPI, 0x51515151);
    run(1, entry(gc_msch), s1, true, 0);
    CHECK(50, sd[SD_C] == SIE_IC_WAIT && (gr[4] >> 28 & 3) == 0);
    CHECK(51, stsch(s1, schib) == 0 && *(uint32_t *)schib == 0x51515151);
    CHECK(52, schib[24] == 1 && (schib[27] & 0x80));

    /* A channel program that writes beyond the zone: program check, which
     * the host must see (code 60).  The status stays pending for it. */
    orb(ZONE1, 0x11110004, G_PBAD);
    run(1, entry(gc_start), s1, true, 0);
    CHECK(60, sd[SD_C] == SIE_IC_IO);
    CHECK(61, sd_get32(sd, SD_IOINT) == s1 && sd_get32(sd, SD_IOINT + 4) == 0x11110004 &&
                  sd_get32(sd, SD_IOINT + 8) == 0);
    CHECK(62, sd[SD_TSCH] == 0x0C && (sd[SD_TSCH + 1] & 0x20));
    CHECK(63, sd_get32(sd, SD_PSW) == 0x020A0000);       /* still in its wait */
    CHECK(64, tsch(s1, irb) == 0 && (irb[9] & 0x20) && tsch(s1, irb) == 1);

    /* The V=R guest (zone 0): the host gives it zone 1's disk.  Its
     * channel programs use its (= the host's) absolute addresses, bounded
     * by its 1 MB: one that writes at 1 MB ends in a program check, and
     * host storage there is untouched. */
    CHECK(70, assign(s1, 0, 0) == 0);
    vr_setup();
    uint32_t *past = (uint32_t *)0x100000;
    *past = 0x0BADF00D;
    code_base = (uint32_t)gc;
    chan_base = (uint32_t)vr_psa;
    orb(vr_psa, 0x00000071, G_PWRITE);
    run(0, entry(gc_start), s1, true, 0);
    CHECK(71, sd[SD_C] == SIE_IC_WAIT && gr[6] == s1 && gr[7] == 0x00000071);
    CHECK(72, vr_psa[G_IRB + 8] == 0x0C && vr_psa[G_IRB + 9] == 0);
    orb(vr_psa, 0x00000072, G_PREAD);
    run(0, entry(gc_start), s1, true, 0);
    CHECK(73, memcmp(vr_psa + G_RBUF, vr_psa + G_WBUF, 512) == 0 && vr_psa[G_RBUF] == 0x40);
    orb(vr_psa, 0x00000073, G_PBAD);
    run(0, entry(gc_start), s1, true, 0);
    CHECK(74, sd[SD_C] == SIE_IC_IO && (sd[SD_TSCH + 1] & 0x20) && *past == 0x0BADF00D);
    CHECK(75, tsch(s1, irb) == 0 && (irb[9] & 0x20));
    /* Zone 2's subchannel is not the V=R guest's. */
    run(0, entry(gc_start), s2, true, 0);
    CHECK(76, sd[SD_C] == SIE_IC_IOINST);
    code_base = G_CODE;
    return failed;
}
