/*
 * intercept.c — what a guest may do by itself and what goes back to its
 * host (SIE.md §3-§5).
 *
 * Instructions: a guest runs through dispatch tables of its own, built
 * from the machine's (cpu370/dispatch.c) for the guest's architecture and
 * interception controls.  An instruction that is always intercepted
 * (SIE_ALWAYS in opcodes.def) or whose IC bit is one is routed to
 * insn_intercept(); the few whose interception depends on operands (SVC,
 * LCTL, TS/CS/CDS with cc 1) get a small wrapper.  So a guest pays for
 * interception control only when it executes such an instruction, never
 * per instruction.  Tables are cached per (architecture, IC, preferred),
 * since a control program gives most guests the same controls.
 *
 * Interruptions: the GuestHooks below are consulted by the run loop
 * (cpu370/cpu.c, interrupt.c) for a guest Cpu: program interruptions
 * (mandatory and optional interception, code 8 and 44), external
 * interruptions (code 20 unless EXTA), the wait state (code 28 unless
 * WAIA), intervention requests in the SD's v byte (16, 24, 40), and the
 * host's own interruptions, which end interpretive execution with SIE
 * nullified (re-executed after the host has taken them).
 */
#include <time.h>

#include "sie/sie_int.h"
#include "cpu370/channel.h"

static SieGuest *sg(Cpu *g) { return g->sie; }

/* ---- instruction interception ---------------------------------------- */

/* Leave the guest with interception `code` for the instruction at ip (the
 * target's bytes when it is the target of EXECUTE).  The guest PSW already
 * points past the instruction (past EXECUTE), as SIE.md §5 says. */
void sie_intercept_now(Cpu *g, const uint8_t *ip, uint8_t code)
{
    SieGuest *s = sg(g);
    unsigned len = insn_length(ip[0]);
    s->exit = EXIT_INTERCEPT;
    s->code = code;
    s->f = SDF_IPAB | (g->in_execute ? SDF_EX : 0);
    s->ipa[0] = ip[0];
    s->ipa[1] = ip[1];
    for (unsigned i = 0; i < 4; i++)
        s->ipb[i] = 2 + i < len ? ip[2 + i] : 0;
    g->in_execute = false;
    cpu_exit_guest(g);
}

static void insn_intercept(Cpu *g, const uint8_t *ip)
{
    sie_intercept_now(g, ip, SIE_IC_INST);
}

/* Operation exception with IC0 X'80': code 44 (SIE.md §5). */
static void insn_opex_intercept(Cpu *g, const uint8_t *ip)
{
    sie_intercept_now(g, ip, SIE_IC_OPEREX);
}

/* SVC: the SVC controls at SD+40 (SIE.md §2). */
static void insn_svc_ctl(Cpu *g, const uint8_t *ip)
{
    uint32_t ctl = sg(g)->svc_ctl;
    uint8_t n = ip[1];
    if ((ctl & 0x80000000u) ||
        ((ctl & 0x40000000u) && n == (uint8_t)(ctl >> 16)) ||
        ((ctl & 0x20000000u) && n == (uint8_t)(ctl >> 8)) ||
        ((ctl & 0x10000000u) && n == (uint8_t)ctl))
        sie_intercept_now(g, ip, SIE_IC_INST);
    insn_svc(g, ip);
}

/* LCTL: intercepted when it would load a CR whose LCTL-mask bit is one. */
static void insn_lctl_ctl(Cpu *g, const uint8_t *ip)
{
    unsigned r1 = rr_r1(ip), r3 = rs_r3(ip);
    uint16_t mask = sg(g)->lctl_mask;
    for (unsigned r = r1;; r = (r + 1) & 15) {
        if (mask & (0x8000u >> r))
            sie_intercept_now(g, ip, SIE_IC_INST);
        if (r == r3)
            break;
    }
    insn_lctl(g, ip);
}

/* TS, CS, CDS: with their IC bit, intercepted after completing with cc 1
 * (the lock was held: the host may want to dispatch someone else). */
#define CC1_WRAPPER(name, fn)                                   \
    static void name(Cpu *g, const uint8_t *ip)                 \
    {                                                           \
        fn(g, ip);                                              \
        if (g->cc == 1)                                         \
            sie_intercept_now(g, ip, SIE_IC_INST);              \
    }
CC1_WRAPPER(insn_ts_ctl, insn_ts)
CC1_WRAPPER(insn_cs_ctl, insn_cs)
CC1_WRAPPER(insn_cds_ctl, insn_cds)

