/*
 * insn_fixed.c — binary integer arithmetic, loads and stores: add,
 * subtract, multiply, divide, compare, load/store of words, halfwords and
 * characters, LOAD MULTIPLE / STORE MULTIPLE, COMPARE AND SWAP, TEST AND
 * SET, the byte-reversed loads and stores, and the access-register moves.
 *
 * ESA/390 PoO SA22-7201 ch. 7 "General instructions" (and ch. 5 for the
 * access registers); S/370 PoO GA22-7000 ch. 7 "General instructions".
 * The z900 instructions GCC emits for -march=z900 -mesa (MLR, DLR, ALCR,
 * SLBR, LRV...) follow the z/Architecture PoO SA22-7832, restricted to
 * their 32-bit forms.
 *
 * Signed arithmetic: CC 0 zero, 1 negative, 2 positive, 3 overflow; on
 * overflow the result is still stored and the fixed-point-overflow
 * exception is raised only when PSW program-mask bit 20 is one
 * (ESA/390 PoO ch. 6, "Fixed-point-overflow exception": completion).
 * Logical arithmetic: CC bit 0 (value 2) is the carry out of bit 0,
 * CC bit 1 (value 1) says the result is nonzero; subtraction is addition
 * of the ones complement plus one, so "carry" there means "no borrow".
 */
#include "insn.h"

/* ---- helpers ------------------------------------------------------------- */

static inline void fixed_overflow(Cpu *c)
{
    if (c->psw.pm & PM_FIXED_OVERFLOW)
        cpu_program_check(c, PGM_FIXED_OVERFLOW);
}

/* op1 <- op1 + op2, signed, with CC; overflow completes then may trap. */
static inline void add_signed(Cpu *c, unsigned r1, uint32_t op2)
{
    int32_t r;
    bool ovf = __builtin_add_overflow((int32_t)c->gr[r1], (int32_t)op2, &r);
    c->gr[r1] = (uint32_t)r;
    if (unlikely(ovf)) {
        c->cc = 3;
        fixed_overflow(c);
        return;
    }
    c->cc = (uint8_t)cc_signed32(r);
}

static inline void sub_signed(Cpu *c, unsigned r1, uint32_t op2)
{
    int32_t r;
    bool ovf = __builtin_sub_overflow((int32_t)c->gr[r1], (int32_t)op2, &r);
    c->gr[r1] = (uint32_t)r;
    if (unlikely(ovf)) {
        c->cc = 3;
        fixed_overflow(c);
        return;
    }
    c->cc = (uint8_t)cc_signed32(r);
}

/* a + b + carry, logical: CC = carry out * 2 + (result != 0). */
static inline uint32_t add_logical(Cpu *c, uint32_t a, uint32_t b, unsigned carry)
{
    uint64_t s = (uint64_t)a + b + carry;
    uint32_t r = (uint32_t)s;
    c->cc = (uint8_t)((unsigned)(s >> 32) << 1 | (r != 0));
    return r;
}

static inline void cmp_signed(Cpu *c, int32_t a, int32_t b)
{
    c->cc = (uint8_t)cc_compare_signed(a, b);
}

static inline void cmp_logical(Cpu *c, uint32_t a, uint32_t b)
{
    c->cc = (uint8_t)cc_compare_logical(a, b);
}

/* The register pair R1 (even), R1+1 as one 64-bit value and back. */
static inline uint64_t pair_get(const Cpu *c, unsigned r1)
{
    return (uint64_t)c->gr[r1] << 32 | c->gr[r1 + 1];
}

static inline void pair_set(Cpu *c, unsigned r1, uint64_t v)
{
    c->gr[r1] = (uint32_t)(v >> 32);
    c->gr[r1 + 1] = (uint32_t)v;
}

/* Host pointer for an n-byte store-type operand that cannot cross a page
 * (aligned CS/CDS, one byte for TS).  Store access implies fetch access
 * here: a key that may store may also fetch. */
static inline uint8_t *store_ptr(Cpu *c, uint32_t va, unsigned n)
{
    uint8_t *p = tlb_store_ptr(c, va, n);
    return likely(p != NULL) ? p : stor_translate(c, va, ACC_STORE);
}

/* Number of registers from R1 to R3, wrapping from 15 to 0. */
static inline unsigned reg_count(unsigned r1, unsigned r3)
{
    return ((r3 - r1) & 15) + 1;
}

static inline int32_t sext16(uint32_t v)
{
    return (int16_t)(uint16_t)v;
}

