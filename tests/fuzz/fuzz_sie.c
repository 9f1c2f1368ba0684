/*
 * fuzz_sie.c — libFuzzer target: random state descriptions and random
 * guest code run by the SIE instruction (SIE.md §1-§8).  Whatever the SD
 * and the guest say, the run must end in a disabled wait, the instruction
 * limit or a check-stop, and storage outside the guest's extent must be
 * unchanged except what the host program and SIE itself write there (the
 * host PSA, the SD, the RCP bytes).  abort() on a violation; ASan + UBSan
 * watch everything else.
 *
 * The machine: 3M of storage.  [0, 2M) is where guests live; [2M, 3M) is
 * the host's: PSA (prefix X'200000'), code, SD, DAT tables, RCP area.
 * The host program (real X'201000', base GR15, count GR14):
 *
 *     L    5,X'100'(,15)       SD address
 *     SIE  0(5)
 *     BCT  14,0(,15)           SIE 1-4 times (re-entry after interception)
 *     LPSW X'108'(,15)         disabled wait at X'FFF0'
 *
 * Host new PSWs are disabled waits (program X'DEA0', the others X'E0nn',
 * nn the new PSW's offset).
 * The host's CR1 tables map host virtual = host absolute for the first 3M
 * (pages 0 and X'200000' swap at the real level, undoing prefixing), so a
 * pageable guest's absolute A is host absolute MSO + A.
 *
 * Checked after every run (fail() aborts): the stop reason; storage and
 * storage keys below 2M outside the guest's extent unchanged; the host
 * area unchanged except its PSA, the SD and the RCP area (keys: except
 * reference and change bits); host GR15 intact, the host out of SIE; a
 * host program interruption only with the old PSW at SIE (a host fault,
 * SIE nullified); when the host got to its final LPSW, a valid
 * interception code in the SD; guest instruction counts no larger than
 * their host's.  FUZZ_SIE_VERBOSE=1 prints how a run
 * ended (for looking at seeds).
 *
 * Input layout (little of it is free-form, so that guests really run):
 *   [0] kind: bits 0-1 0 V=R, 1 V=V, 2 zone, 3 raw m/mx/zone bytes;
 *       bit 2 S/370 guest; bit 3 raw guest PSW; bit 4 guest DAT (identity
 *       tables in guest storage, PSW DAT on); bit 5 raw v byte; bit 6 S/370
 *       BC-mode PSW; bit 7 host DAT on
 *   [1] size: bits 0-4 MSE (64K units - 1); bits 5-7 MSO in 256K units
 *   [2] guest prefix page (modulo the extent), X'FF' raw from the SD
 *   [3] zone: bits 0-2 zone number; bits 3-4 zone layout; bit 5 VR bit too;
 *       bit 6 interpreted-SIE bits in mx; bit 7 raw SCAO
 *   [4] bit 7: host page (bits 0-6) of the guest invalid
 *   [5] bit 7: host page (bits 0-6) of the guest protected
 *   [6] host: bit 0 host enabled for its CPU timer ([7] * 64 insns);
 *       bits 1-2 SIE count - 1; bit 3 SD crosses a page; bits 4-5 RCPO:
 *       0/1 the RCP area, 2 zero, 3 unmapped; bit 6 guest new PSWs raw
 *       (from the code); bit 7 the RCP area's host page invalid
 *   [7] host CPU timer
 *   [8] storage key of the guest's blocks
 *   [9] nested (interpreted SIE, SIE.md §8): bit 0 on (an ESA/390 L2 gets
 *       mx X'03' and runs the loop "LA 5,X'900'; SLL 5,4; SIE 0(5); DIAG;
 *       BRC 15,*-16" at X'2000', and L2 gets identity tables); bits 1-2 L3
 *       kind: 0 V=R, 1-2 V=V, 3 raw m/mx; bit 3 S/370 L3; bits 4-7 L3 MSE
 *   [10] L3 prefix page (modulo its extent)   [11] L3 MSO (64K units)
 *   [12] bits 0-1 L3 RCPO: 0/1 L2 virtual X'E000', 2 zero, 3 unmapped
 *       in L2; bit 2 raw v; bit 3 raw PSW; bit 4 L3's own mx SIE bits
 *       The L3 SD (X'9000' in L2) comes from code bytes X'100'-X'1FF',
 *       L3 code (at its real X'2200') from code bytes X'200' on.  With
 *       a V=V L3 at MSO >= 64K, L2's storage outside L3's extent must
 *       be unchanged too, except L2's PSA, the L3 SD and the RCP bytes.
 *   [13] bit 0 wild: the SD's own MSE and a zone of [14] bits 0-3 MB
 *       origin, limit [15] (+X'800' if [14] bit 7) replace the plausible
 *       ones, so guests may extend beyond host storage (and reach the
 *       host's area): then only the stop reason (an idle wait allowed:
 *       the host's PSA may be overwritten) and ASan/UBSan judge the run
 *   [13] bit 1: subchannel 0 (an echo device: writes are read, reads
 *       store a pattern) is assigned to the guest for I/O assist (PMCW
 *       zone = the SD's zone byte, I on, enabled, ISC [13] bits 2-4); the
 *       SD's EC0 decides whether the guest has IOA.  Its channel programs
 *       must stay inside the guest's storage like everything else.
 *   [14], [15] wild zone
 *   [16..71] GR0-13 (shared by host and guest)
 *   [72..327] the SD
 *   [328..] guest code at guest real X'2000' (up to 24K), and again at
 *       X'8000' (up to 16K) as operand data
 *
 * Build and run: make fuzz-sie (FUZZ_SECONDS=600), seeds in
 * tests/fuzz/corpus_sie.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu370/channel.h"
#include "tests/fuzz/echo_dev.h"
#include "cpu370/storage.h"
#include "sie/sd.h"
#include "sie/sie.h"

#define MEMSIZE    0x300000u
#define GUEST_TOP  0x200000u     /* guests live below                     */
#define HOST_PSA   0x200000u
#define HOST_CODE  0x201000u
#define SIE_AT     (HOST_CODE + 4)
#define SD_HOME    0x202000u
#define SD_CROSS   0x202F80u     /* an SD that crosses a 4K page          */
#define HOST_ST    0x204000u
#define HOST_PT    0x205000u     /* 3 page tables of 256 entries          */
#define RCP_AREA   0x208000u
#define HOST_WAIT  0xFFF0u
#define PGM_WAIT   0xDEA0u
#define MAX_INSNS  20000

