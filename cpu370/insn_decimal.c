/*
 * insn_decimal.c — the decimal instructions: packed-decimal arithmetic
 * (AP, SP, ZAP, CP, MP, DP, SRP), format changes (PACK, UNPK, MVO, CVB,
 * CVD) and editing (ED, EDMK).
 *
 * ESA/390 PoO SA22-7201 ch. 8 "Decimal instructions" (CVB and CVD are in
 * ch. 7 "General instructions"); S/370 PoO GA22-7000 ch. 8, same rules.
 *
 * Packed format: two digits per byte, the rightmost four bits of the
 * rightmost byte are the sign.  Digits are 0-9; signs A, C, E, F are plus,
 * B and D minus; results carry the preferred signs C and D.  A field of
 * length code L holds 2L+1 digits, at most 31.  31 digits need 103 bits, so
 * values are held as a magnitude in an unsigned __int128 plus a sign.
 *
 * Storage: each operand is fetched whole into a host buffer, the result is
 * built there and stored with one vstore_bytes(), which checks every page
 * first.  So an access, data, specification or decimal-divide exception
 * leaves storage unchanged, and operands that overlap the way the PoO
 * permits (coincident rightmost bytes; for ZAP also a first operand ending
 * to the right of the second) get the right result, since both are read
 * before anything is written.  PACK, UNPK, MVO and ED define the result of
 * any overlap ("as if each result byte were stored as soon as the operand
 * bytes it needs were fetched"); they replay that order on the buffers.
 */
#include "insn.h"

typedef unsigned __int128 DecMag;       /* magnitude of a packed value */

typedef struct Packed {
    DecMag mag;                         /* < 10^31                     */
    bool   neg;                         /* sign code B or D            */
} Packed;

#define SIGN_PLUS  0xC                  /* preferred sign codes        */
#define SIGN_MINUS 0xD

/* Data exception.  ESA/390 stores a data-exception code at real location
 * 147, 0 for an invalid decimal operand, and zeros at 144-146 (SA22-7201
 * ch. 6 "Data exception", the editions that define the DXC -- the same
 * ones that define the AFP-register DXC 1 of insn_hfp.c).  S/370 has no
 * DXC (GA22-7000 ch. 6) and leaves those locations alone. */
static _Noreturn void data_exception(Cpu *c)
{
    if (c->arch == ARCH_ESA390)
        st_be32(real_ptr(c, 0x90, 4), 0);
    cpu_program_check(c, PGM_DATA);
}

/* Edit-pattern control characters (PoO "EDIT"). */
#define ED_DIGIT_SELECT 0x20
#define ED_SIG_START    0x21
#define ED_FIELD_SEP    0x22

static DecMag pow10_mag(unsigned n)
{
    DecMag p = 1;
    while (n--)
        p *= 10;
    return p;
}

/* Digits held by a packed field of n bytes. */
static unsigned pk_digits(unsigned n) { return 2 * n - 1; }

static bool sign_is_minus(unsigned s) { return s == 0xB || s == 0xD; }

/* Check and read a packed field; invalid digit or sign: data exception. */
static Packed pk_load(Cpu *c, const uint8_t *b, unsigned n)
{
    Packed v = { 0, false };
    for (unsigned i = 0; i < n; i++) {
        unsigned hi = b[i] >> 4, lo = b[i] & 15;
        if (hi > 9)
            data_exception(c);
        v.mag = v.mag * 10 + hi;
        if (i < n - 1) {
            if (lo > 9)
                data_exception(c);
            v.mag = v.mag * 10 + lo;
        } else {
            if (lo < 0xA)
                data_exception(c);
            v.neg = sign_is_minus(lo);
        }
    }
    return v;
}

/* Write mag (its rightmost 2n-1 digits) and a preferred sign into n bytes. */
static void pk_store(uint8_t *b, unsigned n, DecMag mag, bool neg)
{
    unsigned d0 = (unsigned)(mag % 10);
    mag /= 10;
    b[n - 1] = (uint8_t)(d0 << 4 | (neg ? SIGN_MINUS : SIGN_PLUS));
    for (unsigned i = n - 1; i-- > 0; ) {
        unsigned lo = (unsigned)(mag % 10);
        mag /= 10;
        unsigned hi = (unsigned)(mag % 10);
        mag /= 10;
        b[i] = (uint8_t)(hi << 4 | lo);
    }
}

