/*
 * units.c — the random units of randgen: one instruction each, with the
 * preamble that makes its storage operands fall in the data area.
 *
 * Families: general (fixed-point, logical, shifts, compare and swap),
 * branches (forward only), EXECUTE (varied targets, EX of EX, odd target
 * addresses), decimal, HFP (short, long, extended), moves and logical
 * storage-to-storage, MVCL/CLCL, and in ESA/390 the relative branches,
 * BSM/BASSM addressing-mode switches, MVCLE/CLCLE, CLST/SRST/CKSM.
 *
 * Every generator either emits its preamble and fills *out with the
 * instruction (which gen_unit emits, or EXECUTE uses as its target), or
 * emits a whole unit itself (K_SELF).  With g->for_ex set, the target will
 * run under EXECUTE with g->ex_or ORed into its second byte: generators
 * that allow it (K_EXOR) size their operands for the lengths or registers
 * after the OR, and refuse what the OR could make unsafe (an index
 * register in an RX target, an opcode extension).
 *
 * Two random draws never share one expression (C leaves the order of
 * function arguments open): the images must not depend on the compiler.
 *
 * Operand rules follow the Principles of Operation: decimal operands are
 * disjoint or coincide exactly (ZAP/AP/SP/CP only); TR, TRT, MVCIN, ED,
 * PACK, UNPK, MVO operands are disjoint (overlap gives unpredictable
 * results there); MVC/NC/OC/XC/MVN/MVZ/CLC/MVCL may overlap (defined).
 */
#include <string.h>

#include "tests/hercules/randgen.h"

typedef bool GenFn(Gen *g, Ins *out);

enum {
    K_ESA = 1,          /* ESA/390 only                                    */
    K_EX = 2,           /* may be the target of EX with no OR              */
    K_EXOR = 4,         /* may be the target of EX with an OR byte         */
    K_SELF = 8,         /* emits the whole unit itself                     */
    K_BARRIER = 16,     /* changes the addressing mode                     */
};

typedef struct Kind {
    GenFn *fn;
    unsigned weight;
    unsigned flags;
    const char *name;
} Kind;

static unsigned gr(Gen *g)
{
    return rnd(g, 16);
}

static unsigned even_r(Gen *g)
{
    return chance(g, 88) ? 2 * rnd(g, 8) : 1 + 2 * rnd(g, 8);
}

static unsigned fpr(Gen *g)
{
    return chance(g, 97) ? 2 * rnd(g, 4) : rnd(g, 16);
}

static unsigned fpr_ext(Gen *g)
{
    if (chance(g, 92))
        return 4 * rnd(g, 2);
    return chance(g, 70) ? 2 + 4 * rnd(g, 2) : rnd(g, 16);
}

/* The effective length code of an SS length field after EXECUTE's OR. */
static unsigned eff_l(const Gen *g, unsigned code)
{
    return g->for_ex ? (code | g->ex_or) & 0xFF : code;
}

static unsigned eff_l1(const Gen *g, unsigned code)
{
    return g->for_ex ? (code | g->ex_or >> 4) & 0xF : code;
}

static unsigned eff_l2(const Gen *g, unsigned code)
{
    return g->for_ex ? (code | g->ex_or) & 0xF : code;
}

/* RX targets: the OR would change the index register. */
static bool rx_ok(const Gen *g)
{
    return !g->for_ex || (g->ex_or & 0x0F) == 0;
}

static unsigned len_code(Gen *g)
{
    unsigned k = rnd(g, 20);
    return k < 10 ? rnd(g, 16) : k < 17 ? rnd(g, 256) : k < 19 ? 255 : 0;
}

/* An address in the data area outside the packed slots.  Only decimal
 * instructions store into the slots (valid packed results), so their
 * digits stay valid: an invalid digit with valid signs makes AP, SP, ZAP,
 * MP, DP, SRP, CVB "terminated" with unpredictable results (GA22-7000 and
 * SA22-7201 ch. 6 "Data exception"), which two correct machines may do
 * differently.  Invalid sign codes (suppression) remain. */
static uint32_t any_ea(Gen *g, uint32_t room, uint32_t align)
{
    if (chance(g, 30))
        return pick_ea(g, SEC_RAND, SEC_RAND_END, room, align);
    return pick_ea(g, SEC_HFP, DATA_LEN, room, align);
}

/* ---- general: fixed point, logical, shifts -------------------------------- */

static bool g_rr_gr(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0x1A, 0x1B, 0x1C, 0x1D, 0x19, 0x15, 0x18, 0x12, 0x13,
                                   0x11, 0x10, 0x1E, 0x1F, 0x14, 0x16, 0x17 };
    unsigned op = ops[rnd(g, sizeof ops)];
    unsigned r1 = (op == 0x1C || op == 0x1D) ? even_r(g) : gr(g);
    *o = ins_rr(op, r1, gr(g));
    return true;
}

/* ESA/390 RRE: MSR, and the z900 additions Hercules 3.13 has in ESA/390
 * mode too: MLR, DLR (even R1), ALCR, SLBR, LRVR. */
static bool g_rre_gr(Gen *g, Ins *o)
{
    static const uint16_t ops[] = { 0xB252, 0xB996, 0xB997, 0xB998, 0xB999, 0xB91F };
    unsigned op = ops[rnd(g, sizeof ops / sizeof ops[0])];
    unsigned r1 = (op == 0xB996 || op == 0xB997) ? even_r(g) : gr(g);
    *o = ins_rre(op, r1, gr(g));
    return true;
}

/* ESA/390 RXE: ML, DL (even R1), ALC, SLB, LRV, LRVH, STRV, STRVH. */
static bool g_rxe_gr(Gen *g, Ins *o)
{
    static const struct { uint8_t op2, len, even; } t[] = {
        { 0x96, 4, 1 }, { 0x97, 4, 1 }, { 0x98, 4, 0 }, { 0x99, 4, 0 },
        { 0x1E, 4, 0 }, { 0x1F, 2, 0 }, { 0x3E, 4, 0 }, { 0x3F, 2, 0 },
    };
    if (g->for_ex && g->ex_or)
        return false;
    unsigned i = rnd(g, sizeof t / sizeof t[0]);
    unsigned r1 = t[i].even ? even_r(g) : gr(g);
    uint16_t avoid = (uint16_t)(1 | (chance(g, 70) ? 1u << r1 : 0));
    Opnd a = addr_opnd(g, any_ea(g, t[i].len, 1), &avoid, true);
    *o = ins_rxe(0xE3, t[i].op2, r1, a.x, a.b, a.d);
    return true;
}

