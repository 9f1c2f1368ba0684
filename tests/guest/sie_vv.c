/* DIFF-HERCULES: */
/*
 * sie_vv.c — SIE with a pageable (V=V) ESA/390 guest (SIE.md §7): guest
 * absolute A is host virtual MSO + A, translated by the host's segment and
 * page tables (CR1) although the host runs with DAT off.  Checks: the
 * composition, a host page fault taken by the host with its PSW at SIE and
 * resolved so that re-executing SIE retries the guest instruction [H exp3],
 * host page protection reflected as an intercepted guest protection
 * exception, the extent, validity 0037 (the guest's prefix page not
 * host-translatable), the guest's own DAT on top (two-level translation),
 * guest storage keys landing on the host frame's key.
 *
 * Host layout: segment table X'4000', page table X'5000' (segment 4, host
 * virtual 4-5 MB = MSO 4 MB .. + 1 MB), host frames from 8 MB.
 *
 * Silent on success, so that the final registers can be compared with
 * Hercules 3.13 (tests/hercules/run-hercules-tests.sh), where every check
 * passes too.
 */
#include "tests/guest/sietest.h"

#define HOST_STO   0x4000u
#define HOST_PTO   0x5000u
#define RCP_AREA   (MSO + 0xF0000u)   /* host virtual: frames + 0xF0000 */
#define MSO        0x00400000u
#define FRAMES     0x00800000u
#define G_PREFIX   0x2000u
#define G_CODE     0x3000u

static uint8_t sd[256] __attribute__((aligned(256)));
static uint32_t gr[14];


/* Guest code, copied to guest absolute G_CODE; base register 12. */
extern const char gv_code[], gv_pgm[], gv_code_end[];
__asm__(
    "    .align 8\n"
    "gv_code:\n"
    "    lhi   %r3,1\n"
    "    lhi   %r1,0x5000\n"
    "    l     %r2,0(%r1)\n"                  /* host page invalid: fault */
    "    ahi   %r3,1\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"     /* STIDP: code 4           */
    "    lhi   %r1,0x6000\n"
    "    st    %r3,0(%r1)\n"                  /* host-protected: code 8  */
    "    ahi   %r3,1\n"
    "    l     %r2,0(%r9)\n"                  /* beyond 1 MB: code 8     */
    "    ahi   %r3,1\n"
    /* keys: SSKE on guest real 0x7000, ISKE it back into r4 */
    "    lhi   %r5,0x36\n"
    "    lhi   %r6,0x7000\n"
    "    .insn rre,0xb22b0000,%r5,%r6\n"      /* SSKE 5,6               */
    "    .insn rre,0xb2290000,%r4,%r6\n"      /* ISKE 4,6               */
    /* the guest's own DAT: CR0/CR1 loaded, then DAT on; guest virtual
     * 0x100000 -> guest real 0x8000 through tables at guest 0x9000 */
    "    lctl  %r0,%r1,gv_crs-gv_code(%r12)\n"
    "    stosm 0x1F0(%r0),0x04\n"             /* DAT on                  */
    "    l     %r7,0(%r8)\n"                  /* r8 = 0x100000           */
    "    l     %r10,4(%r11)\n"                /* r11 = 0x200000: invalid */
    "    .long 0\n"
    "    .align 4\n"
    "gv_crs: .long 0x00B000E0, 0x00009000\n"
    /* the guest's program new PSW leads here: wait with the code */
    "gv_pgm:\n"
    "    lh    %r1,0x8E(%r0)\n"
    "    st    %r1,0x1F4(%r0)\n"
    "    lpsw  gv_wait-gv_code(%r12)\n"
    "    .align 8\n"
    "gv_wait: .long 0x000A0000, 0x80000042\n"
    "gv_code_end:\n"
);

static uint32_t *host_pte(uint32_t gabs)
{
    return (uint32_t *)(HOST_PTO + ((gabs >> 12) & 0xFF) * 4);
}

static uint8_t *frame(uint32_t gabs) { return (uint8_t *)(FRAMES + gabs); }

static void set_cr(unsigned n, uint32_t v)
{
    uint32_t crs[16];
    __asm__ volatile("stctl 0,15,%0" : "=Q"(crs));
    crs[n] = v;
    __asm__ volatile("lctl 0,15,%0" : : "Q"(crs));
}

static uint32_t iske(uint32_t a)
{
    uint32_t k = 0;
    __asm__ volatile(".insn rre,0xb2290000,%0,%1" : "+d"(k) : "a"(a));
    return k & 0xFE;
}