/* The two operands of an SS instruction with two length fields. */
typedef struct SsOps {
    uint32_t a1, a2;
    unsigned n1, n2;                    /* lengths in bytes (L + 1)    */
} SsOps;

static SsOps ss_ops(const Cpu *c, const uint8_t *ip)
{
    SsOps o = { ea_bd(c, ip + 2), ea_ss2(c, ip), (ip[1] >> 4) + 1u, (ip[1] & 15) + 1u };
    return o;
}

/*
 * Store a signed result of AP, SP, ZAP into the n-byte first operand and
 * set the condition code.  `mag`/`neg` is the exact result (neg only when
 * nonzero).  Digits that do not fit are lost and the condition code is 3;
 * the sign stays that of the exact result, so a zero left by overflow
 * keeps it, while an exact zero is positive (PoO "ADD DECIMAL", "ZERO AND
 * ADD").  The decimal-overflow interruption follows the store when the
 * program mask allows it.
 */
static void pk_result(Cpu *c, uint32_t a1, unsigned n, DecMag mag, bool neg)
{
    uint8_t b[16];
    bool overflow = mag >= pow10_mag(pk_digits(n));
    pk_store(b, n, mag, neg);
    vstore_bytes(c, a1, b, n);
    cc_set(c, overflow ? 3 : mag == 0 ? 0 : neg ? 1 : 2);
    if (overflow && (c->psw.pm & PM_DECIMAL_OVERFLOW))
        cpu_program_check(c, PGM_DECIMAL_OVERFLOW);
}

static __int128 pk_signed(Packed v)
{
    return v.neg ? -(__int128)v.mag : (__int128)v.mag;
}

/* AP and SP: the first operand +/- the second. */
static void add_decimal(Cpu *c, const uint8_t *ip, bool subtract)
{
    SsOps o = ss_ops(c, ip);
    uint8_t b1[16], b2[16];
    vfetch_bytes(c, o.a1, b1, o.n1);
    vfetch_bytes(c, o.a2, b2, o.n2);
    Packed x = pk_load(c, b1, o.n1);
    Packed y = pk_load(c, b2, o.n2);
    if (subtract)
        y.neg = !y.neg;
    __int128 sum = pk_signed(x) + pk_signed(y);
    bool neg = sum < 0;
    pk_result(c, o.a1, o.n1, (DecMag)(neg ? -sum : sum), neg);
}

/* FA  AP — ADD DECIMAL (SS) */
void insn_ap(Cpu *c, const uint8_t *ip)
{
    add_decimal(c, ip, false);
}

/* FB  SP — SUBTRACT DECIMAL (SS) */
void insn_sp(Cpu *c, const uint8_t *ip)
{
    add_decimal(c, ip, true);
}

/* F8  ZAP — ZERO AND ADD (SS): only the second operand is fetched and
 * checked. */
void insn_zap(Cpu *c, const uint8_t *ip)
{
    SsOps o = ss_ops(c, ip);
    uint8_t b2[16];
    vfetch_bytes(c, o.a2, b2, o.n2);
    Packed y = pk_load(c, b2, o.n2);
    pk_result(c, o.a1, o.n1, y.mag, y.neg && y.mag != 0);
}

/* F9  CP — COMPARE DECIMAL (SS): +0 equals -0. */
void insn_cp(Cpu *c, const uint8_t *ip)
{
    SsOps o = ss_ops(c, ip);
    uint8_t b1[16], b2[16];
    vfetch_bytes(c, o.a1, b1, o.n1);
    vfetch_bytes(c, o.a2, b2, o.n2);
    __int128 x = pk_signed(pk_load(c, b1, o.n1));
    __int128 y = pk_signed(pk_load(c, b2, o.n2));
    cc_set(c, x == y ? 0 : x < y ? 1 : 2);
}

/* MP and DP: the second operand has at most 15 digits (L2 <= 7) and is
 * shorter than the first, else a specification exception. */
static SsOps mul_div_ops(Cpu *c, const uint8_t *ip)
{
    SsOps o = ss_ops(c, ip);
    spec_check(c, o.n2 > 8 || o.n2 >= o.n1);
    return o;
}

