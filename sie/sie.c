/*
 * sie.c — START INTERPRETIVE EXECUTION (B214): entering a guest from its
 * state description, running it, and storing it back (SIE.md §1, §2, §5,
 * §6; Osisek, Jackson, Gum, IBM Systems Journal 30(1), 1991; Hercules 3.13
 * observations marked [H] in SIE.md).
 *
 * The guest is another Cpu (sie_int.h: SieHost), run by the same
 * interpreter: SIE loads it from the SD, calls cpu_run() on it, and when
 * the guest's run loop returns, stores it back.  The host's SIE instruction
 * is still executing all that time, so everything the guest does happens
 * "inside" one host instruction, as on the real machine.
 *
 * How a guest run ends (SieExit):
 *  - an interception: the SD gets the code and its parameters; the host
 *    continues after SIE;
 *  - a host fault (a host page fault translating guest storage): SIE and
 *    the guest instruction are nullified; the host takes the program
 *    interruption with its PSW at SIE;
 *  - a host event (an interruption the host is enabled for, an operator
 *    stop, the instruction limit): SIE is nullified and the host's run loop
 *    looks at its events; re-executing SIE resumes the guest.
 * With nesting (a guest that is itself a host, SIE.md §8) the last two may
 * be meant for a host further out: each level stores its guest back and
 * passes the exit on, outwards.
 *
 * Register sharing [H]: guest GR0-13, the access and floating-point
 * registers are the host's; GR14-15, the PSW, the CRs, the prefix and the
 * timers come from the SD.  Host GR14-15 are left alone.
 */
#include <stdlib.h>

#include "sie/sie_int.h"
#include "cpu370/channel.h"

/* ---- leaving ------------------------------------------------------------ */

Cpu *sie_innermost(Cpu *c)
{
    while (c->in_sie && c->guest)
        c = c->guest;
    return c;
}

/* A failure translating guest storage through `target`'s tables: leave
 * every level inside `target` (the innermost running guest first). */
_Noreturn void sie_host_fault(Cpu *g, Cpu *target, int code, uint32_t tea, bool tea_valid)
{
    Cpu *in = sie_innermost(g);
    SieGuest *s = in->sie;
    /* The guest instruction is nullified: it is executed again when the
     * host has resolved the fault and re-executed SIE. */
    in->ia = in->ia_cur;
    in->in_execute = false;
    s->exit = EXIT_HOST_FAULT;
    s->target = target;
    s->fault_code = code;
    s->fault_tea = tea;
    s->fault_tea_valid = tea_valid;
    cpu_exit_guest(in);
}

/* ---- the state description --------------------------------------------- */

/* Map the SD at host real address a (doubleword aligned) for host h; false
 * if some of it is outside h's storage. */
static bool sd_map(Cpu *h, uint32_t a, SdRef *r)
{
    uint32_t abs = stor_real_to_abs(h, a);
    unsigned room = 4096 - (abs & 0xFFF);
    r->split = room < SD_SIZE ? room : SD_SIZE;
    r->lo = stor_abs_ptr(h, abs, r->split);
    r->hi = r->lo;
    if (r->split < SD_SIZE)
        r->hi = stor_abs_ptr(h, stor_real_to_abs(h, a + r->split), SD_SIZE - r->split);
    return r->lo && r->hi;
}

static uint32_t sd32(const SdRef *r, unsigned off) { return ld_be32(sd_p(r, off)); }
static uint16_t sd16(const SdRef *r, unsigned off) { return ld_be16(sd_p(r, off)); }
static uint64_t sd64(const SdRef *r, unsigned off) { return ld_be64(sd_p(r, off)); }

/* The guest prefix: a 4K page address, 31 bits for XA guests, 24 for 370. */
static uint32_t sd_prefix(const SdRef *r)
{
    return sd32(r, SD_PREFIX) & (*sd_p(r, SD_M) & SDM_XA ? 0x7FFFF000u : 0x00FFF000u);
}

