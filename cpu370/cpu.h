/*
 * cpu.h — the machine and its processor.
 *
 * A Machine is main storage, storage keys, the CPU and (later) the channel
 * subsystem.  A Cpu is one processor's architected state plus the caches
 * that make it fast: the TLB (which maps logical 2K pages straight to host
 * pointers) and the dispatch table chosen for the current architecture mode
 * and PSW state.  There are no globals: two machines can live in one process,
 * and a SIE guest is simply another Cpu.
 *
 * ESA/390 PoO SA22-7201 ch. 4 "Control" describes the state kept here;
 * S/370 PoO GA22-7000 ch. 4 the S/370 differences (BC/EC PSW, interval timer).
 */
#ifndef CPU370_CPU_H
#define CPU370_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arch.h"

typedef struct Cpu Cpu;
typedef struct Machine Machine;
typedef struct OpTable OpTable;

/* An instruction handler: `ip` points at the instruction's first byte in
 * host memory (or a copy when it crosses a page).  When it runs, c->ia is
 * already past the instruction; c->ia_cur holds its address. */
typedef void InsnFn(Cpu *c, const uint8_t *ip);

/* ---- TLB --------------------------------------------------------------- */
/* The TLB caches, per 2K logical page, a host pointer offset (`addend`, so
 * that host = addend + logical address) together with the context in which
 * it is valid: a tag = generation | page | PSW key | translation mode.  The
 * whole TLB is purged in O(1) by bumping the generation.  Fetch and store
 * permissions have separate tags, so a store-tag hit means the key allowed
 * the store, the page is not protected and the change bit is already set. */
#define TLB_PAGE_SHIFT 11
#define TLB_PAGE_SIZE  (1u << TLB_PAGE_SHIFT)
#define TLB_PAGE_MASK  (~(TLB_PAGE_SIZE - 1))
#define TLB_ENTRIES    1024

/* The tag's low bits are zero (the key is in bits 4-7, the translation
 * mode in 8-10), so a hit test for an n-byte access can include the low
 * log2(n) address bits: only a naturally aligned access hits, and one
 * compare also proves that the access stays in the page.  An entry is 32
 * bytes so that the index scales by a shift (storage.h tlb_entry()). */
typedef struct TlbEntry {
    uint64_t tag_fetch;
    uint64_t tag_store;
    uintptr_t addend;
    uint64_t unused;
} TlbEntry;

/* Access kinds for the storage layer. */
enum { ACC_FETCH = 0, ACC_STORE = 1, ACC_INSTR = 2 };

/* ---- PSW ----------------------------------------------------------------- */
/* The PSW, unpacked.  psw_load()/psw_store() convert to and from the S/370
 * BC, S/370 EC and ESA/390 formats.  The instruction address and condition
 * code live directly in the Cpu (c->ia, c->cc) because every instruction
 * touches them. */
typedef struct Psw {
    uint8_t  sysmask;      /* bits 0-7: PER/DAT/IO/EXT, or BC channel masks */
    uint8_t  key;          /* bits 8-11                                     */
    uint8_t  states;       /* bits 12-15: EC/ESA, M, W, P (as a nibble)     */
    uint8_t  asc;          /* bits 16-17 (ESA/390, EC)                      */
    uint8_t  pm;           /* program mask, bits 20-23 (BC: 36-39)          */
    bool     amode31;      /* ESA/390 bit 32                                */
    uint16_t bc_intcode;   /* S/370 BC mode: interruption code, bits 16-31  */
    uint8_t  bc_ilc;       /* S/370 BC mode: ILC, bits 32-33                */
    /* Bits that must be zero, as loaded: EC and ESA/390 bits 24-31, S/370
     * EC bits 32-39.  A one is a specification exception, and the invalid
     * PSW is stored as the old PSW with them (psw.c). */
    uint8_t  mbz24;
    uint8_t  mbz32;
} Psw;

#define PSWS_EC      0x8
#define PSWS_MCHK    0x4
#define PSWS_WAIT    0x2
#define PSWS_PROBLEM 0x1

/* ---- Run-loop stop reasons ------------------------------------------------ */
typedef enum StopReason {
    STOP_NONE = 0,
    STOP_DISABLED_WAIT,    /* wait PSW with I/O, external masks off          */
    STOP_INSN_LIMIT,       /* --max-insns reached                            */
    STOP_CHECKSTOP,        /* program-interruption loop, machine check       */
    STOP_OPERATOR,         /* operator "stop" or host request                */
    STOP_IDLE_WAIT,        /* enabled wait that nothing can ever end         */
    STOP_SIE_EXIT,         /* a SIE guest Cpu leaves interpretive execution  */
} StopReason;

