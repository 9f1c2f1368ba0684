/*
 * insn_hfp.c — hexadecimal floating point.
 *
 * ESA/390 PoO SA22-7201 ch. 9 "Floating-point overview and support
 * instructions" and ch. 18 "Hexadecimal-floating-point instructions";
 * S/370 PoO GA22-7000 ch. 9 "Floating-point instructions".
 *
 * A number is a sign, a 7-bit characteristic (the power of 16, excess 64)
 * and a fraction of hexadecimal digits: 6 (short), 14 (long) or 28
 * (extended, the high-order 14 in register r, the low-order 14 in r+2).
 * Every operation here works on the fraction as an exact integer of that
 * many digits (an Hfp below), never on host floating point, so truncation
 * and rounding are exactly the manual's.  Characteristics are carried as
 * plain ints while an operation runs, so that exponent overflow and
 * underflow are decided at the end, on the final characteristic.
 *
 * Registers: c->fpr[r] is the 64-bit register.  A short operand is its
 * leftmost 32 bits, and a short result leaves the rightmost 32 bits
 * unchanged (ESA/390 PoO ch. 9 "Floating-point registers").
 */
#include "insn.h"

typedef unsigned __int128 u128;

/* Digits of the fraction in each format. */
enum { SHORT = 6, LONG = 14, EXT = 28 };

#define M56 0x00FFFFFFFFFFFFFFull
#define M24 0x00FFFFFFu

/* Data-exception code stored at real location 147 for a data exception
 * (ESA/390 PoO ch. 6 "Data exception"). */
#define PSA_DXC          0x093
#define DXC_AFP_REGISTER 0x01

/* An HFP number taken apart.  Value = (-1)^neg * frac / 16^nd * 16^(exp-64)
 * where nd is the format's digit count. */
typedef struct Hfp {
    bool neg;
    int  exp;        /* characteristic; outside 0-127 only mid-operation */
    u128 frac;
    bool kept;       /* a zero fraction kept with its characteristic (a
                        significance exception with the mask one): not a
                        true zero, even when the characteristic is 0 */
} Hfp;

static const Hfp true_zero = { false, 0, 0, false };

/* ---- register designations --------------------------------------------- */

/* ESA/390: registers other than 0, 2, 4, 6 are the AFP registers; using one
 * while CR0 bit 13 is zero is an AFP-register data exception (DXC 1), as
 * the ESA/390 editions that define CR0 bit 13 say (ch. 9 "Floating-point
 * registers"; earlier editions, without AFP, made it a specification
 * exception -- ??? if a pre-AFP ESA/390 machine is ever wanted).
 * S/370 has only 0, 2, 4, 6; any other R field is a specification
 * exception (GA22-7000 ch. 9 "Floating-point registers"). */
static void fpr_check(Cpu *c, unsigned r)
{
    if (likely(!(r & 9)))
        return;
    if (c->arch == ARCH_S370)
        cpu_program_check(c, PGM_SPECIFICATION);
    if (!(c->cr[0] & CR0_AFP)) {
        st_be32(real_ptr(c, PSA_DXC - 3, 4), DXC_AFP_REGISTER);   /* 144-146 zero */
        cpu_program_check(c, PGM_DATA);
    }
}

/* An extended operand is a register pair r, r+2: r must be 0, 1, 4, 5, 8,
 * 9, 12 or 13 (S/370: 0 or 4), else a specification exception, which
 * takes precedence over the AFP-register check of the same field. */
static void fpr_pair_check(Cpu *c, unsigned r)
{
    if (r & 2)
        cpu_program_check(c, PGM_SPECIFICATION);
    fpr_check(c, r);
}

static void fpr_check2(Cpu *c, unsigned r1, unsigned r2)
{
    fpr_check(c, r1);
    fpr_check(c, r2);
}

static void fpr_pair_check2(Cpu *c, unsigned r1, unsigned r2)
{
    fpr_pair_check(c, r1);
    fpr_pair_check(c, r2);
}

/* ---- formats: unpacking and packing ---------------------------------------- */

static Hfp from_short(uint32_t w)
{
    return (Hfp){ w >> 31, (int)(w >> 24 & 0x7F), w & M24, false };
}

static Hfp from_long(uint64_t d)
{
    return (Hfp){ d >> 63, (int)(d >> 56 & 0x7F), d & M56, false };
}

/* The sign and characteristic of the low-order part are ignored. */
static Hfp from_ext(uint64_t hi, uint64_t lo)
{
    Hfp a = from_long(hi);
    a.frac = a.frac << 56 | (lo & M56);
    return a;
}

static uint32_t to_short(const Hfp *a)
{
    return (uint32_t)a->neg << 31 | (uint32_t)(a->exp & 0x7F) << 24 | (uint32_t)a->frac;
}

static uint64_t to_long(const Hfp *a)
{
    return (uint64_t)a->neg << 63 | (uint64_t)(a->exp & 0x7F) << 56 | (uint64_t)a->frac;
}