/* ---- add and subtract ---------------------------------------------------- */

/* 1A  AR — ADD (RR) */
void insn_ar(Cpu *c, const uint8_t *ip)
{
    add_signed(c, rr_r1(ip), c->gr[rr_r2(ip)]);
}

/* 5A  A — ADD (RX) */
void insn_a(Cpu *c, const uint8_t *ip)
{
    add_signed(c, rr_r1(ip), vfetch32(c, ea_rx(c, ip)));
}

/* 4A  AH — ADD HALFWORD */
void insn_ah(Cpu *c, const uint8_t *ip)
{
    add_signed(c, rr_r1(ip), (uint32_t)sext16(vfetch16(c, ea_rx(c, ip))));
}

/* A7A AHI — ADD HALFWORD IMMEDIATE */
void insn_ahi(Cpu *c, const uint8_t *ip)
{
    add_signed(c, rr_r1(ip), (uint32_t)ri_i2(ip));
}

/* 1E  ALR — ADD LOGICAL (RR) */
void insn_alr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = add_logical(c, c->gr[r1], c->gr[rr_r2(ip)], 0);
}

/* 5E  AL — ADD LOGICAL (RX) */
void insn_al(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = add_logical(c, c->gr[r1], vfetch32(c, ea_rx(c, ip)), 0);
}

/* 1B  SR — SUBTRACT (RR) */
void insn_sr(Cpu *c, const uint8_t *ip)
{
    sub_signed(c, rr_r1(ip), c->gr[rr_r2(ip)]);
}

/* 5B  S — SUBTRACT (RX) */
void insn_s(Cpu *c, const uint8_t *ip)
{
    sub_signed(c, rr_r1(ip), vfetch32(c, ea_rx(c, ip)));
}

/* 4B  SH — SUBTRACT HALFWORD */
void insn_sh(Cpu *c, const uint8_t *ip)
{
    sub_signed(c, rr_r1(ip), (uint32_t)sext16(vfetch16(c, ea_rx(c, ip))));
}

/* 1F  SLR — SUBTRACT LOGICAL (RR) */
void insn_slr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = add_logical(c, c->gr[r1], ~c->gr[rr_r2(ip)], 1);
}

/* 5F  SL — SUBTRACT LOGICAL (RX) */
void insn_sl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = add_logical(c, c->gr[r1], ~vfetch32(c, ea_rx(c, ip)), 1);
}

/* B998 ALCR — ADD LOGICAL WITH CARRY (RRE): the carry is CC bit 0
 * (CC 2 or 3). */
void insn_alcr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    c->gr[r1] = add_logical(c, c->gr[r1], c->gr[rre_r2(ip)], c->cc >> 1);
}

/* E398 ALC — ADD LOGICAL WITH CARRY (RXE) */
void insn_alc(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    uint32_t op2 = vfetch32(c, ea_rx(c, ip));
    c->gr[r1] = add_logical(c, c->gr[r1], op2, c->cc >> 1);
}

/* B999 SLBR — SUBTRACT LOGICAL WITH BORROW (RRE): a borrow is CC 0 or 1,
 * i.e. CC bit 0 is the "no borrow" carry into op1 + ~op2. */
void insn_slbr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    c->gr[r1] = add_logical(c, c->gr[r1], ~c->gr[rre_r2(ip)], c->cc >> 1);
}

/* E399 SLB — SUBTRACT LOGICAL WITH BORROW (RXE) */
void insn_slb(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    uint32_t op2 = vfetch32(c, ea_rx(c, ip));
    c->gr[r1] = add_logical(c, c->gr[r1], ~op2, c->cc >> 1);
}

/* ---- multiply and divide ------------------------------------------------- */

/* The even-odd pair R1, R1+1 gets the 64-bit signed product of R1+1 and
 * the second operand; CC unchanged. */
static inline void mult_pair(Cpu *c, unsigned r1, uint32_t op2)
{
    int64_t p = (int64_t)(int32_t)c->gr[r1 + 1] * (int32_t)op2;
    pair_set(c, r1, (uint64_t)p);
}

/* 1C  MR — MULTIPLY (RR) */
void insn_mr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    mult_pair(c, r1, c->gr[rr_r2(ip)]);
}

/* 5C  M — MULTIPLY (RX) */
void insn_m(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    mult_pair(c, r1, vfetch32(c, ea_rx(c, ip)));
}