/* ---- entry -------------------------------------------------------------- */

static SieHost *sie_host_of(Cpu *h)
{
    SieHost *sh = h->sie_host;
    if (sh)
        return sh;
    sh = calloc(1, sizeof *sh);
    Cpu *g = malloc(sizeof *g);
    if (!sh || !g) {
        fprintf(stderr, "interpex: out of memory for a SIE guest\n");
        exit(4);
    }
    cpu_init(g, h->m);
    sh->host = h;
    sh->guest = g;
    sh->g.cpu = g;
    sh->g.host = h;
    g->host = h;
    g->level = (h->level ? h->level : 1) + 1;
    g->sie = &sh->g;
    h->sie_host = sh;
    h->sie_free = sie_free;
    return sh;
}

/* The validity checks of SIE.md §6, in its order; 0 if the SD is valid.
 * Sets the guest's storage extent and kind as a side effect. */
static uint16_t validate(Cpu *h, SieGuest *s, uint32_t *extent)
{
    const SdRef *sd = &s->sd;
    s->m = *sd_p(sd, SD_M);
    s->mx = *sd_p(sd, SD_MX);
    if (!(s->m & (SDM_XA | SDM_370)))
        return VI_WHY_MODE;

    uint8_t zone = *sd_p(sd, SD_ZONE);
    s->rrf = (s->mx & SDMX_RRF) != 0;
    if (s->rrf) {
        if (zone >= 8)
            return VI_WHY_ZONE_NUM;
        if (!machine_zone(h->m, zone, &s->zone_origin, extent))
            return VI_WHY_ZONE_LIMIT;
    } else {
        if (zone)
            return VI_WHY_ZONE_NONRRF;
        s->zone_origin = 0;
        /* MSE X'FFFF' is 4G: no 32-bit wrap to 0; 2G at most. */
        uint64_t e = ((uint64_t)sd16(sd, SD_MSE) + 1) << 16;
        *extent = e > 0x80000000u ? 0x80000000u : (uint32_t)e;
    }

    if (sd_prefix(sd) > *extent - 4096)
        return VI_WHY_PREFIX;
    uint32_t scao = sd32(sd, SD_SCAO);
    if (scao && scao >= h->memsize)
        return VI_WHY_SCA;
    s->pref = (s->m & SDM_VR) || s->rrf;
    s->mso = (uint32_t)sd16(sd, SD_MSO) << 16;
    if ((s->m & SDM_VR) && s->mso != 0)
        return VI_WHY_PREF_MSO;
    if (!s->pref && sd32(sd, SD_RCPO) == 0)
        return VI_WHY_RCPO;
    return 0;
}

/* Where the guest's absolute storage is (guest_storage.c explains). */
static void set_storage(Cpu *h, Cpu *g, SieGuest *s, uint32_t extent)
{
    g->map_abs = NULL;
    if (!s->pref) {
        g->map_abs = sie_map_pageable;
        g->mem = NULL;
        g->keys = NULL;
        g->memsize = extent;
        return;
    }
    uint32_t origin = s->zone_origin;
    if (h->map_abs) {             /* a V=R guest of a pageable guest */
        g->map_abs = sie_map_via_host;
        g->memsize = extent < h->memsize ? extent : h->memsize;
        return;
    }
    uint32_t avail = origin < h->memsize ? h->memsize - origin : 0;
    g->mem = h->mem + (origin < h->memsize ? origin : 0);
    g->keys = h->keys + ((origin < h->memsize ? origin : 0) >> TLB_PAGE_SHIFT);
    g->memsize = extent < avail ? extent : avail;
}

/* The guest TLB may be kept from the last SIE only if it was filled under
 * the same SD, storage and translation parameters (the host's own purges
 * reach it directly: tlb_purge()). */