/* An extended result: the low-order part has the sign of the high-order
 * part and a characteristic 14 smaller, modulo 128 (never an exception).
 * A true zero is zero in both parts; a zero fraction kept by a significance
 * exception is not a true zero, so its low-order part gets the smaller
 * characteristic even when the high-order part is all zero bits
 * (GA22-7000-4 "Number representation": both parts are made true zero
 * only "when an extended result is made a true zero"). */
static void to_ext(const Hfp *a, uint64_t *hi, uint64_t *lo)
{
    *hi = (uint64_t)a->neg << 63 | (uint64_t)(a->exp & 0x7F) << 56 | (uint64_t)(a->frac >> 56);
    *lo = (uint64_t)a->neg << 63 | ((uint64_t)a->frac & M56);
    if (*hi != 0 || *lo != 0 || a->kept)
        *lo |= (uint64_t)((a->exp - 14) & 0x7F) << 56;
}

static uint32_t fpr_short(const Cpu *c, unsigned r)
{
    return (uint32_t)(c->fpr[r] >> 32);
}

static void set_short(Cpu *c, unsigned r, uint32_t w)
{
    c->fpr[r] = (uint64_t)w << 32 | (uint32_t)c->fpr[r];
}

/* Register operand r in format nd (pairs already checked). */
static Hfp get_fpr(const Cpu *c, unsigned r, int nd)
{
    switch (nd) {
    case SHORT: return from_short(fpr_short(c, r));
    case LONG:  return from_long(c->fpr[r]);
    default:    return from_ext(c->fpr[r], c->fpr[r + 2]);
    }
}

static void put_fpr(Cpu *c, unsigned r, const Hfp *a, int nd)
{
    switch (nd) {
    case SHORT: set_short(c, r, to_short(a)); break;
    case LONG:  c->fpr[r] = to_long(a); break;
    default:    to_ext(a, &c->fpr[r], &c->fpr[r + 2]); break;
    }
}

static Hfp fetch_short(Cpu *c, const uint8_t *ip)
{
    return from_short(vfetch32(c, ea_rx(c, ip)));
}

static Hfp fetch_long(Cpu *c, const uint8_t *ip)
{
    return from_long(vfetch64(c, ea_rx(c, ip)));
}

/* ---- fraction arithmetic -------------------------------------------------- */

/* x shifted right by d hex digits (digits shifted out are lost). */
static u128 shr_digits(u128 x, int d)
{
    return d >= 32 ? 0 : x >> (4 * d);
}

static u128 top_digit_mask(int nd)
{
    return (u128)0xF << (4 * nd - 4);
}

/* Shift out leading zero digits, lowering the characteristic. */
static void normalize(Hfp *a, int nd)
{
    if (a->frac == 0)
        return;
    while (!(a->frac & top_digit_mask(nd))) {
        a->frac <<= 4;
        a->exp--;
    }
}

/* The characteristic of a final result with a nonzero fraction, and the
 * program-interruption code to raise once it is stored (0 for none):
 * exponent overflow leaves the characteristic 128 too small and always
 * interrupts; exponent underflow leaves it 128 too large and interrupts
 * when the exponent-underflow mask is one, and otherwise makes the result
 * a true zero (ESA/390 PoO ch. 18 "Exponent-overflow exception",
 * "Exponent-underflow exception"). */
static int exp_range(Cpu *c, Hfp *r)
{
    if (r->frac == 0) {
        *r = true_zero;
        return 0;
    }
    if (r->exp > 127) {
        r->exp -= 128;
        return PGM_EXPONENT_OVERFLOW;
    }
    if (r->exp < 0) {
        if (c->psw.pm & PM_EXP_UNDERFLOW) {
            r->exp += 128;
            return PGM_EXPONENT_UNDERFLOW;
        }
        *r = true_zero;
    }
    return 0;
}

/* The significance exception: a zero result fraction of an addition.  With
 * the mask one the result keeps its characteristic (a zero fraction with
 * a plus sign) and the program is interrupted; else it is a true zero. */
static int significance(Cpu *c, Hfp *r, int exp)
{
    if (c->psw.pm & PM_SIGNIFICANCE) {
        *r = (Hfp){ false, exp, 0, true };
        return PGM_SIGNIFICANCE;
    }
    *r = true_zero;
    return 0;
}

/* Raise the exception a completed operation recognized, if any. */
static void raise_pending(Cpu *c, int pgm)
{
    if (pgm)
        cpu_program_check(c, pgm);
}

/* Condition code of a result: 0 zero fraction, 1 negative, 2 positive. */
static unsigned hfp_cc(const Hfp *r)
{
    return r->frac == 0 ? 0 : r->neg ? 1 : 2;
}

