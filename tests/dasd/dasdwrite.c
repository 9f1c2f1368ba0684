/*
 * dasdwrite.c — a guest program for the kill -9 test (run-dasd-tests.sh):
 * it writes tracks of the CKD disk at device 0120 over and over, and
 * after each device end prints "GEN g TRACK t" on the console.
 *
 * Generation g goes to head g % 8 of cylinder 1: Seek, Search ID equal
 * R0 (with a TIC loop), then Write CKD of R1-R10, 4096 bytes each, every
 * word of which holds g — so a half-written track, or a lost write, shows
 * in the image (tests/dasd/ckgen.c checks it).  It goes on for a million
 * generations (run it with --max-insns, or kill it); a failure ends it in
 * a disabled wait whose code is the number of the failing step.
 * Channel subsystem use as in guest/lib/console.c (ESA/390 PoO ch. 14-15).
 */
#include "guest/io.h"
#include "guest/libc.h"

#define DEVNUM  0x0120
#define RECS    10
#define DLEN    4096


static uint8_t schib[52] __attribute__((aligned(8)));
static uint8_t irb[64] __attribute__((aligned(8)));
static uint32_t orb[3] __attribute__((aligned(8)));
static struct ccw1 prog[3 + RECS] __attribute__((aligned(8)));
static uint8_t seek[8] __attribute__((aligned(8)));
static uint8_t search[8] __attribute__((aligned(8)));
static uint8_t recs[RECS][8 + DLEN] __attribute__((aligned(8)));

static uint32_t find(void)
{
    for (uint32_t sch = 0; sch < 0x10000; sch++) {
        uint32_t id = 0x00010000u | sch;
        if (stsch(id, schib) == 3)
            return 0;
        if ((schib[5] & 0x01) && (schib[6] << 8 | schib[7]) == DEVNUM) {
            schib[4] = 7 << 3;
            schib[5] |= 0x80;
            return msch(id, schib) == 0 ? id : 0;
        }
    }
    return 0;
}

int main(void)
{
    uint32_t id = find();
    if (!id)
        return 1;
    for (uint32_t gen = 1; gen <= 1000000; gen++) {
        uint16_t head = (uint16_t)(gen % 8);
        memset(seek, 0, sizeof seek);
        seek[3] = 1;
        seek[5] = (uint8_t)head;
        memset(search, 0, sizeof search);
        search[1] = 1;
        search[3] = (uint8_t)head;
        prog[0] = (struct ccw1){ 0x07, 0x40, 6, (uint32_t)(uintptr_t)seek };
        prog[1] = (struct ccw1){ 0x31, 0x40, 5, (uint32_t)(uintptr_t)search };
        prog[2] = (struct ccw1){ 0x08, 0, 0, (uint32_t)(uintptr_t)&prog[1] };
        for (int r = 0; r < RECS; r++) {
            uint8_t *p = recs[r];
            p[0] = 0, p[1] = 1, p[2] = 0, p[3] = (uint8_t)head;
            p[4] = (uint8_t)(r + 1), p[5] = 0, p[6] = DLEN >> 8, p[7] = 0;
            for (int w = 0; w < DLEN / 4; w++)
                ((uint32_t *)(p + 8))[w] = gen;
            prog[3 + r] = (struct ccw1){ 0x1D, r + 1 < RECS ? 0x40 : 0, 8 + DLEN,
                                         (uint32_t)(uintptr_t)p };
        }
        orb[0] = 0;
        orb[1] = 0x0080FF00;                    /* format-1 CCWs, all paths */
        orb[2] = (uint32_t)(uintptr_t)prog;
        if (ssch(id, orb) != 0)
            return 2;
        int done = 0;
        for (long spins = 0; spins < 1000000 && !done; spins++)
            done = tsch(id, irb) == 0 && (irb[3] & 0x04);
        if (!done)
            return 3;
        if (irb[8] != 0x0C || irb[9] != 0)
            return 4;                           /* not channel end + device end */
        printf("GEN %u TRACK %u\n", (unsigned)gen, (unsigned)head);
    }
    return 0;
}
