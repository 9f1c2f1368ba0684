/*
 * dasdtool.c — `interpex dasd`: create, list and check DASD images.
 *
 *   interpex dasd create TYPE FILE [--cyls N | --blocks N] [--volser V]
 *   interpex dasd ls FILE
 *   interpex dasd check FILE
 *   interpex dasd cmp FILE1 FILE2
 *
 * create: a plain CKD_P370 image (ckd_create: HA and R0 on every track;
 * with a volume serial also IPL1, IPL2, VOL1 and a one-track VTOC) or a
 * plain FBA image (fba_create).  A CKD volume of 32 MB or more shows its
 * progress on stderr when that is a terminal (FBA images are made sparse,
 * at once).
 * ls: the volume label, and the data sets of the VTOC — the VOL1 label
 * (R3 of cylinder 0 head 0 as a rule; its bytes 11-15 point at the VTOC),
 * the format-4 DSCB there (its VTOC extent at offset 105), and every
 * format-1 DSCB in that extent: name (the 44-byte key), DS1DSORG (82),
 * DS1RECFM (84), DS1BLKL (86), DS1LRECL (88), DS1NOEPV (59) and the three
 * extents at 105, 115, 125 (type, sequence, first CCHH, last CCHH).
 * (IBM DFSMSdfp Advanced Services SC26-7400, "DSCB formats"; OS/VS2
 * "Data Areas" for the older spellings of the same fields.)
 * check: the structure of the image: header, tables and, for CKD, every
 * track's home address, R0, records and end marker (image.h); one line
 * per bad track with its cylinder and head.
 * cmp: two images of any formats (plain or compressed) hold the same
 * tracks — each track's home address, records and end marker; what lies
 * after the end marker is not part of the track — or the same blocks.
 * For a volume copied by Hercules' ckd2cckd, dasdcopy or cckd2ckd.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console/codepage.h"
#include "console/dasdtool.h"
#include "cpu370/bits.h"
#include "dasd/dasd.h"
#include "dasd/image.h"

enum { OK = 0, PROBLEMS = 1, USAGE = 2 };

static void usage(FILE *f)
{
    fprintf(f,
        "usage: interpex dasd create TYPE FILE [--cyls N | --blocks N] [--volser V]\n"
        "       interpex dasd ls FILE\n"
        "       interpex dasd check FILE\n"
        "       interpex dasd cmp FILE1 FILE2\n"
        "  TYPE: 2314 3330 3340 3350 3375 3380 3390 (CKD), 3310 3370 9336 (FBA)\n");
}

/* EBCDIC to printable ASCII, trailing blanks cut. */
static void text(const uint8_t *e, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char u[8];
        unsigned len = ebcdic_to_utf8(e[i], u);
        out[k++] = len == 1 && u[0] >= 0x20 && u[0] < 0x7F ? u[0] : '.';
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = 0;
}

static bool parse_num(const char *s, unsigned long max, unsigned long *v)
{
    char *end;
    errno = 0;
    *v = strtoul(s, &end, 10);
    return !errno && end != s && !*end && *v > 0 && *v <= max;
}

/* The progress of `create` on a terminal, as dasdinit shows it: one line
 * on stderr, rewritten in place at each new percent, and ended with a
 * newline.  Only for volumes big enough to take a moment to write, and
 * never when stderr is not a terminal. */
#define PROGRESS_MIN_BYTES (32ull << 20)

typedef struct Progress {
    const char *file;
    int pct;                   /* last percentage shown, -1 none yet */
} Progress;

