/*
 * hx.h — shared by the scenario programs (tests/hercules/scenarios/*.S).
 *
 * A scenario is a flat core image linked at absolute 0 (Makefile block
 * "random differential runs"), started like the random programs through
 * the restart new PSW, and run by run-random-diff.sh on interpex and on
 * Hercules; its "HX-RUN:" line gives ARCH, MAINSIZE (MB) and DUMPS.
 * Everything compared is what the Principles of Operation defines: the
 * interruption log, registers and storage the scenario dumps.  Where
 * the PoO leaves something open (the low bits of a translation-exception
 * address, the ILC of an instruction-fetch exception, the reference bit,
 * timer values), the handlers mask it before logging.
 *
 * Low storage (absolute, reachable with base 0):
 *   000-1FF  PSA             200-2FF program-check handler
 *   300-37F  SVC handler     380-3FF external-interruption handler
 *   400-43F  handler words   440-47F GR0-15 at the end (RESULT)
 *   480-4FF  scenario words  800-FFF interruption log, 128 x 16 bytes:
 *            old PSW, code word (X'8C', SVC X'88', ext X'84'; 0 in BC
 *            mode), a third word (X'90' masked for program interruptions)
 *   500-7FF  constants, addressed with base 0
 *   1000-    the program
 * Keep everything addressed as D(0) below X'1000': neither gas nor ld
 * complains when a symbol's displacement does not fit in 12 bits, the
 * instruction silently addresses something else.
 */
#define SAVE     0x400      /* R12-R15 of the handlers           */
#define COUNT    0x410      /* interruptions logged              */
#define MASK7F   0x414      /* X'7F': log index                  */
#define TEAMASK  0x418      /* what of X'90' is compared         */
#define WAITPSW  0x420      /* final disabled wait, address 0    */
#define FAILPSW  0x428      /* disabled wait, address X'BAD'     */
#define RESULT   0x440
#define VARS     0x480
#define LOG      0x800

/* PSWs: ESA/390 31-bit, S/370 EC or BC. */
#define PSW_ESA(mask, addr)  .long 0x00080000 | (mask), 0x80000000 + (addr)
#define PSW_ESA24(mask, addr) .long 0x00080000 | (mask), (addr)
#define PSW_EC(mask, addr)   .long 0x00080000 | (mask), (addr)
#define PSW_BC(mask, addr)   .long (mask), (addr)
#define WAIT_ESA(addr)       .long 0x000A0000, (addr)
#define WAIT_EC(addr)        .long 0x000A0000, (addr)
#define WAIT_BC(addr)        .long 0x00020000, (addr)

/* Log one interruption: old PSW at \old, code word at \code (or none:
 * zero), a third word from \third masked with TEAMASK (or none: zero).
 * Uses R14, R15 (saved by the caller at SAVE+8); leaves R14 = the entry
 * offset from LOG. */
        .macro  LOGINT old, code=none, third=none
        l       %r15,COUNT
        lr      %r14,%r15
        n       %r14,MASK7F
        sll     %r14,4
        mvc     LOG(8,%r14),\old
        .ifc    \code,none
        xc      LOG+8(4,%r14),LOG+8(%r14)
        .else
        mvc     LOG+8(4,%r14),\code
        .endif
        .ifc    \third,none
        xc      LOG+12(4,%r14),LOG+12(%r14)
        .else
        l       %r15,\third
        n       %r15,TEAMASK
        st      %r15,LOG+12(%r14)
        .endif
        l       %r15,COUNT
        la      %r15,1(%r15)
        st      %r15,COUNT
        .endm

/* The common words at X'400': HXWORDS(WAIT_ESA(0), WAIT_ESA(0xBAD), mask) */
#define HXWORDS(waitpsw, failpsw, teamask) \
        .org 0x400 ; .long 0, 0, 0, 0, 0, 0x7F, (teamask), 0 ; waitpsw ; failpsw

/* End: registers to RESULT, disabled wait with address 0; FAIL: a
 * disabled wait at X'BAD' (a scenario's own consistency check). */
        .macro  FINISH
        stm     %r0,%r15,RESULT
        lpsw    WAITPSW
        .endm

        .macro  FAIL
        stm     %r0,%r15,RESULT
        lpsw    FAILPSW
        .endm
