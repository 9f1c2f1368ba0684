/*
 * timer.c — TOD clock, clock comparator, CPU timer, S/370 interval timer.
 *
 * ESA/390 PoO SA22-7201 ch. 4 "Timing": the TOD clock is a 64-bit binary
 * counter whose bit 51 steps every microsecond; the clock-comparator
 * condition is pending while the TOD clock exceeds the comparator; the CPU
 * timer has the TOD format and its condition is pending while it is
 * negative.  S/370 PoO GA22-7000 ch. 4 "Interval timer": the word at X'50'
 * is decremented so that bit 23 steps 300 times a second; the interruption
 * is requested when it goes from positive to negative.
 *
 * Two time sources (see docs): deterministic, where time is the instruction
 * count (16 instructions a microsecond) plus time skipped in waits, so runs
 * are repeatable; and real time, from the host clocks.
 */
#include <time.h>

#include "storage.h"

#define TOD_PER_US      4096ull             /* bit 51 = 1 us                 */
#define TOD_PER_INSN    256ull              /* deterministic: 16 insns/us    */
#define TOD_1900_TO_1970 0x7D91048BCA000000ull
/* Interval timer: 300 * 256 units a second, so one unit is
 * 4096e6 / 76800 = 160000 / 3 TOD units. */
#define ITIMER_UNIT_X3  160000ull

static uint64_t host_tod(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    /* Full host resolution (bit 51 = 1 us, so 1 ns = 4.096 units): two
     * STORE CLOCKs a few instructions apart must not return equal values
     * (ESA/390 PoO ch. 4 "TOD clock": the value stored is unique). */
    return (uint64_t)ts.tv_sec * 1000000u * TOD_PER_US +
           (uint64_t)ts.tv_nsec * TOD_PER_US / 1000u;
}

/* The machine's running time in TOD units. */
static uint64_t tick(const Cpu *c)
{
    if (c->deterministic)
        return c->icount * TOD_PER_INSN + c->wait_skew;
    return host_tod(CLOCK_MONOTONIC);
}

uint64_t tod_now(Cpu *c)
{
    if (c->deterministic)
        return c->tod_base + tick(c) + c->tod_epoch;
    return host_tod(CLOCK_REALTIME) + TOD_1900_TO_1970 + c->tod_epoch;
}

void tod_set(Cpu *c, uint64_t v)
{
    uint64_t now = tod_now(c) - c->tod_epoch;
    c->tod_epoch = v - now;
}

/* cpu_reset() leaves the timers' base ticks unset: they start here, at
 * their first use, in the time source then chosen. */
#define TICK_UNSET UINT64_MAX

static void timers_start(Cpu *c)
{
    if (unlikely(c->cpu_timer_tick == TICK_UNSET))
        c->cpu_timer_tick = tick(c);
    if (unlikely(c->itimer_tick == TICK_UNSET))
        c->itimer_tick = tick(c);
}

int64_t cpu_timer_get(Cpu *c)
{
    timers_start(c);
    /* In unsigned arithmetic: the timer wraps like the hardware's 64-bit
     * register (a value near the most negative must not overflow). */
    return (int64_t)((uint64_t)c->cpu_timer - (tick(c) - c->cpu_timer_tick));
}

void cpu_timer_set(Cpu *c, int64_t v)
{
    c->cpu_timer = v;
    c->cpu_timer_tick = tick(c);
}

static void interval_timer_update(Cpu *c)
{
    timers_start(c);
    /* One timer unit is ITIMER_UNIT_X3 / 3 TOD units. */
    /* n = d * 3 / ITIMER_UNIT_X3 and back, without overflowing d * 3. */
    uint64_t d = tick(c) - c->itimer_tick;
    uint64_t n = d / ITIMER_UNIT_X3 * 3 + d % ITIMER_UNIT_X3 * 3 / ITIMER_UNIT_X3;
    if (n == 0)
        return;
    c->itimer_tick += n / 3 * ITIMER_UNIT_X3 + n % 3 * ITIMER_UNIT_X3 / 3;
    uint8_t *p = stor_abs_ptr(c, c->prefix + PSA_TIMER, 4);
    if (!p)
        return;
    int32_t old = (int32_t)ld_be32(p);
    int32_t val = (int32_t)((uint32_t)old - (uint32_t)n);
    st_be32(p, (uint32_t)val);
    if (old >= 0 && val < 0)
        c->ext_pending |= EXTP_INTERVAL;
}

