/*
 * channel.c — the channel subsystem: subchannels, the channel-program
 * engine, status and I/O interruptions, for ESA/390 and S/370.
 *
 * ESA/390 PoO SA22-7201: ch. 13 "I/O overview", ch. 14 "I/O instructions"
 * (the effects of SSCH, TSCH, MSCH, HSCH, CSCH, RSCH, TPI on the SCSW),
 * ch. 15 "Basic I/O functions" (ORB, CCW formats 0 and 1, chaining, TIC,
 * skip, PCI, IDAWs, suspend and resume), ch. 16 "I/O interruptions"
 * (SCSW, IRB, interruption subclasses, the interruption code at X'B8').
 * S/370 PoO GA22-7000 ch. 12 "Input/output operations" and ch. 13
 * (CAW, CSW, SIO/TIO/HIO/TCH condition codes, channel masks).
 *
 * How a channel program runs (chan_run): fetch a CCW from absolute storage
 * with the ORB key, check it (address, format, count, TIC rules), give its
 * command to the device, which moves data through io_fetch()/io_store();
 * those follow data chaining, IDAWs and skip and check every byte block
 * against the storage keys.  When the device returns, decide incorrect
 * length and whether to chain; at the end make the subchannel status
 * pending and queue an interruption request.  Every fault a guest can put
 * into a channel program ends as channel status (program check,
 * protection check), never as a host access outside main storage.
 */
#include <stdlib.h>

#include "channel.h"

/* Host safety: a channel program may loop for ever (a NOP chained to a TIC
 * back to it) and a data chain may too.  The channel gives up the host
 * after CCW_SLICE commands (the program stalls and goes on at the next
 * look, as after a PCI), and ends a data chain longer than DC_LIMIT CCWs
 * with a chaining check. */
#define CCW_SLICE 4096
#define DC_LIMIT  4096

/* One CCW being executed, after decoding (formats 0 and 1 alike). */
typedef struct CcwState {
    uint32_t addr;         /* absolute address of the CCW                   */
    uint8_t  cmd;          /* command code (of the first CCW of a data chain) */
    uint8_t  flags;        /* flags of this CCW                             */
    uint32_t count;        /* bytes left in this CCW's area                 */
    uint32_t data;         /* next data address (direct or from the IDAW)   */
    uint32_t idaw;         /* IDA: address of the current IDAW              */
    uint32_t idaw_left;    /* IDA: bytes left before the next IDAW          */
    bool     idaw_loaded;  /* IDA: the first IDAW has been fetched          */
} CcwState;

struct Subchannel {
    struct Css *css;
    Device     *dev;
    uint16_t    schid;

    /* PMCW (ESA/390 PoO ch. 15 "Path-management-control word") */
    uint32_t intparm;      /* interruption parameter                        */
    uint8_t  isc;          /* interruption subclass 0-7                     */
    bool     enabled;      /* E                                             */
    uint8_t  lm, mm;       /* limit mode, measurement mode                  */
    bool     multipath;    /* D                                             */
    uint8_t  lpm, lpum;    /* logical-path mask, last-path-used mask        */
    uint16_t mbi;          /* measurement-block index                       */
    uint8_t  zone;         /* SIE zone (I/O assist)                         */
    uint8_t  visc;         /* guest ISC (I/O assist), kept for STSCH        */
    bool     intlock;      /* I: assigned to zone's guest (I/O assist)      */
    bool     csense;       /* S: concurrent sense                           */

    /* SCSW */
    uint16_t sflags;       /* word 0 bits 0-15: key, S, F, P, I, A, U ...   */
    uint16_t ctrl;         /* FC | AC | SC                                  */
    uint32_t cpa;          /* CCW address                                   */
    uint8_t  dstat, cstat; /* device and subchannel status                  */
    uint16_t count;        /* residual count                                */
    uint8_t  ecw[32];      /* concurrent sense, stored in the IRB           */
    uint8_t  ecw_len;

    /* The channel program of the current start function. */
    uint32_t orb_flags;    /* ORB word 1                                    */
    uint8_t  key;          /* storage key for every access                  */
    uint32_t next_ccw;     /* where the next CCW is fetched                 */
    bool     first;        /* the next CCW is the first of the program      */
    bool     chaining;     /* ... and is reached by command chaining        */
    uint8_t  prev_cmd;
    bool     ipl_first;    /* IPL: the next CCW is the implied Read         */
    bool     accepted;     /* S/370: the device took the first command      */
    bool     stalled;      /* stopped after a PCI, see css_touch()          */
    bool     pci_stall;    /* a PCI was posted since the last chaining      */
    CcwState cur;          /* the CCW whose data area is in use             */
    uint8_t  xfer_check;   /* PC/protection that ended the data transfer    */
    bool     xfer_used;    /* the device called io_fetch/io_store           */
    unsigned dc_count;     /* CCWs data-chained into the current command    */

    /* Interruption request queue (FIFO, one entry per subchannel). */
    bool        queued;
    Subchannel *qnext;
};

typedef struct Zone {
    uint32_t origin, limit;  /* absolute bytes; limit exclusive             */
    bool     set;
} Zone;

/* Zone z (1-7) as SZP set it, the storage its guest has (machine_zone());
 * a zone whose ZPB is not usable has none.  Zone 0 is not relocated. */
static Zone zone_of(const Machine *m, unsigned z)
{
    Zone r = { 0, 0, z != 0 };
    uint32_t size;
    if (r.set && machine_zone(m, z, &r.origin, &size))
        r.limit = r.origin + size;
    return r;
}

typedef struct Css {
    Machine     *m;
    Subchannel **sch;      /* by subchannel number, parallel to m->devices  */
    unsigned     cap;
    Subchannel  *qhead;    /* interruption requests, oldest first           */
    uint64_t     posted;   /* count of status made pending (io_wait)        */
    Zone         vr_zone;    /* the V=R guest's extent, css_set_vr_extent()   */
    char         ipl_error[160];
    char         loadparm[9];
} Css;

static Css *css_get(Machine *m);
static void chan_run(Subchannel *s);

