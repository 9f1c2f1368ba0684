/* DIFF-HERCULES: */
/*
 * sie_370.c — an S/370 guest under an ESA/390 host (SD m X'18': 370, V=R):
 * BC-mode PSW, the S/370 I/O instructions always intercepted (SIO: IPA
 * 9C00, IPB 000E0000 [H exp6]), STIDP intercepted, a BC-mode disabled wait
 * (code 28), a program interruption delivered in BC mode into the guest's
 * PSA at its prefix.
 *
 * Silent on success; compared with Hercules 3.13.
 */
#include "tests/guest/sietest.h"

static uint8_t sd[256] __attribute__((aligned(256)));
static uint8_t gpsa[4096] __attribute__((aligned(4096)));
static uint32_t gr[14];


extern const char g370[], g370_sio[], g370_div[], g370_pgm[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "g370:\n"
    "    la    %r3,1(0)\n"
    "g370_sio:\n"
    "    .insn s,0x9c000000,0x00E\n"          /* SIO X'00E'              */
    "    la    %r3,1(%r3)\n"
    "    .insn s,0xb2020000,0x100(%r0)\n"     /* STIDP                   */
    "    la    %r3,1(%r3)\n"
    "    lpsw  g370_wait-g370(%r12)\n"
    "    .align 8\n"
    "g370_wait: .long 0x00020000, 0x0000400C\n"   /* BC, wait bit (14) */
    "g370_div:\n"
    "    sr    %r4,%r4\n"
    "    sr    %r6,%r6\n"
    "    la    %r7,5(0)\n"
    "    dr    %r6,%r4\n"
    "g370_pgm:\n"
    "    lpsw  g370_wait2-g370(%r12)\n"
    "    .align 8\n"
    "g370_wait2: .long 0x00020000, 0x00000099\n"
);

static void sd_reset(uint32_t ia)
{
    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_370 | SDM_VR | SDM_ITMOF;
    sd_put16(sd, SD_MSE, 0x000F);
    sd_put32(sd, SD_PREFIX, (uint32_t)gpsa);
    sd_put32(sd, SD_PSW, 0x00000000);              /* BC mode, disabled */
    sd_put32(sd, SD_PSW + 4, ia & 0x00FFFFFF);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 2 * 4, 0xFFFFFFFF);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
}

int main(void)
{
    memset(gr, 0, sizeof gr);
    gr[12] = (uint32_t)g370;
    sd_reset((uint32_t)g370);
    sie_enter(sd, gr);
    CHECK(1, sd[SD_C] == SIE_IC_INST && sd[SD_F] == SDF_IPAB);
    CHECK(2, sd_get16(sd, SD_IPA) == 0x9C00 && sd_get32(sd, SD_IPB) == 0x000E0000);
    CHECK(3, (sd_get32(sd, SD_PSW + 4) & 0x00FFFFFF) == (uint32_t)g370_sio + 4 && gr[3] == 1);

    sie_enter(sd, gr);
    CHECK(4, sd[SD_C] == SIE_IC_INST && sd_get16(sd, SD_IPA) == 0xB202 && gr[3] == 2);

    sie_enter(sd, gr);
    CHECK(5, sd[SD_C] == SIE_IC_WAIT && gr[3] == 3);
    CHECK(6, sd_get32(sd, SD_PSW) == 0x00020000 &&
             (sd_get32(sd, SD_PSW + 4) & 0x00FFFFFF) == 0x0000400C);

    /* A fixed-point divide exception goes into the guest's PSA in BC
     * mode: the code in the old PSW, the new PSW from X'68'. */
    sd_reset((uint32_t)g370_div);
    memset(gpsa, 0, 0x100);
    *(uint32_t *)(gpsa + 0x68) = 0x00000000;
    *(uint32_t *)(gpsa + 0x6C) = (uint32_t)g370_pgm;
    sie_enter(sd, gr);
    CHECK(7, sd[SD_C] == SIE_IC_WAIT && (sd_get32(sd, SD_PSW + 4) & 0x00FFFFFF) == 0x99);
    CHECK(8, (*(uint32_t *)(gpsa + 0x28) & 0xFFFF) == 0x0009);
    CHECK(9, (*(uint32_t *)(gpsa + 0x2C) & 0x00FFFFFF) == (uint32_t)g370_div + 10);
    return failed;
}
