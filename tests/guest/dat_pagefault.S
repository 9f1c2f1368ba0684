/*
 * dat_pagefault.S — demand paging in miniature (ESA/390 PoO ch. 3
 * "Dynamic address translation", ch. 6 "Page-translation exception").
 *
 * The program builds a segment table (X'4000') and a page table (X'5000')
 * that map the first megabyte one to one, except virtual pages X'80' and
 * X'81', which belong to real frames X'90000' and X'91000' but are marked
 * invalid.  It turns DAT on and touches them.  Its program-check handler
 * is the pager: it checks the code (0011), finds the page-table entry
 * from the translation-exception address at X'90', makes it valid, and
 * returns with LPSW of the program old PSW, which points at the faulting
 * instruction (the exception nullifies), so the instruction runs again
 * and completes.  Checked: a store into an invalid page; an MVC that
 * crosses from a valid page into an invalid one (nothing stored before
 * the fault, everything after); IPTE making a page invalid again; the data
 * in the real frames once DAT is off.
 *
 * Standalone, ESA/390, 31-bit.  GR11 holds the number of the check under
 * way; a failing check ends in a disabled wait at that address, success
 * in a disabled wait at 0.  The handler uses GR3, GR4 and GR12.
 *
 * RUN-ARGS: --deterministic
 */
        .section .text.start,"ax"
        .globl  _start
_start:
        basr    %r13,0
base:
        mvc     0x68(8,%r0),pgmnew-base(%r13)    /* program new PSW        */

        /* segment table: 16 entries, invalid but the first */
        lhi     %r11,1
        l       %r1,a_sto-base(%r13)
        lhi     %r2,16
        lhi     %r0,0x20                         /* segment invalid bit    */
1:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        brct    %r2,1b
        l       %r1,a_sto-base(%r13)
        l       %r0,ste0-base(%r13)              /* PTO X'5000', PTL 15    */
        st      %r0,0(%r1)

        /* page table: one to one, then the two pages of the test */
        l       %r1,a_pto-base(%r13)
        sr      %r0,%r0
        lhi     %r2,256
2:      st      %r0,0(%r1)
        la      %r1,4(%r1)
        ahi     %r0,4096
        brct    %r2,2b
        l       %r1,a_pto-base(%r13)
        l       %r0,pte80-base(%r13)
        st      %r0,0x200(%r1)                   /* page X'80'             */
        l       %r0,pte81-base(%r13)
        st      %r0,0x204(%r1)                   /* page X'81'             */

        /* the frame behind page X'80' holds a known pattern at its end */
        l       %r1,a_frame80-base(%r13)
        mvc     0xff8(8,%r1),pattern-base(%r13)

        /* CR1: segment-table designation; CR0 bits 8-12: B'10110' */
        lctl    1,1,cr1-base(%r13)
        stctl   0,0,cr0-base(%r13)
        mvi     cr0+1-base(%r13),0xB0
        lctl    0,0,cr0-base(%r13)

        /* DAT on */
        stosm   mask-base(%r13),0x04

/* ---- 1. a store into an invalid page ---------------------------------------------- */
        lhi     %r11,2
        l       %r5,a_va80-base(%r13)
        l       %r2,magic-base(%r13)
        st      %r2,0x10(%r5)                    /* fault 1, paged in      */
        lhi     %r11,3
        l       %r0,faults-base(%r13)
        chi     %r0,1
        jne     fail
        lhi     %r11,4                           /* TEA: page X'80', primary */
        l       %r0,lasttea-base(%r13)
        c       %r0,a_va80-base(%r13)
        jne     fail
        lhi     %r11,5                           /* the data is there       */
        c       %r2,0x10(%r5)
        jne     fail

