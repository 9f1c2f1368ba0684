/*
 * insn_logical.c — AND, OR, EXCLUSIVE OR in their RR, RX, SI and SS forms,
 * COMPARE LOGICAL (immediate and storage-to-storage), TEST UNDER MASK and
 * the shifts.
 *
 * ESA/390 PoO SA22-7201 ch. 7 "General instructions"; S/370 PoO GA22-7000
 * ch. 7.  TMLH/TMLL are the z900 names of ESA/390's TMH/TML.
 *
 * Logical operations set CC 0 for a zero result, 1 for nonzero.  The SS
 * forms (NC, OC, XC) work byte by byte, left to right: when the operands
 * overlap, a result byte is stored before the next operand bytes are
 * fetched (XC of a field with itself clears it; "OC X+1(L),X" propagates).
 * Every page of both operands is checked before the first byte is stored.
 */
#include "insn.h"

/* ---- helpers ------------------------------------------------------------- */

enum { LOG_AND, LOG_OR, LOG_XOR };

static inline __attribute__((always_inline)) uint64_t log_op64(int op, uint64_t a, uint64_t b)
{
    return op == LOG_AND ? a & b : op == LOG_OR ? a | b : a ^ b;
}

/* d[i] = d[i] op s[i] for i = 0..n-1 in increasing order; returns nonzero
 * if any result byte is nonzero.  When the destination does not start
 * inside the source (d <= s, or no overlap), reading eight bytes of both
 * before writing eight gives the same result as the byte-at-a-time rule,
 * so that case runs a word at a time. */
static inline __attribute__((always_inline))
unsigned log_bytes(int op, uint8_t *d, const uint8_t *s, uint32_t n)
{
    uintptr_t dp = (uintptr_t)d, sp = (uintptr_t)s;
    uint32_t i = 0;
    uint64_t any = 0;
    if (dp <= sp || dp >= sp + n) {
        for (; i + 8 <= n; i += 8) {
            uint64_t x, y;
            memcpy(&x, d + i, 8);
            memcpy(&y, s + i, 8);
            x = log_op64(op, x, y);
            memcpy(d + i, &x, 8);
            any |= x;
        }
    }
    for (; i < n; i++) {
        uint8_t x = (uint8_t)log_op64(op, d[i], s[i]);
        d[i] = x;
        any |= x;
    }
    return any != 0;
}

/* Bytes left in the 2K page of va. */
static inline uint32_t page_room(uint32_t va)
{
    return TLB_PAGE_SIZE - (va & (TLB_PAGE_SIZE - 1));
}

static inline uint32_t min3(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* The SS forms.  Fast path: both operands inside one cached page each.
 * Otherwise check every page first, then go page piece by page piece. */
static inline __attribute__((always_inline)) void log_ss(Cpu *c, const uint8_t *ip, int op)
{
    uint32_t len = (uint32_t)ip[1] + 1;
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    uint8_t *d = tlb_store_ptr(c, a1, len);
    const uint8_t *s = tlb_fetch_ptr(c, a2, len);
    if (likely(d != NULL && s != NULL)) {
        c->cc = (uint8_t)log_bytes(op, d, s, len);
        return;
    }
    stor_prepare(c, a2, len, ACC_FETCH);
    stor_prepare(c, a1, len, ACC_STORE);
    unsigned any = 0;
    while (len) {
        uint32_t n = min3(len, page_room(a1), page_room(a2));
        d = stor_translate(c, a1, ACC_STORE);
        s = stor_translate(c, a2, ACC_FETCH);
        any |= log_bytes(op, d, s, n);
        a1 = (a1 + n) & c->amask;
        a2 = (a2 + n) & c->amask;
        len -= n;
    }
    c->cc = (uint8_t)any;
}

/* The SI forms: a read-modify-write of one byte. */
static inline __attribute__((always_inline)) void log_si(Cpu *c, const uint8_t *ip, int op)
{
    uint32_t a = ea_s(c, ip);
    uint8_t *p = tlb_store_ptr(c, a, 1);
    if (unlikely(p == NULL))
        p = stor_translate(c, a, ACC_STORE);
    uint8_t v = (uint8_t)log_op64(op, *p, si_i2(ip));
    *p = v;
    c->cc = v != 0;
}

static inline void log_reg(Cpu *c, unsigned r1, uint32_t v)
{
    c->gr[r1] = v;
    c->cc = v != 0;
}

/* ---- AND, OR, EXCLUSIVE OR ---------------------------------------------- */

/* 14  NR — AND (RR) */
void insn_nr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    log_reg(c, r1, c->gr[r1] & c->gr[rr_r2(ip)]);
}

/* 54  N — AND (RX) */
void insn_n(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    log_reg(c, r1, c->gr[r1] & vfetch32(c, ea_rx(c, ip)));
}

/* 94  NI — AND (SI) */
void insn_ni(Cpu *c, const uint8_t *ip)
{
    log_si(c, ip, LOG_AND);
}

