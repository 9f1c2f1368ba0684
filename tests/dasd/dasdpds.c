/*
 * dasdpds.c — a guest program for run-dasd-tests.sh: on the 3390 at device
 * 0120, a volume made by `interpex dasd create --volser` (VOL1 pointing at
 * a one-track VTOC on cylinder 0 head 1: R1 the format-4 DSCB, then empty
 * DSCBs), it writes a partitioned data set that Hercules' dasdcat reads:
 *
 *   VTOC R2     the format-1 DSCB of IPX.TEST.PDS: DSORG=PO RECFM=FB
 *               LRECL=80 BLKSIZE=800, one extent, cylinder 1 (X'81':
 *               on cylinder boundaries); the format-4 DSCB gets DS4HPCHR
 *               (the last format-1 DSCB) and one free DSCB fewer
 *   1/0 (TT 0)  R1 the directory block (key: the last name in it, here
 *               the X'FF' end entry; data: 256 bytes, the halfword of
 *               bytes used, then the member HELLO at TTR X'000101' and
 *               the end entry), R2 end of file
 *   1/1 (TT 1)  member HELLO: 25 cards in blocks of 10 (R1-R3, the last
 *               short), R4 end of file (a record with no key and no data)
 *
 * Every write is a channel program of the kind the access methods use:
 * Seek, Search ID Equal with a TIC back to it, then Read Key and Data,
 * Write Key and Data (a DSCB in place) or Write CKD (new records after R0;
 * the rest of the track is erased).  The DSCB offsets are those of IBM
 * DFSMSdfp Advanced Services SC26-7400, "DSCB formats"; the directory
 * layout is DFSMS Using Data Sets SC26-7410, "PDS directory".
 * It prints "PDS WRITTEN" and returns 0; a failing step ends in a disabled
 * wait whose code is the number of the step.
 */
#include "guest/io.h"
#include "guest/libc.h"

#define DEVNUM  0x0120
#define CARDS   25
#define PERBLK  10
#define LRECL   80

#define CC   0x40
#define A(p) ((uint32_t)(uintptr_t)(p))


static uint8_t schib[52] __attribute__((aligned(8)));
static uint8_t irb[64] __attribute__((aligned(8)));
static uint32_t orb[3] __attribute__((aligned(8)));
static struct ccw1 prog[16] __attribute__((aligned(8)));
static uint8_t seek[8] __attribute__((aligned(8)));
static uint8_t search[8] __attribute__((aligned(8)));
static uint8_t dscb[140];                          /* key 44, data 96 */
static uint8_t dir[8 + 8 + 256];                   /* count, key, data */
static uint8_t eof[8];
static uint8_t blk[3][8 + PERBLK * LRECL];
static uint32_t schid;

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

/* Run prog; 1 if it ended with channel end and device end alone. */
static int run(void)
{
    orb[0] = 0;
    orb[1] = 0x0080FF00;                            /* format-1 CCWs, all paths */
    orb[2] = A(prog);
    if (ssch(schid, orb) != 0)
        return 0;
    for (long spins = 0; spins < 1000000; spins++)
        if (tsch(schid, irb) == 0 && (irb[3] & 0x04))
            return irb[8] == 0x0C && irb[9] == 0;
    return 0;
}

/* Seek cylinder/head, Search ID Equal record r, TIC back to the search:
 * the first three CCWs of every program here. */
static void position(uint16_t cyl, uint16_t head, uint8_t r)
{
    memset(seek, 0, sizeof seek);
    seek[2] = (uint8_t)(cyl >> 8), seek[3] = (uint8_t)cyl;
    seek[4] = (uint8_t)(head >> 8), seek[5] = (uint8_t)head;
    memcpy(search, seek + 2, 4);
    search[4] = r;
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seek) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(search) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
}

static void count(uint8_t *p, uint16_t cyl, uint16_t head, uint8_t r, uint8_t kl, uint16_t dl)
{
    p[0] = (uint8_t)(cyl >> 8), p[1] = (uint8_t)cyl;
    p[2] = (uint8_t)(head >> 8), p[3] = (uint8_t)head;
    p[4] = r, p[5] = kl, p[6] = (uint8_t)(dl >> 8), p[7] = (uint8_t)dl;
}

/* n characters of s in EBCDIC, blank-padded. */
static void ebc(uint8_t *dst, const char *s, size_t n)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < n; i++)
        dst[i] = ascii_to_ebcdic[i < len ? (uint8_t)s[i] : ' '];
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v;
}

