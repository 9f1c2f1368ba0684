/* DIFF-HERCULES: */
/*
 * general_insns.S — general instructions a C compiler does not emit, run
 * as a standalone program: BXH/BXLE/BRXH/BRXLE, BASSM/BSM and the 24-bit
 * link information of BAL/BALR, CS/CDS, TS, ICM/STCM/CLM, EX (including
 * EX of EX), TM/TMLL/TMLH, NC/OC/XC overlap, SLDA overflow, IPM/SPM, the
 * access registers, MLR/DLR/ALCR/SLBR.
 *
 * Started by `interpex run` in ESA/390 31-bit supervisor state, DAT off.
 * GR11 holds the number of the check under way; a failing check ends the
 * program in a disabled wait whose address is that number, success in a
 * disabled wait at address 0.  The program-check handler records the
 * interruption code in `pgmcode` and resumes after the instruction (by
 * branching, so with the handler's CC and program mask); it uses only
 * GR12.  The final wait is entered through SUPERVISOR CALL with
 * a wait PSW as the SVC new PSW (ESA/390 PoO ch. 6, "Supervisor-call
 * interruption"), so the test needs nothing beyond the general
 * instructions.
 */
        .macro  CHK n
        lhi     %r11,\n
        .endm
        /* the last program interruption must have been \code */
        .macro  PGM code
        l       %r0,pgmcode-base(%r13)
        chi     %r0,\code
        jne     fail
        sr      %r0,%r0
        st      %r0,pgmcode-base(%r13)
        .endm

        .section .text.start,"ax"
        .globl  _start
_start:
        basr    %r13,0
base:
        lm      %r0,%r1,pgmnew-base(%r13)
        stm     %r0,%r1,0x68            /* program new PSW               */
        sr      %r0,%r0
        st      %r0,pgmcode-base(%r13)

/* ---- 1-4: BXLE / BXH / BRXLE / BRXH loops over a table ------------------ */
        CHK     1
        la      %r6,table-base(%r13)
        sr      %r2,%r2                 /* sum                           */
        sr      %r3,%r3                 /* index                         */
        lhi     %r4,4                   /* increment                     */
        lhi     %r5,16                  /* limit (odd register of pair)  */
1:      a       %r2,0(%r3,%r6)
        bxle    %r3,%r4,1b-base(%r13)
        chi     %r2,15
        jne     fail
        chi     %r3,20
        jne     fail

        CHK     2
        sr      %r2,%r2
        lhi     %r3,16                  /* from the last word down       */
        lhi     %r4,-4
        lhi     %r5,-4                  /* BXH while index > -4          */
1:      a       %r2,0(%r3,%r6)
        bxh     %r3,%r4,1b-base(%r13)
        chi     %r2,15
        jne     fail
        chi     %r3,-4
        jne     fail

        CHK     3
        sr      %r2,%r2
        sr      %r3,%r3
        lhi     %r4,4
        lhi     %r5,16
1:      a       %r2,0(%r3,%r6)
        brxle   %r3,%r4,1b
        chi     %r2,15
        jne     fail

        CHK     4                       /* R3 odd: increment = comparand */
        lhi     %r2,-20
        lhi     %r5,-4
        sr      %r7,%r7
1:      ahi     %r7,1
        brxh    %r2,%r5,1b              /* -24 > -4? no: one pass        */
        chi     %r7,1
        jne     fail
        chi     %r2,-24
        jne     fail

/* ---- 5-9: BASSM / BSM, link information in both modes -------------------- */
        CHK     5
        lr      %r3,%r13                /* 31-bit: BSM 3,0 sets bit 0    */
        n       %r3,mask31-base(%r13)
        bsm     %r3,0
        ltr     %r3,%r3
        jnm     fail
        CHK     6
        la      %r15,sub24-base(%r13)   /* bit 0 zero: go to 24-bit mode */
        bassm   %r14,%r15
        ltr     %r14,%r14               /* link: bit 0 = 1 (31-bit)      */
        jnm     fail
        CHK     7
        sr      %r3,%r3
        bsm     %r3,0                   /* back in 31-bit mode           */
        ltr     %r3,%r3
        jnm     fail
        ltr     %r8,%r8                 /* sub24 left its verdict in R8  */
        jnz     fail
        CHK     8                       /* BALR link in 31-bit mode      */
        balr    %r4,0
2:      larl    %r5,2b
        o       %r5,amode31-base(%r13)
        clr     %r4,%r5
        jne     fail
        CHK     9                       /* BRAS link: bit 0 one          */
        bras    %r4,3f
3:      larl    %r5,3b
        o       %r5,amode31-base(%r13)
        clr     %r4,%r5
        jne     fail