/* FC  MP — MULTIPLY DECIMAL (SS) */
void insn_mp(Cpu *c, const uint8_t *ip)
{
    SsOps o = mul_div_ops(c, ip);
    uint8_t b1[16], b2[16];
    vfetch_bytes(c, o.a1, b1, o.n1);
    vfetch_bytes(c, o.a2, b2, o.n2);
    Packed x = pk_load(c, b1, o.n1);
    Packed y = pk_load(c, b2, o.n2);
    /* The multiplicand needs at least as many leftmost zero bytes as the
     * multiplier has bytes: then the product cannot overflow. */
    if (x.mag >= pow10_mag(2 * (o.n1 - o.n2) - 1))
        data_exception(c);
    /* The sign follows the rules of algebra even for a zero product. */
    pk_store(b1, o.n1, x.mag * y.mag, x.neg != y.neg);
    vstore_bytes(c, o.a1, b1, o.n1);
}

/* FD  DP — DIVIDE DECIMAL (SS): quotient (L1-L2 bytes) on the left,
 * remainder (L2+1 bytes) on the right of the first operand. */
void insn_dp(Cpu *c, const uint8_t *ip)
{
    SsOps o = mul_div_ops(c, ip);
    uint8_t b1[16], b2[16];
    vfetch_bytes(c, o.a1, b1, o.n1);
    vfetch_bytes(c, o.a2, b2, o.n2);
    Packed x = pk_load(c, b1, o.n1);
    Packed y = pk_load(c, b2, o.n2);
    unsigned qn = o.n1 - o.n2;
    /* A zero divisor or a quotient with more digits than its field holds
     * is a decimal-divide exception; the operation is suppressed.  (This
     * is the PoO's trial comparison of the divisor, aligned under the
     * dividend's leftmost-less-one digit, with the dividend.) */
    if (y.mag == 0 || x.mag / y.mag >= pow10_mag(pk_digits(qn)))
        cpu_program_check(c, PGM_DECIMAL_DIVIDE);
    /* Quotient sign by algebra, remainder sign that of the dividend, even
     * when zero. */
    pk_store(b1, qn, x.mag / y.mag, x.neg != y.neg);
    pk_store(b1 + qn, o.n2, x.mag % y.mag, x.neg);
    vstore_bytes(c, o.a1, b1, o.n1);
}

/* F0  SRP — SHIFT AND ROUND DECIMAL (SS: L1 in bits 8-11, I3 in 12-15).
 * Bits 26-31 of the second-operand address are a signed shift count:
 * positive left, negative right with rounding by I3. */
void insn_srp(Cpu *c, const uint8_t *ip)
{
    unsigned n = (ip[1] >> 4) + 1u, round = ip[1] & 15;
    uint32_t a1 = ea_bd(c, ip + 2);
    int shift = sext32(ea_ss2(c, ip), 6);
    uint8_t b[16];
    vfetch_bytes(c, a1, b, n);
    Packed v = pk_load(c, b, n);
    /* The rounding digit is checked even when no rounding happens. */
    if (round > 9)
        data_exception(c);
    unsigned digits = pk_digits(n);
    DecMag mag = v.mag;
    bool overflow = false;
    if (shift > 0) {
        unsigned s = (unsigned)shift;
        DecMag keep = s >= digits ? 1 : pow10_mag(digits - s);
        overflow = mag >= keep;             /* a nonzero digit shifted out */
        mag = s >= digits ? 0 : (mag % keep) * pow10_mag(s);
    } else if (shift < 0) {
        /* Add the rounding digit to the leftmost digit shifted out, then
         * shift: that is (mag + I3 * 10^(s-1)) / 10^s.  Cannot overflow. */
        unsigned s = (unsigned)-shift;
        mag = (mag + round * pow10_mag(s - 1)) / pow10_mag(s);
    }
    /* Without overflow a zero result is positive; with overflow the sign
     * is the original one (the operand was nonzero). */
    bool neg = v.neg && (mag != 0 || overflow);
    pk_store(b, n, mag, neg);
    vstore_bytes(c, a1, b, n);
    cc_set(c, overflow ? 3 : mag == 0 ? 0 : neg ? 1 : 2);
    if (overflow && (c->psw.pm & PM_DECIMAL_OVERFLOW))
        cpu_program_check(c, PGM_DECIMAL_OVERFLOW);
}

/*
 * PACK, UNPK and MVO process their operands right to left and store each
 * result byte right after fetching the second-operand bytes it needs, so
 * when the operands overlap a later fetch may see an earlier result byte.
 * Replay keeps that order on host buffers: byte j of the second operand
 * (0 = rightmost) comes from the result when the first-operand byte at
 * that address has already been produced, else from the copy fetched at
 * the start.  Bytes to the left of the second operand are zeros.
 */
