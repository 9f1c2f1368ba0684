/*
 * fastpath.h — the run loop's fast paths: the common case of the most
 * frequent instructions, done inside run_batch() (cpu.c) without a call
 * through the dispatch table.
 *
 * Why: a call through the table costs the run loop its registers.  Before
 * it, the loop must store c->ia, c->ia_cur, c->ilc and c->icount for the
 * handler (and for the program interruption a handler may raise); after
 * it, it must look at c->ia again to learn whether the handler branched.
 * A fast path needs none of that: the loop keeps the instruction address,
 * its host address and the count in registers, knows the length, and the
 * A7 and C0 families skip their second-level table.  On coremark, crc32
 * and sort (where the instructions here are nearly all that runs) the
 * fast paths with the threaded dispatch of run_batch() took about 45% off
 * both the time and callgrind's count of host instructions.
 *
 * Each fast path does exactly what the handler named in its row does, for
 * the common case only.  Anything else -- an access the TLB does not
 * allow at once (a miss, an operand that is not naturally aligned), a
 * fixed-point overflow -- returns FAST_NO before anything has changed,
 * and the handler runs the instruction from the start.  A fast path never
 * raises a program interruption, so c->ia and friends need not be stored
 * for it.  (The run loop never executes the target of EXECUTE: EX's
 * handler dispatches it through the table.)
 *
 * A fast path returns the instruction's length when it completed it and
 * execution goes on sequentially, FAST_BRANCH when it completed it and the
 * next instruction is at *target, or FAST_NO.  `ia` is the instruction's
 * own address (a register of the run loop; c->ia and c->ia_cur are not
 * current).  The fast paths run only where the current dispatch table
 * routes each of these opcodes to the handler named here (fast_paths_for()
 * in cpu.c checks it whenever the table changes), so availability,
 * privilege and SIE interception stay the table's business.
 */
#ifndef CPU370_FASTPATH_H
#define CPU370_FASTPATH_H

#include "insn.h"

enum { FAST_NO = 0, FAST_BRANCH = 1 };

/* c->fastpath bits: which rows the current table allows. */
#define FASTPATH_ON   0x1   /* the rows of FAST_OPS                        */
#define FASTPATH_REL  0x2   /* the rows of FAST_A7 and FAST_C0 (ESA/390)   */

/* Whether the TLB allows a naturally aligned n-byte operand (n = 1, 2, 4)
 * at va without more ado, and then its host address in *p.  (A bool and
 * not a pointer or NULL: the compiler would test the pointer again.) */
static inline bool fast_fetch(Cpu *c, uint32_t va, unsigned n, const uint8_t **p)
{
    const TlbEntry *e = tlb_entry(c, va);
    *p = (const uint8_t *)(e->addend + va);
    return e->tag_fetch == tlb_tag_aligned(c, va, n);
}

static inline bool fast_store(Cpu *c, uint32_t va, unsigned n, uint8_t **p)
{
    const TlbEntry *e = tlb_entry(c, va);
    *p = (uint8_t *)(e->addend + va);
    return e->tag_store == tlb_tag_aligned(c, va, n);
}

/* A relative branch target, halfwords from the instruction itself. */
static inline uint32_t fast_rel(uint32_t ia, int32_t halfwords, uint32_t amask)
{
    return (ia + (uint32_t)halfwords * 2u) & amask;
}

#define FAST_ARGS Cpu *c, const uint8_t *ip, uint32_t ia, uint32_t amask, uint32_t *target

/* ---- RR ----------------------------------------------------------------------- */

static inline unsigned fast_bcr(FAST_ARGS)              /* 07 BCR */
{
    unsigned r2 = rr_r2(ip);
    if (!cc_selected(c, ip) || r2 == 0)
        return 2;
    *target = c->gr[r2] & amask;
    return FAST_BRANCH;
}