/* 4C  MH — MULTIPLY HALFWORD: low 32 bits of the product, no overflow
 * indication, CC unchanged. */
void insn_mh(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] *= (uint32_t)sext16(vfetch16(c, ea_rx(c, ip)));
}

/* A7C MHI — MULTIPLY HALFWORD IMMEDIATE */
void insn_mhi(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] *= (uint32_t)ri_i2(ip);
}

/* B252 MSR — MULTIPLY SINGLE (RRE): low 32 bits, CC unchanged.  Unsigned
 * multiplication gives the same low bits as signed, without C overflow. */
void insn_msr(Cpu *c, const uint8_t *ip)
{
    c->gr[rre_r1(ip)] *= c->gr[rre_r2(ip)];
}

/* 71  MS — MULTIPLY SINGLE (RX) */
void insn_ms(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] *= vfetch32(c, ea_rx(c, ip));
}

/* 64-bit signed dividend in R1, R1+1 divided by op2: remainder (sign of
 * the dividend) to R1, quotient to R1+1.  Divisor zero or a quotient
 * outside 32 bits: fixed-point-divide exception, nothing changed
 * (suppression). */
static inline void div_pair(Cpu *c, unsigned r1, uint32_t op2)
{
    int64_t n = (int64_t)pair_get(c, r1);
    int32_t d = (int32_t)op2;
    if (unlikely(d == 0 || (d == -1 && n == INT64_MIN)))
        cpu_program_check(c, PGM_FIXED_DIVIDE);
    int64_t q = n / d, r = n % d;
    if (unlikely(q != (int32_t)q))
        cpu_program_check(c, PGM_FIXED_DIVIDE);
    c->gr[r1] = (uint32_t)r;
    c->gr[r1 + 1] = (uint32_t)q;
}

/* 1D  DR — DIVIDE (RR) */
void insn_dr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    div_pair(c, r1, c->gr[rr_r2(ip)]);
}

/* 5D  D — DIVIDE (RX) */
void insn_d(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    div_pair(c, r1, vfetch32(c, ea_rx(c, ip)));
}

/* B996 MLR — MULTIPLY LOGICAL (RRE): unsigned R1+1 * op2 into R1, R1+1. */
void insn_mlr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    even_reg(c, r1);
    pair_set(c, r1, (uint64_t)c->gr[r1 + 1] * c->gr[rre_r2(ip)]);
}

/* E396 ML — MULTIPLY LOGICAL (RXE) */
void insn_ml(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    uint32_t op2 = vfetch32(c, ea_rx(c, ip));
    pair_set(c, r1, (uint64_t)c->gr[r1 + 1] * op2);
}

/* Unsigned 64/32 division: remainder to R1, quotient to R1+1. */
static inline void divl_pair(Cpu *c, unsigned r1, uint32_t d)
{
    uint64_t n = pair_get(c, r1);
    if (unlikely(d == 0 || (n >> 32) >= d))      /* quotient > 32 bits */
        cpu_program_check(c, PGM_FIXED_DIVIDE);
    c->gr[r1] = (uint32_t)(n % d);
    c->gr[r1 + 1] = (uint32_t)(n / d);
}

/* B997 DLR — DIVIDE LOGICAL (RRE) */
void insn_dlr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    even_reg(c, r1);
    divl_pair(c, r1, c->gr[rre_r2(ip)]);
}

/* E397 DL — DIVIDE LOGICAL (RXE) */
void insn_dl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    even_reg(c, r1);
    divl_pair(c, r1, vfetch32(c, ea_rx(c, ip)));
}

/* ---- compare ------------------------------------------------------------- */

/* 19  CR — COMPARE (RR) */
void insn_cr(Cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[rr_r1(ip)], (int32_t)c->gr[rr_r2(ip)]);
}

/* 59  C — COMPARE (RX) */
void insn_c(Cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[rr_r1(ip)], (int32_t)vfetch32(c, ea_rx(c, ip)));
}

/* 49  CH — COMPARE HALFWORD */
void insn_ch(Cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[rr_r1(ip)], sext16(vfetch16(c, ea_rx(c, ip))));
}

/* A7E CHI — COMPARE HALFWORD IMMEDIATE */
void insn_chi(Cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[rr_r1(ip)], ri_i2(ip));
}

/* 15  CLR — COMPARE LOGICAL (RR) */
void insn_clr(Cpu *c, const uint8_t *ip)
{
    cmp_logical(c, c->gr[rr_r1(ip)], c->gr[rr_r2(ip)]);
}

