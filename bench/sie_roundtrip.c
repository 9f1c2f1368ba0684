/*
 * sie_roundtrip.c — the cost of one SIE entry and exit: the guest's only
 * instruction is an intercepted one (STIDP, then a branch back to it), so
 * each of the 200000 iterations is SIE entry, one guest instruction, the
 * interception, the store back, and the host's loop.  Host instructions
 * per round trip: run it under callgrind (docs/sie.md) and divide.
 */
#include "guest/libc.h"
#include "guest/siecall.h"

#define ROUNDS 200000

static uint8_t sd[256] __attribute__((aligned(256)));
static uint8_t gpsa[4096] __attribute__((aligned(4096)));
static uint32_t gr[14];

extern const char rt_guest[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "rt_guest:\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"
    "    j     rt_guest\n"
);

int main(void)
{
    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_XA | SDM_VR;
    sd_put16(sd, SD_MSE, 0x00FF);
    sd_put32(sd, SD_PREFIX, (uint32_t)gpsa);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | (uint32_t)rt_guest);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
    for (int i = 0; i < ROUNDS; i++) {
        sie_enter(sd, gr);
        if (sd[SD_C] != SIE_IC_INST)
            return 1;
        sd_put32(sd, SD_PSW + 4, 0x80000000u | (uint32_t)rt_guest);
    }
    return 0;
}
