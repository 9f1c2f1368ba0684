/*
 * sie.h — what the rest of interpex sees of SIE: the counters per nesting
 * level and the operator's view of the SIE stack (SIE.md §9).
 *
 * Levels (SIE.md §8): L1 is the program on the bare machine, L2 its guest,
 * L3 a guest of L2.  The SIE instruction itself (B214) and the zone
 * instructions are ordinary instruction handlers (sie_insn.c), reached
 * through cpu370/opcodes.def.
 */
#ifndef SIE_SIE_H
#define SIE_SIE_H

#include <stdio.h>

#include "cpu370/cpu.h"

#define SIE_LEVELS 3               /* L1 (bare), L2, L3 */

typedef struct SieStats {
    uint64_t entries;              /* SIE instructions that ran a guest      */
    uint64_t insns;                /* instructions the guests executed       */
    uint64_t intercepts[17];       /* by interception code / 4 (0 .. 64)     */
    uint64_t validity;             /* validity interceptions (also in [8])   */
    uint64_t host_faults;          /* host program interruptions for guests  */
    uint64_t host_exits;           /* exits for host interruptions, stops    */
} SieStats;

/* Counters of the guests run at `level` (2 or 3); NULL if none ever ran. */
const SieStats *sie_stats(Machine *m, unsigned level);

/* The operator commands `sie` and `stats` (SIE.md §9). */
void sie_print_stack(Machine *m, FILE *f);
void sie_print_stats(Machine *m, FILE *f);

/* Trace every SIE entry and exit to f (NULL: off). */
void sie_set_trace(Machine *m, FILE *f);

/* Free the guest Cpus SIE allocated under c (before machine_free). */
void sie_free(Cpu *c);

#endif