/* The intermediate sum of a and b with one guard digit (nd + 1 digits,
 * the fraction shifted left one digit): the operand with the smaller
 * characteristic is shifted right by the difference, digits beyond the
 * guard digit being lost; the fractions are added or subtracted as signed
 * magnitudes; a carry out shifts the sum right one digit and raises the
 * characteristic (ESA/390 PoO ch. 18 "ADD NORMALIZED"). */
static u128 intermediate_sum(Hfp a, Hfp b, int nd, int *exp, bool *neg)
{
    u128 fa = a.frac << 4, fb = b.frac << 4, sum;

    if (a.exp >= b.exp) {
        fb = shr_digits(fb, a.exp - b.exp);
        *exp = a.exp;
    } else {
        fa = shr_digits(fa, b.exp - a.exp);
        *exp = b.exp;
    }
    if (a.neg == b.neg) {
        sum = fa + fb;
        *neg = a.neg;
    } else if (fa >= fb) {
        sum = fa - fb;
        *neg = a.neg;
    } else {
        sum = fb - fa;
        *neg = b.neg;
    }
    if (sum >> (4 * (nd + 1))) {
        sum >>= 4;
        (*exp)++;
    }
    return sum;
}

/* ADD NORMALIZED / ADD UNNORMALIZED.  Normalized: a zero intermediate sum
 * (guard digit included) is a significance exception; otherwise the sum
 * is normalized, the guard digit taking part, and truncated.  Unnormalized:
 * the sum is truncated as it stands, and a zero result fraction is a
 * significance exception (??? a sum whose only nonzero digit is the guard
 * digit is taken as zero here).  A zero sum has a plus sign.  Returns the
 * interruption code to raise. */
static int hfp_add(Cpu *c, Hfp *r, Hfp a, Hfp b, int nd, bool norm)
{
    int exp;
    bool neg;
    u128 sum = intermediate_sum(a, b, nd, &exp, &neg);

    if (norm) {
        if (sum == 0)
            return significance(c, r, exp);
        while (!(sum & top_digit_mask(nd + 1))) {
            sum <<= 4;
            exp--;
        }
    }
    *r = (Hfp){ neg, exp, sum >> 4, false };
    if (r->frac == 0)
        return significance(c, r, exp);
    return exp_range(c, r);
}

/* COMPARE: as a normalized subtraction whose difference (guard digit
 * included) only sets the condition code; no exceptions. */
static unsigned hfp_compare(Hfp a, Hfp b, int nd)
{
    int exp;
    bool neg;
    b.neg = !b.neg;
    u128 diff = intermediate_sum(a, b, nd, &exp, &neg);
    return diff == 0 ? 0 : neg ? 1 : 2;
}

/* 128 x 128 -> 256-bit product, as hi:lo. */
static void mul_wide(u128 a, u128 b, u128 *hi, u128 *lo)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
    u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    *lo = (u128)(uint64_t)p00 | mid << 64;
    *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* MULTIPLY: operands of nd digits, result of rd digits.  The operands are
 * normalized first; the product fraction (2*nd digits, exact) is
 * normalized (at most one digit) and truncated to rd digits, or extended
 * with zeros when rd is longer.  A zero operand gives a true zero. */
static int hfp_mul(Cpu *c, Hfp *r, Hfp a, Hfp b, int nd, int rd)
{
    if (a.frac == 0 || b.frac == 0) {
        *r = true_zero;
        return 0;
    }
    normalize(&a, nd);
    normalize(&b, nd);
    r->neg = a.neg != b.neg;
    r->exp = a.exp + b.exp - 64;
    if (nd == EXT) {
        /* 224-bit product; keep its leftmost 112 bits */
        u128 hi, lo;
        mul_wide(a.frac, b.frac, &hi, &lo);
        if (!(hi >> 92)) {
            hi = hi << 4 | lo >> 124;
            lo <<= 4;
            r->exp--;
        }
        r->frac = (hi << 16 | lo >> 112) & (((u128)1 << 112) - 1);
    } else {
        u128 p = a.frac * b.frac;
        if (!(p & top_digit_mask(2 * nd))) {
            p <<= 4;
            r->exp--;
        }
        r->frac = rd >= 2 * nd ? p << (4 * (rd - 2 * nd)) : p >> (4 * (2 * nd - rd));
    }
    return exp_range(c, r);
}

/* DIVIDE: the operands are normalized; a zero divisor fraction is a
 * floating-point-divide exception (suppressed), a zero dividend fraction
 * a true zero.  When the dividend fraction is not smaller than the
 * divisor's, the quotient is shifted right one digit (characteristic + 1)
 * so that it is a normalized fraction; it is truncated to nd digits. */