/* LARL: an address relative to the instruction, in the current mode. */
static bool g_larl(Gen *g, Ins *o)
{
    if (g->for_ex)
        return false;
    unsigned r1 = gr(g);
    *o = ins_ril(0xC0, 0x0, r1, (uint32_t)((int32_t)rnd(g, 0x20000) - 0x10000));
    return true;
}

static bool g_rx_gr(Gen *g, Ins *o)
{
    static const struct { uint8_t op, len, even, esa; } t[] = {
        { 0x5A, 4, 0, 0 }, { 0x5B, 4, 0, 0 }, { 0x5C, 4, 1, 0 }, { 0x5D, 4, 1, 0 },
        { 0x59, 4, 0, 0 }, { 0x55, 4, 0, 0 }, { 0x58, 4, 0, 0 }, { 0x48, 2, 0, 0 },
        { 0x4A, 2, 0, 0 }, { 0x4B, 2, 0, 0 }, { 0x4C, 2, 0, 0 }, { 0x49, 2, 0, 0 },
        { 0x54, 4, 0, 0 }, { 0x56, 4, 0, 0 }, { 0x57, 4, 0, 0 }, { 0x5E, 4, 0, 0 },
        { 0x5F, 4, 0, 0 }, { 0x43, 1, 0, 0 }, { 0x42, 1, 0, 0 }, { 0x50, 4, 0, 0 },
        { 0x40, 2, 0, 0 }, { 0x71, 4, 0, 1 },
    };
    if (!rx_ok(g))
        return false;
    unsigned i;
    do
        i = rnd(g, sizeof t / sizeof t[0]);
    while (t[i].esa && g->arch != ARCH_ESA);
    unsigned r1 = t[i].even ? even_r(g) : gr(g);
    uint32_t ea = any_ea(g, t[i].len, chance(g, 50) ? t[i].len : 1);
    uint16_t avoid = (uint16_t)(1 | (chance(g, 70) ? 1u << r1 : 0));
    Opnd a = addr_opnd(g, ea, &avoid, true);
    *o = ins_rx(t[i].op, r1, a.x, a.b, a.d);
    return true;
}

/* LA with any registers: address arithmetic in the current mode. */
static bool g_la(Gen *g, Ins *o)
{
    unsigned r1 = gr(g), x2 = gr(g), b2 = gr(g);
    *o = ins_rx(0x41, r1, x2, b2, rnd(g, 4096));
    return true;
}

static bool g_lm_stm(Gen *g, Ins *o)
{
    unsigned op = chance(g, 50) ? 0x98 : 0x90;
    uint32_t ea = any_ea(g, 64, chance(g, 50) ? 4 : 1);
    uint16_t avoid = 1;
    Opnd a = addr_opnd(g, ea, &avoid, false);
    unsigned r1 = gr(g), r3 = gr(g);
    *o = ins_rs(op, r1, r3, a.b, a.d);
    return true;
}

static bool g_icm(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0xBF, 0xBE, 0xBD };    /* ICM STCM CLM */
    uint32_t ea = any_ea(g, 4, 1);
    uint16_t avoid = 1;
    unsigned r1 = gr(g);
    if (chance(g, 70))
        avoid |= (uint16_t)(1u << r1);
    Opnd a = addr_opnd(g, ea, &avoid, false);
    unsigned op = ops[rnd(g, 3)], m3 = rnd(g, 16);
    *o = ins_rs(op, r1, m3, a.b, a.d);
    return true;
}

/* CS / CDS, sometimes with the compare value made equal, sometimes
 * misaligned or with odd registers (specification exception). */
static bool g_cs(Gen *g, Ins *o)
{
    bool cds = chance(g, 40);
    unsigned r1 = cds ? even_r(g) : gr(g), r3 = cds ? even_r(g) : gr(g);
    unsigned align = cds ? 8 : 4;
    uint32_t ea = any_ea(g, 8, chance(g, 88) ? align : 1);
    bool equal = !g->for_ex && chance(g, 35) && !(cds && (r1 & 1));
    uint16_t avoid = 1;
    if (equal)
        avoid |= (uint16_t)(cds ? 3u << r1 : 1u << r1);
    Opnd a = addr_opnd(g, ea, &avoid, false);
    if (equal) {
        if (cds)
            emit(g, ins_rs(0x98, r1, r1 + 1, a.b, a.d));    /* LM r1,r1+1 */
        else
            emit(g, ins_rx(0x58, r1, 0, a.b, a.d));         /* L r1       */
    }
    *o = ins_rs(cds ? 0xBB : 0xBA, r1, r3, a.b, a.d);
    return true;
}

static bool g_ts(Gen *g, Ins *o)
{
    uint16_t avoid = 1;
    Opnd a = addr_opnd(g, any_ea(g, 1, 1), &avoid, false);
    *o = ins_s(0x9300, a.b, a.d);
    return true;
}

static bool g_shift(Gen *g, Ins *o)
{
    unsigned op = 0x88 + rnd(g, 8);
    unsigned r1 = op >= 0x8C ? even_r(g) : gr(g);
    if (chance(g, 60)) {
        *o = ins_rs(op, r1, 0, 0, chance(g, 85) ? rnd(g, 64) : rnd(g, 4096));
    } else {
        unsigned b2 = gr(g);
        *o = ins_rs(op, r1, 0, b2, rnd(g, 4096));
    }
    return true;
}

static bool g_si(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0x92, 0x95, 0x91, 0x94, 0x96, 0x97 };
    uint16_t avoid = 1;
    Opnd a = addr_opnd(g, any_ea(g, 1, 1), &avoid, false);
    unsigned op = ops[rnd(g, sizeof ops)], i2 = rnd(g, 256);
    *o = ins_si(op, i2, a.b, a.d);
    return true;
}

static bool g_ri(Gen *g, Ins *o)
{
    static const uint8_t op2[] = { 0x8, 0xA, 0xC, 0xE, 0x0, 0x1 };  /* LHI AHI MHI CHI TMLH TMLL */
    if (!rx_ok(g))
        return false;
    unsigned op = op2[rnd(g, sizeof op2)], r1 = gr(g);
    *o = ins_ri(0xA7, op, r1, (uint16_t)rand_value(g));
    return true;
}

/* A register loaded with an interesting value. */
static bool g_loadval(Gen *g, Ins *o)
{
    uint32_t v = rand_value(g);
    uint32_t a = cslot(g, v);
    if (!a)
        return false;
    *o = ins_rx(0x58, gr(g), 0, 0, a);
    return !g->for_ex;
}

