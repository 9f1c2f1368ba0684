/*
 * hx_dat_esa.S — ESA/390 dynamic address translation with the faults
 * resolved by the program (SA22-7201 ch. 3 "Dynamic address translation",
 * ch. 6 "Segment-translation exception", "Page-translation exception").
 *
 * Segment table X'2000' (16 entries), page tables X'3000' (segment 0,
 * one to one except pages X'20'-X'23' and X'25' -> frames X'60000'...,
 * invalid, and page X'24' page-protected) and X'3400' (segment 1, invalid
 * in the segment table; pages 0-3 -> frames X'70000'..., the rest
 * invalid -> X'74000'...).  The program-check handler logs every
 * interruption and, for codes X'10' and X'11', makes the entry valid and
 * returns to the nullified instruction.  Covered: load, store, MVC across
 * into an invalid page (nothing stored before the fault), MVCL across
 * two invalid pages, a segment fault then a page fault, page protection,
 * LRA (all four condition codes), IPTE then a fault again, an
 * instruction fetch from an invalid page, PTLB.
 *
 * Masked (the PoO leaves them open): bits 20-29 of the translation-
 * exception address (TEAMASK X'FFFFF003'); the word at X'90' for other
 * than DAT exceptions (Hercules 3.13 stores the address for page
 * protection too, which later editions tie to a facility); the ILC of an
 * exception for an instruction fetch (cleared in the log when the old
 * PSW's page is the faulting page); the condition code in the old PSW of
 * an interrupted MVCL or CLCL (unpredictable).
 *
 * HX-RUN: ARCH=esa390 MAINSIZE=17 DUMPS=400:100,800:800,2000:40,3000:A0,3400:20,60000:20,61000:10,61FF0:20,62FF0:20,63000:20,63FE0:20,64000:10,70000:20,74000:10
 */
#include "hx.h"

#define STO     0x2000
#define PT0     0x3000
#define PT1     0x3400

        .text
        .org    0
        PSW_ESA(0, start)                       /* restart new PSW       */
        .org    0x58
        WAIT_ESA(0xEEE1)                        /* external new PSW      */
        WAIT_ESA(0xEEE2)                        /* SVC new PSW           */
        PSW_ESA(0, pgmh)                        /* program new PSW       */
        WAIT_ESA(0xEEE3)                        /* machine-check new PSW */
        WAIT_ESA(0xEEE4)                        /* I/O new PSW           */

/* ---- program-check handler: log, then page in ------------------------------- */
        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c, 0x90
        /* instruction fetch: ILC unpredictable, not compared */
        l       %r12,0x2c
        n       %r12,c_pagemask
        l       %r13,0x90
        n       %r13,c_pagemask
        cr      %r12,%r13
        bne     1f
        mvi     LOG+9(%r14),0
1:      l       %r12,0x2c                       /* MVCL/CLCL interrupted: */
        cli     0(%r12),0x0E                    /* the CC in the old PSW  */
        be      2f                              /* is unpredictable       */
        cli     0(%r12),0x0F
        bne     3f
2:      ni      LOG+2(%r14),0xCF
3:      lh      %r12,0x8e
        chi     %r12,0x10
        be      segfix
        chi     %r12,0x11
        be      pagefix
        /* other exceptions: X'90' is stored only for DAT exceptions here
           (for page protection it depends on the edition/facility) */
        xc      LOG+12(4,%r14),LOG+12(%r14)
        b       back
segfix: l       %r12,0x90                       /* STE: STO + 4 * SX      */
        srl     %r12,20
        n       %r12,c_7ff
        sll     %r12,2
        a       %r12,c_sto
        ni      3(%r12),0xDF                    /* segment valid         */
        b       back
pagefix:
        l       %r12,0x90
        srl     %r12,20
        n       %r12,c_7ff
        sll     %r12,2
        a       %r12,c_sto
        l       %r13,0(%r12)                    /* PTO from the STE      */
        n       %r13,c_ptomask
        l       %r12,0x90                       /* + 4 * PX              */
        srl     %r12,12
        n       %r12,c_ff
        sll     %r12,2
        ar      %r12,%r13
        ni      2(%r12),0xFB                    /* page valid (bit 21)   */
back:   lm      %r12,%r15,SAVE
        lpsw    0x28

        HXWORDS(WAIT_ESA(0), WAIT_ESA(0xBAD), 0xFFFFF003)

/* ---- constants (absolute, base 0) ---------------------------------------------- */
        .org    0x500
c_pagemask: .long 0x7FFFF000
c_7ff:      .long 0x7FF
c_ff:       .long 0xFF
c_sto:      .long STO
c_ptomask:  .long 0x7FFFFFC0
c_cr0:      .long 0x00B00000                    /* bits 8-12: B'10110'   */
c_cr1:      .long STO                           /* STL 0: 16 entries     */
c_ste0:     .long PT0 | 0x0F                    /* 256 entries           */
c_ste1:     .long PT1 | 0x0F | 0x20             /* invalid               */
c_steinv:   .long 0x20
c_inv:      .long 0x400
c_prot:     .long 0x200
c_4k:       .long 0x1000
c_v20:      .long 0x20000
c_v21:      .long 0x21000
c_v22:      .long 0x22000
c_v23:      .long 0x23000
c_v24:      .long 0x24000
c_v25:      .long 0x25000
c_f60:      .long 0x60000
c_f65:      .long 0x65000
c_f70:      .long 0x70000
c_v100:     .long 0x100000
c_v104:     .long 0x104000
c_v105:     .long 0x105000
c_v200:     .long 0x200000
c_v1000:    .long 0x1000000
c_mvcllen:  .long 0x1000
c_pad:      .long 0x5C000000
pattern:    .ascii "VIRTUAL PAGE X20"
source:     .ascii "CROSSING INTO 22"
sub25:      lhi   %r10,0x25                     /* copied to frame X'65000' */
            br    %r14