/* ---- Interruption queue --------------------------------------------------- */

/* I/O assist (SIE.md §4 IOA) [interpex]: a subchannel whose PMCW I bit
 * (byte 27 X'80', set only by the host's MSCH) is one is assigned to the
 * guest of its PMCW zone.  Its interruptions wait for that guest, which
 * takes them itself when it runs with I/O assist; the host sees them only
 * with TEST PENDING ZONE INTERRUPTION.  Every other subchannel is the bare
 * machine's; a SIE guest without I/O assist sees none. */
bool css_assigned(const Subchannel *s, unsigned zone)
{
    return s->intlock && s->zone == zone;
}

static bool sees(const Cpu *c, const Subchannel *s)
{
    if (c->io_assist)
        return css_assigned(s, c->io_zone);
    return !c->gh && !s->intlock;
}

static bool pending_for(const Css *css, const Cpu *c)
{
    for (const Subchannel *s = css->qhead; s; s = s->qnext)
        if (sees(c, s))
            return true;
    return false;
}

/* io_pending of the CPU and of the guests its SIE is running: each only
 * for the requests it may take. */
static void update_io_pending(Css *css)
{
    for (Cpu *c = css->m->cpu; c; c = c->in_sie ? c->guest : NULL) {
        bool was = c->io_pending;
        c->io_pending = pending_for(css, c);
        if (c->io_pending && !was)
            cpu_request_event_check(c);
    }
}

void css_update_io_pending(Machine *m)
{
    if (m->css)
        update_io_pending(m->css);
}

static void enqueue(Subchannel *s)
{
    if (!s->queued) {
        Subchannel **pp = &s->css->qhead;
        while (*pp)
            pp = &(*pp)->qnext;
        *pp = s;
        s->qnext = NULL;
        s->queued = true;
    }
    s->css->posted++;
    /* Even if already queued: new status is worth a look by the CPU. */
    cpu_request_event_check(s->css->m->cpu);
    update_io_pending(s->css);
}

static void dequeue(Subchannel *s)
{
    if (!s->queued)
        return;
    for (Subchannel **pp = &s->css->qhead; *pp; pp = &(*pp)->qnext) {
        if (*pp == s) {
            *pp = s->qnext;
            break;
        }
    }
    s->queued = false;
    s->qnext = NULL;
    update_io_pending(s->css);
}

/* ---- Storage access by the channel -------------------------------------- */

/* Check an access of n bytes at absolute a (n does not cross a 2K key
 * block) and return 0 with a host pointer, or the channel status of the
 * check.  Channel-program addresses are absolute: no DAT, no prefixing
 * (ESA/390 PoO ch. 15 "Address generation"); zone subchannels are
 * relocated and bounded by their zone. */
static uint8_t chan_access(Subchannel *s, uint32_t a, uint32_t n, bool store, uint8_t **p)
{
    Machine *m = s->css->m;
    /* A subchannel assigned to the V=R guest (zone 0, I) is bounded by
     * that guest's storage, as the zone guests' are by their zones. */
    Zone z = s->intlock && s->zone == 0 ? s->css->vr_zone : zone_of(m, s->zone & 7);
    if (z.set) {
        if (a >= z.limit - z.origin || n > z.limit - z.origin - a)
            return CS_PROGRAM_CHECK;
        a += z.origin;
    }
    if (a >= m->memsize || n > m->memsize - a)
        return CS_PROGRAM_CHECK;
    uint8_t *skey = &m->keys[a >> TLB_PAGE_SHIFT];
    if (s->key != 0 && s->key != (*skey >> 4) && (store || (*skey & SK_FETCH)))
        return CS_PROTECTION;
    *skey |= store ? (SK_REF | SK_CHANGE) : SK_REF;
    *p = m->mem + a;
    return 0;
}

/* Fetch n bytes (within one 2K block) at absolute a. */
static uint8_t chan_fetch_abs(Subchannel *s, uint32_t a, void *buf, uint32_t n)
{
    uint8_t *p;
    uint8_t chk = chan_access(s, a, n, false, &p);
    if (!chk)
        memcpy(buf, p, n);
    return chk;
}

/* ---- CCW fetching ------------------------------------------------------- */

static bool fmt1(const Subchannel *s) { return (s->orb_flags & ORB_F) != 0; }
static bool s370(const Subchannel *s) { return s->css->m->cpu->arch == ARCH_S370; }

/* Fetch and check the CCW at addr, following a TIC.  `data_chain` says the
 * CCW continues the data area of the previous one (its command code is then
 * ignored).  Returns 0, or the channel status of the check with s->cpa set
 * to the address of the offending CCW + 8. */
static uint8_t fetch_ccw(Subchannel *s, uint32_t addr, bool data_chain, CcwState *out)
{
    bool after_tic = false;
    for (;;) {
        s->cpa = addr + 8;
        if (addr & 7)
            return CS_PROGRAM_CHECK;                 /* invalid CCW address */
        uint8_t raw[8];
        uint8_t chk = chan_fetch_abs(s, addr, raw, 8);
        if (chk)
            return chk;
        uint8_t cmd = raw[0], flags;
        uint32_t count, data;
        if (fmt1(s)) {
            flags = raw[1];
            count = ld_be16(raw + 2);
            data = ld_be32(raw + 4);
        } else {
            data = ld_be32(raw) & 0x00FFFFFF;
            flags = raw[4];
            count = ld_be16(raw + 6);
        }
        if ((cmd & 0x0F) == CMD_TIC) {
            /* Transfer in channel: not as the first CCW, not after a TIC,
             * to a doubleword (S/370 PoO "Transfer in channel"). */
            if (after_tic || s->first)
                return CS_PROGRAM_CHECK;
            if ((fmt1(s) && (data & 0x80000000u)) || (data & 7))
                return CS_PROGRAM_CHECK;
            after_tic = true;
            addr = data;
            continue;
        }
        if (!data_chain && (cmd & 0x0F) == 0)
            return CS_PROGRAM_CHECK;                 /* invalid command code */
        if (fmt1(s) ? (flags & 0x01) : (flags & (s370(s) ? 0x03 : 0x01)))
            return CS_PROGRAM_CHECK;                 /* invalid CCW format   */
        /* A count of zero: never in format 0; in format 1 not when data
         * chaining into or out of the CCW. */
        if (count == 0 && (!fmt1(s) || data_chain || (flags & CCW_CD)))
            return CS_PROGRAM_CHECK;
        if ((flags & CCW_S) && !(s->orb_flags & ORB_S))
            return CS_PROGRAM_CHECK;
        if (flags & CCW_IDA) {
            if (data & (fmt1(s) ? 0x80000003u : 0x3u))
                return CS_PROGRAM_CHECK;             /* IDAW list on a word  */
        } else if (fmt1(s) && (data & 0x80000000u)) {
            return CS_PROGRAM_CHECK;
        }
        out->addr = addr;
        out->cmd = cmd;
        out->flags = flags;
        out->count = count;
        out->data = data;
        out->idaw = data;
        out->idaw_left = 0;
        out->idaw_loaded = false;
        s->first = false;
        return 0;
    }
}

