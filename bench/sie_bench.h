/*
 * sie_bench.h — the coremark workload (bench/coremark.c) run as a SIE
 * guest, for the guest-speed rows of `make bench` (issue: a CPU-bound
 * guest runs at >= 95 % of bare speed for V=V, >= 98 % for V=R and zone
 * guests).  Each bench/sie_*.c picks a kind with SIE_BENCH_KIND and
 * includes this file.
 *
 * The guest executes this very program's code: a V=R guest's absolute
 * storage is the host's; the V=V guest's is host virtual MSO 0 + A,
 * mapped 1:1 by identity host page tables; the zone guest runs a copy of
 * the low 2 MB placed at the zone origin (4 MB), at the same guest
 * addresses.  The guest calls coremark's main on its own stack and ends in
 * a disabled wait (interception code 28) with the result in GR2.
 */
#include "guest/libc.h"
#include "guest/siecall.h"

#define main coremark_main
#include "bench/coremark.c"
#undef main


static uint8_t sd[256] __attribute__((aligned(256)));
static uint8_t guest_psa[4096] __attribute__((aligned(4096)));
static uint8_t guest_stack[32768] __attribute__((aligned(8)));
static uint32_t gr[14];
#if SIE_BENCH_KIND == KIND_VV
static uint32_t host_st[16] __attribute__((aligned(4096)));
static uint32_t host_pt[16][256] __attribute__((aligned(1024)));
#endif
#if SIE_BENCH_KIND == KIND_ZONE
static uint32_t zpb[8] __attribute__((aligned(8)));
#endif

extern const char sieb_entry[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "sieb_entry:\n"
    "    brasl %r14,coremark_main\n"
    "    basr  %r13,0\n"
    "0:  lpsw  sieb_wait-0b(%r13)\n"
    "    .align 8\n"
    "sieb_wait: .long 0x000A0000, 0x80000000\n"
);

int main(void)
{
    memset(sd, 0, sizeof sd);
    sd[SD_M] = SDM_XA;
    sd_put16(sd, SD_MSE, 0x00FF);                       /* 16 MB */
#if SIE_BENCH_KIND == KIND_VR
    sd[SD_M] |= SDM_VR;
#elif SIE_BENCH_KIND == KIND_VV
    for (unsigned s = 0; s < 16; s++) {
        host_st[s] = (uint32_t)host_pt[s] | 0x0F;
        for (unsigned p = 0; p < 256; p++)
            host_pt[s][p] = (s << 20) | (p << 12);
    }
    uint32_t crs[16];
    __asm__ volatile("stctl 0,15,%0" : "=Q"(crs));
    crs[0] = 0x00B000E0;
    crs[1] = (uint32_t)host_st;
    __asm__ volatile("lctl 0,15,%0" : : "Q"(crs));
    sd_put32(sd, SD_RCPO, 0x00F00000);
#else
    zpb[0] = 4;
    zpb[1] = 11;                                        /* 4 MB - 12 MB */
    szp(1, zpb);
    sd[SD_MX] = SDMX_RRF;
    sd[SD_ZONE] = 1;
#endif
    sd_put32(sd, SD_PREFIX, (uint32_t)guest_psa);
    sd_put32(sd, SD_PSW, 0x00080000);
    sd_put32(sd, SD_PSW + 4, 0x80000000u | (uint32_t)sieb_entry);
    sd_put32(sd, SD_GR15, (uint32_t)guest_stack + sizeof guest_stack - 96);
    sd_put32(sd, SD_CR, 0x000000E0);
    sd_put32(sd, SD_CR + 14 * 4, 0xC2000000);
    sd_put32(sd, SD_CPUTIMER, 0x7FFFFFFF);
    sd_put32(sd, SD_CKC, 0xFFFFFFFF);
#if SIE_BENCH_KIND == KIND_ZONE
    /* The zone's copy of the program, with one MVCL as a control program
     * would move storage (the host's setup, not the guest's work: a byte
     * loop here would be most of what the row measured). */
    register uint32_t d __asm__("2") = 0x400000, dn __asm__("3") = 0x200000;
    register uint32_t sa __asm__("4") = 0, sn __asm__("5") = 0x200000;
    __asm__ volatile("mvcl %0,%2" : "+d"(d), "+d"(dn), "+d"(sa), "+d"(sn) : : "cc", "memory");
#endif
    for (int n = 0; n < 100; n++) {
        sie_enter(sd, gr);
        if (sd[SD_C] == SIE_IC_WAIT)
            return (int)gr[2];                          /* coremark's result */
        if (sd[SD_C] != SIE_IC_EXT && sd[SD_C] != SIE_IC_IO_REQ)
            return 100 + sd[SD_C];
    }
    return 99;
}