static int hfp_div(Cpu *c, Hfp *r, Hfp a, Hfp b, int nd)
{
    if (b.frac == 0)
        cpu_program_check(c, PGM_FLOATING_DIVIDE);
    if (a.frac == 0) {
        *r = true_zero;
        return 0;
    }
    normalize(&a, nd);
    normalize(&b, nd);
    r->neg = a.neg != b.neg;
    r->exp = a.exp - b.exp + 64;
    u128 d = b.frac, rem = a.frac, q = 0;
    if (rem >= d) {
        d <<= 4;
        r->exp++;
    }
    /* restoring division: q = floor(a * 16^nd / d), rem < d throughout */
    for (int i = 0; i < 4 * nd; i++) {
        rem <<= 1;
        q <<= 1;
        if (rem >= d) {
            rem -= d;
            q |= 1;
        }
    }
    r->frac = q;
    return exp_range(c, r);
}

/* Integer square root of the 256-bit number hi:lo, with the remainder
 * x - root^2: two bits of x at a time, from the left, as by hand.  The
 * callers' radicands are below 2^224, so the root is below 2^112 and the
 * remainder, never above 2 * root, below 2^113: no step overflows. */
static u128 isqrt(u128 hi, u128 lo, u128 *rem)
{
    u128 root = 0, r = 0;

    for (int i = 127; i >= 0; i--) {
        unsigned two = i >= 64 ? (unsigned)(hi >> (2 * i - 128)) & 3
                               : (unsigned)(lo >> (2 * i)) & 3;
        u128 trial = root << 2 | 1;
        r = r << 2 | two;
        root <<= 1;
        if (r >= trial) {
            r -= trial;
            root |= 1;
        }
    }
    *rem = r;
    return root;
}

/* SQUARE ROOT: the operand is normalized and its square root placed in
 * normalized form.  A zero fraction gives a true zero whatever the sign
 * and characteristic; a negative operand is a square-root exception
 * (suppressed).  The root is rounded to nearest (a root is never exactly
 * halfway between two numbers of the format).
 * ??? ESA/390 PoO: the rounding of SQE/SQD/SQXR taken as "rounded";
 * truncation would differ in the last digit for about half the operands.
 * Extended operands: the radicand has 56 digits, hence the wide isqrt. */
static Hfp hfp_sqrt(Cpu *c, Hfp a, int nd)
{
    if (a.frac == 0)
        return true_zero;
    if (a.neg)
        cpu_program_check(c, PGM_SQUARE_ROOT);
    normalize(&a, nd);
    int e = a.exp - 64;
    /* the root of f * 16^(2k) has nd digits: take it of f * 16^nd; an odd
     * exponent: f * 16^e = (f / 16) * 16^(e+1), one digit less */
    int shift = 4 * nd;
    if (e & 1) {
        shift -= 4;
        e++;
    }
    e /= 2;
    u128 rem, root = isqrt(a.frac >> (128 - shift), a.frac << shift, &rem);
    if (rem > root)                 /* x >= root^2 + root + 1 > (root + 1/2)^2 */
        root++;
    Hfp r = { false, e + 64, root, false };
    if (r.frac >> (4 * nd)) {       /* cannot happen; kept for safety */
        r.frac >>= 4;
        r.exp++;
    }
    return r;
}

/* HALVE: the fraction is shifted right one bit, the bit shifted out kept
 * in a guard digit, and the result normalized (exponent underflow
 * possible); a zero fraction gives a true zero (plus sign).  The same in
 * S/370: GA22-7000-4 (1975) "Floating-point number representation" forces
 * a true zero when "the operand of HALVE ... has a zero fraction", and
 * GA22-7000-8 (1981) HALVE places "the normalized quotient" (programming
 * note 3: a fraction of one rightmost bit does not become zero).  Only the
 * S/360 HALVE (A22-6821) shifted without normalizing or testing for zero. */
static int hfp_halve(Cpu *c, Hfp *r, Hfp a, int nd)
{
    u128 f = (a.frac << 4) >> 1;
    if (f == 0) {
        *r = true_zero;
        return 0;
    }
    int exp = a.exp;
    while (!(f & top_digit_mask(nd + 1))) {
        f <<= 4;
        exp--;
    }
    *r = (Hfp){ a.neg, exp, f >> 4, false };
    return exp_range(c, r);
}

/* LOAD ROUNDED: add one in the leftmost bit of the digits dropped, then
 * truncate from `from` to `to` digits.  A carry out of the fraction shifts
 * it right one digit and raises the characteristic, which may overflow.
 * The result is not normalized and a zero fraction stays as it is. */
static int hfp_round(Hfp *r, Hfp a, int from, int to)
{
    int drop = 4 * (from - to);
    *r = a;
    r->frac = (a.frac + ((u128)1 << (drop - 1))) >> drop;
    if (r->frac >> (4 * to)) {
        r->frac >>= 4;
        if (++r->exp > 127) {
            r->exp -= 128;
            return PGM_EXPONENT_OVERFLOW;
        }
    }
    return 0;
}

/* LOAD FP INTEGER: truncate toward zero to an integer, normalize; a zero
 * result is a true zero. */