/* ---- Data transfer (the device's view: io_fetch / io_store) -------------- */

static bool backward(const CcwState *c)
{
    return (c->cmd & 0x0F) == CMD_READ_BACKWARD;
}

/* IDA: fetch the next IDAW (or the first).  Format-1 IDAWs hold 31-bit
 * addresses; after the first, each must designate a 2K boundary (for read
 * backward: the last byte of a 2K block).  S/370 IDAWs hold 24-bit
 * addresses (bits 0-7 zero). */
static uint8_t next_idaw(Subchannel *s)
{
    CcwState *c = &s->cur;
    uint32_t ia = c->idaw_loaded ? c->idaw + 4 : c->idaw;
    uint8_t w[4];
    uint8_t chk = chan_fetch_abs(s, ia, w, 4);
    if (chk)
        return chk;
    uint32_t a = ld_be32(w);
    if (a & (s370(s) ? 0xFF000000u : 0x80000000u))
        return CS_PROGRAM_CHECK;
    bool back = backward(c);
    if (c->idaw_loaded && (a & 0x7FF) != (back ? 0x7FFu : 0))
        return CS_PROGRAM_CHECK;
    c->idaw = ia;
    c->idaw_loaded = true;
    c->data = a;
    c->idaw_left = back ? (a & 0x7FF) + 1 : 0x800 - (a & 0x7FF);
    return 0;
}

/* PCI: an intermediate interruption condition (ESA/390 PoO ch. 15
 * "Program-controlled interruption"). */
static void post_pci(Subchannel *s)
{
    s->cstat |= CS_PCI;
    s->ctrl |= SC_INTERMEDIATE | SC_PENDING;
    s->cpa = s->cur.addr + 8;
    s->pci_stall = true;
    enqueue(s);
}

/* Move up to n bytes between the device buffer and the current data area.
 * to_storage: io_store (input); else io_fetch (output). */
static uint32_t transfer(DevIo *io, uint8_t *buf, uint32_t n, bool to_storage)
{
    Subchannel *s = io->sch;
    CcwState *c = &s->cur;
    uint32_t moved = 0;

    s->xfer_used = true;
    while (moved < n && !s->xfer_check) {
        if (c->count == 0) {
            if (!(c->flags & CCW_CD))
                break;                                /* count exhausted     */
            /* Data chaining: the next CCW continues the same operation. */
            if (++s->dc_count > DC_LIMIT) {
                s->xfer_check = CS_CHAINING;
                break;
            }
            CcwState next;
            uint8_t chk = fetch_ccw(s, c->addr + 8, true, &next);
            if (chk) {
                s->xfer_check = chk;
                break;
            }
            next.cmd = c->cmd;
            *c = next;
            if (c->flags & CCW_PCI)
                post_pci(s);
            continue;
        }
        bool back = backward(c);
        if ((c->flags & CCW_IDA) && c->idaw_left == 0) {
            uint8_t chk = next_idaw(s);
            if (chk) {
                s->xfer_check = chk;
                break;
            }
        }
        uint32_t a = c->data;
        uint32_t room = back ? (a & 0x7FF) + 1 : 0x800 - (a & 0x7FF);
        if ((c->flags & CCW_IDA) && c->idaw_left < room)
            room = c->idaw_left;
        uint32_t chunk = n - moved;
        if (chunk > c->count)
            chunk = c->count;
        if (chunk > room)
            chunk = room;
        if (!(to_storage && (c->flags & CCW_SKIP))) {
            uint8_t *p;
            uint8_t chk = chan_access(s, back ? a - chunk + 1 : a, chunk, to_storage, &p);
            if (chk) {
                s->xfer_check = chk;
                break;
            }
            if (!to_storage)
                memcpy(buf + moved, p, chunk);
            else if (!back)
                memcpy(p, buf + moved, chunk);
            else
                for (uint32_t i = 0; i < chunk; i++)
                    p[chunk - 1 - i] = buf[moved + i];
        }
        c->data = back ? a - chunk : a + chunk;
        c->count -= chunk;
        if (c->flags & CCW_IDA)
            c->idaw_left -= chunk;
        moved += chunk;
    }
    io->done += moved;
    return moved;
}

uint32_t io_fetch(DevIo *io, void *buf, uint32_t n)
{
    return transfer(io, buf, n, false);
}

uint32_t io_store(DevIo *io, const void *buf, uint32_t n)
{
    uint32_t k = transfer(io, (uint8_t *)buf, n, true);
    if (k < n && !io->sch->xfer_check)
        io->more = true;             /* the device had more than fits */
    return k;
}

/* ---- Ending, suspending, stalling ----------------------------------------- */

/* The channel program is over: status pending with primary (and, since
 * devices present device end with channel end, secondary) status. */