/* SIE issued by a guest (SIE.md §8).  Interpreted by the machine when the
 * guest's own host allowed it for the kind of guest it is about to run
 * (mx X'02' V=V, X'01' V=R; zone guests never) and the nesting has room
 * (L3 at most); otherwise an instruction interception (IPA B214) to its
 * host, which may simulate it with shadow tables. */
static void insn_sie_guest(Cpu *g, const uint8_t *ip)
{
    SieGuest *s = sg(g);
    if (g->level < SIE_LEVELS && (s->mx & (SDMX_ISIE_VV | SDMX_ISIE_VR)) &&
        g->arch == ARCH_ESA390) {
        /* A look at the SD's mode bytes; a bad SD address is left to SIE
         * itself to report. */
        uint32_t a = ea_s(g, ip) & ~7u;
        const uint8_t *p = stor_abs_ptr(g, stor_real_to_abs(g, a), 4);
        if (p && !(p[SD_MX] & SDMX_RRF)) {
            bool vr = (p[SD_M] & SDM_VR) != 0;
            if (s->mx & (vr ? SDMX_ISIE_VR : SDMX_ISIE_VV)) {
                insn_sie(g, ip);
                return;
            }
        }
    }
    sie_intercept_now(g, ip, SIE_IC_INST);
}

/* I/O assist (SIE.md §4 IOA): a preferred guest issues the channel-
 * subsystem instructions itself, to the subchannels assigned to its zone
 * (cpu370/channel.c); one that names any other subchannel needs its host:
 * code 64, IPA/IPB as for code 4.  A malformed GR1 is left to the
 * instruction, which gives the guest its operand exception.  TPI needs no
 * check: it only ever finds the zone's requests. */
static void ioa_check(Cpu *g, const uint8_t *ip)
{
    uint32_t id = g->gr[1];
    if ((id >> 16) != 0x0001)
        return;
    Subchannel *sch = css_subchannel(g->m, id);
    if (!sch || !css_assigned(sch, g->io_zone))
        sie_intercept_now(g, ip, SIE_IC_IOINST);
}

#define IOA_WRAPPER(name, fn)                                   \
    static void name(Cpu *g, const uint8_t *ip)                 \
    {                                                           \
        ioa_check(g, ip);                                       \
        fn(g, ip);                                              \
    }
IOA_WRAPPER(insn_ssch_ioa, insn_ssch)
IOA_WRAPPER(insn_tsch_ioa, insn_tsch)
IOA_WRAPPER(insn_stsch_ioa, insn_stsch)
IOA_WRAPPER(insn_msch_ioa, insn_msch)
IOA_WRAPPER(insn_csch_ioa, insn_csch)
IOA_WRAPPER(insn_hsch_ioa, insn_hsch)
IOA_WRAPPER(insn_rsch_ioa, insn_rsch)

static InsnFn *ioa_handler(InsnFn *fn)
{
    static const struct { InsnFn *insn, *ioa; } rows[] = {
        { insn_ssch, insn_ssch_ioa },   { insn_tsch, insn_tsch_ioa },
        { insn_stsch, insn_stsch_ioa }, { insn_msch, insn_msch_ioa },
        { insn_csch, insn_csch_ioa },   { insn_hsch, insn_hsch_ioa },
        { insn_rsch, insn_rsch_ioa },   { insn_tpi, insn_tpi },
    };
    for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].insn == fn)
            return rows[i].ioa;
    return NULL;
}

static void build_tables(GuestTables *gt, SieGuest *s, Arch arch)
{
    uint32_t avail = arch == ARCH_S370 ? A370 : AESA;
    for (int problem = 0; problem < 2; problem++) {
        OpTable *t = &gt->t[problem];
        dispatch_build(t, arch, problem);
        for (unsigned i = 0; i < op_list_count; i++) {
            const OpInfo *o = &op_list[i];
            if (!(o->flags & avail) || !o->fn || ((o->flags & PRIV) && problem))
                continue;           /* operation / privileged-operation exc. */
            int bit = SIE_IC_BIT(o->flags);
            InsnFn *fn = NULL;
            if (o->fn == insn_sie)
                fn = insn_sie_guest;
            else if (s->ioa && (fn = ioa_handler(o->fn)) != NULL)
                ;                         /* I/O assist: the guest's own */
            else if (o->flags & SIE_ALWAYS)
                fn = insn_intercept;
            else if (bit >= 0 && ic_bit(s->ic, bit))
                fn = bit == IC_TS1 ? insn_ts_ctl : bit == IC_CS1 ? insn_cs_ctl
                   : bit == IC_CDS1 ? insn_cds_ctl : insn_intercept;
            else if (o->fn == insn_svc)
                fn = insn_svc_ctl;
            else if (o->fn == insn_lctl)
                fn = insn_lctl_ctl;
            else if (o->fn == insn_tb && !s->pref)
                fn = insn_intercept;      /* TEST BLOCK: pageable guests */
            if (fn)
                dispatch_set(t, o, fn);
        }
        if (ic_bit(s->ic, IC_OPEREX)) {
            for (int op = 0; op < 256; op++) {
                if (t->op[op] == insn_operation_exception)
                    t->op[op] = insn_opex_intercept;
                for (int f = 0; f < NUM_EXT; f++)
                    if (t->ext[f][op] == insn_operation_exception)
                        t->ext[f][op] = insn_opex_intercept;
            }
        }
        t->fastpath = (uint8_t)cpu_fast_paths_for(t);
    }
}