#define HDR        72
#define CODE_OFF   (HDR + SD_SIZE)
#define G_CODE     0x2000u       /* guest real */
#define G_DATA     0x8000u
#define G_ST       0xC000u
#define G_PT       0xC400u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Machine *mach;
static uint8_t snap[MEMSIZE];
static uint8_t snapkeys[MEMSIZE >> TLB_PAGE_SHIFT];

/* FUZZ_SIE_VERBOSE=1: say how each run ended (for looking at seeds). */
static bool verbose(void)
{
    static int v = -1;
    if (v < 0)
        v = getenv("FUZZ_SIE_VERBOSE") != NULL;
    return v;
}

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_sie: property violated: %s\n", what);
    abort();
}

/* Guest real -> guest absolute (prefixing), then the host absolute of it. */
static uint32_t g_abs(uint32_t real, uint32_t prefix)
{
    uint32_t page = real & ~0xFFFu;
    if (page == 0)
        return real | prefix;
    if (page == prefix)
        return real & 0xFFF;
    return real;
}

static void gput(uint32_t base, uint32_t extent, uint32_t prefix, uint32_t real,
                 const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t a = g_abs(real + (uint32_t)i, prefix);
        if (a < extent && base + a < GUEST_TOP)
            mach->mem[base + a] = p[i];
    }
}

static void gput32(uint32_t base, uint32_t extent, uint32_t prefix, uint32_t real, uint32_t v)
{
    uint8_t b[4];
    st_be32(b, v);
    gput(base, extent, prefix, real, b, 4);
}

static void gput16(uint32_t base, uint32_t extent, uint32_t prefix, uint32_t real, uint16_t v)
{
    uint8_t b[2];
    st_be16(b, v);
    gput(base, extent, prefix, real, b, 2);
}

/* Host virtual v -> the host real address whose absolute address is v. */
static uint32_t host_real_of(uint32_t v)
{
    if ((v & ~0xFFFu) == 0)
        return HOST_PSA | (v & 0xFFF);
    if ((v & ~0xFFFu) == HOST_PSA)
        return v & 0xFFF;
    return v;
}

