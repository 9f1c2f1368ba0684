/*
 * s370_bc.S — System/370 control in BC mode (S/370 PoO GA22-7000 ch. 3,
 * 4, 6):
 *   1. program interruptions in the BC mode keep the interruption code,
 *      the ILC, the CC and the program mask in the old PSW itself;
 *   2. S/370 DAT with 4K pages and 64K segments: an EC-mode PSW with DAT
 *      on, a page mapped to another frame, LOAD REAL ADDRESS (cc 0 and
 *      cc 2), a page-translation exception whose handler validates the
 *      page and re-executes the store, then back to BC mode;
 *   3. the interval timer at X'50' counts down to an external
 *      interruption 0080 that ends a BC-mode enabled wait.
 * Only instructions of System/370 are used (no relative branches, no
 * halfword immediates).
 *
 * Standalone.  GR11 holds the number of the check under way; a failing
 * check ends in a disabled wait at that address, success in a disabled
 * wait at 0.  The handlers use GR4 and GR12.
 *
 * RUN-ARGS: --arch s370 --deterministic
 */
        .section .text.start,"ax"
        .globl  _start
_start:
        balr    %r13,0
base:
        mvc     0x50(4,%r0),bigtime-base(%r13)   /* interval timer, first  */
        mvc     0x58(8,%r0),extnew-base(%r13)    /* external new PSW       */
        mvc     0x68(8,%r0),pgmnew-base(%r13)    /* program new PSW        */

/* ---- 1. BC-mode program interruptions ---------------------------------------------- */
        la      %r11,1
        cl      %r13,zero-base(%r13)             /* CC 2                   */
        .short  0x0000                           /* operation exception    */
after1:
        la      %r11,2                           /* code 0001 in the old PSW */
        clc     lastcode+2-base(2,%r13),one-base+2(%r13)
        bc      7,fail-base(%r13)
        la      %r11,3                           /* ILC 1 halfword, CC 2    */
        mvc     tmp-base(1,%r13),oldpsw+4-base(%r13)
        ni      tmp-base(%r13),0xF0
        cli     tmp-base(%r13),0x60
        bc      7,fail-base(%r13)
        la      %r11,4                           /* it points after it      */
        clc     oldpsw+5-base(3,%r13),a_after1+1-base(%r13)
        bc      7,fail-base(%r13)
        la      %r11,5                           /* no EC-mode fields        */
        clc     0x8e(2,%r0),zero-base(%r13)
        bc      7,fail-base(%r13)
        la      %r11,6                           /* a 4-byte one: ILC 2     */
        .long   0xB2FF0000
        clc     lastcode+2-base(2,%r13),one-base+2(%r13)
        bc      7,fail-base(%r13)
        mvc     tmp-base(1,%r13),oldpsw+4-base(%r13)
        ni      tmp-base(%r13),0xC0
        cli     tmp-base(%r13),0x80
        bc      7,fail-base(%r13)

/* ---- 2. S/370 DAT: 4K pages, 64K segments ------------------------------------------ */
        /* segment table at X'4000': 16 entries, page tables of 16 halfword
         * entries at X'5000' + 32 * segment, one to one */
        la      %r11,10
        l       %r1,a_sto-base(%r13)
        l       %r3,a_pto-base(%r13)
        la      %r2,16
1:      l       %r0,ptl15-base(%r13)
        or      %r0,%r3
        st      %r0,0(%r1)
        la      %r1,4(%r1)
        la      %r3,32(%r3)
        bct     %r2,1b-base(%r13)
        l       %r1,a_pto-base(%r13)
        sr      %r4,%r4
        la      %r2,256
2:      sth     %r4,0(%r1)
        la      %r1,2(%r1)
        la      %r4,16(%r4)
        bct     %r2,2b-base(%r13)
        /* virtual X'80000' is real X'90000'; X'81000' (real X'91000') is
         * invalid */
        l       %r1,a_pto-base(%r13)
        mvc     0x100(2,%r1),pte80-base(%r13)
        mvc     0x102(2,%r1),pte81-base(%r13)
        /* CR0 bits 8-9 B'10' (4K), 11-12 B'00' (64K); CR1 STL 0, STO */
        stctl   0,0,cr0-base(%r13)
        mvi     cr0+1-base(%r13),0x80
        lctl    0,0,cr0-base(%r13)
        lctl    1,1,cr1-base(%r13)
        lpsw    ecdat-base(%r13)                 /* EC mode, DAT on        */