typedef struct Replay {
    uint32_t a1, a2, amask;
    unsigned n1, n2;
    const uint8_t *src;                 /* second operand as fetched   */
    const uint8_t *res;                 /* first operand being built   */
    unsigned done;                      /* rightmost result bytes made */
} Replay;

static uint8_t replay_op2(const Replay *r, unsigned j)
{
    if (j >= r->n2)
        return 0;
    unsigned i2 = r->n2 - 1 - j;
    uint32_t off = (r->a2 + i2 - r->a1) & r->amask;
    if (off < r->n1 && r->n1 - 1 - off < r->done)
        return r->res[off];
    return r->src[i2];
}

static Replay replay_start(Cpu *c, const uint8_t *ip, uint8_t *src, const uint8_t *res)
{
    SsOps o = ss_ops(c, ip);
    vfetch_bytes(c, o.a2, src, o.n2);
    Replay r = { o.a1, o.a2, c->amask, o.n1, o.n2, src, res, 0 };
    return r;
}

/* F2  PACK — PACK (SS): zoned to packed; nothing is checked. */
void insn_pack(Cpu *c, const uint8_t *ip)
{
    uint8_t src[16], res[16];
    Replay r = replay_start(c, ip, src, res);
    unsigned n = r.n1;
    uint8_t b = replay_op2(&r, 0);
    res[n - 1] = (uint8_t)(b << 4 | b >> 4);        /* digit and sign swap */
    for (r.done = 1; r.done < n; r.done++) {
        unsigned i = r.done;
        uint8_t lo = replay_op2(&r, 2 * i - 1), hi = replay_op2(&r, 2 * i);
        res[n - 1 - i] = (uint8_t)((hi & 15) << 4 | (lo & 15));
    }
    vstore_bytes(c, r.a1, res, n);
}

/* F3  UNPK — UNPACK (SS): packed to zoned (zone F); nothing is checked. */
void insn_unpk(Cpu *c, const uint8_t *ip)
{
    uint8_t src[16], res[16];
    Replay r = replay_start(c, ip, src, res);
    unsigned n = r.n1;
    uint8_t b = replay_op2(&r, 0);
    res[n - 1] = (uint8_t)(b << 4 | b >> 4);
    r.done = 1;
    for (unsigned j = 1; r.done < n; j++) {
        b = replay_op2(&r, j);
        res[n - 1 - r.done] = (uint8_t)(0xF0 | (b & 15));
        r.done++;
        if (r.done < n) {
            res[n - 1 - r.done] = (uint8_t)(0xF0 | b >> 4);
            r.done++;
        }
    }
    vstore_bytes(c, r.a1, res, n);
}

/* F1  MVO — MOVE WITH OFFSET (SS): the second operand goes to the left of
 * the rightmost four bits of the first, which stay; nothing is checked. */
void insn_mvo(Cpu *c, const uint8_t *ip)
{
    uint8_t src[16], res[16];
    SsOps o = ss_ops(c, ip);
    uint8_t right = vfetch8(c, (o.a1 + o.n1 - 1) & c->amask);
    Replay r = replay_start(c, ip, src, res);
    unsigned n = r.n1;
    uint8_t prev = replay_op2(&r, 0);
    res[n - 1] = (uint8_t)(prev << 4 | (right & 15));
    for (r.done = 1; r.done < n; r.done++) {
        uint8_t b = replay_op2(&r, r.done);
        res[n - 1 - r.done] = (uint8_t)(b << 4 | prev >> 4);
        prev = b;
    }
    vstore_bytes(c, r.a1, res, n);
}

/*
 * ED and EDMK: the pattern (first operand, L+1 bytes) is processed left to
 * right; its first byte is the fill byte and is processed as well.  Each
 * digit selector or significance starter takes the next source digit: the
 * left digit of a source byte (A-F there is a data exception), then its
 * right four bits if they are a digit; if they are a sign, a plus sign
 * turns the significance indicator off after this digit, and the next
 * digit comes from the next source byte.  A digit is stored zoned when
 * significance is on or the digit is nonzero (which turns it on), else the
 * fill byte is stored.  A field separator becomes the fill byte and turns
 * significance off; other bytes stay when significance is on, else become
 * the fill byte.  The condition code describes the last field.
 *
 * The result is built in the pattern buffer and stored at the end.  A
 * source byte that lies in the pattern is taken from the buffer, which
 * already holds the results to its left: the left-to-right order of the
 * PoO.  (??? the PoO makes most such overlaps unpredictable; this is the
 * byte-by-byte reading.)
 */
