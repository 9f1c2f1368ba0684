/*
 * hx_svc_esa.S — ESA/390 SUPERVISOR CALL round trips and problem state
 * (SA22-7201 ch. 6 "Supervisor-call interruption", ch. 4 "Problem state").
 *
 * The SVC handler logs the SVC old PSW and the word at X'88' (ILC and
 * code) and returns with LPSW of the old PSW; SVC 255 returns in the
 * supervisor state instead, SVC 16 issues SVC 17 from inside the handler
 * (the old PSW saved and restored around it).  Covered: SVC in the
 * supervisor state, in 24-bit mode, as the target of EXECUTE (ILC 4),
 * with a program mask and condition code, under PSW key 5, in the
 * problem state (and there a privileged operation, code 2, and SPKA of
 * a key the PSW-key mask does not allow, code 2), nested SVC.
 *
 * HX-RUN: ARCH=esa390 MAINSIZE=17 DUMPS=400:100,800:400
 */
#include "hx.h"

        .text
        .org    0
        PSW_ESA(0, start)
        .org    0x58
        WAIT_ESA(0xEEE1)
        PSW_ESA(0, svch)
        PSW_ESA(0, pgmh)
        WAIT_ESA(0xEEE3)
        WAIT_ESA(0xEEE4)

        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c
        lm      %r12,%r15,SAVE
        lpsw    0x28

        .org    0x300
svch:   stm     %r12,%r15,SAVE
        LOGINT  0x20, 0x88
        cli     0x8B,0xFF                       /* SVC 255: back to the  */
        bne     1f                              /* supervisor state      */
        ni      0x21,0xFE
1:      cli     0x8B,0x10                       /* SVC 16: nested SVC 17 */
        bne     2f
        mvc     VARS+0x70(8),0x20
        lm      %r12,%r15,SAVE
        svc     17
        stm     %r12,%r15,SAVE
        mvc     0x20(8),VARS+0x70
2:      lm      %r12,%r15,SAVE
        lpsw    0x20

        HXWORDS(WAIT_ESA(0), WAIT_ESA(0xBAD), 0)

        .org    0x500
c_prob:     PSW_ESA(0x00010000, inprob)         /* problem state, key 0  */
c_key5:     PSW_ESA(0x00500000, inkey5)         /* supervisor, key 5     */
c_back5:    PSW_ESA(0, backkey)
c_pm:       .long 0x2A000000                    /* CC 2, program mask A  */
c_cr3:      .long 0x40000000                    /* PKM: key 1 only       */
c_31:       .long 0x80000000
ex_svc:     svc   2

        .org    0x1000
start:
        svc     1
        ex      0,ex_svc                        /* ILC 4                 */
        /* 24-bit mode */
        bras    %r14,1f
1:      la      %r14,6(%r14)                    /* after the BSM         */
        bsm     0,%r14
        svc     3
        bras    %r14,2f
2:      la      %r14,10(%r14)
        o       %r14,c_31
        bsm     0,%r14
        /* program mask and CC */
        l       %r1,c_pm
        spm     %r1
        svc     4
        /* PSW key 5 */
        lpsw    c_key5
inkey5: svc     5
        lpsw    c_back5
backkey:
        /* problem state */
        lctl    3,3,c_cr3
        lpsw    c_prob
inprob: svc     6
        ex      0,ex_svc
        lpsw    c_prob                          /* privileged operation  */
        spka    0x50                            /* key 5 not in the PKM  */
        spka    0x10                            /* key 1 allowed         */
        ipk
        st      %r2,VARS                        /* key 1, key-0 storage: */
        svc     255                             /* protection; then back */
        spka    0
        /* nested */
        svc     16
        svc     18
        FINISH
