/*
 * image.c — opening DASD image files and reading and writing them in
 * tracks and blocks (image.h); compressed images are cckd.c's.
 *
 * Formats, as Hercules' dasdinit makes them (vmhistory.md §1.5, checked
 * against the Debian hercules 3.13 tools):
 *   CKD_P370  bytes 0-7 "CKD_P370", 8-11 heads, 12-15 track size (both
 *             little-endian), 16 device-type byte (X'90' for a 3390),
 *             17 file sequence (0: the only file), 18-19 highest cylinder
 *             of a multi-file image; track t at 512 + t * trksize.  A
 *             track image is a 5-byte home address (X'00', CCHH), R0 and
 *             the records — each an 8-byte count CCHHRKDD, key and data —
 *             and eight X'FF'; the rest of the track size is unused.
 *   FBA       no header: block n at n * 512; the device type is not in
 *             the file (the configuration says it).
 *   CKD_C370, FBA_C370: cckd.c.
 *
 * Plain CKD writes: the whole track goes first to FILE.ipxj — a 32-byte
 * header ("IPXJRNL1", track number, length, CRC-32 of the data and of
 * the header, little-endian) and the track image — then to its place in
 * the image.  At open, a complete entry is written again (idempotent: it
 * is the last track written); a torn one is ignored (the image was not
 * touched yet).  A clean close removes the file.  So a process killed in
 * the middle of a pwrite() never leaves a half-written track.  Plain FBA
 * blocks are 512 bytes at 512-byte offsets, inside one host page: a
 * block write is never torn by a kill, and needs no journal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cpu370/bits.h"
#include "dasd/image.h"

#define JRNL_HDR   32
#define EOT_SIZE   8

static const uint8_t eot_marker[EOT_SIZE] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

uint32_t img_track_len(const uint8_t *trk, uint32_t trksize)
{
    uint32_t off = 5;
    for (;;) {
        if (off + EOT_SIZE > trksize)
            return 0;
        if (!memcmp(trk + off, eot_marker, EOT_SIZE))
            return off + EOT_SIZE;
        off += EOT_SIZE + trk[off + 5] + ld_be16(trk + off + 6);
    }
}

const char *img_check_track(const uint8_t *trk, uint32_t trksize, unsigned cc, unsigned hh)
{
    if (trk[0] != 0 || ld_be16(trk + 1) != cc || ld_be16(trk + 3) != hh)
        return "home address names another track";
    if (!memcmp(trk + 5, eot_marker, EOT_SIZE))
        return "no record 0";
    if (trk[9] != 0 || trk[10] != 0 || ld_be16(trk + 11) != 8)
        return "record 0 is not 8 data bytes without key";
    uint32_t off = 5 + 16;
    for (unsigned r = 0;; r++) {
        if (off + EOT_SIZE > trksize)
            return r ? "a record runs past the end of the track" : "no end-of-track marker";
        if (!memcmp(trk + off, eot_marker, EOT_SIZE))
            return NULL;
        if (trk[off + 4] == 0)
            return "a record after R0 has record number 0";
        off += EOT_SIZE + trk[off + 5] + ld_be16(trk + off + 6);
        if (off + EOT_SIZE > trksize)
            return "a record runs past the end of the track";
    }
}

/* ---- The write-ahead file of plain CKD images ----------------------------- */

static void journal_path(const Image *im, char *buf, size_t len)
{
    snprintf(buf, len, "%s.ipxj", im->path);
}

static off_t track_offset(const Image *im, uint32_t t)
{
    return IMG_HDR_SIZE + (off_t)t * im->trksize;
}

/* A complete journal entry in `buf` (JRNL_HDR + trksize): its track, or -1. */
static int64_t journal_entry(const Image *im, const uint8_t *buf, ssize_t n)
{
    if (n < JRNL_HDR || memcmp(buf, "IPXJRNL1", 8))
        return -1;
    uint32_t t = img_le32(buf + 8), len = img_le32(buf + 12);
    if (img_le32(buf + 20) != (uint32_t)crc32(0, buf, 20) || len != im->trksize ||
        t >= im->units || n < (ssize_t)(JRNL_HDR + len) ||
        img_le32(buf + 16) != (uint32_t)crc32(0, buf + JRNL_HDR, len))
        return -1;
    return t;
}

/* At open: finish a track write that a killed process left in the journal. */
static int journal_recover(Image *im, char *err, size_t errlen)
{
    char jp[4200];
    journal_path(im, jp, sizeof jp);
    int fd = open(jp, O_RDONLY);
    if (fd < 0)
        return 0;
    uint8_t *buf = malloc(JRNL_HDR + im->trksize);
    uint8_t *cur = malloc(im->trksize);
    int rc = 0;
    ssize_t n = buf && cur ? pread(fd, buf, JRNL_HDR + im->trksize, 0) : -1;
    int64_t t = buf && cur ? journal_entry(im, buf, n) : -1;
    close(fd);
    if (t >= 0 && pread(im->fd, cur, im->trksize, track_offset(im, (uint32_t)t)) ==
                      (ssize_t)im->trksize &&
        !memcmp(cur, buf + JRNL_HDR, im->trksize))
        t = -1;                                   /* already in place */
    if (t >= 0 && im->readonly) {
        snprintf(err, errlen, "%s has an unfinished track write in %s: open it read-write once",
                 im->path, jp);
        rc = -1;
    } else if (t >= 0) {
        if (pwrite(im->fd, buf + JRNL_HDR, im->trksize, track_offset(im, (uint32_t)t)) !=
                (ssize_t)im->trksize || fdatasync(im->fd)) {
            snprintf(err, errlen, "%s: cannot finish the track write in %s: %s", im->path, jp,
                     strerror(errno));
            rc = -1;
        }
    }
    if (rc == 0 && !im->readonly)
        unlink(jp);
    free(buf);
    free(cur);
    return rc;
}

