/*
 * decode.h — instruction formats (ESA/390 PoO SA22-7201 ch. 5 "Instruction
 * formats"; S/370 PoO GA22-7000 ch. 5).  Each decoder is a pure inline
 * function over the instruction bytes, drawn here as the manual draws it.
 * Effective addresses are computed and wrapped to the current addressing
 * mode (24 or 31 bits); a base or index field of 0 means "no register".
 *
 *  RR   | op 8 | r1 4 | r2 4 |
 *  RX   | op 8 | r1 4 | x2 4 | b2 4 | d2 12 |
 *  RS   | op 8 | r1 4 | r3 4 | b2 4 | d2 12 |
 *  SI   | op 8 | i2 8        | b1 4 | d1 12 |
 *  S    | op 16              | b2 4 | d2 12 |
 *  RI   | op 8 | r1 4 | op 4 | i2 16       |
 *  RRE  | op 16              | //// 8 | r1 4 | r2 4 |
 *  RRF  | op 16              | r3 4 | // 4 | r1 4 | r2 4 |
 *  RSI  | op 8 | r1 4 | r3 4 | i2 16       |
 *  RIL  | op 8 | r1 4 | op 4 | i2 32                     |
 *  RXE  | op 8 | r1 4 | x2 4 | b2 4 | d2 12 | //// 8 | op 8 |
 *  RSE  | op 8 | r1 4 | r3 4 | b2 4 | d2 12 | //// 8 | op 8 |
 *  SS   | op 8 | l1 4 | l2 4 | b1 4 | d1 12 | b2 4 | d2 12 |   (or l 8)
 *  SSE  | op 16              | b1 4 | d1 12 | b2 4 | d2 12 |
 */
#ifndef CPU370_DECODE_H
#define CPU370_DECODE_H

#include "cpu.h"

static inline unsigned rr_r1(const uint8_t *ip) { return ip[1] >> 4; }
static inline unsigned rr_r2(const uint8_t *ip) { return ip[1] & 15; }

/* base + displacement, from a 16-bit field b:4 d:12 (read as one
 * big-endian halfword: one load and a rotate instead of two byte loads) */
static inline uint32_t ea_bd(const Cpu *c, const uint8_t *f)
{
    uint32_t bd = ld_be16(f);
    size_t b = bd >> 12;
    uint32_t a = bd & 0xFFF;
    if (b)
        a += c->gr[b];
    return a & c->amask;
}

/* RX / RXE: index + base + displacement from bytes 1-3 */
static inline uint32_t ea_rx(const Cpu *c, const uint8_t *ip)
{
    size_t x = ip[1] & 15u;            /* size_t: indexes without extension */
    uint32_t bd = ld_be16(ip + 2);
    size_t b = bd >> 12;
    uint32_t a = bd & 0xFFF;
    if (x)
        a += c->gr[x];
    if (b)
        a += c->gr[b];
    return a & c->amask;
}

/* RS, SI, S: operand address from bytes 2-3 */
static inline uint32_t ea_s(const Cpu *c, const uint8_t *ip) { return ea_bd(c, ip + 2); }

/* SS, SSE: second operand address from bytes 4-5 */
static inline uint32_t ea_ss2(const Cpu *c, const uint8_t *ip) { return ea_bd(c, ip + 4); }

static inline unsigned rs_r3(const uint8_t *ip) { return ip[1] & 15; }
static inline uint8_t  si_i2(const uint8_t *ip) { return ip[1]; }
static inline int32_t  ri_i2(const uint8_t *ip) { return (int16_t)ld_be16(ip + 2); }
static inline int32_t  ril_i2(const uint8_t *ip) { return (int32_t)ld_be32(ip + 2); }
static inline unsigned rre_r1(const uint8_t *ip) { return ip[3] >> 4; }
static inline unsigned rre_r2(const uint8_t *ip) { return ip[3] & 15; }
static inline unsigned rrf_r3(const uint8_t *ip) { return ip[2] >> 4; }

/* Instruction length from the first two bits of the opcode. */
static inline unsigned insn_length(uint8_t op0)
{
    /* bits 0-1: 00 -> 2, 01 and 10 -> 4, 11 -> 6 bytes, without branches:
     * (op0 + 0x40) >> 7 maps bits 0-1 = 00, 01, 10, 11 to 0, 1, 1, 2 (an
     * add, a shift and an lea on the run loop's path to the next
     * instruction) */
    return 2u + (((op0 + 0x40u) >> 7) << 1);
}

/* Relative branch target: halfwords from the instruction's own address
 * (for the target of EXECUTE, the target's address). */
static inline uint32_t rel_target(const Cpu *c, int32_t halfwords)
{
    uint32_t base = unlikely(c->in_execute) ? c->ex_addr : c->ia_cur;
    return (base + (uint32_t)halfwords * 2u) & c->amask;
}

#endif