static inline unsigned fast_basr(FAST_ARGS)             /* 0D BASR */
{
    unsigned r2 = rr_r2(ip);
    uint32_t t = c->gr[r2];
    c->gr[rr_r1(ip)] = link_bas_of((ia + 2) & amask, amask);
    if (r2 == 0)
        return 2;
    *target = t & amask;
    return FAST_BRANCH;
}

static inline unsigned fast_ltr(FAST_ARGS)              /* 12 LTR */
{
    uint32_t v = c->gr[rr_r2(ip)];
    c->gr[rr_r1(ip)] = v;
    c->cc = (uint8_t)cc_signed32((int32_t)v);
    return 2;
}

static inline unsigned fast_lcr(FAST_ARGS)              /* 13 LCR */
{
    uint32_t v = c->gr[rr_r2(ip)];
    if (v == 0x80000000u)                              /* overflow */
        return FAST_NO;
    c->gr[rr_r1(ip)] = 0u - v;
    c->cc = (uint8_t)cc_signed32((int32_t)(0u - v));
    return 2;
}

static inline unsigned fast_nr(FAST_ARGS)               /* 14 NR */
{
    unsigned r1 = rr_r1(ip);
    uint32_t v = c->gr[r1] & c->gr[rr_r2(ip)];
    c->gr[r1] = v;
    c->cc = v != 0;
    return 2;
}

static inline unsigned fast_clr(FAST_ARGS)              /* 15 CLR */
{
    c->cc = (uint8_t)cc_compare_logical(c->gr[rr_r1(ip)], c->gr[rr_r2(ip)]);
    return 2;
}

static inline unsigned fast_or(FAST_ARGS)               /* 16 OR */
{
    unsigned r1 = rr_r1(ip);
    uint32_t v = c->gr[r1] | c->gr[rr_r2(ip)];
    c->gr[r1] = v;
    c->cc = v != 0;
    return 2;
}

static inline unsigned fast_xr(FAST_ARGS)               /* 17 XR */
{
    unsigned r1 = rr_r1(ip);
    uint32_t v = c->gr[r1] ^ c->gr[rr_r2(ip)];
    c->gr[r1] = v;
    c->cc = v != 0;
    return 2;
}

static inline unsigned fast_lr(FAST_ARGS)               /* 18 LR */
{
    c->gr[rr_r1(ip)] = c->gr[rr_r2(ip)];
    return 2;
}

static inline unsigned fast_cr(FAST_ARGS)               /* 19 CR */
{
    c->cc = (uint8_t)cc_compare_signed((int32_t)c->gr[rr_r1(ip)], (int32_t)c->gr[rr_r2(ip)]);
    return 2;
}

static inline unsigned fast_ar(FAST_ARGS)               /* 1A AR */
{
    unsigned r1 = rr_r1(ip);
    int32_t r;
    if (__builtin_add_overflow((int32_t)c->gr[r1], (int32_t)c->gr[rr_r2(ip)], &r))
        return FAST_NO;
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 2;
}

static inline unsigned fast_sr(FAST_ARGS)               /* 1B SR */
{
    unsigned r1 = rr_r1(ip);
    int32_t r;
    if (__builtin_sub_overflow((int32_t)c->gr[r1], (int32_t)c->gr[rr_r2(ip)], &r))
        return FAST_NO;
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 2;
}

static inline unsigned fast_alr(FAST_ARGS)              /* 1E ALR */
{
    unsigned r1 = rr_r1(ip);
    uint64_t s = (uint64_t)c->gr[r1] + c->gr[rr_r2(ip)];
    c->gr[r1] = (uint32_t)s;
    c->cc = (uint8_t)((unsigned)(s >> 32) << 1 | ((uint32_t)s != 0));
    return 2;
}

static inline unsigned fast_slr(FAST_ARGS)              /* 1F SLR */
{
    unsigned r1 = rr_r1(ip);
    uint64_t s = (uint64_t)c->gr[r1] + (uint32_t)~c->gr[rr_r2(ip)] + 1u;
    c->gr[r1] = (uint32_t)s;
    c->cc = (uint8_t)((unsigned)(s >> 32) << 1 | ((uint32_t)s != 0));
    return 2;
}