static int write_track(Image *im, uint32_t t, const uint8_t *trk)
{
    if (im->jfd < 0) {
        char jp[4200];
        journal_path(im, jp, sizeof jp);
        im->jfd = open(jp, O_RDWR | O_CREAT | O_TRUNC, 0644);
    }
    if (im->jfd >= 0) {
        /* One pwrite of header and track: a torn entry fails its CRC. */
        uint8_t *buf = malloc(JRNL_HDR + im->trksize);
        if (!buf)
            return -1;
        memset(buf, 0, JRNL_HDR);
        memcpy(buf, "IPXJRNL1", 8);
        img_st_le32(buf + 8, t);
        img_st_le32(buf + 12, im->trksize);
        img_st_le32(buf + 16, (uint32_t)crc32(0, trk, im->trksize));
        img_st_le32(buf + 20, (uint32_t)crc32(0, buf, 20));
        memcpy(buf + JRNL_HDR, trk, im->trksize);
        ssize_t n = pwrite(im->jfd, buf, JRNL_HDR + im->trksize, 0);
        free(buf);
        if (n != (ssize_t)(JRNL_HDR + im->trksize) || (im->sync && fdatasync(im->jfd)))
            return -1;
    }
    /* (No journal file — a directory we may not write — means no
     * protection against a torn track, but the write still happens.) */
    if (pwrite(im->fd, trk, im->trksize, track_offset(im, t)) != (ssize_t)im->trksize)
        return -1;
    return im->sync ? fdatasync(im->fd) : 0;
}

/* ---- Units and blocks ------------------------------------------------------ */

int img_read_unit(Image *im, uint32_t u, uint8_t *buf)
{
    if (u >= im->units)
        return -1;
    switch (im->fmt) {
    case IMG_CKD:
        return pread(im->fd, buf, im->trksize, track_offset(im, u)) == (ssize_t)im->trksize ? 0 : -1;
    case IMG_CCKD:
    case IMG_CFBA:
        return cckd_read_unit(im, u, buf);
    default:
        return -1;
    }
}

int img_write_unit(Image *im, uint32_t u, const uint8_t *buf)
{
    if (u >= im->units || im->readonly)
        return -1;
    switch (im->fmt) {
    case IMG_CKD:
        return write_track(im, u, buf);
    case IMG_CCKD:
    case IMG_CFBA:
        return cckd_write_unit(im, u, buf);
    default:
        return -1;
    }
}

int img_read_blocks(Image *im, uint64_t b, uint32_t n, uint8_t *buf)
{
    if (b > im->blocks || n > im->blocks - b)
        return -1;
    if (im->fmt == IMG_FBA) {
        size_t len = (size_t)n * IMG_BLOCK;
        return pread(im->fd, buf, len, (off_t)b * IMG_BLOCK) == (ssize_t)len ? 0 : -1;
    }
    if (im->fmt != IMG_CFBA)
        return -1;
    uint8_t *grp = malloc(im->unitsize);
    if (!grp)
        return -1;
    int rc = 0;
    while (n && rc == 0) {
        uint32_t g = (uint32_t)(b / IMG_GROUP), first = (uint32_t)(b % IMG_GROUP);
        uint32_t k = IMG_GROUP - first < n ? IMG_GROUP - first : n;
        rc = cckd_read_unit(im, g, grp);
        memcpy(buf, grp + (size_t)first * IMG_BLOCK, (size_t)k * IMG_BLOCK);
        buf += (size_t)k * IMG_BLOCK;
        b += k;
        n -= k;
    }
    free(grp);
    return rc;
}

int img_write_blocks(Image *im, uint64_t b, uint32_t n, const uint8_t *buf)
{
    if (im->readonly || b > im->blocks || n > im->blocks - b)
        return -1;
    if (im->fmt == IMG_FBA) {
        size_t len = (size_t)n * IMG_BLOCK;
        if (pwrite(im->fd, buf, len, (off_t)b * IMG_BLOCK) != (ssize_t)len)
            return -1;
        return im->sync ? fdatasync(im->fd) : 0;
    }
    if (im->fmt != IMG_CFBA)
        return -1;
    uint8_t *grp = malloc(im->unitsize);
    if (!grp)
        return -1;
    int rc = 0;
    while (n && rc == 0) {
        uint32_t g = (uint32_t)(b / IMG_GROUP), first = (uint32_t)(b % IMG_GROUP);
        uint32_t k = IMG_GROUP - first < n ? IMG_GROUP - first : n;
        if (k < IMG_GROUP)
            rc = cckd_read_unit(im, g, grp);      /* read-modify-write */
        memcpy(grp + (size_t)first * IMG_BLOCK, buf, (size_t)k * IMG_BLOCK);
        if (rc == 0)
            rc = cckd_write_unit(im, g, grp);
        buf += (size_t)k * IMG_BLOCK;
        b += k;
        n -= k;
    }
    free(grp);
    return rc;
}