/* How the machine consults SIE (sie/) about a guest Cpu.  A bare Cpu has
 * none; cpu370/ never calls into sie/ otherwise (ARCHITECTURE.md, layers).
 * Each hook that returns true has set c->stop = STOP_SIE_EXIT. */
typedef struct GuestHooks {
    /* A program interruption with this code and ILC is about to be taken:
     * intercept it instead?  (SIE.md §5 code 8, 44.) */
    bool (*program)(Cpu *c, int code, unsigned ilc);
    /* An external interruption with this code is about to be taken. */
    bool (*external)(Cpu *c, uint16_t code);
    /* Between batches: host interruptions, intervention requests. */
    bool (*events)(Cpu *c);
    /* The guest is in the wait state: leave SIE (true), or wait inside
     * it (false: time has been skipped or slept; the loop looks again). */
    bool (*wait)(Cpu *c);
    /* Bound the next batch by the host's timer events. */
    uint64_t (*next_event)(Cpu *c, uint64_t next);
    /* Pageable guests: the RCP byte that keeps the guest's reference and
     * change bits for the page at absolute `abs` apart from the host's
     * (SIE.md §7), or NULL when the guest uses the real keys. */
    uint8_t *(*rcp)(Cpu *c, uint32_t abs);
    /* I/O assist: an I/O interruption of one of the guest's subchannels is
     * about to be taken (code = subsystem-ID word, interruption parameter,
     * identification word; status = the SCSW's device and subchannel
     * status): intercept it (code 60) instead? */
    bool (*io)(Cpu *c, const uint32_t code[3], uint8_t dstat, uint8_t cstat);
} GuestHooks;

/* Hooks a host program (front end, tests) may set.  All optional. */
typedef struct CpuHooks {
    void *ctx;
    void (*trace)(void *ctx, Cpu *c, const uint8_t *ip);   /* before each insn */
    /* DIAGNOSE on the bare machine: return true if handled. */
    bool (*diagnose)(void *ctx, Cpu *c, unsigned r1, unsigned r3, uint32_t code);
} CpuHooks;

struct Cpu {
    /* --- hot state first: used by every instruction --- */
    uint32_t gr[16];
    uint32_t ia;           /* instruction address (next to execute)         */
    uint32_t amask;        /* 0x00FFFFFF (24-bit) or 0x7FFFFFFF (31-bit)    */
    uint8_t  cc;           /* condition code 0-3                            */
    uint8_t  ilc;          /* length of the current instruction, 2/4/6      */
    bool     problem;      /* PSW problem-state bit, mirrored for speed     */
    uint8_t  fastpath;     /* run-loop fast paths the optab allows (cpu.c)  */
    uint32_t ia_cur;       /* address of the current instruction (EX: EX's) */
    uint64_t tlb_ctx;      /* tag bits: generation|key|mode                 */
    const OpTable *optab;  /* dispatch table for arch / state               */
    uint64_t icount;       /* instructions executed                         */
    uint64_t next_event;   /* icount at which the run loop must look up     */
    /* EXECUTE state, here because every relative branch tests in_execute
     * (decode.h rel_target()): it shares the cache line of ia/ia_cur. */
    bool     in_execute;   /* executing the target of EX                    */
    uint32_t ex_addr;      /* address of the EX target being executed      */
    TlbEntry tlb[TLB_ENTRIES];

    Machine  *m;
    uint8_t  *mem;         /* the storage this Cpu addresses (absolute 0)   */
    uint32_t  memsize;
    uint8_t  *keys;        /* storage keys, one per 2K block                */

    Arch     arch;
    Psw      psw;
    uint32_t cr[16];
    uint32_t ar[16];
    uint64_t fpr[16];      /* HFP registers as 64-bit images; 0,2,4,6 basic */
    uint32_t prefix;
    uint16_t cpuad;
    uint64_t cpuid;
    uint32_t tlb_gen;

    /* Exception state of the current instruction. */
    jmp_buf  jmp;          /* THE non-local exit: see cpu_run() in cpu.c    */
    bool     jmp_armed;
    uint16_t pgm_code;
    uint32_t tea;          /* translation-exception address                 */
    bool     tea_valid;
    uint8_t  exc_access_id;
    bool     zero_ilc;     /* PSW-format exceptions found at load: ILC 0    */
    unsigned pgm_loop;     /* consecutive program interruptions, loop guard */
    uint64_t pgm_icount;   /* icount at the last program interruption      */

