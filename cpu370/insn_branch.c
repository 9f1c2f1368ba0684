/*
 * insn_branch.c — branches (on condition, and link, and save, and set
 * mode, on count, on index), the relative branches, EXECUTE, SUPERVISOR
 * CALL and the PSW fields a problem program may read and set (IPM, SPM).
 *
 * ESA/390 PoO SA22-7201 ch. 7 "General instructions", ch. 5 "Program
 * execution" (branch address generation, EXECUTE); S/370 PoO GA22-7000
 * ch. 7.  The relative branches are z900 instructions also defined in
 * ESA/390 (BRC, BRAS, BRCT, BRXH, BRXLE) or usable in ESA/390 mode (LARL,
 * BRCL, BRASL); their target is counted in halfwords from the branch
 * itself (rel_target(), which knows about EXECUTE).
 *
 * When a handler runs c->ia already holds the updated instruction address
 * (for the target of EXECUTE: the address after the EXECUTE), which is
 * exactly the address the linkage instructions save.  A branch loads
 * c->ia with the target wrapped to the addressing mode.
 */
#include "insn.h"

static inline bool amode31(const Cpu *c)
{
    return c->amask == 0x7FFFFFFFu;
}

/* BAL/BALR link information.  24-bit mode (and always in S/370): ILC in
 * bits 0-1, CC in 2-3, program mask in 4-7, the updated instruction
 * address in 8-31.  31-bit mode: bit 0 one, address in 1-31.  c->ilc is
 * the length of this instruction, or of EXECUTE when it is the target of
 * one (the PoO gives ILC 2 then). */
static inline uint32_t link_bal(const Cpu *c)
{
    if (amode31(c))
        return 0x80000000u | c->ia;
    return (uint32_t)(c->ilc >> 1) << 30 | (uint32_t)c->cc << 28 |
           (uint32_t)c->psw.pm << 24 | c->ia;
}

static inline uint32_t link_bas(const Cpu *c)
{
    return link_bas_of(c->ia, c->amask);
}

/* ---- branch on condition -------------------------------------------------- */

/* 07  BCR — BRANCH ON CONDITION (RR).  R2 = 0: no branch (BCR 15,0 and
 * 14,0 are the serialization idioms; nothing to do in one CPU). */
void insn_bcr(Cpu *c, const uint8_t *ip)
{
    unsigned r2 = rr_r2(ip);
    if (cc_selected(c, ip) && r2 != 0)
        c->ia = c->gr[r2] & c->amask;
}

/* 47  BC — BRANCH ON CONDITION (RX) */
void insn_bc(Cpu *c, const uint8_t *ip)
{
    if (cc_selected(c, ip))
        c->ia = ea_rx(c, ip);
}

/* A74 BRC — BRANCH RELATIVE ON CONDITION */
void insn_brc(Cpu *c, const uint8_t *ip)
{
    if (cc_selected(c, ip))
        c->ia = rel_target(c, ri_i2(ip));
}

/* C04 BRCL — BRANCH RELATIVE ON CONDITION LONG */
void insn_brcl(Cpu *c, const uint8_t *ip)
{
    if (cc_selected(c, ip))
        c->ia = rel_target(c, ril_i2(ip));
}

/* ---- branch and link / save ----------------------------------------------- */

/* 05  BALR — BRANCH AND LINK (RR).  The target is taken from R2 before R1
 * is replaced; R2 = 0: link only. */
void insn_balr(Cpu *c, const uint8_t *ip)
{
    unsigned r2 = rr_r2(ip);
    uint32_t t = c->gr[r2];
    c->gr[rr_r1(ip)] = link_bal(c);
    if (r2 != 0)
        c->ia = t & c->amask;
}

/* 45  BAL — BRANCH AND LINK (RX) */
void insn_bal(Cpu *c, const uint8_t *ip)
{
    uint32_t t = ea_rx(c, ip);
    c->gr[rr_r1(ip)] = link_bal(c);
    c->ia = t;
}

