/*
 * siecall.h — running a guest with SIE from a guest program (tests, CP).
 * The state-description layout is sie/sd.h, shared with the machine.
 */
#ifndef GUEST_SIECALL_H
#define GUEST_SIECALL_H

#include <stdint.h>

#include "sie/sd.h"

/* Run the guest the 256-byte SD describes until it is intercepted; gr[]
 * holds the guest's GR0-13 before and after (lib/sie.S). */
void sie_enter(void *sd, uint32_t gr[14]);

/* Big-endian field access (the machine is big-endian: plain stores). */
static inline void sd_put32(uint8_t *sd, unsigned off, uint32_t v) { *(uint32_t *)(sd + off) = v; }
static inline void sd_put16(uint8_t *sd, unsigned off, uint16_t v) { *(uint16_t *)(sd + off) = v; }
static inline uint32_t sd_get32(const uint8_t *sd, unsigned off) { return *(const uint32_t *)(sd + off); }
static inline uint16_t sd_get16(const uint8_t *sd, unsigned off) { return *(const uint16_t *)(sd + off); }

/* The zone instructions (sie/zone.c): zone number in GR1, the 8-word zone
 * parameter block (SZP, STZP) or the 12-byte interruption code (TPZI) at
 * GR2; each returns its condition code. */
#define ZONE_INSN(name, opcode)                                                   \
    static inline int name(unsigned zone, const void *block)                      \
    {                                                                             \
        register uint32_t r1 __asm__("1") = zone;                                 \
        register const void *r2 __asm__("2") = block;                             \
        int cc;                                                                   \
        __asm__ volatile(".insn s," opcode ",0\n\tipm %0\n\tsrl %0,28"          \
                         : "=d"(cc) : "d"(r1), "a"(r2) : "cc", "memory");         \
        return cc;                                                                \
    }
ZONE_INSN(szp, "0xb23e0000")
ZONE_INSN(stzp, "0xb23d0000")
ZONE_INSN(tpzi, "0xb23f0000")
#undef ZONE_INSN

#endif
