/*
 * sietest.h — what the SIE test programs (tests/guest/sie_*.c) share:
 * the CHECK macro (the first failing check's number becomes the wait
 * code), low-storage access, and a page-fault handler for hosts that
 * resolve host page faults (SIE.md §7).
 */
#ifndef TESTS_GUEST_SIETEST_H
#define TESTS_GUEST_SIETEST_H

#include "guest/libc.h"
#include "guest/siecall.h"

static int failed;

#define CHECK(n, cond) do { if (!(cond)) { printf("check %d failed: %s\n", n, #cond); \
                                           if (!failed) failed = n; } } while (0)

/* A word at a fixed low address (hidden from the compiler's bounds
 * checks, which know nothing of the PSA). */
static inline volatile uint32_t *low32(uint32_t a)
{
    volatile uint32_t *p;
    __asm__("" : "=a"(p) : "0"(a));
    return p;
}

/* Program-interruption handler of a host that pages its guests: note the
 * ILC/code (X'E40') and TEA (X'E44'), count (X'E4C'), validate the page
 * (clear bit 21 of the PTE: page-table origin at X'E54', index mask at
 * X'E50'), PTLB, and return to SIE, which the old PSW points at.  GR0-13
 * hold the guest's registers then: all are saved.  Each level that uses it
 * has its own low storage (its prefix page). */
extern const char host_pgm[];
__asm__(
    "    .text\n"
    "    .align 8\n"
    "host_pgm:\n"
    "    stm   %r0,%r15,0xE00(%r0)\n"
    "    mvc   0xE40(4,%r0),0x8C(%r0)\n"
    "    mvc   0xE44(4,%r0),0x90(%r0)\n"
    "    l     %r1,0xE4C(%r0)\n"
    "    ahi   %r1,1\n"
    "    st    %r1,0xE4C(%r0)\n"
    "    l     %r1,0xE44(%r0)\n"
    "    srl   %r1,12\n"
    "    n     %r1,0xE50(%r0)\n"
    "    sll   %r1,2\n"
    "    a     %r1,0xE54(%r0)\n"
    "    ni    2(%r1),0xFB\n"
    "    .insn s,0xb20d0000,0\n"
    "    lm    %r0,%r15,0xE00(%r0)\n"
    "    lpsw  0x28(%r0)\n"
);

#endif
