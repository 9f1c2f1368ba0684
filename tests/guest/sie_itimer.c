/*
 * sie_itimer.c — the interval timer of an S/370 guest (SIE.md §2: m X'04'
 * ITMOF, the residue at SD+24, s X'80').  The timer word at the guest's
 * real X'50' steps while the guest runs (S/370 PoO GA22-7000 ch. 4
 * "Interval timer": bit 23 at 300 Hz) unless ITMOF says the host keeps it;
 * the part of a step not yet counted is kept in the residue across exits,
 * so that a guest entered many times for a short while still sees its
 * timer run.  Deterministic time: 16 instructions a microsecond, so one
 * timer unit (1/76800 s) is 208 1/3 instructions.
 *
 * [interpex] The residue is in TOD-clock units (docs/sie.md); not
 * compared with Hercules 3.13, whose shadow timer differs.
 */
#include "tests/guest/sietest.h"

static uint8_t sd[256] __attribute__((aligned(256)));
static uint8_t gpsa[4096] __attribute__((aligned(4096)));
static uint32_t gr[14];

/* The guest: GR5 iterations of BCT, then a BC-mode disabled wait. */
extern const char gt[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "gt:\n"
    "    bct   %r5,gt-gt(%r12)\n"
    "    lpsw  gt_wait-gt(%r12)\n"
    "    .align 8\n"
    "gt_wait: .long 0x00020000, 0x00000000\n"
);

static void run(uint32_t loops, bool itmof, uint32_t residue)
{
    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_370 | SDM_VR | (itmof ? SDM_ITMOF : 0);
    sd_put16(sd, SD_MSE, 0x000F);
    sd_put32(sd, SD_PREFIX, (uint32_t)gpsa);
    sd_put32(sd, SD_PSW, 0x00000000);              /* BC mode, disabled */
    sd_put32(sd, SD_PSW + 4, (uint32_t)gt & 0x00FFFFFF);
    sd_put32(sd, SD_RESIDUE, residue);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
    memset(gr, 0, sizeof gr);
    gr[5] = loops;
    gr[12] = (uint32_t)gt;
    sie_enter(sd, gr);
}

static volatile uint32_t *timer(void) { return (volatile uint32_t *)(gpsa + 0x50); }

int main(void)
{
    /* ITMOF: the timer word stays as it is. */
    *timer() = 0x00100000;
    run(100000, true, 0);
    CHECK(1, sd[SD_C] == SIE_IC_WAIT);
    CHECK(2, *timer() == 0x00100000 && sd_get32(sd, SD_RESIDUE) == 0);

    /* Running: 100,001 instructions are 480 units (and a fraction). */
    run(100000, false, 0);
    uint32_t used = 0x00100000 - *timer();
    CHECK(3, sd[SD_C] == SIE_IC_WAIT && used >= 478 && used <= 482);
    CHECK(4, sd_get32(sd, SD_RESIDUE) < 53334);

    /* 200 short runs of 52 instructions (under one unit each), carrying
     * the residue from exit to entry: about 50 units in all. */
    *timer() = 0x00100000;
    uint32_t residue = 0;
    for (int i = 0; i < 200; i++) {
        run(51, false, residue);
        residue = sd_get32(sd, SD_RESIDUE);
        CHECK(5, residue < 53334);
    }
    used = 0x00100000 - *timer();
    CHECK(6, used >= 48 && used <= 51);

    /* Going negative makes the interruption pending (s X'80'). */
    *timer() = 0x00000010;
    run(10000, false, 0);
    CHECK(7, (int32_t)*timer() < 0 && (sd[SD_S] & SDS_ITIMER));
    return failed;
}