static Hfp hfp_integer(Hfp a, int nd)
{
    int idigits = a.exp - 64;          /* digits left of the radix point */

    if (idigits <= 0)
        a.frac = 0;
    else if (idigits < nd)
        a.frac &= ~(((u128)1 << (4 * (nd - idigits))) - 1);
    if (a.frac == 0)
        return true_zero;
    normalize(&a, nd);
    return a;
}

/* ---- operation shapes shared by the handlers ------------------------------ */

/* r1 <- r1 + op2 (add, subtract), setting the CC. */
static void do_add(Cpu *c, unsigned r1, Hfp op2, int nd, bool sub, bool norm)
{
    Hfp r;
    if (sub)
        op2.neg = !op2.neg;
    int pgm = hfp_add(c, &r, get_fpr(c, r1, nd), op2, nd, norm);
    put_fpr(c, r1, &r, nd);
    cc_set(c, hfp_cc(&r));
    raise_pending(c, pgm);
}

/* r1 <- r1 * op2: operands of nd digits, result of rd digits. */
static void do_mul(Cpu *c, unsigned r1, Hfp op2, int nd, int rd)
{
    Hfp r;
    int pgm = hfp_mul(c, &r, get_fpr(c, r1, nd), op2, nd, rd);
    put_fpr(c, r1, &r, rd);
    raise_pending(c, pgm);
}

static void do_div(Cpu *c, unsigned r1, Hfp op2, int nd)
{
    Hfp r;
    int pgm = hfp_div(c, &r, get_fpr(c, r1, nd), op2, nd);
    put_fpr(c, r1, &r, nd);
    raise_pending(c, pgm);
}

static void do_halve(Cpu *c, unsigned r1, unsigned r2, int nd)
{
    Hfp r;
    int pgm = hfp_halve(c, &r, get_fpr(c, r2, nd), nd);
    put_fpr(c, r1, &r, nd);
    raise_pending(c, pgm);
}

static void do_round(Cpu *c, unsigned r1, unsigned r2, int from, int to)
{
    Hfp r;
    int pgm = hfp_round(&r, get_fpr(c, r2, from), from, to);
    put_fpr(c, r1, &r, to);
    raise_pending(c, pgm);
}

/* The sign-changing loads (LOAD POSITIVE, NEGATIVE, COMPLEMENT, AND TEST):
 * sign_op 0 keep, 1 invert, 2 make plus, 3 make minus.  Short and long
 * operands are placed unchanged apart from the sign, whatever their
 * characteristic or normalization.  CC from the result. */
enum { SIGN_KEEP, SIGN_INVERT, SIGN_PLUS, SIGN_MINUS };

static bool new_sign(bool neg, int sign_op)
{
    switch (sign_op) {
    case SIGN_INVERT: return !neg;
    case SIGN_PLUS:   return false;
    case SIGN_MINUS:  return true;
    default:          return neg;
    }
}

static void do_load_sign(Cpu *c, unsigned r1, unsigned r2, int nd, int sign_op)
{
    Hfp a = get_fpr(c, r2, nd);
    a.neg = new_sign(a.neg, sign_op);
    put_fpr(c, r1, &a, nd);
    cc_set(c, hfp_cc(&a));
}

/* Extended sign-changing loads (LPXR, LNXR, LCXR, LTXR): the result is an
 * extended result -- the low-order sign is made that of the high-order part
 * and the low-order characteristic 14 less -- and a zero fraction gives a
 * zero with the result's sign in both parts.
 * ??? the PoO wording for the low-order part and for zero fractions of
 * these HFP-extension instructions was not at hand; this is the reading
 * that matches the rules for other extended results. */
static void do_load_sign_ext(Cpu *c, unsigned r1, unsigned r2, int sign_op)
{
    Hfp a = get_fpr(c, r2, EXT);
    a.neg = new_sign(a.neg, sign_op);
    if (a.frac == 0) {
        c->fpr[r1] = c->fpr[r1 + 2] = (uint64_t)a.neg << 63;
    } else {
        to_ext(&a, &c->fpr[r1], &c->fpr[r1 + 2]);
    }
    cc_set(c, hfp_cc(&a));
}

/* LOAD LENGTHENED to extended (LXDR, LXD, LXER, LXE): the fraction of a
 * (nd digits) is extended with zeros on the right to 28 digits; the sign
 * and characteristic are kept, nothing is normalized and no exception is
 * possible.  The low-order part is that of an extended result (sign of
 * the high-order part, characteristic 14 less modulo 128), and a zero
 * fraction gives a zero with the operand's sign in both parts.
 * ??? as for do_load_sign_ext, the PoO wording for a zero fraction was not
 * at hand; this is the reading of the other extended results. */
static void load_lengthened_ext(Cpu *c, unsigned r1, Hfp a, int nd)
{
    a.frac <<= 4 * (EXT - nd);
    if (a.frac == 0) {
        c->fpr[r1] = c->fpr[r1 + 2] = (uint64_t)a.neg << 63;
    } else {
        to_ext(&a, &c->fpr[r1], &c->fpr[r1 + 2]);
    }
}

