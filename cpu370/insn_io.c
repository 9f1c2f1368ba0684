/*
 * insn_io.c — the I/O instructions: the ESA/390 channel-subsystem
 * instructions and S/370 channel I/O.
 *
 * ESA/390 PoO SA22-7201 ch. 14 "I/O instructions": general register 1
 * holds the subsystem-identification word (X'0001' and the subchannel
 * number; anything else is an operand exception), the second-operand
 * address designates the ORB, SCHIB or IRB (word aligned, else a
 * specification exception), the condition code says what happened.
 * S/370 PoO GA22-7000 ch. 13 "Input/output instructions": bits 16-31 of the
 * second-operand address are the channel and device address, the CAW is at
 * real X'48', a stored CSW at real X'40'.
 *
 * The work is in channel.c; these handlers decode, check and store.
 * Stores that accompany a state change (TSCH, TPI) check the whole operand
 * first, so an access exception leaves the subchannel as it was.
 */
#include "channel.h"
#include "insn.h"

/* GR1 must hold a subsystem-identification word; returns the subchannel
 * (NULL: no such subchannel, condition code 3). */
static Subchannel *sch_from_gr1(Cpu *c)
{
    uint32_t id = c->gr[1];
    if ((id >> 16) != 0x0001)
        cpu_program_check(c, PGM_OPERAND);
    return css_subchannel(c->m, id);
}

static uint32_t word_operand(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 3);
    return a;
}

/* STSCH or TSCH has shown `s` to the program: a channel program stalled
 * after a PCI may go on (channel.h). */
static void done(Subchannel *s, int cc, Cpu *c)
{
    cc_set(c, (unsigned)cc);
    css_touch(s);
}

/* B230  CSCH — CLEAR SUBCHANNEL (S) */
void insn_csch(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    Subchannel *s = sch_from_gr1(c);
    cc_set(c, s ? (unsigned)css_csch(s) : 3);
}

/* B231  HSCH — HALT SUBCHANNEL (S) */
void insn_hsch(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    Subchannel *s = sch_from_gr1(c);
    cc_set(c, s ? (unsigned)css_hsch(s) : 3);
}

/* B232  MSCH — MODIFY SUBCHANNEL (S) */
void insn_msch(Cpu *c, const uint8_t *ip)
{
    uint32_t a = word_operand(c, ip);
    Subchannel *s = sch_from_gr1(c);
    uint8_t schib[SCHIB_SIZE];
    vfetch_bytes(c, a, schib, sizeof schib);
    if (!css_pmcw_valid(schib))
        cpu_program_check(c, PGM_OPERAND);
    if (!s) {
        cc_set(c, 3);
        return;
    }
    cc_set(c, (unsigned)css_msch(s, schib, !c->io_assist));
}

/* B233  SSCH — START SUBCHANNEL (S) */
void insn_ssch(Cpu *c, const uint8_t *ip)
{
    uint32_t a = word_operand(c, ip);
    Subchannel *s = sch_from_gr1(c);
    uint8_t orb[ORB_SIZE];
    vfetch_bytes(c, a, orb, sizeof orb);
    if ((ld_be32(orb + 4) & ORB_RESERVED) || (orb[8] & 0x80))
        cpu_program_check(c, PGM_OPERAND);
    if (!s) {
        cc_set(c, 3);
        return;
    }
    cc_set(c, (unsigned)css_ssch(s, orb));
}

/* B234  STSCH — STORE SUBCHANNEL (S) */
void insn_stsch(Cpu *c, const uint8_t *ip)
{
    uint32_t a = word_operand(c, ip);
    Subchannel *s = sch_from_gr1(c);
    if (!s) {
        cc_set(c, 3);
        return;
    }
    uint8_t schib[SCHIB_SIZE];
    css_stsch(s, schib);
    vstore_bytes(c, a, schib, sizeof schib);
    done(s, 0, c);
}

/* B235  TSCH — TEST SUBCHANNEL (S) */
void insn_tsch(Cpu *c, const uint8_t *ip)
{
    uint32_t a = word_operand(c, ip);
    Subchannel *s = sch_from_gr1(c);
    if (!s) {
        cc_set(c, 3);
        return;
    }
    stor_prepare(c, a, IRB_SIZE, ACC_STORE);
    uint8_t irb[IRB_SIZE];
    int cc = css_tsch(s, irb);
    vstore_bytes(c, a, irb, sizeof irb);
    done(s, cc, c);
}

/* B236  TPI — TEST PENDING INTERRUPTION (S): the interruption code goes to
 * the second operand, or to X'B8'-X'BF' in the PSA when the address is 0. */