/* ---- 2. an operand that crosses into an invalid page ---------------------------- */
        lhi     %r11,6
        mvc     0xff8(16,%r5),source-base(%r13)  /* fault 2 on page X'81'   */
        lhi     %r11,7
        l       %r0,faults-base(%r13)
        chi     %r0,2
        jne     fail
        lhi     %r11,8
        l       %r0,lasttea-base(%r13)
        c       %r0,a_va81-base(%r13)
        jne     fail
        lhi     %r11,9                           /* at the fault, the first */
        clc     snap-base(8,%r13),pattern-base(%r13)  /* page was intact    */
        jne     fail
        lhi     %r11,10                          /* now all 16 are moved    */
        clc     0xff8(16,%r5),source-base(%r13)
        jne     fail

/* ---- 3. IPTE takes the page away again --------------------------------------------- */
        lhi     %r11,11
        l       %r1,a_pto-base(%r13)
        ipte    %r1,%r5                          /* page X'80' invalid      */
        l       %r6,0x10(%r5)                    /* fault 3, paged in       */
        lhi     %r11,12
        cr      %r6,%r2
        jne     fail
        l       %r0,faults-base(%r13)
        chi     %r0,3
        jne     fail

/* ---- 4. with DAT off, the data is in the real frames ----------------------------- */
        stnsm   mask-base(%r13),0xFB
        lhi     %r11,13
        l       %r1,a_frame80-base(%r13)
        c       %r2,0x10(%r1)
        jne     fail
        lhi     %r11,14
        clc     0xff8(8,%r1),source-base(%r13)
        jne     fail
        l       %r1,a_frame81-base(%r13)
        clc     0(8,%r1),source+8-base(%r13)
        jne     fail
        lhi     %r11,15                          /* real X'80010' untouched */
        l       %r1,a_va80-base(%r13)
        l       %r0,0x10(%r1)
        ltr     %r0,%r0
        jnz     fail
        lpsw    donepsw-base(%r13)

/* ---- the pager: program-check handler, DAT off ----------------------------------- */
pgmh:
        basr    %r12,0
pb:
        lh      %r3,0x8e
        chi     %r3,0x11                         /* page translation only   */
        jne     pfail
        l       %r3,faults-pb(%r12)
        ahi     %r3,1
        st      %r3,faults-pb(%r12)
        l       %r3,0x90                         /* TEA                     */
        st      %r3,lasttea-pb(%r12)
        /* what the first page of the crossing MVC holds now */
        l       %r4,a_frame80-pb(%r12)
        mvc     snap-pb(8,%r12),0xff8(%r4)
        /* page-table entry: PTO + 4 * page index; make it valid */
        srl     %r3,12
        n       %r3,m_ff-pb(%r12)
        sll     %r3,2
        a       %r3,a_pto-pb(%r12)
        l       %r4,0(%r3)
        n       %r4,m_valid-pb(%r12)
        st      %r4,0(%r3)
        lpsw    0x28                             /* run it again            */
pfail:  lhi     %r11,99

fail:
        basr    %r12,0
fbase:
        st      %r11,failpsw+4-fbase(%r12)
        oi      failpsw+4-fbase(%r12),0x80
        lpsw    failpsw-fbase(%r12)

        .align  8
pgmnew:   .long  0x00080000, 0x80000000 + pgmh
donepsw:  .long  0x000A0000, 0x80000000
failpsw:  .long  0x000A0000, 0
pattern:  .quad  0xEEEEEEEEEEEEEEEE
source:   .ascii "PAGED-IN-ON-USE!"
snap:     .quad  0
a_sto:    .long  0x4000
a_pto:    .long  0x5000
ste0:     .long  0x5000 | 0x0F
pte80:    .long  0x90000 | 0x400                 /* frame 90000, invalid    */
pte81:    .long  0x91000 | 0x400
a_va80:   .long  0x80000
a_va81:   .long  0x81000
a_frame80: .long 0x90000
a_frame81: .long 0x91000
magic:    .long  0x12345678
cr0:      .long  0
cr1:      .long  0x00004000                      /* STO X'4000', STL 0      */
faults:   .long  0
lasttea:  .long  0
m_ff:     .long  0xFF
m_valid:  .long  0xFFFFFBFF                      /* clears bit 21           */
mask:     .byte  0