static void edit(Cpu *c, const uint8_t *ip, bool mark)
{
    unsigned n = ip[1] + 1u;
    uint32_t a1 = ea_bd(c, ip + 2), a2 = ea_ss2(c, ip);
    uint8_t pat[256];
    vfetch_bytes(c, a1, pat, n);
    uint8_t fill = pat[0];
    bool sig = false;           /* significance indicator              */
    bool nonzero = false;       /* a nonzero digit in the current field */
    bool have_right = false;    /* right digit of the last source byte  */
    unsigned right = 0;
    bool marked = false;
    uint32_t mark_addr = 0;

    for (unsigned i = 0; i < n; i++) {
        uint8_t p = pat[i];
        if (p == ED_DIGIT_SELECT || p == ED_SIG_START) {
            unsigned d;
            bool plus = false;
            if (have_right) {
                d = right;
                have_right = false;
            } else {
                uint32_t off = (a2 - a1) & c->amask;
                uint8_t b = off < n ? pat[off] : vfetch8(c, a2);
                a2 = (a2 + 1) & c->amask;
                d = b >> 4;
                if (d > 9)
                    data_exception(c);
                if ((b & 15) <= 9) {
                    right = b & 15;
                    have_right = true;
                } else {
                    plus = !sign_is_minus(b & 15);
                }
            }
            if (d != 0)
                nonzero = true;
            if (sig || d != 0) {
                if (!sig) {             /* EDMK: significance from a digit */
                    mark_addr = (a1 + i) & c->amask;
                    marked = true;
                }
                pat[i] = (uint8_t)(0xF0 | d);
                sig = true;
            } else {
                pat[i] = fill;
            }
            if (p == ED_SIG_START)
                sig = true;
            if (plus)
                sig = false;
        } else if (p == ED_FIELD_SEP) {
            pat[i] = fill;
            sig = false;
            nonzero = false;
        } else if (!sig) {
            pat[i] = fill;
        }
    }
    vstore_bytes(c, a1, pat, n);
    cc_set(c, !nonzero ? 0 : sig ? 1 : 2);
    /* EDMK: address of the first significant digit into GR1 bits 8-31,
     * bits 0-7 unchanged (24-bit addressing), or into bits 1-31 with bit 0
     * set to zero (31-bit), as TRT. */
    if (mark && marked)
        c->gr[1] = c->amask == 0x7FFFFFFFu ? mark_addr : (c->gr[1] & 0xFF000000u) | mark_addr;
}

/* DE  ED — EDIT (SS) */
void insn_ed(Cpu *c, const uint8_t *ip)
{
    edit(c, ip, false);
}

/* DF  EDMK — EDIT AND MARK (SS) */
void insn_edmk(Cpu *c, const uint8_t *ip)
{
    edit(c, ip, true);
}

/* 4F  CVB — CONVERT TO BINARY (RX): 8-byte packed operand.  A value
 * outside 32 bits is completed with its rightmost 32 bits, then the
 * fixed-point-divide exception (no mask) is recognized. */
void insn_cvb(Cpu *c, const uint8_t *ip)
{
    uint8_t b[8];
    vfetch_bytes(c, ea_rx(c, ip), b, 8);
    Packed v = pk_load(c, b, 8);                /* < 10^15: fits int64 */
    int64_t x = v.neg ? -(int64_t)v.mag : (int64_t)v.mag;
    c->gr[rr_r1(ip)] = (uint32_t)x;
    if (x > INT32_MAX || x < INT32_MIN)
        cpu_program_check(c, PGM_FIXED_DIVIDE);
}

/* 4E  CVD — CONVERT TO DECIMAL (RX): signed 32 bits to 8 packed bytes. */
void insn_cvd(Cpu *c, const uint8_t *ip)
{
    int64_t x = (int32_t)c->gr[rr_r1(ip)];
    uint8_t b[8];
    pk_store(b, 8, (DecMag)(x < 0 ? -x : x), x < 0);
    vstore_bytes(c, ea_rx(c, ip), b, 8);
}