/* D4  NC — AND (SS) */
void insn_nc(Cpu *c, const uint8_t *ip)
{
    log_ss(c, ip, LOG_AND);
}

/* 16  OR — OR (RR) */
void insn_or(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    log_reg(c, r1, c->gr[r1] | c->gr[rr_r2(ip)]);
}

/* 56  O — OR (RX) */
void insn_o(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    log_reg(c, r1, c->gr[r1] | vfetch32(c, ea_rx(c, ip)));
}

/* 96  OI — OR (SI) */
void insn_oi(Cpu *c, const uint8_t *ip)
{
    log_si(c, ip, LOG_OR);
}

/* D6  OC — OR (SS) */
void insn_oc(Cpu *c, const uint8_t *ip)
{
    log_ss(c, ip, LOG_OR);
}

/* 17  XR — EXCLUSIVE OR (RR) */
void insn_xr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    log_reg(c, r1, c->gr[r1] ^ c->gr[rr_r2(ip)]);
}

/* 57  X — EXCLUSIVE OR (RX) */
void insn_x(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    log_reg(c, r1, c->gr[r1] ^ vfetch32(c, ea_rx(c, ip)));
}

/* 97  XI — EXCLUSIVE OR (SI) */
void insn_xi(Cpu *c, const uint8_t *ip)
{
    log_si(c, ip, LOG_XOR);
}

/* D7  XC — EXCLUSIVE OR (SS).  XC X,X is the usual way to clear a field:
 * no need to read it. */
void insn_xc(Cpu *c, const uint8_t *ip)
{
    if (ld_be16(ip + 2) == ld_be16(ip + 4)) {        /* same D(B) */
        uint32_t len = (uint32_t)ip[1] + 1, a = ea_s(c, ip);
        uint8_t *d = tlb_store_ptr(c, a, len);
        if (likely(d != NULL)) {
            memset(d, 0, len);
            c->cc = 0;
            return;
        }
    }
    log_ss(c, ip, LOG_XOR);
}

/* ---- compare logical ------------------------------------------------------ */

/* 95  CLI — COMPARE LOGICAL (SI): CC 0 equal, 1 first operand low, 2 high. */
void insn_cli(Cpu *c, const uint8_t *ip)
{
    uint8_t b = vfetch8(c, ea_s(c, ip)), i2 = si_i2(ip);
    c->cc = (uint8_t)cc_compare_logical(b, i2);
}

/* D5  CLC — COMPARE LOGICAL (SS).  The slow path compares page piece by
 * piece and stops at the first unequal byte, so no access exception is
 * recognized beyond it. */
void insn_clc(Cpu *c, const uint8_t *ip)
{
    uint32_t len = (uint32_t)ip[1] + 1;
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    const uint8_t *p = tlb_fetch_ptr(c, a1, len), *q = tlb_fetch_ptr(c, a2, len);
    int r;
    if (likely(p != NULL && q != NULL)) {
        r = memcmp(p, q, len);
    } else {
        r = 0;
        while (len && r == 0) {
            uint32_t n = min3(len, page_room(a1), page_room(a2));
            p = stor_translate(c, a1, ACC_FETCH);
            q = stor_translate(c, a2, ACC_FETCH);
            r = memcmp(p, q, n);
            a1 = (a1 + n) & c->amask;
            a2 = (a2 + n) & c->amask;
            len -= n;
        }
    }
    c->cc = r == 0 ? 0 : r < 0 ? 1 : 2;
}

/* ---- test under mask ------------------------------------------------------- */

/* 91  TM — TEST UNDER MASK: CC 0 selected bits all zero (or mask zero),
 * 1 mixed, 3 all ones. */
void insn_tm(Cpu *c, const uint8_t *ip)
{
    uint8_t m = si_i2(ip), v = vfetch8(c, ea_s(c, ip)) & m;
    c->cc = v == 0 ? 0 : v == m ? 3 : 1;
}

/* The 16-bit form: CC 0 all zero (or mask zero), 1 mixed with the leftmost
 * selected bit zero, 2 mixed with it one, 3 all ones. */
static inline void tm16(Cpu *c, uint32_t v, uint32_t m)
{
    v &= m;
    if (v == 0)
        c->cc = 0;
    else if (v == m)
        c->cc = 3;
    else
        c->cc = (v & (0x80000000u >> __builtin_clz(m))) ? 2 : 1;
}

/* A70 TMLH — TEST UNDER MASK HIGH (bits 0-15 of R1) */
void insn_tmlh(Cpu *c, const uint8_t *ip)
{
    tm16(c, c->gr[rr_r1(ip)] >> 16, ld_be16(ip + 2));
}

/* A71 TMLL — TEST UNDER MASK LOW (bits 16-31 of R1) */
void insn_tmll(Cpu *c, const uint8_t *ip)
{
    tm16(c, c->gr[rr_r1(ip)] & 0xFFFF, ld_be16(ip + 2));
}