/* ---- misc: program mask, SVC, invalid opcode, linkage -------------------- */

static bool g_spm(Gen *g, Ins *o)
{
    unsigned r;
    if (chance(g, 70) && !g->for_ex) {
        uint16_t avoid = 1;
        r = pick_reg(g, &avoid);
        emit(g, ins_rx(0x41, r, 0, 0, rnd(g, 64)));          /* LA r,v     */
        emit(g, ins_rs(0x89, r, 0, 0, 24));                  /* SLL r,24   */
    } else {
        r = gr(g);
    }
    *o = ins_rr(0x04, r, 0);
    return true;
}

static bool g_svc(Gen *g, Ins *o)
{
    unsigned hi = rnd(g, 16), lo = rnd(g, 16);
    *o = ins_rr(0x0A, hi, lo);
    return true;
}

static bool g_invalid(Gen *g, Ins *o)
{
    unsigned hi = rnd(g, 16), lo = rnd(g, 16);
    *o = ins_rr(0x00, hi, lo);
    return true;
}

/* BALR/BASR r1,0: link information without a branch (24-bit BALR puts the
 * ILC, CC and program mask in bits 0-7). */
static bool g_link(Gen *g, Ins *o)
{
    if (!rx_ok(g))
        return false;
    unsigned op = chance(g, 50) ? 0x05 : 0x0D;
    *o = ins_rr(op, gr(g), 0);
    return true;
}

static bool g_ipm(Gen *g, Ins *o)
{
    *o = ins_rre(0xB222, gr(g), 0);
    return true;
}

/* BSM r1,0: bit 0 of r1 gets the addressing mode, no branch. */
static bool g_bsm_nobranch(Gen *g, Ins *o)
{
    if (!rx_ok(g))
        return false;
    *o = ins_rr(0x0B, gr(g), 0);
    return true;
}

/* ---- decimal ------------------------------------------------------------------ */

/* Offset (in the data area) of an operand of `len` bytes ending at the end
 * of a packed slot other than `not`. */
static uint32_t dec_opnd(Gen *g, unsigned len, uint32_t not)
{
    uint32_t s;
    do
        s = SEC_DEC + 16 * rnd(g, (SEC_DEC_END - SEC_DEC) / 16);
    while (s == not);
    return s + 16 - len;
}

static uint32_t dec_area(Gen *g)
{
    return g->amode31 && g->arch == ARCH_ESA && chance(g, 30) ? A_DATA2 : A_DATA;
}

/* A packed operand of len bytes ending at a slot end, in either copy. */
static uint32_t dec_ea(Gen *g, unsigned len)
{
    uint32_t area = dec_area(g);
    return area + dec_opnd(g, len, ~0u);
}

static unsigned dec_len(Gen *g)
{
    return chance(g, 70) ? 1 + rnd(g, 8) : 1 + rnd(g, 16);
}

/* AP SP ZAP CP MP DP */
static bool g_dec_arith(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0xFA, 0xFB, 0xF8, 0xF9, 0xFC, 0xFD };
    unsigned op = ops[rnd(g, sizeof ops)];
    unsigned l1 = dec_len(g), l2 = dec_len(g);
    if (op >= 0xFC && chance(g, 90)) {         /* MP, DP: L2 <= 8, L2 < L1 */
        l2 = 1 + rnd(g, 8);
        if (l1 <= l2)
            l1 = l2 + 1 + rnd(g, 16 - l2);
    }
    unsigned e1 = eff_l1(g, l1 - 1) + 1, e2 = eff_l2(g, l2 - 1) + 1;
    uint32_t area = dec_area(g);
    uint32_t o1 = dec_opnd(g, e1, ~0u), s1 = (o1 + e1 - 16);
    uint32_t o2;
    if (op <= 0xF9 && e1 == e2 && chance(g, 12))
        o2 = o1;                                  /* the same operand twice */
    else if (op == 0xF8 && chance(g, 10) && e2 <= e1)
        o2 = s1 + 16 - e2;                         /* ZAP: rightmost bytes coincide */
    else
        o2 = dec_opnd(g, e2, s1);
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, area + o1, &avoid, false);
    Opnd a2 = addr_opnd(g, area + o2, &avoid, false);
    *o = ins_ss(op, (l1 - 1) << 4 | (l2 - 1), a1.b, a1.d, a2.b, a2.d);
    return true;
}

static bool g_srp(Gen *g, Ins *o)
{
    unsigned l1 = dec_len(g), e1 = eff_l1(g, l1 - 1) + 1;
    /* I3 must be a valid digit; an invalid one is a data exception with
     * a valid sign: "terminated", unpredictable (see any_ea). */
    unsigned i3 = rnd(g, 10);
    if (g->for_ex && (i3 | (g->ex_or & 15)) > 9) {
        i3 = 0;
        if ((g->ex_or & 15) > 9)
            return false;
    }
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, dec_ea(g, e1), &avoid, false);
    unsigned b2 = 0, d2 = chance(g, 80) ? rnd(g, 64) : rnd(g, 4096);
    if (chance(g, 20))
        b2 = gr(g);
    *o = ins_ss(0xF0, (l1 - 1) << 4 | i3, a1.b, a1.d, b2, d2);
    return true;
}

/* MVO PACK UNPK: first operand in the second random section, second
 * operand in the packed slots or the first random section (disjoint). */
static bool g_dec_move(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0xF1, 0xF2, 0xF3 };
    unsigned op = ops[rnd(g, 3)];
    unsigned l1 = 1 + rnd(g, 16), l2 = 1 + rnd(g, 16);
    unsigned e1 = eff_l1(g, l1 - 1) + 1, e2 = eff_l2(g, l2 - 1) + 1;
    uint32_t ea1 = pick_ea(g, SEC_RAND2, SEC_RAND2_END, e1, 1);
    uint32_t ea2 = op == 0xF2 && chance(g, 50)
        ? pick_ea(g, SEC_RAND, SEC_RAND_END, e2, 1)
        : dec_ea(g, e2);
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, ea1, &avoid, false);
    Opnd a2 = addr_opnd(g, ea2, &avoid, false);
    *o = ins_ss(op, (l1 - 1) << 4 | (l2 - 1), a1.b, a1.d, a2.b, a2.d);
    return true;
}

/* ED / EDMK: a pattern from the edit section, digits from the packed
 * slots (a source field running into the next slot is still digits). */
