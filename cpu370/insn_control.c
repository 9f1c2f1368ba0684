/*
 * insn_control.c — control instructions: the PSW, control registers,
 * prefix, address spaces, moves across keys and spaces, translation
 * (LRA, IPTE, PTLB), SIGNAL PROCESSOR and DIAGNOSE.  Storage keys are in
 * insn_keys.c, the clocks and timers in insn_timer.c.
 *
 * ESA/390 PoO SA22-7201 ch. 10 "Control instructions" (and ch. 3 for DAT,
 * ch. 4 for the PSW and SIGNAL PROCESSOR, ch. 5 for the address-space
 * modes); S/370 PoO GA22-7000 ch. 10 (BC/EC PSW, DAS instructions).
 *
 * Privileged instructions are flagged PRIV in opcodes.def and never reach
 * their handler in the problem state.  The semiprivileged ones (SPKA, IPK,
 * IAC, IVSK, MVCK, MVCP, MVCS, SAC) check the problem state here.
 */
#include "insn.h"
#include "dat.h"

/* Space-switch event (ESA/390 PoO ch. 6, "Space-switch event"). */
#define PGM_SPACE_SWITCH  0x001C
/* Real location of the old PASN on a space-switch event. */
#define PSA_SSE_PASN      0x0A8

/* A semiprivileged instruction in the problem state may use access key
 * `key` only when the PSW-key mask, CR3 bits 0-15, authorizes it. */
static void key_authorized(Cpu *c, unsigned key)
{
    if (c->problem && !(c->cr[3] & (0x80000000u >> key)))
        cpu_program_check(c, PGM_PRIVILEGED_OPERATION);
}

/* Extraction authority (CR0 bit 4) for IPK, IAC, IVSK in the problem state. */
static void extraction_authorized(Cpu *c)
{
    if (c->problem && !(c->cr[0] & CR0_EXTRACT_AUTH))
        cpu_program_check(c, PGM_PRIVILEGED_OPERATION);
}

/* A new system mask from SSM, STNSM or STOSM.  The value is not checked
 * before it is loaded; immediately after, a PSW with ones where zeros are
 * required (ESA/390 bits 0 and 2-4, S/370 EC bit 0 and 2-4) is a
 * specification exception ("Early exception recognition"): the old PSW
 * has the new mask, the address of the next instruction and, for these
 * instructions, ILC 2 (S/370 PoO GA22-7000-10 ch. 6 "Specification
 * exception"; the ESA-era wording of STORE THEN OR SYSTEM MASK: "not
 * checked for validity before loading.  However, immediately after
 * loading, a specification exception is recognized").  Hercules 3.13 does
 * the same. */
static void set_sysmask(Cpu *c, uint8_t mask)
{
    c->psw.sysmask = mask;
    cpu_state_changed(c);
    if (psw_check(c))
        cpu_program_check(c, PGM_SPECIFICATION);
}

/* 82  LPSW — LOAD PSW (S) */
void insn_lpsw(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 7);
    uint8_t psw[8];
    vfetch_bytes(c, a, psw, 8);
    if (psw_load(c, psw)) {
        /* The invalid PSW stays loaded: it is the old PSW, ILC 0. */
        c->zero_ilc = true;
        cpu_program_check(c, PGM_SPECIFICATION);
    }
}

/* 80  SSM — SET SYSTEM MASK (S) */
void insn_ssm(Cpu *c, const uint8_t *ip)
{
    if (c->cr[0] & CR0_SSM_SUPPRESS)
        cpu_program_check(c, PGM_SPECIAL_OPERATION);
    set_sysmask(c, vfetch8(c, ea_s(c, ip)));
}

/* AC  STNSM — STORE THEN AND SYSTEM MASK (SI) */
void insn_stnsm(Cpu *c, const uint8_t *ip)
{
    vstore8(c, ea_s(c, ip), c->psw.sysmask);
    set_sysmask(c, c->psw.sysmask & si_i2(ip));
}