inec:
        la      %r11,11
        l       %r5,a_va80-base(%r13)
        l       %r2,magic-base(%r13)
        st      %r2,0x20(%r5)
        la      %r11,12                          /* LRA: real X'90020'      */
        lra     %r6,0x20(%r5)
        bc      7,fail-base(%r13)
        c       %r6,a_real-base(%r13)
        bc      7,fail-base(%r13)
        la      %r11,13                          /* LRA of the invalid page */
        l       %r7,a_va81-base(%r13)
        lra     %r6,0(%r7)
        bc      13,fail-base(%r13)               /* cc must be 2           */
        c       %r6,a_pte81-base(%r13)           /* R1: the entry's address */
        bc      7,fail-base(%r13)
        la      %r11,14                          /* store: fault, paged in */
        st      %r2,0(%r7)
        la      %r11,15
        clc     lastcode+2-base(2,%r13),pgm11-base(%r13)
        bc      7,fail-base(%r13)
        la      %r11,16                          /* TEA: the address        */
        clc     tea+1-base(2,%r13),a_va81+1-base(%r13)
        bc      7,fail-base(%r13)
        la      %r11,17
        c       %r2,0(%r7)
        bc      7,fail-base(%r13)
        lpsw    bcpsw-base(%r13)                 /* back to BC mode        */
inbc:
        la      %r11,18                          /* the real frames         */
        l       %r1,a_real-base(%r13)
        c       %r2,0(%r1)
        bc      7,fail-base(%r13)
        l       %r1,a_frame81-base(%r13)
        c       %r2,0(%r1)
        bc      7,fail-base(%r13)

/* ---- 3. the interval timer ------------------------------------------------------------ */
        la      %r11,20
        mvc     0x50(4,%r0),shorttime-base(%r13)
        xc      lastcode-base(4,%r13),lastcode-base(%r13)
        lpsw    waitbc-base(%r13)                /* BC, external mask, wait */
after3:
        la      %r11,21
        clc     extcode+2-base(2,%r13),itcode-base(%r13)
        bc      7,fail-base(%r13)
        la      %r11,22                          /* it went negative        */
        tm      0x50,0x80
        bc      8,fail-base(%r13)
        lpsw    donepsw-base(%r13)

/* ---- handlers ----------------------------------------------------------------------- */
pgmh:
        balr    %r12,0
pb:
        mvc     oldpsw-pb(8,%r12),0x28(%r0)
        tm      0x29,0x08                        /* EC-mode old PSW?        */
        bc      1,1f-pb(%r12)
        mvc     lastcode+2-pb(2,%r12),0x2a(%r0)  /* BC: in the old PSW      */
        lpsw    0x28
1:      mvc     lastcode+2-pb(2,%r12),0x8e(%r0)  /* EC: at X'8E'           */
        mvc     tea-pb(4,%r12),0x90(%r0)
        clc     lastcode+2-pb(2,%r12),pgm11-pb(%r12)
        bc      7,pfail-pb(%r12)
        l       %r4,a_pte81-pb(%r12)
        ni      1(%r4),0xF7                      /* clear the invalid bit   */
        lpsw    0x28                             /* run the store again     */
pfail:  la      %r11,99
        b       fail-pb(%r12)

exth:
        balr    %r12,0
eb:
        mvc     extcode+2-eb(2,%r12),0x1a(%r0)   /* BC: code in the old PSW */
        lpsw    resume-eb(%r12)

fail:
        balr    %r12,0
fb:
        st      %r11,failpsw+4-fb(%r12)
        lpsw    failpsw-fb(%r12)

        .align  8
pgmnew:   .long  0x00000000, pgmh                /* BC, disabled           */
extnew:   .long  0x00000000, exth
ecdat:    .long  0x04080000, inec                /* EC mode, DAT           */
bcpsw:    .long  0x00000000, inbc
waitbc:   .long  0x01020000, fail                /* external mask, wait    */
resume:   .long  0x00000000, after3
donepsw:  .long  0x00020000, 0
failpsw:  .long  0x00020000, 0
oldpsw:   .quad  0
lastcode: .long  0
extcode:  .long  0
tea:      .long  0
zero:     .long  0
one:      .long  1
bigtime:  .long  0x7FFFFFFF
shorttime: .long 0x00000400
a_after1: .long  after1
a_sto:    .long  0x4000
a_pto:    .long  0x5000
ptl15:    .long  0xF0000000
a_va80:   .long  0x80000
a_va81:   .long  0x81000
a_real:   .long  0x90020
a_frame81: .long 0x91000
a_pte81:  .long  0x5102
magic:    .long  0xC0FFEE00
cr0:      .long  0
cr1:      .long  0x00004000
pte80:    .short 0x0900                          /* frame X'90000'          */
pte81:    .short 0x0910 | 0x0008                 /* frame X'91000', invalid */
pgm11:    .short 0x0011
itcode:   .short 0x0080
tmp:      .byte  0
