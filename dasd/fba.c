/*
 * fba.c — fixed-block disks: 3310, 3370 and 9336, on Hercules FBA images
 * (plain: 512-byte blocks and no header; compressed: "FBA_C370"; image.h).
 *
 * Channel programs (IBM 3370 Direct Access Storage Description GA26-1657;
 * the 3880 storage control with FBA devices):
 *   Define Extent X'63' (16 bytes): byte 0 file mask (bits 0-1: 00 inhibit
 *       all writes, 01 inhibit format writes, 11 permit all; bits 2-3 and
 *       6-7 reserved), byte 1 zero, bytes 2-3 the block size (0 or 512),
 *       4-7 the number, within the data set, of the first block of the
 *       extent, 8-11 its first and 12-15 its last block on the volume.
 *       Once per channel program.
 *   Locate X'43' (8 bytes): byte 0 the operation — X'01' write, X'05'
 *       write and verify, X'06' read, X'02' read replicated data, X'04'
 *       format defective block — byte 1 replication count, bytes 2-3 the
 *       number of blocks, 4-7 the first block, numbered within the data set
 *       as Define Extent numbered it.  The blocks must lie in the extent.
 *   Read X'42' / Write X'41': the located blocks (the command after the
 *       Locate); a count short of the blocks is incorrect length, and a
 *       write fills the rest of its last block with zeros.
 *   Read IPL X'02': block 0, with an implied extent of the whole volume
 *       (so an IPL program may Locate and Read without Define Extent).
 *   Sense X'04' (24 bytes), Sense ID X'E4', Read Device Characteristics
 *       X'64' (32 bytes: modes, class X'21', unit type, block size, blocks
 *       per cyclical group and per access position, blocks), No-op X'03',
 *       Reserve/Release X'B4'/X'94'.
 * Errors end in unit check: a command out of sequence or with a bad
 * parameter in command reject (sense byte 0 X'80'); a Locate outside the
 * extent, or a write the file mask inhibits, in command reject with "file
 * protected" (sense byte 1 X'04' ??? the bit the 3880 uses for CKD — the
 * FBA sense layout of GA26-1657 was not at hand); a host I/O error in
 * equipment check.
 *
 * Writes reach the image file (with fdatasync unless told otherwise)
 * before device end; a block is never half written (image.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu370/bits.h"
#include "dasd/dasd.h"
#include "dasd/image.h"

#define BLK              IMG_BLOCK
#define CHUNK            128          /* blocks moved per host read/write */
#define SNS1_FILE_PROT   0x04

#define FBA_OP_WRITE     0x01
#define FBA_OP_READ_REP  0x02
#define FBA_OP_FORMAT    0x04
#define FBA_OP_WRITE_VFY 0x05
#define FBA_OP_READ      0x06

#define MASK_WRITE       0xC0
#define MASK_INHIBIT_ALL 0x00
#define MASK_INHIBIT_FMT 0x40
#define MASK_RESERVED    0x33

/* Facts of IBM's FBA devices, as Hercules' dasdtab has them. */
static const FbaType fba_types[] = {
    /* name    type   model unit  bpg  bpp   blocks    cu    */
    { "3310", 0x3310, 0x01, 0x01,  32, 352,  125664, 0x4331 },
    { "3370", 0x3370, 0x00, 0x02,  62, 744,  558000, 0x3880 },
    { "9336", 0x9336, 0x00, 0x11,  63, 315,  920115, 0x6310 },
};

const FbaType *fba_type_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof fba_types / sizeof fba_types[0]; i++)
        if (!strcmp(fba_types[i].name, name))
            return &fba_types[i];
    return NULL;
}

typedef struct Fba {
    const FbaType *t;
    Image   *im;
    bool     readonly;
    uint32_t blocks;
    /* the channel program's state */
    bool     xdef;              /* an extent: Define Extent or Read IPL   */
    bool     xgiven;            /* Define Extent seen (once per program)  */
    uint8_t  mask;
    uint32_t xdisp;             /* data-set number of the extent's first block */
    uint32_t xfirst, xlast;     /* the extent on the volume               */
    bool     located;           /* the last command was a Locate          */
    uint8_t  op;
    uint32_t lblock, lcount;    /* the located blocks (volume numbers)    */
    uint8_t *buf;               /* CHUNK blocks                           */
} Fba;

static uint8_t fail(Device *d, uint8_t sense0, uint8_t sense1)
{
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = sense0;
    d->sense[1] = sense1;
    return US_CE_DE | US_UNIT_CHECK;
}

static uint8_t cmd_define_extent(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    uint8_t p[16];
    if (io_fetch(io, p, 16) < 16) {
        io->more = true;
        return fail(d, SNS0_CMD_REJECT, 0);
    }
    uint16_t bs = ld_be16(p + 2);
    uint32_t first = ld_be32(p + 8), last = ld_be32(p + 12);
    if (f->xgiven || (p[0] & MASK_RESERVED) || (p[0] & MASK_WRITE) == 0x80 || p[1] != 0 ||
        (bs != 0 && bs != BLK) || first > last || last >= f->blocks)
        return fail(d, SNS0_CMD_REJECT, 0);
    f->xdef = f->xgiven = true;
    f->mask = p[0];
    f->xdisp = ld_be32(p + 4);
    f->xfirst = first;
    f->xlast = last;
    return US_CE_DE;
}

