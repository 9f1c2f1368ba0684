/*
 * hx_storage_370.S — System/370 storage keys (2K blocks, SSK/ISK),
 * fetch protection, low-address protection and prefixing (GA22-7000
 * ch. 3 "Protection", "Prefixing"), in EC mode.
 *
 * 1. Keys: blocks X'20000' (key 3, fetch-protected), X'20800' (key 5; the
 *    same 4K frame: 2K keys), X'21000' (key 0).  Under PSW keys 0, 3, 5
 *    and 9 (LPSW of prepared EC PSWs) the program fetches from and
 *    stores into each block; ISK reads the keys back (reference bit
 *    masked).
 * 2. Low-address protection (CR0 bit 3): stores at X'100' and X'1FF'
 *    are protection exceptions, at X'4FC' not.
 * 3. Prefixing: the first 4K are copied to X'30000', SPX moves the prefix
 *    there; an operation exception stores its old PSW at absolute
 *    X'30028'; real X'30000'+x reaches absolute x; STPX; SPX back to 0.
 *
 * HX-RUN: ARCH=s370 MAINSIZE=16 DUMPS=400:100,800:800,20000:10,20800:10,21000:10,30020:10,30080:20,30100:10,30400:20,304F0:10,30800:40,100:10,1E0:20
 */
#include "hx.h"

        .text
        .org    0
        PSW_EC(0, start)
        .org    0x58
        WAIT_EC(0xEEE1)
        WAIT_EC(0xEEE2)
        PSW_EC(0, pgmh)
        WAIT_EC(0xEEE3)
        WAIT_EC(0xEEE4)

        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c
        lm      %r12,%r15,SAVE
        lpsw    0x28

        HXWORDS(WAIT_EC(0), WAIT_EC(0xBAD), 0)

        .org    0x500
c_fa:       .long 0x20000
c_fb:       .long 0x20800
c_fc:       .long 0x21000
c_keya:     .long 0x38
c_keyb:     .long 0x50
c_keyc:     .long 0x00
c_rmask:    .long 0xFB
c_cr0lap:   .long 0x10800000
c_cr0:      .long 0x00800000
c_prefix:   .long 0x30000
c_zero:     .long 0
c_30100:    .long 0x30100
c_4k:       .long 0x1000
c_words:    .long 0xAAAA0001, 0xBBBB0002, 0xCCCC0003, 0
            .align 8
psw_k0:     PSW_EC(0x000000, back0)
psw_k3:     PSW_EC(0x300000, in3)
psw_k3b:    PSW_EC(0x000000, back3)
psw_k5:     PSW_EC(0x500000, in5)
psw_k5b:    PSW_EC(0x000000, back5)
psw_k9:     PSW_EC(0x900000, in9)
psw_k9b:    PSW_EC(0x000000, back9)

/* fetch, store on the three blocks (R7-R9) under the current key */
        .macro  ACCESS
        sr      %r2,%r2
        sr      %r3,%r3
        sr      %r4,%r4
        l       %r2,0(%r7)
        l       %r3,0(%r8)
        l       %r4,0(%r9)
        st      %r10,4(%r7)
        st      %r10,4(%r8)
        st      %r10,4(%r9)
        .endm

        .org    0x1000
start:
        l       %r7,c_fa
        l       %r8,c_fb
        l       %r9,c_fc
        mvc     0(4,%r7),c_words
        mvc     0(4,%r8),c_words+4
        mvc     0(4,%r9),c_words+8
        l       %r1,c_keya
        .insn   rr,0x0800,%r1,%r7               /* SSK                   */
        l       %r1,c_keyb
        .insn   rr,0x0800,%r1,%r8               /* SSK                   */
        l       %r1,c_keyc
        .insn   rr,0x0800,%r1,%r9               /* SSK                   */
        la      %r10,0
        ACCESS
        lpsw    psw_k0
back0:  stm     %r2,%r4,VARS
        la      %r10,3
        lpsw    psw_k3
in3:    ACCESS
        lpsw    psw_k3b                         /* fetch only: allowed   */
back3:  stm     %r2,%r4,VARS+0x10
        la      %r10,5
        lpsw    psw_k5
in5:    ACCESS
        lpsw    psw_k5b
back5:  stm     %r2,%r4,VARS+0x20
        la      %r10,9
        lpsw    psw_k9
in9:    ACCESS
        lpsw    psw_k9b
back9:  stm     %r2,%r4,VARS+0x30
        sr      %r2,%r2
        sr      %r3,%r3
        sr      %r4,%r4
        .insn   rr,0x0900,%r2,%r7               /* ISK                   */
        .insn   rr,0x0900,%r3,%r8               /* ISK                   */
        .insn   rr,0x0900,%r4,%r9               /* ISK                   */
        n       %r2,c_rmask
        n       %r3,c_rmask
        n       %r4,c_rmask
        stm     %r2,%r4,0x1E0

        /* 2. low-address protection */
        lctl    0,0,c_cr0lap
        l       %r1,c_words
        st      %r1,0x100
        st      %r1,VARS+0x7C
        mvi     0x1FF,0xEE
        lctl    0,0,c_cr0
        mvc     0x1EC(4),VARS+0x7C

        /* 3. prefixing */
        l       %r2,c_prefix
        l       %r3,c_4k
        sr      %r4,%r4
        l       %r5,c_4k
        mvcl    %r2,%r4
        spx     c_prefix
        stpx    VARS+0x70
        l       %r1,c_words+4
        st      %r1,0x100
        l       %r9,c_30100
        l       %r1,c_words+8
        st      %r1,0(%r9)
        .short  0                               /* operation exception   */
        l       %r2,0(%r9)
        l       %r3,0x100
        spx     c_zero
        stpx    0x1F8
        stm     %r2,%r3,0x1F0
        FINISH
