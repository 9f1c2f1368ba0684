/*
 * hx_dat_370.S — System/370 dynamic address translation, EC mode, 4K
 * pages and 64K segments, with the faults resolved by the program
 * (GA22-7000 ch. 3 "Dynamic address translation", ch. 6).
 *
 * CR0 bits 8-9 B'10' (4K pages), bits 11-12 B'00' (64K segments); CR1:
 * segment table X'2000' (16 entries).  Segment 0 (page table X'3000',
 * 16 two-byte entries) is one to one except pages 8-B -> frames X'60000'
 * ... (invalid); segment 1 (page table X'3040') is invalid in the segment
 * table, its pages 0-3 -> frames X'70000'..., the rest invalid.  The
 * program-check handler logs and, for X'10' and X'11', validates the
 * entry and returns to the nullified instruction.  Covered: load, store,
 * MVC across into an invalid page, MVCL across, a segment fault then a
 * page fault, LRA (condition codes 0-3), PTLB, an instruction fetch from
 * an invalid page.
 *
 * Masked: the byte index of the translation-exception address (TEAMASK
 * X'00FFF000'), X'90' for other exceptions, the ILC of an instruction-
 * fetch exception, the CC of an interrupted MVCL (see hx_dat_esa.S).
 *
 * HX-RUN: ARCH=s370 MAINSIZE=16 DUMPS=400:100,800:800,2000:40,3000:60,60000:20,60FE0:20,61000:10,61FF0:20,62000:20,63000:10,70000:20,74000:10
 */
#include "hx.h"

#define STO     0x2000
#define PT0     0x3000
#define PT1     0x3040

        .text
        .org    0
        PSW_EC(0, start)                        /* restart new PSW       */
        .org    0x58
        WAIT_EC(0xEEE1)                         /* external              */
        WAIT_EC(0xEEE2)                         /* SVC                   */
        PSW_EC(0, pgmh)                         /* program               */
        WAIT_EC(0xEEE3)                         /* machine check         */
        WAIT_EC(0xEEE4)                         /* I/O                   */

        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c, 0x90
        l       %r12,0x2c                       /* instruction fetch:    */
        n       %r12,c_pagemask                 /* ILC not compared      */
        l       %r13,0x90
        n       %r13,c_pagemask
        cr      %r12,%r13
        bne     1f
        mvi     LOG+9(%r14),0
1:      l       %r12,0x2c
        n       %r12,c_24
        cli     0(%r12),0x0E                    /* interrupted MVCL/CLCL: */
        be      2f                              /* CC unpredictable       */
        cli     0(%r12),0x0F
        bne     3f
2:      ni      LOG+2(%r14),0xCF
3:      lh      %r12,0x8e
        ch      %r12,h_10
        be      segfix
        ch      %r12,h_11
        be      pagefix
        xc      LOG+12(4,%r14),LOG+12(%r14)
        b       back
segfix: l       %r12,0x90                       /* STE: STO + 4 * SX     */
        srl     %r12,16
        n       %r12,c_ff
        sll     %r12,2
        a       %r12,c_sto
        ni      3(%r12),0xFE                    /* segment valid (bit 31) */
        b       back
pagefix:
        l       %r12,0x90
        srl     %r12,16
        n       %r12,c_ff
        sll     %r12,2
        a       %r12,c_sto
        l       %r13,0(%r12)                    /* PTO from the STE      */
        n       %r13,c_ptomask
        l       %r12,0x90                       /* + 2 * PX              */
        srl     %r12,12
        n       %r12,c_f
        sll     %r12,1
        ar      %r12,%r13
        ni      1(%r12),0xF7                    /* page valid (bit 12)   */
back:   lm      %r12,%r15,SAVE
        lpsw    0x28

        HXWORDS(WAIT_EC(0), WAIT_EC(0xBAD), 0x00FFF000)

        .org    0x500
h_10:       .short 0x10
h_11:       .short 0x11
h_16:       .short 0x10
            .short 0