static void build_host_tables(Cpu *c, uint8_t bad_guest_page, uint8_t prot_guest_page,
                              uint32_t gbase, uint32_t gsize, uint8_t bad_host_page)
{
    uint8_t *m = mach->mem;
    for (uint32_t s = 0; s < 16; s++)
        st_be32(m + HOST_ST + 4 * s, s < 3 ? (HOST_PT + s * 0x400) | 0x0F : 0x20);
    for (uint32_t p = 0; p < 3 * 256; p++)
        st_be32(m + HOST_PT + 4 * p, host_real_of(p << 12));
    uint32_t gpages = gsize >> 12;
    if (gpages) {
        if (bad_guest_page & 0x80) {
            uint32_t p = (gbase >> 12) + (bad_guest_page & 0x7F) % gpages;
            if (p < 512)
                m[HOST_PT + 4 * p + 2] |= 0x04;               /* invalid */
        }
        if (prot_guest_page & 0x80) {
            uint32_t p = (gbase >> 12) + (prot_guest_page & 0x7F) % gpages;
            if (p < 512)
                m[HOST_PT + 4 * p + 2] |= 0x02;               /* protected */
        }
    }
    if (bad_host_page & 0x80) {
        /* the RCP area's page: a host fault for key operations */
        m[HOST_PT + 4 * (RCP_AREA >> 12) + 2] |= 0x04;
    }
    c->cr[0] = CR0_TRANS_FORMAT_ESA;
    c->cr[1] = HOST_ST;                                       /* STL 0: 16 */
}

/* The guest's identity tables (guest real G_ST, G_PT), in the guest's
 * architecture, and the CR0/CR1 that use them. */
static void build_guest_tables(uint32_t base, uint32_t extent, uint32_t prefix, bool s370,
                               uint8_t *sd)
{
    uint32_t cr0 = ld_be32(sd + SD_CR);
    if (!s370) {
        gput32(base, extent, prefix, G_ST, G_PT | 0x0F);
        for (uint32_t s = 1; s < 16; s++)
            gput32(base, extent, prefix, G_ST + 4 * s, 0x20);
        for (uint32_t p = 0; p < 256; p++)
            gput32(base, extent, prefix, G_PT + 4 * p, p << 12);
        cr0 = (cr0 & ~CR0_TRANS_FORMAT) | CR0_TRANS_FORMAT_ESA;
    } else {
        for (uint32_t s = 0; s < 16; s++)
            gput32(base, extent, prefix, G_ST + 4 * s, 0xF0000000u | (G_PT + s * 32));
        for (uint32_t p = 0; p < 256; p++)
            gput16(base, extent, prefix, G_PT + 2 * p, (uint16_t)(p << 4));
        cr0 = (cr0 & ~0x00F80000u) | 0x00800000u;             /* 4K pages, 64K segments */
    }
    st_be32(sd + SD_CR, cr0);
    st_be32(sd + SD_CR + 4, G_ST);
}

static void guest_psw(uint8_t *psw, const uint8_t *raw, bool s370, bool bc, bool dat, uint32_t ia)
{
    memset(psw, 0, 8);
    if (!s370) {
        psw[0] = (uint8_t)((raw[0] & 0x43) | (dat ? 0x04 : 0));
        psw[1] = (uint8_t)((raw[1] & 0xF1) | 0x08);
        psw[2] = raw[2];
        st_be32(psw + 4, (raw[4] & 0x80u) << 24 | ia);
    } else if (!bc) {
        psw[0] = (uint8_t)((raw[0] & 0x43) | (dat ? 0x04 : 0));
        psw[1] = (uint8_t)((raw[1] & 0xF1) | 0x08);
        psw[2] = raw[2] & 0x3F;
        st_be32(psw + 4, ia);
    } else {
        psw[0] = raw[0];
        psw[1] = raw[1] & 0xF1;
        psw[2] = raw[2];
        psw[3] = raw[3];
        st_be32(psw + 4, ia);
        psw[4] = raw[4] & 0x3F;
    }
}

/* An L3 (nested) guest: where its absolute storage is in L2's. */
typedef struct L3 {
    uint32_t gbase, gsize, prefix2;   /* L2, as above                      */
    uint32_t prefix3, ext3, mso3;
    bool     pref3;
} L3;

static void l3put(const L3 *l, uint32_t real3, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t a3 = g_abs(real3 + (uint32_t)i, l->prefix3);
        if (a3 >= l->ext3)
            continue;
        /* V=R: L3 absolute = L2 absolute; V=V: L2 virtual = L2 real
         * (identity tables), then L2's prefixing. */
        uint32_t a2 = l->pref3 ? a3 : g_abs((l->mso3 << 16) + a3, l->prefix2);
        if (a2 < l->gsize && l->gbase + a2 < GUEST_TOP)
            mach->mem[l->gbase + a2] = p[i];
    }
}

