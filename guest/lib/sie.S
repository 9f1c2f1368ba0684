/*
 * sie.S — issue SIE from C (guest/siecall.h).
 *
 *   void sie_enter(void *sd, uint32_t gr[14]);
 *
 * SIE shares GR0-13 between host and guest (SIE.md, "register sharing"):
 * they are loaded from gr[] before SIE and stored back after it, while the
 * C caller's registers are saved around the call.  GR14 and GR15, which
 * SIE leaves alone, hold the SD address and the stack pointer across it.
 */
        .text
        .align  4
        .globl  sie_enter
        .type   sie_enter, @function
sie_enter:
        stm     %r6,%r15,24(%r15)       # callee-saved registers
        st      %r3,12(%r15)            # gr[] (r3 save slot)
        lr      %r14,%r2                # the SD
        lm      %r0,%r13,0(%r3)         # guest GR0-13
        .insn   s,0xb2140000,0(%r14)    # SIE 0(14)
        l       %r14,12(%r15)
        stm     %r0,%r13,0(%r14)        # guest GR0-13 back
        lm      %r6,%r15,24(%r15)
        br      %r14
        .size   sie_enter, .-sie_enter
        .section .note.GNU-stack,"",@progbits
