/*
 * randgen.c — random instruction streams for the differential runs against
 * Hercules 3.13 (tests/hercules/run-random-diff.sh).  A host tool.
 *
 *   randgen --seed N --arch esa390|s370 [--units N] [-v] -o prog.bin
 *
 * writes a flat image meant for `interpex run --core` and
 * `hercules-run.sh --core` (loaded at absolute 0, started through the
 * restart new PSW), and prints on standard output the options both runners
 * need: "ARCH=esa390 MAINSIZE=17 DUMPS=2C0:140,800:800,...".  The same seed
 * and architecture always give the same image.
 *
 * Storage layout (absolute; every handler address is below 4096 so that
 * the handlers need no base register):
 *
 *   000-1FF  PSA: restart new PSW -> X'1000', program and SVC new PSWs ->
 *            the handlers, the other new PSWs -> disabled waits X'EEEx'
 *   200-27F  program-check handler: logs the old PSW, the interruption
 *            code word (X'8C'; zero in S/370 BC mode, where the code is
 *            in the old PSW) and the word at X'90' (TEA / DXC), counts,
 *            and resumes with LPSW of the old PSW.  Every exception the
 *            generator provokes suppresses or completes (DAT is off), so
 *            the old PSW points past the instruction and nothing loops.
 *   280-2BF  SVC handler: the same for SVC (code word X'88', marked 'S')
 *   2C0-2FF  handler save area, interruption counter (2C8), final wait
 *            PSW (2D0), log index mask (2D8)
 *   300-37F  result area: GR0-15 (300), FPR 0/2/4/6 (340), the CC and
 *            program mask (360: IPM, or BALR's link byte in S/370)
 *   380-3FF  initial GRs (380), FPRs (3C0), setup words (3E0)
 *   400-7FF  constant table: base-register anchors and interesting values
 *   800-FFF  interruption log, 128 entries of 16 bytes (wraps)
 *   1000-    the program: setup, a few hundred random units, final dump
 *   10000-13FFF  data area (random bytes, packed-decimal slots, HFP
 *            numbers, edit patterns, TRT tables); ESA/390 copies it to
 *            X'1010000' at the start, so that a 24-bit address with bits
 *            7 on (X'01xxxxxx') and the same 31-bit address reach
 *            different copies.
 *
 * A unit is an optional preamble (load base and index registers from the
 * constant table, so that every operand falls in the data area whatever
 * the random register contents) and one instruction.  Branches go forward
 * only, to the start of a later unit, never across an addressing-mode
 * switch (the generator must know the mode to build addresses).  EXECUTE
 * units jump around their target.  No instruction can reach the handlers,
 * the log, the constants or the code.
 *
 * Cases where Hercules 3.13 deviates from the Principles of Operation are
 * avoided with a comment "DEVIATION Hn" naming the entry in docs/testing.md
 * ("Known deviations"); cases the PoO leaves unpredictable are not
 * generated (comments say which).  The parts of the machine a random
 * stream cannot reach (DAT, keys, prefixing, SVC, BC mode, timers) are
 * covered by the scenario programs in tests/hercules/scenarios/.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/hercules/randgen.h"

/* ---- random numbers: splitmix64, fixed per seed ------------------------- */