int main(void)
{
    schid = find();
    if (!schid)
        return 1;

    /* 1. The format-4 DSCB (VTOC R1): read it, then write it back with
     *    DS4HPCHR = 0/1 R2 and one free DSCB fewer (DS4DSREC). */
    position(0, 1, 1);
    prog[3] = (struct ccw1){ 0x0E, 0, sizeof dscb, A(dscb) };
    if (!run() || dscb[44] != 0xF4)
        return 2;
    const uint8_t hpchr[5] = { 0, 0, 0, 1, 2 };
    memcpy(dscb + 45, hpchr, 5);
    uint16_t nfree = (uint16_t)(dscb[50] << 8 | dscb[51]);
    put16(dscb + 50, nfree ? nfree - 1 : 0);
    position(0, 1, 1);
    prog[3] = (struct ccw1){ 0x0D, 0, sizeof dscb, A(dscb) };
    if (!run())
        return 3;

    /* 2. The volume serial, from VOL1 (R3 of 0/0). */
    static uint8_t vol1[4 + 80];
    position(0, 0, 3);
    prog[3] = (struct ccw1){ 0x0E, 0, sizeof vol1, A(vol1) };
    if (!run() || vol1[4] != 0xE5)
        return 4;
    uint8_t volser[6];
    memcpy(volser, vol1 + 4 + 4, 6);

    /* 3. The format-1 DSCB, in place of the empty DSCB R2. */
    memset(dscb, 0, sizeof dscb);
    ebc(dscb, "IPX.TEST.PDS", 44);                   /* DS1DSNAM (the key)  */
    uint8_t *d = dscb + 44;                          /* DSCB offset 44      */
    d[0] = 0xF1;                                     /* DS1FMTID            */
    memcpy(d + 1, volser, 6);                        /* DS1DSSN             */
    put16(d + 7, 1);                                 /* DS1VOLSQ            */
    d[9] = 125, put16(d + 10, 1);                    /* DS1CREDT: 2025.001  */
    d[15] = 1;                                       /* DS1NOEPV            */
    d[16] = 26;                                      /* DS1NOBDB            */
    ebc(d + 18, "IBMOSVS2", 13);                     /* DS1SYSCD            */
    d[38] = 0x02;                                    /* DS1DSORG: PO        */
    d[40] = 0x90;                                    /* DS1RECFM: FB        */
    put16(d + 42, PERBLK * LRECL);                   /* DS1BLKL             */
    put16(d + 44, LRECL);                            /* DS1LRECL            */
    d[49] = 0x80;                                    /* DS1DSIND: last volume */
    d[50] = 0xC0;                                    /* DS1SCALO: cylinders */
    d[54] = 0, d[55] = 1, d[56] = 4;                 /* DS1LSTAR: TTR 0104  */
    uint8_t *x = d + 61;                             /* DS1EXT1             */
    x[0] = 0x81;                                     /* cylinder boundaries */
    put16(x + 2, 1), put16(x + 4, 0);                /* from 1/0            */
    put16(x + 6, 1), put16(x + 8, 14);               /* to 1/14             */
    position(0, 1, 2);
    prog[3] = (struct ccw1){ 0x0D, 0, sizeof dscb, A(dscb) };
    if (!run())
        return 5;

    /* 4. The directory: one block and an end-of-file record. */
    memset(dir, 0, sizeof dir);
    count(dir, 1, 0, 1, 8, 256);
    memset(dir + 8, 0xFF, 8);                        /* key: the end entry */
    uint8_t *b = dir + 16;
    put16(b, 2 + 12 + 12);                           /* bytes used          */
    ebc(b + 2, "HELLO", 8);                          /* member name         */
    b[10] = 0, b[11] = 1, b[12] = 1, b[13] = 0;      /* TTR 000101, C = 0   */
    memset(b + 14, 0xFF, 8);                         /* the end entry       */
    count(eof, 1, 0, 2, 0, 0);
    position(1, 0, 0);
    prog[3] = (struct ccw1){ 0x1D, CC, sizeof dir, A(dir) };
    prog[4] = (struct ccw1){ 0x1D, 0, 8, A(eof) };
    if (!run())
        return 6;

    /* 5. The member: cards "LINE nn OF MEMBER HELLO", blocks of 10. */
    position(1, 1, 0);
    int nblk = (CARDS + PERBLK - 1) / PERBLK;
    for (int k = 0; k < nblk; k++) {
        int n = CARDS - k * PERBLK < PERBLK ? CARDS - k * PERBLK : PERBLK;
        count(blk[k], 1, 1, (uint8_t)(k + 1), 0, (uint16_t)(n * LRECL));
        for (int c = 0; c < n; c++) {
            char line[LRECL + 1];
            snprintf(line, sizeof line, "LINE %02d OF MEMBER HELLO, WRITTEN BY AN INTERPEX GUEST",
                     k * PERBLK + c + 1);
            ebc(blk[k] + 8 + c * LRECL, line, LRECL);
        }
        prog[3 + k] = (struct ccw1){ 0x1D, CC, (uint16_t)(8 + n * LRECL), A(blk[k]) };
    }
    count(eof, 1, 1, (uint8_t)(nblk + 1), 0, 0);
    prog[3 + nblk] = (struct ccw1){ 0x1D, 0, 8, A(eof) };
    if (!run())
        return 7;

    printf("PDS WRITTEN\n");
    return 0;
}