static void show_progress(void *arg, unsigned done, unsigned total)
{
    Progress *p = arg;
    int pct = (int)((uint64_t)done * 100 / total);
    if (pct == p->pct)
        return;
    p->pct = pct;
    fprintf(stderr, "\r%s: %3d%% (cylinder %u of %u)", p->file, pct, done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static int cmd_create(int argc, char **argv)
{
    const char *type = NULL, *file = NULL, *volser = NULL;
    unsigned long n = 0;
    bool cyls = false, blocks = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--cyls") || !strcmp(a, "--blocks")) {
            if (!v || !parse_num(v, 0xFFFFFFFFul, &n)) {
                fprintf(stderr, "interpex dasd create: %s needs a positive number\n", a);
                return USAGE;
            }
            cyls = a[2] == 'c';
            blocks = !cyls;
            i++;
        } else if (!strcmp(a, "--volser")) {
            if (!v || !*v || strlen(v) > 6) {
                fprintf(stderr, "interpex dasd create: --volser needs 1 to 6 characters\n");
                return USAGE;
            }
            volser = v;
            i++;
        } else if (a[0] == '-') {
            fprintf(stderr, "interpex dasd create: unknown option %s\n", a);
            return USAGE;
        } else if (!type) {
            type = a;
        } else if (!file) {
            file = a;
        } else {
            usage(stderr);
            return USAGE;
        }
    }
    if (!file) {
        usage(stderr);
        return USAGE;
    }
    char err[512];
    const CkdType *ct = ckd_type_by_name(type);
    const FbaType *ft = fba_type_by_name(type);
    if (!ct && !ft) {
        fprintf(stderr, "interpex dasd create: %s is not a DASD type\n", type);
        return USAGE;
    }
    if ((ct && blocks) || (ft && cyls)) {
        fprintf(stderr, "interpex dasd create: a %s has %s\n", type, ct ? "cylinders" : "blocks");
        return USAGE;
    }
    int rc;
    if (ct) {
        unsigned c = n ? (unsigned)n : ct->cyls;
        Progress pr = { file, -1 };
        bool show = isatty(STDERR_FILENO) &&
                    (uint64_t)c * ct->heads * ct->trksize >= PROGRESS_MIN_BYTES;
        rc = ckd_create_progress(file, type, c, volser, show ? show_progress : NULL, &pr,
                                 err, sizeof err);
        if (rc && pr.pct >= 0 && pr.pct < 100)
            fputc('\n', stderr);
        if (rc == 0)
            printf("%s: %s, %u cylinders of %u tracks%s%s\n", file, type, c, ct->heads,
                   volser ? ", volume " : "", volser ? volser : "");
    } else {
        uint32_t b = n ? (uint32_t)n : ft->blocks;
        rc = fba_create(file, type, b, volser, err, sizeof err);
        if (rc == 0)
            printf("%s: %s, %u blocks of 512 bytes%s%s\n", file, type, b,
                   volser ? ", volume " : "", volser ? volser : "");
    }
    if (rc) {
        fprintf(stderr, "interpex dasd create: %s\n", err);
        return USAGE;
    }
    return OK;
}

static const char *format_name(const Image *im)
{
    switch (im->fmt) {
    case IMG_CKD:  return "CKD";
    case IMG_CCKD: return "compressed CKD";
    case IMG_FBA:  return "FBA";
    default:       return "compressed FBA";
    }
}

static Image *open_image(const char *cmd, const char *file)
{
    char err[512];
    ImgOptions o = { .readonly = true, .fba = true };
    Image *im = img_open(file, &o, err, sizeof err);
    if (!im)
        fprintf(stderr, "interpex dasd %s: %s\n", cmd, err);
    return im;
}

/* ---- ls ---------------------------------------------------------------------- */

typedef struct Rec {
    const uint8_t *count, *key, *data;
    uint8_t kl;
    uint16_t dl;
} Rec;

/* The records of a track image after R0, one at a time; false at the end. */
static bool next_rec(const uint8_t *trk, uint32_t trksize, uint32_t *off, Rec *r)
{
    if (*off == 0)
        *off = 5 + 16;
    if (*off + 8 > trksize || !memcmp(trk + *off, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))
        return false;
    r->count = trk + *off;
    r->kl = r->count[5];
    r->dl = ld_be16(r->count + 6);
    if (*off + 8 + r->kl + r->dl + 8 > trksize)
        return false;
    r->key = r->count + 8;
    r->data = r->key + r->kl;
    *off += 8 + r->kl + r->dl;
    return true;
}

