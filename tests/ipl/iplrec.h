/*
 * iplrec.h — what the host-side tools that write IPL media share
 * (tests/ipl/mkdeck.c for card decks, tests/dasd/mkipl.c for FBA, tape
 * and CKD): big-endian words, format-0 CCWs (ESA/390 PoO SA22-7201 ch. 15
 * "Channel-command word": command, 24-bit address, flags, count), and hex
 * operands.
 */
#ifndef TESTS_IPL_IPLREC_H
#define TESTS_IPL_IPLREC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

static inline void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* A format-0 CCW. */
static inline void ccw0(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    put32(p, addr);
    p[0] = cmd;
    p[4] = flags;
    p[5] = 0;
    p[6] = (uint8_t)(count >> 8);
    p[7] = (uint8_t)count;
}

/* A hex operand no greater than max; false if it is not one. */
static inline bool parse_hex(const char *s, uint64_t max, uint32_t *v)
{
    char *end;
    unsigned long long x = strtoull(s, &end, 16);
    if (*end || end == s || x > max)
        return false;
    *v = (uint32_t)x;
    return true;
}

#endif