const OpTable *sie_guest_tables(SieHost *sh, SieGuest *s, Arch arch)
{
    bool ioa = s->ioa;
    for (unsigned i = 0; i < SIE_TABLE_CACHE; i++) {
        GuestTables *gt = &sh->tables[i];
        if (gt->valid && gt->arch == arch && gt->ic == s->ic && gt->pref == s->pref &&
            gt->ioa == ioa)
            return gt->t;
    }
    GuestTables *gt = &sh->tables[sh->next_table];
    sh->next_table = (sh->next_table + 1) % SIE_TABLE_CACHE;
    build_tables(gt, s, arch);
    gt->valid = true;
    gt->arch = arch;
    gt->ic = s->ic;
    gt->pref = s->pref;
    gt->ioa = ioa;
    return gt->t;
}

/* ---- interruptions ------------------------------------------------------ */

static bool leave_with(Cpu *g, uint8_t code)
{
    SieGuest *s = sg(g);
    s->exit = EXIT_INTERCEPT;
    s->code = code;
    s->f = 0;
    g->stop = STOP_SIE_EXIT;
    return true;
}

/* Program interruptions (SIE.md §5, code 8): mandatory for addressing,
 * specification and special-operation exceptions and for protection the
 * host's page protection caused; optional by IC0 (all, privileged
 * operation) and EC2 PROTEX.  Otherwise the guest takes it in its own PSA. */
static bool guest_program(Cpu *g, int code, unsigned ilc)
{
    SieGuest *s = sg(g);
    int c7 = code & 0x7F;
    bool host_prot = s->host_prot;
    s->host_prot = false;
    bool take = c7 == PGM_ADDRESSING || c7 == PGM_SPECIFICATION ||
                c7 == PGM_SPECIAL_OPERATION || (c7 == PGM_PROTECTION && host_prot) ||
                ic_bit(s->ic, IC_PGMALL) ||
                (c7 == PGM_PRIVILEGED_OPERATION && ic_bit(s->ic, IC_PRIVOP)) ||
                (c7 == PGM_PROTECTION && (s->ec2 & EC2_PROTEX));
    if (!take)
        return false;
    /* The interruption parameters go to SD+X'C0' (SD+X'40' acting as the
     * guest PSA), never into guest storage. */
    uint8_t *p = sd_p(&s->sd, SD_PSA_BIAS + PSA_PGM_ILC - 1);
    p[0] = 0;
    p[1] = (uint8_t)ilc;
    st_be16(sd_p(&s->sd, SD_PSA_BIAS + PSA_PGM_CODE), (uint16_t)code);
    if (g->tea_valid)
        st_be32(sd_p(&s->sd, SD_PSA_BIAS + PSA_TEA), g->tea);
    return leave_with(g, SIE_IC_PGM);
}

/* External interruptions: delivered in the guest with EXTA, else code 20
 * with the interruption code at SD+C6 and the guest PSA untouched. */
static bool guest_external(Cpu *g, uint16_t code)
{
    SieGuest *s = sg(g);
    if (s->ec0 & EC0_EXTA)
        return false;
    st_be16(sd_p(&s->sd, SD_PSA_BIAS + PSA_EXT_CPUAD), 0);
    st_be16(sd_p(&s->sd, SD_PSA_BIAS + PSA_EXT_CODE), code);
    return leave_with(g, SIE_IC_EXT);
}

