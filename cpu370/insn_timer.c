/*
 * insn_timer.c — the TOD clock, the clock comparator and the CPU timer:
 * SCK, STCK, SCKC, STCKC, SPT, STPT.
 *
 * ESA/390 PoO SA22-7201 ch. 4 "Timing" and ch. 10; S/370 PoO GA22-7000
 * ch. 4 and ch. 10.  The clocks themselves live in timer.c; setting a
 * comparator or timer asks the run loop to recompute when it next has to
 * look at the timers (and whether an interruption is now pending).
 *
 * Every operand but STORE CLOCK's must be on a doubleword boundary
 * (specification exception).  The clock is always in the set state, so
 * SCK and STCK set condition code 0.
 */
#include "insn.h"

static uint32_t dw_operand(Cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_s(c, ip);
    spec_check(c, a & 7);
    return a;
}

/* B204  SCK — SET CLOCK (S) */
void insn_sck(Cpu *c, const uint8_t *ip)
{
    uint64_t v = vfetch64(c, dw_operand(c, ip));
    tod_set(c, v);
    timers_update(c);
    cpu_request_event_check(c);
    cc_set(c, 0);
}

/* B205  STCK — STORE CLOCK (S).  No alignment required. */
void insn_stck(Cpu *c, const uint8_t *ip)
{
    vstore64(c, ea_s(c, ip), tod_now(c));
    cc_set(c, 0);
}

/* B206  SCKC — SET CLOCK COMPARATOR (S) */
void insn_sckc(Cpu *c, const uint8_t *ip)
{
    c->ckc = vfetch64(c, dw_operand(c, ip));
    timers_update(c);
    cpu_request_event_check(c);
}

/* B207  STCKC — STORE CLOCK COMPARATOR (S) */
void insn_stckc(Cpu *c, const uint8_t *ip)
{
    vstore64(c, dw_operand(c, ip), c->ckc);
}

/* B208  SPT — SET CPU TIMER (S) */
void insn_spt(Cpu *c, const uint8_t *ip)
{
    cpu_timer_set(c, (int64_t)vfetch64(c, dw_operand(c, ip)));
    timers_update(c);
    cpu_request_event_check(c);
}

/* B209  STPT — STORE CPU TIMER (S) */
void insn_stpt(Cpu *c, const uint8_t *ip)
{
    uint32_t a = dw_operand(c, ip);
    vstore64(c, a, (uint64_t)cpu_timer_get(c));
}