static void finish(Subchannel *s, uint8_t us, uint8_t cs)
{
    Device *d = s->dev;
    s->dstat = us;
    s->cstat |= cs;
    s->ctrl &= (uint16_t)~(AC_START_PEND | AC_RESUME_PEND | AC_SUBCH_ACTIVE |
                           AC_DEVICE_ACTIVE | AC_SUSPENDED);
    s->ctrl |= SC_PRIMARY | SC_SECONDARY | SC_PENDING;
    if ((us & (US_ATTENTION | US_UNIT_CHECK | US_UNIT_EXCEPTION | US_BUSY)) ||
        (s->cstat & (uint8_t)~(CS_PCI | CS_INCORRECT_LEN)))
        s->ctrl |= SC_ALERT;
    s->ecw_len = 0;
    if ((us & US_UNIT_CHECK) && s->csense) {
        /* Concurrent sense: the sense bytes travel with the status. */
        s->ecw_len = d->sense_len ? d->sense_len : 1;
        if (s->ecw_len > sizeof s->ecw)
            s->ecw_len = sizeof s->ecw;
        memcpy(s->ecw, d->sense, s->ecw_len);
    }
    s->stalled = false;
    s->pci_stall = false;
    enqueue(s);
}

static void suspend(Subchannel *s, uint32_t ccw_addr)
{
    s->ctrl &= (uint16_t)~(AC_SUBCH_ACTIVE | AC_DEVICE_ACTIVE);
    s->ctrl |= AC_SUSPENDED;
    s->next_ccw = ccw_addr;
    s->cpa = ccw_addr + 8;
    if (!(s->orb_flags & ORB_U)) {
        s->ctrl |= SC_INTERMEDIATE | SC_PENDING;
        enqueue(s);
    }
}

/* Run the channel program from s->next_ccw until it ends, suspends or
 * stalls after a PCI. */
static void chan_run(Subchannel *s)
{
    Device *d = s->dev;
    s->ctrl &= (uint16_t)~(AC_START_PEND | AC_SUSPENDED);
    s->ctrl |= AC_SUBCH_ACTIVE | AC_DEVICE_ACTIVE;
    s->lpum = 0x80;

    for (unsigned slice = 0;; slice++) {
        if (slice == CCW_SLICE) {
            s->stalled = true;       /* see CCW_SLICE */
            return;
        }
        CcwState ccw;
        if (s->ipl_first) {
            /* IPL: as if a CCW at 0 said Read, 24 bytes at 0, CC + SLI. */
            ccw = (CcwState){ .addr = 0, .cmd = CMD_READ, .flags = CCW_CC | CCW_SLI,
                              .count = 24, .data = 0 };
            s->ipl_first = false;
            s->first = false;
        } else {
            uint8_t chk = fetch_ccw(s, s->next_ccw, false, &ccw);
            if (chk) {
                s->count = 0;
                finish(s, 0, chk);
                return;
            }
        }
        if (ccw.flags & CCW_S) {
            if (s->ctrl & AC_RESUME_PEND) {
                /* RSCH came before the suspend point: fetch the CCW again
                 * (the program has reset its S flag, or it suspends now). */
                s->ctrl &= (uint16_t)~AC_RESUME_PEND;
                continue;
            }
            suspend(s, ccw.addr);
            return;
        }

        s->cur = ccw;
        s->xfer_check = 0;
        s->xfer_used = false;
        s->dc_count = 0;
        if (ccw.flags & CCW_PCI)
            post_pci(s);

        DevIo io = {
            .cmd = ccw.cmd, .flags = ccw.flags, .chained = s->chaining,
            .prev_cmd = s->prev_cmd, .count = ccw.count, .sch = s,
        };
        uint8_t us = d->ops->start(d, &io);
        if (!(us & US_BUSY))
            us |= US_CE_DE;          /* devices complete synchronously */

        /* Incorrect length (ESA/390 PoO ch. 15 "Incorrect length"): the
         * device ended before the count (or the data chain) was used up,
         * or had more than the count allowed.  Never for an immediate
         * operation, one that asked for no data at all (S/370 PoO
         * "Immediate operations": incorrect length is not indicated, and
         * command chaining is performed when specified). */
        const CcwState *last = &s->cur;
        bool immediate = !s->xfer_used && !io.more;
        bool il = !immediate && (io.more || last->count != 0 || (last->flags & CCW_CD));
        if (il && (last->flags & CCW_SLI) && !(last->flags & CCW_CD))
            il = false;
        if (s->xfer_check)
            il = false;           /* the check, not the length, ended it */
        uint8_t cs = s->xfer_check | (il ? CS_INCORRECT_LEN : 0);
        s->cpa = last->addr + 8;
        s->count = (uint16_t)last->count;
        if (!immediate)
            s->accepted = true;

        bool chain = (last->flags & CCW_CC) && !(last->flags & CCW_CD) && !cs &&
                     (us & US_DEVICE_END) &&
                     !(us & (US_UNIT_CHECK | US_UNIT_EXCEPTION | US_BUSY));
        if (!chain) {
            finish(s, us, cs);
            return;
        }
        /* Command chaining; status modifier skips one CCW. */
        s->accepted = true;
        s->chaining = true;
        s->prev_cmd = ccw.cmd;
        s->next_ccw = last->addr + ((us & US_STATUS_MOD) ? 16 : 8);
        if (s->pci_stall && (s->ctrl & SC_INTERMEDIATE)) {
            s->stalled = true;       /* until the PCI status is seen */
            return;
        }
        s->pci_stall = false;
    }
}

void css_touch(Subchannel *s)
{
    if (s && s->stalled) {
        s->stalled = false;
        s->pci_stall = false;
        chan_run(s);
    }
}

bool css_run_pending(Machine *m)
{
    Css *css = m->css;
    bool any = false;
    if (!css)
        return false;
    for (unsigned i = 0; i < m->ndevices; i++) {
        if (css->sch[i] && css->sch[i]->stalled) {
            css_touch(css->sch[i]);
            any = true;
        }
    }
    return any;
}