static bool g_edit(Gen *g, Ins *o)
{
    unsigned l = chance(g, 80) ? rnd(g, 32) : rnd(g, 256);
    unsigned el = eff_l(g, l);
    uint32_t pat = SEC_ED + 32 * rnd(g, (SEC_ED_END - SEC_ED) / 32);
    if (pat + el + 1 > SEC_ED_END)
        pat = SEC_ED_END - el - 1;
    uint32_t src = SEC_DEC + rnd(g, SEC_DEC_END - SEC_DEC - (el + 2) / 2 - 1);
    uint32_t area = dec_area(g);
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, area + pat, &avoid, false);
    Opnd a2 = addr_opnd(g, area + src, &avoid, false);
    *o = ins_ss(chance(g, 60) ? 0xDE : 0xDF, l, a1.b, a1.d, a2.b, a2.d);
    return true;
}

static bool g_cvb_cvd(Gen *g, Ins *o)
{
    if (!rx_ok(g))
        return false;
    bool cvb = chance(g, 55);
    uint32_t ea;
    if (cvb)
        ea = dec_ea(g, 8);                          /* valid digits: see any_ea */
    else
        ea = chance(g, 50) ? dec_ea(g, 8) : any_ea(g, 8, 1);
    unsigned r1 = gr(g);
    uint16_t avoid = (uint16_t)(1 | 1u << r1);
    Opnd a = addr_opnd(g, ea, &avoid, true);
    *o = ins_rx(cvb ? 0x4F : 0x4E, r1, a.x, a.b, a.d);
    return true;
}

/* ---- HFP ------------------------------------------------------------------------ */

/* Register-operand types: L long, S short, X extended pair, D long <- ext
 * (LDXR), E short <- long (LEDR), e short <- ext (LEXR), M ext <- long or
 * short (MXDR, LXDR, LXER), Z one register (LZER/LZDR), z one extended
 * (LZXR). */
static const struct { uint16_t op; char t; uint8_t esa; } hfp_rr[] = {
    { 0x20, 'L', 0 }, { 0x21, 'L', 0 }, { 0x22, 'L', 0 }, { 0x23, 'L', 0 }, { 0x24, 'L', 0 },
    { 0x28, 'L', 0 }, { 0x29, 'L', 0 }, { 0x2A, 'L', 0 }, { 0x2B, 'L', 0 }, { 0x2C, 'L', 0 },
    { 0x2D, 'L', 0 }, { 0x2E, 'L', 0 }, { 0x2F, 'L', 0 },
    { 0x30, 'S', 0 }, { 0x31, 'S', 0 }, { 0x32, 'S', 0 }, { 0x33, 'S', 0 }, { 0x34, 'S', 0 },
    { 0x38, 'S', 0 }, { 0x39, 'S', 0 }, { 0x3A, 'S', 0 }, { 0x3B, 'S', 0 }, { 0x3C, 'S', 0 },
    { 0x3D, 'S', 0 }, { 0x3E, 'S', 0 }, { 0x3F, 'S', 0 },
    { 0x25, 'D', 0 }, { 0x35, 'E', 0 }, { 0x26, 'X', 0 }, { 0x27, 'M', 0 }, { 0x36, 'X', 0 },
    { 0x37, 'X', 0 },
    { 0xB22D, 'X', 1 }, { 0xB244, 'L', 1 }, { 0xB245, 'S', 1 }, { 0xB360, 'X', 1 },
    { 0xB361, 'X', 1 }, { 0xB362, 'X', 1 }, { 0xB363, 'X', 1 }, { 0xB365, 'X', 1 },
    { 0xB366, 'e', 1 }, { 0xB367, 'X', 1 }, { 0xB369, 'X', 1 }, { 0xB374, 'Z', 1 },
    { 0xB375, 'Z', 1 }, { 0xB376, 'z', 1 }, { 0xB377, 'S', 1 }, { 0xB37F, 'L', 1 },
    { 0xB337, 'S', 1 }, { 0xB336, 'X', 1 }, { 0xB324, 'S', 1 }, { 0xB325, 'M', 1 },
    { 0xB326, 'M', 1 },
};

/* ESA/390: an FPR field other than 0, 2, 4, 6 is an AFP-register data
 * exception (DXC 1), an extended pair other than 0/4 (1/5, 8/12, 9/13 with
 * AFP) a specification exception.  When one instruction has both, which
 * one is indicated is unpredictable: specification is priority 8.A and
 * data 8.D in the priority table (GA22-7000 ch. 6; SA22-7201 ch. 6), and
 * conditions whose first difference is a letter are "not exclusive, and
 * it is unpredictable which is indicated".  Such register combinations
 * (after EXECUTE's OR) are not generated.  pair1/pair2: the field is an
 * extended pair; r2 < 0: no second field. */
static bool hfp_regs_ok(const Gen *g, unsigned r1, bool pair1, int r2, bool pair2)
{
    if (g->arch != ARCH_ESA)
        return true;
    bool spec = false, afp = false;
    if (g->for_ex) {
        r1 |= g->ex_or >> 4;
        if (r2 >= 0)
            r2 |= g->ex_or & 15;
    }
    spec |= pair1 && (r1 & 2);
    afp |= (r1 & 9) != 0;
    if (r2 >= 0) {
        spec |= pair2 && (r2 & 2);
        afp |= (r2 & 9) != 0;
    }
    return !(spec && afp);
}

static bool g_hfp_rr(Gen *g, Ins *o)
{
    unsigned i;
    do
        i = rnd(g, sizeof hfp_rr / sizeof hfp_rr[0]);
    while (hfp_rr[i].esa && g->arch != ARCH_ESA);
    if (hfp_rr[i].op > 0xFF && g->for_ex && g->ex_or)
        return false;
    unsigned r1, r2;
    switch (hfp_rr[i].t) {
    case 'X': r1 = fpr_ext(g); r2 = fpr_ext(g); break;
    case 'D': case 'e': r1 = fpr(g); r2 = fpr_ext(g); break;
    case 'M': r1 = fpr_ext(g); r2 = fpr(g); break;
    case 'Z': r1 = fpr(g); r2 = 0; break;
    case 'z': r1 = fpr_ext(g); r2 = 0; break;
    default: r1 = fpr(g); r2 = fpr(g); break;
    }
    char t = hfp_rr[i].t;
    bool one = t == 'Z' || t == 'z';
    if (!hfp_regs_ok(g, r1, t == 'X' || t == 'M' || t == 'z', one ? -1 : (int)r2,
                     t == 'X' || t == 'D' || t == 'e'))
        return false;
    *o = hfp_rr[i].op > 0xFF ? ins_rre(hfp_rr[i].op, r1, r2) : ins_rr(hfp_rr[i].op, r1, r2);
    return true;
}

