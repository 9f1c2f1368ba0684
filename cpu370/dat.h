/*
 * dat.h — dynamic address translation, as a pure function.
 *
 * dat_translate() walks the segment and page tables and returns 0 or the
 * program-interruption code the walk raises; it has no side effects (no TLB
 * writes, no interruptions).  The storage layer turns a code into a program
 * interruption.  ESA/390 PoO SA22-7201 ch. 3 "Dynamic address translation";
 * S/370 PoO GA22-7000 ch. 3 "Dynamic address translation" (2K/4K pages,
 * 64K/1M segments).
 */
#ifndef CPU370_DAT_H
#define CPU370_DAT_H

#include "cpu.h"

/* Result of a translation. */
typedef struct DatResult {
    uint32_t ra;        /* real address                                    */
    uint32_t tea;       /* translation-exception address (when code != 0)  */
    bool     prot;      /* page protected (ESA/390 PTE bit 22)             */
    /* The addressing exception is for a segment- or page-table entry
     * outside storage; it suppresses like any other (interrupt.c). */
    bool     table_addressing;
    /* Real address of the table entry the walk stopped at, for LOAD REAL
     * ADDRESS: the segment-table entry (segment invalid), the page-table
     * entry (page invalid, and on success), or the entry just beyond the
     * table (segment- or page-table length violation). */
    uint32_t entry;
    bool     length;    /* the translation exception is a table-length
                         * violation (LRA: cc 3), not an invalid bit     */
} DatResult;

/* Translate logical address `va` in address space `asc` (AS_PRIMARY,
 * AS_SECONDARY, AS_HOME; AS_AR is treated as primary). */
int dat_translate(const Cpu *c, uint32_t va, int asc, DatResult *r);

/* The segment-table designation DAT uses for `asc` (ESA/390: CR1/CR7/CR13). */
uint32_t dat_std(const Cpu *c, int asc);

#endif