static const char *dsorg_name(const uint8_t *d)
{
    if (d[0] & 0x80) return "IS";
    if (d[0] & 0x40) return "PS";
    if (d[0] & 0x20) return "DA";
    if (d[0] & 0x02) return "PO";
    if (d[1] & 0x08) return "VSAM";
    return "??";
}

static void recfm_name(uint8_t f, char *out)
{
    const char *base = (f & 0xC0) == 0xC0 ? "U" : (f & 0x80) ? "F" : (f & 0x40) ? "V" : "?";
    snprintf(out, 8, "%s%s%s%s", base, f & 0x10 ? "B" : "", f & 0x08 ? "S" : "",
             f & 0x04 ? "A" : f & 0x02 ? "M" : "");
}

static int ls_ckd(Image *im, uint8_t *trk)
{
    if (img_read_unit(im, 0, trk)) {
        printf("cylinder 0 head 0 cannot be read\n");
        return PROBLEMS;
    }
    uint32_t off = 0;
    Rec r;
    const uint8_t *vol1 = NULL;
    while (next_rec(trk, im->trksize, &off, &r))
        if (r.dl >= 80 && !memcmp(r.data, "\xE5\xD6\xD3\xF1", 4)) {    /* VOL1 */
            vol1 = r.data;
            break;
        }
    if (!vol1) {
        printf("no volume label (no VOL1 record on cylinder 0 head 0)\n");
        return OK;
    }
    char ser[8], owner[16];
    text(vol1 + 4, 6, ser);
    text(vol1 + 41, 10, owner);
    unsigned vc = ld_be16(vol1 + 11), vh = ld_be16(vol1 + 13), vr = vol1[15];
    printf("volume: %s%s%s\n", ser, *owner ? "  owner: " : "", owner);
    if (vc >= im->cyls || vh >= im->heads || img_read_unit(im, vc * im->heads + vh, trk)) {
        printf("no VTOC (VOL1 points at cyl %u head %u, not on the volume)\n", vc, vh);
        return OK;
    }
    off = 0;
    const uint8_t *f4 = NULL;
    while (next_rec(trk, im->trksize, &off, &r))
        if (r.count[4] == vr && r.kl == 44 && r.dl == 96 && r.data[0] == 0xF4) {
            f4 = r.data;
            break;
        }
    if (!f4) {
        printf("no VTOC (no format-4 DSCB at cyl %u head %u record %u)\n", vc, vh, vr);
        return OK;
    }
    const uint8_t *x = f4 + 61;                     /* DS4VTOCE */
    unsigned b = ld_be16(x + 2) * im->heads + ld_be16(x + 4);
    unsigned e = ld_be16(x + 6) * im->heads + ld_be16(x + 8);
    printf("VTOC: cyl %u head %u to cyl %u head %u\n", ld_be16(x + 2), ld_be16(x + 4),
           ld_be16(x + 6), ld_be16(x + 8));
    if (e < b || e >= im->units) {
        printf("VTOC extent is not on the volume\n");
        return PROBLEMS;
    }
    unsigned count = 0;
    for (unsigned t = b; t <= e; t++) {
        if (img_read_unit(im, t, trk)) {
            printf("VTOC track cyl %u head %u cannot be read\n", t / im->heads, t % im->heads);
            return PROBLEMS;
        }
        off = 0;
        while (next_rec(trk, im->trksize, &off, &r)) {
            if (r.kl != 44 || r.dl != 96 || r.data[0] != 0xF1)
                continue;
            const uint8_t *d = r.data;                  /* DSCB offset 44 */
            char name[48], recfm[8];
            text(r.key, 44, name);
            recfm_name(d[40], recfm);
            unsigned tracks = 0;
            for (int k = 0; k < 3 && k < d[15]; k++) {
                const uint8_t *xt = d + 61 + 10 * k;
                unsigned xb = ld_be16(xt + 2) * im->heads + ld_be16(xt + 4);
                unsigned xe = ld_be16(xt + 6) * im->heads + ld_be16(xt + 8);
                if (xt[0] && xe >= xb)
                    tracks += xe - xb + 1;
            }
            printf("%-44s DSORG=%s RECFM=%s LRECL=%u BLKSIZE=%u EXTENTS=%u TRACKS=%u%s\n",
                   name, dsorg_name(d + 38), recfm, ld_be16(d + 44), ld_be16(d + 42), d[15],
                   tracks, d[15] > 3 ? "+" : "");
            count++;
        }
    }
    printf("%u data set%s\n", count, count == 1 ? "" : "s");
    return OK;
}