/* ---- RX ----------------------------------------------------------------------- */

static inline unsigned fast_sth(FAST_ARGS)              /* 40 STH */
{
    uint8_t *p;
    if (!fast_store(c, ea_rx(c, ip), 2, &p))
        return FAST_NO;
    st_be16(p, (uint16_t)c->gr[rr_r1(ip)]);
    return 4;
}

static inline unsigned fast_la(FAST_ARGS)               /* 41 LA */
{
    c->gr[rr_r1(ip)] = ea_rx(c, ip);
    return 4;
}

static inline unsigned fast_stc(FAST_ARGS)              /* 42 STC */
{
    uint8_t *p;
    if (!fast_store(c, ea_rx(c, ip), 1, &p))
        return FAST_NO;
    *p = (uint8_t)c->gr[rr_r1(ip)];
    return 4;
}

static inline unsigned fast_ic(FAST_ARGS)               /* 43 IC */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 1, &p))
        return FAST_NO;
    unsigned r1 = rr_r1(ip);
    c->gr[r1] = (c->gr[r1] & 0xFFFFFF00u) | *p;
    return 4;
}

static inline unsigned fast_bas(FAST_ARGS)              /* 4D BAS */
{
    uint32_t t = ea_rx(c, ip);
    c->gr[rr_r1(ip)] = link_bas_of((ia + 4) & amask, amask);
    *target = t;
    return FAST_BRANCH;
}

static inline unsigned fast_bc(FAST_ARGS)               /* 47 BC */
{
    if (!cc_selected(c, ip))
        return 4;
    *target = ea_rx(c, ip);
    return FAST_BRANCH;
}

static inline unsigned fast_lh(FAST_ARGS)               /* 48 LH */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 2, &p))
        return FAST_NO;
    c->gr[rr_r1(ip)] = (uint32_t)(int32_t)(int16_t)ld_be16(p);
    return 4;
}

static inline unsigned fast_ch(FAST_ARGS)               /* 49 CH */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 2, &p))
        return FAST_NO;
    c->cc = (uint8_t)cc_compare_signed((int32_t)c->gr[rr_r1(ip)], (int16_t)ld_be16(p));
    return 4;
}

static inline unsigned fast_ah(FAST_ARGS)               /* 4A AH */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 2, &p))
        return FAST_NO;
    unsigned r1 = rr_r1(ip);
    int32_t r;
    if (__builtin_add_overflow((int32_t)c->gr[r1], (int32_t)(int16_t)ld_be16(p), &r))
        return FAST_NO;
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 4;
}

static inline unsigned fast_mh(FAST_ARGS)               /* 4C MH */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 2, &p))
        return FAST_NO;
    c->gr[rr_r1(ip)] *= (uint32_t)(int32_t)(int16_t)ld_be16(p);
    return 4;
}

static inline unsigned fast_st(FAST_ARGS)               /* 50 ST */
{
    uint8_t *p;
    if (!fast_store(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    st_be32(p, c->gr[rr_r1(ip)]);
    return 4;
}

/* 54 N, 56 O, 57 X */
static inline unsigned fast_logical_rx(Cpu *c, const uint8_t *ip, int op)
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    unsigned r1 = rr_r1(ip);
    uint32_t v = ld_be32(p);
    v = op == 0x54 ? c->gr[r1] & v : op == 0x56 ? c->gr[r1] | v : c->gr[r1] ^ v;
    c->gr[r1] = v;
    c->cc = v != 0;
    return 4;
}

static inline unsigned fast_n(FAST_ARGS) { return fast_logical_rx(c, ip, 0x54); }   /* 54 N */
static inline unsigned fast_o(FAST_ARGS) { return fast_logical_rx(c, ip, 0x56); }   /* 56 O */
static inline unsigned fast_x(FAST_ARGS) { return fast_logical_rx(c, ip, 0x57); }   /* 57 X */

static inline unsigned fast_cl(FAST_ARGS)               /* 55 CL */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    c->cc = (uint8_t)cc_compare_logical(c->gr[rr_r1(ip)], ld_be32(p));
    return 4;
}

