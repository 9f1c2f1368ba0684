/*
 * crt0.S — start of every C guest program (ESA/390 mode, 31-bit).
 *
 * Sets the external, SVC, program, machine-check and I/O new PSWs to
 * handlers that end in a disabled wait whose instruction address says what
 * happened (X'0DEnxxxx': n = 0 program, 1 external, 2 SVC, 3 machine check,
 * 4 I/O; xxxx = the interruption code), clears .bss, sets up a stack,
 * calls main(), and loads a disabled-wait PSW whose instruction address is
 * main's return value: 0 means success (ESA/390 PoO ch. 4 "Wait state").
 */
        .section .text.start,"ax"
        .globl  _start
_start:
        basr    %r13,0                  /* r13: base for this block      */
0:
        /* new PSWs: X'58' external ... X'78' I/O */
        mvc     0x58(8,%r0),new_ext-0b(%r13)
        mvc     0x60(8,%r0),new_svc-0b(%r13)
        mvc     0x68(8,%r0),new_pgm-0b(%r13)
        mvc     0x70(8,%r0),new_mck-0b(%r13)
        mvc     0x78(8,%r0),new_io-0b(%r13)

        /* clear .bss a word at a time */
        l       %r2,bss_start-0b(%r13)
        l       %r3,bss_end-0b(%r13)
        sr      %r4,%r4
1:      clr     %r2,%r3
        bnl     2f-0b(%r13)
        st      %r4,0(%r2)
        la      %r2,4(%r2)
        b       1b-0b(%r13)
2:
        l       %r15,stack_top-0b(%r13)
        ahi     %r15,-96                /* register save area for main   */
        xc      0(96,%r15),0(%r15)
        brasl   %r14,main

        /* disabled wait, instruction address = main's return value */
        basr    %r13,0
3:      n       %r2,mask31-3b(%r13)
        o       %r2,amode31-3b(%r13)
        st      %r2,exit_psw+4-3b(%r13)
        lpsw    exit_psw-3b(%r13)

/* Interruption handlers: put class and code into a wait PSW and stop. */
pgm_handler:
        basr    %r13,0
4:      lh      %r1,0x8e                /* program interruption code     */
        n       %r1,mask16-4b(%r13)
        o       %r1,code_pgm-4b(%r13)
        b       wait_code-4b(%r13)
ext_handler:
        basr    %r13,0
5:      lh      %r1,0x86                /* external interruption code    */
        n       %r1,mask16-5b(%r13)
        o       %r1,code_ext-5b(%r13)
        b       wait_code-5b(%r13)
svc_handler:
        basr    %r13,0
6:      lh      %r1,0x8a                /* SVC number                    */
        n       %r1,mask16-6b(%r13)
        o       %r1,code_svc-6b(%r13)
        b       wait_code-6b(%r13)
mck_handler:
        basr    %r13,0
7:      l       %r1,code_mck-7b(%r13)
        b       wait_code-7b(%r13)
io_handler:
        basr    %r13,0
8:      l       %r1,code_io-8b(%r13)
wait_code:
        basr    %r13,0
9:      o       %r1,amode31-9b(%r13)
        st      %r1,exit_psw+4-9b(%r13)
        lpsw    exit_psw-9b(%r13)

        .align  8
exit_psw:  .long 0x000A0000, 0x80000000
new_ext:   .long 0x00080000, 0x80000000 + ext_handler
new_svc:   .long 0x00080000, 0x80000000 + svc_handler
new_pgm:   .long 0x00080000, 0x80000000 + pgm_handler
new_mck:   .long 0x00080000, 0x80000000 + mck_handler
new_io:    .long 0x00080000, 0x80000000 + io_handler
bss_start: .long __bss_start
bss_end:   .long __bss_end
stack_top: .long __stack_top
mask31:    .long 0x7FFFFFFF
mask16:    .long 0x0000FFFF
amode31:   .long 0x80000000
code_pgm:  .long 0x0DE00000
code_ext:  .long 0x0DE10000
code_svc:  .long 0x0DE20000
code_mck:  .long 0x0DE30000
code_io:   .long 0x0DE40000
