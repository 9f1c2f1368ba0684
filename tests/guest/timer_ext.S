/*
 * timer_ext.S — the CPU timer and the clock comparator as a program sees
 * them (ESA/390 PoO ch. 4 "Timing", ch. 6 "External interruption"):
 *   1. SPT a few milliseconds ahead, CR0 bit 21, an enabled wait: the
 *      CPU-timer interruption (code 1005) ends the wait; STPT is negative;
 *   2. SCKC about a second ahead of STCK, CR0 bit 20, an enabled wait: the
 *      clock-comparator interruption (1004) ends it, the clock has passed
 *      the comparator, STCKC gives back what SCKC set;
 *   3. a pending clock-comparator condition is not taken while the PSW is
 *      disabled, and is taken right after STOSM enables it.
 * With --deterministic the waits do not take real time: the clocks jump
 * to the next timer event.
 *
 * Standalone, ESA/390, 31-bit.  GR11 holds the number of the check under
 * way; a failing check ends in a disabled wait at that address, success in
 * a disabled wait at 0.  The external handler stores the interruption
 * code and loads the PSW in `resume`, set before each wait.
 *
 * RUN-ARGS: --deterministic
 */
        .section .text.start,"ax"
        .globl  _start
_start:
        basr    %r13,0
base:
        mvc     0x58(8,%r0),extnew-base(%r13)    /* external new PSW       */
        mvc     0x68(8,%r0),pgmnew-base(%r13)    /* program new PSW        */
        /* CR0: clock-comparator and CPU-timer subclass masks off */
        stctl   0,0,cr0-base(%r13)
        ni      cr0+2-base(%r13),0xF3
        lctl    0,0,cr0-base(%r13)

/* ---- 1. CPU timer ------------------------------------------------------------ */
        lhi     %r11,1
        spt     cptime-base(%r13)                /* 4096 us                */
        oi      cr0+2-base(%r13),0x04            /* CR0 bit 21             */
        lctl    0,0,cr0-base(%r13)
        la      %r1,after1-base(%r13)
        st      %r1,resume+4-base(%r13)
        oi      resume+4-base(%r13),0x80
        lpsw    waitpsw-base(%r13)
after1:
        lhi     %r11,2
        l       %r0,lastcode-base(%r13)
        chi     %r0,0x1005
        jne     fail
        lhi     %r11,3                           /* the old PSW: the wait  */
        tm      0x19,0x02
        jz      fail
        tm      0x18,0x01                        /* ... enabled            */
        jz      fail
        lhi     %r11,4                           /* the timer is negative  */
        stpt    tval-base(%r13)
        tm      tval-base(%r13),0x80
        jz      fail
        /* it stays pending: close its subclass mask */
        ni      cr0+2-base(%r13),0xFB
        lctl    0,0,cr0-base(%r13)

/* ---- 2. clock comparator ------------------------------------------------------- */
        lhi     %r11,5
        stck    clk-base(%r13)
        l       %r1,clk-base(%r13)
        ahi     %r1,1                            /* + 2**32 units, ~1 s    */
        st      %r1,clk-base(%r13)
        sckc    clk-base(%r13)
        oi      cr0+2-base(%r13),0x08            /* CR0 bit 20             */
        lctl    0,0,cr0-base(%r13)
        la      %r1,after2-base(%r13)
        st      %r1,resume+4-base(%r13)
        oi      resume+4-base(%r13),0x80
        xc      lastcode-base(4,%r13),lastcode-base(%r13)
        lpsw    waitpsw-base(%r13)
after2:
        lhi     %r11,6
        l       %r0,lastcode-base(%r13)
        chi     %r0,0x1004
        jne     fail
        lhi     %r11,7                           /* the clock is past it   */
        stck    tval-base(%r13)
        clc     tval-base(8,%r13),clk-base(%r13)
        jnh     fail
        lhi     %r11,8                           /* STCKC gives it back    */
        stckc   tval-base(%r13)
        clc     tval-base(8,%r13),clk-base(%r13)
        jne     fail

/* ---- 3. pending while disabled, taken when enabled -------------------------- */
        lhi     %r11,9
        xc      lastcode-base(4,%r13),lastcode-base(%r13)
        lhi     %r2,50                           /* the condition stays     */
1:      brct    %r2,1b                           /* pending; nothing taken  */
        l       %r0,lastcode-base(%r13)
        ltr     %r0,%r0
        jnz     fail
        lhi     %r11,10
        la      %r1,after3-base(%r13)
        st      %r1,resume+4-base(%r13)
        oi      resume+4-base(%r13),0x80
        stosm   mask-base(%r13),0x01             /* open the external mask */
stosmed:
        j       fail                             /* not reached            */
after3:
        l       %r0,lastcode-base(%r13)
        chi     %r0,0x1004
        jne     fail
        lhi     %r11,11                          /* right after the STOSM  */
        l       %r1,0x1c
        la      %r1,0(%r1)
        c       %r1,a_stosmed-base(%r13)
        jne     fail
        lhi     %r11,12                          /* STOSM stored the mask   */
        cli     mask-base(%r13),0x00
        jne     fail
        lpsw    donepsw-base(%r13)

/* ---- the external-interruption handler ------------------------------------------- */
exth:
        basr    %r12,0
ebase:
        lh      %r3,0x86
        st      %r3,lastcode-ebase(%r12)
        lpsw    resume-ebase(%r12)

pgmh:   lhi     %r11,99                          /* no program check here  */
fail:
        basr    %r12,0
fbase:
        st      %r11,failpsw+4-fbase(%r12)
        oi      failpsw+4-fbase(%r12),0x80
        lpsw    failpsw-fbase(%r12)

        .align  8
extnew:   .long  0x00080000, 0x80000000 + exth
pgmnew:   .long  0x00080000, 0x80000000 + pgmh
waitpsw:  .long  0x010A0000, 0x80000000 + fail  /* enabled wait            */
resume:   .long  0x00080000, 0
donepsw:  .long  0x000A0000, 0x80000000
failpsw:  .long  0x000A0000, 0
cptime:   .quad  0x0000000001000000              /* 4096 us                */
clk:      .quad  0
tval:     .quad  0
cr0:      .long  0
lastcode: .long  0
a_stosmed: .long stosmed
mask:     .byte  0xFF