/* Build the L3 SD at L2 real X'9000', L3's code and new PSWs (data[9..12]);
 * returns whether L2's storage outside L3 can be checked, and L3's range in
 * L2 absolute storage then. */
static bool build_nested(const uint8_t *data, size_t size, uint32_t gbase, uint32_t gsize,
                         uint32_t prefix2, bool psa_raw, uint32_t *lo3, uint32_t *hi3)
{
    static const uint8_t l2code[] = {
        0x41, 0x50, 0x09, 0x00,         /* LA   5,X'900'   */
        0x89, 0x50, 0x00, 0x04,         /* SLL  5,4        */
        0xB2, 0x14, 0x50, 0x00,         /* SIE  0(5)       */
        0x83, 0x00, 0x00, 0x00,         /* DIAG            */
        0xA7, 0xF4, 0xFF, 0xF8,         /* BRC  15,*-16    */
    };
    gput(gbase, gsize, prefix2, G_CODE, l2code, sizeof l2code);

    size_t code = size - CODE_OFF;
    uint8_t sd3[SD_SIZE] = { 0 }, raw[8];
    if (code > 0x100)
        memcpy(sd3, data + CODE_OFF + 0x100, code - 0x100 < SD_SIZE ? code - 0x100 : SD_SIZE);
    uint8_t n9 = data[9], n12 = data[12];
    uint8_t kind3 = (n9 >> 1) & 3;
    uint8_t mode3 = n9 & 0x08 ? SDM_370 : SDM_XA;
    uint8_t mx3 = n12 & 0x10 ? SDMX_ISIE_VV | SDMX_ISIE_VR : 0;
    uint32_t mse3 = n9 >> 4, mso3 = data[11];
    if (mso3 + mse3 + 1 > 16)                   /* L2's tables map 1M */
        mso3 = 16 - (mse3 + 1);
    if (kind3 == 0) {
        sd3[SD_M] = mode3 | SDM_VR | (sd3[SD_M] & SDM_ITMOF);
        sd3[SD_MX] = mx3;
        sd3[SD_ZONE] = 0;
        mso3 = 0;
    } else if (kind3 != 3) {
        sd3[SD_M] = mode3 | (sd3[SD_M] & SDM_ITMOF);
        sd3[SD_MX] = mx3;
        sd3[SD_ZONE] = 0;
    }
    uint32_t ext3 = (mse3 + 1) << 16;
    st_be16(sd3 + SD_MSO, (uint16_t)mso3);
    st_be16(sd3 + SD_MSE, (uint16_t)mse3);
    st_be32(sd3 + SD_PREFIX, (data[10] % (ext3 >> 12)) << 12);
    static const uint32_t rcpos[4] = { 0xE000, 0xE000, 0, 0x00F00000 };
    st_be32(sd3 + SD_RCPO, rcpos[n12 & 3]);
    st_be32(sd3 + SD_SCAO, 0);
    if (!(n12 & 4))
        sd3[SD_V] = 0;
    bool xa3 = sd3[SD_M] & SDM_XA;
    if (!(n12 & 8)) {
        memcpy(raw, sd3 + SD_PSW, 8);
        guest_psw(sd3 + SD_PSW, raw, !xa3, raw[1] & 0x04, false, 0x2200);
    }
    gput(gbase, gsize, prefix2, 0x9000, sd3, SD_SIZE);

    L3 l = { gbase, gsize, prefix2, 0, ext3, mso3, false };
    l.prefix3 = ld_be32(sd3 + SD_PREFIX) & (xa3 ? 0x7FFFF000u : 0x00FFF000u);
    l.pref3 = (sd3[SD_M] & SDM_VR) || (sd3[SD_MX] & SDMX_RRF);
    if (code > 0x200)
        l3put(&l, 0x2200, data + CODE_OFF + 0x200, code - 0x200 < 0x1000 ? code - 0x200 : 0x1000);
    uint8_t wait[8] = { 0x00, 0x0A, 0, 0, 0, 0, 0x3D, 0xE0 };
    for (uint32_t off = PSA_EXT_NEW; off <= PSA_IO_NEW; off += 8) {
        wait[7] = (uint8_t)off;
        l3put(&l, off, wait, 8);
    }
    *lo3 = mso3 << 16;
    *hi3 = (mso3 << 16) + ext3;
    /* Checkable: a V=V L3 above L2's own pages (code, tables, PSA, the L3
     * SD and RCP bytes, all below 64K), L2 running our loop and stopping
     * at its first own interruption. */
    return !l.pref3 && mso3 >= 1 && prefix2 < 0x10000 && !psa_raw && (data[0] & 0x08) == 0;
}