/* AD  STOSM — STORE THEN OR SYSTEM MASK (SI) */
void insn_stosm(Cpu *c, const uint8_t *ip)
{
    uint8_t m = c->psw.sysmask | si_i2(ip);
    vstore8(c, ea_s(c, ip), c->psw.sysmask);
    set_sysmask(c, m);
}

/* B7  LCTL — LOAD CONTROL (RS).  Registers R1 through R3, wrapping from
 * 15 to 0.  All words are fetched before any register changes. */
void insn_lctl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    unsigned n = ((r3 - r1) & 15) + 1;
    uint8_t buf[64];
    vfetch_bytes(c, a, buf, n * 4);

    bool purge = false;
    for (unsigned i = 0; i < n; i++) {
        unsigned r = (r1 + i) & 15;
        uint32_t v = ld_be32(buf + 4 * i);
        /* CR0 (translation format, protection overrides) and the segment-
         * table designations (CR1 primary, CR7 secondary, CR13 home) are
         * what the TLB depends on. */
        if ((r == 0 || r == 1 || r == 7 || r == 13) && c->cr[r] != v)
            purge = true;
        c->cr[r] = v;
    }
    if (purge)
        tlb_purge(c);               /* also calls cpu_state_changed() */
    else
        cpu_state_changed(c);       /* external masks, timers */
}

/* B6  STCTL — STORE CONTROL (RS) */
void insn_stctl(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    unsigned n = ((r3 - r1) & 15) + 1;
    uint8_t buf[64];
    for (unsigned i = 0; i < n; i++)
        st_be32(buf + 4 * i, c->cr[(r1 + i) & 15]);
    vstore_bytes(c, a, buf, n * 4);
}

/* B210  SPX — SET PREFIX (S).  ESA/390: bits 1-19 of the word; S/370:
 * bits 8-19.  The new prefix area must exist. */
void insn_spx(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    uint32_t v = vfetch32(c, a);
    uint32_t p = v & (c->arch == ARCH_S370 ? 0x00FFF000u : 0x7FFFF000u);
    if (!stor_abs_ptr(c, p, 4096))
        cpu_program_check(c, PGM_ADDRESSING);
    c->prefix = p;
    tlb_purge(c);
}

/* B211  STPX — STORE PREFIX (S) */
void insn_stpx(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    vstore32(c, a, c->prefix);
}

/* B212  STAP — STORE CPU ADDRESS (S) */
void insn_stap(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 1);
    vstore16(c, a, c->cpuad);
}

/* B202  STIDP — STORE CPU ID (S) */
void insn_stidp(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 7);
    vstore64(c, a, c->cpuid);
}

/* B20D  PTLB — PURGE TLB (S) */
void insn_ptlb(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    tlb_purge(c);
}

/* B221  IPTE — INVALIDATE PAGE TABLE ENTRY (RRE).  R1: page-table origin
 * (bits 1-25), R2: page index (bits 12-19).  The page-invalid bit (21) of
 * the entry at PTO + 4 * PX, a real address, is set to one, and the TLB
 * forgets the page (here: all of it). */
void insn_ipte(Cpu *c, const uint8_t *ip)
{
    uint32_t pto = c->gr[rre_r1(ip)] & 0x7FFFFFC0u;
    uint32_t px = (c->gr[rre_r2(ip)] >> 12) & 0xFF;
    uint32_t ra = (pto + px * 4) & 0x7FFFFFFFu;
    real_store32(c, ra, real_fetch32(c, ra) | 0x400u);
    tlb_purge(c);
}

/* B1  LRA — LOAD REAL ADDRESS (RX).  The address is translated whether
 * DAT is on or off, in the space of the current address-space control
 * (ESA/390; access-register mode is taken as primary: no ART here ???).
 * cc 0: R1 = real address; cc 1: segment-table entry invalid, cc 2: page-
 * table entry invalid, cc 3: segment- or page-table length exceeded; for
 * cc 1-3 R1 gets the real address of that entry (for cc 3 the entry just
 * beyond the table).  Translation-specification and addressing exceptions
 * for the tables are program interruptions. */