/* 0D  BASR — BRANCH AND SAVE (RR) */
void insn_basr(Cpu *c, const uint8_t *ip)
{
    unsigned r2 = rr_r2(ip);
    uint32_t t = c->gr[r2];
    c->gr[rr_r1(ip)] = link_bas(c);
    if (r2 != 0)
        c->ia = t & c->amask;
}

/* 4D  BAS — BRANCH AND SAVE (RX) */
void insn_bas(Cpu *c, const uint8_t *ip)
{
    uint32_t t = ea_rx(c, ip);
    c->gr[rr_r1(ip)] = link_bas(c);
    c->ia = t;
}

/* A75 BRAS — BRANCH RELATIVE AND SAVE */
void insn_bras(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = link_bas(c);
    c->ia = rel_target(c, ri_i2(ip));
}

/* C05 BRASL — BRANCH RELATIVE AND SAVE LONG */
void insn_brasl(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = link_bas(c);
    c->ia = rel_target(c, ril_i2(ip));
}

/* Set the addressing mode from bit 0 of `v` and branch to the address in
 * the rest of it, wrapped to the new mode (PSW bit 32 and the instruction
 * address; the caches follow the mode). */
static inline void branch_set_mode(Cpu *c, uint32_t v)
{
    bool a31 = (v >> 31) != 0;
    if (a31 != c->psw.amode31) {
        c->psw.amode31 = a31;
        cpu_state_changed(c);
    }
    c->ia = v & c->amask;
}

/* 0C  BASSM — BRANCH AND SAVE AND SET MODE: R1 gets the current mode in
 * bit 0 and the updated address in 1-31; then mode and address come from
 * R2 (as it was before R1 changed), unless R2 is 0. */
void insn_bassm(Cpu *c, const uint8_t *ip)
{
    unsigned r2 = rr_r2(ip);
    uint32_t t = c->gr[r2];
    c->gr[rr_r1(ip)] = link_bas(c);
    if (r2 != 0)
        branch_set_mode(c, t);
}

/* 0B  BSM — BRANCH AND SET MODE: bit 0 of R1 (unless R1 is 0) gets the
 * current mode, bits 1-31 unchanged; then as BASSM. */
void insn_bsm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    uint32_t t = c->gr[r2];
    if (r1 != 0)
        c->gr[r1] = (c->gr[r1] & 0x7FFFFFFFu) | (amode31(c) ? 0x80000000u : 0);
    if (r2 != 0)
        branch_set_mode(c, t);
}

/* ---- branch on count / index ------------------------------------------------ */

/* 06  BCTR — BRANCH ON COUNT (RR): R1 - 1; branch if nonzero and R2 != 0. */
void insn_bctr(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r2 = rr_r2(ip);
    uint32_t t = c->gr[r2];
    if (--c->gr[r1] != 0 && r2 != 0)
        c->ia = t & c->amask;
}

/* 46  BCT — BRANCH ON COUNT (RX).  The address is formed before R1 is
 * decremented (R1 may be the index or base). */
void insn_bct(Cpu *c, const uint8_t *ip)
{
    uint32_t t = ea_rx(c, ip);
    if (--c->gr[rr_r1(ip)] != 0)
        c->ia = t;
}

/* A76 BRCT — BRANCH RELATIVE ON COUNT */
void insn_brct(Cpu *c, const uint8_t *ip)
{
    if (--c->gr[rr_r1(ip)] != 0)
        c->ia = rel_target(c, ri_i2(ip));
}

/* BXH/BXLE: R1 + R3 (signed, no overflow) is compared with the odd
 * register of the pair R3 designates (R3 itself when odd), taken before R1
 * is replaced; the sum then replaces R1. */
static inline int32_t bx_step(Cpu *c, const uint8_t *ip, int32_t *cmp)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    *cmp = (int32_t)c->gr[r3 | 1];
    uint32_t sum = c->gr[r1] + c->gr[r3];
    c->gr[r1] = sum;
    return (int32_t)sum;
}

/* 86  BXH — BRANCH ON INDEX HIGH */
void insn_bxh(Cpu *c, const uint8_t *ip)
{
    uint32_t t = ea_s(c, ip);
    int32_t cmp, sum = bx_step(c, ip, &cmp);
    if (sum > cmp)
        c->ia = t;
}