/* ---- Open and close --------------------------------------------------------- */

static Image *fail_open(Image *im, char *err, size_t errlen, const char *why)
{
    snprintf(err, errlen, "%s is %s", im->path, why);
    img_close(im);
    return NULL;
}

Image *img_open(const char *path, const ImgOptions *opt, char *err, size_t errlen)
{
    static const ImgOptions defaults = { 0 };
    if (!opt)
        opt = &defaults;
    Image *im = calloc(1, sizeof *im);
    if (!im) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    im->fd = im->jfd = -1;
    im->sync = !opt->nosync;
    snprintf(im->path, sizeof im->path, "%s", path);
    im->readonly = opt->readonly;
    if (!im->readonly)
        im->fd = open(path, O_RDWR);
    if (im->fd < 0) {
        im->fd = open(path, O_RDONLY);
        im->readonly = true;
    }
    if (im->fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        free(im);
        return NULL;
    }
    struct stat st;
    uint8_t hdr[IMG_HDR_SIZE] = { 0 };
    if (fstat(im->fd, &st) || !S_ISREG(st.st_mode))
        return fail_open(im, err, errlen, "not a regular file");
    bool have_hdr = st.st_size >= IMG_HDR_SIZE && pread(im->fd, hdr, IMG_HDR_SIZE, 0) == IMG_HDR_SIZE;

    if (have_hdr && !memcmp(hdr, "CKD_P370", 8)) {
        im->fmt = IMG_CKD;
        im->heads = img_le32(hdr + 8);
        im->trksize = img_le32(hdr + 12);
        im->devcode = hdr[16];
        if (im->heads == 0 || im->heads > 255 || im->trksize < 64 || im->trksize > 0x100000)
            return fail_open(im, err, errlen, "a CKD image with an impossible geometry");
        if (hdr[17] > 1)
            return fail_open(im, err, errlen, "a later file of a multi-file image (give the first)");
        if (hdr[17] == 1)
            return fail_open(im, err, errlen, "the first file of a multi-file image (not supported)");
        uint64_t cyls = (uint64_t)(st.st_size - IMG_HDR_SIZE) / ((uint64_t)im->heads * im->trksize);
        if (cyls == 0 || cyls > 65520)
            return fail_open(im, err, errlen, "a CKD image with no whole cylinder (truncated?)");
        im->cyls = (uint32_t)cyls;
        im->units = im->cyls * im->heads;
        im->unitsize = im->trksize;
        if (journal_recover(im, err, errlen)) {
            img_close(im);
            return NULL;
        }
        return im;
    }
    if (have_hdr && (!memcmp(hdr, "CKD_C370", 8) || !memcmp(hdr, "FBA_C370", 8))) {
        im->fmt = hdr[0] == 'C' ? IMG_CCKD : IMG_CFBA;
        if (cckd_open(im, hdr, opt, err, errlen)) {
            img_close(im);
            return NULL;
        }
        return im;
    }
    if (have_hdr && (!memcmp(hdr, "CKD_S370", 8) || !memcmp(hdr, "FBA_S370", 8)))
        return fail_open(im, err, errlen, "a shadow file: give its base image");
    if (have_hdr && !memcmp(hdr + 3, "_", 1) && !memcmp(hdr + 5, "064", 3))
        return fail_open(im, err, errlen, "a 64-bit (CCKD64) image of Hercules 4 (not supported)");
    if (!opt->fba)
        return fail_open(im, err, errlen,
                         "not a CKD or compressed image (no CKD_P370/CKD_C370/FBA_C370 header)");
    if (st.st_size == 0 || st.st_size % IMG_BLOCK)
        return fail_open(im, err, errlen, "not a DASD image: no CKD_P370, CKD_C370 or FBA_C370 "
                                          "header, and not a whole number of 512-byte blocks");
    im->fmt = IMG_FBA;
    im->blocks = (uint64_t)st.st_size / IMG_BLOCK;
    if (im->blocks > 0xFFFFFFFFu)
        return fail_open(im, err, errlen, "an FBA image of more than 2**32 blocks");
    im->units = 0;
    im->unitsize = IMG_BLOCK;
    return im;
}

void img_close(Image *im)
{
    if (!im)
        return;
    if (im->cc)
        cckd_close(im);
    if (im->jfd >= 0) {
        /* Every write is complete: the journal is not needed any more. */
        char jp[4200];
        journal_path(im, jp, sizeof jp);
        close(im->jfd);
        unlink(jp);
    }
    if (im->fd >= 0)
        close(im->fd);
    free(im);
}