void insn_lra(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip);
    DatResult r;
    int code = dat_translate(c, ea_rx(c, ip), c->psw.asc, &r);
    switch (code) {
    case 0:
        c->gr[r1] = r.ra;
        cc_set(c, 0);
        break;
    case PGM_SEGMENT_TRANSLATION:
        c->gr[r1] = r.entry;
        cc_set(c, r.length ? 3 : 1);
        break;
    case PGM_PAGE_TRANSLATION:
        c->gr[r1] = r.entry;
        cc_set(c, r.length ? 3 : 2);
        break;
    default:                        /* translation specification, addressing */
        cpu_program_check(c, code);
    }
}

/* ---- address spaces and keys ------------------------------------------- */

/* B224  IAC — INSERT ADDRESS SPACE CONTROL (RRE).  PSW bits 16-17 go to
 * bits 22-23 of R1, bits 16-21 become zeros; the CC names the mode:
 * 0 primary, 1 secondary, 2 access register, 3 home. */
void insn_iac(Cpu *c, const uint8_t *ip)
{
    static const uint8_t cc_of_asc[4] = {
        [AS_PRIMARY] = 0, [AS_SECONDARY] = 1, [AS_AR] = 2, [AS_HOME] = 3,
    };
    if (!psw_dat_on(c))
        cpu_program_check(c, PGM_SPECIAL_OPERATION);
    extraction_authorized(c);
    unsigned r1 = rre_r1(ip);
    c->gr[r1] = (c->gr[r1] & 0xFFFF00FFu) | (uint32_t)c->psw.asc << 8;
    cc_set(c, cc_of_asc[c->psw.asc & 3]);
}

/* B219  SAC — SET ADDRESS SPACE CONTROL (S).  Bits 20-23 of the second-
 * operand address: 0000 primary, 0001 secondary, 0010 access register,
 * 0011 home.  DAT must be on (special operation); home-space mode is
 * privileged; secondary-space mode needs the secondary-space control, CR0
 * bit 5 (special operation) ???: whether ESA/390 requires CR0 bit 5 for
 * every code or only for secondary is our reading of the manual.  Going to
 * or from home-space mode with a space-switch-event control on (bit 0 of
 * CR1 or CR13) ends in a space-switch-event program interruption once the
 * instruction has completed. */
void insn_sac(Cpu *c, const uint8_t *ip)
{
    static const int8_t asc_of_code[16] = {
        AS_PRIMARY, AS_SECONDARY, AS_AR, AS_HOME,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    };
    if (!psw_dat_on(c))
        cpu_program_check(c, PGM_SPECIAL_OPERATION);
    int asc = asc_of_code[(ea_s(c, ip) >> 8) & 15];
    spec_check(c, asc < 0);
    if (asc == AS_HOME && c->problem)
        cpu_program_check(c, PGM_PRIVILEGED_OPERATION);
    if (asc == AS_SECONDARY && !(c->cr[0] & CR0_SECONDARY_SPACE))
        cpu_program_check(c, PGM_SPECIAL_OPERATION);

    bool was_home = c->psw.asc == AS_HOME;
    c->psw.asc = (uint8_t)asc;
    cpu_state_changed(c);
    if (was_home != (asc == AS_HOME) && ((c->cr[1] | c->cr[13]) & 0x80000000u)) {
        /* ??? The old PASN (CR4 bits 16-31) at X'A8', bit 0 one when the
         * CPU was in home-space mode before, as for PC and PT. */
        real_store32(c, PSA_SSE_PASN, (was_home ? 0x80000000u : 0) | (c->cr[4] & 0xFFFF));
        cpu_program_check(c, PGM_SPACE_SWITCH);
    }
}

/* B20A  SPKA — SET PSW KEY FROM ADDRESS (S): bits 24-27 of the address. */
void insn_spka(Cpu *c, const uint8_t *ip)
{
    unsigned key = (ea_s(c, ip) >> 4) & 15;
    key_authorized(c, key);
    c->psw.key = (uint8_t)key;
    cpu_state_changed(c);           /* the key is part of the TLB tags */
}

