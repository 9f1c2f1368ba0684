/*
 * io.h — the channel-subsystem instructions and control blocks for guest
 * programs (ESA/390 PoO SA22-7201 ch. 14 "I/O instructions", ch. 15
 * "Basic I/O functions": ORB, format-1 CCW).  Each instruction takes the
 * subsystem-identification word (X'0001' and the subchannel number) in
 * GR1 and the address of its block, and returns the condition code.
 */
#ifndef GUEST_IO_H
#define GUEST_IO_H

#include <stdint.h>

struct orb {
    uint32_t intparm;
    uint32_t flags;          /* key, S, F, P, I, A, U, LPM */
    uint32_t cpa;            /* channel-program address    */
};

struct ccw1 {                /* format-1 CCW */
    uint8_t  cmd;
    uint8_t  flags;
    uint16_t count;
    uint32_t addr;
};

#define IO_INSN(name, insn)                                                  \
    static inline int name(uint32_t schid, void *block)                      \
    {                                                                        \
        register uint32_t r1 __asm__("1") = schid;                           \
        int cc;                                                              \
        __asm__ volatile(insn " 0(%2)\n\tipm %0\n\tsrl %0,28"                \
                         : "=d"(cc) : "d"(r1), "a"(block) : "cc", "memory"); \
        return cc;                                                           \
    }
IO_INSN(stsch, "stsch")
IO_INSN(msch, "msch")
IO_INSN(ssch, "ssch")
IO_INSN(tsch, "tsch")
#undef IO_INSN

#endif