/* RX: operand length 8 or 4; M = extended result (MXD, LXD, LXE); s =
 * long result from short operands (MDE, LDE). */
static const struct { uint16_t op; uint8_t len; char t; uint8_t esa; } hfp_rx[] = {
    { 0x60, 8, 'L', 0 }, { 0x67, 8, 'M', 0 }, { 0x68, 8, 'L', 0 }, { 0x69, 8, 'L', 0 },
    { 0x6A, 8, 'L', 0 }, { 0x6B, 8, 'L', 0 }, { 0x6C, 8, 'L', 0 }, { 0x6D, 8, 'L', 0 },
    { 0x6E, 8, 'L', 0 }, { 0x6F, 8, 'L', 0 }, { 0x70, 4, 'S', 0 }, { 0x78, 4, 'S', 0 },
    { 0x79, 4, 'S', 0 }, { 0x7A, 4, 'S', 0 }, { 0x7B, 4, 'S', 0 }, { 0x7C, 4, 's', 0 },
    { 0x7D, 4, 'S', 0 }, { 0x7E, 4, 'S', 0 }, { 0x7F, 4, 'S', 0 },
    { 0xED34, 4, 'S', 1 }, { 0xED35, 8, 'L', 1 }, { 0xED37, 4, 'S', 1 },
    { 0xED24, 4, 's', 1 }, { 0xED25, 8, 'M', 1 }, { 0xED26, 4, 'M', 1 },
};

static bool g_hfp_rx(Gen *g, Ins *o)
{
    if (!rx_ok(g))
        return false;
    unsigned i;
    do
        i = rnd(g, sizeof hfp_rx / sizeof hfp_rx[0]);
    while (hfp_rx[i].esa && g->arch != ARCH_ESA);
    if (hfp_rx[i].op > 0xFF && g->for_ex && g->ex_or)
        return false;
    unsigned len = hfp_rx[i].len;
    unsigned align = g->arch == ARCH_ESA && chance(g, 15) ? 1 : len;
    uint32_t ea = chance(g, 85) ? pick_ea(g, SEC_HFP, SEC_HFP_END, len, align)
                                : any_ea(g, len, align);
    unsigned r1 = hfp_rx[i].t == 'M' ? fpr_ext(g) : fpr(g);
    if (!hfp_regs_ok(g, r1, hfp_rx[i].t == 'M', -1, false))
        return false;
    uint16_t avoid = 1;
    Opnd a = addr_opnd(g, ea, &avoid, true);
    if (hfp_rx[i].op > 0xFF)
        *o = ins_rxe(hfp_rx[i].op >> 8, hfp_rx[i].op & 0xFF, r1, a.x, a.b, a.d);
    else
        *o = ins_rx(hfp_rx[i].op, r1, a.x, a.b, a.d);
    return true;
}

/* ---- storage to storage: moves, logical, compare, translate ------------- */

static bool g_ss_logic(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0xD2, 0xD2, 0xD1, 0xD3, 0xD4, 0xD6, 0xD7, 0xD5, 0xD5 };
    unsigned op = ops[rnd(g, sizeof ops)];
    unsigned l = len_code(g), el = eff_l(g, l);
    uint32_t ea1 = any_ea(g, el + 1 + 16, 1), ea2;
    if (chance(g, 25)) {                            /* overlapping: defined */
        int delta = (int)rnd(g, 17) - 8;
        ea2 = ea1 + 8 + (uint32_t)delta;
        ea1 += 8;
    } else {
        ea2 = any_ea(g, el + 1, 1);
    }
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, ea1, &avoid, false);
    Opnd a2 = addr_opnd(g, ea2, &avoid, false);
    *o = ins_ss(op, l, a1.b, a1.d, a2.b, a2.d);
    return true;
}

/* TR, TRT: the argument in a random section, the table in the TRT section
 * (or the HFP section); disjoint. */
static bool g_tr(Gen *g, Ins *o)
{
    bool trt = chance(g, 55);
    unsigned l = len_code(g), el = eff_l(g, l);
    uint32_t ea1 = chance(g, 50) ? pick_ea(g, SEC_RAND, SEC_RAND_END, el + 1, 1)
                                 : pick_ea(g, SEC_RAND2, SEC_RAND2_END, el + 1, 1);
    uint32_t ea2 = chance(g, 80) ? pick_ea(g, SEC_TRT, SEC_TRT_END, 256, chance(g, 70) ? 256 : 1)
                                 : pick_ea(g, SEC_HFP, SEC_HFP_END, 256, 1);
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, ea1, &avoid, false);
    Opnd a2 = addr_opnd(g, ea2, &avoid, false);
    *o = ins_ss(trt ? 0xDD : 0xDC, l, a1.b, a1.d, a2.b, a2.d);
    return true;
}

/* MVCIN: the second-operand address designates its rightmost byte. */
static bool g_mvcin(Gen *g, Ins *o)
{
    unsigned l = len_code(g), el = eff_l(g, l);
    uint32_t ea1 = pick_ea(g, SEC_RAND2, SEC_RAND2_END, el + 1, 1);
    uint32_t ea2 = pick_ea(g, SEC_RAND, SEC_RAND_END, el + 1, 1) + el;
    uint16_t avoid = 1;
    Opnd a1 = addr_opnd(g, ea1, &avoid, false);
    Opnd a2 = addr_opnd(g, ea2, &avoid, false);
    *o = ins_ss(0xE8, l, a1.b, a1.d, a2.b, a2.d);
    return true;
}

/* Sometimes set the bits of an address register that the addressing mode
 * ignores (bits 0-7 or bit 0): O r,=X'..'. */
static void addr_garbage(Gen *g, unsigned r)
{
    if (!chance(g, 30))
        return;
    uint32_t a = cslot(g, g->amode31 ? 0x80000000u : 0xA5000000u);
    if (a)
        emit(g, ins_rx(0x56, r, 0, 0, a));
}

static uint32_t long_len(Gen *g)
{
    unsigned k = rnd(g, 10);
    return k < 2 ? 0 : k < 6 ? rnd(g, 32) : rnd(g, 0x600);
}

/* MVCL / CLCL with address and length registers set up; odd registers
 * now and then (specification exception); overlap sometimes (MVCL then
 * ends with CC 3 on destructive overlap). */
