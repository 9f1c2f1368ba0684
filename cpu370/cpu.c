/*
 * cpu.c — the processor: reset, the run loop, and the caches that follow
 * the PSW.
 *
 * The run loop executes instructions in batches: inside a batch it only
 * fetches (a TLB hit gives a host pointer), advances the instruction address
 * and dispatches through the table chosen for the current mode.  Between
 * batches it looks at everything else: the instruction limit, timers,
 * pending interruptions, the wait state, operator requests.  Anything that
 * can change the answer (a PSW load, a mask change, a timer set) calls
 * cpu_request_event_check(), which ends the batch.
 *
 * ESA/390 PoO SA22-7201 ch. 4 "Control" (CPU states, resets), ch. 5
 * "Program execution" (instruction fetching, sequencing), ch. 6
 * "Interruptions" (when interruptions are taken).
 */
#include <stdlib.h>
#include <time.h>

#include "fastpath.h"

void cpu_request_event_check(Cpu *c)
{
    c->next_event = c->icount;
}

void cpu_kick(Cpu *c)
{
    for (Cpu *x = c; x; x = x->in_sie ? x->guest : NULL)
        cpu_set_stop_request(x, 1);
}

_Noreturn void cpu_exit_guest(Cpu *c)
{
    longjmp(c->jmp, 2);
}

/* The fast paths (fastpath.h) the dispatch table t allows: every opcode
 * of a list must go to the handler its row names. */
unsigned cpu_fast_paths_for(const OpTable *t)
{
    bool on = true, rel = true;
#define FAST_CHECK(o, handler, fn) on = on && t->op[o] == handler;
    FAST_OPS(FAST_CHECK)
#undef FAST_CHECK
#define FAST_CHECK(x, handler, fn) rel = rel && t->ext[EXT_A7][x] == handler;
    FAST_A7(FAST_CHECK)
#undef FAST_CHECK
#define FAST_CHECK(x, handler, fn) rel = rel && t->ext[EXT_C0][x] == handler;
    FAST_C0(FAST_CHECK)
#undef FAST_CHECK
    return on ? FASTPATH_ON | (rel ? FASTPATH_REL : 0) : 0;
}

void cpu_state_changed(Cpu *c)
{
    c->problem = (c->psw.states & PSWS_PROBLEM) != 0;
    c->amask = (c->arch == ARCH_ESA390 && c->psw.amode31) ? 0x7FFFFFFF : 0x00FFFFFF;
    unsigned mode = psw_dat_on(c) ? 1u + c->psw.asc : 0u;
    /* Tag bits 0-3 stay zero: an odd instruction address never hits, and
     * an operand access that is not naturally aligned never hits in the
     * one-compare tests of storage.h (tlb_tag_aligned()). */
    c->tlb_ctx = (uint64_t)c->tlb_gen << 32 | (uint64_t)c->psw.key << 4 | mode << 8;
    c->optab = c->tables ? &c->tables[c->problem] : dispatch_table(c->arch, c->problem);
    c->fastpath = c->optab->fastpath;
    cpu_request_event_check(c);
}

void cpu_set_arch(Cpu *c, Arch a)
{
    c->arch = a;
    tlb_purge(c);
}

void cpu_init(Cpu *c, Machine *m)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->mem = m->mem;
    c->memsize = m->memsize;
    c->keys = m->keys;
    c->arch = m->arch;
    c->cpuid = 0xFF00000090210000ull;     /* version FF: an emulated CPU */
    c->tod_base = 0xB000000000000000ull;   /* deterministic clock origin  */
    for (unsigned i = 0; i < TLB_ENTRIES; i++)
        c->tlb[i].tag_fetch = c->tlb[i].tag_store = UINT64_MAX;
    cpu_reset(c);
}

/* Initial CPU reset (ESA/390 PoO ch. 4 "Resets"): PSW, prefix, CPU timer,
 * clock comparator and control registers to their initial values. */