/* 55  CL — COMPARE LOGICAL (RX) */
void insn_cl(Cpu *c, const uint8_t *ip)
{
    cmp_logical(c, c->gr[rr_r1(ip)], vfetch32(c, ea_rx(c, ip)));
}

/* ---- loads and stores ---------------------------------------------------- */

/* 18  LR — LOAD (RR) */
void insn_lr(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = c->gr[rr_r2(ip)];
}

/* 58  L — LOAD (RX) */
void insn_l(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = vfetch32(c, ea_rx(c, ip));
}

/* 48  LH — LOAD HALFWORD */
void insn_lh(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = (uint32_t)sext16(vfetch16(c, ea_rx(c, ip)));
}

/* A78 LHI — LOAD HALFWORD IMMEDIATE */
void insn_lhi(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = (uint32_t)ri_i2(ip);
}

/* 12  LTR — LOAD AND TEST */
void insn_ltr(Cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[rr_r2(ip)];
    c->gr[rr_r1(ip)] = v;
    c->cc = (uint8_t)cc_signed32((int32_t)v);
}

/* 13  LCR — LOAD COMPLEMENT: the maximum negative number has no
 * complement; it is loaded unchanged with overflow. */
void insn_lcr(Cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[rr_r2(ip)];
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = 0u - v;
    if (unlikely(v == 0x80000000u)) {
        c->cc = 3;
        fixed_overflow(c);
        return;
    }
    c->cc = (uint8_t)cc_signed32((int32_t)(0u - v));
}

/* 11  LNR — LOAD NEGATIVE: never overflows (CC 0 or 1). */
void insn_lnr(Cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[rr_r2(ip)];
    if ((int32_t)v > 0)
        v = 0u - v;
    c->gr[rr_r1(ip)] = v;
    c->cc = v != 0;
}

/* 10  LPR — LOAD POSITIVE: the maximum negative number stays negative,
 * with overflow. */
void insn_lpr(Cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[rr_r2(ip)];
    unsigned r1 = rr_r1(ip);
    if ((int32_t)v < 0)
        v = 0u - v;
    c->gr[r1] = v;
    if (unlikely(v == 0x80000000u)) {
        c->cc = 3;
        fixed_overflow(c);
        return;
    }
    c->cc = v ? 2 : 0;
}

/* 50  ST — STORE */
void insn_st(Cpu *c, const uint8_t *ip)
{
    vstore32(c, ea_rx(c, ip), c->gr[rr_r1(ip)]);
}

/* 40  STH — STORE HALFWORD */
void insn_sth(Cpu *c, const uint8_t *ip)
{
    vstore16(c, ea_rx(c, ip), (uint16_t)c->gr[rr_r1(ip)]);
}

/* 98  LM — LOAD MULTIPLE: registers R1 to R3, wrapping from 15 to 0.  The
 * whole operand is fetched before any register changes, so an access
 * exception on a later page leaves the base register intact. */
void insn_lm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = reg_count(r1, rs_r3(ip));
    uint32_t a = ea_s(c, ip);
    uint8_t buf[64];
    const uint8_t *p = tlb_fetch_ptr(c, a, 4 * n);
    if (unlikely(p == NULL)) {
        vfetch_bytes(c, a, buf, 4 * n);
        p = buf;
    }
    for (unsigned i = 0; i < n; i++)
        c->gr[(r1 + i) & 15] = ld_be32(p + 4 * i);
}

/* 90  STM — STORE MULTIPLE: every page is checked before the first store
 * (vstore_bytes does that). */
void insn_stm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = reg_count(r1, rs_r3(ip));
    uint32_t a = ea_s(c, ip);
    uint8_t *p = tlb_store_ptr(c, a, 4 * n);
    if (likely(p != NULL)) {
        for (unsigned i = 0; i < n; i++)
            st_be32(p + 4 * i, c->gr[(r1 + i) & 15]);
        return;
    }
    uint8_t buf[64];
    for (unsigned i = 0; i < n; i++)
        st_be32(buf + 4 * i, c->gr[(r1 + i) & 15]);
    vstore_bytes(c, a, buf, 4 * n);
}

/* 41  LA — LOAD ADDRESS: the address, wrapped to 24 or 31 bits (the other
 * bits of R1 become zero). */
void insn_la(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = ea_rx(c, ip);
}

