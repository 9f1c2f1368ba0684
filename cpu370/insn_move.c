/*
 * insn_move.c — storage-to-storage moves, the long moves and compares,
 * and translation: MVC MVI MVN MVZ MVCIN MVCL CLCL MVCLE CLCLE TR TRT.
 *
 * ESA/390 PoO SA22-7201 ch. 7 "General instructions"; S/370 PoO GA22-7000
 * ch. 7.  The SS instructions here take L = length - 1 in the length byte.
 *
 * Two rules shape everything below:
 *  - An access exception must leave storage unchanged: an SS instruction
 *    checks both operands with stor_prepare() before its first store.  The
 *    long instructions are interruptible instead: they work a segment at a
 *    time (a segment lies in one 2K page of each operand), translate both
 *    pages before storing into the segment, and write the registers back
 *    after each segment, so an exception leaves the registers describing
 *    the progress and the re-executed instruction simply continues.
 *  - Overlapping operands behave as if processed one byte at a time, left
 *    to right (MVC 1(255,R),0(R) propagates a byte).  Overlap is judged on
 *    host pointers, i.e. on absolute addresses, so two logical addresses
 *    mapping the same frame are handled too.
 */
#include "insn.h"

/* The CPU-determined amount MVCLE and CLCLE process per execution before
 * they give condition code 3 (the program branches back on CC 3). */
#define LONG_EXT_UNIT 4096u

static inline uint32_t page_room(uint32_t va)
{
    return TLB_PAGE_SIZE - (va & (TLB_PAGE_SIZE - 1));
}

static inline uint32_t min32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* Move n bytes between host locations with the architected byte-at-a-time,
 * left-to-right result. */
static void move_bytes(uint8_t *d, const uint8_t *s, uint32_t n)
{
    if (d <= s || d >= s + n) {
        /* A forward byte copy never reads a byte it has already stored. */
        memmove(d, s, n);
        return;
    }
    /* d is k bytes to the right of s, k < n: the first k bytes repeat. */
    uint32_t k = (uint32_t)(d - s);
    if (k == 1) {
        memset(d, *s, n);
        return;
    }
    for (uint32_t i = 0; i < n; i += k)
        memcpy(d + i, s + i, min32(k, n - i));   /* chunks never overlap */
}

/* Move n bytes at logical addresses (both operands already checked with
 * stor_prepare), one page segment of each operand at a time. */
static void move_span(Cpu *c, uint32_t a1, uint32_t a2, uint32_t n)
{
    while (n) {
        a1 &= c->amask;
        a2 &= c->amask;
        uint32_t seg = min32(n, min32(page_room(a1), page_room(a2)));
        uint8_t *d = stor_host_ptr(c, a1, ACC_STORE);
        const uint8_t *s = stor_host_ptr(c, a2, ACC_FETCH);
        move_bytes(d, s, seg);
        a1 += seg;
        a2 += seg;
        n -= seg;
    }
}

/* D2  MVC — MOVE (character) (SS) */
void insn_mvc(Cpu *c, const uint8_t *ip)
{
    uint32_t n = ip[1] + 1u;
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    uint8_t *d = tlb_store_ptr(c, a1, n);
    const uint8_t *s = tlb_fetch_ptr(c, a2, n);

    if (likely(d != NULL && s != NULL)) {
        move_bytes(d, s, n);
        return;
    }
    stor_prepare(c, a2, n, ACC_FETCH);
    stor_prepare(c, a1, n, ACC_STORE);
    move_span(c, a1, a2, n);
}

/* 92  MVI — MOVE (immediate) (SI) */
void insn_mvi(Cpu *c, const uint8_t *ip)
{
    vstore8(c, ea_s(c, ip), si_i2(ip));
}

/* MVN and MVZ: the bits of `keep` come from operand 1, the rest from
 * operand 2, byte by byte left to right. */