void cpu_reset(Cpu *c)
{
    memset(&c->psw, 0, sizeof c->psw);
    c->ia = 0;
    c->cc = 0;
    if (c->arch == ARCH_ESA390)
        c->psw.states = PSWS_EC;
    c->prefix = 0;
    memset(c->cr, 0, sizeof c->cr);
    c->cr[0] = 0x000000E0;        /* ESA/390: external subclass masks */
    c->cr[2] = 0xFFFFFFFF;        /* S/370: channel masks             */
    c->cr[14] = 0xC2000000;       /* machine-check handling           */
    if (c->arch == ARCH_S370)
        c->cr[0] = 0x000000E0;
    c->ckc = 0;
    /* CPU timer 0; it and the S/370 interval timer start counting at their
     * first use (timer.c): the front end may choose the time source
     * (deterministic or real) after the reset, and the two have different
     * origins. */
    c->cpu_timer = 0;
    c->cpu_timer_tick = UINT64_MAX;
    c->itimer_tick = UINT64_MAX;
    c->ext_pending = 0;
    c->restart_pending = false;
    c->pgm_code = 0;
    c->zero_ilc = false;
    c->in_execute = false;
    tlb_purge(c);
}

/* Fetch an instruction that is not in the TLB fast path: odd address, TLB
 * miss, or an instruction that crosses a 2K page. */
static const uint8_t *fetch_insn_slow(Cpu *c, uint32_t ia, uint8_t *buf)
{
    /* An exception here is an instruction-fetching exception (ESA/390 PoO
     * ch. 6 "ILC on instruction-fetching exceptions"): for an odd address,
     * addressing (also of a DAT-table entry), protection and translation
     * specification the old PSW's address is incremented by 2, 4 or 6 and
     * the ILC says by how much; for segment and page translation the
     * ILC is 1, 2 or 3 and interrupt_program() nullifies (back to ia_cur).
     * Which of 1, 2 or 3 is unpredictable: ILC 1 while not even the first
     * halfword is in hand, then the instruction's own length, so that an
     * exception on its second or third halfword leaves the old PSW as
     * the one of a suppressed or nullified instruction. */
    c->ia_cur = ia;
    c->ilc = 2;
    c->ia = (ia + 2) & c->amask;
    if (ia & 1)
        cpu_program_check(c, PGM_SPECIFICATION);
    uint8_t *p = stor_translate(c, ia, ACC_INSTR);
    unsigned len = insn_length(p[0]);
    unsigned room = TLB_PAGE_SIZE - (ia & (TLB_PAGE_SIZE - 1));
    if (len <= room)
        return p;
    c->ilc = (uint8_t)len;
    c->ia = (ia + len) & c->amask;
    memcpy(buf, p, room);
    for (unsigned i = room; i < len; i += 2) {
        uint8_t *q = stor_translate(c, (ia + i) & c->amask, ACC_INSTR);
        buf[i] = q[0];
        buf[i + 1] = q[1];
    }
    return buf;
}

static inline const uint8_t *fetch_insn(Cpu *c, uint32_t ia, uint8_t *buf)
{
    const TlbEntry *e = tlb_entry(c, ia);
    if (likely(e->tag_fetch == (c->tlb_ctx | (ia & (TLB_PAGE_MASK | 1))) &&
               (ia & (TLB_PAGE_SIZE - 1)) <= TLB_PAGE_SIZE - 6))
        return (const uint8_t *)(e->addend + ia);
    return fetch_insn_slow(c, ia, buf);
}

/* a != b, as a branch condition from which the compiler learns nothing
 * about the two values (see run_batch()). */
static inline bool opaque_ne(uint32_t a, uint32_t b)
{
#if defined(__GNUC__) && defined(__x86_64__)
    bool ne;
    __asm__("cmpl %2, %1" : "=@ccne"(ne) : "r"(a), "r"(b));
    return ne;
#else
    uint32_t d = a ^ b;
    __asm__("" : "+r"(d));
    return d != 0;
#endif
}