/* Stop a running, stalled or suspended program (HSCH, CSCH, HIO). */
static void terminate(Subchannel *s)
{
    if ((s->ctrl & (AC_SUBCH_ACTIVE | AC_DEVICE_ACTIVE | AC_SUSPENDED)) || s->stalled) {
        if (s->dev->ops->halt)
            s->dev->ops->halt(s->dev);
    }
    s->stalled = false;
    s->pci_stall = false;
    s->ctrl &= (uint16_t)~(AC_START_PEND | AC_RESUME_PEND | AC_SUBCH_ACTIVE |
                           AC_DEVICE_ACTIVE | AC_SUSPENDED);
}

/* ---- Configuration --------------------------------------------------------- */

static void sch_reset(Subchannel *s)
{
    s->intparm = 0;
    s->isc = 0;
    s->enabled = false;
    s->lm = s->mm = 0;
    s->multipath = false;
    s->lpm = 0x80;
    s->lpum = 0;
    s->mbi = 0;
    s->zone = 0;
    s->visc = 0;
    s->intlock = false;
    s->csense = false;
    s->sflags = 0;
    s->ctrl = 0;
    s->cpa = 0;
    s->dstat = s->cstat = 0;
    s->count = 0;
    s->ecw_len = 0;
    s->orb_flags = 0;
    s->key = 0;
    s->stalled = s->pci_stall = false;
    s->ipl_first = false;
    dequeue(s);
}

static bool io_interrupt(Machine *m, Cpu *c);
static bool io_wait(Machine *m, Cpu *c);

static Css *css_get(Machine *m)
{
    if (!m->css) {
        Css *css = calloc(1, sizeof *css);
        if (!css)
            return NULL;
        css->m = m;
        m->css = css;
        m->io_interrupt = io_interrupt;
        m->wait = io_wait;
    }
    return m->css;
}

Device *device_new(const DeviceOps *ops, uint16_t devnum, void *priv)
{
    Device *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->ops = ops;
    d->devnum = devnum;
    d->priv = priv;
    d->sense_len = 1;
    return d;
}

int css_attach(Machine *m, Device *d)
{
    Css *css = css_get(m);
    if (!css || css_find_device(m, d->devnum))
        return -1;
    if (m->ndevices == css->cap) {
        unsigned cap = css->cap ? css->cap * 2 : 16;
        Subchannel **ns = realloc(css->sch, cap * sizeof *ns);
        if (!ns)
            return -1;
        css->sch = ns;
        struct Device **nd = realloc(m->devices, cap * sizeof *nd);
        if (!nd)
            return -1;
        m->devices = nd;
        css->cap = cap;
    }
    Subchannel *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->css = css;
    s->dev = d;
    s->schid = (uint16_t)m->ndevices;
    sch_reset(s);
    d->subchan = s->schid;
    d->m = m;
    css->sch[m->ndevices] = s;
    m->devices[m->ndevices] = d;
    m->ndevices++;
    return 0;
}

Device *css_find_device(Machine *m, uint16_t devnum)
{
    for (unsigned i = 0; i < m->ndevices; i++)
        if (m->devices[i] && m->devices[i]->devnum == devnum)
            return m->devices[i];
    return NULL;
}

uint16_t device_schid(const Device *d)
{
    return d->subchan;
}

void css_reset(Machine *m)
{
    Css *css = m->css;
    if (!css)
        return;
    for (unsigned i = 0; i < m->ndevices; i++) {
        Subchannel *s = css->sch[i];
        sch_reset(s);
        if (s->dev->ops->reset)
            s->dev->ops->reset(s->dev);
        memset(s->dev->sense, 0, sizeof s->dev->sense);
    }
    css->qhead = NULL;
    css->vr_zone.set = false;
    update_io_pending(css);
}

void css_set_vr_extent(Machine *m, uint32_t extent)
{
    Css *css = m->css;
    if (!css)
        return;
    css->vr_zone.origin = 0;
    css->vr_zone.limit = extent;
    css->vr_zone.set = true;
}

void css_free(Machine *m)
{
    Css *css = m->css;
    for (unsigned i = 0; i < m->ndevices; i++) {
        Device *d = m->devices[i];
        if (d && d->ops->close)
            d->ops->close(d);
        free(d);
        if (css)
            free(css->sch[i]);
    }
    if (css)
        free(css->sch);
    free(m->devices);
    free(css);
    m->devices = NULL;
    m->ndevices = 0;
    m->css = NULL;
    if (m->io_interrupt == io_interrupt)
        m->io_interrupt = NULL;
    if (m->wait == io_wait)
        m->wait = NULL;
    m->cpu->io_pending = false;
}

/* ---- Device helpers ---------------------------------------------------------- */

uint8_t dev_sense(Device *d, DevIo *io)
{
    unsigned n = d->sense_len ? d->sense_len : 1;
    io_store(io, d->sense, n);
    memset(d->sense, 0, sizeof d->sense);
    return US_CE_DE;
}

uint8_t dev_sense_id(Device *d, DevIo *io)
{
    if (!d->ops->sense_id_len)
        return dev_reject(d);
    io_store(io, d->ops->sense_id, d->ops->sense_id_len);
    return US_CE_DE;
}

uint8_t dev_unit_check(Device *d, uint8_t sense0)
{
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = sense0;
    return US_CE_DE | US_UNIT_CHECK;
}

uint8_t dev_reject(Device *d)
{
    return dev_unit_check(d, SNS0_CMD_REJECT);
}

bool dev_attention(Device *d, uint8_t status)
{
    Css *css = d->m ? d->m->css : NULL;
    if (!css)
        return false;
    Subchannel *s = css->sch[d->subchan];
    if ((s->ctrl & (SC_PENDING | FC_START | FC_HALT | FC_CLEAR)) || s->stalled)
        return false;
    if (!s370(s) && !s->enabled)
        return false;             /* ESA/390: a disabled subchannel is silent */
    s->dstat = status;
    s->cstat = 0;
    s->count = 0;
    s->ctrl = SC_ALERT | SC_PENDING;
    enqueue(s);
    return true;
}

/* ---- ESA/390 subchannel operations ---------------------------------------- */