/* 51  LAE — LOAD ADDRESS EXTENDED: as LA, and access register R1 gets the
 * ALET that designates the space the address would be used in: PSW bits
 * 16-17 = 00 primary: 0; 01 AR mode: AR B2 (0 when B2 is 0);
 * 10 secondary: 1; 11 home: 2.  ??? ESA/390 PoO does this regardless of
 * the DAT bit (PSW bit 5); so do we. */
void insn_lae(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), b2 = ip[2] >> 4;
    c->gr[r1] = ea_rx(c, ip);
    switch (c->psw.asc) {
    case AS_PRIMARY:   c->ar[r1] = 0; break;
    case AS_AR:        c->ar[r1] = b2 ? c->ar[b2] : 0; break;
    case AS_SECONDARY: c->ar[r1] = 1; break;
    default:           c->ar[r1] = 2; break;
    }
}

/* 43  IC — INSERT CHARACTER: bits 24-31 of R1; the rest unchanged. */
void insn_ic(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = (c->gr[r1] & 0xFFFFFF00u) | vfetch8(c, ea_rx(c, ip));
}

/* 42  STC — STORE CHARACTER */
void insn_stc(Cpu *c, const uint8_t *ip)
{
    vstore8(c, ea_rx(c, ip), (uint8_t)c->gr[rr_r1(ip)]);
}

/* BF  ICM — INSERT CHARACTERS UNDER MASK.  The bytes of R1 selected by the
 * mask M3 are replaced, left to right, by consecutive bytes of storage.
 * CC: 0 all inserted bits zero (or mask zero), 1 first inserted bit one,
 * 2 first inserted bit zero and not all zero.  With a zero mask one byte
 * is still accessed (access exceptions recognized for one byte). */
void insn_icm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), m = rs_r3(ip);
    uint32_t a = ea_s(c, ip);

    if (m == 15) {                               /* the common case */
        uint32_t v = vfetch32(c, a);
        c->gr[r1] = v;
        c->cc = v == 0 ? 0 : (v >> 31) ? 1 : 2;
        return;
    }
    if (m == 0) {
        (void)vfetch8(c, a);
        c->cc = 0;
        return;
    }
    uint32_t r = c->gr[r1], ins = 0;
    unsigned first = 0, k = 0;
    for (unsigned i = 0; i < 4; i++) {
        if (!(m & (8u >> i)))
            continue;
        uint32_t b = vfetch8(c, (a + k) & c->amask);
        unsigned sh = 24 - 8 * i;
        if (k == 0)
            first = b;
        r = (r & ~(0xFFu << sh)) | b << sh;
        ins |= b;
        k++;
    }
    c->gr[r1] = r;
    c->cc = ins == 0 ? 0 : (first & 0x80) ? 1 : 2;
}

/* BE  STCM — STORE CHARACTERS UNDER MASK: the selected bytes of R1 are
 * stored contiguously.  ??? With a zero mask the PoO leaves it to the model
 * whether access exceptions are recognized; we access nothing. */
void insn_stcm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), m = rs_r3(ip);
    uint32_t a = ea_s(c, ip), v = c->gr[r1];

    if (m == 15) {
        vstore32(c, a, v);
        return;
    }
    uint8_t buf[4];
    unsigned k = 0;
    for (unsigned i = 0; i < 4; i++)
        if (m & (8u >> i))
            buf[k++] = (uint8_t)(v >> (24 - 8 * i));
    if (k == 1)
        vstore8(c, a, buf[0]);
    else
        vstore_bytes(c, a, buf, k);
}

/* BD  CLM — COMPARE LOGICAL CHARACTERS UNDER MASK: the selected bytes of
 * R1 against consecutive bytes of storage, left to right.  CC 0 equal (or
 * mask zero), 1 first operand low, 2 high.  ??? With a zero mask we
 * recognize access exceptions for one byte, as for ICM. */
void insn_clm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), m = rs_r3(ip);
    uint32_t a = ea_s(c, ip), v = c->gr[r1];

    if (m == 15) {
        cmp_logical(c, v, vfetch32(c, a));
        return;
    }
    if (m == 0) {
        (void)vfetch8(c, a);
        c->cc = 0;
        return;
    }
    uint32_t x = 0, y = 0;
    unsigned k = 0;
    for (unsigned i = 0; i < 4; i++) {
        if (!(m & (8u >> i)))
            continue;
        x = x << 8 | ((v >> (24 - 8 * i)) & 0xFF);
        y = y << 8 | vfetch8(c, (a + k) & c->amask);
        k++;
    }
    cmp_logical(c, x, y);
}

/* ---- interlocked update ---------------------------------------------------- */