/* ---- shifts ------------------------------------------------------------------
 * The shift amount is the low six bits of the second-operand address (which
 * is not used to address storage).  The double shifts use the even-odd pair
 * R1, R1+1 (specification exception for odd R1).  Arithmetic left shifts
 * keep the sign bit and overflow when a bit unlike the sign is shifted out
 * of bit 1; the result is stored and CC 3 set before the exception. */

static inline unsigned shift_amount(const Cpu *c, const uint8_t *ip)
{
    return ea_s(c, ip) & 63;
}

static inline void fixed_overflow(Cpu *c)
{
    if (c->psw.pm & PM_FIXED_OVERFLOW)
        cpu_program_check(c, PGM_FIXED_OVERFLOW);
}

static inline unsigned cc_signed64(int64_t v)
{
    return v == 0 ? 0 : v < 0 ? 1 : 2;
}

/* 89  SLL — SHIFT LEFT SINGLE LOGICAL */
void insn_sll(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = shift_amount(c, ip);
    c->gr[r1] = n < 32 ? c->gr[r1] << n : 0;
}

/* 88  SRL — SHIFT RIGHT SINGLE LOGICAL */
void insn_srl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = shift_amount(c, ip);
    c->gr[r1] = n < 32 ? c->gr[r1] >> n : 0;
}

/* 8B  SLA — SHIFT LEFT SINGLE (arithmetic) */
void insn_sla(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = shift_amount(c, ip);
    uint32_t v = c->gr[r1];
    unsigned k = n < 31 ? n : 31;          /* beyond 31 only zeros enter */
    /* Bits 0..k must all equal the sign for no overflow. */
    int32_t out = (int32_t)v >> (31 - k);
    uint32_t r = (v & 0x80000000u) | ((v << k) & 0x7FFFFFFFu);
    c->gr[r1] = r;
    /* Beyond 31, the zeros that entered at bit 31 are shifted out of bit 1
     * too: they differ from a one sign bit, and a positive nonzero value
     * already lost a one, so any nonzero operand overflows. */
    if (unlikely((out != 0 && out != -1) || (n > 31 && v != 0))) {
        c->cc = 3;
        fixed_overflow(c);
        return;
    }
    c->cc = (uint8_t)cc_signed32((int32_t)r);
}

/* 8A  SRA — SHIFT RIGHT SINGLE (arithmetic) */
void insn_sra(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = shift_amount(c, ip);
    int32_t r = (int32_t)c->gr[r1] >> (n < 31 ? n : 31);
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
}

static inline uint64_t pair_get(const Cpu *c, unsigned r1)
{
    return (uint64_t)c->gr[r1] << 32 | c->gr[r1 + 1];
}

static inline void pair_set(Cpu *c, unsigned r1, uint64_t v)
{
    c->gr[r1] = (uint32_t)(v >> 32);
    c->gr[r1 + 1] = (uint32_t)v;
}

/* 8D  SLDL — SHIFT LEFT DOUBLE LOGICAL */
void insn_sldl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    pair_set(c, r1, pair_get(c, r1) << shift_amount(c, ip));
}

/* 8C  SRDL — SHIFT RIGHT DOUBLE LOGICAL */
void insn_srdl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    pair_set(c, r1, pair_get(c, r1) >> shift_amount(c, ip));
}

/* 8F  SLDA — SHIFT LEFT DOUBLE (arithmetic) */
void insn_slda(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    unsigned n = shift_amount(c, ip);      /* at most 63: bits 1-63 */
    uint64_t v = pair_get(c, r1);
    int64_t out = (int64_t)v >> (63 - n);
    uint64_t r = (v & 0x8000000000000000ull) | ((v << n) & 0x7FFFFFFFFFFFFFFFull);
    pair_set(c, r1, r);
    if (unlikely(out != 0 && out != -1)) {
        c->cc = 3;
        fixed_overflow(c);
        return;
    }
    c->cc = (uint8_t)cc_signed64((int64_t)r);
}

/* 8E  SRDA — SHIFT RIGHT DOUBLE (arithmetic) */
void insn_srda(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    int64_t r = (int64_t)pair_get(c, r1) >> shift_amount(c, ip);
    pair_set(c, r1, (uint64_t)r);
    c->cc = (uint8_t)cc_signed64(r);
}

/* EB..1D RLL — ROTATE LEFT SINGLE LOGICAL (z900 RSE format, usable in
 * ESA/390 mode; GCC emits it for 32-bit rotates with -march=z900 -mesa):
 * R1 = R3 rotated left by the low six bits of the second-operand address
 * (a rotation by 32-63 equals one by 0-31); CC unchanged.
 *   | EB | R1 R3 | B2 D2 (16) | 00 | 1D |
 */
void insn_rll(Cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[rs_r3(ip)];
    unsigned n = shift_amount(c, ip) & 31;
    c->gr[rr_r1(ip)] = n ? v << n | v >> (32 - n) : v;
}