Subchannel *css_subchannel(Machine *m, uint32_t schid_word)
{
    if (!m->css || (schid_word >> 16) != 0x0001 || (schid_word & 0xFFFF) >= m->ndevices)
        return NULL;
    return m->css->sch[schid_word & 0xFFFF];
}

static bool operational(const Subchannel *s)
{
    return s->enabled;       /* the device number is always valid here */
}

static void store_scsw(const Subchannel *s, uint8_t *p)
{
    st_be16(p, s->sflags);
    st_be16(p + 2, s->ctrl);
    st_be32(p + 4, s->cpa);
    p[8] = s->dstat;
    p[9] = s->cstat;
    st_be16(p + 10, s->count);
}

int css_ssch(Subchannel *s, const uint8_t orb[ORB_SIZE])
{
    if (!operational(s))
        return 3;
    if (s->ctrl & SC_PENDING)
        return 1;
    if (s->ctrl & (FC_START | FC_HALT | FC_CLEAR))
        return 2;
    uint32_t w1 = ld_be32(orb + 4);
    s->intparm = ld_be32(orb);
    s->orb_flags = w1;
    s->key = (uint8_t)(w1 >> 28);
    s->sflags = (uint16_t)((w1 >> 16) & 0xF8F8);
    s->ctrl = FC_START | AC_START_PEND;
    s->dstat = s->cstat = 0;
    s->count = 0;
    s->cpa = 0;
    s->ecw_len = 0;
    s->next_ccw = ld_be32(orb + 8) & 0x7FFFFFFF;
    s->first = true;
    s->chaining = false;
    s->prev_cmd = 0;
    s->accepted = false;
    s->stalled = s->pci_stall = false;
    chan_run(s);
    return 0;
}

int css_tsch(Subchannel *s, uint8_t irb[IRB_SIZE])
{
    memset(irb, 0, IRB_SIZE);
    store_scsw(s, irb);
    if (!(s->ctrl & SC_PENDING))
        return 1;
    if (s->ecw_len) {
        /* ERW: concurrent sense (bit 7) and the sense count (bits 10-15). */
        st_be32(irb + 16, 0x01000000u | (uint32_t)(s->ecw_len & 0x3F) << 16);
        memcpy(irb + 32, s->ecw, s->ecw_len);
    }
    dequeue(s);
    if ((s->ctrl & (SC_PRIMARY | SC_SECONDARY | SC_ALERT)) || !(s->ctrl & SC_INTERMEDIATE)) {
        /* Final status: the subchannel becomes idle. */
        s->ctrl = 0;
        s->sflags = 0;
        s->dstat = s->cstat = 0;
        s->count = 0;
        s->ecw_len = 0;
    } else {
        /* Intermediate status only (PCI, suspension): the function goes on. */
        s->ctrl &= (uint16_t)~(SC_INTERMEDIATE | SC_PENDING);
        s->cstat &= (uint8_t)~CS_PCI;
        s->dstat = 0;
    }
    return 0;
}

void css_stsch(Subchannel *s, uint8_t schib[SCHIB_SIZE])
{
    uint8_t *p = schib;
    memset(schib, 0, SCHIB_SIZE);
    st_be32(p, s->intparm);
    p[4] = (uint8_t)(s->isc << 3);
    p[5] = (uint8_t)((s->enabled ? 0x80 : 0) | s->lm << 5 | s->mm << 3 |
                     (s->multipath ? 0x04 : 0) | 0x01 /* V */);
    st_be16(p + 6, s->dev->devnum);
    p[8] = s->lpm;
    p[9] = 0;                    /* PNOM */
    p[10] = s->lpum;
    p[11] = 0x80;                /* PIM: one path installed */
    st_be16(p + 12, s->mbi);
    p[14] = 0xFF;                /* POM */
    p[15] = 0x80;                /* PAM */
    p[16] = CSS_CHPID;
    p[24] = s->zone;
    p[25] = s->visc & 7;
    p[27] = (uint8_t)((s->intlock ? 0x80 : 0) | (s->csense ? 0x01 : 0));
    store_scsw(s, p + PMCW_SIZE);
}

bool css_pmcw_valid(const uint8_t schib[SCHIB_SIZE])
{
    const uint8_t *p = schib;
    if (p[4] & ~0x38)                 /* word 1 bits 0-1 and 5-7 */
        return false;
    if (((p[5] >> 5) & 3) == 3)       /* LM = 11 is reserved */
        return false;
    if ((p[25] & 0xF8) || p[26] || (p[27] & 0x7E))
        return false;
    if (p[24] >= 8)                   /* SIE zones 0-7 */
        return false;
    return true;
}

int css_msch(Subchannel *s, const uint8_t schib[SCHIB_SIZE], bool assist_fields)
{
    const uint8_t *p = schib;
    if (s->ctrl & SC_PENDING)
        return 1;
    if (s->ctrl & (FC_START | FC_HALT | FC_CLEAR))
        return 2;
    s->intparm = ld_be32(p);
    s->isc = (p[4] >> 3) & 7;
    s->enabled = (p[5] & 0x80) != 0;
    s->lm = (p[5] >> 5) & 3;
    s->mm = (p[5] >> 3) & 3;
    s->multipath = (p[5] & 0x04) != 0;
    s->lpm = p[8];
    s->mbi = ld_be16(p + 12);
    if (assist_fields) {
        s->zone = p[24];
        s->visc = p[25] & 7;
        s->intlock = (p[27] & 0x80) != 0;
        update_io_pending(s->css);    /* a pending request may change hands */
    }
    s->csense = (p[27] & 0x01) != 0;
    return 0;
}

int css_hsch(Subchannel *s)
{
    if (!operational(s))
        return 3;
    if ((s->ctrl & SC_PENDING) &&
        ((s->ctrl & (SC_PRIMARY | SC_SECONDARY | SC_ALERT)) || !(s->ctrl & SC_INTERMEDIATE)))
        return 1;
    if (s->ctrl & (FC_HALT | FC_CLEAR))
        return 2;
    bool active = (s->ctrl & FC_START) != 0;
    terminate(s);
    s->ctrl |= FC_HALT;
    if (active) {
        /* ??? The manual lets the device present status after the halt;
         * ours stop at once, so primary and secondary status, no device
         * status, and the CCW address where the program stood. */
        s->ctrl |= SC_PRIMARY | SC_SECONDARY | SC_PENDING;
        s->dstat = 0;
    } else {
        s->ctrl |= SC_PENDING;        /* status pending alone */
    }
    enqueue(s);
    return 0;
}

