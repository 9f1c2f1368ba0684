/*
 * image.h — the host files under the DASD devices: what ckd.c, fba.c and
 * the `interpex dasd` tools see of an image, whatever its format.
 *
 * Four Hercules formats (vmhistory.md §1.5; the layouts are also written
 * out in image.c and cckd.c):
 *   CKD_P370  uncompressed CKD: a 512-byte header, then every track image
 *             at 512 + track * trksize
 *   CKD_C370  compressed CKD (CCKD): header, compressed-device header,
 *             L1 and L2 tables, track images compressed with zlib or bzip2
 *   FBA       uncompressed FBA: no header, just 512-byte blocks
 *   FBA_C370  compressed FBA (CFBA): as CCKD, with groups of 120 blocks in
 *             place of tracks
 * An image is read and written in *units*: a track (CKD) or a block group
 * (compressed FBA); plain FBA images are read and written in blocks.
 *
 * Durability (docs/io.md "Durability"): a write is complete — in the image
 * file, or for compressed images in its shadow file — before the device
 * presents device end, so a kill -9 after device end loses nothing.  A
 * track is never half written: a plain CKD track goes first to a small
 * write-ahead file (FILE.ipxj, replayed at the next open if the process
 * died in between), a compressed image never overwrites a track image in
 * place.  With `sync` (the default) every write is also fdatasync()ed, so
 * it survives a host crash; without it, it survives the process only.
 */
#ifndef DASD_IMAGE_H
#define DASD_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMG_HDR_SIZE    512        /* CKD_P370 / CCKD device header          */
#define IMG_BLOCK       512        /* FBA block                              */
#define IMG_GROUP       120        /* blocks in a compressed-FBA block group */

typedef enum ImgFormat { IMG_CKD, IMG_CCKD, IMG_FBA, IMG_CFBA } ImgFormat;

typedef struct Cckd Cckd;

typedef struct Image {
    ImgFormat fmt;
    int       fd;              /* the image (for compressed ones, the base)  */
    bool      readonly;        /* writes are refused                          */
    bool      sync;            /* fdatasync() before a write is complete      */
    uint8_t   devcode;         /* CKD: device-type byte of the header         */
    uint32_t  heads;           /* CKD: tracks per cylinder                    */
    uint32_t  trksize;         /* CKD: bytes per track image                  */
    uint32_t  cyls;            /* CKD: cylinders                              */
    uint64_t  blocks;          /* FBA: 512-byte blocks                        */
    uint32_t  units;           /* tracks, or block groups (compressed FBA)    */
    uint32_t  unitsize;        /* bytes of one unit                           */
    int       jfd;             /* plain CKD: write-ahead file, -1 until used  */
    Cckd     *cc;              /* compressed images (cckd.c)                  */
    char      path[4096];
} Image;

typedef struct ImgOptions {
    bool        readonly;      /* open read-only                              */
    bool        nosync;        /* no fdatasync (tests, scratch volumes)       */
    bool        fba;           /* a file without a header is a plain FBA image */
    const char *shadow;        /* compressed images: the shadow file (default
                                  FILE.shadow)                                */
} ImgOptions;

/* Open an image; NULL with a one-line message naming the file if it is not
 * one (or is damaged: truncated, impossible geometry, bad tables). */
Image *img_open(const char *path, const ImgOptions *opt, char *err, size_t errlen);
void   img_close(Image *im);

/* Read or write unit u (a track, or a compressed-FBA block group) whole:
 * unitsize bytes.  0, or -1 (host error, or a damaged image). */
int img_read_unit(Image *im, uint32_t u, uint8_t *buf);
int img_write_unit(Image *im, uint32_t u, const uint8_t *buf);

/* FBA: n blocks from block b.  0 or -1. */
int img_read_blocks(Image *im, uint64_t b, uint32_t n, uint8_t *buf);
int img_write_blocks(Image *im, uint64_t b, uint32_t n, const uint8_t *buf);

/* The used length of a CKD track image: up to and with the end-of-track
 * marker; 0 if the image is malformed (no marker, a record past the end). */
uint32_t img_track_len(const uint8_t *trk, uint32_t trksize);
/* A check of one CKD track image: NULL if it is well formed (home address
 * naming cylinder cc head hh, R0, records, end marker), else why not. */
const char *img_check_track(const uint8_t *trk, uint32_t trksize, unsigned cc, unsigned hh);

/* Little-endian fields of the Hercules headers. */
static inline uint32_t img_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint16_t img_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}
static inline void img_st_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline void img_st_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* cckd.c: open the compressed parts (tables, shadow) of an image whose
 * header has been read; read and write units. */
int  cckd_open(Image *im, const uint8_t *devhdr, const ImgOptions *opt, char *err, size_t errlen);
void cckd_close(Image *im);
int  cckd_read_unit(Image *im, uint32_t u, uint8_t *buf);
int  cckd_write_unit(Image *im, uint32_t u, const uint8_t *buf);

#endif
