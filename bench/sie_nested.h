/*
 * sie_nested.h — coremark run at L3: L1 (this program) runs L2, a V=R
 * guest executing l2_main() of this program, which runs coremark as its
 * own V=R guest (SIE.md §8).  SIE_NESTED_SIMULATE 0: L1 lets the machine
 * interpret L2's SIE (SD mx X'01'); 1: L1 intercepts it and simulates it
 * with a shadow SD, as a CP does for a second-level CP.  Both rows in
 * `make bench` against bare coremark measure what nesting costs.
 */
#include "guest/libc.h"
#include "guest/siecall.h"

#define main coremark_main
#include "bench/coremark.c"
#undef main

static uint8_t sd1[256] __attribute__((aligned(256)));
static uint8_t sd2[256] __attribute__((aligned(256)));
static uint8_t shadow[256] __attribute__((aligned(256)));
static uint8_t l2_psa[4096] __attribute__((aligned(4096)));
static uint8_t l3_psa[4096] __attribute__((aligned(4096)));
static uint8_t l2_stack[16384] __attribute__((aligned(8)));
static uint8_t l3_stack[32768] __attribute__((aligned(8)));
static uint32_t gr1[14], gr3[14];
static volatile uint32_t l3_result;

extern const char l2_entry[], l3_entry[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "l2_entry:\n"
    "    brasl %r14,l2_main\n"
    "    basr  %r13,0\n"
    "0:  lpsw  l2_wait-0b(%r13)\n"
    "    .align 8\n"
    "l2_wait: .long 0x000A0000, 0x80000000\n"
    "l3_entry:\n"
    "    brasl %r14,coremark_main\n"
    "    basr  %r13,0\n"
    "1:  lpsw  l3_wait-1b(%r13)\n"
    "    .align 8\n"
    "l3_wait: .long 0x000A0000, 0x80000000\n"
);

static void sd_common(uint8_t *sd, uint8_t *psa, uint32_t ia, uint8_t *stack, unsigned size)
{
    memset(sd, 0, 256);
    sd[SD_M] = SDM_XA | SDM_VR;
    sd_put16(sd, SD_MSE, 0x00FF);
    sd_put32(sd, SD_PREFIX, (uint32_t)psa);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | ia);
    sd_put32(sd, SD_GR15, (uint32_t)stack + size - 96);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
}

void l2_main(void);
void l2_main(void)
{
    sd_common(sd2, l3_psa, (uint32_t)l3_entry, l3_stack, sizeof l3_stack);
    memset(gr3, 0, sizeof gr3);
    do
        sie_enter(sd2, gr3);
    while (sd2[SD_C] != SIE_IC_WAIT);
    l3_result = gr3[2];
}

int main(void)
{
    sd_common(sd1, l2_psa, (uint32_t)l2_entry, l2_stack, sizeof l2_stack);
    sd1[SD_MX] = SIE_NESTED_SIMULATE ? 0 : SDMX_ISIE_VR;
    l3_result = 0xFFFF;
    for (;;) {
        sie_enter(sd1, gr1);
        if (sd1[SD_C] == SIE_IC_WAIT)
            return (int)l3_result;
        if (sd1[SD_C] != SIE_IC_INST || sd_get16(sd1, SD_IPA) != 0xB214)
            return 100 + sd1[SD_C];
        /* Simulate L2's SIE: shadow SD = L2's SD (V=R under V=R), run,
         * reflect (see tests/guest/sie_nested.c). */
        uint8_t *l2sd = (uint8_t *)sd_get32(sd1, SD_GR14);
        memcpy(shadow, l2sd, 256);
        sie_enter(shadow, gr1);
        memcpy(l2sd + SD_GR14, shadow + SD_GR14, 0x30);
        memcpy(l2sd + SD_C, shadow + SD_C, 0x10);
        memcpy(l2sd + SD_CR, shadow + SD_CR, 0x80);
    }
}