static void guest_tlb_check(SieHost *sh, Cpu *g, uint32_t sd_addr)
{
    uint8_t key[96];
    SdRef *sd = &sh->g.sd;
    memset(key, 0, sizeof key);
    st_be32(key, sd_addr);
    memcpy(key + 4, sd_p(sd, SD_MX), 2);
    memcpy(key + 6, sd_p(sd, SD_MSO), 4);
    memcpy(key + 10, sd_p(sd, SD_PREFIX), 4);
    key[14] = *sd_p(sd, SD_ZONE);
    for (unsigned i = 0; i < 16; i++)
        memcpy(key + 16 + 4 * i, sd_p(sd, SD_CR + 4 * i), 4);
    st_be32(key + 80, sh->g.zone_origin);
    st_be32(key + 84, g->memsize);
    if (!sh->tlb_key_valid || memcmp(key, sh->tlb_key, sizeof key)) {
        memcpy(sh->tlb_key, key, sizeof key);
        sh->tlb_key_valid = true;
        tlb_purge(g);
    }
}

static void load_guest(Cpu *h, Cpu *g, SieGuest *s)
{
    const SdRef *sd = &s->sd;
    Arch arch = s->m & SDM_XA ? ARCH_ESA390 : ARCH_S370;
    if (g->arch != arch)
        cpu_set_arch(g, arch);
    g->hooks = h->hooks;
    g->deterministic = h->deterministic;
    g->tod_base = h->tod_base;
    g->icount = h->icount;
    g->wait_skew = h->wait_skew;
    g->max_insns = h->max_insns;
    g->stop = STOP_NONE;
    cpu_set_stop_request(g, 0);
    g->pgm_code = 0;
    g->zero_ilc = false;
    g->in_execute = false;
    g->tea_valid = false;
    g->pgm_loop = 0;
    g->io_pending = false;
    g->restart_pending = false;
    g->in_sie = false;

    memcpy(g->gr, h->gr, 14 * sizeof g->gr[0]);
    g->gr[14] = sd32(sd, SD_GR14);
    g->gr[15] = sd32(sd, SD_GR15);
    memcpy(g->ar, h->ar, sizeof g->ar);
    memcpy(g->fpr, h->fpr, sizeof g->fpr);
    for (unsigned i = 0; i < 16; i++)
        g->cr[i] = sd32(sd, SD_CR + 4 * i);
    g->prefix = sd_prefix(sd);
    g->cpuad = sd16(sd, SD_CPUAD);
    g->cpuid = h->cpuid;

    g->tod_epoch = h->tod_epoch + sd64(sd, SD_EPOCH);
    g->ckc = sd64(sd, SD_CKC);
    cpu_timer_set(g, (int64_t)sd64(sd, SD_CPUTIMER));
    g->ext_pending = 0;
    /* S/370 guests: the interval timer at X'50' runs while the guest does,
     * from the residue the last exit left (SIE.md §2), unless ITMOF says
     * the host keeps it; a pending interruption is in the s byte. */
    g->itimer_off = arch == ARCH_S370 && (s->m & SDM_ITMOF);
    if (arch == ARCH_S370 && !g->itimer_off)
        itimer_set_residue(g, sd32(sd, SD_RESIDUE));
    if (arch == ARCH_S370 && (*sd_p(sd, SD_S) & SDS_ITIMER))
        g->ext_pending |= EXTP_INTERVAL;

    s->ic = sd32(sd, SD_IC);
    s->ec0 = *sd_p(sd, SD_EC);
    s->ec2 = *sd_p(sd, SD_EC + 2);
    s->svc_ctl = sd32(sd, SD_SVC_CTL);
    s->rcpo = sd32(sd, SD_RCPO);
    s->lctl_mask = sd16(sd, SD_LCTL_MASK);
    /* I/O assist for preferred ESA/390 guests of the bare machine (a
     * deeper guest's CSS instructions go to its host, SIE.md §8). */
    s->ioa = (s->ec0 & EC0_IOA) && s->pref && arch == ARCH_ESA390 && !h->gh;
    g->io_assist = s->ioa;
    g->io_zone = s->rrf ? *sd_p(sd, SD_ZONE) : 0;
    s->host_prot = false;
    s->exit = EXIT_NONE;

    /* A PSW that is not valid is recognized in the guest, as after LPSW:
     * a specification exception with ILC 0 (intercepted, code 8). */
    if (psw_load(g, sd_p(sd, SD_PSW))) {
        g->zero_ilc = true;
        g->pgm_code = PGM_SPECIFICATION;
    }
}