/* ============================================================================
 * Loads and stores (ESA/390 PoO ch. 9 "LOAD", "STORE"; ch. 18 "LOAD AND
 * TEST", "LOAD COMPLEMENT", "LOAD POSITIVE", "LOAD NEGATIVE", "LOAD ZERO")
 * ========================================================================== */

/* 38  LER — LOAD (short) */
void insn_ler(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    set_short(c, r1, fpr_short(c, r2));
}

/* 28  LDR — LOAD (long) */
void insn_ldr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    c->fpr[r1] = c->fpr[r2];
}

/* B365  LXR — LOAD (extended): placed unchanged */
void insn_lxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    uint64_t hi = c->fpr[r2], lo = c->fpr[r2 + 2];
    c->fpr[r1] = hi;
    c->fpr[r1 + 2] = lo;
}

/* 78  LE — LOAD (short, RX) */
void insn_le(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    set_short(c, r1, vfetch32(c, ea_rx(c, ip)));
}

/* 68  LD — LOAD (long, RX) */
void insn_ld(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    c->fpr[r1] = vfetch64(c, ea_rx(c, ip));
}

/* 70  STE — STORE (short) */
void insn_ste(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    vstore32(c, ea_rx(c, ip), fpr_short(c, r1));
}

/* 60  STD — STORE (long) */
void insn_std(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    vstore64(c, ea_rx(c, ip), c->fpr[r1]);
}

/* 32  LTER — LOAD AND TEST (short) */
void insn_lter(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, SHORT, SIGN_KEEP);
}

/* 22  LTDR — LOAD AND TEST (long) */
void insn_ltdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, LONG, SIGN_KEEP);
}

/* B362  LTXR — LOAD AND TEST (extended) */
void insn_ltxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_load_sign_ext(c, r1, r2, SIGN_KEEP);
}

/* 33  LCER — LOAD COMPLEMENT (short): the sign is inverted even for zero */
void insn_lcer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, SHORT, SIGN_INVERT);
}

/* 23  LCDR — LOAD COMPLEMENT (long) */
void insn_lcdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, LONG, SIGN_INVERT);
}

/* B363  LCXR — LOAD COMPLEMENT (extended) */
void insn_lcxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_load_sign_ext(c, r1, r2, SIGN_INVERT);
}

/* 30  LPER — LOAD POSITIVE (short) */
void insn_lper(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, SHORT, SIGN_PLUS);
}

/* 20  LPDR — LOAD POSITIVE (long) */
void insn_lpdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, LONG, SIGN_PLUS);
}

/* B360  LPXR — LOAD POSITIVE (extended) */
void insn_lpxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_load_sign_ext(c, r1, r2, SIGN_PLUS);
}

/* 31  LNER — LOAD NEGATIVE (short) */
void insn_lner(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, SHORT, SIGN_MINUS);
}

/* 21  LNDR — LOAD NEGATIVE (long) */
void insn_lndr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_load_sign(c, r1, r2, LONG, SIGN_MINUS);
}

/* B361  LNXR — LOAD NEGATIVE (extended) */
void insn_lnxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_load_sign_ext(c, r1, r2, SIGN_MINUS);
}

/* B374  LZER — LOAD ZERO (short): the rightmost 32 bits are unchanged */
void insn_lzer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    fpr_check(c, r1);
    set_short(c, r1, 0);
}

/* B375  LZDR — LOAD ZERO (long) */
void insn_lzdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    fpr_check(c, r1);
    c->fpr[r1] = 0;
}

/* B376  LZXR — LOAD ZERO (extended) */
void insn_lzxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    fpr_pair_check(c, r1);
    c->fpr[r1] = c->fpr[r1 + 2] = 0;
}

/* ============================================================================
 * LOAD LENGTHENED, LOAD ROUNDED, LOAD FP INTEGER, HALVE
 * ========================================================================== */

/* B324  LDER — LOAD LENGTHENED (short to long): the low-order 8 digits
 * are zeros; sign and characteristic kept, even for a zero fraction */
void insn_lder(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check2(c, r1, r2);
    c->fpr[r1] = (uint64_t)fpr_short(c, r2) << 32;
}

/* ED24  LDE — LOAD LENGTHENED (short to long, RXE) */
void insn_lde(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    c->fpr[r1] = (uint64_t)vfetch32(c, ea_rx(c, ip)) << 32;
}

/* B325  LXDR — LOAD LENGTHENED (long to extended) */
void insn_lxdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check(c, r1);
    fpr_check(c, r2);
    load_lengthened_ext(c, r1, get_fpr(c, r2, LONG), LONG);
}

/* ED25  LXD — LOAD LENGTHENED (long to extended, RXE) */
void insn_lxd(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_pair_check(c, r1);
    load_lengthened_ext(c, r1, fetch_long(c, ip), LONG);
}