/* 87  BXLE — BRANCH ON INDEX LOW OR EQUAL */
void insn_bxle(Cpu *c, const uint8_t *ip)
{
    uint32_t t = ea_s(c, ip);
    int32_t cmp, sum = bx_step(c, ip, &cmp);
    if (sum <= cmp)
        c->ia = t;
}

/* 84  BRXH — BRANCH RELATIVE ON INDEX HIGH */
void insn_brxh(Cpu *c, const uint8_t *ip)
{
    int32_t cmp, sum = bx_step(c, ip, &cmp);
    if (sum > cmp)
        c->ia = rel_target(c, ri_i2(ip));
}

/* 85  BRXLE — BRANCH RELATIVE ON INDEX LOW OR EQUAL */
void insn_brxle(Cpu *c, const uint8_t *ip)
{
    int32_t cmp, sum = bx_step(c, ip, &cmp);
    if (sum <= cmp)
        c->ia = rel_target(c, ri_i2(ip));
}

/* C00 LARL — LOAD ADDRESS RELATIVE LONG (wrapped to the addressing mode,
 * like LA). */
void insn_larl(Cpu *c, const uint8_t *ip)
{
    c->gr[rr_r1(ip)] = rel_target(c, ril_i2(ip));
}

/* ---- EXECUTE ------------------------------------------------------------------ */

/* Fetch the target of EXECUTE into buf, a halfword at a time past a page
 * end, as instruction fetching does (only the target's own length is
 * accessed). */
static void ex_fetch(Cpu *c, uint32_t a, uint8_t *buf)
{
    const uint8_t *p = tlb_fetch_ptr(c, a, 6);
    if (likely(p != NULL)) {
        memcpy(buf, p, 6);
        return;
    }
    p = stor_translate(c, a, ACC_INSTR);
    buf[0] = p[0];
    buf[1] = p[1];
    unsigned len = insn_length(buf[0]);
    for (unsigned i = 2; i < len; i += 2) {
        p = stor_translate(c, (a + i) & c->amask, ACC_INSTR);
        buf[i] = p[0];
        buf[i + 1] = p[1];
    }
}

/* 44  EX — EXECUTE: the target (even address, else specification) runs
 * with bits 8-15 ORed with bits 24-31 of R1 (unless R1 is 0); storage is
 * not changed.  A target that is itself EXECUTE: execute exception.  The
 * target sees c->ia = the address after EX, c->ilc = 4, and relative
 * branches count from its own address (c->ex_addr).  A program
 * interruption in the target longjmps out; interrupt_program() clears
 * in_execute then. */
void insn_ex(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    uint32_t a = ea_rx(c, ip);
    uint8_t buf[8];

    spec_check(c, a & 1);
    ex_fetch(c, a, buf);
    if (unlikely(buf[0] == 0x44))
        cpu_program_check(c, PGM_EXECUTE);
    if (r1 != 0)
        buf[1] |= (uint8_t)c->gr[r1];
    c->in_execute = true;
    c->ex_addr = a;
    cpu_dispatch(c, buf);
    c->in_execute = false;
}

/* ---- SVC, IPM, SPM -------------------------------------------------------------- */

/* 0A  SVC — SUPERVISOR CALL (I format: bits 8-15 are the number).  The old
 * PSW points past the SVC (c->ia). */
void insn_svc(Cpu *c, const uint8_t *ip)
{
    interrupt_svc(c, ip[1]);
}

/* B222 IPM — INSERT PROGRAM MASK: CC and program mask into bits 2-7 of R1,
 * bits 0-1 zero, bits 8-31 unchanged. */
void insn_ipm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip);
    c->gr[r1] = (c->gr[r1] & 0x00FFFFFFu) | (uint32_t)c->cc << 28 | (uint32_t)c->psw.pm << 24;
}

/* 04  SPM — SET PROGRAM MASK: CC from bits 2-3 of R1, program mask from
 * bits 4-7.  Nothing cached depends on either. */
void insn_spm(Cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[rr_r1(ip)];
    c->cc = (v >> 28) & 3;
    c->psw.pm = (v >> 24) & 15;
}