/* Store the guest back into the SD and the shared registers. */
static void store_guest(Cpu *h, Cpu *g, SieGuest *s)
{
    const SdRef *sd = &s->sd;
    h->icount = g->icount;
    h->wait_skew = g->wait_skew;
    memcpy(h->gr, g->gr, 14 * sizeof h->gr[0]);
    memcpy(h->ar, g->ar, sizeof h->ar);
    memcpy(h->fpr, g->fpr, sizeof h->fpr);
    st_be32(sd_p(sd, SD_GR14), g->gr[14]);
    st_be32(sd_p(sd, SD_GR15), g->gr[15]);
    psw_store(g, sd_p(sd, SD_PSW));
    for (unsigned i = 0; i < 16; i++)
        st_be32(sd_p(sd, SD_CR + 4 * i), g->cr[i]);
    st_be64(sd_p(sd, SD_CPUTIMER), (uint64_t)cpu_timer_get(g));
    st_be64(sd_p(sd, SD_CKC), g->ckc);
    if (g->arch == ARCH_S370 && !g->itimer_off)
        st_be32(sd_p(sd, SD_RESIDUE), itimer_residue(g));
    uint8_t *sbyte = sd_p(sd, SD_S);
    *sbyte = (uint8_t)((*sbyte & ~SDS_ITIMER) | (g->ext_pending & EXTP_INTERVAL ? SDS_ITIMER : 0));
}

static void clear_interception(const SdRef *sd)
{
    *sd_p(sd, SD_C) = 0;
    *sd_p(sd, SD_F) = 0;
    memset(sd_p(sd, SD_IPA), 0, 2);
    memset(sd_p(sd, SD_IPB), 0, 4);
    memset(sd_p(sd, SD_IPC), 0, 4);
}

static void trace_exit(SieHost *sh, const SieGuest *s, const char *what)
{
    if (!sh->trace)
        return;
    const Cpu *g = s->cpu;
    fprintf(sh->trace, "SIE L%u exit  SD=%08X %s c=%u IA=%08X\n", g->level, s->sd_addr, what,
            s->code, g->ia);
}

/* Nullify the host's SIE: it is executed again when the host resumes. */
static void nullify_sie(Cpu *h)
{
    h->ia = h->ia_cur;
    cpu_request_event_check(h);
}

/* B214  SIE — START INTERPRETIVE EXECUTION (S).  Privileged; ESA/390 hosts
 * only (an S/370 host gets an operation exception [H], from the tables). */