static uint8_t cmd_locate(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    uint8_t p[8];
    if (io_fetch(io, p, 8) < 8) {
        io->more = true;
        return fail(d, SNS0_CMD_REJECT, 0);
    }
    uint8_t op = p[0];
    if (!f->xdef || (op != FBA_OP_WRITE && op != FBA_OP_WRITE_VFY && op != FBA_OP_READ &&
                     op != FBA_OP_READ_REP && op != FBA_OP_FORMAT))
        return fail(d, SNS0_CMD_REJECT, 0);
    uint8_t w = f->mask & MASK_WRITE;
    bool write = op != FBA_OP_READ && op != FBA_OP_READ_REP;
    if (write && f->readonly)
        return fail(d, SNS0_CMD_REJECT, 0x02);               /* write inhibited */
    if ((write && w == MASK_INHIBIT_ALL) || (op == FBA_OP_FORMAT && w == MASK_INHIBIT_FMT))
        return fail(d, SNS0_CMD_REJECT, SNS1_FILE_PROT);
    uint32_t count = ld_be16(p + 2), blk = ld_be32(p + 4);
    uint64_t size = (uint64_t)f->xlast - f->xfirst + 1;
    if (count == 0)
        return fail(d, SNS0_CMD_REJECT, 0);
    if (blk < f->xdisp || (uint64_t)(blk - f->xdisp) + count > size)
        return fail(d, SNS0_CMD_REJECT, SNS1_FILE_PROT);     /* outside the extent */
    f->op = op;
    f->lblock = f->xfirst + (blk - f->xdisp);
    f->lcount = count;
    f->located = true;
    return US_CE_DE;
}

static uint8_t cmd_read(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    if (f->op != FBA_OP_READ && f->op != FBA_OP_READ_REP)
        return fail(d, SNS0_CMD_REJECT, 0);
    uint32_t left = f->lcount, blk = f->lblock;
    while (left) {
        uint32_t n = left < CHUNK ? left : CHUNK;
        if (img_read_blocks(f->im, blk, n, f->buf))
            return fail(d, SNS0_EQUIPMENT, 0);
        if (io_store(io, f->buf, n * BLK) < n * BLK)
            break;                    /* the count ran out: incorrect length */
        left -= n;
        blk += n;
    }
    return US_CE_DE;
}

static uint8_t cmd_write(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    if (f->op == FBA_OP_READ || f->op == FBA_OP_READ_REP)
        return fail(d, SNS0_CMD_REJECT, 0);
    uint32_t left = f->lcount, blk = f->lblock;
    while (left) {
        uint32_t n = left < CHUNK ? left : CHUNK;
        uint32_t got = io_fetch(io, f->buf, n * BLK);
        uint32_t whole = (got + BLK - 1) / BLK;   /* a partial block is padded */
        if (got < n * BLK)
            memset(f->buf + got, 0, whole * BLK - got);
        if (whole && img_write_blocks(f->im, blk, whole, f->buf))
            return fail(d, SNS0_EQUIPMENT, 0);
        if (got < n * BLK) {
            io->more = true;          /* the program gave fewer bytes */
            break;
        }
        left -= n;
        blk += n;
    }
    return US_CE_DE;
}

static uint8_t cmd_read_ipl(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    /* An implied extent of the whole volume, writes inhibited. */
    f->xdef = true;
    f->mask = MASK_INHIBIT_ALL;
    f->xdisp = f->xfirst = 0;
    f->xlast = f->blocks - 1;
    if (img_read_blocks(f->im, 0, 1, f->buf))
        return fail(d, SNS0_EQUIPMENT, 0);
    io_store(io, f->buf, BLK);
    return US_CE_DE;
}

static uint8_t cmd_rdc(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    uint8_t rdc[32] = { 0 };
    rdc[0] = 0x30;                   /* operation modes */
    rdc[1] = 0x08;                   /* features        */
    rdc[2] = 0x21;                   /* class: FBA      */
    rdc[3] = f->t->unit;
    st_be16(rdc + 4, BLK);
    st_be32(rdc + 6, f->t->bpg);
    st_be32(rdc + 10, f->t->bpp);
    st_be32(rdc + 14, f->blocks);    /* blocks under movable heads */
    io_store(io, rdc, sizeof rdc);
    return US_CE_DE;
}