c_pagemask: .long 0x00FFF000
c_24:       .long 0x00FFFFFF
c_ff:       .long 0xFF
c_f:        .long 0xF
c_sto:      .long STO
c_pt0:      .long PT0
c_pt1:      .long PT1
c_ptomask:  .long 0x00FFFFF8
c_cr0:      .long 0x00800000                    /* 4K pages, 64K segments */
c_cr1:      .long STO                           /* STL 0: 16 entries     */
c_ste0:     .long 0xF0000000 | PT0              /* 16 page-table entries */
c_ste1:     .long 0xF0000000 | PT1 | 1          /* invalid               */
c_steinv:   .long 1
c_v8:       .long 0x8000
c_v9:       .long 0x9000
c_vb:       .long 0xB000
c_v10:      .long 0x10000
c_v14:      .long 0x14000
c_v15:      .long 0x15000
c_v20:      .long 0x20000
c_v100:     .long 0x100000
c_f60:      .long 0x60000
c_f63:      .long 0x63000
c_f70:      .long 0x70000
c_mvcllen:  .long 0x1000
c_pad:      .long 0x5C000000
pte8b:      .short 0x0608, 0x0618, 0x0628, 0x0638
pattern:    .ascii "VIRTUAL PAGE 8.."
source:     .ascii "CROSSING INTO 9."
subB:       la    %r10,0xB0
            br    %r14
subB_end:

        .org    0x1000
start:  balr    %r13,0
base:
        /* segment table: 0 valid, 1 invalid, the others invalid */
        l       %r1,c_sto
        la      %r2,16
        l       %r0,c_steinv
1:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        bct     %r2,1b-base(%r13)
        l       %r1,c_sto
        mvc     0(4,%r1),c_ste0
        mvc     4(4,%r1),c_ste1
        /* page table 0: one to one (PFRA = bits 8-19 of the address) */
        l       %r1,c_pt0
        sr      %r0,%r0
        la      %r2,16
2:      sth     %r0,0(%r1)
        la      %r1,2(%r1)
        ah      %r0,h_16
        bct     %r2,2b-base(%r13)
        /* pages 8-B: frames X'60000'-X'63000', invalid (bit 12) */
        l       %r1,c_pt0
        mvc     16(8,%r1),pte8b
        /* page table 1: pages 0-3 valid (X'70000'...), 4-15 invalid */
        l       %r1,c_pt1
        la      %r0,0x700
        la      %r2,16
3:      sth     %r0,0(%r1)
        la      %r1,2(%r1)
        ah      %r0,h_16
        bct     %r2,3b-base(%r13)
        l       %r1,c_pt1
        la      %r1,8(%r1)
        la      %r2,12
4:      oi      1(%r1),0x08
        la      %r1,2(%r1)
        bct     %r2,4b-base(%r13)
        /* frame contents */
        l       %r1,c_f60
        mvc     0(16,%r1),pattern
        l       %r1,c_f63
        mvc     0(subB_end-subB,%r1),subB
        lctl    0,0,c_cr0
        lctl    1,1,c_cr1
        stosm   VARS+0x7C,0x04                  /* DAT on                */

        /* 1. load from an invalid page */
        l       %r9,c_v8
        l       %r2,0(%r9)
        st      %r2,VARS
        /* 2. store into an invalid page */
        l       %r9,c_v9
        st      %r9,8(%r9)
        /* 3. MVC across into an invalid page (X'9FF8'-X'A007') */
        mvc     0xFF8(16,%r9),source
        /* 4. MVCL from X'8FF0' for 4K: across into page 9 */
        l       %r4,c_v8
        la      %r4,0xFF0(%r4)
        l       %r5,c_mvcllen
        sr      %r6,%r6
        l       %r7,c_pad
        mvcl    %r4,%r6
        stm     %r4,%r7,VARS+0x04
        /* 5. segment fault (segment 1), page 0 valid */
        l       %r9,c_v10
        l       %r2,0x10(%r9)
        st      %r2,VARS+0x14
        /* 6. page fault in segment 1 */
        l       %r9,c_v14
        st      %r9,0(%r9)
        /* 7. LRA: valid, page invalid, segment invalid, beyond the table */
        l       %r9,c_v8
        lra     %r5,0x10(%r9)
        balr    %r0,0
        st      %r0,VARS+0x18
        st      %r5,VARS+0x1C
        l       %r9,c_v15
        lra     %r5,0(%r9)
        balr    %r0,0
        st      %r0,VARS+0x20
        st      %r5,VARS+0x24
        l       %r9,c_v20
        lra     %r5,0(%r9)
        balr    %r0,0
        st      %r0,VARS+0x28
        st      %r5,VARS+0x2C
        l       %r9,c_v100
        lra     %r5,0(%r9)
        balr    %r0,0
        st      %r0,VARS+0x30
        st      %r5,VARS+0x34
        /* 8. PTLB; the pages stay */
        ptlb
        l       %r9,c_v9
        l       %r2,8(%r9)
        st      %r2,VARS+0x38
        /* 9. instruction fetch from an invalid page */
        sr      %r10,%r10
        l       %r9,c_vb
        balr    %r14,%r9
        st      %r10,VARS+0x3C
        stnsm   VARS+0x7D,0xFB                  /* DAT off               */
        FINISH