static void move_part(Cpu *c, const uint8_t *ip, uint8_t keep)
{
    uint32_t n = ip[1] + 1u;
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    uint8_t *d = tlb_store_ptr(c, a1, n);      /* a store tag implies fetch */
    const uint8_t *s = tlb_fetch_ptr(c, a2, n);

    if (likely(d != NULL && s != NULL)) {
        for (uint32_t i = 0; i < n; i++)
            d[i] = (uint8_t)((d[i] & keep) | (s[i] & ~keep));
        return;
    }
    stor_prepare(c, a2, n, ACC_FETCH);
    stor_prepare(c, a1, n, ACC_STORE);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x1 = (a1 + i) & c->amask;
        uint8_t b2 = vfetch8(c, (a2 + i) & c->amask);
        vstore8(c, x1, (uint8_t)((vfetch8(c, x1) & keep) | (b2 & ~keep)));
    }
}

/* D1  MVN — MOVE NUMERICS (SS) */
void insn_mvn(Cpu *c, const uint8_t *ip)
{
    move_part(c, ip, 0xF0);
}

/* D3  MVZ — MOVE ZONES (SS) */
void insn_mvz(Cpu *c, const uint8_t *ip)
{
    move_part(c, ip, 0x0F);
}

/* E8  MVCIN — MOVE INVERSE (SS).  The second-operand address designates
 * the rightmost byte of operand 2.  When the operands overlap by more than
 * one byte the result is unpredictable, so operand 2 is simply fetched
 * whole first. */
void insn_mvcin(Cpu *c, const uint8_t *ip)
{
    uint32_t l = ip[1];
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    uint8_t in[256], out[256];

    vfetch_bytes(c, (a2 - l) & c->amask, in, l + 1);
    for (uint32_t i = 0; i <= l; i++)
        out[i] = in[l - i];
    vstore_bytes(c, a1, out, l + 1);
}

/* DC  TR — TRANSLATE (SS) */
void insn_tr(Cpu *c, const uint8_t *ip)
{
    uint32_t n = ip[1] + 1u;
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    uint8_t *p = tlb_store_ptr(c, a1, n);
    const uint8_t *tab = tlb_fetch_ptr(c, a2, 256);

    if (likely(p != NULL && tab != NULL)) {
        for (uint32_t i = 0; i < n; i++)
            p[i] = tab[p[i]];
        return;
    }
    /* Access exceptions are recognized only for the table bytes actually
     * used: touch each of them before the first store.  (??? If operand 1
     * overlaps the table, a byte changed by the translation itself may
     * select a table byte not touched here; the manual leaves the
     * exception case open.) */
    stor_prepare(c, a1, n, ACC_STORE);
    for (uint32_t i = 0; i < n; i++)
        (void)vfetch8(c, (a2 + vfetch8(c, (a1 + i) & c->amask)) & c->amask);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = (a1 + i) & c->amask;
        vstore8(c, x, vfetch8(c, (a2 + vfetch8(c, x)) & c->amask));
    }
}

/* DD  TRT — TRANSLATE AND TEST (SS).  Stops at the first nonzero function
 * byte: its argument's address goes to GR1 (24-bit mode: bits 8-31, bits
 * 0-7 unchanged; 31-bit mode: bits 1-31, and bit 0 set to zero), the
 * function byte to GR2 bits 24-31.
 * CC 0 all zero, 1 stopped before the last byte, 2 at the last byte. */
void insn_trt(Cpu *c, const uint8_t *ip)
{
    uint32_t n = ip[1] + 1u;
    uint32_t a1 = ea_s(c, ip), a2 = ea_ss2(c, ip);
    const uint8_t *p = tlb_fetch_ptr(c, a1, n);
    const uint8_t *tab = tlb_fetch_ptr(c, a2, 256);

    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = (a1 + i) & c->amask;
        uint8_t arg = p ? p[i] : vfetch8(c, x);
        uint8_t f = tab ? tab[arg] : vfetch8(c, (a2 + arg) & c->amask);
        if (f) {
            c->gr[1] = c->amask == 0x7FFFFFFFu ? x : (c->gr[1] & 0xFF000000u) | x;
            c->gr[2] = (c->gr[2] & 0xFFFFFF00u) | f;
            cc_set(c, i == n - 1 ? 2 : 1);
            return;
        }
    }
    cc_set(c, 0);
}