/* SIE, S/370 guests (SIE.md §2 residue): the part of an interval-timer
 * unit that has run but is not yet subtracted from X'50', kept in the SD
 * across exits so that a guest entered and left often still sees its
 * timer step.  [interpex] In TOD-clock units (bit 51 = 1 us), below one
 * timer unit (53,333). */
#define ITIMER_UNIT     (ITIMER_UNIT_X3 / 3)

uint32_t itimer_residue(Cpu *c)
{
    interval_timer_update(c);               /* whole units into X'50' */
    uint64_t d = tick(c) - c->itimer_tick;
    return (uint32_t)(d < ITIMER_UNIT ? d : ITIMER_UNIT - 1);
}

void itimer_set_residue(Cpu *c, uint32_t r)
{
    uint64_t now = tick(c);
    if (r >= ITIMER_UNIT)
        r = ITIMER_UNIT - 1;
    c->itimer_tick = now - (r < now ? r : now);
}

void timers_update(Cpu *c)
{
    if (tod_now(c) > c->ckc)
        c->ext_pending |= EXTP_CLOCK_COMP;
    else
        c->ext_pending &= ~(uint32_t)EXTP_CLOCK_COMP;
    if (cpu_timer_get(c) < 0)
        c->ext_pending |= EXTP_CPU_TIMER;
    else
        c->ext_pending &= ~(uint32_t)EXTP_CPU_TIMER;
    if (c->arch == ARCH_S370 && !c->itimer_off)
        interval_timer_update(c);
}

/* A comparator of all ones is never passed: the TOD clock cannot exceed
 * it.  Time-skipping must not try (it would wrap the clock). */
static bool ckc_reachable(const Cpu *c, uint64_t tod)
{
    return (c->cr[0] & CR0_CLOCK_COMPARATOR) && tod <= c->ckc && c->ckc != UINT64_MAX;
}

uint64_t timers_next_event(Cpu *c)
{
    const uint64_t slice = 1u << 16;        /* look up at least this often */
    uint64_t next = c->icount + slice;

    if (!c->deterministic)
        return c->icount + (1u << 14);
    /* Instructions until the TOD clock passes the comparator. */
    uint64_t tod = tod_now(c);
    if (ckc_reachable(c, tod)) {
        uint64_t n = (c->ckc - tod) / TOD_PER_INSN + 1;
        if (n < next - c->icount)
            next = c->icount + n;
    }
    int64_t t = cpu_timer_get(c);
    if (t >= 0 && (c->cr[0] & CR0_CPU_TIMER)) {
        uint64_t n = (uint64_t)t / TOD_PER_INSN + 1;
        if (n < next - c->icount)
            next = c->icount + n;
    }
    if (c->arch == ARCH_S370 && !c->itimer_off && (c->cr[0] & CR0_INTERVAL_TIMER)) {
        uint64_t n = ITIMER_UNIT_X3 / 3 / TOD_PER_INSN + 1;   /* one timer unit */
        if (n < next - c->icount)
            next = c->icount + n;
    }
    return next;
}

/* Deterministic wait: skip time to the next timer event, if any is armed.
 * Returns false when no timer can end the wait. */
bool timers_skip_wait(Cpu *c)
{
    uint64_t best = UINT64_MAX;
    uint64_t tod = tod_now(c);
    if (ckc_reachable(c, tod))
        best = c->ckc - tod + 1;
    int64_t t = cpu_timer_get(c);
    if ((c->cr[0] & CR0_CPU_TIMER) && t >= 0 && (uint64_t)t + 1 < best)
        best = (uint64_t)t + 1;
    if (c->arch == ARCH_S370 && !c->itimer_off && (c->cr[0] & CR0_INTERVAL_TIMER)) {
        uint8_t *p = stor_abs_ptr(c, c->prefix + PSA_TIMER, 4);
        if (p) {
            int32_t v = (int32_t)ld_be32(p);
            uint64_t need = v >= 0 ? ((uint64_t)v + 1) * ITIMER_UNIT_X3 / 3 + 1 : UINT64_MAX;
            if (need < best)
                best = need;
        }
    }
    /* The machine's running time never wraps: an event that lies beyond
     * 2^64 TOD units of it never comes (else the clocks wrap and the
     * comparator and interval timer fire again, a wait without end). */
    if (best == UINT64_MAX || best > UINT64_MAX - tick(c))
        return false;
    c->wait_skew += best;
    return true;
}