/* Execute instructions until c->next_event.  Kept out of line so that
 * cpu_run()'s setjmp does not constrain the compiler here.
 *
 * What the loop needs of the PSW state is kept in locals: within a batch
 * the dispatch table, the addressing mode and the current instruction
 * page's translation cannot change, because everything that could change
 * them (a TLB purge, a PSW or CR change) calls cpu_state_changed(), which
 * ends the batch after the current instruction, and an interruption leaves
 * it by longjmp.  So sequential execution costs one compare of the host
 * address with the end of the cached page, and a branch within the page
 * one subtraction and one compare, instead of a TLB lookup.
 *
 * The instruction address ia, its host address ip and the count are
 * registers, for a reason callgrind does not show: they are the loop's
 * dependency chain from one instruction to the next.  An instruction with
 * a fast path (fastpath.h) touches none of c->ia, c->ia_cur, c->ilc,
 * c->icount.  For any other, they are stored, the handler is called
 * through the dispatch table, and c->ia is then only compared with the
 * sequential address (a predicted branch): when they are equal the loop
 * goes on with its registers, instead of a reload of c->ia through memory
 * before the next opcode load.  The compare must not tell the compiler
 * that the two are equal, or it may use the loaded value after all
 * (opaque_ne()).  Whoever leaves the loop, or may raise an interruption,
 * sees c->ia and c->icount stored first.
 *
 * Dispatch is threaded: each fast path ends with its own copy of "test
 * the page, index fast_case[], jump through the label table" (GNU C
 * computed goto), so that each has its own indirect jump for the branch
 * predictor and the sequential step is constants added to registers.
 * The label table is chosen per batch from c->fastpath: all fast paths,
 * those of the one-byte opcodes only (S/370: A7 and C0 are not
 * instructions), or none (every label is the handler's). */