/* I/O assist: an interruption of one of the guest's subchannels whose
 * status shows a channel error (program, protection, channel-data,
 * channel-control, interface-control or chaining check) goes to the host
 * [interpex]: code 60 with the interruption code at SD+E8 and the device
 * and subchannel status at SD+76.  The host must see such errors (error
 * recording, recovery; a zone guest's channel program that strays outside
 * its zone ends in a program check).  The subchannel stays status pending
 * for the host's TEST SUBCHANNEL. */
#define HOST_CSTAT (CS_PROGRAM_CHECK | CS_PROTECTION | CS_CHAN_DATA | CS_CHAN_CONTROL | \
                    CS_IFACE_CONTROL | CS_CHAINING)

static bool guest_io(Cpu *g, const uint32_t code[3], uint8_t dstat, uint8_t cstat)
{
    SieGuest *s = sg(g);
    if (!(cstat & HOST_CSTAT))
        return false;
    for (unsigned i = 0; i < 3; i++)
        st_be32(sd_p(&s->sd, SD_IOINT + 4 * i), code[i]);
    *sd_p(&s->sd, SD_TSCH) = dstat;
    *sd_p(&s->sd, SD_TSCH + 1) = cstat;
    return leave_with(g, SIE_IC_IO);
}

/* The hosts share the guest's clock: the instruction count and the time
 * skipped in waits (cpu370/timer.c derives all time from them). */
static void sync_clock(Cpu *h, const Cpu *g)
{
    h->icount = g->icount;
    h->wait_skew = g->wait_skew;
}

static bool leave_for_host(Cpu *g, Cpu *target)
{
    SieGuest *s = sg(g);
    s->exit = EXIT_HOST_EVENT;
    s->target = target;
    g->stop = STOP_SIE_EXIT;
    return true;
}

/* Between batches: first the hosts (each level up: a stop request, or an
 * interruption it is enabled for, ends interpretive execution down to it),
 * then this guest's intervention requests. */
static bool guest_events(Cpu *g)
{
    for (Cpu *h = g->host; h; h = h->host) {
        sync_clock(h, g);
        if (cpu_stop_requested(h))
            return leave_for_host(g, h);
        timers_update(h);
        if (cpu_interrupt_pending(h))
            return leave_for_host(g, h);
        if (h->sie) {               /* h is a guest: its own v byte */
            SieGuest *hs = h->sie;
            uint8_t v = *sd_p(&hs->sd, SD_V);
            if ((v & SDV_STOP) || ((v & SDV_EXT) && psw_ext_enabled(h)) ||
                ((v & SDV_IO) && psw_io_enabled(h)))
                return leave_for_host(g, h);
        }
    }
    SieGuest *s = sg(g);
    uint8_t v = *sd_p(&s->sd, SD_V);
    if (v & SDV_STOP)
        return leave_with(g, SIE_IC_STOP);
    if ((v & SDV_EXT) && psw_ext_enabled(g))
        return leave_with(g, SIE_IC_EXT_REQ);
    if ((v & SDV_IO) && psw_io_enabled(g))
        return leave_with(g, SIE_IC_IO_REQ);
    return false;
}

/* The wait state: code 28, unless WAIA and the guest is enabled; then the
 * wait is kept inside SIE (time passes; host interruptions still end it). */
static bool guest_wait(Cpu *g)
{
    SieGuest *s = sg(g);
    bool enabled = psw_ext_enabled(g) || psw_io_enabled(g);
    if (!(s->ec0 & EC0_WAIA) || !enabled)
        return leave_with(g, SIE_IC_WAIT);
    /* I/O assist: stalled channel programs may go on meanwhile. */
    if (g->io_assist && g->m->wait && g->m->wait(g->m, g))
        return false;
    if (g->deterministic) {
        /* Skip to the guest's next timer event; the hosts' timers are
         * looked at by guest_events() on the way back. */
        if (!timers_skip_wait(g))
            return leave_with(g, SIE_IC_WAIT);
    } else {
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
    }
    return false;
}

static uint64_t guest_next_event(Cpu *g, uint64_t next)
{
    for (Cpu *h = g->host; h; h = h->host) {
        sync_clock(h, g);
        uint64_t n = timers_next_event(h);
        if (h->max_insns && n > h->max_insns)
            n = h->max_insns;
        if (n < next)
            next = n;
    }
    return next;
}

const GuestHooks sie_guest_hooks = {
    .program = guest_program,
    .external = guest_external,
    .events = guest_events,
    .wait = guest_wait,
    .next_event = guest_next_event,
    .rcp = sie_guest_rcp,
    .io = guest_io,
};