    /* Timers (ESA/390 PoO ch. 4 "Timing"). TOD units: bit 51 = 1 us. */
    bool     deterministic;
    uint64_t tod_epoch;    /* added to the base clock (SCK, SIE epoch)      */
    uint64_t tod_base;     /* deterministic clock at icount 0               */
    uint64_t ckc;          /* clock comparator                              */
    int64_t  cpu_timer;    /* value when the clock read cpu_timer_tick      */
    uint64_t cpu_timer_tick;
    uint64_t wait_skew;    /* deterministic: TOD units skipped while waiting */
    uint64_t itimer_tick;  /* S/370 interval timer: tick of last update     */

    /* Pending interruptions. */
    uint32_t ext_pending;  /* EXTP_* bits                                   */
    bool     restart_pending;
    bool     io_pending;   /* set by the channel subsystem                  */
    /* I/O assist (SIE.md §4 IOA): this guest issues channel-subsystem
     * instructions to, and takes the I/O interruptions of, the subchannels
     * assigned to zone io_zone; a Cpu without it sees the others. */
    bool     io_assist;
    uint8_t  io_zone;
    bool     itimer_off;   /* S/370 interval timer not stepped (SIE ITMOF)  */

    /* Stopping. */
    StopReason stop;
    uint64_t max_insns;    /* 0 = no limit                                  */
    int      stop_request; /* set by other threads: cpu_kick(), atomics    */

    CpuHooks hooks;

    /* ---- SIE (sie/, SIE.md).  A guest is another Cpu whose storage is
     * part of its host's; these fields are zero on a bare Cpu. ---- */
    unsigned level;        /* 1 on the bare machine, 2 its guest, 3 ...     */
    Cpu     *host;         /* the Cpu whose SIE runs this one               */
    Cpu     *guest;        /* the guest Cpu this one's SIE runs, if any      */
    bool     in_sie;       /* this Cpu is inside SIE (its guest is running) */
    const GuestHooks *gh;  /* set in a guest                                */
    void    *sie;          /* sie/'s state of this guest (SieGuest)         */
    void    *sie_host;     /* sie/'s state of this Cpu as a host (SieHost)  */
    void   (*sie_free)(Cpu *c);  /* frees sie_host and the guests under it */
    /* Guest dispatch tables [problem state] with the interception
     * controls built in, or NULL for the machine's own. */
    const OpTable *tables;
    /* Pageable guests: absolute address -> host pointer and its storage
     * key, composing the host's translation; NULL when `mem + abs` is the
     * answer.  Returns NULL for an addressing exception; may leave the
     * guest (a host page fault) instead of returning. */
    uint8_t *(*map_abs)(Cpu *c, uint32_t abs, int acc, uint8_t **key);
};

/* ext_pending bits. */
#define EXTP_CLOCK_COMP    0x01
#define EXTP_CPU_TIMER     0x02
#define EXTP_INTERVAL      0x04
#define EXTP_INTERRUPT_KEY 0x08

struct Machine {
    uint8_t *mem;
    uint32_t memsize;      /* bytes, multiple of 64K                        */
    uint8_t *keys;
    Cpu     *cpu;          /* one CPU                                       */
    Arch     arch;
    /* Set by the channel subsystem / front end; both optional. */
    void    *io_ctx;
    bool   (*io_interrupt)(Machine *m, Cpu *c);  /* take a pending I/O int. */
    bool   (*wait)(Machine *m, Cpu *c);          /* block in an enabled wait */

    /* ---- I/O: devices and the channel subsystem (device.h, channel.c) ---- */
    struct Device **devices;   /* by subchannel number; NULL = no subchannel  */
    unsigned        ndevices;  /* subchannels 0..ndevices-1 exist             */
    struct Css     *css;       /* subchannel state, interruption queue        */

    /* ---- SIE zones (MDF): the zone parameter blocks SZP sets (sie/) ---- */
    uint32_t zpb[8][4];        /* MSO, MSL, ESO, ESL in 1 MB units          */
};

/* ---- machine.c ------------------------------------------------------------ */
Machine *machine_new(uint32_t memsize, Arch arch);
void     machine_free(Machine *m);
void     machine_clear(Machine *m);               /* storage and keys to 0 */
/* The absolute storage of MDF zone z (0-7) as SZP set it in m->zpb:
 * origin and size in bytes, for SIE (the zone guest's storage) and the
 * channel subsystem (its subchannels' channel programs) alike.  False
 * when the origin lies above the limit.  [interpex] MSL is the zone's
 * last MB, inclusive (Hercules 3.13); a zone ends at 2G at the latest,
 * and one whose origin is at or beyond 2G has no storage. */