int main(void)
{
    /* Host DAT tables: one segment (4) of 256 valid pages to frames. */
    uint32_t *st = (uint32_t *)HOST_STO;
    for (unsigned i = 0; i < 16; i++)
        st[i] = 0x20;                              /* invalid */
    st[(MSO >> 20)] = HOST_PTO | 0x0F;             /* PTL: 256 entries */
    for (unsigned i = 0; i < 256; i++)
        *host_pte(i << 12) = FRAMES + (i << 12);
    *host_pte(0x5000) |= 0x400;                    /* page 5 invalid */
    *host_pte(0x6000) |= 0x200;                    /* page 6 protected */
    set_cr(0, 0x00B000E0);
    set_cr(1, HOST_STO);
    *low32(0xE4C) = 0;
    *low32(0xE50) = 0xFF;
    *low32(0xE54) = HOST_PTO;
    *low32(0x68) = 0x00080000;
    *low32(0x6C) = 0x80000000u | (uint32_t)host_pgm;

    /* Guest storage: code, data the guest will load. */
    memset(frame(0), 0, 0x10000);
    memcpy(frame(G_CODE), gv_code, gv_code_end - gv_code);
    *(uint32_t *)frame(0x5000) = 0x55AA55AA;
    *(uint32_t *)frame(0x6000) = 0x66666666;

    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_XA;
    sd_put16(sd, SD_MSO, MSO >> 16);
    sd_put16(sd, SD_MSE, 0x000F);                  /* 1 MB */
    sd_put32(sd, SD_PREFIX, G_PREFIX);
    sd_put32(sd, SD_RCPO, RCP_AREA);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | G_CODE);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
    memset(gr, 0, sizeof gr);
    gr[12] = G_CODE;
    gr[9] = 0x00100000;

    /* 1. The host page fault is taken by the host with its PSW at SIE and
     * resolved; SIE resumes the guest, which retries the load, and the
     * next interception is STIDP's. */
    sie_enter(sd, gr);
    CHECK(1, *low32(0xE4C) == 1);
    CHECK(2, *low32(0xE40) == 0x00040011);               /* ILC 4, code 11 */
    CHECK(3, *low32(0xE44) == MSO + 0x5000);             /* TEA */
    CHECK(4, sd[SD_C] == SIE_IC_INST && sd_get16(sd, SD_IPA) == 0xB202);
    CHECK(5, gr[2] == 0x55AA55AA && gr[3] == 2);

    /* 2. A store into a host-protected page: guest protection, always
     * intercepted (code 8, 0004), the page unchanged. */
    sie_enter(sd, gr);
    CHECK(6, sd[SD_C] == SIE_IC_PGM && sd_get32(sd, 0xCC) == 0x00040004);
    CHECK(7, *(uint32_t *)frame(0x6000) == 0x66666666);

    /* 3. Beyond the extent: addressing, code 8. */
    sd_put32(sd, SD_PSW + 4, sd_get32(sd, SD_PSW + 4));
    sie_enter(sd, gr);
    CHECK(8, sd[SD_C] == SIE_IC_PGM && sd_get32(sd, 0xCC) == 0x00040005);
    CHECK(9, gr[3] == 3);

    /* 4. Keys: the guest's SSKE sets the key of the host frame; its ISKE
     * reads it back; then its own DAT maps guest virtual 1 MB to guest
     * real 0x8000 (tables at guest 0x9000), and an invalid guest page
     * ends in the guest's own program-interruption handler (code 11). */
    uint32_t *gst = (uint32_t *)frame(0x9000);
    gst[0] = 0xB000 | 0x0F;                        /* segment 0: identity */
    gst[1] = 0xA000 | 0x0F;                        /* segment 1 */
    uint32_t *gpt0 = (uint32_t *)frame(0xB000);
    for (unsigned i = 0; i < 256; i++)
        gpt0[i] = i << 12;
    for (unsigned i = 2; i < 16; i++)
        gst[i] = 0x20;
    uint32_t *gpt = (uint32_t *)frame(0xA000);
    gpt[0] = 0x8000;
    for (unsigned i = 1; i < 256; i++)
        gpt[i] = 0x400;
    *(uint32_t *)frame(0x8000) = 0x88888888;
    *(uint32_t *)frame(G_PREFIX + 0x68) = 0x00080000;
    *(uint32_t *)frame(G_PREFIX + 0x6C) = 0x80000000u | (G_CODE + (uint32_t)(gv_pgm - gv_code));
    gr[8] = 0x00100000;
    gr[11] = 0x00101000;
    sie_enter(sd, gr);
    /* The real key keeps access control and fetch protection; the guest's
     * R/C bits went to the RCP byte (checked below). */
    CHECK(10, (gr[4] & 0xFE) == 0x36 && iske(FRAMES + 0x7000) == 0x30);
    CHECK(11, gr[7] == 0x88888888);
    CHECK(12, sd[SD_C] == SIE_IC_WAIT && sd_get32(sd, SD_PSW + 4) == 0x80000042);
    CHECK(13, *(uint32_t *)frame(G_PREFIX + 0x1F4) == 0x11 &&
              *(uint32_t *)frame(G_PREFIX + 0x90) == 0x00101000);

    /* The RCP byte of guest page 7 holds the guest's R/C (SSKE set 0x36:
     * key 3, no fetch protection, R and C on). */
    CHECK(15, (*frame(0xF0000 + 7) & 0x06) == 0x06);

    /* 5. Validity 0037: the guest's prefix page is not host-translatable. */
    *host_pte(G_PREFIX) |= 0x400;
    __asm__ volatile(".insn s,0xb20d0000,0" ::: "memory");
    sie_enter(sd, gr);
    CHECK(14, sd[SD_C] == SIE_IC_VALIDITY && sd_get16(sd, SD_IPB) == VI_WHY_PREFIX_HOST);

    return failed;
}