/* ---- 10-15: CS / CDS / TS --------------------------------------------------- */
        CHK     10
        lhi     %r2,5
        lhi     %r3,9
        cs      %r2,%r3,csword-base(%r13)     /* csword = 5: swap        */
        jnz     fail
        l       %r0,csword-base(%r13)
        chi     %r0,9
        jne     fail
        CHK     11
        lhi     %r2,5
        cs      %r2,%r3,csword-base(%r13)     /* 9 != 5: load, CC 1      */
        jnl     fail
        chi     %r2,9
        jne     fail
        CHK     12
        lm      %r2,%r5,cdsold-base(%r13)     /* R2:R3 old, R4:R5 new    */
        cds     %r2,%r4,cdsword-base(%r13)
        jnz     fail
        clc     cdsword-base(8,%r13),cdsnew-base(%r13)
        jne     fail
        CHK     13
        lm      %r2,%r3,cdsold-base(%r13)
        cds     %r2,%r4,cdsword-base(%r13)    /* now unequal             */
        jnl     fail
        c       %r2,cdsnew-base(%r13)
        jne     fail
        c       %r3,cdsnew+4-base(%r13)
        jne     fail
        CHK     14
        cs      %r2,%r3,csword+2-base(%r13)   /* misaligned: spec. exc.  */
        PGM     6
        .insn   rs,0xbb000000,%r3,%r4,cdsword-base(%r13) /* CDS 3,4: odd */
        PGM     6
        CHK     15
        ts      tsbyte-base(%r13)
        jnz     fail
        ts      tsbyte-base(%r13)
        jnl     fail
        cli     tsbyte-base(%r13),0xff
        jne     fail

/* ---- 16-19: ICM / STCM / CLM ------------------------------------------------ */
        CHK     16
        l       %r2,ones-base(%r13)
        icm     %r2,0b0101,icmsrc-base(%r13)  /* X'80', X'01' -> bytes 1,3 */
        jnm     fail                          /* first inserted bit one    */
        c       %r2,icmwant-base(%r13)
        jne     fail
        CHK     17
        icm     %r2,0,icmsrc-base(%r13)       /* mask 0: CC 0, unchanged   */
        jnz     fail
        c       %r2,icmwant-base(%r13)
        jne     fail
        icm     %r2,0b0011,zero-base(%r13)
        jnz     fail
        icm     %r2,0b0011,icmsrc+1-base(%r13) /* X'01', X'80': CC 2       */
        jnp     fail
        CHK     18
        l       %r2,stcmsrc-base(%r13)
        stcm    %r2,0b1010,stcmdst-base(%r13)
        clc     stcmdst-base(3,%r13),stcmwant-base(%r13)
        jne     fail
        CHK     19
        l       %r2,stcmsrc-base(%r13)        /* X'11223344'               */
        clm     %r2,0b0110,stcmmid-base(%r13) /* X'2233' vs X'2234': low   */
        jnl     fail
        clm     %r2,0b1001,stcmends-base(%r13) /* X'1144' = X'1144'        */
        jnz     fail

/* ---- 20-24: EXECUTE ------------------------------------------------------------ */
        CHK     20
        lhi     %r3,77
        sr      %r2,%r2
        lhi     %r1,0x23
        ex      %r1,exlr-base(%r13)           /* LR 0,0 -> LR 2,3          */
        chi     %r2,77
        jne     fail
        CHK     21
        l       %r0,ones-base(%r13)
        st      %r0,exdata-base(%r13)
        st      %r0,exdata+4-base(%r13)
        st      %r0,exdata+8-base(%r13)
        lhi     %r1,7
        ex      %r1,exxc-base(%r13)
        l       %r0,exdata-base(%r13)
        o       %r0,exdata+4-base(%r13)
        jnz     fail
        c       %r0,exdata+8-base(%r13)       /* 0 vs X'FFFFFFFF'          */
        je      fail
        CHK     22
        ex      0,exex-base(%r13)             /* EX of EX: execute exc.    */
        PGM     3
        CHK     23
        lhi     %r1,0x80                      /* BRC 8 when CC 0: taken,   */
        sr      %r0,%r0                       /* relative to the target    */
        ex      %r1,exbrc-base(%r13)
        j       fail
exbrc_to:
        CHK     24
        ex      0,exodd+1-base(%r13)          /* odd target: spec. exc.    */
        PGM     6

