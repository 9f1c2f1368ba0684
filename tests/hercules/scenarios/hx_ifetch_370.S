/*
 * hx_ifetch_370.S — the same as hx_ifetch_esa.S for System/370 EC mode
 * (GA22-7000 ch. 6 "Instruction-length code", "Addressing exception",
 * "Exceptions associated with the PSW"): 4K pages, 64K segments.
 *
 * Segment table X'2000' (16 entries): segment 0 -> page table X'3000'
 * (one to one; pages 6, 8, A invalid), segment 1 -> a page table at
 * X'500000', outside the 2M of storage.  Frame X'C000' has storage key 2
 * with fetch protection.  The handler, what is compared and what is
 * normalized: see hx_ifetch_esa.S.  The invalid PSWs here have ones in
 * bits 24-31, 32-39 (bit 39) and 17.
 *
 * HX-RUN: ARCH=s370 MAINSIZE=2 DUMPS=400:100,800:200
 */
#include "hx.h"

#define STO     0x2000
#define PT0     0x3000
#define RESUME  (VARS + 0x70)
#define IFETCH  (VARS + 0x74)

        .text
        .org    0
        PSW_EC(0, start)                        /* restart new PSW       */
        .org    0x58
        WAIT_EC(0xEEE1)                         /* external new PSW      */
        WAIT_EC(0xEEE2)                         /* SVC new PSW (test 16) */
        PSW_EC(0, pgmh)                         /* program new PSW       */
        WAIT_EC(0xEEE3)                         /* machine-check new PSW */
        WAIT_EC(0xEEE4)                         /* I/O new PSW           */

/* ---- program-check handler: log, normalize, continue at RESUME --------------- */
        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c, 0x90
        lh      %r12,0x8e
        ch      %r12,h_10
        be      1f
        ch      %r12,h_11
        be      1f
        xc      LOG+12(4,%r14),LOG+12(%r14)     /* X'90': DAT exceptions only */
1:      icm     %r13,15,IFETCH
        bz      3f
        ch      %r12,h_10                       /* nullified: the address  */
        be      2f                              /* is the instruction's    */
        ch      %r12,h_11
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
        st      %r12,0x2c
        xc      RESUME(8),RESUME                /* and IFETCH              */
        ni      0x28,0x07                       /* tests 13-16: a valid    */
        ni      0x29,0x0F                       /* PSW again, key 0        */
        oi      0x29,0x08
        ni      0x2a,0x3F
        mvi     0x2b,0
        lm      %r12,%r15,SAVE
        lpsw    0x28
9:      FAIL

        HXWORDS(WAIT_EC(0), WAIT_EC(0xBAD), 0x00FFF000)

/* ---- constants (absolute, base 0) ---------------------------------------------- */
        .org    0x500
h_10:       .short 0x10
h_11:       .short 0x11
c_6:        .long 6
c_pt0:      .long PT0
c_cr0:      .long 0x00800000                    /* 4K pages, 64K segments */
c_cr1:      .long STO                           /* STL 0: 16 entries     */
c_badcr1:   .long 0x00400000                    /* STO outside storage   */
c_ste0:     .long 0xF0000000 | PT0
c_ste1:     .long 0xF0000000 | 0x500000         /* PTO outside storage   */
c_steinv:   .long 1
c_v10000:   .long 0x10000
c_v4ffe:    .long 0x4FFE
c_v5ffc:    .long 0x5FFC
c_v7ffe:    .long 0x7FFE
c_v9ffe:    .long 0x9FFE
c_vbffe:    .long 0xBFFE
c_fc:       .long 0xC000
c_odd:      .long 0x1001
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
la:         .long 0x41220001                    /* LA 2,1(2)             */
mvc:        .long 0xD2070000                    /* MVC 0(8,0),...        */
br14:       .short 0x07FE                       /* BR 14                 */
        .balign 8
key1psw:    .long 0x04180000, go10              /* EC, DAT, key 1        */
badpsw:     .long 0x000800A5, 0x00001000        /* bits 24-31            */
            .long 0x00080000, 0x01001000        /* bit 39                */
            .long 0x00084000, 0x00001000        /* bit 17                */
badsvc:     .long 0x0008005A, 0x00000EEE        /* bits 24-31            */

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
start:  balr    %r11,0
0:      l       %r1,c_cr1                       /* segment table         */
        la      %r2,16
        l       %r0,c_steinv
1:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        bct     %r2,1b-0b(%r11)
        l       %r1,c_cr1
        mvc     0(4,%r1),c_ste0
        mvc     4(4,%r1),c_ste1
        l       %r1,c_pt0                       /* page table 0          */
        sr      %r3,%r3
        la      %r2,16
2:      sth     %r3,0(%r1)
        la      %r1,2(%r1)
        la      %r3,0x10(%r3)
        bct     %r2,2b-0b(%r11)
        l       %r1,c_pt0
        oi      2*6+1(%r1),0x08                 /* pages 6, 8, A invalid */
        oi      2*8+1(%r1),0x08
        oi      2*0xA+1(%r1),0x08
        /* instructions at the ends of pages */
        l       %r1,c_v7ffe
        mvc     0(2,%r1),la                     /* LA: 7FFE | invalid    */
        l       %r1,c_v4ffe
        mvc     0(4,%r1),la                     /* LA: 4FFE | 5000       */
        mvc     4(2,%r1),br14
        l       %r1,c_v5ffc
        mvc     0(4,%r1),mvc                    /* MVC: 5FFC | invalid   */
        l       %r1,c_vbffe
        mvc     0(4,%r1),la                     /* LA: BFFE | protected  */
        l       %r1,c_v9ffe
        mvc     0(2,%r1),mvc                    /* MVC: 9FFE | invalid   */
        la      %r2,0x28                        /* frame C000: key 2, F  */
        l       %r3,c_fc
        .insn   rr,0x0800,%r2,%r3               /* SSK                   */
        la      %r3,0x800(%r3)
        .insn   rr,0x0800,%r2,%r3               /* SSK                   */
        lctl    0,0,c_cr0
        lctl    1,1,c_cr1
        stosm   VARS+0x7C,0x04                  /* DAT on                */
        sr      %r2,%r2

        /* 1. an operand whose page-table entry is outside storage */
        EXPECT  c_r1
        l       %r9,c_v10000
        l       %r3,0(%r9)
r1:     /* 2. LRA of it */
        EXPECT  c_r2
        lra     %r3,0(%r9)
r2:     /* 3. a branch there: the instruction fetch */
        EXPECT  c_r3, 1
        balr    %r14,%r9
r3:     /* 4. the segment table outside storage: the next instruction fetch */
        EXPECT  c_r4, 1
        lctl    1,1,c_badcr1
        lr      %r0,%r0
r4:     /* 5. an LA whose second halfword is in an invalid page */
        EXPECT  c_r5, 1
        l       %r9,c_v7ffe
        balr    %r14,%r9
r5:     /* 6. an LA across two valid pages: it runs (R2 + 1) */
        l       %r9,c_v4ffe
        balr    %r14,%r9
        /* 7. an MVC with four bytes before an invalid page */
        EXPECT  c_r7, 1
        l       %r9,c_v5ffc
        balr    %r14,%r9
r7:     /* 8. an MVC with two */
        EXPECT  c_r8, 1
        l       %r9,c_v9ffe
        balr    %r14,%r9
r8:     /* 9. an odd branch address */
        EXPECT  c_r9, 1
        l       %r9,c_odd
        bcr     15,%r9
r9:     /* 10. with key 1, an LA whose second halfword is fetch protected */
        EXPECT  c_r10, 1
        l       %r9,c_vbffe
        lpsw    key1psw
go10:   balr    %r14,%r9
r10:    /* DAT off */
        stnsm   VARS+0x7D,0xFB
        /* 11. an LA in the last halfword of storage */
        l       %r1,c_end
        mvc     0(2,%r1),la
        EXPECT  c_r11, 1
        l       %r9,c_end
        balr    %r14,%r9
r11:    /* 12. a branch outside storage */
        EXPECT  c_r12, 1
        l       %r9,c_beyond
        balr    %r14,%r9
r12:    /* 13-15. LPSW of invalid PSWs */
        EXPECT  c_r13
        lpsw    badpsw
r13:    EXPECT  c_r14
        lpsw    badpsw+8
r14:    EXPECT  c_r15
        lpsw    badpsw+16
r15:    /* 16. an SVC whose new PSW has bits 24-31 */
        EXPECT  c_r16
        mvc     0x60(8),badsvc
        svc     5
r16:    FINISH