void insn_sie(Cpu *h, const uint8_t *ip)
{
    uint32_t a = ea_s(h, ip);
    /* The SD: doubleword aligned, not in real page 0 or the prefix area
     * (SIE.md §1), within storage. */
    if ((a & 7) || (a & 0x7FFFF000u) == 0 || (a & 0x7FFFF000u) == h->prefix)
        cpu_program_check(h, PGM_SPECIFICATION);
    SieHost *sh = sie_host_of(h);
    SieGuest *s = &sh->g;
    Cpu *g = sh->guest;
    if (!sd_map(h, a, &s->sd))
        cpu_program_check(h, PGM_ADDRESSING);
    s->sd_addr = a;
    SdRef *sd = &s->sd;

    clear_interception(sd);
    st_be16(sd_p(sd, SD_LHCPU), h->cpuad);
    uint32_t extent = 0;
    uint16_t why = validate(h, s, &extent);
    if (!why) {
        set_storage(h, g, s, extent);
        /* The prefix page must exist for every kind of guest: a preferred
         * guest's storage is cut to what its host has (set_storage), and
         * interruptions store into the PSA without further checks. */
        if (!sie_abs_mapped(g, sd_prefix(sd)))
            why = VI_WHY_PREFIX_HOST;
    }
    if (why) {
        /* Validity: who, when, why; nothing else is stored [H]. */
        *sd_p(sd, SD_C) = SIE_IC_VALIDITY;
        sd_p(sd, SD_IPA)[0] = VI_WHO_CPU;
        sd_p(sd, SD_IPA)[1] = VI_WHEN_ENTRY;
        st_be16(sd_p(sd, SD_IPB), why);
        sh->stats.validity++;
        sh->stats.intercepts[SIE_IC_VALIDITY / 4]++;
        if (sh->trace)
            fprintf(sh->trace, "SIE L%u validity SD=%08X why=%04X\n", g->level, a, why);
        return;
    }

    load_guest(h, g, s);
    g->tables = sie_guest_tables(sh, s, g->arch);
    g->gh = &sie_guest_hooks;
    guest_tlb_check(sh, g, a);
    cpu_state_changed(g);
    sh->stats.entries++;
    if (sh->trace)
        fprintf(sh->trace, "SIE L%u entry SD=%08X m=%02X mx=%02X PSW IA=%08X\n", g->level, a,
                s->m, s->mx, g->ia);

    /* Intervention requests present at entry are looked at before the
     * first guest instruction (guest_events(), from the run loop). */
    uint64_t start = g->icount;
    h->in_sie = true;
    h->guest = g;
    if (g->io_assist) {
        css_update_io_pending(h->m);     /* its zone's requests are its own */
        if (!s->rrf)
            css_set_vr_extent(h->m, g->memsize);
    }
    StopReason why_stop = cpu_run(g);
    h->in_sie = false;
    sh->stats.insns += g->icount - start;
    store_guest(h, g, s);

    if (why_stop != STOP_SIE_EXIT) {
        /* Operator stop, instruction limit or check-stop in the guest:
         * the host stops with SIE nullified (or check-stops). */
        nullify_sie(h);
        if (why_stop == STOP_CHECKSTOP) {
            h->stop = STOP_CHECKSTOP;
        } else if (why_stop == STOP_OPERATOR) {
            cpu_set_stop_request(h, 1);
        }
        s->exit = EXIT_HOST_EVENT;
        s->target = NULL;
        sh->stats.host_exits++;
        trace_exit(sh, s, "stop");
        /* A host further out must see it too. */
        if (h->sie && h->host) {
            SieGuest *hs = h->sie;
            hs->exit = EXIT_HOST_EVENT;
            hs->target = NULL;
            if (h->stop == STOP_CHECKSTOP)
                return;
            cpu_exit_guest(h);
        }
        return;
    }

    switch (s->exit) {
    case EXIT_INTERCEPT:
        *sd_p(sd, SD_C) = s->code;
        *sd_p(sd, SD_F) = s->f;
        if (s->f & SDF_IPAB) {
            memcpy(sd_p(sd, SD_IPA), s->ipa, 2);
            memcpy(sd_p(sd, SD_IPB), s->ipb, 4);
        }
        sh->stats.intercepts[s->code / 4]++;
        trace_exit(sh, s, "intercept");
        return;
    case EXIT_HOST_FAULT:
        sh->stats.host_faults++;
        trace_exit(sh, s, "host fault");
        nullify_sie(h);
        if (s->target == h) {
            h->tea = s->fault_tea;
            h->tea_valid = s->fault_tea_valid;
            cpu_program_check(h, s->fault_code);
        }
        break;
    case EXIT_HOST_EVENT:
    default:
        sh->stats.host_exits++;
        trace_exit(sh, s, "host event");
        nullify_sie(h);
        if (s->target == h || s->target == NULL || !h->sie)
            return;
        break;
    }
    /* The exit is for a host further out: h is itself a guest; pass it on. */
    SieGuest *hs = h->sie;
    hs->exit = s->exit;
    hs->target = s->target;
    hs->fault_code = s->fault_code;
    hs->fault_tea = s->fault_tea;
    hs->fault_tea_valid = s->fault_tea_valid;
    cpu_exit_guest(h);
}