static bool g_mvcl(Gen *g, Ins *o)
{
    bool clcl = chance(g, 40);
    unsigned r1 = even_r(g), r2 = even_r(g);
    if ((r1 & 1) || (r2 & 1)) {
        *o = ins_rr(clcl ? 0x0F : 0x0E, r1, r2);    /* specification */
        return true;
    }
    if (r1 == r2 && chance(g, 80))
        return false;
    uint32_t l1 = long_len(g), l2 = long_len(g);
    uint32_t ea1 = any_ea(g, l1 + 33, 1), ea2;
    if (chance(g, 20)) {                            /* overlapping operands */
        ea1 += 16;
        ea2 = ea1 + rnd(g, 33) - 16;
        uint32_t end = (ea1 >= A_DATA2 ? A_DATA2 : A_DATA) + DATA_LEN;
        if (ea2 + l2 > end)
            l2 = end - ea2;
    } else {
        ea2 = any_ea(g, l2 + 1, 1);
    }
    uint16_t avoid = 1;
    load_addr_reg(g, r1, ea1, &avoid);
    addr_garbage(g, r1);
    emit(g, ins_rx(0x41, r1 + 1, 0, 0, l1));                      /* LA r1+1,l1 */
    avoid |= (uint16_t)(3u << r1);
    load_addr_reg(g, r2, ea2, &avoid);
    addr_garbage(g, r2);
    emit(g, ins_rx(0x41, r2 + 1, 0, 0, l2));                      /* LA r2+1,l2 */
    static const uint32_t pads[] = { 0x00000000u, 0x40000000u, 0xFF000000u, 0x5A000000u };
    uint32_t pa = cslot(g, pads[rnd(g, 4)]);
    if (pa)
        emit(g, ins_rx(0x56, r2 + 1, 0, 0, pa));                  /* O r2+1,pad */
    /* all four registers matter: EXECUTE must not take one as its base */
    g->used |= (uint16_t)(3u << r1 | 3u << r2);
    *o = ins_rr(clcl ? 0x0F : 0x0E, r1, r2);
    return true;
}

/* ESA/390 MVCLE / CLCLE, followed by BRC 1,*-4: a CPU-determined amount
 * is processed each time, so only the final state is compared. */
static bool g_mvcle(Gen *g, Ins *o)
{
    bool clcle = chance(g, 40);
    unsigned r1 = 2 * rnd(g, 8), r3 = 2 * rnd(g, 8);
    if (r1 == r3 || r1 == 0 || r3 == 0)
        return false;
    uint32_t l1 = long_len(g), l3 = long_len(g);
    uint32_t ea1 = any_ea(g, l1 + 1, 1), ea3 = any_ea(g, l3 + 1, 1);
    uint16_t avoid = 1;
    /* DEVIATION H2 (docs/testing.md): with a first-operand length of
     * zero, Hercules 3.13 leaves bits 0-7 / bit 0 of R1 and R3 as they
     * were; so no such bits then. */
    load_addr_reg(g, r1, ea1, &avoid);
    if (l1)
        addr_garbage(g, r1);
    emit(g, ins_rx(0x41, r1 + 1, 0, 0, l1));
    avoid |= (uint16_t)(3u << r1);
    load_addr_reg(g, r3, ea3, &avoid);
    if (l1)
        addr_garbage(g, r3);
    emit(g, ins_rx(0x41, r3 + 1, 0, 0, l3));
    emit(g, ins_rs(clcle ? 0xA9 : 0xA8, r1, r3, 0, rnd(g, 4096)));
    emit(g, ins_ri(0xA7, 0x4, 1, 0xFFFE));                         /* BRC 1,*-4 */
    (void)o;
    return true;
}

/* ESA/390 CLST / SRST / CKSM, followed by BRC 1,*-4 (the CPU-determined
 * end, CC 3).  Not after a specification exception (GR0 bits 0-23 not
 * zero, odd CKSM register): the CC left over could be 3 and loop.
 * CLST: the two addresses differ, so the strings differ within a few
 * bytes.  When they are equal up to the ending characters (CC 0) the
 * registers keep the values of the last CC-3 execution, which depends on
 * the CPU-determined amount.  SRST: at most 255 bytes within one 2K page,
 * one execution on any machine, since R2 after CC 1 or 2 is likewise the
 * value of the last CC-3 execution. */
static bool g_string(Gen *g, Ins *o)
{
    unsigned k = rnd(g, 3);
    bool spec = chance(g, 6);
    uint16_t avoid = 1;
    unsigned r1 = pick_reg(g, &avoid), r2;
    if (k == 2) {                                   /* CKSM r1,r2 (r2 even pair) */
        r2 = 2 * (1 + rnd(g, 7));
        if (r2 == r1 || r2 + 1 == r1)
            return false;
        uint32_t len = chance(g, 5) ? 0 : rnd(g, 0x400);
        load_addr_reg(g, r2, any_ea(g, len + 1, 1), &avoid);
        addr_garbage(g, r2);
        emit(g, ins_rx(0x41, r2 + 1, 0, 0, len));
        emit(g, ins_rre(0xB241, r1, spec ? r2 | 1 : r2));
    } else {
        r2 = pick_reg(g, &avoid);
        emit(g, ins_rx(0x41, 0, 0, 0, spec ? 0x100 + rnd(g, 256) : k == 0 ? 0 : rnd(g, 256)));
        if (k == 0) {
            uint32_t ea2 = any_ea(g, 0x100, 1), ea1;
            do
                ea1 = any_ea(g, 0x100, 1);
            while (ea1 == ea2);
            load_addr_reg(g, r2, ea2, &avoid);
            addr_garbage(g, r2);
            load_addr_reg(g, r1, ea1, &avoid);
            addr_garbage(g, r1);
            emit(g, ins_rre(0xB25D, r1, r2));
        } else {
            uint32_t len = rnd(g, 0x100);
            uint32_t ea2 = any_ea(g, len + 1, 1);
            if ((ea2 & ~0x7FFu) != ((ea2 + len) & ~0x7FFu))
                ea2 = ((ea2 + len) & ~0x7FFu) - len - 1;
            load_addr_reg(g, r2, ea2, &avoid);
            addr_garbage(g, r2);
            load_addr_reg(g, r1, ea2 + len, &avoid);    /* SRST: end address */
            addr_garbage(g, r1);
            emit(g, ins_rre(0xB25E, r1, r2));
        }
    }
    if (!spec)
        emit(g, ins_ri(0xA7, 0x4, 1, 0xFFFE));                     /* BRC 1,*-4 */
    (void)o;
    return true;
}