/* ---- the long instructions ------------------------------------------------ */

/* The state of MVCL/CLCL/MVCLE/CLCLE: two even-odd register pairs holding
 * an address and a length.  lmask says which bits of the odd register are
 * the length (24 bits for MVCL/CLCL, 32 for the extended forms); the other
 * bits are kept.  The addresses are written back wrapped to the addressing
 * mode, which sets bits 0-7 (24-bit mode) or bit 0 (31-bit mode) to zero,
 * as the manual asks even when nothing is moved. */
typedef struct LongOp {
    unsigned r1, r2;
    uint32_t a1, l1, a2, l2;
    uint32_t lmask;
    uint8_t  pad;
} LongOp;

static void long_load(Cpu *c, LongOp *o, unsigned r1, unsigned r2, uint32_t lmask)
{
    o->r1 = r1;
    o->r2 = r2;
    o->lmask = lmask;
    o->a1 = c->gr[r1] & c->amask;
    o->l1 = c->gr[r1 + 1] & lmask;
    o->a2 = c->gr[r2] & c->amask;
    o->l2 = c->gr[r2 + 1] & lmask;
}

static void long_save(Cpu *c, const LongOp *o)
{
    c->gr[o->r1] = o->a1 & c->amask;
    c->gr[o->r1 + 1] = (c->gr[o->r1 + 1] & ~o->lmask) | o->l1;
    c->gr[o->r2] = o->a2 & c->amask;
    c->gr[o->r2 + 1] = (c->gr[o->r2 + 1] & ~o->lmask) | o->l2;
}

/* Move until operand 1 is full or `limit` bytes were stored; padding
 * fills operand 1 once operand 2 is exhausted. */
static void move_long(Cpu *c, LongOp *o, uint32_t limit)
{
    uint32_t done = 0;
    while (o->l1 && done < limit) {
        uint32_t seg = min32(min32(o->l1, page_room(o->a1)), limit - done);
        uint8_t *d = stor_host_ptr(c, o->a1, ACC_STORE);
        if (o->l2) {
            seg = min32(seg, min32(o->l2, page_room(o->a2)));
            const uint8_t *s = stor_host_ptr(c, o->a2, ACC_FETCH);
            move_bytes(d, s, seg);
            o->a2 = (o->a2 + seg) & c->amask;
            o->l2 -= seg;
        } else {
            memset(d, o->pad, seg);
        }
        o->a1 = (o->a1 + seg) & c->amask;
        o->l1 -= seg;
        done += seg;
        long_save(c, o);
    }
}

/* Compare, the shorter operand extended with the padding byte, until an
 * inequality (CC 1 or 2, the registers designating the unequal bytes), the
 * end of both operands (CC 0) or `limit` bytes (CC 3). */
static unsigned compare_long(Cpu *c, LongOp *o, uint32_t limit)
{
    uint32_t done = 0;
    while (o->l1 || o->l2) {
        if (done >= limit)
            return 3;
        uint32_t seg = limit - done;
        const uint8_t *p1 = NULL, *p2 = NULL;
        if (o->l1) {
            seg = min32(seg, min32(o->l1, page_room(o->a1)));
            p1 = stor_host_ptr(c, o->a1, ACC_FETCH);
        }
        if (o->l2) {
            seg = min32(seg, min32(o->l2, page_room(o->a2)));
            p2 = stor_host_ptr(c, o->a2, ACC_FETCH);
        }
        uint32_t i = 0;
        uint8_t b1 = 0, b2 = 0;
        if (p1 && p2 && memcmp(p1, p2, seg) == 0) {
            i = seg;
        } else {
            for (; i < seg; i++) {
                b1 = p1 ? p1[i] : o->pad;
                b2 = p2 ? p2[i] : o->pad;
                if (b1 != b2)
                    break;
            }
        }
        if (p1) {
            o->a1 = (o->a1 + i) & c->amask;
            o->l1 -= i;
        }
        if (p2) {
            o->a2 = (o->a2 + i) & c->amask;
            o->l2 -= i;
        }
        done += i;
        long_save(c, o);
        if (i < seg)
            return b1 < b2 ? 1 : 2;
    }
    return 0;
}