static int cmd_ls(const char *file)
{
    Image *im = open_image("ls", file);
    if (!im)
        return USAGE;
    int rc = OK;
    if (im->fmt == IMG_CKD || im->fmt == IMG_CCKD) {
        printf("%s: %s image, device type byte %02X, %u cylinders of %u tracks\n", file,
               format_name(im), im->devcode, im->cyls, im->heads);
        uint8_t *trk = malloc(im->trksize);
        rc = trk ? ls_ckd(im, trk) : USAGE;
        free(trk);
    } else {
        printf("%s: %s image, %llu blocks of 512 bytes\n", file, format_name(im),
               (unsigned long long)im->blocks);
        uint8_t blk[512];
        if (im->blocks > 1 && img_read_blocks(im, 1, 1, blk) == 0 &&
            !memcmp(blk, "\xE5\xD6\xD3\xF1", 4)) {
            char ser[8];
            text(blk + 4, 6, ser);
            printf("volume: %s\n", ser);
        } else {
            printf("no volume label (no VOL1 in block 1)\n");
        }
    }
    img_close(im);
    return rc;
}

/* ---- check ------------------------------------------------------------------- */

static int cmd_check(const char *file)
{
    Image *im = open_image("check", file);
    if (!im)
        return USAGE;
    unsigned bad = 0;
    if (im->fmt == IMG_FBA) {
        printf("%s: FBA image, %llu blocks: no structure to check\n", file,
               (unsigned long long)im->blocks);
        img_close(im);
        return OK;
    }
    uint8_t *buf = malloc(im->unitsize);
    if (!buf) {
        img_close(im);
        return USAGE;
    }
    const unsigned max_lines = 50;
    for (uint32_t u = 0; u < im->units; u++) {
        const char *why = NULL;
        if (img_read_unit(im, u, buf))
            why = "cannot be read (damaged or missing track image)";
        else if (im->fmt != IMG_CFBA)
            why = img_check_track(buf, im->trksize, u / im->heads, u % im->heads);
        if (!why)
            continue;
        if (bad++ < max_lines) {
            if (im->fmt == IMG_CFBA)
                printf("blocks %u-%u: %s\n", u * IMG_GROUP, u * IMG_GROUP + IMG_GROUP - 1, why);
            else
                printf("cyl %u head %u: %s\n", u / im->heads, u % im->heads, why);
        }
    }
    if (bad > max_lines)
        printf("... and %u more\n", bad - max_lines);
    struct stat st;
    if (im->fmt == IMG_CKD && fstat(im->fd, &st) == 0) {
        uint64_t used = IMG_HDR_SIZE + (uint64_t)im->units * im->trksize;
        if ((uint64_t)st.st_size > used)
            printf("note: %llu bytes after the last whole cylinder are not used\n",
                   (unsigned long long)((uint64_t)st.st_size - used));
    }
    if (im->fmt == IMG_CFBA)
        printf("%s: %s image, %llu blocks: %u bad block group%s\n", file, format_name(im),
               (unsigned long long)im->blocks, bad, bad == 1 ? "" : "s");
    else
        printf("%s: %s image, %u cylinders of %u tracks: %u bad track%s\n", file,
               format_name(im), im->cyls, im->heads, bad, bad == 1 ? "" : "s");
    free(buf);
    img_close(im);
    return bad ? PROBLEMS : OK;
}

/* ---- cmp --------------------------------------------------------------------- */

