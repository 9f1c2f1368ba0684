/*
 * mkipl.c — make an IPL volume from a flat program image: a plain FBA
 * disk image or an AWS tape, for `interpex run --ipl`.
 *
 *   mkipl fba|tape [--arch esa390|s370] [--load HEX] [--entry HEX] IMAGE OUT
 *
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
 * Every CCW is format 0.  The PSW starts the program disabled, at the
 * entry (default: the load address): ESA/390 31-bit EC mode, or S/370 BC.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIECE 32768u
#define AREA  0x400u           /* where the IPL record's CCWs go */

static void usage(void)
{
    fprintf(stderr, "usage: mkipl fba|tape [--arch esa390|s370] [--load HEX] [--entry HEX] IMAGE OUT\n");
    exit(2);
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void ccw0(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    put32(p, addr);
    p[0] = cmd;
    p[4] = flags;
    p[5] = 0;
    p[6] = (uint8_t)(count >> 8);
    p[7] = (uint8_t)count;
}

static uint32_t hex(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 16);
    if (*end || end == s || v > 0xFFFFFFull)
        usage();
    return (uint32_t)v;
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

int main(int argc, char **argv)
{
    uint32_t load = 0x10000, entry = 0;
    int esa = 1, have_entry = 0, tape;
    const char *in = NULL, *out = NULL;
    if (argc < 2)
        usage();
    if (!strcmp(argv[1], "fba"))
        tape = 0;
    else if (!strcmp(argv[1], "tape"))
        tape = 1;
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