/* B20B  IPK — INSERT PSW KEY (S): into bits 24-27 of GR2, 28-31 zeros. */
void insn_ipk(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    extraction_authorized(c);
    c->gr[2] = (c->gr[2] & 0xFFFFFF00u) | (uint32_t)c->psw.key << 4;
}

/* ---- moves with another key or address space ---------------------------- */

/* Check every 2K page of [a, a+len) for an access with key and space. */
static void check_operand(Cpu *c, uint32_t a, unsigned len, int acc, unsigned key, int asc)
{
    for (unsigned off = 0; off < len;
         off += TLB_PAGE_SIZE - ((a + off) & (TLB_PAGE_SIZE - 1)))
        stor_access(c, a + off, acc, key, asc);
}

/* The common part of MVCK, MVCP and MVCS: the true length is in R1 (an
 * unsigned word); at most 256 bytes are moved, cc 3 if it was more.  The
 * move is done byte by byte, left to right, after both operands have been
 * checked, so an access exception leaves the first operand unchanged. */
static void move_with_keys(Cpu *c, unsigned r1, uint32_t dst, unsigned dkey, int dasc,
                           uint32_t src, unsigned skey, int sasc)
{
    uint32_t len = c->gr[r1];
    unsigned n = len > 256 ? 256 : len;
    if (n) {
        check_operand(c, src, n, ACC_FETCH, skey, sasc);
        check_operand(c, dst, n, ACC_STORE, dkey, dasc);
        for (unsigned i = 0; i < n; i++) {
            uint8_t b = *stor_access(c, src + i, ACC_FETCH, skey, sasc);
            *stor_access(c, dst + i, ACC_STORE, dkey, dasc) = b;
        }
    }
    cc_set(c, len > 256 ? 3 : 0);
}

/* D9  MVCK — MOVE WITH KEY (SS: R1 length, R3 key).  The second operand
 * is fetched with the key in R3 bits 24-27, the first stored with the PSW
 * key, both in the current address space. */
void insn_mvck(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    unsigned key = (c->gr[r3] >> 4) & 15;
    key_authorized(c, key);
    move_with_keys(c, r1, ea_bd(c, ip + 2), c->psw.key, c->psw.asc,
                   ea_ss2(c, ip), key, c->psw.asc);
}

/* MVCP and MVCS use the secondary space: DAT must be on and the
 * secondary-space control (CR0 bit 5) one, else special operation; the
 * secondary-space access key (R3 bits 24-27) must be authorized. */
static unsigned secondary_key(Cpu *c, unsigned r3)
{
    if (!psw_dat_on(c) || !(c->cr[0] & CR0_SECONDARY_SPACE))
        cpu_program_check(c, PGM_SPECIAL_OPERATION);
    unsigned key = (c->gr[r3] >> 4) & 15;
    key_authorized(c, key);
    return key;
}

/* DA  MVCP — MOVE TO PRIMARY (SS: R1 length, R3 key): from the secondary
 * space with the R3 key to the primary space with the PSW key. */
void insn_mvcp(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    unsigned key = secondary_key(c, r3);
    move_with_keys(c, r1, ea_bd(c, ip + 2), c->psw.key, AS_PRIMARY,
                   ea_ss2(c, ip), key, AS_SECONDARY);
}

/* DB  MVCS — MOVE TO SECONDARY (SS: R1 length, R3 key): from the primary
 * space with the PSW key to the secondary space with the R3 key. */
void insn_mvcs(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    unsigned key = secondary_key(c, r3);
    move_with_keys(c, r1, ea_bd(c, ip + 2), key, AS_SECONDARY,
                   ea_ss2(c, ip), c->psw.key, AS_PRIMARY);
}

/* ---- SIGNAL PROCESSOR ----------------------------------------------------- */