void insn_tpi(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    uint32_t code[3];
    if (a != 0) {
        spec_check(c, a & 3);
        stor_prepare(c, a, 8, ACC_STORE);
    }
    if (!css_tpi(c, code)) {
        cc_set(c, 0);
        return;
    }
    if (a != 0) {
        vstore32(c, a, code[0]);
        vstore32(c, (a + 4) & c->amask, code[1]);
    } else {
        real_store32(c, PSA_IO_SSID, code[0]);
        real_store32(c, PSA_IO_PARM, code[1]);
    }
    cc_set(c, 1);
}

/* B237  SAL — SET ADDRESS LIMIT (S): GR1 bit 0 and bits 16-31 must be zero;
 * the limit only matters to ORBs with the A bit, which we do not check. */
void insn_sal(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    if (c->gr[1] & 0x8000FFFFu)
        cpu_program_check(c, PGM_OPERAND);
}

/* B238  RSCH — RESUME SUBCHANNEL (S) */
void insn_rsch(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    Subchannel *s = sch_from_gr1(c);
    if (!s) {
        cc_set(c, 3);
        return;
    }
    cc_set(c, (unsigned)css_rsch(s));
}

/* B239  STCRW — STORE CHANNEL REPORT WORD (S): no reports are ever made
 * pending here, so zeros and condition code 1. */
void insn_stcrw(Cpu *c, const uint8_t *ip)
{
    uint32_t a = word_operand(c, ip);
    vstore32(c, a, 0);
    cc_set(c, 1);
}

/* B23A  STCPS — STORE CHANNEL PATH STATUS (S): 32 bytes on a 32-byte
 * boundary; no channel path is ever active at the end of an instruction. */
void insn_stcps(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 31);
    uint8_t zeros[32] = { 0 };
    vstore_bytes(c, a, zeros, sizeof zeros);
}

/* B23B  RCHP — RESET CHANNEL PATH (S): GR1 bits 0-23 zero, CHPID in 24-31. */
void insn_rchp(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    if (c->gr[1] & 0xFFFFFF00u)
        cpu_program_check(c, PGM_OPERAND);
    cc_set(c, (c->gr[1] & 0xFF) == CSS_CHPID && c->m->ndevices ? 0 : 3);
}

/* B23C  SCHM — SET CHANNEL MONITOR (S): measurement is not provided; the
 * operands are checked (GR1 bits 0-27 but the key, GR2 for mode D). */
void insn_schm(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    if (c->gr[1] & 0x0FFFFFFCu)
        cpu_program_check(c, PGM_OPERAND);
    if ((c->gr[1] & 0x00000002u) && (c->gr[2] & 0x8000001Fu))
        cpu_program_check(c, PGM_OPERAND);
}

/* ---- S/370 channel I/O ----------------------------------------------------- */

static uint16_t io_addr(Cpu *c, const uint8_t *ip)
{
    return (uint16_t)ea_s(c, ip);
}

/* 9C00  SIO — START I/O (S); 9C01 SIOF — START I/O FAST RELEASE (S),
 * executed as START I/O (the manual allows it). */
void insn_sio(Cpu *c, const uint8_t *ip)
{
    uint16_t addr = io_addr(c, ip);
    uint32_t caw = real_fetch32(c, PSA_CAW);
    cc_set(c, (unsigned)css370_sio(c->m, addr, caw));
}

void insn_siof(Cpu *c, const uint8_t *ip)
{
    insn_sio(c, ip);
}

/* 9D00  TIO — TEST I/O (S) */
void insn_tio(Cpu *c, const uint8_t *ip)
{
    cc_set(c, (unsigned)css370_tio(c->m, io_addr(c, ip)));
}

/* 9D01  CLRIO — CLEAR I/O (S) */
void insn_clrio(Cpu *c, const uint8_t *ip)
{
    cc_set(c, (unsigned)css370_clrio(c->m, io_addr(c, ip)));
}

/* 9E00  HIO — HALT I/O (S); 9E01 HDV — HALT DEVICE (S): one device per
 * subchannel, so the two are the same here. */
void insn_hio(Cpu *c, const uint8_t *ip)
{
    cc_set(c, (unsigned)css370_hio(c->m, io_addr(c, ip)));
}

void insn_hdv(Cpu *c, const uint8_t *ip)
{
    insn_hio(c, ip);
}

/* 9F00  TCH — TEST CHANNEL (S): bits 16-23 of the address are the channel. */
void insn_tch(Cpu *c, const uint8_t *ip)
{
    cc_set(c, (unsigned)css370_tch(c->m, (uint8_t)(io_addr(c, ip) >> 8)));
}