static uint8_t fba_start(Device *d, DevIo *io)
{
    Fba *f = d->priv;
    bool located = f->located;
    f->located = false;
    if (!io->chained)
        f->xdef = f->xgiven = false; /* a new channel program */
    switch (io->cmd) {
    case 0x63:
        return cmd_define_extent(d, io);
    case 0x43:
        return cmd_locate(d, io);
    case 0x42:
        return located ? cmd_read(d, io) : fail(d, SNS0_CMD_REJECT, 0);
    case 0x41:
        return located ? cmd_write(d, io) : fail(d, SNS0_CMD_REJECT, 0);
    case CMD_READ:
        return cmd_read_ipl(d, io);
    case 0x64:
        return cmd_rdc(d, io);
    case CMD_NOP:
        return US_CE_DE;
    case CMD_SENSE:
    case 0xB4: case 0x94:            /* Reserve, Release */
        return dev_sense(d, io);
    case CMD_SENSE_ID:
        return dev_sense_id(d, io);
    default:
        return dev_reject(d);
    }
}

static void fba_reset(Device *d)
{
    Fba *f = d->priv;
    f->xdef = f->xgiven = f->located = false;
}

static void fba_close(Device *d)
{
    Fba *f = d->priv;
    if (f) {
        img_close(f->im);
        free(f->buf);
        free(f);
    }
    d->priv = NULL;
}

/* Sense ID: X'FF', the control unit (model 1), the device and its model. */
static const DeviceOps fba_ops[] = {
    { .type = "3310", .start = fba_start, .reset = fba_reset, .close = fba_close,
      .sense_id = { 0xFF, 0x43, 0x31, 0x01, 0x33, 0x10, 0x01 }, .sense_id_len = 7 },
    { .type = "3370", .start = fba_start, .reset = fba_reset, .close = fba_close,
      .sense_id = { 0xFF, 0x38, 0x80, 0x01, 0x33, 0x70, 0x00 }, .sense_id_len = 7 },
    { .type = "9336", .start = fba_start, .reset = fba_reset, .close = fba_close,
      .sense_id = { 0xFF, 0x63, 0x10, 0x01, 0x93, 0x36, 0x00 }, .sense_id_len = 7 },
};
_Static_assert(sizeof fba_ops / sizeof fba_ops[0] == sizeof fba_types / sizeof fba_types[0],
               "one DeviceOps per FBA type");

Device *fba_open(uint16_t devnum, const char *type, const char *path, const DasdOptions *opt,
                 char *err, size_t errlen)
{
    const FbaType *t = fba_type_by_name(type ? type : "3370");
    if (!t) {
        snprintf(err, errlen, "%04X: %s is not an FBA device type", devnum, type);
        return NULL;
    }
    ImgOptions io = { .readonly = opt && opt->readonly, .nosync = opt && opt->nosync,
                      .shadow = opt ? opt->shadow : NULL, .fba = true };
    char why[512];
    Image *im = img_open(path, &io, why, sizeof why);
    if (!im) {
        snprintf(err, errlen, "%04X: %s", devnum, why);
        return NULL;
    }
    if (im->fmt != IMG_FBA && im->fmt != IMG_CFBA) {
        snprintf(err, errlen, "%04X: %s is a CKD image, not an FBA one", devnum, path);
        img_close(im);
        return NULL;
    }
    Fba *f = calloc(1, sizeof *f);
    uint8_t *buf = malloc(CHUNK * BLK);
    Device *d = f && buf ? device_new(&fba_ops[t - fba_types], devnum, f) : NULL;
    if (!d) {
        free(f);
        free(buf);
        img_close(im);
        snprintf(err, errlen, "%04X: out of memory", devnum);
        return NULL;
    }
    f->t = t;
    f->im = im;
    f->readonly = im->readonly;
    f->blocks = (uint32_t)im->blocks;
    f->buf = buf;
    d->sense_len = 24;
    return d;
}

int fba_create(const char *path, const char *type, uint32_t blocks, const char *volser,
               char *err, size_t errlen)
{
    const FbaType *t = fba_type_by_name(type);
    if (!t) {
        snprintf(err, errlen, "%s: unknown FBA device type", type);
        return -1;
    }
    if (blocks == 0)
        blocks = t->blocks;
    if (blocks < 2 || (volser && (strlen(volser) == 0 || strlen(volser) > 6))) {
        snprintf(err, errlen, "%s: bad block count or volume serial", path);
        return -1;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    /* Zeros (a sparse file reads as zeros), and in block 1 the label
     * dasdinit writes: "VOL1" and the volume serial in EBCDIC. */
    bool ok = ftruncate(fd, (off_t)blocks * BLK) == 0;
    if (ok && volser) {
        uint8_t vol1[BLK] = { 0xE5, 0xD6, 0xD3, 0xF1 };
        for (int i = 0; i < 6; i++) {
            char c = i < (int)strlen(volser) ? volser[i] : ' ';
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            vol1[4 + i] = c >= 'A' && c <= 'I' ? (uint8_t)(0xC1 + c - 'A')
                        : c >= 'J' && c <= 'R' ? (uint8_t)(0xD1 + c - 'J')
                        : c >= 'S' && c <= 'Z' ? (uint8_t)(0xE2 + c - 'S')
                        : c >= '0' && c <= '9' ? (uint8_t)(0xF0 + c - '0') : 0x40;
        }
        ok = pwrite(fd, vol1, BLK, BLK) == BLK;
    }
    if (close(fd) || !ok) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        remove(path);
        return -1;
    }
    return 0;
}