/* Order codes (ESA/390 PoO ch. 4 "Signal-processor orders"). */
enum {
    SIGP_SENSE = 0x01, SIGP_EXTERNAL_CALL = 0x02, SIGP_EMERGENCY_SIGNAL = 0x03,
    SIGP_START = 0x04, SIGP_STOP = 0x05, SIGP_RESTART = 0x06,
    SIGP_STOP_AND_STORE_STATUS = 0x09, SIGP_INITIAL_CPU_RESET = 0x0B,
    SIGP_CPU_RESET = 0x0C, SIGP_SET_PREFIX = 0x0D, SIGP_STORE_STATUS_AT = 0x0E,
};

/* Status bits placed in R1 with cc 1. */
#define SIGP_STATUS_INCORRECT_STATE 0x00000200u   /* bit 22 (ESA/390) */
#define SIGP_STATUS_INVALID_ORDER   0x00000002u   /* bit 30           */

/* The CPU enters the stopped state when the instruction ends. */
static void cpu_stop_after(Cpu *c)
{
    c->stop = STOP_OPERATOR;
    cpu_request_event_check(c);
}

/* AE  SIGP — SIGNAL PROCESSOR (RS).  R3 bits 16-31: CPU address; bits
 * 24-31 of the second-operand address: the order; the parameter, where an
 * order has one, is in the odd register of the pair R1 designates.
 *
 * This machine has one CPU, address c->cpuad: any other address is not
 * operational (cc 3).  The addressed CPU is the one executing SIGP, so it
 * is operating: sense finds no status (cc 0); start does nothing; stop,
 * stop-and-store-status and the resets stop it when SIGP completes (the
 * run loop returns STOP_OPERATOR); restart makes a restart interruption
 * pending.  Set prefix and store status at address need a stopped CPU:
 * incorrect state (ESA/390).  External call and emergency signal to
 * oneself are not provided ??? (no pending-condition bits for them yet):
 * invalid order, like every unassigned code. */
void insn_sigp(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    unsigned order = ea_s(c, ip) & 0xFF;
    uint32_t status = 0;

    if ((c->gr[r3] & 0xFFFF) != c->cpuad) {
        cc_set(c, 3);
        return;
    }
    cc_set(c, 0);
    switch (order) {
    case SIGP_SENSE:
    case SIGP_START:
        break;
    case SIGP_STOP:
        cpu_stop_after(c);
        break;
    case SIGP_RESTART:
        c->restart_pending = true;
        cpu_request_event_check(c);
        break;
    case SIGP_STOP_AND_STORE_STATUS:
        cpu_store_status(c, 0);
        cpu_stop_after(c);
        break;
    case SIGP_INITIAL_CPU_RESET:
        cpu_reset(c);
        cpu_stop_after(c);
        break;
    case SIGP_CPU_RESET:
        /* Registers, PSW and prefix stay; pending interruptions and the
         * TLB go. */
        c->ext_pending = 0;
        c->restart_pending = false;
        tlb_purge(c);
        cpu_stop_after(c);
        break;
    case SIGP_SET_PREFIX:
    case SIGP_STORE_STATUS_AT:
        if (c->arch == ARCH_ESA390)
            status = SIGP_STATUS_INCORRECT_STATE;
        else
            status = SIGP_STATUS_INVALID_ORDER;
        break;
    default:
        status = SIGP_STATUS_INVALID_ORDER;
        break;
    }
    if (status) {
        c->gr[r1] = status;
        cc_set(c, 1);
    }
}

/* 83  DIAG — DIAGNOSE (RS).  Model-dependent.  On this bare machine it is
 * an operation exception unless the host installed c->hooks.diagnose and
 * the hook handles the request (returns true); the hook gets R1, R3 and
 * the second-operand address (D2 plus B2) as the code, VM-style. */
void insn_diag(Cpu *c, const uint8_t *ip)
{
    if (c->hooks.diagnose &&
        c->hooks.diagnose(c->hooks.ctx, c, rr_r1(ip), rs_r3(ip), ea_s(c, ip)))
        return;
    cpu_program_check(c, PGM_OPERATION);
}