int css_csch(Subchannel *s)
{
    if (!operational(s))
        return 3;
    dequeue(s);
    terminate(s);
    if (s->dev->ops->reset)
        s->dev->ops->reset(s->dev);
    s->ctrl = FC_CLEAR | SC_PENDING;
    s->sflags = 0;
    s->dstat = s->cstat = 0;
    s->count = 0;
    s->ecw_len = 0;
    enqueue(s);
    return 0;
}

int css_rsch(Subchannel *s)
{
    if (!operational(s))
        return 3;
    if (s->ctrl & SC_PENDING)
        return 1;
    if ((s->ctrl & (FC_START | FC_HALT | FC_CLEAR)) != FC_START ||
        !(s->orb_flags & ORB_S) || (s->ctrl & AC_RESUME_PEND))
        return 2;
    if (s->ctrl & AC_SUSPENDED) {
        s->first = false;
        chan_run(s);              /* fetch the suspended CCW again */
    } else {
        s->ctrl |= AC_RESUME_PEND;
    }
    return 0;
}

/* The highest-priority interruption request the CPU is enabled for:
 * ESA/390 by ISC (0 first) and CR6; S/370 the oldest on an enabled channel
 * (channel masks: PSW bits 0-6 in BC mode, CR2 in EC mode). */
static bool s370_channel_enabled(const Cpu *c, unsigned chan)
{
    if (c->psw.states & PSWS_EC)
        return chan >= 32 || (c->cr[2] & (0x80000000u >> chan));
    return (c->psw.sysmask & (chan < 6 ? 0x80u >> chan : 0x02u)) != 0;
}

static Subchannel *next_request(Css *css, const Cpu *c)
{
    Subchannel *best = NULL;
    for (Subchannel *s = css->qhead; s; s = s->qnext) {
        if (!sees(c, s))
            continue;
        if (c->arch == ARCH_S370) {
            if (s370_channel_enabled(c, s->dev->devnum >> 8))
                return s;
        } else if (c->cr[6] & (0x80000000u >> s->isc)) {
            if (!best || s->isc < best->isc)
                best = s;
        }
    }
    return best;
}

/* The I/O-interruption code of s's request: subsystem-ID word,
 * interruption parameter and [interpex, as z/Architecture stores at
 * X'C0'] the identification word, the ISC in bits 2-4. */
static void int_code(const Subchannel *s, uint32_t code[3])
{
    code[0] = 0x00010000u | s->schid;
    code[1] = s->intparm;
    code[2] = (uint32_t)s->isc << 27;
}

bool css_zone_pending(Machine *m, unsigned zone, uint32_t code[3])
{
    for (Subchannel *s = m->css ? m->css->qhead : NULL; s; s = s->qnext) {
        if (css_assigned(s, zone)) {
            int_code(s, code);
            return true;
        }
    }
    return false;
}

bool css_tpi(Cpu *c, uint32_t code[3])
{
    Css *css = c->m->css;
    Subchannel *s = css ? next_request(css, c) : NULL;
    if (!s)
        return false;
    int_code(s, code);
    dequeue(s);             /* the request goes; the status stays pending */
    return true;
}

/* ---- S/370 channel I/O --------------------------------------------------- */

static Subchannel *by_addr(Machine *m, uint16_t addr)
{
    Device *d = m->css ? css_find_device(m, addr) : NULL;
    return d ? m->css->sch[d->subchan] : NULL;
}

/* Store the CSW at X'40' (S/370 PoO ch. 13 "Channel status word"). */
static void store_csw(Machine *m, const Subchannel *s, uint8_t extra_us)
{
    Cpu *c = m->cpu;
    uint8_t *p = c->mem + c->prefix + PSA_CSW;
    st_be32(p, (uint32_t)s->key << 28 | (s->cpa & 0x00FFFFFF));
    p[4] = s->dstat | extra_us;
    p[5] = s->cstat;
    st_be16(p + 6, s->count);
}

/* The CSW has taken the status: clear it (S/370: the interruption
 * condition is the status). */
static void clear_status_370(Subchannel *s)
{
    dequeue(s);
    if ((s->ctrl & SC_INTERMEDIATE) && !(s->ctrl & (SC_PRIMARY | SC_SECONDARY | SC_ALERT))) {
        s->ctrl &= (uint16_t)~(SC_INTERMEDIATE | SC_PENDING);
        s->cstat &= (uint8_t)~CS_PCI;
        s->dstat = 0;
    } else {
        s->ctrl = 0;
        s->dstat = s->cstat = 0;
        s->count = 0;
    }
}

static bool busy_370(const Subchannel *s)
{
    return s->stalled || (s->ctrl & (AC_SUBCH_ACTIVE | AC_DEVICE_ACTIVE | AC_SUSPENDED));
}

int css370_sio(Machine *m, uint16_t addr, uint32_t caw)
{
    Subchannel *s = by_addr(m, addr);
    if (!s)
        return 3;
    if (busy_370(s)) {
        css_touch(s);
        return 2;
    }
    if (s->ctrl & SC_PENDING) {
        /* The device has an interruption condition: it answers busy and
         * gives up the pending status (S/370 PoO "Start I/O"). */
        store_csw(m, s, US_BUSY);
        clear_status_370(s);
        return 1;
    }
    s->key = (uint8_t)(caw >> 28);
    s->orb_flags = (uint32_t)s->key << 28;
    s->sflags = 0;
    s->dstat = s->cstat = 0;
    s->count = 0;
    s->cpa = 0;
    s->ecw_len = 0;
    if (caw & 0x0F000000) {          /* invalid CAW format */
        s->cstat = CS_PROGRAM_CHECK;
        store_csw(m, s, 0);
        s->cstat = 0;
        return 1;
    }
    s->intparm = 0;
    s->ctrl = FC_START | AC_START_PEND;
    s->next_ccw = caw & 0x00FFFFFF;
    s->first = true;
    s->chaining = false;
    s->prev_cmd = 0;
    s->accepted = false;
    s->stalled = s->pci_stall = false;
    chan_run(s);
    if (!s->accepted && (s->ctrl & SC_PRIMARY)) {
        /* Ended in the initial selection (command rejected, immediate
         * command, channel program check on the first CCW): CSW stored. */
        store_csw(m, s, 0);
        clear_status_370(s);
        return 1;
    }
    return 0;
}

