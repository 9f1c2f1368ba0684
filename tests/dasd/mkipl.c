/*
 * mkipl.c — make an IPL volume from a flat program image: a plain FBA
 * disk image, an AWS tape, or a CKD volume, for `interpex run --ipl`.
 *
 *   mkipl fba|tape|ckd [--arch esa390|s370] [--load HEX] [--entry HEX] IMAGE OUT
 *
 * For ckd, OUT is an existing plain CKD image (CKD_P370, e.g. made by
 * `interpex dasd create`), changed in place.
 * FBA (IBM 3370 GA26-1657; the IPL reads block 0, 24 bytes to 0):
 *   block 0   PSW; CCW 1 = Read IPL again, the whole block to X'400'
 *             (command chaining); CCW 2 = TIC to X'440', where block 0
 *             holds Define Extent (the volume, writes inhibited), Locate
 *             (read the program's blocks, from block 1) and Read, data-
 *             chained in pieces of 32K to the load address
 *   block 1-  the program, padded to whole blocks
 * Tape (AWS, tape.c; the IPL reads the first block, 24 bytes to 0):
 *   block 1   PSW; CCW 1 = read block 2 to X'400' (chaining, SLI);
 *             CCW 2 = TIC to X'400'
 *   block 2   the CCWs that read the program blocks to the load address
 *   block 3-  the program in blocks of 32K; then a tape mark
 * CKD (the IPL is Read IPL: cylinder 0 head 0 R1, 24 bytes to 0; IBM
 * 3990 Storage Control Reference GA32-0099; the records are laid out as
 * in image.h: HA, R0, counts CCHHRKDD, key, data, eight X'FF'):
 *   0/0 R1    IPL1 (key "IPL1"): PSW; CCW 1 = Read Data of the next
 *             record, IPL2, to X'400' (command chaining); CCW 2 = TIC
 *   0/0 R2    IPL2 (key "IPL2"): for each program track, the Seek and
 *             Search arguments (16 bytes), then the CCWs Seek, Search ID
 *             Equal R1, TIC back to the search, Read Data, chained
 *   0/0 R3-   what the volume had there (VOL1 and so on), kept
 *   0/2-      the program, one record R1 of up to 32K per track (head 1
 *             is the VTOC of `interpex dasd create`)
 * Every CCW is format 0.  The PSW starts the program disabled, at the
 * entry (default: the load address): ESA/390 31-bit EC mode, or S/370 BC.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ipl/iplrec.h"

#define PIECE 32768u
#define AREA  0x400u           /* where the IPL record's CCWs go */

static void usage(void)
{
    fprintf(stderr, "usage: mkipl fba|tape|ckd [--arch esa390|s370] [--load HEX] [--entry HEX] IMAGE OUT\n");
    exit(2);
}

static uint32_t hex(const char *s)
{
    uint32_t v;
    if (!parse_hex(s, 0xFFFFFFull, &v))
        usage();
    return v;
}