bool     machine_zone(const Machine *m, unsigned z, uint32_t *origin, uint32_t *size);

/* ---- channel.c, ipl.c: I/O (more in channel.h) ----------------------------- */
void css_free(Machine *m);             /* close devices; before machine_free */
/* Initial program loading from a device (ESA/390 PoO ch. 4 "Initial program
 * loading"): 0 on success, else -1 and machine_ipl_error() says why. */
int  machine_ipl(Machine *m, uint16_t devnum, const char *loadparm);
const char *machine_ipl_error(const Machine *m);

/* stop_request is written by other threads (cpu_kick), so every access is
 * atomic (relaxed: a plain load or store on the hosts we run on, but no
 * data race for the compiler or ThreadSanitizer).  next_event belongs to
 * the CPU's own thread: the run loop reads it for every instruction, and a
 * kick is seen at the end of the batch, at most a timer slice later
 * (timers_next_event()). */
static inline int cpu_stop_requested(const Cpu *c)
{
    return __atomic_load_n(&c->stop_request, __ATOMIC_RELAXED);
}
static inline void cpu_set_stop_request(Cpu *c, int v)
{
    __atomic_store_n(&c->stop_request, v, __ATOMIC_RELAXED);
}

/* ---- cpu.c --------------------------------------------------------------- */
void cpu_init(Cpu *c, Machine *m);
void cpu_reset(Cpu *c);                /* initial CPU reset                  */
void cpu_set_arch(Cpu *c, Arch a);
StopReason cpu_run(Cpu *c);            /* run until a stop condition         */
void cpu_state_changed(Cpu *c);        /* PSW/CR changed: refresh caches     */
void cpu_request_event_check(Cpu *c);  /* make the run loop look up soon     */
/* Ask the CPU (and any guest it is running under SIE) to stop between two
 * instructions, at the end of the current batch (at most a timer slice,
 * 2^14 instructions in real-time mode, 2^16 deterministic); safe from
 * another thread. */
void cpu_kick(Cpu *c);
/* Leave a guest Cpu's run loop now (sie/: interceptions, host faults). */
_Noreturn void cpu_exit_guest(Cpu *c);

/* ---- psw.c --------------------------------------------------------------- */
/* Load a PSW from 8 big-endian bytes; returns 0 or PGM_SPECIFICATION.  The
 * PSW is loaded even when invalid (the exception is recognized afterwards,
 * ESA/390 PoO ch. 4 "Exceptions associated with the PSW"). */
int  psw_load(Cpu *c, const uint8_t *p);
void psw_store(const Cpu *c, uint8_t *p);
bool psw_is_ec(const Cpu *c);          /* ESA/390, or S/370 EC mode          */
bool psw_dat_on(const Cpu *c);
bool psw_wait(const Cpu *c);
bool psw_io_enabled(const Cpu *c);
bool psw_ext_enabled(const Cpu *c);
int  psw_check(const Cpu *c);          /* 0 or PGM_SPECIFICATION             */

/* ---- interrupt.c ----------------------------------------------------------- */
_Noreturn void cpu_program_check(Cpu *c, int code);
void interrupt_program(Cpu *c, int code);   /* the PSW swap, used by run loop */
void interrupt_svc(Cpu *c, uint8_t n);
bool interrupt_external(Cpu *c);            /* true if one was taken           */
void interrupt_restart(Cpu *c);
bool cpu_interrupt_pending(const Cpu *c);
void cpu_store_status(Cpu *c, uint32_t abs_addr);

/* ---- timer.c -------------------------------------------------------------- */
uint64_t tod_now(Cpu *c);              /* TOD clock incl. epoch              */
void     tod_set(Cpu *c, uint64_t v);
int64_t  cpu_timer_get(Cpu *c);
void     cpu_timer_set(Cpu *c, int64_t v);
void     timers_update(Cpu *c);        /* raise pending timer interruptions   */
uint64_t timers_next_event(Cpu *c);    /* deterministic: icount of next event */
bool     timers_skip_wait(Cpu *c);     /* deterministic wait: jump to event   */
/* S/370 interval timer: the fraction of a unit not yet stepped (TOD
 * units), and setting it (SIE keeps it in the SD of a 370 guest). */
uint32_t itimer_residue(Cpu *c);
void     itimer_set_residue(Cpu *c, uint32_t r);

#endif