/* BA  CS — COMPARE AND SWAP: word-aligned operand (else specification).
 * Equal: R3 is stored, CC 0.  Unequal: the operand is loaded into R1,
 * CC 1.  The operand is a store-type access either way. */
void insn_cs(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    uint8_t *p = store_ptr(c, a, 4);
    uint32_t v = ld_be32(p);
    if (v == c->gr[r1]) {
        st_be32(p, c->gr[rs_r3(ip)]);
        c->cc = 0;
    } else {
        c->gr[r1] = v;
        c->cc = 1;
    }
}

/* BB  CDS — COMPARE DOUBLE AND SWAP: R1 and R3 even, operand doubleword
 * aligned. */
void insn_cds(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    uint32_t a = ea_s(c, ip);
    spec_check(c, ((r1 | r3) & 1) || (a & 7));
    uint8_t *p = store_ptr(c, a, 8);
    uint64_t v = ld_be64(p);
    if (v == pair_get(c, r1)) {
        st_be64(p, pair_get(c, r3));
        c->cc = 0;
    } else {
        pair_set(c, r1, v);
        c->cc = 1;
    }
}

/* 93  TS — TEST AND SET: CC = leftmost bit of the byte; the byte becomes
 * all ones. */
void insn_ts(Cpu *c, const uint8_t *ip)
{
    uint8_t *p = store_ptr(c, ea_s(c, ip), 1);
    c->cc = *p >> 7;
    *p = 0xFF;
}

/* ---- byte-reversed loads and stores (z900) --------------------------------- */

/* B91F LRVR — LOAD REVERSED (32) */
void insn_lrvr(Cpu *c, const uint8_t *ip)
{
    c->gr[rre_r1(ip)] = __builtin_bswap32(c->gr[rre_r2(ip)]);
}

/* E31E LRV — LOAD REVERSED (32) */
void insn_lrv(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = __builtin_bswap32(vfetch32(c, ea_rx(c, ip)));
}

/* E31F LRVH — LOAD REVERSED (16): bits 16-31 of R1; bits 0-15 unchanged. */
void insn_lrvh(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    uint32_t h = __builtin_bswap16((uint16_t)vfetch16(c, ea_rx(c, ip)));
    c->gr[r1] = (c->gr[r1] & 0xFFFF0000u) | h;
}

/* E33E STRV — STORE REVERSED (32) */
void insn_strv(Cpu *c, const uint8_t *ip)
{
    vstore32(c, ea_rx(c, ip), __builtin_bswap32(c->gr[rr_r1(ip)]));
}

/* E33F STRVH — STORE REVERSED (16): bits 16-31 of R1. */
void insn_strvh(Cpu *c, const uint8_t *ip)
{
    vstore16(c, ea_rx(c, ip), __builtin_bswap16((uint16_t)c->gr[rr_r1(ip)]));
}

/* ---- access registers (ESA/390 PoO ch. 5 "Access registers") --------------- */

/* B24D CPYA — COPY ACCESS */
void insn_cpya(Cpu *c, const uint8_t *ip)
{
    c->ar[rre_r1(ip)] = c->ar[rre_r2(ip)];
}

/* B24F EAR — EXTRACT ACCESS: AR R2 into GR R1. */
void insn_ear(Cpu *c, const uint8_t *ip)
{
    c->gr[rre_r1(ip)] = c->ar[rre_r2(ip)];
}

/* B24E SAR — SET ACCESS: GR R2 into AR R1. */
void insn_sar(Cpu *c, const uint8_t *ip)
{
    c->ar[rre_r1(ip)] = c->gr[rre_r2(ip)];
}

/* 9A  LAM — LOAD ACCESS MULTIPLE: word-aligned operand, ARs R1 to R3
 * wrapping from 15 to 0. */
void insn_lam(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = reg_count(r1, rs_r3(ip));
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    uint8_t buf[64];
    vfetch_bytes(c, a, buf, 4 * n);
    for (unsigned i = 0; i < n; i++)
        c->ar[(r1 + i) & 15] = ld_be32(buf + 4 * i);
}

/* 9B  STAM — STORE ACCESS MULTIPLE */
void insn_stam(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), n = reg_count(r1, rs_r3(ip));
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    uint8_t buf[64];
    for (unsigned i = 0; i < n; i++)
        st_be32(buf + 4 * i, c->ar[(r1 + i) & 15]);
    vstore_bytes(c, a, buf, 4 * n);
}