/* ---- 25-28: TM / TMLL / TMLH ------------------------------------------------------ */
        CHK     25
        tm      tmbyte-base(%r13),0xc0        /* X'C3': all ones           */
        jno     fail
        tm      tmbyte-base(%r13),0x84        /* mixed: CC 1               */
        jnm     fail
        tm      tmbyte-base(%r13),0x3c        /* zeros                     */
        jnz     fail
        tm      tmbyte-base(%r13),0           /* mask 0: CC 0              */
        jnz     fail
        CHK     26
        l       %r2,tmword-base(%r13)         /* X'80010003'               */
        tmll    %r2,0x0003
        jno     fail
        tmll    %r2,0x0006                    /* mixed, leftmost 0: CC 1   */
        brc     0b1011,fail
        tmll    %r2,0x0102                    /* leftmost (X'0100') 0: CC 1 */
        brc     0b1011,fail
        CHK     27
        tmlh    %r2,0x8001                    /* all ones: CC 3            */
        jno     fail
        tmlh    %r2,0x8002                    /* mixed, leftmost 1: CC 2   */
        brc     0b1101,fail
        CHK     28
        tmlh    %r2,0                         /* mask 0: CC 0              */
        jnz     fail

/* ---- 29-31: NC / OC / XC with overlapping operands ---------------------------------- */
        CHK     29
        oi      ocfld-base(%r13),0x80
        xc      ocfld+1-base(7,%r13),ocfld+1-base(%r13) /* XC X,X clears   */
        jnz     fail
        oc      ocfld+1-base(7,%r13),ocfld-base(%r13)   /* propagate X'80' */
        jz      fail
        clc     ocfld-base(8,%r13),ocwant-base(%r13)
        jne     fail
        CHK     30
        nc      ocfld-base(8,%r13),zero8-base(%r13)
        jnz     fail
        CHK     31
        clc     ocfld-base(8,%r13),zero8-base(%r13)
        jne     fail

/* ---- 32-34: SLDA overflow, SPM / IPM ------------------------------------------------ */
        CHK     32
        l       %r2,ovfhi-base(%r13)          /* X'40000000' 0             */
        sr      %r3,%r3
        slda    %r2,1                         /* mask off: CC 3, no exc.   */
        jno     fail
        l       %r0,pgmcode-base(%r13)
        ltr     %r0,%r0
        jnz     fail
        CHK     33
        l       %r1,pmfix-base(%r13)          /* CC 0, fixed-overflow mask */
        spm     %r1
        sr      %r4,%r4
        ipm     %r4
        c       %r4,pmfix-base(%r13)          /* bits 8-31 of R4 were 0    */
        jne     fail
        l       %r2,ovfhi-base(%r13)
        sr      %r3,%r3
        slda    %r2,1                         /* overflow: exc. 8          */
        PGM     8
        ltr     %r2,%r2                       /* result stored: 0,0        */
        jnz     fail
        cli     0x2a,0x38                     /* old PSW: CC 3, mask 8     */
        jne     fail
        CHK     34                            /* the handler's PSW had     */
        l       %r1,pmfix-base(%r13)          /* mask 0: set it again      */
        spm     %r1
        l       %r2,mask31-base(%r13)
        ahi     %r2,1                         /* 80000000: overflow        */
        PGM     8
        c       %r2,amode31-base(%r13)        /* result stored             */
        jne     fail
        sr      %r1,%r1
        spm     %r1                           /* mask off again            */

/* ---- 35-37: access registers, LM/STM wrap -------------------------------------------- */
        CHK     35
        lhi     %r2,0x123
        sar     %a5,%r2
        cpya    %a6,%a5
        ear     %r3,%a6
        chi     %r3,0x123
        jne     fail
        CHK     36
        stam    %a5,%a6,amsave-base(%r13)
        lam     %a14,%a1,amsave-base(%r13)    /* a14,a15 <- saved; a0,a1   */
        ear     %r3,%a15
        chi     %r3,0x123
        jne     fail
        CHK     37
        lhi     %r14,14
        lhi     %r15,15
        lhi     %r0,0
        lhi     %r1,1
        stm     %r14,%r1,lmsave-base(%r13)
        clc     lmsave-base(16,%r13),lmwant-base(%r13)
        jne     fail

