/*
 * hx_storage_esa.S — ESA/390 storage keys, fetch protection, low-address
 * protection and prefixing (SA22-7201 ch. 3 "Protection", "Prefixing").
 *
 * 1. Keys: frames X'20000' (key 3, fetch-protected), X'21000' (key 5),
 *    X'22000' (key 0) set with SSKE.  Under PSW keys 0, 3, 5 and 9 (SPKA)
 *    the program fetches from and stores into each frame and asks TPROT
 *    about each; the results (and the protection exceptions in the log)
 *    are compared.  ISKE reads the keys back (reference bit masked: it
 *    may be set by any access, PoO "Reference recording").
 * 2. Low-address protection (CR0 bit 3): stores at X'100', X'1FF' are
 *    protection exceptions, at X'4FC' not.
 * 3. Prefixing: the first 4K are copied to X'30000' and SPX moves the
 *    prefix there; a program interruption then stores its old PSW at
 *    absolute X'30028'; real X'30000'+x reaches absolute x and real x
 *    absolute X'30000'+x; STPX; SPX back to 0.
 *
 * HX-RUN: ARCH=esa390 MAINSIZE=17 DUMPS=400:100,800:800,20000:10,21000:10,22000:10,30020:10,30080:20,30100:10,30400:20,304F0:10,30800:40,100:10,1E0:20
 */
#include "hx.h"

        .text
        .org    0
        PSW_ESA(0, start)
        .org    0x58
        WAIT_ESA(0xEEE1)
        WAIT_ESA(0xEEE2)
        PSW_ESA(0, pgmh)
        WAIT_ESA(0xEEE3)
        WAIT_ESA(0xEEE4)

        .org    0x200
pgmh:   stm     %r12,%r15,SAVE
        LOGINT  0x28, 0x8c
        lm      %r12,%r15,SAVE
        lpsw    0x28

        HXWORDS(WAIT_ESA(0), WAIT_ESA(0xBAD), 0)

        .org    0x500
c_fa:       .long 0x20000
c_fb:       .long 0x21000
c_fc:       .long 0x22000
c_keya:     .long 0x38                          /* key 3, fetch-protected */
c_keyb:     .long 0x50
c_keyc:     .long 0x00
c_rmask:    .long 0xFB                          /* all but the R bit     */
c_cr0lap:   .long 0x10B00000                    /* low-address protection */
c_cr0:      .long 0x00B00000
c_prefix:   .long 0x30000
c_zero:     .long 0
c_30100:    .long 0x30100
c_words:    .long 0xAAAA0001, 0xBBBB0002, 0xCCCC0003, 0

/* one PSW key: fetch, store, TPROT on the three frames (R7-R9), results
   to R2-R6, R11, R12 then to \slot (8 words) under key 0 again */
        .macro  KEYBLOCK key, slot
        la      %r10,\key
        spka    \key
        sr      %r2,%r2
        sr      %r3,%r3
        sr      %r4,%r4
        l       %r2,0(%r7)
        l       %r3,0(%r8)
        l       %r4,0(%r9)
        st      %r10,4(%r7)
        st      %r10,4(%r8)
        st      %r10,4(%r9)
        tprot   0(%r7),\key
        ipm     %r5
        tprot   0(%r8),\key
        ipm     %r6
        tprot   0(%r9),\key
        ipm     %r11
        lr      %r12,%r2
        ipk                                     /* R2 bits 24-27: key    */
        spka    0
        stm     %r2,%r6,\slot
        st      %r11,\slot+20
        st      %r12,\slot+24
        .endm

        .org    0x1000
start:
        /* 1. keys */
        l       %r7,c_fa
        l       %r8,c_fb
        l       %r9,c_fc
        mvc     0(4,%r7),c_words
        mvc     0(4,%r8),c_words+4
        mvc     0(4,%r9),c_words+8
        l       %r1,c_keya
        sske    %r1,%r7
        l       %r1,c_keyb
        sske    %r1,%r8
        l       %r1,c_keyc
        sske    %r1,%r9
        KEYBLOCK 0x00, VARS
        KEYBLOCK 0x30, VARS+0x20
        KEYBLOCK 0x50, VARS+0x40
        KEYBLOCK 0x90, VARS+0x60
        iske    %r2,%r7
        iske    %r3,%r8
        iske    %r4,%r9
        n       %r2,c_rmask
        n       %r3,c_rmask
        n       %r4,c_rmask
        stm     %r2,%r4,0x1E0                   /* X'1E0'-X'1EB'         */

        /* 2. low-address protection */
        lctl    0,0,c_cr0lap
        l       %r1,c_words
        st      %r1,0x100                       /* protection            */
        st      %r1,VARS+0x7C                   /* allowed (X'4FC')      */
        mvi     0x1FF,0xEE                      /* protection            */
        mvi     0x1F0,0xEE                      /* protection            */
        lctl    0,0,c_cr0
        mvc     0x1EC(4),VARS+0x7C

        /* 3. prefixing: copy the first 4K to X'30000', SPX there */
        l       %r2,c_prefix
        lhi     %r3,4096
        sr      %r4,%r4
        lhi     %r5,4096
        mvcl    %r2,%r4
        spx     c_prefix
        stpx    VARS+0x70                       /* real X'4F0' -> abs X'304F0' */
        l       %r1,c_words+4
        st      %r1,0x100                       /* real X'100' -> abs X'30100' */
        l       %r9,c_30100
        l       %r1,c_words+8
        st      %r1,0(%r9)                      /* real X'30100' -> abs X'100' */
        .short  0                               /* operation exception: old PSW
                                                   to absolute X'30028'  */
        l       %r2,0(%r9)                      /* abs X'100'            */
        l       %r3,0x100                       /* abs X'30100'          */
        spx     c_zero
        stpx    0x1F8
        stm     %r2,%r3,0x1F0
        FINISH
