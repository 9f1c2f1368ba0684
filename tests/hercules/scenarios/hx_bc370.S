/*
 * hx_bc370.S — System/370 basic-control (BC) mode interruptions
 * (GA22-7000 ch. 4 "Program-status word" BC format, ch. 6).
 *
 * In BC mode the interruption code (bits 16-31), the ILC (32-33), the
 * condition code (34-35) and the program mask (36-39) are in the old PSW
 * itself; the handlers log the whole old PSW.  Covered: program
 * interruptions (operation, specification, fixed-point overflow with the
 * mask on and off, decimal data, decimal overflow, exponent underflow,
 * significance, HFP divide, privileged operation in the problem state),
 * SVC (ILC 1 and, through EXECUTE, ILC 2), a clock-comparator external
 * interruption (code X'1004', enabled by SSM), BALR's link information.
 * (No exception in the target of EXECUTE: DEVIATION H1.)
 *
 * HX-RUN: ARCH=s370 MAINSIZE=16 DUMPS=400:100,800:400
 */
#include "hx.h"

        .text
        .org    0
        PSW_BC(0, start)
        .org    0x58
        PSW_BC(0, exth)                         /* external new PSW      */
        PSW_BC(0, svch)                         /* SVC new PSW           */
        PSW_BC(0, pgmh)                         /* program new PSW       */
        WAIT_BC(0xEEE3)
        WAIT_BC(0xEEE4)

        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28
        lm      %r12,%r15,SAVE
        lpsw    0x28

        .org    0x300
svch:   stm     %r12,%r15,SAVE
        LOGINT  0x20
        cli     0x23,0xFF                       /* SVC 255: supervisor   */
        bne     1f
        ni      0x21,0xFE
1:      lm      %r12,%r15,SAVE
        lpsw    0x20

        .org    0x380
exth:   stm     %r12,%r15,SAVE
        LOGINT  0x18
        ni      LOG+4(%r14),0x3F                /* BC external: the ILC is */
        sckc    c_ones                          /* unpredictable (GA22-7000
                                                   "Instruction-length code") */                          /* no longer pending     */
        lm      %r12,%r15,SAVE
        lpsw    0x18

        HXWORDS(WAIT_BC(0), WAIT_BC(0xBAD), 0)

        .org    0x500
c_ones:     .long 0xFFFFFFFF, 0xFFFFFFFF
c_pm8:      .long 0x08000000                    /* fixed-point overflow  */
c_pmf:      .long 0x3F000000                    /* CC 3, all masks       */
c_max:      .long 0x7FFFFFFF
c_cr0:      .long 0x00000800                    /* clock-comparator mask */
c_prob:     PSW_BC(0x00010000, inprob)          /* problem state         */
c_sec:      .long 0x00F42400, 0                 /* one second, TOD units */
dec_bad:    .byte 0x12, 0x3A                    /* invalid sign          */
dec_9:      .byte 0x99, 0x9C
dec_1:      .byte 0x1C
            .align 4
f_small:    .long 0x00100000                    /* 16**-64 * 1/16: tiny  */
f_one:      .long 0x41100000
f_zero:     .long 0
c_extmask:  .byte 0x01                          /* BC: external mask bit 7 */
c_nomask:   .byte 0x00
ex_svc:     svc   8
            .align 8
tod:        .long 0, 0

        .org    0x1000
start:
        .short  0                               /* operation             */
        .insn   rr,0x1C00,%r1,%r2               /* MR 1,2: specification */
        l       %r1,c_max
        ar      %r1,%r1                         /* overflow, masked off  */
        l       %r1,c_pm8
        spm     %r1
        l       %r1,c_max
        ar      %r1,%r1                         /* fixed-point overflow  */
        balr    %r5,0                           /* ILC, CC, mask in R5   */
        ap      dec_9(2),dec_bad(2)             /* data                  */
        ap      dec_9(2),dec_1(1)               /* decimal overflow (mask 0) */
        l       %r1,c_pmf
        spm     %r1
        ap      dec_9(2),dec_1(1)               /* decimal overflow      */
        le      %f0,f_small
        me      %f0,f_small                     /* exponent underflow    */
        le      %f2,f_one
        se      %f2,f_one                       /* significance          */
        de      %f2,f_zero                      /* HFP divide            */
        balr    %r6,0
        svc     7
        ex      0,ex_svc
        /* clock comparator: one second ago, then enable */
        lctl    0,0,c_cr0
        stck    tod
        lm      %r0,%r1,tod
        s       %r0,c_sec
        stm     %r0,%r1,tod
        sckc    tod
        sr      %r0,%r0                         /* the clock: not compared */
        sr      %r1,%r1
        ssm     c_extmask
        balr    %r7,0
        ssm     c_nomask
        /* problem state */
        lpsw    c_prob
inprob: ssm     c_nomask                        /* privileged operation  */
        svc     255
        FINISH