static inline unsigned fast_l(FAST_ARGS)                /* 58 L */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    c->gr[rr_r1(ip)] = ld_be32(p);
    return 4;
}

static inline unsigned fast_c(FAST_ARGS)                /* 59 C */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    c->cc = (uint8_t)cc_compare_signed((int32_t)c->gr[rr_r1(ip)], (int32_t)ld_be32(p));
    return 4;
}

static inline unsigned fast_a(FAST_ARGS)                /* 5A A */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    unsigned r1 = rr_r1(ip);
    int32_t r;
    if (__builtin_add_overflow((int32_t)c->gr[r1], (int32_t)ld_be32(p), &r))
        return FAST_NO;
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 4;
}

static inline unsigned fast_s(FAST_ARGS)                /* 5B S */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_rx(c, ip), 4, &p))
        return FAST_NO;
    unsigned r1 = rr_r1(ip);
    int32_t r;
    if (__builtin_sub_overflow((int32_t)c->gr[r1], (int32_t)ld_be32(p), &r))
        return FAST_NO;
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 4;
}

/* ---- RS, SI ------------------------------------------------------------------- */

static inline unsigned fast_srl(FAST_ARGS)              /* 88 SRL */
{
    unsigned r1 = rr_r1(ip), n = ea_s(c, ip) & 63;
    c->gr[r1] = n < 32 ? c->gr[r1] >> n : 0;
    return 4;
}

static inline unsigned fast_sll(FAST_ARGS)              /* 89 SLL */
{
    unsigned r1 = rr_r1(ip), n = ea_s(c, ip) & 63;
    c->gr[r1] = n < 32 ? c->gr[r1] << n : 0;
    return 4;
}

static inline unsigned fast_sra(FAST_ARGS)              /* 8A SRA */
{
    unsigned r1 = rr_r1(ip), n = ea_s(c, ip) & 63;
    int32_t r = (int32_t)c->gr[r1] >> (n < 31 ? n : 31);
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 4;
}

static inline unsigned fast_tm(FAST_ARGS)               /* 91 TM */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_s(c, ip), 1, &p))
        return FAST_NO;
    uint8_t m = si_i2(ip), v = *p & m;
    c->cc = v == 0 ? 0 : v == m ? 3 : 1;
    return 4;
}

static inline unsigned fast_mvi(FAST_ARGS)              /* 92 MVI */
{
    uint8_t *p;
    if (!fast_store(c, ea_s(c, ip), 1, &p))
        return FAST_NO;
    *p = si_i2(ip);
    return 4;
}

static inline unsigned fast_cli(FAST_ARGS)              /* 95 CLI */
{
    const uint8_t *p;
    if (!fast_fetch(c, ea_s(c, ip), 1, &p))
        return FAST_NO;
    c->cc = (uint8_t)cc_compare_logical(*p, si_i2(ip));
    return 4;
}

/* ---- RI: the A7 family ------------------------------------------------------- */

/* TMLH/TMLL: CC 0 all selected bits zero (or mask zero), 1 mixed with the
 * leftmost selected bit zero, 2 mixed with it one, 3 all ones. */
static inline unsigned fast_tm16(Cpu *c, uint32_t v, uint32_t m)
{
    v &= m;
    c->cc = v == 0 ? 0 : v == m ? 3 : (v & (0x80000000u >> __builtin_clz(m))) ? 2 : 1;
    return 4;
}

static inline unsigned fast_tmlh(FAST_ARGS)             /* A70 TMLH */
{
    return fast_tm16(c, c->gr[rr_r1(ip)] >> 16, ld_be16(ip + 2));
}

static inline unsigned fast_tmll(FAST_ARGS)             /* A71 TMLL */
{
    return fast_tm16(c, c->gr[rr_r1(ip)] & 0xFFFF, ld_be16(ip + 2));
}

