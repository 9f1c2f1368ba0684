/*
 * hx_ifetch_esa.S — ESA/390 program old PSWs the Principles of Operation
 * pins down: instruction-fetching exceptions, addressing exceptions for
 * DAT-table entries, and invalid PSWs (SA22-7201 ch. 6 "Instruction-length
 * code", "ILC on instruction-fetching exceptions", "Addressing exception",
 * "Exceptions associated with the PSW").
 *
 * Segment table X'2000' (16 entries): segment 0 -> page table X'3000'
 * (one to one; pages X'22', X'26', X'2A' invalid), segment 1 -> a page
 * table at X'500000', outside the 2M of storage.  Frame X'28000' has
 * storage key 2 with fetch protection.  Every test sets RESUME (and
 * IFETCH when the exception is an instruction-fetching one); the program-
 * check handler logs the interruption and continues at RESUME.
 *
 * Compared as they are:
 *  - an operand whose page-table entry is outside storage (L, LRA):
 *    addressing, the unit of operation suppressed: the old PSW points past
 *    the instruction and the ILC is its length;
 *  - LPSW of a PSW with ones in bits 0, 24-31 or 33-39 (24-bit mode) or
 *    a zero in bit 12, and an SVC whose new PSW has bits 24-31: ILC 0, and
 *    the old PSW is the invalid PSW as it was loaded, every bit;
 *  - the ILC and address of an instruction that crosses into a valid page
 *    (it runs).
 * Normalized (what the PoO leaves open): for an instruction-fetching
 * exception the ILC may be 1, 2 or 3; for an odd address, addressing,
 * protection and translation specification the old PSW's address is
 * incremented by 2 x ILC, for page translation it is not.  The handler
 * logs the address minus 2 x ILC (or the address, for X'10' and X'11')
 * and ILC 1 for any of 1, 2 or 3 (ILC 0 would be wrong there).
 * Hercules 3.13 increments by the ILC an earlier instruction left (not a
 * branch's: 4 after L and BASR); interpex by 2 until the first halfword is
 * fetched, then by the instruction's length.  The word at X'90' is
 * compared for X'10' and X'11' only, bits 20-29 masked (Hercules stores it
 * for protection too, see hx_dat_esa.S).
 *
 * HX-RUN: ARCH=esa390 MAINSIZE=2 DUMPS=400:100,800:200
 */
#include "hx.h"

#define STO     0x2000
#define PT0     0x3000
#define RESUME  (VARS + 0x70)
#define IFETCH  (VARS + 0x74)

        .text
        .org    0
        PSW_ESA(0, start)                       /* restart new PSW       */
        .org    0x58
        WAIT_ESA(0xEEE1)                        /* external new PSW      */
        WAIT_ESA(0xEEE2)                        /* SVC new PSW (test 16) */
        PSW_ESA(0, pgmh)                        /* program new PSW       */
        WAIT_ESA(0xEEE3)                        /* machine-check new PSW */
        WAIT_ESA(0xEEE4)                        /* I/O new PSW           */

/* ---- program-check handler: log, normalize, continue at RESUME --------------- */
        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c, 0x90
        lh      %r12,0x8e
        chi     %r12,0x10
        be      1f
        chi     %r12,0x11
        be      1f
        xc      LOG+12(4,%r14),LOG+12(%r14)     /* X'90': DAT exceptions only */
1:      icm     %r13,15,IFETCH
        bz      3f
        chi     %r12,0x10                       /* nullified: the address  */
        be      2f                              /* is the instruction's    */
        chi     %r12,0x11
        be      2f
        l       %r13,LOG+4(%r14)                /* suppressed: address     */
        sr      %r15,%r15                       /* minus 2 x ILC           */
        ic      %r15,LOG+9(%r14)
        n       %r15,c_6
        sr      %r13,%r15
        st      %r13,LOG+4(%r14)
2:      cli     LOG+9(%r14),0                   /* the ILC: 1, 2 or 3, not */
        be      3f                              /* 0; logged as 1          */
        mvi     LOG+9(%r14),2
3:      lctl    1,1,c_cr1                       /* test 4 spoils it        */
        l       %r12,RESUME
        ltr     %r12,%r12
        bz      9f
        o       %r12,c_amode
        st      %r12,0x2c
        xc      RESUME(8),RESUME                /* and IFETCH              */
        ni      0x28,0x07                       /* tests 13-17: a valid    */
        ni      0x29,0x0F                       /* PSW again, key 0        */
        oi      0x29,0x08
        mvi     0x2b,0
        lm      %r12,%r15,SAVE
        lpsw    0x28
9:      FAIL

        HXWORDS(WAIT_ESA(0), WAIT_ESA(0xBAD), 0xFFFFF003)

/* ---- constants (absolute, base 0) ---------------------------------------------- */
        .org    0x500
c_6:        .long 6
c_amode:    .long 0x80000000
c_4k:       .long 0x1000
c_cr0:      .long 0x00B00000                    /* bits 8-12: B'10110'   */
c_cr1:      .long STO                           /* STL 0: 16 entries     */
c_badcr1:   .long 0x00400000                    /* STO outside storage   */
c_ste0:     .long PT0 | 0x0F
c_ste1:     .long 0x00500000 | 0x0F             /* PTO outside storage   */
c_steinv:   .long 0x20
c_v100:     .long 0x100000
c_v21ffe:   .long 0x21FFE
c_v23ffe:   .long 0x23FFE
c_v25ffc:   .long 0x25FFC
c_v27ffe:   .long 0x27FFE
c_v29ffe:   .long 0x29FFE
c_f28:      .long 0x28000
c_odd:      .long 0x80001001
c_end:      .long 0x1FFFFE                      /* last halfword of 2M   */
c_beyond:   .long 0x300000
c_r1:       .long r1
c_r2:       .long r2
c_r3:       .long r3
c_r4:       .long r4
c_r5:       .long r5
c_r7:       .long r7
c_r8:       .long r8
c_r9:       .long r9
c_r10:      .long r10
c_r11:      .long r11
c_r12:      .long r12
c_r13:      .long r13
c_r14:      .long r14
c_r15:      .long r15
c_r16:      .long r16
c_r17:      .long r17
la:         .long 0x41220001                    /* LA 2,1(2)             */
mvc:        .long 0xD2070000                    /* MVC 0(8,0),...        */
br14:       .short 0x07FE                       /* BR 14                 */
        .balign 8
