/*
 * sie_int.h — SIE's own state, shared by the files of sie/.
 *
 * Every Cpu that issues SIE gets a SieHost (c->sie_host) the first time:
 * it owns the guest Cpu, reused for every SIE of that host, a small cache
 * of guest dispatch tables and the counters of the level below.  While a
 * guest runs, its SieGuest (g->sie) holds what SIE entry decoded from the
 * state description and what the exit must store back.
 */
#ifndef SIE_SIE_INT_H
#define SIE_SIE_INT_H

#include "cpu370/insn.h"
#include "sie/sd.h"
#include "sie/sie.h"

/* Why a guest left its run loop. */
typedef enum SieExit {
    EXIT_NONE,
    EXIT_INTERCEPT,     /* an interception: code and parameters below      */
    EXIT_HOST_FAULT,    /* a program interruption for `target` (a host)     */
    EXIT_HOST_EVENT,    /* `target` must look at its events (interruption,
                           stop, instruction limit): SIE is re-executed    */
} SieExit;

/* The state description as a host pointer.  The SD is doubleword aligned,
 * so it may cross a 4K page; a pageable host's pages need not be
 * contiguous in host memory.  No field of 8 bytes or less straddles. */
typedef struct SdRef {
    uint8_t *lo, *hi;   /* bytes [0, split) and [split, 256)               */
    unsigned split;
} SdRef;

static inline uint8_t *sd_p(const SdRef *r, unsigned off)
{
    return off < r->split ? r->lo + off : r->hi + (off - r->split);
}

typedef struct SieGuest {
    Cpu     *cpu;
    Cpu     *host;
    SdRef    sd;
    uint32_t sd_addr;   /* host real address of the SD                     */
    uint8_t  m, mx, ec0, ec2;
    uint32_t ic, svc_ctl;
    uint16_t lctl_mask;
    bool     pref;      /* V=R or zone (preferred) guest                   */
    bool     rrf;       /* zone guest                                       */
    bool     ioa;       /* I/O assist in effect (EC0 IOA, preferred, ESA/390,
                           run by the bare machine)                      */
    uint32_t mso;       /* pageable: host virtual address of guest abs 0   */
    uint32_t rcpo;      /* pageable: host virtual address of the RCP bytes */
    uint32_t zone_origin;
    bool     host_prot; /* the current exception reflects host protection  */

    /* The exit being taken. */
    SieExit  exit;
    uint8_t  code;      /* interception code                                */
    uint8_t  f;
    uint8_t  ipa[2], ipb[4];
    uint16_t why;       /* validity reason                                 */
    Cpu     *target;    /* EXIT_HOST_FAULT / EXIT_HOST_EVENT               */
    int      fault_code;
    uint32_t fault_tea;
    bool     fault_tea_valid;
} SieGuest;

#define SIE_TABLE_CACHE 4
typedef struct GuestTables {
    bool     valid;
    Arch     arch;
    uint32_t ic;
    bool     pref, ioa;
    OpTable  t[2];      /* [problem state]                                 */
} GuestTables;

typedef struct SieHost {
    Cpu        *host;
    Cpu        *guest;
    SieGuest    g;
    GuestTables tables[SIE_TABLE_CACHE];
    unsigned    next_table;
    /* What the guest TLB was filled under; SIE entry purges it when any of
     * this changed (SIE.md §7: untagged guest TLB). */
    uint8_t     tlb_key[96];
    bool        tlb_key_valid;
    SieStats    stats;
    FILE       *trace;
} SieHost;

/* sie.c */
Cpu *sie_innermost(Cpu *c);
_Noreturn void sie_host_fault(Cpu *g, Cpu *target, int code, uint32_t tea, bool tea_valid);

/* intercept.c */
const OpTable *sie_guest_tables(SieHost *sh, SieGuest *s, Arch arch);
extern const GuestHooks sie_guest_hooks;
void sie_intercept_now(Cpu *g, const uint8_t *ip, uint8_t code);

/* guest_storage.c */
uint8_t *sie_map_pageable(Cpu *g, uint32_t abs, int acc, uint8_t **key);
uint8_t *sie_map_via_host(Cpu *g, uint32_t abs, int acc, uint8_t **key);
uint8_t *sie_guest_rcp(Cpu *g, uint32_t abs);
/* Could absolute `abs` of guest g be reached now, through every host
 * level, without a fault (no side effects)? */
bool sie_abs_mapped(Cpu *g, uint32_t abs);

#endif