static inline unsigned fast_brc(FAST_ARGS)              /* A74 BRC */
{
    if (!cc_selected(c, ip))
        return 4;
    *target = fast_rel(ia, ri_i2(ip), amask);
    return FAST_BRANCH;
}

static inline unsigned fast_bras(FAST_ARGS)             /* A75 BRAS */
{
    c->gr[rr_r1(ip)] = link_bas_of((ia + 4) & amask, amask);
    *target = fast_rel(ia, ri_i2(ip), amask);
    return FAST_BRANCH;
}

static inline unsigned fast_brct(FAST_ARGS)             /* A76 BRCT */
{
    if (--c->gr[rr_r1(ip)] == 0)
        return 4;
    *target = fast_rel(ia, ri_i2(ip), amask);
    return FAST_BRANCH;
}

static inline unsigned fast_lhi(FAST_ARGS)              /* A78 LHI */
{
    c->gr[rr_r1(ip)] = (uint32_t)ri_i2(ip);
    return 4;
}

static inline unsigned fast_ahi(FAST_ARGS)              /* A7A AHI */
{
    unsigned r1 = rr_r1(ip);
    int32_t r;
    if (__builtin_add_overflow((int32_t)c->gr[r1], ri_i2(ip), &r))
        return FAST_NO;
    c->gr[r1] = (uint32_t)r;
    c->cc = (uint8_t)cc_signed32(r);
    return 4;
}

static inline unsigned fast_mhi(FAST_ARGS)              /* A7C MHI */
{
    c->gr[rr_r1(ip)] *= (uint32_t)ri_i2(ip);
    return 4;
}

static inline unsigned fast_chi(FAST_ARGS)              /* A7E CHI */
{
    c->cc = (uint8_t)cc_compare_signed((int32_t)c->gr[rr_r1(ip)], ri_i2(ip));
    return 4;
}

/* ---- RIL: the C0 family -------------------------------------------------------- */

static inline unsigned fast_larl(FAST_ARGS)             /* C00 LARL */
{
    c->gr[rr_r1(ip)] = fast_rel(ia, ril_i2(ip), amask);
    return 6;
}

static inline unsigned fast_brcl(FAST_ARGS)             /* C04 BRCL */
{
    if (!cc_selected(c, ip))
        return 6;
    *target = fast_rel(ia, ril_i2(ip), amask);
    return FAST_BRANCH;
}

static inline unsigned fast_brasl(FAST_ARGS)            /* C05 BRASL */
{
    c->gr[rr_r1(ip)] = link_bas_of((ia + 6) & amask, amask);
    *target = fast_rel(ia, ril_i2(ip), amask);
    return FAST_BRANCH;
}

/* ---- the lists -------------------------------------------------------------------
 * Rows: opcode (or the A7/C0 extension), the handler the fast path stands
 * for, the fast path.  The run loop's label tables and code (run_batch()
 * in cpu.c), the check of the dispatch table (fast_paths_for(), ibid.)
 * and tests/unit/test_fastpath.c, which compares each fast path with its
 * handler, are all made from them. */