badpsw:     .long 0x000800A5, 0x80001000        /* bits 24-31            */
            .long 0x00000000, 0x80001000        /* bit 12 zero           */
            .long 0x80080000, 0x80001000        /* bit 0                 */
            .long 0x00080000, 0x7F001000        /* 24-bit, bits 33-39    */
badsvc:     .long 0x0008005A, 0x80000EEE        /* bits 24-31            */

/* ---- the program --------------------------------------------------------------- */
/* The next program interruption: continue at \resume; \ifetch 1 when it
 * is an instruction-fetching exception. */
        .macro  EXPECT resume, ifetch=0
        mvc     RESUME(4),\resume
        .if     \ifetch
        mvi     IFETCH+3,1
        .endif
        .endm

        .org    0x1000
start:
        l       %r1,c_cr1                       /* segment table         */
        lhi     %r2,16
        l       %r0,c_steinv
1:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        brct    %r2,1b
        l       %r1,c_cr1
        mvc     0(4,%r1),c_ste0
        mvc     4(4,%r1),c_ste1
        lhi     %r1,PT0                         /* page table 0          */
        sr      %r0,%r0
        lhi     %r2,256
2:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        a       %r0,c_4k
        brct    %r2,2b
        lhi     %r1,PT0
        oi      4*0x22+2(%r1),0x04              /* pages 22, 26, 2A invalid */
        oi      4*0x26+2(%r1),0x04
        oi      4*0x2A+2(%r1),0x04
        /* instructions at the ends of pages */
        l       %r1,c_v21ffe
        mvc     0(2,%r1),la                     /* LA: 21FFE | invalid   */
        l       %r1,c_v23ffe
        mvc     0(4,%r1),la                     /* LA: 23FFE | 24000     */
        mvc     4(2,%r1),br14
        l       %r1,c_v25ffc
        mvc     0(4,%r1),mvc                    /* MVC: 25FFC | invalid  */
        l       %r1,c_v27ffe
        mvc     0(4,%r1),la                     /* LA: 27FFE | protected */
        l       %r1,c_v29ffe
        mvc     0(2,%r1),mvc                    /* MVC: 29FFE | invalid  */
        lhi     %r2,0x28                        /* frame 28000: key 2, F */
        l       %r3,c_f28
        sske    %r2,%r3
        lctl    0,0,c_cr0
        lctl    1,1,c_cr1
        stosm   VARS+0x7C,0x04                  /* DAT on                */
        sr      %r2,%r2

        /* 1. an operand whose page-table entry is outside storage */
        EXPECT  c_r1
        l       %r9,c_v100
        l       %r3,0(%r9)
r1:     /* 2. LRA of it */
        EXPECT  c_r2
        lra     %r3,0(%r9)
r2:     /* 3. a branch there: the instruction fetch */
        EXPECT  c_r3, 1
        basr    %r14,%r9
r3:     /* 4. the segment table outside storage: the next instruction fetch */
        EXPECT  c_r4, 1
        lctl    1,1,c_badcr1
        lr      %r0,%r0
r4:     /* 5. an LA whose second halfword is in an invalid page */
        EXPECT  c_r5, 1
        l       %r9,c_v21ffe
        basr    %r14,%r9
r5:     /* 6. an LA across two valid pages: it runs (R2 + 1) */
        l       %r9,c_v23ffe
        basr    %r14,%r9
        /* 7. an MVC with four bytes before an invalid page */
        EXPECT  c_r7, 1
        l       %r9,c_v25ffc
        basr    %r14,%r9
r7:     /* 8. an MVC with two */
        EXPECT  c_r8, 1
        l       %r9,c_v29ffe
        basr    %r14,%r9
r8:     /* 9. an odd branch address */
        EXPECT  c_r9, 1
        l       %r9,c_odd
        bcr     15,%r9
r9:     /* 10. with key 1, an LA whose second halfword is fetch protected */
        EXPECT  c_r10, 1
        l       %r9,c_v27ffe
        spka    0x10
        basr    %r14,%r9
r10:    spka    0
        /* DAT off */
        stnsm   VARS+0x7D,0xFB
        /* 11. an LA in the last halfword of storage */
        l       %r1,c_end
        mvc     0(2,%r1),la
        EXPECT  c_r11, 1
        l       %r9,c_end
        basr    %r14,%r9
r11:    /* 12. a branch outside storage */
        EXPECT  c_r12, 1
        l       %r9,c_beyond
        basr    %r14,%r9
r12:    /* 13-16. LPSW of invalid PSWs */
        EXPECT  c_r13
        lpsw    badpsw
r13:    EXPECT  c_r14
        lpsw    badpsw+8
r14:    EXPECT  c_r15
        lpsw    badpsw+16
r15:    EXPECT  c_r16
        lpsw    badpsw+24
r16:    /* 17. an SVC whose new PSW has bits 24-31 */
        EXPECT  c_r17
        mvc     0x60(8),badsvc
        svc     5
r17:    FINISH