static int cmd_cmp(const char *f1, const char *f2)
{
    Image *a = open_image("cmp", f1), *b = a ? open_image("cmp", f2) : NULL;
    if (!a || !b) {
        if (a)
            img_close(a);
        return USAGE;
    }
    bool ckd_a = a->fmt == IMG_CKD || a->fmt == IMG_CCKD;
    bool ckd_b = b->fmt == IMG_CKD || b->fmt == IMG_CCKD;
    int rc = OK;
    unsigned bad = 0, n = 0;
    const unsigned max_lines = 50;
    if (ckd_a != ckd_b) {
        printf("%s: %s image; %s: %s image\n", f1, format_name(a), f2, format_name(b));
        rc = PROBLEMS;
    } else if (ckd_a) {
        if (a->heads != b->heads || a->cyls != b->cyls || a->devcode != b->devcode) {
            printf("%s: device type byte %02X, %u cylinders of %u tracks; %s: %02X, %u of %u\n",
                   f1, a->devcode, a->cyls, a->heads, f2, b->devcode, b->cyls, b->heads);
            rc = PROBLEMS;
        }
        uint32_t units = a->units < b->units ? a->units : b->units;
        uint8_t *ta = malloc(a->trksize), *tb = malloc(b->trksize);
        for (uint32_t u = 0; ta && tb && u < units; u++, n++) {
            const char *why = NULL;
            uint32_t la = 0, lb = 0;
            if (img_read_unit(a, u, ta))
                why = "cannot be read in the first image";
            else if (img_read_unit(b, u, tb))
                why = "cannot be read in the second image";
            else if (!(la = img_track_len(ta, a->trksize)) || !(lb = img_track_len(tb, b->trksize)))
                why = "has no end-of-track marker";
            else if (la != lb || memcmp(ta, tb, la))
                why = "differs";
            if (why && bad++ < max_lines)
                printf("cyl %u head %u %s\n", u / a->heads, u % a->heads, why);
        }
        if (!ta || !tb)
            rc = USAGE;
        free(ta);
        free(tb);
        if (bad > max_lines)
            printf("... and %u more\n", bad - max_lines);
        printf("%u tracks compared: %u differ\n", n, bad);
    } else {
        if (a->blocks != b->blocks) {
            printf("%s has %llu blocks, %s %llu\n", f1, (unsigned long long)a->blocks, f2,
                   (unsigned long long)b->blocks);
            rc = PROBLEMS;
        }
        uint64_t blocks = a->blocks < b->blocks ? a->blocks : b->blocks;
        uint8_t ba[IMG_GROUP * IMG_BLOCK], bb[IMG_GROUP * IMG_BLOCK];
        for (uint64_t k = 0; k < blocks; k += IMG_GROUP) {
            uint32_t m = blocks - k < IMG_GROUP ? (uint32_t)(blocks - k) : IMG_GROUP;
            const char *why = NULL;
            if (img_read_blocks(a, k, m, ba) || img_read_blocks(b, k, m, bb))
                why = "cannot be read";
            else if (memcmp(ba, bb, (size_t)m * IMG_BLOCK))
                why = "differ";
            if (why && bad++ < max_lines)
                printf("blocks %llu-%llu %s\n", (unsigned long long)k,
                       (unsigned long long)(k + m - 1), why);
            n += m;
        }
        if (bad > max_lines)
            printf("... and %u more\n", bad - max_lines);
        printf("%u blocks compared: %u group%s of %u differ\n", n, bad, bad == 1 ? "" : "s",
               IMG_GROUP);
    }
    img_close(a);
    img_close(b);
    return rc != OK ? rc : bad ? PROBLEMS : OK;
}

int dasd_main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "create"))
        return cmd_create(argc - 1, argv + 1);
    if (argc == 3 && !strcmp(argv[1], "ls"))
        return cmd_ls(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "check"))
        return cmd_check(argv[2]);
    if (argc == 4 && !strcmp(argv[1], "cmp"))
        return cmd_cmp(argv[2], argv[3]);
    usage(stderr);
    return USAGE;
}
