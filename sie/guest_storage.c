/*
 * guest_storage.c — where a guest's absolute storage is in the host
 * (SIE.md §7).
 *
 * Preferred guests (V=R, zones) need nothing here when their host is the
 * bare machine: the guest Cpu's `mem` simply points at the host storage
 * (plus the zone origin) and `memsize` is its extent, so the storage layer
 * handles them like any Cpu.  A pageable (V=V) guest's absolute address A
 * is the host *virtual* address MSO + A, translated with the host's
 * primary segment table (the host's CR1, whatever the host PSW's DAT bit
 * says), then host prefixing, then the host's own absolute mapping, which
 * recurses when the host is itself a guest (SIE.md §8, interpreted SIE).
 * A host translation failure is a host page fault: the guest leaves SIE
 * with its instruction nullified and the host takes the program
 * interruption with its PSW at SIE (sie_host_fault).  A host page that is
 * protected refuses guest stores as a guest protection exception that is
 * always intercepted; an address beyond host storage is a guest addressing
 * exception (intercepted, code 8).
 *
 * The guest TLB caches the result: after the first touch a guest access
 * costs what a host access costs.
 */
#include "sie/sie_int.h"
#include "cpu370/dat.h"

/* Host virtual address -> host pointer for host Cpu h (raise nothing):
 * 0 and the pointer, or the program-interruption code of the failure. */
static int host_translate(Cpu *h, uint32_t hv, int acc, uint8_t **p, uint8_t **key,
                          DatResult *r)
{
    int code = dat_translate(h, hv & 0x7FFFFFFF, AS_PRIMARY, r);
    if (code)
        return code;
    if (acc == ACC_STORE && r->prot)
        return PGM_PROTECTION;
    uint32_t habs = stor_real_to_abs(h, r->ra);
    if (habs >= h->memsize) {
        *p = NULL;
        return 0;
    }
    if (h->map_abs) {
        *p = h->map_abs(h, habs, acc, key);     /* h is a pageable guest */
    } else {
        *p = h->mem + habs;
        *key = &h->keys[habs >> TLB_PAGE_SHIFT];
    }
    return 0;
}

/* A host translation failed with `code`: the host's page fault. */
static _Noreturn void host_fault(Cpu *g, Cpu *h, int code, const DatResult *r)
{
    bool tea = code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION;
    sie_host_fault(g, h, code, r->tea, tea);
}

uint8_t *sie_map_pageable(Cpu *g, uint32_t abs, int acc, uint8_t **key)
{
    SieGuest *s = g->sie;
    Cpu *h = g->host;
    uint8_t *p = NULL;
    DatResult r = { 0 };
    int code = host_translate(h, s->mso + abs, acc, &p, key, &r);
    if (code == PGM_PROTECTION) {
        s->host_prot = true;
        cpu_program_check(g, PGM_PROTECTION);
    }
    if (code)
        host_fault(g, h, code, &r);
    return p;
}

/* The RCP byte of the page at guest absolute `abs` (insn_keys.c tells its
 * bits): one byte per 4K page at host virtual RCPO + page index, reached
 * through the host's DAT like guest storage (a failure is a host fault). */
uint8_t *sie_guest_rcp(Cpu *g, uint32_t abs)
{
    SieGuest *s = g->sie;
    if (s->pref)
        return NULL;
    Cpu *h = g->host;
    uint8_t *p = NULL, *key = NULL;
    DatResult r = { 0 };
    uint32_t hv = (s->rcpo & 0x7FFFF000u) + (abs >> 12);
    int code = host_translate(h, hv, ACC_STORE, &p, &key, &r);
    if (code == 0 && !p)
        code = PGM_ADDRESSING;
    if (code)
        host_fault(g, h, code, &r);
    *key |= SK_REF | SK_CHANGE;
    return p;
}

/* V=R guest of a host that is itself pageable: guest absolute = host
 * absolute, then the host's mapping. */
uint8_t *sie_map_via_host(Cpu *g, uint32_t abs, int acc, uint8_t **key)
{
    Cpu *h = g->host;
    if (abs >= h->memsize)
        return NULL;
    return h->map_abs(h, abs, acc, key);
}

bool sie_abs_mapped(Cpu *c, uint32_t abs)
{
    if (abs >= c->memsize)
        return false;
    if (c->map_abs == sie_map_via_host)
        return sie_abs_mapped(c->host, abs);
    if (c->map_abs != sie_map_pageable)
        return true;
    SieGuest *s = c->sie;
    Cpu *h = c->host;
    DatResult r = { 0 };
    if (dat_translate(h, (s->mso + abs) & 0x7FFFFFFF, AS_PRIMARY, &r) || r.prot)
        return false;
    return sie_abs_mapped(h, stor_real_to_abs(h, r.ra));
}
