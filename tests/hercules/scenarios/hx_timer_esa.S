/*
 * hx_timer_esa.S — ESA/390 clock comparator and CPU timer driven to
 * external interruptions (SA22-7201 ch. 4 "Timing", ch. 6 "External
 * interruption").
 *
 * Only what does not depend on time is compared: the interruption codes
 * (X'1004' clock comparator, X'1005' CPU timer), their order, and the old
 * PSWs -- each interruption is made to happen at a known point: right
 * after the instruction that enables it (STOSM, LCTL) for a condition
 * already pending, or in an enabled wait.  Clock values stay out of the
 * registers and storage that are compared.
 *   1. clock comparator one second in the past, enabled by STOSM;
 *   2. the same condition masked by CR0 bit 20 until LCTL sets it;
 *   3. CPU timer (256 microseconds), enabled wait;
 *   4. both pending: the clock comparator first (priority), then the CPU
 *      timer at the same instruction address;
 *   5. SCKC/STCKC of a constant, and the sign of the CPU timer after SPT.
 *
 * HX-RUN: ARCH=esa390 MAINSIZE=17 DUMPS=400:100,800:100
 */
#include "hx.h"

        .text
        .org    0
        PSW_ESA(0, start)
        .org    0x58
        PSW_ESA(0, exth)
        WAIT_ESA(0xEEE2)
        PSW_ESA(0, pgmh)
        WAIT_ESA(0xEEE3)
        WAIT_ESA(0xEEE4)

        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c
        lm      %r12,%r15,SAVE
        lpsw    0x28

        .org    0x380
exth:   stm     %r12,%r15,SAVE
        LOGINT  0x18, 0x84                      /* CPU address, code     */
        clc     0x86(2),h_ckc
        bne     1f
        sckc    c_ones                          /* condition gone        */
1:      clc     0x86(2),h_cput
        bne     2f
        spt     c_big
2:      tm      0x19,0x02                       /* from a wait: go on    */
        bz      3f                              /* after it              */
        ni      0x19,0xFD
3:      lm      %r12,%r15,SAVE
        lpsw    0x18

        HXWORDS(WAIT_ESA(0), WAIT_ESA(0xBAD), 0)

        .org    0x500
c_ones:     .long 0xFFFFFFFF, 0xFFFFFFFF
c_big:      .long 0x7FFFFFFF, 0xFFFFFFFF
c_small:    .long 0, 0x00100000                 /* 256 microseconds      */
c_neg:      .long 0xFFFFFFFF, 0xFFFFFFFF
c_const:    .long 0x7E000000, 0x12345000
c_sec:      .long 0x00F42400
c_cr0ckc:   .long 0x00000800
c_cr0cpt:   .long 0x00000400
c_cr0both:  .long 0x00000C00
c_cr0none:  .long 0
h_ckc:      .short 0x1004
h_cput:     .short 0x1005
            .align 8
waitpsw:    .long 0x010A0000, 0x80000000 + after3  /* external, wait   */
tod:        .long 0, 0

        .org    0x1000
start:
        /* 1. clock comparator in the past, enabled by STOSM */
        lctl    0,0,c_cr0ckc
        stck    tod
        l       %r0,tod
        s       %r0,c_sec
        st      %r0,tod
        sckc    tod
        xc      tod(8),tod                      /* not compared          */
        stosm   VARS,0x01
        stnsm   VARS,0xFE
        /* 2. pending but masked by CR0 bit 20 until LCTL */
        lctl    0,0,c_cr0none
        stck    tod
        l       %r0,tod
        s       %r0,c_sec
        st      %r0,tod
        sckc    tod
        xc      tod(8),tod
        sr      %r0,%r0
        stosm   VARS,0x01
        la      %r1,1                           /* no interruption yet   */
        lctl    0,0,c_cr0ckc
        la      %r2,2
        stnsm   VARS,0xFE
        /* 3. CPU timer, enabled wait */
        lctl    0,0,c_cr0cpt
        spt     c_small
        lpsw    waitpsw
after3: la      %r3,3
        stnsm   VARS,0xFE                       /* the wait PSW enabled it */
        /* 4. both pending */
        lctl    0,0,c_cr0both
        stck    tod
        l       %r0,tod
        s       %r0,c_sec
        st      %r0,tod
        sckc    tod
        xc      tod(8),tod
        sr      %r0,%r0
        spt     c_neg
        stosm   VARS,0x01
        la      %r4,4
        stnsm   VARS,0xFE
        /* 5. constants back */
        sckc    c_const
        stckc   VARS+0x08
        spt     c_big
        stpt    VARS+0x10
        xc      VARS+0x14(4),VARS+0x14          /* only the high word    */
        lctl    0,0,c_cr0none
        FINISH
