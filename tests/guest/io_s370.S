/*
 * io_s370.S — S/370 channel I/O on the 3215 console at 009 (S/370 PoO
 * GA22-7000 ch. 12-13): START I/O with the CAW at X'48', the I/O
 * interruption in BC mode (device address in the old PSW's interruption
 * code, CSW at X'40'), TEST I/O, TEST CHANNEL, an immediate command whose
 * status SIO stores at once, and TIO polling.  Ends in a disabled wait:
 * address 0 for success, else the number of the failed check.
 *
 * RUN-ARGS: --arch s370 --deterministic
 * EXPECT: SIO TO THE 3215 AT 009
 * EXPECT: S/370 CHANNEL I/O OK
 */
        /* The assembler has no S/370 I/O mnemonics: S format, opcode 9Cxx... */
        .macro  sio addr
        .insn   s,0x9c000000,\addr
        .endm
        .macro  tio addr
        .insn   s,0x9d000000,\addr
        .endm
        .macro  tch addr
        .insn   s,0x9f000000,\addr
        .endm

        .section .text.start,"ax"
        .globl  _start
_start:
        basr    %r12,0
base:
        mvc     0x78(8,%r0),iopsw-base(%r12)     /* I/O new PSW             */
        mvc     0x68(8,%r0),pgmpsw-base(%r12)    /* program new PSW         */

        /* 1. SIO of a write: initiated, cc 0. */
        mvc     0x48(4,%r0),caw1-base(%r12)
        sio     0x009
        la      %r1,1
        bc      7,fail-base(%r12)

        /* 2. Wait, enabled for channel 0, for its interruption. */
        lpsw    waitpsw-base(%r12)
ioint:
        la      %r1,2                            /* device address 009      */
        clc     0x3a(2,%r0),devaddr-base(%r12)
        bc      7,fail-base(%r12)
        la      %r1,3                            /* CSW: CE DE, count 0     */
        clc     0x44(4,%r0),cswok-base(%r12)
        bc      7,fail-base(%r12)
        la      %r1,4                            /* CSW: last CCW + 8       */
        l       %r2,0x40(%r0)
        la      %r3,ccw1+8-base(%r12)
        cr      %r2,%r3
        bc      7,fail-base(%r12)

        /* 3. Nothing pending now: TIO cc 0, TCH cc 0; no device 00A. */
        la      %r1,5
        tio     0x009
        bc      7,fail-base(%r12)
        la      %r1,6
        tch     0x000
        bc      7,fail-base(%r12)
        la      %r1,7
        tio     0x00a
        bc      14,fail-base(%r12)

        /* 4. An immediate command alone: SIO stores the CSW, cc 1. */
        mvc     0x48(4,%r0),caw2-base(%r12)
        la      %r1,8
        sio     0x009
        bc      11,fail-base(%r12)
        la      %r1,9
        clc     0x44(2,%r0),cswok-base(%r12)
        bc      7,fail-base(%r12)

        /* 5. A write, its end found by TIO polling (cc 1, CSW stored). */
        mvc     0x48(4,%r0),caw3-base(%r12)
        la      %r1,10
        sio     0x009
        bc      7,fail-base(%r12)
        la      %r1,11
        la      %r4,100
poll:   tio     0x009
        bc      4,polled-base(%r12)              /* cc 1: CSW stored        */
        bct     %r4,poll-base(%r12)
        b       fail-base(%r12)
polled: la      %r1,12
        clc     0x44(4,%r0),cswok-base(%r12)
        bc      7,fail-base(%r12)

        lpsw    donepsw-base(%r12)

fail:   st      %r1,failpsw+4-base(%r12)
        lpsw    failpsw-base(%r12)

        .align  8
iopsw:   .long  0x00000000, ioint                /* BC, disabled            */
pgmpsw:  .long  0x00020000, 0x00000BAD           /* disabled wait X'BAD'    */
waitpsw: .long  0x80020000, 0                    /* channel 0 mask, wait    */
donepsw: .long  0x00020000, 0
failpsw: .long  0x00020000, 0
caw1:    .long  ccw1                             /* key 0                   */
caw2:    .long  ccw2
caw3:    .long  ccw3
cswok:   .long  0x0C000000                       /* CE DE, residual 0       */
devaddr: .short 0x0009
        .align  8
ccw1:    .long  0x09000000 + msg1                /* write, carrier return   */
         .byte  0x20, 0
         .short msg1end - msg1
ccw2:    .long  0x03000000                       /* no-operation            */
         .byte  0x20, 0
         .short 1
ccw3:    .long  0x09000000 + msg2
         .byte  0x20, 0
         .short msg2end - msg2
msg1:    .byte  0xE2, 0xC9, 0xD6, 0x40, 0xE3, 0xD6, 0x40, 0xE3, 0xC8, 0xC5, 0x40, 0xF3, 0xF2, 0xF1, 0xF5, 0x40, 0xC1, 0xE3, 0x40, 0xF0, 0xF0, 0xF9    /* SIO TO THE 3215 AT 009 */
msg1end:
msg2:    .byte  0xE2, 0x61, 0xF3, 0xF7, 0xF0, 0x40, 0xC3, 0xC8, 0xC1, 0xD5, 0xD5, 0xC5, 0xD3, 0x40, 0xC9, 0x61, 0xD6, 0x40, 0xD6, 0xD2    /* S/370 CHANNEL I/O OK */
msg2end:
