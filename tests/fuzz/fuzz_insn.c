/*
 * fuzz_insn.c — libFuzzer target: arbitrary bytes executed as an
 * instruction stream in supervisor state, in both architectures, with DAT
 * on and off, for a bounded number of instructions.  It must never crash,
 * hang or touch host memory outside the emulated storage (ASan + UBSan
 * watch that).
 *
 * Input layout: byte 0 = mode (bit 0 S/370, bit 1 DAT on, bit 2 24-bit,
 * bits 4-7 PSW key), bytes 1-64 = GR0-15, the rest = instructions at
 * X'2000' (the data also lands at X'8000' for operands).  Program, SVC,
 * external, I/O and machine-check new PSWs are disabled waits, so the
 * first interruption ends the run; the restart new PSW is unused.
 *
 * Build and run: make fuzz; build/fuzz/fuzz_insn tests/fuzz/corpus
 * (-max_total_time=1800 for a long run; docs/testing.md).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cpu370/storage.h"

#define MEMSIZE   (1u << 20)
#define CODE_AT   0x2000u
#define DATA_AT   0x8000u
#define SEG_TABLE 0x10000u
#define PAGE_TABLES 0x11000u
#define MAX_INSNS 20000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Machine *mach;

/* ESA/390 tables: identity map of the first 1M, with a few pages invalid
 * and one protected; S/370 tables: 4K pages, 64K segments, identity. */
static void build_tables(Cpu *c, Arch arch)
{
    uint8_t *m = c->mem;
    if (arch == ARCH_ESA390) {
        st_be32(m + SEG_TABLE, PAGE_TABLES | 0x0F);       /* PTL 15: 256 PTEs */
        for (uint32_t p = 0; p < 256; p++) {
            uint32_t pte = p << 12;
            if (p == 0x30 || p == 0x41)
                pte |= 0x400;                             /* invalid          */
            if (p == 0x42)
                pte |= 0x200;                             /* protected        */
            st_be32(m + PAGE_TABLES + p * 4, pte);
        }
        c->cr[0] = 0x00B00060 | CR0_AFP;
        c->cr[1] = SEG_TABLE | 0x7F;
    } else {
        for (uint32_t s = 0; s < 16; s++)
            st_be32(m + SEG_TABLE + s * 4, 0xF0000000u | (PAGE_TABLES + s * 32));
        for (uint32_t p = 0; p < 256; p++)
            st_be16(m + PAGE_TABLES + p * 2, (uint16_t)((p << 4) | (p == 0x30 ? 0x8 : 0)));
        c->cr[0] = 0x00800060;                            /* 4K pages, 64K seg */
        c->cr[1] = 0x01000000 | SEG_TABLE;                /* STL 1: 32 entries */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 + 64 + 2)
        return 0;
    uint8_t mode = data[0];
    Arch arch = (mode & 1) ? ARCH_S370 : ARCH_ESA390;
    if (!mach)
        mach = machine_new(MEMSIZE, arch);
    mach->arch = arch;
    memset(mach->mem, 0, MEMSIZE);
    memset(mach->keys, 0, MEMSIZE >> TLB_PAGE_SHIFT);
    Cpu *c = mach->cpu;
    /* A random SIE may have given the CPU a guest: free it before
     * cpu_init() forgets it (a leak LeakSanitizer reports otherwise). */
    if (c->sie_free)
        c->sie_free(c);
    cpu_init(c, mach);
    c->deterministic = true;

    size_t code = size - 65;
    if (code > 0x4000)
        code = 0x4000;
    memcpy(mach->mem + CODE_AT, data + 65, code);
    memcpy(mach->mem + DATA_AT, data + 65, code);
    for (int i = 0; i < 16; i++)
        c->gr[i] = ld_be32(data + 1 + 4 * i);

    /* Every interruption ends the run in a disabled wait. */
    uint8_t wait[8] = { 0x00, arch == ARCH_ESA390 ? 0x0A : 0x02, 0, 0, 0, 0, 0x0D, 0xE0 };
    for (unsigned off = PSA_EXT_NEW; off <= PSA_IO_NEW; off += 8)
        memcpy(mach->mem + off, wait, 8);
    build_tables(c, arch);

    uint8_t psw[8] = { 0 };
    bool dat = mode & 2;
    if (arch == ARCH_ESA390) {
        psw[0] = dat ? 0x04 : 0;
        psw[1] = (uint8_t)((mode & 0xF0) | 0x08);
        st_be32(psw + 4, (mode & 4 ? 0 : 0x80000000u) | CODE_AT);
    } else {
        psw[0] = dat ? 0x04 : 0;
        psw[1] = (uint8_t)((mode & 0xF0) | (dat ? 0x08 : 0));
        st_be32(psw + 4, CODE_AT);
    }
    psw_load(c, psw);
    c->max_insns = MAX_INSNS;
    cpu_run(c);
    return 0;
}