/* ---- 38-41: MLR / DLR / ALCR / SLBR ------------------------------------------------------- */
        CHK     38
        l       %r3,ones-base(%r13)           /* FFFFFFFF * FFFFFFFF       */
        l       %r4,ones-base(%r13)
        mlr     %r2,%r4
        chi     %r3,1
        jne     fail
        c       %r2,fffe-base(%r13)
        jne     fail
        CHK     39
        dlr     %r2,%r4                       /* and back                  */
        c       %r3,ones-base(%r13)
        jne     fail
        ltr     %r2,%r2
        jnz     fail
        CHK     40
        l       %r2,ones-base(%r13)           /* 64-bit add: 1:FFFFFFFF+1  */
        lhi     %r3,1
        lhi     %r4,1
        alr     %r2,%r4                       /* carry out                 */
        alcr    %r3,%r4                       /* 1 + 1 + carry = 3         */
        chi     %r3,3
        jne     fail
        ltr     %r2,%r2
        jnz     fail
        CHK     41
        sr      %r2,%r2                       /* 64-bit subtract: 5:0 - 1  */
        lhi     %r3,5
        lhi     %r4,1
        slr     %r2,%r4                       /* borrow                    */
        slbr    %r3,%r4                       /* 5 - 1 - borrow = 3        */
        chi     %r3,3
        jne     fail
        c       %r2,ones-base(%r13)
        jne     fail

/* ---- 42: BXH whose R1 is the comparand register ------------------------------------------- */
        CHK     42
        lhi     %r4,1
        lhi     %r5,10
        bxh     %r5,%r4,5f-base(%r13)         /* 11 > 10 (taken before)    */
        j       fail
5:      chi     %r5,11
        jne     fail

/* ---- success ----------------------------------------------------------------------------- */
        sr      %r11,%r11
fail:
        o       %r11,amode31-base(%r13)
        st      %r11,0x64                     /* SVC new PSW: wait at code */
        l       %r0,waitpsw-base(%r13)
        st      %r0,0x60
        svc     0

/* Program-check handler: record the code, resume after the instruction. */
pgm_handler:
        lh      %r12,0x8e
        st      %r12,pgmcode-base(%r13)
        l       %r12,0x2c
        br      %r12

/* In 24-bit mode: BSM shows bit 0 zero; BALR link = ILC 1, CC, mask.
 * R8 = 0 if all is well.  Returns with BSM 0,14 (R14 bit 0 = 1). */
sub24:
        lhi     %r8,1
        sr      %r3,%r3
        bsm     %r3,0
        ltr     %r3,%r3                 /* bit 0 stays zero: CC 0         */
        jnz     9f
        lhi     %r3,2
        ltr     %r3,%r3                 /* CC 2                           */
        balr    %r4,0
4:      lr      %r5,%r4
        srl     %r5,24
        chi     %r5,0x60                /* ILC 01, CC 10, mask 0000       */
        jne     9f
        larl    %r5,4b
        n       %r5,mask24-base(%r13)
        n       %r4,mask24-base(%r13)
        clr     %r4,%r5
        jne     9f
        la      %r5,1(%r0)
        l       %r3,mask24-base(%r13)   /* LA wraps at 16M in 24-bit mode */
        la      %r3,2(%r3)
        clr     %r3,%r5
        jne     9f
        sr      %r8,%r8
9:      bsm     0,%r14

/* EX targets */
exlr:   lr      %r0,%r0
exxc:   xc      exdata-base(1,%r13),exdata-base(%r13)
exex:   ex      0,0(%r0)
exbrc:  brc     0,exbrc_to
        .balign 2
exodd:  .short  0x1800, 0x1800

        .balign 8
pgmnew:   .long 0x00080000, 0x80000000 + pgm_handler
waitpsw:  .long 0x000A0000
amode31:  .long 0x80000000
mask31:   .long 0x7FFFFFFF
mask24:   .long 0x00FFFFFF
ones:     .long 0xFFFFFFFF
fffe:     .long 0xFFFFFFFE
zero:     .long 0
pgmcode:  .long 0
table:    .long 1, 2, 3, 4, 5
csword:   .long 5
        .balign 8
cdsword:  .long 1, 2
cdsold:   .long 1, 2
cdsnew:   .long 3, 4
tsbyte:   .byte 0
        .balign 4
icmsrc:   .byte 0x80, 0x01, 0x80, 0x00
icmwant:  .long 0xFF80FF01
stcmsrc:  .long 0x11223344
stcmdst:  .byte 0xAA, 0xAA, 0xAA, 0xAA
stcmwant: .byte 0x11, 0x33, 0xAA
stcmmid:  .byte 0x22, 0x34
stcmends: .byte 0x11, 0x44
        .balign 4
exdata:   .long 0, 0, 0
tmbyte:   .byte 0xC3
        .balign 4
tmword:   .long 0x80010003
ocfld:    .byte 0, 0, 0, 0, 0, 0, 0, 0
ocwant:   .byte 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80
zero8:    .long 0, 0
ovfhi:    .long 0x40000000
pmfix:    .long 0x08000000
amsave:   .long 0, 0, 0, 0
lmsave:   .long 0, 0, 0, 0
lmwant:   .long 14, 15, 0, 1
