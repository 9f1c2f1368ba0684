/*
 * svc_roundtrip.S — SUPERVISOR CALL there and back (ESA/390 PoO ch. 6
 * "Supervisor-call interruption"): a problem-state program calls the
 * supervisor, the SVC handler looks at the interruption code, the ILC and
 * the old PSW, does the work the call asks for and returns with LPSW of
 * the SVC old PSW, so the program continues after the SVC, in the problem
 * state, with its condition code.  SVC as the target of EXECUTE (code from
 * R1, ILC 4), a privileged instruction in the problem state (program
 * interruption 0002, handled and skipped), and the last SVC, which ends
 * the run from the supervisor.
 *
 * Standalone, ESA/390, 31-bit.  GR11 holds the number of the check under
 * way; a failing check ends in a disabled wait whose address is that
 * number, success in a disabled wait at address 0.  The handlers use
 * GR12 (base) and GR3; the program keeps its base in GR13.
 *
 * RUN-ARGS: --deterministic
 */
        .section .text.start,"ax"
        .globl  _start
_start:
        basr    %r13,0
base:
        mvc     0x60(8,%r0),svcnew-base(%r13)    /* SVC new PSW            */
        mvc     0x68(8,%r0),pgmnew-base(%r13)    /* program new PSW        */
        sr      %r0,%r0
        st      %r0,calls-base(%r13)
        st      %r0,pgmcode-base(%r13)
        lpsw    probpsw-base(%r13)               /* to the problem state   */

/* ---- in the problem state -------------------------------------------------- */
prob:
        basr    %r13,0                           /* same base, new name     */
pbase:
        /* 1. SVC 7 adds 1 to GR2; the CC survives the round trip */
        lhi     %r11,1
        lhi     %r2,100
        ltr     %r2,%r2                          /* CC 2                   */
        svc     7
        jnh     fail                             /* CC must still be 2     */
        chi     %r2,101
        jne     fail

        /* 2. CC 1 survives too; GR0-GR10 are untouched */
        lhi     %r11,2
        lhi     %r4,-5
        lhi     %r5,44
        ltr     %r4,%r4                          /* CC 1                   */
        svc     7
        jnl     fail
        chi     %r2,102
        jne     fail
        chi     %r5,44
        jne     fail

        /* 3. SVC under EXECUTE: the number is or'ed from R1, ILC 4 */
        lhi     %r11,3
        lhi     %r1,0x05
        ex      %r1,exsvc-pbase(%r13)            /* SVC X'15'              */
afterex:
        chi     %r2,202                          /* 102 + 100              */
        jne     fail

        /* 4. a privileged instruction in the problem state: program
         *    interruption 0002, the handler skips it (suppression: the
         *    old PSW already points after it) */
        lhi     %r11,4
        ssm     sysmask-pbase(%r13)
        l       %r0,pgmcode-pbase(%r13)
        chi     %r0,2
        jne     fail

        /* 5. the handler counted three calls so far */
        lhi     %r11,5
        l       %r0,calls-pbase(%r13)
        chi     %r0,3
        jne     fail

        /* 6. SVC 255: the supervisor checks that it came from the problem
         *    state and ends the run */
        lhi     %r11,6
        svc     255
        j       fail                             /* never returns          */

exsvc:  svc     0x10

/* A failing check in the problem state cannot load a PSW: it asks the
 * supervisor, SVC 254, to end the run with GR11 as the wait address. */
fail:   svc     254

/* ---- the SVC handler: supervisor state, disabled -------------------------- */
svch:
        basr    %r12,0
sbase:
        l       %r3,calls-sbase(%r12)
        ahi     %r3,1
        st      %r3,calls-sbase(%r12)
        /* the old PSW must be the problem-state program's */
        tm      0x21,0x01                        /* PSW bit 15             */
        jz      sfail
        lh      %r3,0x8a                         /* interruption code      */
        chi     %r3,7
        je      svc7
        chi     %r3,0x15
        je      svc15
        chi     %r3,255
        je      svc255
        chi     %r3,254
        je      sfail
        j       sfail

svc7:   cli     0x89,2                           /* ILC 2                  */
        jne     sfail
        /* the old PSW points after the SVC, which is 2 bytes long */
        l       %r3,0x24
        la      %r3,0(%r3)                       /* 31-bit address         */
        ahi     %r3,-2
        lh      %r3,0(%r3)
        chi     %r3,0x0a07                       /* SVC 7 just before it   */
        jne     sfail
        ahi     %r2,1
        lpsw    0x20                             /* back after the SVC     */

svc15:  cli     0x89,4                           /* ILC 4 (EXECUTE)        */
        jne     sfail
        /* the old PSW points after the EXECUTE */
        l       %r3,0x24
        la      %r3,0(%r3)
        c       %r3,a_afterex-sbase(%r12)
        jne     sfail
        ahi     %r2,100
        lpsw    0x20

svc255: lpsw    donepsw-sbase(%r12)

/* ---- the program-check handler ------------------------------------------- */
pgmh:
        basr    %r12,0
pbase2:
        lh      %r3,0x8e
        st      %r3,pgmcode-pbase2(%r12)
        lpsw    0x28                             /* resume after it        */

/* ---- failure in the supervisor: disabled wait at the check number --------- */
sfail:
        basr    %r12,0
fbase:
        st      %r11,failpsw+4-fbase(%r12)
        oi      failpsw+4-fbase(%r12),0x80
        lpsw    failpsw-fbase(%r12)

        .align  8
probpsw:  .long  0x00090000, 0x80000000 + prob   /* EC, problem state      */
svcnew:   .long  0x00080000, 0x80000000 + svch
pgmnew:   .long  0x00080000, 0x80000000 + pgmh
donepsw:  .long  0x000A0000, 0x80000000
failpsw:  .long  0x000A0000, 0
calls:    .long  0
pgmcode:  .long  0
a_afterex: .long afterex
sysmask:  .byte  0