/* B326  LXER — LOAD LENGTHENED (short to extended) */
void insn_lxer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check(c, r1);
    fpr_check(c, r2);
    load_lengthened_ext(c, r1, get_fpr(c, r2, SHORT), SHORT);
}

/* ED26  LXE — LOAD LENGTHENED (short to extended, RXE) */
void insn_lxe(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_pair_check(c, r1);
    load_lengthened_ext(c, r1, fetch_short(c, ip), SHORT);
}

/* 35  LEDR — LOAD ROUNDED (long to short; S/370 LRER) */
void insn_ledr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_round(c, r1, r2, LONG, SHORT);
}

/* 25  LDXR — LOAD ROUNDED (extended to long; S/370 LRDR) */
void insn_ldxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check(c, r1);
    fpr_pair_check(c, r2);
    do_round(c, r1, r2, EXT, LONG);
}

/* B366  LEXR — LOAD ROUNDED (extended to short) */
void insn_lexr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check(c, r1);
    fpr_pair_check(c, r2);
    do_round(c, r1, r2, EXT, SHORT);
}

/* B377  FIER — LOAD FP INTEGER (short) */
void insn_fier(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check2(c, r1, r2);
    Hfp r = hfp_integer(get_fpr(c, r2, SHORT), SHORT);
    put_fpr(c, r1, &r, SHORT);
}

/* B37F  FIDR — LOAD FP INTEGER (long) */
void insn_fidr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check2(c, r1, r2);
    Hfp r = hfp_integer(get_fpr(c, r2, LONG), LONG);
    put_fpr(c, r1, &r, LONG);
}

/* B367  FIXR — LOAD FP INTEGER (extended) */
void insn_fixr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    Hfp r = hfp_integer(get_fpr(c, r2, EXT), EXT);
    put_fpr(c, r1, &r, EXT);
}

/* 34  HER — HALVE (short) */
void insn_her(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_halve(c, r1, r2, SHORT);
}

/* 24  HDR — HALVE (long) */
void insn_hdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_halve(c, r1, r2, LONG);
}

/* ============================================================================
 * ADD, SUBTRACT (normalized and unnormalized), COMPARE
 * ========================================================================== */

/* 3A  AER — ADD NORMALIZED (short) */
void insn_aer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, SHORT), SHORT, false, true);
}

/* 7A  AE — ADD NORMALIZED (short, RX) */
void insn_ae(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_short(c, ip), SHORT, false, true);
}

/* 2A  ADR — ADD NORMALIZED (long) */
void insn_adr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, LONG), LONG, false, true);
}

/* 6A  AD — ADD NORMALIZED (long, RX) */
void insn_ad(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_long(c, ip), LONG, false, true);
}

/* 36  AXR — ADD NORMALIZED (extended) */
void insn_axr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, EXT), EXT, false, true);
}

/* 3B  SER — SUBTRACT NORMALIZED (short) */
void insn_ser(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, SHORT), SHORT, true, true);
}

/* 7B  SE — SUBTRACT NORMALIZED (short, RX) */
void insn_se(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_short(c, ip), SHORT, true, true);
}

/* 2B  SDR — SUBTRACT NORMALIZED (long) */
void insn_sdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, LONG), LONG, true, true);
}

/* 6B  SD — SUBTRACT NORMALIZED (long, RX) */
void insn_sd(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_long(c, ip), LONG, true, true);
}

/* 37  SXR — SUBTRACT NORMALIZED (extended) */
void insn_sxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, EXT), EXT, true, true);
}

/* 3E  AUR — ADD UNNORMALIZED (short) */
void insn_aur(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, SHORT), SHORT, false, false);
}

/* 7E  AU — ADD UNNORMALIZED (short, RX) */
void insn_au(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_short(c, ip), SHORT, false, false);
}

/* 2E  AWR — ADD UNNORMALIZED (long) */
void insn_awr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, LONG), LONG, false, false);
}

/* 6E  AW — ADD UNNORMALIZED (long, RX) */
void insn_aw(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_long(c, ip), LONG, false, false);
}

/* 3F  SUR — SUBTRACT UNNORMALIZED (short) */
void insn_sur(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, SHORT), SHORT, true, false);
}

/* 7F  SU — SUBTRACT UNNORMALIZED (short, RX) */
void insn_su(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_short(c, ip), SHORT, true, false);
}

/* 2F  SWR — SUBTRACT UNNORMALIZED (long) */
void insn_swr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_add(c, r1, get_fpr(c, r2, LONG), LONG, true, false);
}

/* 6F  SW — SUBTRACT UNNORMALIZED (long, RX) */
void insn_sw(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_add(c, r1, fetch_long(c, ip), LONG, true, false);
}

/* 39  CER — COMPARE (short) */
void insn_cer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    cc_set(c, hfp_compare(get_fpr(c, r1, SHORT), get_fpr(c, r2, SHORT), SHORT));
}