/* ---- branches, forward only ------------------------------------------------- */

/* BASR/BALR rb,0: rb = address of the next instruction.  Returns rb. */
static unsigned emit_base(Gen *g, uint16_t *avoid)
{
    unsigned rb = pick_reg(g, avoid);
    bool basr = g->arch == ARCH_ESA && chance(g, 50);
    emit(g, ins_rr(basr ? 0x0D : 0x05, rb, 0));
    return rb;
}

/* RX-format branch (BC BAL BAS BCT) to a later unit, base from BASR. */
static bool g_br_rx(Gen *g, Ins *o)
{
    uint16_t avoid = 1;
    unsigned rb = emit_base(g, &avoid);
    uint32_t base = g->pc;
    unsigned k = rnd(g, 10), op, r1;
    if (k < 5)
        op = 0x47, r1 = rnd(g, 16);                /* BC mask */
    else if (k < 7)
        op = chance(g, 50) ? 0x45 : 0x4D, r1 = gr(g);   /* BAL, BAS */
    else
        op = 0x46, r1 = gr(g);                    /* BCT */
    if (op == 0x4D && g->arch != ARCH_ESA)
        op = 0x45;
    add_fixup(g, g->pc + 2, FX_D12, base, rand_skip(g));
    emit(g, ins_rx(op, r1, 0, rb, 0));
    (void)o;
    return true;
}

/* RR-format branch (BCR BALR BASR BCTR) to a later unit; or no branch
 * (R2 = 0). */
static bool g_br_rr(Gen *g, Ins *o)
{
    static const uint8_t ops[] = { 0x07, 0x07, 0x05, 0x0D, 0x06 };
    unsigned op = ops[rnd(g, sizeof ops)];
    if (op == 0x0D && g->arch != ARCH_ESA)
        op = 0x05;
    unsigned r1 = op == 0x07 ? rnd(g, 16) : gr(g);
    if (chance(g, 15)) {
        emit(g, ins_rr(op, r1, 0));
        return true;
    }
    uint16_t avoid = 1;
    unsigned rb = emit_base(g, &avoid);
    uint32_t base = g->pc;
    add_fixup(g, g->pc + 2, FX_D12, base, rand_skip(g));
    emit(g, ins_rx(0x41, rb, 0, rb, 0));          /* LA rb,d(0,rb) */
    if (op != 0x07 && chance(g, 20))
        r1 = rb;                                   /* link register = branch register */
    emit(g, ins_rr(op, r1, rb));
    (void)o;
    return true;
}

/* BXH / BXLE: increment r3, comparand r3|1. */
static bool g_bxh(Gen *g, Ins *o)
{
    uint16_t avoid = 1;
    unsigned rb = emit_base(g, &avoid);
    uint32_t base = g->pc;
    add_fixup(g, g->pc + 2, FX_D12, base, rand_skip(g));
    unsigned op = chance(g, 50) ? 0x86 : 0x87, r1 = gr(g), r3 = gr(g);
    emit(g, ins_rs(op, r1, r3, rb, 0));
    (void)o;
    return true;
}

/* ESA/390 relative branches: BRC BRAS BRCT BRXH BRXLE, BRCL BRASL. */
static bool g_br_rel(Gen *g, Ins *o)
{
    unsigned k = rnd(g, 10);
    uint32_t at = g->pc;
    if (k >= 8) {
        add_fixup(g, at + 2, FX_REL32, at, rand_skip(g));
        emit(g, ins_ril(0xC0, k == 8 ? 0x4 : 0x5, k == 8 ? rnd(g, 16) : gr(g), 0));
        (void)o;
        return true;
    }
    add_fixup(g, at + 2, FX_REL16, at, rand_skip(g));
    if (k < 3) {
        emit(g, ins_ri(0xA7, 0x4, rnd(g, 16), 0));            /* BRC   */
    } else if (k < 4) {
        emit(g, ins_ri(0xA7, 0x5, gr(g), 0));                 /* BRAS  */
    } else if (k < 6) {
        emit(g, ins_ri(0xA7, 0x6, gr(g), 0));                 /* BRCT  */
    } else {
        unsigned r1 = gr(g), r3 = gr(g);
        emit(g, ins_rs(k == 6 ? 0x84 : 0x85, r1, r3, 0, 0));  /* BRXH BRXLE */
    }
    (void)o;
    return true;
}

/* ---- EXECUTE ------------------------------------------------------------------ */

static const Kind *kind_table(unsigned *n);

/*   [target preamble] [LA rx,v] BASR rb,0; BC 15,4+L(0,rb); target; EX rx,4(0,rb)
 * The branch around the target comes before it: after the OR the target
 * may write any register, rb included. */
static bool g_ex(Gen *g, Ins *o)
{
    Ins t;
    unsigned rx = 0;
    uint8_t orv = 0;
    unsigned k = rnd(g, 20);
    uint32_t pc0 = g->pc;
    uint16_t used0 = g->used;

    if (k < 2) {                                   /* EX of EX: execute exception */
        unsigned r1 = gr(g), x2 = gr(g), b2 = gr(g);
        t = ins_rx(0x44, r1, x2, b2, rnd(g, 4096));
    } else {
        if (k >= 8) {
            orv = (uint8_t)rnd(g, 256);
            if (chance(g, 40))
                orv &= 0xF0;
        }
        unsigned nk;
        const Kind *kt = kind_table(&nk);
        for (int tries = 0;; tries++) {
            if (tries > 50)
                return false;
            const Kind *kd = &kt[rnd(g, nk)];
            if ((kd->flags & K_ESA) && g->arch != ARCH_ESA)
                continue;
            if (!(kd->flags & (orv ? K_EXOR : (K_EX | K_EXOR))))
                continue;
            g->pc = pc0;
            g->used = used0;
            g->for_ex = true;
            g->ex_or = orv;
            bool ok = kd->fn(g, &t);
            g->for_ex = false;
            g->ex_or = 0;
            if (ok)
                break;
        }
    }
    uint16_t avoid = (uint16_t)(g->used | 1);
    if (orv || chance(g, 30)) {
        rx = pick_reg(g, &avoid);
        emit(g, ins_rx(0x41, rx, 0, 0, (rnd(g, 16) << 8) | orv));    /* LA rx,v */
    }
    unsigned rb = emit_base(g, &avoid);
    unsigned d = 4 + (chance(g, 4) ? 1 : 0);                          /* odd: spec */
    emit(g, ins_rx(0x47, 15, 0, rb, 4 + t.len));
    emit(g, t);
    emit(g, ins_rx(0x44, rx, 0, rb, d));
    (void)o;
    return true;
}