/* ---- observability -------------------------------------------------------- */

const SieStats *sie_stats(Machine *m, unsigned level)
{
    Cpu *c = m->cpu;
    for (unsigned l = 2; c && l <= level; l++) {
        SieHost *sh = c->sie_host;
        if (!sh)
            return NULL;
        if (l == level)
            return &sh->stats;
        c = sh->guest;
    }
    return NULL;
}

static const char *guest_kind(const SieGuest *s)
{
    return s->rrf ? "zone" : s->pref ? "V=R" : "V=V";
}

void sie_print_stack(Machine *m, FILE *f)
{
    Cpu *c = m->cpu;
    uint8_t psw[8];
    psw_store(c, psw);
    fprintf(f, "L1 host  PSW=%08X %08X%s\n", ld_be32(psw), ld_be32(psw + 4),
            c->in_sie ? "  (in SIE)" : "");
    while (c->in_sie && c->guest) {
        Cpu *g = c->guest;
        SieGuest *s = g->sie;
        psw_store(g, psw);
        fprintf(f, "L%u %-4s SD=%08X m=%02X mx=%02X MSO=%08X extent=%08X %s PSW=%08X %08X\n",
                g->level, guest_kind(s), s->sd_addr, s->m, s->mx, s->mso, g->memsize,
                g->arch == ARCH_S370 ? "S/370" : "ESA/390", ld_be32(psw), ld_be32(psw + 4));
        if (g->io_assist)
            fprintf(f, "   I/O assist: zone %u subchannels%s\n", g->io_zone,
                    g->io_pending ? ", interruption pending" : "");
        c = g;
    }
    if (!m->cpu->in_sie)
        fprintf(f, "no guest running\n");
}

void sie_print_stats(Machine *m, FILE *f)
{
    /* L2's count already includes L3's (the clock is shared): adding the
     * levels up would count L3 twice and make L1's negative. */
    const SieStats *l2 = sie_stats(m, 2);
    uint64_t guests = l2 ? l2->insns : 0;
    fprintf(f, "L1 instructions %llu\n", (unsigned long long)(m->cpu->icount - guests));
    for (unsigned l = 2; l <= SIE_LEVELS; l++) {
        const SieStats *st = sie_stats(m, l);
        if (!st)
            continue;
        /* A level's count includes the levels it runs. */
        fprintf(f, "L%u instructions %llu  SIE entries %llu  host faults %llu  host exits %llu\n",
                l, (unsigned long long)st->insns, (unsigned long long)st->entries,
                (unsigned long long)st->host_faults, (unsigned long long)st->host_exits);
        fprintf(f, "L%u interceptions:", l);
        for (unsigned i = 1; i < 17; i++)
            if (st->intercepts[i])
                fprintf(f, " %u=%llu", i * 4, (unsigned long long)st->intercepts[i]);
        fprintf(f, "\n");
    }
}

void sie_set_trace(Machine *m, FILE *f)
{
    for (Cpu *c = m->cpu; c; ) {
        SieHost *sh = sie_host_of(c);
        sh->trace = f;
        c = sh->guest->level < SIE_LEVELS ? sh->guest : NULL;
    }
}

void sie_free(Cpu *c)
{
    SieHost *sh = c->sie_host;
    if (!sh)
        return;
    sie_free(sh->guest);
    free(sh->guest);
    free(sh);
    c->sie_host = NULL;
    c->guest = NULL;
    c->sie_free = NULL;
}