/* 0E  MVCL — MOVE LONG (RR).  R1/R2 even: addresses in R1 and R2, 24-bit
 * lengths in R1+1 and R2+1 bits 8-31, the padding byte in R2+1 bits 0-7.
 * CC 0/1/2 compare the lengths; CC 3 destructive overlap, nothing moved.
 * Completed in one execution unless an access exception intervenes. */
void insn_mvcl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    LongOp o;

    spec_check(c, (r1 | r2) & 1);
    long_load(c, &o, r1, r2, 0x00FFFFFF);
    o.pad = (uint8_t)(c->gr[r2 + 1] >> 24);
    unsigned cc = cc_compare_logical(o.l1, o.l2);

    /* Destructive overlap: the leftmost byte of operand 1 coincides with a
     * participating byte of operand 2 other than its leftmost, judged on
     * logical addresses with wraparound (S/370 PoO "MOVE LONG").  ??? The
     * ESA/390 manual may test real addresses when DAT is on; logical
     * addresses are what the S/370 manual specifies. */
    uint32_t n = min32(o.l1, o.l2);
    uint32_t dist = (o.a1 - o.a2) & c->amask;
    if (dist != 0 && dist < n) {
        long_save(c, &o);
        cc_set(c, 3);
        return;
    }
    long_save(c, &o);                  /* bits 0-7 / bit 0 even if l1 = 0 */
    move_long(c, &o, UINT32_MAX);
    cc_set(c, cc);
}

/* 0F  CLCL — COMPARE LOGICAL LONG (RR).  Registers as for MVCL; on an
 * inequality the addresses designate the unequal bytes and the lengths
 * are decremented by the bytes that compared equal. */
void insn_clcl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    LongOp o;

    spec_check(c, (r1 | r2) & 1);
    long_load(c, &o, r1, r2, 0x00FFFFFF);
    o.pad = (uint8_t)(c->gr[r2 + 1] >> 24);
    long_save(c, &o);
    cc_set(c, compare_long(c, &o, UINT32_MAX));
}

/* A8  MVCLE — MOVE LONG EXTENDED (RS).  R1/R3 even pairs with 32-bit
 * lengths in R1+1/R3+1 (??? the brief speaks of 31-bit lengths; the manual
 * treats them as 32-bit unsigned integers); the padding byte is bits 24-31
 * of the second-operand address.  No overlap check: destructive overlap is
 * unpredictable.  CC 3: a CPU-determined amount moved, more remains. */
void insn_mvcle(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    LongOp o;

    spec_check(c, (r1 | r3) & 1);
    long_load(c, &o, r1, r3, 0xFFFFFFFF);
    o.pad = (uint8_t)ea_s(c, ip);
    unsigned cc = cc_compare_logical(o.l1, o.l2);
    long_save(c, &o);
    move_long(c, &o, LONG_EXT_UNIT);
    cc_set(c, o.l1 ? 3 : cc);
}

/* A9  CLCLE — COMPARE LOGICAL LONG EXTENDED (RS).  As CLCL with MVCLE's
 * registers; CC 3 when a CPU-determined amount compared equal and more
 * remains. */
void insn_clcle(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    LongOp o;

    spec_check(c, (r1 | r3) & 1);
    long_load(c, &o, r1, r3, 0xFFFFFFFF);
    o.pad = (uint8_t)ea_s(c, ip);
    long_save(c, &o);
    cc_set(c, compare_long(c, &o, LONG_EXT_UNIT));
}