#define FAST_OPS(X) \
    X(0x07, insn_bcr, fast_bcr)   X(0x0D, insn_basr, fast_basr) X(0x12, insn_ltr, fast_ltr) \
    X(0x13, insn_lcr, fast_lcr)   X(0x14, insn_nr, fast_nr)     X(0x15, insn_clr, fast_clr) \
    X(0x16, insn_or, fast_or)     X(0x17, insn_xr, fast_xr)     X(0x18, insn_lr, fast_lr)   \
    X(0x19, insn_cr, fast_cr)     X(0x1A, insn_ar, fast_ar)     X(0x1B, insn_sr, fast_sr)   \
    X(0x1E, insn_alr, fast_alr)   X(0x1F, insn_slr, fast_slr)                               \
    X(0x40, insn_sth, fast_sth)   X(0x41, insn_la, fast_la)     X(0x42, insn_stc, fast_stc) \
    X(0x43, insn_ic, fast_ic)     X(0x47, insn_bc, fast_bc)     X(0x48, insn_lh, fast_lh)   \
    X(0x49, insn_ch, fast_ch)     X(0x4A, insn_ah, fast_ah)     X(0x4C, insn_mh, fast_mh)   \
    X(0x4D, insn_bas, fast_bas)   X(0x50, insn_st, fast_st)     X(0x54, insn_n, fast_n)     \
    X(0x55, insn_cl, fast_cl)     X(0x56, insn_o, fast_o)       X(0x57, insn_x, fast_x)     \
    X(0x58, insn_l, fast_l)       X(0x59, insn_c, fast_c)       X(0x5A, insn_a, fast_a)     \
    X(0x5B, insn_s, fast_s)       X(0x88, insn_srl, fast_srl)   X(0x89, insn_sll, fast_sll) \
    X(0x8A, insn_sra, fast_sra)   X(0x91, insn_tm, fast_tm)     X(0x92, insn_mvi, fast_mvi) \
    X(0x95, insn_cli, fast_cli)
#define FAST_A7(X) \
    X(0x0, insn_tmlh, fast_tmlh)  X(0x1, insn_tmll, fast_tmll)  X(0x4, insn_brc, fast_brc)  \
    X(0x5, insn_bras, fast_bras)  X(0x6, insn_brct, fast_brct)  X(0x8, insn_lhi, fast_lhi)  \
    X(0xA, insn_ahi, fast_ahi)    X(0xC, insn_mhi, fast_mhi)    X(0xE, insn_chi, fast_chi)
#define FAST_C0(X) \
    X(0x0, insn_larl, fast_larl)  X(0x4, insn_brcl, fast_brcl)  X(0x5, insn_brasl, fast_brasl)

/* The run loop's dispatch: fast_case[] maps the opcode and the low four
 * bits of the second byte (the A7/C0 extension) to the number of a fast
 * path, FC_NONE for an instruction without one; that number indexes the
 * run loop's label table.  One index and one table load cover both the
 * one-byte opcodes and the two families. */
#define FAST_ENUM(op, handler, fn) FC_##fn,
enum { FC_NONE, FAST_OPS(FAST_ENUM) FAST_A7(FAST_ENUM) FAST_C0(FAST_ENUM) };
#undef FAST_ENUM

static inline unsigned fast_case_index(const uint8_t *ip)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint16_t h;                         /* one load: ip[1] << 8 | ip[0] */
    memcpy(&h, ip, 2);
    return h & 0x0FFFu;
#else
    return ip[0] | (ip[1] & 15u) << 8;
#endif
}

#define FAST_X16(op, v) [(op) | 0x000] = v, [(op) | 0x100] = v, [(op) | 0x200] = v, \
    [(op) | 0x300] = v, [(op) | 0x400] = v, [(op) | 0x500] = v, [(op) | 0x600] = v, \
    [(op) | 0x700] = v, [(op) | 0x800] = v, [(op) | 0x900] = v, [(op) | 0xA00] = v, \
    [(op) | 0xB00] = v, [(op) | 0xC00] = v, [(op) | 0xD00] = v, [(op) | 0xE00] = v, \
    [(op) | 0xF00] = v,
#define FAST_INDEX(op, handler, fn)    FAST_X16(op, FC_##fn)
#define FAST_INDEX_A7(x, handler, fn)  [0xA7 | (x) << 8] = FC_##fn,
#define FAST_INDEX_C0(x, handler, fn)  [0xC0 | (x) << 8] = FC_##fn,
static const uint8_t fast_case[4096] = {
    FAST_OPS(FAST_INDEX) FAST_A7(FAST_INDEX_A7) FAST_C0(FAST_INDEX_C0)
};
#undef FAST_X16
#undef FAST_INDEX
#undef FAST_INDEX_A7
#undef FAST_INDEX_C0

#undef FAST_ARGS

#endif
