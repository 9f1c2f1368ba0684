/*
 * mkdeck.c — make a self-loading card deck (80-byte EBCDIC binary cards)
 * from a flat program image, for IPL from a card reader.
 *
 *   mkdeck [--arch esa390|s370] [--load HEX] [--entry HEX] [--psw HEX16]
 *          [--ccw HEX] IMAGE DECK
 *
 * The deck (S/370 PoO GA22-7000 "Initial program loading"):
 *   card 1     the IPL record: PSW, then CCW 1 = read the first CCW card to
 *              the CCW area (command chaining), CCW 2 = TIC to it
 *   CCW card   up to 9 reads of program cards, then a read of the next CCW
 *              card to the 80 bytes that follow this one, where command
 *              chaining continues (80 is a multiple of 8)
 *   9 program cards, the next CCW card, ...
 * Every read is format 0 with SLI; the last one has no command chaining,
 * so the IPL ends there and the PSW of card 1 is loaded.  The CCW area
 * (default X'1000') must not overlap the program.
 * The default PSW starts at the entry address (default the load address),
 * disabled: ESA/390 31-bit EC mode, or S/370 BC mode.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iplrec.h"

#define CARD 80

static void usage(void)
{
    fprintf(stderr, "usage: mkdeck [--arch esa390|s370] [--load HEX] [--entry HEX] "
                    "[--psw HEX16] [--ccw HEX] IMAGE DECK\n");
    exit(2);
}

static uint32_t hex(const char *s)
{
    uint32_t v;
    if (!parse_hex(s, 0xFFFFFFFFull, &v))
        usage();
    return v;
}

int main(int argc, char **argv)
{
    uint32_t load = 0x10000, entry = 0, ccw_area = 0x1000;
    int esa = 1, have_entry = 0, have_psw = 0;
    uint8_t psw[8];
    const char *in = NULL, *out = NULL;

    for (int i = 1; i < argc; i++) {
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
        } else if (!strcmp(a, "--ccw") && v) {
            ccw_area = hex(v), i++;
        } else if (!strcmp(a, "--psw") && v) {
            if (strlen(v) != 16)
                usage();
            for (int k = 0; k < 8; k++) {
                char two[3] = { v[2 * k], v[2 * k + 1], 0 };
                psw[k] = (uint8_t)hex(two);
            }
            have_psw = 1, i++;
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
    if (!in || !out || (ccw_area & 7) || ccw_area > 0xFFFFFF || load > 0xFFFFFF)
        usage();
    if (!have_entry)
        entry = load;
    if (!have_psw) {
        memset(psw, 0, sizeof psw);
        if (esa) {
            psw[1] = 0x08;                           /* EC                 */
            put32(psw + 4, 0x80000000u | entry);     /* 31-bit addressing  */
        } else {
            put32(psw + 4, entry & 0x00FFFFFF);      /* BC mode            */
        }
    }

    FILE *f = fopen(in, "rb");
    if (!f) {
        perror(in);
        return 2;
    }
    uint8_t *image = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        if (size == cap) {
            cap = cap ? cap * 2 : 65536;
            image = realloc(image, cap);
            if (!image)
                return 2;
        }
        size_t n = fread(image + size, 1, cap - size, f);
        if (n == 0)
            break;
        size += n;
    }
    fclose(f);
    size_t ncards = (size + CARD - 1) / CARD;
    size_t nccw_cards = (ncards + 8) / 9;
    if (ncards == 0 || load + ncards * CARD > 0xFFFFFF ||
        (ccw_area < load + ncards * CARD && ccw_area + nccw_cards * CARD > load)) {
        fprintf(stderr, "mkdeck: %s: empty, too big, or over the CCW area\n", in);
        return 2;
    }

    FILE *o = fopen(out, "wb");
    if (!o) {
        perror(out);
        return 2;
    }
    uint8_t card[CARD];
    memset(card, 0, CARD);
    memcpy(card, psw, 8);
    ccw0(card + 8, 0x02, ccw_area, 0x60, CARD);     /* read CCW card, CC SLI */
    ccw0(card + 16, 0x08, ccw_area, 0, 1);          /* TIC                   */
    fwrite(card, 1, CARD, o);

    size_t next = 0;
    for (size_t k = 0; k < nccw_cards; k++) {
        size_t here = ncards - next < 9 ? ncards - next : 9;
        int last = k + 1 == nccw_cards;
        memset(card, 0, CARD);
        for (size_t j = 0; j < here; j++) {
            int final = last && j + 1 == here;
            ccw0(card + 8 * j, 0x02, (uint32_t)(load + (next + j) * CARD),
                 final ? 0x20 : 0x60, CARD);
        }
        if (!last)                                  /* read the next CCW card */
            ccw0(card + 72, 0x02, (uint32_t)(ccw_area + (k + 1) * CARD), 0x60, CARD);
        fwrite(card, 1, CARD, o);
        for (size_t j = 0; j < here; j++, next++) {
            memset(card, 0, CARD);
            size_t off = next * CARD;
            memcpy(card, image + off, size - off < CARD ? size - off : CARD);
            fwrite(card, 1, CARD, o);
        }
    }
    free(image);
    if (fclose(o)) {
        perror(out);
        return 2;
    }
    return 0;
}