/* 79  CE — COMPARE (short, RX) */
void insn_ce(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    cc_set(c, hfp_compare(get_fpr(c, r1, SHORT), fetch_short(c, ip), SHORT));
}

/* 29  CDR — COMPARE (long) */
void insn_cdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    cc_set(c, hfp_compare(get_fpr(c, r1, LONG), get_fpr(c, r2, LONG), LONG));
}

/* 69  CD — COMPARE (long, RX) */
void insn_cd(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    cc_set(c, hfp_compare(get_fpr(c, r1, LONG), fetch_long(c, ip), LONG));
}

/* B369  CXR — COMPARE (extended) */
void insn_cxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    cc_set(c, hfp_compare(get_fpr(c, r1, EXT), get_fpr(c, r2, EXT), EXT));
}

/* ============================================================================
 * MULTIPLY, DIVIDE, SQUARE ROOT
 * ========================================================================== */

/* B337  MEER — MULTIPLY (short to short), truncated; the rightmost 32
 * bits of R1 are unchanged */
void insn_meer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check2(c, r1, r2);
    do_mul(c, r1, get_fpr(c, r2, SHORT), SHORT, SHORT);
}

/* ED37  MEE — MULTIPLY (short to short, RXE), truncated */
void insn_mee(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_mul(c, r1, fetch_short(c, ip), SHORT, SHORT);
}

/* 3C  MDER — MULTIPLY (short to long; S/370 MER): the product is exact */
void insn_mder(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_mul(c, r1, get_fpr(c, r2, SHORT), SHORT, LONG);
}

/* 7C  MDE — MULTIPLY (short to long, RX; S/370 ME) */
void insn_mde(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_mul(c, r1, fetch_short(c, ip), SHORT, LONG);
}

/* 2C  MDR — MULTIPLY (long), truncated */
void insn_mdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_mul(c, r1, get_fpr(c, r2, LONG), LONG, LONG);
}

/* 6C  MD — MULTIPLY (long, RX) */
void insn_md(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_mul(c, r1, fetch_long(c, ip), LONG, LONG);
}

/* 27  MXDR — MULTIPLY (long to extended): the product is exact */
void insn_mxdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_pair_check(c, r1);
    fpr_check(c, r2);
    do_mul(c, r1, get_fpr(c, r2, LONG), LONG, EXT);
}

/* 67  MXD — MULTIPLY (long to extended, RX) */
void insn_mxd(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_pair_check(c, r1);
    do_mul(c, r1, fetch_long(c, ip), LONG, EXT);
}

/* 26  MXR — MULTIPLY (extended), truncated */
void insn_mxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_mul(c, r1, get_fpr(c, r2, EXT), EXT, EXT);
}

/* 3D  DER — DIVIDE (short) */
void insn_der(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_div(c, r1, get_fpr(c, r2, SHORT), SHORT);
}

/* 7D  DE — DIVIDE (short, RX) */
void insn_de(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_div(c, r1, fetch_short(c, ip), SHORT);
}

/* 2D  DDR — DIVIDE (long) */
void insn_ddr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    fpr_check2(c, r1, r2);
    do_div(c, r1, get_fpr(c, r2, LONG), LONG);
}

/* 6D  DD — DIVIDE (long, RX) */
void insn_dd(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    do_div(c, r1, fetch_long(c, ip), LONG);
}

/* B22D  DXR — DIVIDE (extended) */
void insn_dxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    do_div(c, r1, get_fpr(c, r2, EXT), EXT);
}

/* B245  SQER — SQUARE ROOT (short) */
void insn_sqer(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check2(c, r1, r2);
    Hfp r = hfp_sqrt(c, get_fpr(c, r2, SHORT), SHORT);
    put_fpr(c, r1, &r, SHORT);
}

/* ED34  SQE — SQUARE ROOT (short, RXE) */
void insn_sqe(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    Hfp r = hfp_sqrt(c, fetch_short(c, ip), SHORT);
    put_fpr(c, r1, &r, SHORT);
}

/* B244  SQDR — SQUARE ROOT (long) */
void insn_sqdr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_check2(c, r1, r2);
    Hfp r = hfp_sqrt(c, get_fpr(c, r2, LONG), LONG);
    put_fpr(c, r1, &r, LONG);
}

/* ED35  SQD — SQUARE ROOT (long, RXE) */
void insn_sqd(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    fpr_check(c, r1);
    Hfp r = hfp_sqrt(c, fetch_long(c, ip), LONG);
    put_fpr(c, r1, &r, LONG);
}

/* B336  SQXR — SQUARE ROOT (extended) */
void insn_sqxr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    fpr_pair_check2(c, r1, r2);
    Hfp r = hfp_sqrt(c, get_fpr(c, r2, EXT), EXT);
    put_fpr(c, r1, &r, EXT);
}
