/*
 * bits.h — bit numbering and big-endian storage helpers.
 *
 * The Principles of Operation number bits from the left: bit 0 is the most
 * significant bit of a byte, word or doubleword (ESA/390 PoO SA22-7201,
 * ch. 3 "Storage").  BIT32(n) and BIT64(n) let constants be written the way
 * the manual draws them.  Emulated storage is a byte array in big-endian
 * order; it is only ever read and written through ld_be* / st_be*.
 */
#ifndef CPU370_BITS_H
#define CPU370_BITS_H

#include <stdint.h>
#include <string.h>

#define BIT8(n)  ((uint8_t)(0x80u >> (n)))
#define BIT16(n) ((uint16_t)(0x8000u >> (n)))
#define BIT32(n) (0x80000000u >> (n))
#define BIT64(n) (0x8000000000000000ull >> (n))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

static inline uint16_t ld_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t ld_be32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}

static inline uint64_t ld_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

static inline void st_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void st_be32(uint8_t *p, uint32_t v)
{
    v = __builtin_bswap32(v);
    memcpy(p, &v, 4);
}

static inline void st_be64(uint8_t *p, uint64_t v)
{
    v = __builtin_bswap64(v);
    memcpy(p, &v, 8);
}

/* Sign-extend the low `bits` bits of v. */
static inline int32_t sext32(uint32_t v, unsigned bits)
{
    uint32_t m = 1u << (bits - 1);
    v &= (bits == 32) ? 0xFFFFFFFFu : ((1u << bits) - 1);
    return (int32_t)((v ^ m) - m);
}

#endif