sub25_end:

/* ---- the program --------------------------------------------------------------- */
        .org    0x1000
start:
        /* segment table: entry 0 valid, entry 1 invalid (page table X'3400'),
           the others invalid */
        l       %r1,c_sto
        lhi     %r2,16
        l       %r0,c_steinv
1:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        brct    %r2,1b
        l       %r1,c_sto
        mvc     0(4,%r1),c_ste0
        mvc     4(4,%r1),c_ste1
        /* page table 0: one to one */
        lhi     %r1,PT0
        sr      %r0,%r0
        lhi     %r2,256
2:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        a       %r0,c_4k
        brct    %r2,2b
        /* pages X'20'-X'23', X'25': frames X'60000'..., invalid; X'24' protected */
        lhi     %r1,PT0 + 4 * 0x20
        l       %r0,c_f60
        o       %r0,c_inv
        lhi     %r2,6
3:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        a       %r0,c_4k
        brct    %r2,3b
        lhi     %r1,PT0 + 4 * 0x24
        l       %r0,0(%r1)
        n       %r0,c_pagemask
        o       %r0,c_prot
        st      %r0,0(%r1)
        /* page table 1: pages 0-3 valid (X'70000'...), the rest invalid */
        lhi     %r1,PT1
        l       %r0,c_f70
        lhi     %r2,256
4:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        a       %r0,c_4k
        brct    %r2,4b
        lhi     %r1,PT1 + 16
        lhi     %r2,252
5:      oi      2(%r1),0x04
        la      %r1,4(%r1)
        brct    %r2,5b
        /* frame contents */
        l       %r1,c_f60
        mvc     0(16,%r1),pattern
        l       %r1,c_f65
        mvc     0(sub25_end-sub25,%r1),sub25
        /* control registers, DAT on */
        lctl    0,0,c_cr0
        lctl    1,1,c_cr1
        stosm   VARS+0x7C,0x04

        /* 1. load from an invalid page */
        l       %r9,c_v20
        l       %r2,0x10(%r9)
        st      %r2,VARS
        /* 2. store into an invalid page */
        l       %r9,c_v21
        l       %r3,c_v21
        st      %r3,8(%r9)
        /* 3. MVC from a valid page across into an invalid one */
        l       %r9,c_v21
        mvc     0xFF8(16,%r9),source            /* X'21FF8'-X'22007'      */
        /* 4. MVCL (padding) from the end of page X'22' into page X'23' */
        l       %r4,c_v22
        la      %r4,0xFF0(%r4)
        l       %r5,c_mvcllen
        sr      %r6,%r6
        l       %r7,c_pad
        mvcl    %r4,%r6
        stm     %r4,%r7,VARS+0x04
        /* 5. segment fault, then (same access) nothing more: page 0 of
           segment 1 is valid */
        l       %r9,c_v100
        l       %r2,0x10(%r9)
        st      %r2,VARS+0x14
        /* 6. page fault in segment 1 */
        l       %r9,c_v104
        st      %r9,0(%r9)
        /* 7. page protection: the store is suppressed or nothing stored */
        l       %r9,c_v24
        st      %r9,0(%r9)
        /* 8. LRA: valid, page invalid, segment invalid, beyond the table */
        l       %r9,c_v20
        lra     %r5,0x10(%r9)
        ipm     %r0
        st      %r0,VARS+0x18
        st      %r5,VARS+0x1C
        l       %r9,c_v105
        lra     %r5,0(%r9)
        ipm     %r0
        st      %r0,VARS+0x20
        st      %r5,VARS+0x24
        l       %r9,c_v200
        lra     %r5,0(%r9)
        ipm     %r0
        st      %r0,VARS+0x28
        st      %r5,VARS+0x2C
        l       %r9,c_v1000
        lra     %r5,0(%r9)
        ipm     %r0
        st      %r0,VARS+0x30
        st      %r5,VARS+0x34
        /* 9. IPTE takes page X'20' away; the next access faults again */
        lhi     %r1,PT0
        l       %r9,c_v20
        ipte    %r1,%r9
        l       %r2,0x14(%r9)
        st      %r2,VARS+0x38
        /* 10. instruction fetch from an invalid page */
        sr      %r10,%r10
        l       %r9,c_v25
        basr    %r14,%r9
        st      %r10,VARS+0x3C
        /* 11. PTLB, then the pages are still there */
        ptlb
        l       %r9,c_v21
        l       %r2,8(%r9)
        st      %r2,VARS+0x40
        /* DAT off, done */
        stnsm   VARS+0x7D,0xFB
        FINISH