static __attribute__((noinline)) void run_batch(Cpu *c)
{
#define FAST_LABEL(op, handler, fn)      [FC_##fn] = &&fast_##fn,
#define FAST_LABEL_NONE(op, handler, fn) [FC_##fn] = &&handler_call,
    static const void *const all_fast[] = {
        [FC_NONE] = &&handler_call, FAST_OPS(FAST_LABEL) FAST_A7(FAST_LABEL) FAST_C0(FAST_LABEL)
    };
    static const void *const no_rel[] = {
        [FC_NONE] = &&handler_call, FAST_OPS(FAST_LABEL) FAST_A7(FAST_LABEL_NONE)
        FAST_C0(FAST_LABEL_NONE)
    };
    static const void *const no_fast[] = {
        [FC_NONE] = &&handler_call, FAST_OPS(FAST_LABEL_NONE) FAST_A7(FAST_LABEL_NONE)
        FAST_C0(FAST_LABEL_NONE)
    };
#undef FAST_LABEL
#undef FAST_LABEL_NONE
    const void *const *const label =
        c->fastpath == (FASTPATH_ON | FASTPATH_REL) ? all_fast :
        c->fastpath == FASTPATH_ON ? no_rel : no_fast;
    uint8_t buf[8];
    InsnFn *const *const optab = c->optab->op;
    const uint32_t amask = c->amask;
    /* The cached instruction page: logical page_va is at host page_host.
     * The instruction at host address ip is in it, with the 6 bytes of
     * the longest instruction to spare, when ip <= ip_last.  Nothing
     * cached yet: ip > ip_last.  Host addresses are integers here: ip may
     * run past the page before the test sees it. */
    uint32_t page_va = 0x80000001u;
    uintptr_t page_host = 0, ip_last = 0, ip = 1;
    /* ia may step to amask + 1 by a fast path at the top of the address
     * space; that is past the page, so the refetch below wraps it. */
    uint32_t ia = c->ia;
    /* The batch ends at instruction count `end`; `left` instructions
     * remain (counting down saves a compare).  c->icount is end - left
     * whenever it is stored. */
    uint64_t end = c->next_event;
    if (c->icount >= end)
        return;
    uint64_t left = end - c->icount;
    uint32_t target;
    unsigned k;

#define DISPATCH()                                                          \
    do {                                                                    \
        if (unlikely(ip > ip_last))                                         \
            goto refetch;                                                   \
        goto *label[fast_case[fast_case_index((const uint8_t *)ip)]];       \
    } while (0)
    /* A fast path: done and sequential (k is the length), done with a
     * branch to target, or not done (the handler runs the instruction). */
#define FAST_BODY(op, handler, fn)                                          \
    fast_##fn:                                                              \
        k = fn(c, (const uint8_t *)ip, ia, amask, &target);                 \
        if (likely(k > FAST_BRANCH)) {                                      \
            ia += k;                                                        \
            ip += k;                                                        \
            if (likely(--left != 0))                                        \
                DISPATCH();                                                 \
            c->ia = ia & amask;                                             \
            goto out;                                                       \
        }                                                                   \
        if (k == FAST_BRANCH)                                               \
            goto branch;                                                    \
        goto handler_call;

    DISPATCH();

refetch:
    ia &= amask;
    c->ia = ia;                          /* for an instruction-fetch */
    c->icount = end - left;              /* program interruption      */
    {
        const uint8_t *p = fetch_insn(c, ia, buf);
        if (p != buf) {
            page_va = ia & TLB_PAGE_MASK;
            page_host = (uintptr_t)p - (ia & (TLB_PAGE_SIZE - 1));
            ip_last = page_host + TLB_PAGE_SIZE - 6;
        } else {                         /* crosses a page: cache none */
            page_va = 0x80000001u;
            page_host = ip_last = 0;
        }
        ip = (uintptr_t)p;
    }
    goto *label[fast_case[fast_case_index((const uint8_t *)ip)]];

    FAST_OPS(FAST_BODY)
    FAST_A7(FAST_BODY)
    FAST_C0(FAST_BODY)

handler_call: {                          /* through the dispatch table */
        size_t op = *(const uint8_t *)ip;         /* size_t: no zero-extensions */
        size_t len = insn_length((uint8_t)op);
        uint32_t next = (ia + (uint32_t)len) & amask;
        c->ia_cur = ia;
        c->ilc = (uint8_t)len;
        c->ia = next;
        c->icount = end - left;
        optab[op](c, (const uint8_t *)ip);
        /* The handler may have moved c->next_event (to end the batch)
         * and c->icount (SIE adds its guest's instructions). */
        uint64_t done = c->icount + 1;
        end = c->next_event;
        if (end < done)
            end = done;
        left = end - done + 1;           /* + 1: the --left below */
        target = c->ia;
        if (likely(!opaque_ne(target, next))) {
            ia = next;
            ip += len;
            if (likely(--left != 0))
                DISPATCH();
            goto out;                    /* c->ia is right */
        }
    }
branch: {
        /* rotate right 1: an odd offset becomes huge, so one compare
         * checks "even and at least 6 bytes left in the cached page"
         * (with no page cached, page_va and off are odd) */
        ia = target;
        uint32_t off = target - page_va;
        ip = (off >> 1 | off << 31) <= (TLB_PAGE_SIZE - 6) / 2 ? page_host + off : UINTPTR_MAX;
        if (likely(--left != 0))
            DISPATCH();
        c->ia = ia;                      /* (a handler's target is there) */
    }
out:
    c->icount = end;
#undef DISPATCH
#undef FAST_BODY
}