/* ---- addressing-mode switches (ESA/390) ---------------------------------------- */

/* BASR r2,0; LA r2,k(0,r2); [O r2,=X'80000000']; BSM r1,r2 | BASSM r1,r2
 * to the next instruction, in the mode chosen.  A barrier: no branch goes
 * past it, so the generator always knows the mode. */
static bool g_amode(Gen *g, Ins *o)
{
    bool to31 = chance(g, 55);
    uint16_t avoid = 1;
    unsigned r2 = pick_reg(g, &avoid);
    unsigned r1 = chance(g, 30) ? 0 : pick_reg(g, &avoid);
    bool bassm = chance(g, 40);
    if (bassm && r1 == 0)
        r1 = pick_reg(g, &avoid);
    uint32_t o80 = 0;
    if (to31 && !(o80 = cslot(g, 0x80000000u)))
        return false;
    emit(g, ins_rr(0x0D, r2, 0));                                  /* BASR r2,0 */
    emit(g, ins_rx(0x41, r2, 0, r2, to31 ? 10 : 6));               /* LA r2,k(r2) */
    if (to31)
        emit(g, ins_rx(0x56, r2, 0, 0, o80));                      /* O r2,=X'80000000' */
    emit(g, ins_rr(bassm ? 0x0C : 0x0B, r1, r2));
    g->amode31 = to31;
    (void)o;
    return true;
}

/* ---- the mix ----------------------------------------------------------------------- */

static const Kind kinds[] = {
    /* general */
    { g_rr_gr,      60, K_EX | K_EXOR,           "rr-fixed/logical" },
    { g_rre_gr,      8, K_ESA | K_EX,            "rre-fixed" },
    { g_rxe_gr,      6, K_ESA | K_EX,            "rxe-fixed" },
    { g_larl,        2, K_ESA,                   "larl" },
    { g_rx_gr,      60, K_EX | K_EXOR,           "rx-fixed/logical" },
    { g_la,          8, K_EX | K_EXOR,           "la" },
    { g_lm_stm,      8, K_EX | K_EXOR,           "lm/stm" },
    { g_icm,        10, K_EX | K_EXOR,           "icm/stcm/clm" },
    { g_cs,          8, K_EX | K_EXOR,           "cs/cds" },
    { g_ts,          2, K_EX | K_EXOR,           "ts" },
    { g_shift,      25, K_EX | K_EXOR,           "shift" },
    { g_si,         20, K_EX | K_EXOR,           "si" },
    { g_ri,         12, K_ESA | K_EX | K_EXOR,   "ri" },
    { g_loadval,    12, 0,                       "load-value" },
    /* misc */
    { g_spm,         8, K_EX | K_EXOR,           "spm" },
    { g_svc,         3, K_EX | K_EXOR,           "svc" },
    { g_invalid,     1, K_EX | K_EXOR,           "invalid-op" },
    { g_link,        4, K_EX | K_EXOR,           "balr/basr-nobranch" },
    { g_ipm,         3, K_ESA | K_EX,            "ipm" },
    { g_bsm_nobranch, 2, K_ESA | K_EX | K_EXOR,  "bsm-nobranch" },
    /* branches */
    { g_br_rx,      14, K_SELF,                  "branch-rx" },
    { g_br_rr,      10, K_SELF,                  "branch-rr" },
    { g_bxh,         5, K_SELF,                  "bxh/bxle" },
    { g_br_rel,     10, K_ESA | K_SELF,          "branch-relative" },
    { g_ex,         20, K_SELF,                  "ex" },
    { g_amode,       4, K_ESA | K_SELF | K_BARRIER, "bsm/bassm-mode" },
    /* decimal */
    { g_dec_arith,  30, K_EX | K_EXOR,           "decimal-arith" },
    { g_srp,         8, K_EX | K_EXOR,           "srp" },
    { g_dec_move,   10, K_EX | K_EXOR,           "mvo/pack/unpk" },
    { g_edit,        8, K_EX | K_EXOR,           "ed/edmk" },
    { g_cvb_cvd,     8, K_EX | K_EXOR,           "cvb/cvd" },
    /* HFP */
    { g_hfp_rr,     45, K_EX | K_EXOR,           "hfp-rr" },
    { g_hfp_rx,     30, K_EX | K_EXOR,           "hfp-rx" },
    /* storage to storage */
    { g_ss_logic,   30, K_EX | K_EXOR,           "mvc/clc/xc/nc/oc/mvn/mvz" },
    { g_tr,         10, K_EX | K_EXOR,           "tr/trt" },
    { g_mvcin,       2, K_ESA | K_EX | K_EXOR,   "mvcin" },
    { g_mvcl,       10, K_EX,                    "mvcl/clcl" },
    { g_mvcle,       3, K_ESA | K_SELF,          "mvcle/clcle" },
    { g_string,      3, K_ESA | K_SELF,          "clst/srst/cksm" },
};
static const unsigned nkinds = sizeof kinds / sizeof kinds[0];

static const Kind *kind_table(unsigned *n)
{
    *n = nkinds;
    return kinds;
}

void gen_unit(Gen *g)
{
    unsigned total = 0;
    for (unsigned i = 0; i < nkinds; i++)
        if (!(kinds[i].flags & K_ESA) || g->arch == ARCH_ESA)
            total += kinds[i].weight;
    for (;;) {
        unsigned w = rnd(g, total), i = 0;
        for (;; i++) {
            if ((kinds[i].flags & K_ESA) && g->arch != ARCH_ESA)
                continue;
            if (w < kinds[i].weight)
                break;
            w -= kinds[i].weight;
        }
        const Kind *k = &kinds[i];
        uint32_t pc0 = g->pc;
        unsigned nfix0 = g->nfix;
        bool amode0 = g->amode31;
        g->used = 0;
        g->for_ex = false;
        g->ex_or = 0;
        unit_begin(g, k->name, (k->flags & K_BARRIER) != 0);
        Ins in;
        if (k->fn(g, &in)) {
            if (!(k->flags & K_SELF))
                emit(g, in);
            return;
        }
        g->nunits--;
        g->pc = pc0;
        g->nfix = nfix0;
        g->amode31 = amode0;
    }
}