uint64_t rg_next(Gen *g)
{
    uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint32_t rnd(Gen *g, uint32_t n)
{
    return n ? (uint32_t)(rg_next(g) % n) : 0;
}

bool chance(Gen *g, unsigned pct)
{
    return rnd(g, 100) < pct;
}

/* ---- image and instruction encoding ------------------------------------- */

void put32(Gen *g, uint32_t a, uint32_t v)
{
    g->img[a] = (uint8_t)(v >> 24);
    g->img[a + 1] = (uint8_t)(v >> 16);
    g->img[a + 2] = (uint8_t)(v >> 8);
    g->img[a + 3] = (uint8_t)v;
}

void put64(Gen *g, uint32_t a, uint64_t v)
{
    put32(g, a, (uint32_t)(v >> 32));
    put32(g, a + 4, (uint32_t)v);
}

uint32_t get32(const Gen *g, uint32_t a)
{
    return (uint32_t)g->img[a] << 24 | (uint32_t)g->img[a + 1] << 16 |
           (uint32_t)g->img[a + 2] << 8 | g->img[a + 3];
}

static void fail(const char *msg)
{
    fprintf(stderr, "randgen: %s\n", msg);
    exit(2);
}

void emit(Gen *g, Ins in)
{
    if (g->pc + in.len > g->code_end)
        fail("code area overflow");
    memcpy(g->img + g->pc, in.b, in.len);
    g->pc += in.len;
}

Ins ins_rr(unsigned op, unsigned r1, unsigned r2)
{
    return (Ins){ { (uint8_t)op, (uint8_t)(r1 << 4 | r2) }, 2 };
}

Ins ins_rx(unsigned op, unsigned r1, unsigned x2, unsigned b2, unsigned d2)
{
    return (Ins){ { (uint8_t)op, (uint8_t)(r1 << 4 | x2), (uint8_t)(b2 << 4 | d2 >> 8),
                    (uint8_t)d2 }, 4 };
}

Ins ins_rs(unsigned op, unsigned r1, unsigned r3, unsigned b2, unsigned d2)
{
    return ins_rx(op, r1, r3, b2, d2);
}

Ins ins_si(unsigned op, unsigned i2, unsigned b1, unsigned d1)
{
    return (Ins){ { (uint8_t)op, (uint8_t)i2, (uint8_t)(b1 << 4 | d1 >> 8), (uint8_t)d1 }, 4 };
}

Ins ins_s(unsigned op16, unsigned b2, unsigned d2)
{
    return (Ins){ { (uint8_t)(op16 >> 8), (uint8_t)op16, (uint8_t)(b2 << 4 | d2 >> 8),
                    (uint8_t)d2 }, 4 };
}

/* SS with one length: l is the length code (length - 1). */
Ins ins_ss(unsigned op, unsigned l, unsigned b1, unsigned d1, unsigned b2, unsigned d2)
{
    return (Ins){ { (uint8_t)op, (uint8_t)l, (uint8_t)(b1 << 4 | d1 >> 8), (uint8_t)d1,
                    (uint8_t)(b2 << 4 | d2 >> 8), (uint8_t)d2 }, 6 };
}

Ins ins_rre(unsigned op16, unsigned r1, unsigned r2)
{
    return (Ins){ { (uint8_t)(op16 >> 8), (uint8_t)op16, 0, (uint8_t)(r1 << 4 | r2) }, 4 };
}

Ins ins_ri(unsigned op, unsigned op2, unsigned r1, unsigned i2)
{
    return (Ins){ { (uint8_t)op, (uint8_t)(r1 << 4 | op2), (uint8_t)(i2 >> 8), (uint8_t)i2 }, 4 };
}

Ins ins_ril(unsigned op, unsigned op2, unsigned r1, uint32_t i2)
{
    return (Ins){ { (uint8_t)op, (uint8_t)(r1 << 4 | op2), (uint8_t)(i2 >> 24),
                    (uint8_t)(i2 >> 16), (uint8_t)(i2 >> 8), (uint8_t)i2 }, 6 };
}

Ins ins_rxe(unsigned op, unsigned op2, unsigned r1, unsigned x2, unsigned b2, unsigned d2)
{
    return (Ins){ { (uint8_t)op, (uint8_t)(r1 << 4 | x2), (uint8_t)(b2 << 4 | d2 >> 8),
                    (uint8_t)d2, 0, (uint8_t)op2 }, 6 };
}

/* ---- the constant table and operand addressing --------------------------- */

/* Address of a constant-table word holding v (added if absent); 0 when the
 * table is full. */
uint32_t cslot(Gen *g, uint32_t v)
{
    for (unsigned i = 0; i < g->nconst; i++)
        if (get32(g, A_CONST + 4 * i) == v)
            return A_CONST + 4 * i;
    if (g->nconst == N_CONST)
        return 0;
    put32(g, A_CONST + 4 * g->nconst, v);
    return A_CONST + 4 * g->nconst++;
}

/* L r,const(0,0): r = v.  False if the table is full. */
bool load_const(Gen *g, unsigned r, uint32_t v)
{
    uint32_t a = cslot(g, v);
    if (!a)
        return false;
    emit(g, ins_rx(0x58, r, 0, 0, a));
    return true;
}

uint32_t amask(const Gen *g)
{
    return g->amode31 ? 0x7FFFFFFFu : 0x00FFFFFFu;
}

/* A register 1-15 not in *avoid; marks it. */
unsigned pick_reg(Gen *g, uint16_t *avoid)
{
    unsigned r;
    do
        r = 1 + rnd(g, 15);
    while (*avoid & (1u << r));
    *avoid |= (uint16_t)(1u << r);
    g->used |= (uint16_t)(1u << r);
    return r;
}

/* Load a base (and sometimes an index) register so that D(X,B) designates
 * logical address ea in the current addressing mode; registers in *avoid
 * are not used, and the ones used are added.  The base is an anchor (a
 * multiple of X'400') from the constant table; bits beyond the addressing
 * mode are sometimes set, since address generation ignores them. */
Opnd addr_opnd(Gen *g, uint32_t ea, uint16_t *avoid, bool allow_index)
{
    static const uint32_t index_vals[] = {
        0x10, 0x100, 0x7FF, 0xFFFFFFF0u, 0xFFFFF800u, 0x1000, 0xFFFFF000u, 0x01000000u, 0x3,
    };
    uint32_t m = amask(g);
    Opnd o = { 0, 0, 0 };
    uint32_t xv = 0;

    if (allow_index && chance(g, 25)) {
        uint32_t v = index_vals[rnd(g, sizeof index_vals / sizeof index_vals[0])];
        if (cslot(g, v)) {
            o.x = pick_reg(g, avoid);
            load_const(g, o.x, v);
            xv = v;
        }
    }
    uint32_t need = (ea - xv) & m;          /* base + displacement */
    /* An existing anchor within reach, most of the time. */
    if (chance(g, 70)) {
        unsigned cand[N_CONST], n = 0;
        for (unsigned i = 0; i < g->nconst; i++) {
            uint32_t v = get32(g, A_CONST + 4 * i);
            if ((v & 0x3FF) == 0 && ((need - v) & m) <= 4095)
                cand[n++] = i;
        }
        if (n) {
            unsigned i = cand[rnd(g, n)];
            uint32_t v = get32(g, A_CONST + 4 * i);
            o.b = pick_reg(g, avoid);
            emit(g, ins_rx(0x58, o.b, 0, 0, A_CONST + 4 * i));
            o.d = (need - v) & m;
            return o;
        }
    }
    uint32_t d = rnd(g, 3072);
    uint32_t base = (need - d) & m & ~0x3FFu;
    d = (need - base) & m;
    if (g->amode31) {
        if (chance(g, 20))
            base |= 0x80000000u;            /* bit 0 is not part of a 31-bit address */
    } else if (chance(g, 25)) {
        static const uint32_t hi[] = { 0xA5000000u, 0x01000000u, 0xFF000000u };
        base |= hi[rnd(g, 3)];
    }
    uint32_t a = cslot(g, base);
    if (!a)
        a = cslot(g, base & m);
    if (!a) {                               /* table full: any anchor in reach */
        for (unsigned i = 0; i < g->nconst && !a; i++) {
            uint32_t v = get32(g, A_CONST + 4 * i);
            if ((v & 0x3FF) == 0 && ((need - v) & m) <= 4095)
                a = A_CONST + 4 * i, base = v, d = (need - v) & m;
        }
        if (!a)
            fail("constant table full");
    }
    o.b = pick_reg(g, avoid);
    emit(g, ins_rx(0x58, o.b, 0, 0, a));
    o.d = d;
    return o;
}

/* Register r = logical address ea exactly: L r,anchor; LA r,d(0,r) (for
 * r = 0 the anchor goes to a register not in *avoid). */
void load_addr_reg(Gen *g, unsigned r, uint32_t ea, uint16_t *avoid)
{
    uint16_t only = r ? (uint16_t)~(1u << r) : (uint16_t)(*avoid | 1);
    Opnd o = addr_opnd(g, ea, &only, false);
    emit(g, ins_rx(0x41, r, 0, o.b, o.d));
    *avoid |= (uint16_t)(1u << r);
}

/* ---- data-area addresses -------------------------------------------------- */

/* A logical address in the data-area section [lo, hi) (offsets in the data
 * area) with `room` bytes before the end of the section, aligned to
 * `align`; near a 2K or 4K boundary a third of the time.  In 31-bit mode
 * it is sometimes in the copy above 16M. */
uint32_t pick_ea(Gen *g, uint32_t lo, uint32_t hi, uint32_t room, uint32_t align)
{
    if (room >= hi - lo)
        room = hi - lo - 1;
    uint32_t off;
    if (chance(g, 33) && room > 1) {
        uint32_t b = (lo + 0x7FF + rnd(g, hi - lo)) & ~0x7FFu;
        if (b > hi - 1)
            b = (hi - 1) & ~0x7FFu;
        off = b - 1 - rnd(g, room);
        if (off < lo)
            off = lo;
    } else {
        off = lo + rnd(g, hi - lo - room);
    }
    if (off + room > hi)
        off = hi - room;
    off &= ~(align - 1);
    if (off < lo)
        off = (lo + align - 1) & ~(align - 1);
    uint32_t a = A_DATA + off;
    if (g->amode31 && g->arch == ARCH_ESA && chance(g, 30))
        a += A_DATA2 - A_DATA;
    return a;
}

/* ---- the data area -------------------------------------------------------- */

static const uint32_t interesting[] = {
    0, 1, 2, 3, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0xFFFF, 0x8000,
    0x7FFF, 0xFFFF8000u, 0x00FFFFFFu, 0x01000000u, 0x40000000u, 0xC0000000u, 0x10, 0x3F,
    0x12345678u, 0xFFFFFFFEu,
};

uint32_t rand_value(Gen *g)
{
    switch (rnd(g, 4)) {
    case 0: return interesting[rnd(g, sizeof interesting / sizeof interesting[0])];
    case 1: return rnd(g, 256);
    case 2: return (uint32_t)-(int32_t)rnd(g, 1000);
    default: return (uint32_t)rg_next(g);
    }
}

/* An HFP long number of a random kind. */
static uint64_t rand_hfp(Gen *g)
{
    uint64_t sign = chance(g, 40) ? 1ull << 63 : 0;
    uint64_t exp, frac = rg_next(g) & 0x00FFFFFFFFFFFFFFull;
    switch (rnd(g, 10)) {
    case 0: return sign;                                    /* zero, +/- */
    case 1: return rg_next(g);                               /* any bits */
    case 2:                                                  /* unnormalized */
        frac >>= 4 * (1 + rnd(g, 13));
        exp = rnd(g, 128);
        break;
    case 3:                                                  /* tiny */
        exp = rnd(g, 4);
        frac |= 0x0010000000000000ull;
        break;
    case 4:                                                  /* huge */
        exp = 124 + rnd(g, 4);
        frac |= 0x0010000000000000ull;
        break;
    case 5:                                                  /* short-ish */
        exp = 60 + rnd(g, 9);
        frac = (frac | 0x0010000000000000ull) & 0x00FFFFFF00000000ull;
        break;
    default:
        exp = 56 + rnd(g, 17);
        frac |= 0x0010000000000000ull;
        break;
    }
    return sign | exp << 56 | frac;
}

static void fill_data(Gen *g)
{
    uint8_t *d = g->img + A_DATA;
    for (uint32_t i = 0; i < DATA_LEN; i++)
        d[i] = (uint8_t)rg_next(g);
    /* packed-decimal slots: 16 bytes, right-aligned valid numbers, so that
     * any operand ending at the slot end is a packed number */
    for (uint32_t s = SEC_DEC; s < SEC_DEC_END; s += 16) {
        static const uint8_t signs[] = { 0xC, 0xD, 0xC, 0xD, 0xF, 0xA, 0xB, 0xE };
        unsigned nd = chance(g, 60) ? rnd(g, 8) : rnd(g, 32);
        for (unsigned i = 0; i < 16; i++)
            d[s + i] = 0;
        for (unsigned k = 0; k < nd; k++) {         /* digit k from the right */
            unsigned pos = 31 - 1 - k;              /* nibble index; 31 is the sign */
            unsigned digit = rnd(g, 10);        /* valid: see any_ea in units.c */
            d[s + pos / 2] |= (uint8_t)(pos & 1 ? digit : digit << 4);
        }
        unsigned sign = signs[rnd(g, 8)];
        if (chance(g, 3))
            sign = rnd(g, 10);                      /* invalid sign */
        d[s + 15] |= (uint8_t)sign;
    }
    /* HFP numbers */
    for (uint32_t s = SEC_HFP; s < SEC_HFP_END; s += 8) {
        uint64_t v = rand_hfp(g);
        for (unsigned i = 0; i < 8; i++)
            d[s + i] = (uint8_t)(v >> (56 - 8 * i));
    }
    /* edit patterns: fill byte, digit selectors, significance starters,
     * field separators and message bytes */
    for (uint32_t s = SEC_ED; s < SEC_ED_END; s += 32) {
        static const uint8_t fills[] = { 0x40, 0x5C, 0x00, 0xF0 };
        static const uint8_t msg[] = { 0x4B, 0x6B, 0xC3, 0xD9, 0x60, 0x5B, 0x40 };
        d[s] = chance(g, 80) ? fills[rnd(g, 4)] : (uint8_t)rg_next(g);
        for (unsigned i = 1; i < 32; i++) {
            unsigned k = rnd(g, 20);
            d[s + i] = k < 12 ? 0x20 : k < 14 ? 0x21 : k < 15 ? 0x22 : msg[rnd(g, 7)];
        }
    }
    /* TRT tables: mostly zero */
    for (uint32_t s = SEC_TRT; s < SEC_TRT_END; s += 256) {
        memset(d + s, 0, 256);
        unsigned n = rnd(g, 24);
        for (unsigned i = 0; i < n; i++) {
            uint32_t at = rnd(g, 256);
            d[s + at] = (uint8_t)(1 + rnd(g, 255));
        }
    }
}

/* ---- fixed parts of every image ---------------------------------------- */

static void put_psw(Gen *g, uint32_t a, uint32_t addr, bool wait)
{
    uint32_t w0, w1 = addr;
    if (g->arch == ARCH_ESA) {
        w0 = wait ? 0x000A0000u : 0x00080000u;
        if (!wait)
            w1 |= 0x80000000u;
    } else if (g->bcmode) {
        w0 = wait ? 0x00020000u : 0;
    } else {
        w0 = wait ? 0x000A0000u : 0x00080000u;
    }
    put32(g, a, w0);
    put32(g, a + 4, w1);
}

static const uint8_t pgm_handler[] = {
    0x90, 0xEF, 0x02, 0xC0,                 /* STM  14,15,X'2C0'          */
    0x58, 0xF0, 0x02, 0xC8,                 /* L    15,X'2C8'   counter    */
    0x18, 0xEF,                             /* LR   14,15                  */
    0x54, 0xE0, 0x02, 0xD8,                 /* N    14,X'2D8'   mod 128    */
    0x89, 0xE0, 0x00, 0x04,                 /* SLL  14,4                   */
    0xD2, 0x07, 0xE8, 0x00, 0x00, 0x28,     /* MVC  X'800'(8,14),X'28'     */
    0xD2, 0x03, 0xE8, 0x08, 0x00, 0x8C,     /* MVC  X'808'(4,14),X'8C'     */
    0xD2, 0x03, 0xE8, 0x0C, 0x00, 0x90,     /* MVC  X'80C'(4,14),X'90'     */
    0x41, 0xF0, 0xF0, 0x01,                 /* LA   15,1(0,15)             */
    0x50, 0xF0, 0x02, 0xC8,                 /* ST   15,X'2C8'              */
    0x98, 0xEF, 0x02, 0xC0,                 /* LM   14,15,X'2C0'           */
    0x82, 0x00, 0x00, 0x28,                 /* LPSW X'28'                  */
};

static const uint8_t svc_handler[] = {
    0x90, 0xEF, 0x02, 0xC0,                 /* STM  14,15,X'2C0'          */
    0x58, 0xF0, 0x02, 0xC8,                 /* L    15,X'2C8'              */
    0x18, 0xEF,                             /* LR   14,15                  */
    0x54, 0xE0, 0x02, 0xD8,                 /* N    14,X'2D8'              */
    0x89, 0xE0, 0x00, 0x04,                 /* SLL  14,4                   */
    0xD2, 0x07, 0xE8, 0x00, 0x00, 0x20,     /* MVC  X'800'(8,14),X'20'     */
    0xD2, 0x03, 0xE8, 0x08, 0x00, 0x88,     /* MVC  X'808'(4,14),X'88'     */
    0x50, 0xFE, 0x08, 0x0C,                 /* ST   15,X'80C'(14)          */
    0x92, 0xE2, 0xE8, 0x0C,                 /* MVI  X'80C'(14),C'S'        */
    0x41, 0xF0, 0xF0, 0x01,                 /* LA   15,1(0,15)             */
    0x50, 0xF0, 0x02, 0xC8,                 /* ST   15,X'2C8'              */
    0x98, 0xEF, 0x02, 0xC0,                 /* LM   14,15,X'2C0'           */
    0x82, 0x00, 0x00, 0x20,                 /* LPSW X'20'                  */
};

void image_init(Gen *g)
{
    memset(g->img, 0, IMG_SIZE);
    g->code_end = A_CODE_END;
    g->pc = A_CODE;
    g->nconst = 0;
    g->amode31 = g->arch == ARCH_ESA;

    put_psw(g, 0x000, A_CODE, false);               /* restart new    */
    put_psw(g, 0x058, 0xEEE1, true);                /* external new   */
    put_psw(g, 0x060, A_SVC_HANDLER, false);        /* SVC new        */
    put_psw(g, 0x068, A_PGM_HANDLER, false);        /* program new    */
    put_psw(g, 0x070, 0xEEE3, true);                /* machine check  */
    put_psw(g, 0x078, 0xEEE4, true);                /* I/O new        */
    memcpy(g->img + A_PGM_HANDLER, pgm_handler, sizeof pgm_handler);
    memcpy(g->img + A_SVC_HANDLER, svc_handler, sizeof svc_handler);
    if (g->arch == ARCH_S370 && g->bcmode) {
        /* BC mode: the code is in the old PSW; log a zero word instead of
         * X'8C' (XC X'808'(4,14),X'808'(14)). */
        static const uint8_t xc[] = { 0xD7, 0x03, 0xE8, 0x08, 0xE8, 0x08 };
        memcpy(g->img + A_PGM_HANDLER + 24, xc, 6);
        memcpy(g->img + A_SVC_HANDLER + 24, xc, 6);
        /* DEVIATION H1 (docs/testing.md): in BC mode Hercules 3.13 stores
         * the ILC of the target of EXECUTE, not 2, in the program old PSW.
         * When the interrupted instruction may be an EX (X'44' at old IA
         * - 4), the handler clears the ILC bits of the logged PSW. */
        static const uint8_t bc_tail[] = {
            0x58, 0xF0, 0x00, 0x2C,             /* L    15,X'2C'            */
            0x5F, 0xF0, 0x02, 0xDC,             /* SL   15,X'2DC'  (=4)     */
            0x95, 0x44, 0xF0, 0x00,             /* CLI  0(15),X'44'         */
            0x47, 0x70, 0x02, 0x38,             /* BNE  X'238'              */
            0x94, 0x3F, 0xE8, 0x04,             /* NI   X'804'(14),X'3F'    */
            0x58, 0xF0, 0x02, 0xC8,             /* L    15,X'2C8'  counter  */
            0x41, 0xF0, 0xF0, 0x01,             /* LA   15,1(0,15)          */
            0x50, 0xF0, 0x02, 0xC8,             /* ST   15,X'2C8'           */
            0x98, 0xEF, 0x02, 0xC0,             /* LM   14,15,X'2C0'        */
            0x82, 0x00, 0x00, 0x28,             /* LPSW X'28'               */
        };
        memcpy(g->img + A_PGM_HANDLER + 0x24, bc_tail, sizeof bc_tail);
        put32(g, A_FOUR, 4);
    }
    put_psw(g, A_WAITPSW, 0, true);
    put32(g, A_MASK7F, 0x7F);
}

/* ---- units and forward branches ----------------------------------------- */

void unit_begin(Gen *g, const char *what, bool barrier)
{
    if (g->nunits == MAX_UNITS)
        fail("too many units");
    g->units[g->nunits].start = g->pc;
    g->units[g->nunits].barrier = barrier;
    g->units[g->nunits].what = what;
    g->nunits++;
}

/* Record a forward branch in the current unit to the start of the unit
 * `skip` units further on (0 = the next unit); resolved by fix_branches. */
void add_fixup(Gen *g, uint32_t at, int kind, uint32_t base, unsigned skip)
{
    if (g->nfix == MAX_FIX)
        fail("too many branches");
    g->fix[g->nfix++] = (Fixup){ at, kind, base, g->nunits - 1 + 1 + skip, g->nunits - 1 };
}

static void fix_branches(Gen *g)
{
    for (unsigned i = 0; i < g->nfix; i++) {
        Fixup *f = &g->fix[i];
        unsigned t = f->target;
        /* never past the next barrier (the final unit is one) */
        for (unsigned u = f->unit + 1; u < g->nunits; u++)
            if (g->units[u].barrier) {
                if (t > u)
                    t = u;
                break;
            }
        if (t >= g->nunits)
            t = g->nunits - 1;
        if (f->kind == FX_D12)
            while (g->units[t].start - f->base > 4095 && t > f->unit + 1)
                t--;
        uint32_t ta = g->units[t].start;
        switch (f->kind) {
        case FX_D12: {
            uint32_t d = ta - f->base;
            if (d > 4095)
                fail("branch out of reach");
            g->img[f->at] = (uint8_t)((g->img[f->at] & 0xF0) | d >> 8);
            g->img[f->at + 1] = (uint8_t)d;
            break;
        }
        case FX_REL16: {
            uint32_t h = (ta - f->base) / 2;
            g->img[f->at] = (uint8_t)(h >> 8);
            g->img[f->at + 1] = (uint8_t)h;
            break;
        }
        case FX_REL32:
            put32(g, f->at, (ta - f->base) / 2);
            break;
        }
    }
}

unsigned rand_skip(Gen *g)
{
    return chance(g, 50) ? 0 : rnd(g, 5);
}

/* ---- the random program ---------------------------------------------------- */

static void setup_and_init(Gen *g)
{
    /* Initial registers and program mask. */
    for (unsigned r = 0; r < 16; r++)
        put32(g, A_INITGR + 4 * r, rand_value(g));
    for (unsigned f = 0; f < 4; f++)
        put64(g, A_INITFP + 8 * f, rand_hfp(g));
    put32(g, A_INITMISC + 0x10, rnd(g, 64) << 24);       /* for SPM */

    unit_begin(g, "setup", true);
    if (g->arch == ARCH_ESA) {
        /* copy the data area above 16M: MVCL 2,4 */
        put32(g, A_INITMISC + 0, A_DATA2);
        put32(g, A_INITMISC + 4, DATA_LEN);
        put32(g, A_INITMISC + 8, A_DATA);
        put32(g, A_INITMISC + 12, DATA_LEN);
        emit(g, ins_rs(0x98, 2, 5, 0, A_INITMISC));          /* LM 2,5,X'3E0' */
        emit(g, ins_rr(0x0E, 2, 4));                         /* MVCL 2,4      */
    }
    emit(g, ins_rx(0x58, 1, 0, 0, A_INITMISC + 0x10));      /* L 1,X'3F0'    */
    emit(g, ins_rr(0x04, 1, 0));                            /* SPM 1         */
    emit(g, ins_rs(0x98, 0, 15, 0, A_INITGR));              /* LM 0,15       */
    for (unsigned f = 0; f < 4; f++)
        emit(g, ins_rx(0x68, 2 * f, 0, 0, A_INITFP + 8 * f));   /* LD */
}

static void final_dump(Gen *g)
{
    unit_begin(g, "final", true);
    emit(g, ins_rs(0x90, 0, 15, 0, A_RESULT));              /* STM 0,15,X'300' */
    for (unsigned f = 0; f < 4; f++)
        emit(g, ins_rx(0x60, 2 * f, 0, 0, A_RESULT + 0x40 + 8 * f));  /* STD */
    if (g->arch == ARCH_ESA)
        emit(g, ins_rre(0xB222, 1, 0));                     /* IPM 1           */
    else
        emit(g, ins_rr(0x05, 1, 0));                        /* BALR 1,0        */
    emit(g, ins_rx(0x50, 1, 0, 0, A_RESULT + 0x60));        /* ST 1,X'360'     */
    emit(g, ins_s(0x8200, 0, A_WAITPSW));                   /* LPSW X'2D0'     */
}

static void gen_random(Gen *g)
{
    setup_and_init(g);
    for (unsigned i = 0; i < g->nunits_wanted && g->pc < g->code_end - 400; i++)
        gen_unit(g);
    final_dump(g);
    fix_branches(g);
}

/* ---- main ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fprintf(f,
        "usage: randgen --seed N --arch esa390|s370 [--units N] [-v] -o FILE\n"
        "  writes a flat image for `interpex run --core` / `hercules-run.sh --core`\n"
        "  and prints the run options: ARCH=... MAINSIZE=<MB> DUMPS=addr:len,...\n"
        "  --units N        random units (default 300)\n"
        "  -v               list the units on stderr\n");
}

int main(int argc, char **argv)
{
    static Gen gen;
    Gen *g = &gen;
    const char *out = NULL;
    unsigned long long seed = 1;
    bool verbose = false;
    g->arch = ARCH_ESA;
    g->nunits_wanted = 300;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "-v")) {
            verbose = true;
        } else if (!v) {
            usage(stderr);
            return 2;
        } else if (!strcmp(a, "--seed")) {
            seed = strtoull(v, NULL, 0), i++;
        } else if (!strcmp(a, "--units")) {
            g->nunits_wanted = (unsigned)strtoul(v, NULL, 0), i++;
        } else if (!strcmp(a, "-o")) {
            out = v, i++;
        } else if (!strcmp(a, "--arch")) {
            i++;
            if (!strcmp(v, "esa390"))
                g->arch = ARCH_ESA;
            else if (!strcmp(v, "s370"))
                g->arch = ARCH_S370;
            else {
                usage(stderr);
                return 2;
            }
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!out) {
        usage(stderr);
        return 2;
    }
    if (g->nunits_wanted > MAX_UNITS - 8)
        g->nunits_wanted = MAX_UNITS - 8;
    g->seed = seed;
    g->rng = seed * 2 + (g->arch == ARCH_ESA);
    g->bcmode = g->arch == ARCH_S370 && (seed & 1);
    g->img = calloc(1, IMG_SIZE);
    if (!g->img)
        fail("out of memory");
    g->imglen = IMG_SIZE;

    image_init(g);
    fill_data(g);
    gen_random(g);

    if (verbose)
        for (unsigned u = 0; u < g->nunits; u++)
            fprintf(stderr, "unit %3u %08X %s\n", u, g->units[u].start, g->units[u].what);

    FILE *f = fopen(out, "wb");
    if (!f || fwrite(g->img, 1, g->imglen, f) != g->imglen || fclose(f)) {
        perror(out);
        return 2;
    }
    if (g->arch == ARCH_ESA) {
        printf("ARCH=esa390 MAINSIZE=17 DUMPS=2C0:140,800:800,%X:%X,%X:%X\n",
               A_DATA, DATA_LEN, A_DATA2, DATA_LEN);
    } else {
        printf("ARCH=s370 MAINSIZE=16 DUMPS=2C0:140,800:800,%X:%X\n", A_DATA, DATA_LEN);
    }
    free(g->img);
    return 0;
}