/* Subchannel 0 to the guest (I/O assist) or to the host. */
static void assign_subchannel(bool to_guest, uint8_t zone, unsigned isc)
{
    Subchannel *s = css_subchannel(mach, 0x00010000);
    uint8_t schib[SCHIB_SIZE];
    css_stsch(s, schib);
    schib[4] = (uint8_t)(isc << 3);
    schib[5] |= 0x80;
    schib[24] = to_guest ? zone & 7 : 0;
    schib[27] = to_guest ? 0x80 : 0;
    css_msch(s, schib, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < CODE_OFF + 2)
        return 0;
    const uint8_t kindb = data[0], sizeb = data[1], prefb = data[2], zoneb = data[3];
    const uint8_t hostb = data[6];
    if (!mach) {
        mach = machine_new(MEMSIZE, ARCH_ESA390);
        css_attach(mach, device_new(&echo_ops, 0x0100, NULL));
    }
    css_reset(mach);
    Cpu *c = mach->cpu;
    sie_free(c);
    memset(mach->zpb, 0, sizeof mach->zpb);
    cpu_init(c, mach);
    c->deterministic = true;
    memset(mach->mem, 0xA5, MEMSIZE);
    memset(mach->keys, 0x30, MEMSIZE >> TLB_PAGE_SHIFT);
    memset(mach->keys + (GUEST_TOP >> TLB_PAGE_SHIFT), 0,
           (MEMSIZE - GUEST_TOP) >> TLB_PAGE_SHIFT);

    /* ---- the SD ---- */
    uint32_t sd_addr = hostb & 0x08 ? SD_CROSS : SD_HOME;
    uint8_t *sd = mach->mem + sd_addr;
    memcpy(sd, data + HDR, SD_SIZE);
    bool s370 = kindb & 0x04;
    uint8_t kind = kindb & 3;
    uint8_t mode = s370 ? SDM_370 : SDM_XA;
    uint8_t isie = zoneb & 0x40 ? SDMX_ISIE_VV | SDMX_ISIE_VR : 0;
    uint32_t mse = sizeb & 0x1F;
    uint32_t mso = (uint32_t)(sizeb >> 5) << 2;               /* 64K units */
    if (kind == 0) {
        sd[SD_M] = mode | SDM_VR | (sd[SD_M] & SDM_ITMOF);
        sd[SD_MX] = isie;
        sd[SD_ZONE] = 0;
        mso = 0;
    } else if (kind == 1) {
        sd[SD_M] = mode | (sd[SD_M] & SDM_ITMOF);
        sd[SD_MX] = isie;
        sd[SD_ZONE] = 0;
    } else if (kind == 2) {
        sd[SD_M] = mode | (zoneb & 0x20 ? SDM_VR : 0) | (sd[SD_M] & SDM_ITMOF);
        sd[SD_MX] = SDMX_RRF | isie;
        sd[SD_ZONE] = zoneb & 7;
        mso = 0;
    }
    /* Every guest must fit below GUEST_TOP. */
    if ((mso + mse + 1) << 16 > GUEST_TOP)
        mso = (GUEST_TOP >> 16) - (mse + 1);
    st_be16(sd + SD_MSO, (uint16_t)mso);
    st_be16(sd + SD_MSE, (uint16_t)mse);
    static const uint32_t zones[4][2] = { { 0, 0 }, { 1, 1 }, { 0, 1 }, { 1, 0 } };
    mach->zpb[zoneb & 7][0] = zones[(zoneb >> 3) & 3][0];
    mach->zpb[zoneb & 7][1] = zones[(zoneb >> 3) & 3][1];
    if (!(zoneb & 0x80))
        st_be32(sd + SD_SCAO, 0);
    static const uint32_t rcpos[4] = { RCP_AREA, RCP_AREA, 0, 0x300000 };
    st_be32(sd + SD_RCPO, rcpos[(hostb >> 4) & 3]);

    /* The guest's storage as validate() will see it (zeros if invalid). */
    bool xa = sd[SD_M] & SDM_XA;
    bool rrf = sd[SD_MX] & SDMX_RRF;
    bool pref = (sd[SD_M] & SDM_VR) || rrf;
    uint32_t gbase = 0, gsize = 0;
    if (rrf) {
        uint8_t z = sd[SD_ZONE];
        if (z < 8 && mach->zpb[z][0] <= mach->zpb[z][1]) {
            gbase = mach->zpb[z][0] << 20;
            gsize = (mach->zpb[z][1] - mach->zpb[z][0] + 1) << 20;
        }
    } else {
        gbase = pref ? 0 : mso << 16;
        gsize = (mse + 1) << 16;
    }
    if (prefb != 0xFF && gsize)
        st_be32(sd + SD_PREFIX, (prefb % (gsize >> 12)) << 12);
    uint32_t prefix = ld_be32(sd + SD_PREFIX) & (xa ? 0x7FFFF000u : 0x00FFF000u);
    if (gsize && prefix > gsize - 4096)
        gsize = 0;                                            /* validity */
    if (!(kindb & 0x20))
        sd[SD_V] = 0;
    bool gdat = kindb & 0x10;
    bool s370g = !xa;
    if (!(kindb & 0x08))
        guest_psw(sd + SD_PSW, data + HDR + SD_PSW, s370g, kindb & 0x40, gdat, G_CODE);

    bool wild = data[13] & 1;
    if (wild) {
        memcpy(sd + SD_MSE, data + HDR + SD_MSE, 2);
        mach->zpb[zoneb & 7][0] = data[14] & 0x0F;
        mach->zpb[zoneb & 7][1] = data[15] | (data[14] & 0x80 ? 0x800u : 0);
    }
    assign_subchannel(data[13] & 2, sd[SD_ZONE], (data[13] >> 2) & 7);

    /* ---- the guest's storage ---- */
    if (gsize) {
        memset(mach->mem + gbase, 0, gsize);
        memset(mach->keys + (gbase >> TLB_PAGE_SHIFT), data[8] & 0xFE, gsize >> TLB_PAGE_SHIFT);
        size_t code = size - CODE_OFF;
        gput(gbase, gsize, prefix, G_CODE, data + CODE_OFF, code < 0x6000 ? code : 0x6000);
        gput(gbase, gsize, prefix, G_DATA, data + CODE_OFF, code < 0x4000 ? code : 0x4000);
        if (gdat)
            build_guest_tables(gbase, gsize, prefix, s370g, sd);
        uint8_t wait[8] = { 0x00, 0x0A, 0, 0, 0, 0, 0x0D, 0xE0 };
        for (uint32_t off = PSA_EXT_NEW; off <= PSA_IO_NEW; off += 8) {
            if (hostb & 0x40) {
                size_t at = CODE_OFF + (off - PSA_EXT_NEW);
                if (at + 8 <= size)
                    gput(gbase, gsize, prefix, off, data + at, 8);
            } else {
                wait[7] = (uint8_t)off;
                gput(gbase, gsize, prefix, off, wait, 8);
            }
        }
    }

    /* ---- nested: L2 runs L3 ---- */
    bool nested = (data[9] & 1) && xa && gsize;
    bool l2check = false;
    uint32_t lo3 = 0, hi3 = 0;
    if (nested) {
        sd[SD_MX] |= SDMX_ISIE_VV | SDMX_ISIE_VR;
        if (!gdat)
            build_guest_tables(gbase, gsize, prefix, false, sd);
        l2check = build_nested(data, size, gbase, gsize, prefix, hostb & 0x40, &lo3, &hi3);
    }

    /* ---- the host ---- */
    uint8_t *m = mach->mem;
    static const uint8_t host[] = {
        0x58, 0x50, 0xF1, 0x00,         /* L    5,X'100'(,15) */
        0xB2, 0x14, 0x50, 0x00,         /* SIE  0(5)          */
        0x46, 0xE0, 0xF0, 0x00,         /* BCT  14,0(,15)     */
        0x82, 0x00, 0xF1, 0x08,         /* LPSW X'108'(,15)   */
    };
    memcpy(m + HOST_CODE, host, sizeof host);
    st_be32(m + HOST_CODE + 0x100, sd_addr);
    uint8_t wait[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, (uint8_t)(HOST_WAIT >> 8), (uint8_t)HOST_WAIT };
    memcpy(m + HOST_CODE + 0x108, wait, 8);
    memset(m + HOST_PSA, 0, 4096);
    for (unsigned off = PSA_EXT_NEW; off <= PSA_IO_NEW; off += 8) {
        wait[6] = off == PSA_PGM_NEW ? (uint8_t)(PGM_WAIT >> 8) : 0xE0;
        wait[7] = off == PSA_PGM_NEW ? (uint8_t)PGM_WAIT : (uint8_t)off;
        memcpy(m + HOST_PSA + off, wait, 8);
    }
    memset(m + RCP_AREA, 0, 4096);
    build_host_tables(c, data[4], data[5], gbase, gsize, hostb);
    c->prefix = HOST_PSA;
    for (int i = 0; i < 14; i++)
        c->gr[i] = ld_be32(data + 16 + 4 * i);
    c->gr[14] = 1 + ((hostb >> 1) & 3);
    c->gr[15] = HOST_CODE;
    uint8_t hpsw[8] = { 0, 0x08, 0, 0, 0x80, 0, 0, 0 };
    hpsw[0] = (uint8_t)((kindb & 0x80 ? 0x04 : 0) | (hostb & 1));
    st_be32(hpsw + 4, 0x80000000u | HOST_CODE);
    if (hostb & 1) {
        c->cr[0] |= CR0_CPU_TIMER;
        cpu_timer_set(c, (int64_t)data[7] * 64 * 256);
    } else {
        c->ckc = UINT64_MAX;
    }
    psw_load(c, hpsw);
    st_be32(m + HOST_PSA + PSA_PGM_OLD + 4, 0xFFFFFFFF);

    memcpy(snap, m, MEMSIZE);
    memcpy(snapkeys, mach->keys, sizeof snapkeys);

    c->max_insns = MAX_INSNS;
    StopReason r = cpu_run(c);

    if (verbose()) {
        const SieStats *st = sie_stats(mach, 2), *st3 = sie_stats(mach, 3);
        fprintf(stderr, "fuzz_sie: stop %d IA %08X SD c=%u ipa=%04X ipb=%08X guest %06X+%06X "
                "pgm %04X entries L2 %llu L3 %llu insns %llu host faults %llu\n", (int)r, c->ia,
                sd[SD_C], ld_be16(sd + SD_IPA), ld_be32(sd + SD_IPB), gbase, gsize,
                ld_be16(sd + SD_PSA_BIAS + PSA_PGM_CODE),
                st ? (unsigned long long)st->entries : 0ull,
                st3 ? (unsigned long long)st3->entries : 0ull,
                st ? (unsigned long long)st->insns : 0ull,
                st ? (unsigned long long)st->host_faults : 0ull);
        if (nested)
            fprintf(stderr, "fuzz_sie: nested, L3 at L2 %06X-%06X%s\n", lo3, hi3,
                    l2check ? ", L2 checked" : "");
        sie_print_stats(mach, stderr);
    }

    /* ---- the properties ---- */
    if (c->in_sie)
        fail("the host is still marked in SIE");
    if (wild) {
        if (r != STOP_DISABLED_WAIT && r != STOP_INSN_LIMIT && r != STOP_CHECKSTOP &&
            r != STOP_IDLE_WAIT)
            fail("a wild run ended otherwise than in a wait, the limit or a check-stop");
        return 0;
    }
    if (r != STOP_DISABLED_WAIT && r != STOP_INSN_LIMIT && r != STOP_CHECKSTOP)
        fail("the run ended otherwise than in a disabled wait, the limit or a check-stop");
    if (c->gr[15] != HOST_CODE)
        fail("host GR15 changed");
    /* The counters (the `stats` command): a level counts the levels it runs. */
    const SieStats *st2 = sie_stats(mach, 2), *st3 = sie_stats(mach, 3);
    if ((st2 && st2->insns > c->icount) || (st3 && (!st2 || st3->insns > st2->insns)))
        fail("the SIE instruction counters are inconsistent");
    if (st3) {
        char buf[1024] = "";
        unsigned long long l1 = ~0ull;
        FILE *f = fmemopen(buf, sizeof buf - 1, "w");
        if (f) {
            sie_print_stats(mach, f);
            fclose(f);
            if (sscanf(buf, "L1 instructions %llu", &l1) != 1 || l1 > c->icount)
                fail("the stats command shows a wrong L1 instruction count");
        }
    }
    /* Below GUEST_TOP: only the guest's own extent may change. */
    uint32_t gend = gbase + gsize;
    for (uint32_t a = 0; a < GUEST_TOP; a += 4096) {
        uint32_t lo = a, hi = a + 4096;
        if (lo >= gbase && hi <= gend)
            continue;
        if (memcmp(m + lo, snap + lo, 4096)) {
            for (uint32_t b = lo; b < hi; b++)
                if (m[b] != snap[b]) {
                    fprintf(stderr, "fuzz_sie: byte %06X changed %02X -> %02X (guest %06X-%06X)\n",
                            b, snap[b], m[b], gbase, gend);
                    break;
                }
            fail("storage outside the guest's extent changed");
        }
    }
    for (uint32_t k = 0; k < (GUEST_TOP >> TLB_PAGE_SHIFT); k++) {
        uint32_t a = k << TLB_PAGE_SHIFT;
        if (a >= gbase && a < gend)
            continue;
        if (mach->keys[k] != snapkeys[k]) {
            fprintf(stderr, "fuzz_sie: key of %06X changed %02X -> %02X\n", a, snapkeys[k],
                    mach->keys[k]);
            fail("a storage key outside the guest's extent changed");
        }
    }
    /* The host's area: only its PSA, the SD and the RCP bytes may change. */
    const uint32_t ranges[][2] = {
        { HOST_PSA + 4096, sd_addr }, { sd_addr + SD_SIZE, RCP_AREA }, { RCP_AREA + 4096, MEMSIZE },
    };
    for (unsigned i = 0; i < 3; i++) {
        uint32_t lo = ranges[i][0], hi = ranges[i][1];
        if (memcmp(m + lo, snap + lo, hi - lo)) {
            for (uint32_t a = lo; a < hi; a++)
                if (m[a] != snap[a]) {
                    fprintf(stderr, "fuzz_sie: host byte %06X changed %02X -> %02X\n", a, snap[a],
                            m[a]);
                    break;
                }
            fail("the host's storage changed");
        }
    }
    for (uint32_t k = GUEST_TOP >> TLB_PAGE_SHIFT; k < (MEMSIZE >> TLB_PAGE_SHIFT); k++)
        if ((mach->keys[k] & ~(SK_REF | SK_CHANGE)) != snapkeys[k])
            fail("a host storage key changed");
    /* L2's storage outside L3's extent (L2 absolute = L2 real there). */
    if (l2check) {
        uint32_t skip[3] = { prefix, g_abs(0x9000, prefix), g_abs(0xE000, prefix) };
        for (uint32_t a2 = 0; a2 < gsize; a2 += 4096) {
            if ((a2 >= lo3 && a2 < hi3) || a2 == skip[0] || a2 == skip[1] || a2 == skip[2])
                continue;
            uint32_t a = gbase + a2;
            if (memcmp(m + a, snap + a, 4096)) {
                for (uint32_t b = a; b < a + 4096; b++)
                    if (m[b] != snap[b]) {
                        fprintf(stderr, "fuzz_sie: L2 byte %06X changed %02X -> %02X (L3 %06X-%06X)\n",
                                b - gbase, snap[b], m[b], lo3, hi3);
                        break;
                    }
                fail("L2's storage outside L3's extent changed");
            }
        }
    }
    if (r == STOP_DISABLED_WAIT) {
        uint32_t pgm_old = ld_be32(m + HOST_PSA + PSA_PGM_OLD + 4) & 0x7FFFFFFF;
        if (pgm_old != 0x7FFFFFFF && pgm_old != SIE_AT)
            fail("a host program interruption not at SIE");
        if (c->ia == HOST_WAIT) {
            /* SIE completed: the SD holds an interception code. */
            switch (sd[SD_C]) {
            case SIE_IC_INST: case SIE_IC_PGM: case SIE_IC_INST_PGM: case SIE_IC_EXT_REQ:
            case SIE_IC_EXT: case SIE_IC_IO_REQ: case SIE_IC_WAIT: case SIE_IC_VALIDITY:
            case SIE_IC_STOP: case SIE_IC_OPEREX: case SIE_IC_IO: case SIE_IC_IOINST:
                break;
            default:
                fprintf(stderr, "fuzz_sie: interception code %u\n", sd[SD_C]);
                fail("SIE ended without a valid interception code");
            }
        }
    }
    return 0;
}