static __attribute__((noinline)) void run_batch_traced(Cpu *c)
{
    uint8_t buf[8];
    while (c->icount < c->next_event) {
        uint32_t ia = c->ia;
        const uint8_t *ip = fetch_insn(c, ia, buf);
        unsigned len = insn_length(ip[0]);
        c->ia_cur = ia;
        c->ilc = (uint8_t)len;
        c->hooks.trace(c->hooks.ctx, c, ip);
        c->ia = (ia + len) & c->amask;
        c->optab->op[ip[0]](c, ip);
        c->icount++;
    }
}

static void set_next_event(Cpu *c)
{
    uint64_t next = timers_next_event(c);
    if (c->max_insns && next > c->max_insns)
        next = c->max_insns;
    if (c->gh)
        next = c->gh->next_event(c, next);
    c->next_event = next;
}

/* Take every pending interruption the current PSW is enabled for; each
 * new PSW may enable for the next (ESA/390 PoO ch. 6 "Interruption
 * action"). */
static void take_interruptions(Cpu *c)
{
    for (int guard = 0; guard < 8 && c->stop == STOP_NONE; guard++) {
        if (c->pgm_code) {               /* invalid PSW loaded: ILC 0 */
            interrupt_program(c, c->pgm_code);
            continue;
        }
        if (interrupt_external(c))
            continue;
        if (c->io_pending && psw_io_enabled(c) && c->m->io_interrupt &&
            c->m->io_interrupt(c->m, c))
            continue;
        if (c->restart_pending) {
            interrupt_restart(c);
            continue;
        }
        break;
    }
}

/* Between batches: limits, timers, interruptions, the wait state. */
static void check_events(Cpu *c)
{
    if (cpu_stop_requested(c)) {
        cpu_set_stop_request(c, 0);
        c->stop = STOP_OPERATOR;
        return;
    }
    if (c->max_insns && c->icount >= c->max_insns) {
        c->stop = STOP_INSN_LIMIT;
        return;
    }
    if (c->gh && c->gh->events(c))
        return;
    timers_update(c);
    take_interruptions(c);
    if (c->stop != STOP_NONE)
        return;
    if (c->pgm_code) {
        /* A new PSW loaded by an interruption is still invalid after
         * take_interruptions() gave up: never run instructions under it.
         * Come back here, so that the program-interruption loop guard in
         * interrupt_program() ends in a check-stop. */
        c->next_event = c->icount;
        return;
    }

    if (psw_wait(c)) {
        if (c->gh) {                     /* a guest: SIE decides (WAIA) */
            if (!c->gh->wait(c))
                c->next_event = c->icount;
            return;
        }
        bool enabled = psw_ext_enabled(c) || psw_io_enabled(c);
        if (!enabled) {
            c->stop = STOP_DISABLED_WAIT;
            return;
        }
        if (c->m->wait && c->m->wait(c->m, c)) {
            /* the front end waited for a device or a timer */
        } else if (c->deterministic) {
            if (!timers_skip_wait(c)) {
                c->stop = STOP_IDLE_WAIT;
                return;
            }
        } else {
            struct timespec ts = { 0, 1000000 };   /* 1 ms */
            nanosleep(&ts, NULL);
        }
        c->next_event = c->icount;       /* look again before running */
        return;
    }
    set_next_event(c);
}

StopReason cpu_run(Cpu *c)
{
    c->stop = STOP_NONE;
    cpu_request_event_check(c);
    /* THE non-local exit of this CPU: cpu_program_check() (interrupt.c)
     * longjmps here from any depth with c->pgm_code set.  Nothing in this
     * function keeps state in local variables across the jump. */
    switch (setjmp(c->jmp)) {
    case 1:
        interrupt_program(c, c->pgm_code);
        break;
    case 2:                              /* cpu_exit_guest() */
        c->stop = STOP_SIE_EXIT;
        break;
    }
    while (c->stop == STOP_NONE) {
        if (c->icount >= c->next_event) {
            check_events(c);
            continue;
        }
        if (unlikely(c->hooks.trace != NULL))
            run_batch_traced(c);
        else
            run_batch(c);
    }
    return c->stop;
}
