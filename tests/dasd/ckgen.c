/*
 * ckgen.c — check a 3390 image written by dasdwrite.c (the kill -9 test):
 *
 *   ckgen IMAGE [GEN TRACK]
 *
 * Heads 0-7 of cylinder 1 must each hold R1-R10 of 4096 bytes whose words
 * all carry one generation number g with g % 8 == head, or be as they
 * were made: nothing after R0 (interpex dasd create), or an end-of-file
 * R1 (no key, no data) and nothing after it (dasdinit).  With GEN and
 * TRACK (the last "GEN g TRACK t" the console showed; t = g % 8), every
 * head must hold the last generation the console showed for it, or a
 * later one — a head never written is right only if none was shown, as
 * when the kill came before the first eight — and the track of generation
 * GEN + 1, whose channel program the kill cut short, may hold fewer
 * records: each Write CKD that ended had device end, the ones after it
 * never ran.  No record may be torn.  The image is a plain CKD_P370 file:
 * track t at 512 + t * 56832 (image.h).
 * Exit 0 if all is well, 1 with a message if not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRK 56832

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: ckgen IMAGE [GEN TRACK]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static uint8_t t[TRK];
    unsigned long gens[8] = { 0 };
    int bad = 0;
    for (unsigned h = 0; h < 8; h++) {
        if (fseek(f, 512 + (15L + h) * TRK, SEEK_SET) || fread(t, 1, TRK, f) != TRK) {
            printf("head %u: cannot be read\n", h);
            return 1;
        }
        uint32_t off = 5 + 16;
        static const uint8_t eot[8] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        const uint8_t *r1 = t + off;
        if (!memcmp(r1, eot, 8) || (r1[4] == 1 && r1[5] == 0 && r1[6] == 0 && r1[7] == 0 &&
                                    !memcmp(r1 + 8, eot, 8)))
            continue;                               /* never written */
        unsigned long g = 0;
        unsigned nrec = 0;
        for (unsigned r = 1; r <= 10; r++, off += 8 + 4096) {
            const uint8_t *c = t + off;
            if (!memcmp(c, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))
                break;                              /* the end of the track */
            if (c[4] != r || c[5] != 0 || (c[6] << 8 | c[7]) != 4096) {
                printf("head %u: record %u is damaged (a torn track?)\n", h, r);
                bad = 1;
                break;
            }
            nrec = r;
            for (unsigned w = 0; w < 1024; w++) {
                const uint8_t *p = c + 8 + 4 * w;
                unsigned long v = (unsigned long)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
                if (r == 1 && w == 0)
                    g = v;
                else if (v != g) {
                    printf("head %u: record %u word %u holds %lu, not %lu: torn track\n",
                           h, r, w, v, g);
                    bad = 1;
                    r = 11;
                    break;
                }
            }
        }
        if (!bad && g % 8 != h) {
            printf("head %u holds generation %lu\n", h, g);
            bad = 1;
        }
        unsigned long next = argc == 4 ? strtoul(argv[2], NULL, 10) + 1 : 0;
        if (!bad && nrec < 10 && g != next) {
            printf("head %u: generation %lu has %u records of 10\n", h, g, nrec);
            bad = 1;
        }
        gens[h] = g;
    }
    fclose(f);
    if (argc == 4) {
        unsigned long last = strtoul(argv[2], NULL, 10), trk = strtoul(argv[3], NULL, 10);
        if (last == 0 || trk != last % 8) {
            printf("GEN %lu TRACK %lu: not a line dasdwrite prints\n", last, trk);
            bad = 1;
        }
        for (unsigned h = 0; h < 8 && !bad; h++) {
            /* The last generation shown for head h: g <= last, g % 8 == h. */
            unsigned long want = last >= h ? last - (last - h) % 8 : 0;
            if (want && gens[h] < want) {
                printf("head %u holds generation %lu%s: generation %lu, reported written, is lost\n",
                       h, gens[h], gens[h] ? "" : " (never written)", want);
                bad = 1;
            }
        }
    }
    if (!bad)
        printf("ckgen: heads 0-7 whole, generations %lu %lu %lu %lu %lu %lu %lu %lu\n",
               gens[0], gens[1], gens[2], gens[3], gens[4], gens[5], gens[6], gens[7]);
    return bad;
}