int css370_tio(Machine *m, uint16_t addr)
{
    Subchannel *s = by_addr(m, addr);
    if (!s)
        return 3;
    if (s->ctrl & SC_PENDING) {
        store_csw(m, s, 0);
        clear_status_370(s);
        css_touch(s);
        return 1;
    }
    if (busy_370(s)) {
        css_touch(s);
        return 2;
    }
    return 0;
}

int css370_hio(Machine *m, uint16_t addr)
{
    Subchannel *s = by_addr(m, addr);
    if (!s)
        return 3;
    if (!busy_370(s))
        return 0;
    terminate(s);
    s->ctrl = 0;
    s->dstat = 0;
    store_csw(m, s, 0);
    clear_status_370(s);
    return 1;
}

int css370_clrio(Machine *m, uint16_t addr)
{
    Subchannel *s = by_addr(m, addr);
    if (!s)
        return 3;
    if (s->ctrl & SC_PENDING) {
        store_csw(m, s, 0);
        clear_status_370(s);
        return 1;
    }
    return css370_hio(m, addr);
}

int css370_tch(Machine *m, uint8_t channel)
{
    Css *css = m->css;
    bool exists = false;
    for (unsigned i = 0; css && i < m->ndevices; i++) {
        if ((m->devices[i]->devnum >> 8) == channel) {
            exists = true;
            if (css->sch[i]->ctrl & SC_PENDING)
                return 1;             /* interruption pending in channel */
        }
    }
    return exists ? 0 : 3;
}

/* ---- I/O interruption (the Machine hooks) ------------------------------ */

/* Old/new PSW swap at X'38'/X'78'; an invalid new PSW is recognized as a
 * specification exception with ILC 0, as interrupt.c does. */
static void io_psw_swap(Cpu *c)
{
    uint8_t *psa = c->mem + c->prefix;
    psw_store(c, psa + PSA_IO_OLD);
    if (psw_load(c, psa + PSA_IO_NEW)) {
        c->zero_ilc = true;
        c->pgm_code = PGM_SPECIFICATION;
    }
}

static bool io_interrupt(Machine *m, Cpu *c)
{
    Css *css = m->css;
    Subchannel *s = css ? next_request(css, c) : NULL;
    if (!s)
        return false;
    uint8_t *psa = c->mem + c->prefix;
    if (c->arch == ARCH_S370) {
        uint16_t addr = s->dev->devnum;
        store_csw(m, s, 0);
        clear_status_370(s);
        if (c->psw.states & PSWS_EC) {
            st_be16(psa + PSA_IO_DEVADDR, addr);
        } else {
            c->psw.bc_intcode = addr;
            c->psw.bc_ilc = 0;
        }
        io_psw_swap(c);
        css_touch(s);
    } else {
        uint32_t code[3];
        int_code(s, code);
        /* I/O assist: status the host must see (errors) is intercepted. */
        if (c->io_assist && c->gh->io(c, code, s->dstat, s->cstat)) {
            dequeue(s);           /* taken by the host; still status pending */
            return true;
        }
        st_be32(psa + PSA_IO_SSID, code[0]);
        st_be32(psa + PSA_IO_PARM, code[1]);
        dequeue(s);
        io_psw_swap(c);
    }
    return true;
}

/* Enabled wait: let stalled programs run; true if that made an
 * interruption request (a program that only loops on makes none, and the
 * CPU then waits as it would for any other never-ending operation). */
static bool io_wait(Machine *m, Cpu *c)
{
    (void)c;
    uint64_t before = m->css->posted;
    css_run_pending(m);
    return m->css->posted != before;
}

/* ---- IPL ------------------------------------------------------------------ */

void css_ipl_program(Machine *m, Device *d, uint8_t *dstat, uint8_t *cstat)
{
    Subchannel *s = m->css->sch[d->subchan];
    sch_reset(s);
    s->orb_flags = 0;             /* key 0, format-0 CCWs, no suspend */
    s->ctrl = FC_START | AC_START_PEND;
    s->ipl_first = true;
    s->first = true;
    s->chaining = false;
    s->accepted = false;
    chan_run(s);
    for (int guard = 0; s->stalled && guard < 256; guard++)
        css_touch(s);             /* PCIs in an IPL program: just go on */
    if (s->stalled || (s->ctrl & AC_SUSPENDED)) {
        terminate(s);             /* an IPL program that does not end */
        s->cstat |= CS_CHAINING;
    }
    *dstat = s->dstat;
    *cstat = s->cstat;
    /* The IPL status is consumed by the IPL itself. */
    dequeue(s);
    s->ctrl = 0;
    s->dstat = s->cstat = 0;
    s->count = 0;
    s->intparm = 0;
}

char *css_ipl_error_buf(Machine *m, size_t *len)
{
    Css *css = css_get(m);
    if (!css)
        return NULL;
    *len = sizeof css->ipl_error;
    return css->ipl_error;
}

const char *css_ipl_error(const Machine *m)
{
    return m->css && m->css->ipl_error[0] ? m->css->ipl_error : "IPL: no error recorded";
}

void css_set_loadparm(Machine *m, const char *loadparm)
{
    Css *css = css_get(m);
    if (css)
        snprintf(css->loadparm, sizeof css->loadparm, "%-8.8s", loadparm ? loadparm : "");
}

const char *css_loadparm(const Machine *m)
{
    return m->css ? m->css->loadparm : "";
}