/* One AWS block (a single chunk). */
static void aws_block(FILE *o, const uint8_t *data, uint32_t len, uint32_t *prev)
{
    uint8_t h[6] = { (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)*prev, (uint8_t)(*prev >> 8),
                     data ? 0xA0 : 0x40, 0 };
    fwrite(h, 1, 6, o);
    if (data)
        fwrite(data, 1, len, o);
    *prev = len;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A record at trk + off: count CCHHRKDD, key, data; returns the new end. */
static uint32_t ckd_rec(uint8_t *trk, uint32_t off, uint16_t head, uint8_t r, const uint8_t *key,
                        uint8_t kl, const uint8_t *data, uint16_t dl)
{
    uint8_t *p = trk + off;
    memset(p, 0, 4);
    p[2] = (uint8_t)(head >> 8);
    p[3] = (uint8_t)head;
    p[4] = r;
    p[5] = kl;
    p[6] = (uint8_t)(dl >> 8);
    p[7] = (uint8_t)dl;
    memcpy(p + 8, key, kl);
    memcpy(p + 8 + kl, data, dl);
    return off + 8 + kl + dl;
}

/* The CKD volume: IPL1 and IPL2 on 0/0, the program from 0/2 on. */
static int ckd_ipl(const char *out, const uint8_t *psw, const uint8_t *image, size_t size,
                   uint32_t load)
{
    FILE *o = fopen(out, "r+b");
    uint8_t hdr[512];
    if (!o || fread(hdr, 1, 512, o) != 512 || memcmp(hdr, "CKD_P370", 8)) {
        fprintf(stderr, "mkipl: %s: not a plain CKD image\n", out);
        return 2;
    }
    uint32_t heads = le32(hdr + 8), trksize = le32(hdr + 12);
    /* Records of 32K, or of what fits on a small track, in 4K steps. */
    uint32_t chunk = trksize < 32768 + 64 ? ((trksize - 64) & ~4095u) : 32768;
    uint32_t n = (uint32_t)((size + chunk - 1) / chunk);
    uint8_t *trk = calloc(1, trksize), *old = calloc(1, trksize);
    if (!trk || !old || heads < 3 || trksize > 1u << 20 || chunk == 0 || 2 + n > heads ||
        fseek(o, 512, SEEK_SET) || fread(old, 1, trksize, o) != trksize) {
        fprintf(stderr, "mkipl: %s: the program does not fit on cylinder 0\n", out);
        return 2;
    }
    static const uint8_t k_ipl1[4] = { 0xC9, 0xD7, 0xD3, 0xF1 };    /* "IPL1" */
    static const uint8_t k_ipl2[4] = { 0xC9, 0xD7, 0xD3, 0xF2 };    /* "IPL2" */
    uint8_t ipl1[24], ipl2[48 * 16] = { 0 };
    memcpy(ipl1, psw, 8);
    ccw0(ipl1 + 8, 0x06, AREA, 0x40, (uint16_t)(48 * n));          /* Read Data, CC */
    ccw0(ipl1 + 16, 0x08, AREA + 16 * n, 0, 1);                    /* TIC           */
    for (uint32_t k = 0; k < n; k++) {
        uint16_t head = (uint16_t)(2 + k);
        uint32_t len = k + 1 < n ? chunk : (uint32_t)(size - k * chunk);
        uint8_t *arg = ipl2 + 16 * k, *c = ipl2 + 16 * n + 32 * k;
        arg[4] = (uint8_t)(head >> 8), arg[5] = (uint8_t)head;      /* BBCCHH */
        arg[10] = (uint8_t)(head >> 8), arg[11] = (uint8_t)head;    /* CCHHR  */
        arg[12] = 1;
        ccw0(c, 0x07, AREA + 16 * k, 0x40, 6);                      /* Seek   */
        ccw0(c + 8, 0x31, AREA + 16 * k + 8, 0x40, 5);              /* Search */
        ccw0(c + 16, 0x08, AREA + 16 * n + 32 * k + 8, 0, 1);       /* TIC    */
        ccw0(c + 24, 0x06, load + k * chunk, k + 1 < n ? 0x40 : 0, (uint16_t)len);
        /* The track: HA, R0 (8 bytes of zeros), R1 the piece, end. */
        memset(trk, 0, trksize);
        trk[3] = (uint8_t)(head >> 8), trk[4] = (uint8_t)head;
        uint8_t r0[8] = { 0 };
        uint32_t off = ckd_rec(trk, 5, head, 0, NULL, 0, r0, 8);
        off = ckd_rec(trk, off, head, 1, NULL, 0, image + k * chunk, (uint16_t)len);
        memset(trk + off, 0xFF, 8);
        if (fseek(o, 512 + (long)head * trksize, SEEK_SET) || fwrite(trk, 1, trksize, o) != trksize)
            return 2;
    }
    /* Cylinder 0 head 0: HA and R0 as they were, IPL1, IPL2, then the
     * records from R3 on as they were. */
    memset(trk, 0, trksize);
    uint32_t off = 5 + 8 + old[5 + 5] + (old[5 + 6] << 8 | old[5 + 7]);
    memcpy(trk, old, off);
    off = ckd_rec(trk, off, 0, 1, k_ipl1, 4, ipl1, 24);
    off = ckd_rec(trk, off, 0, 2, k_ipl2, 4, ipl2, (uint16_t)(48 * n));
    uint32_t at = 5;
    while (at + 8 <= trksize && memcmp(old + at, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8)) {
        uint32_t len = 8 + old[at + 5] + (old[at + 6] << 8 | old[at + 7]);
        if (old[at + 4] >= 3 && at + len <= trksize && off + len + 8 <= trksize) {
            memcpy(trk + off, old + at, len);
            off += len;
        }
        at += len;
    }
    memset(trk + off, 0xFF, 8);
    if (fseek(o, 512, SEEK_SET) || fwrite(trk, 1, trksize, o) != trksize || fclose(o)) {
        perror(out);
        return 2;
    }
    free(trk);
    free(old);
    return 0;
}

int main(int argc, char **argv)
{
    uint32_t load = 0x10000, entry = 0;
    int esa = 1, have_entry = 0, tape, ckd = 0;
    const char *in = NULL, *out = NULL;
    if (argc < 2)
        usage();
    if (!strcmp(argv[1], "fba"))
        tape = 0;
    else if (!strcmp(argv[1], "tape"))
        tape = 1;
    else if (!strcmp(argv[1], "ckd"))
        tape = 0, ckd = 1;
    else
        usage();
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--arch") && v) {
            esa = !strcmp(v, "esa390");
            if (!esa && strcmp(v, "s370"))
                usage();
            i++;
        } else if (!strcmp(a, "--load") && v) {
            load = hex(v), i++;
        } else if (!strcmp(a, "--entry") && v) {
            entry = hex(v), have_entry = 1, i++;
        } else if (a[0] == '-') {
            usage();
        } else if (!in) {
            in = a;
        } else if (!out) {
            out = a;
        } else {
            usage();
        }
    }
    if (!in || !out || load < AREA + 512)
        usage();
    if (!have_entry)
        entry = load;

    FILE *f = fopen(in, "rb");
    if (!f) {
        perror(in);
        return 2;
    }
    static uint8_t image[16 * 65536];
    size_t size = fread(image, 1, sizeof image, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    uint32_t pieces = (uint32_t)((size + PIECE - 1) / PIECE);
    if (size == 0 || more || load + size > 0xFFFFFF || pieces > 20) {
        fprintf(stderr, "mkipl: %s: empty or too big\n", in);
        return 2;
    }
    uint8_t rec[512] = { 0 };
    if (esa) {
        rec[1] = 0x08;
        put32(rec + 4, 0x80000000u | entry);
    } else {
        put32(rec + 4, entry);
    }
    if (ckd)
        return ckd_ipl(out, rec, image, size, load);
    FILE *o = fopen(out, "wb");
    if (!o) {
        perror(out);
        return 2;
    }
    if (!tape) {
        uint32_t nblk = (uint32_t)((size + 511) / 512), total = nblk + 1 < 64 ? 64 : nblk + 1;
        ccw0(rec + 8, 0x02, AREA, 0x40, 512);               /* Read IPL, CC  */
        ccw0(rec + 16, 0x08, AREA + 0x40, 0, 1);            /* TIC           */
        uint8_t *p = rec + 0x40;
        ccw0(p, 0x63, AREA + 0x100, 0x40, 16);              /* Define Extent */
        ccw0(p + 8, 0x43, AREA + 0x110, 0x40, 8);           /* Locate        */
        for (uint32_t k = 0; k < pieces; k++) {             /* Read          */
            uint32_t n = k + 1 < pieces ? PIECE : nblk * 512 - k * PIECE;
            ccw0(p + 16 + 8 * k, 0x42, load + k * PIECE, k + 1 < pieces ? 0x80 : 0, (uint16_t)n);
        }
        uint8_t *de = rec + 0x100;                          /* mask 0: read only */
        put32(de + 12, total - 1);
        uint8_t *loc = rec + 0x110;
        loc[0] = 0x06;
        loc[2] = (uint8_t)(nblk >> 8);
        loc[3] = (uint8_t)nblk;
        put32(loc + 4, 1);
        fwrite(rec, 1, 512, o);
        memset(image + size, 0, nblk * 512 - size);
        fwrite(image, 1, nblk * 512, o);
        memset(rec, 0, 512);
        for (uint32_t b = nblk + 1; b < total; b++)
            fwrite(rec, 1, 512, o);
    } else {
        uint32_t prev = 0;
        ccw0(rec + 8, 0x02, AREA, 0x60, 8 * pieces);        /* read CCWs, CC SLI */
        ccw0(rec + 16, 0x08, AREA, 0, 1);                   /* TIC               */
        aws_block(o, rec, 24, &prev);
        uint8_t ccws[8 * 20];
        for (uint32_t k = 0; k < pieces; k++)
            ccw0(ccws + 8 * k, 0x02, load + k * PIECE, k + 1 < pieces ? 0x60 : 0x20,
                 (uint16_t)PIECE);
        aws_block(o, ccws, 8 * pieces, &prev);
        for (uint32_t k = 0; k < pieces; k++) {
            uint32_t n = k + 1 < pieces ? PIECE : (uint32_t)(size - k * PIECE);
            aws_block(o, image + k * PIECE, n, &prev);
        }
        aws_block(o, NULL, 0, &prev);
    }
    if (fclose(o)) {
        perror(out);
        return 2;
    }
    return 0;
}
