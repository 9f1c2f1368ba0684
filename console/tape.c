/*
 * tape.c — 3420 and 3480 magnetic tape drives on AWS tape files (tape.h).
 *
 * The AWS format (P/390 AWSTAPE, as Hercules reads and writes it): each
 * block is one or more chunks, each chunk a 6-byte header — its length
 * and the previous chunk's length (16 bits, little-endian), flag byte
 * X'80' first chunk of a block, X'40' tape mark, X'20' last chunk of a
 * block, and a zero byte — then its data.  A tape mark is a header of
 * length 0 and flag X'40'.  The end of the file is the end of the
 * recorded tape.
 *
 * Commands (IBM 3420 Magnetic Tape Units / 3803 Tape Control, GA32-0021;
 * IBM 3480 Magnetic Tape Subsystem Reference GA32-0127 for the 3480):
 *   X'01' Write, X'02' Read, X'0C' Read Backward (the data come off the
 *   tape last byte first; the channel stores them downwards), X'1F'
 *   Write Tape Mark, X'07' Rewind, X'0F' Rewind Unload, X'27' Backspace
 *   Block, X'2F' Backspace File, X'37' Forward Space Block, X'3F' Forward
 *   Space File, X'17' Erase Gap, X'97' Data Security Erase, X'03' No-op,
 *   mode sets (X'C3' X'CB' X'D3' X'DB') as no-ops, X'04' Sense (24
 *   bytes), X'E4' Sense ID; on the 3480 also X'22' Read Block ID, X'4F'
 *   Locate Block, X'9F' Load Display.
 * Reading or spacing over a tape mark presents unit exception.  Moving
 * backward at load point, reading past the recorded end, and a damaged
 * file end in unit check.  Writing erases everything after the block
 * written (the file is cut there first, then the block is written, then
 * fdatasync: the block is on the host disk before device end).
 * Sense byte 0 as for all devices (command reject, intervention required
 * after Rewind Unload, equipment check, data check); byte 1 X'40' ready,
 * X'08' at load point, X'02' file protected (no write ring); byte 4 X'20'
 * tape indicate (past the end-of-tape marker, tape_set_eot).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console/tape.h"

#define AWS_HDR       6
#define AWS_NEWREC    0x80
#define AWS_TAPEMARK  0x40
#define AWS_ENDREC    0x20
#define CHUNK_MAX     65535u
#define BLOCK_MAX     (4 * CHUNK_MAX)   /* longest block (data chaining) */

#define SNS1_READY    0x40
#define SNS1_LOADPT   0x08
#define SNS1_FILEPROT 0x02
#define SNS4_EOT      0x20

typedef struct Tape {
    int      fd;
    bool     readonly;
    bool     unloaded;        /* after Rewind Unload: not ready           */
    bool     is3480;
    off_t    pos;             /* offset of the next chunk header          */
    uint16_t prevlen;         /* length of the chunk before pos           */
    uint32_t blockno;         /* blocks and tape marks before pos         */
    uint64_t eot;             /* end-of-tape marker (0: none)             */
    uint8_t *buf;             /* one block                                */
} Tape;

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* Sense: the error bytes of the last unit check, with the drive's state. */
static void status_sense(Device *d)
{
    Tape *t = d->priv;
    d->sense[1] |= t->unloaded ? 0 : SNS1_READY;
    if (!t->unloaded && t->pos == 0)
        d->sense[1] |= SNS1_LOADPT;
    if (t->readonly)
        d->sense[1] |= SNS1_FILEPROT;
    if (t->eot && (uint64_t)t->pos >= t->eot)
        d->sense[4] |= SNS4_EOT;
}

static uint8_t fail(Device *d, uint8_t sense0)
{
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = sense0;
    status_sense(d);
    return US_CE_DE | US_UNIT_CHECK;
}

/* ---- Moving over the file --------------------------------------------------- */

typedef enum Got { GOT_BLOCK, GOT_MARK, GOT_END, GOT_BAD } Got;

/* Read the block (or tape mark) at pos into t->buf and move after it. */
static Got forward(Tape *t, uint32_t *len)
{
    uint8_t h[AWS_HDR];
    *len = 0;
    for (bool first = true;; first = false) {
        ssize_t n = pread(t->fd, h, AWS_HDR, t->pos);
        if (n == 0 && first)
            return GOT_END;
        if (n != AWS_HDR || le16(h + 2) != t->prevlen)
            return GOT_BAD;
        uint16_t cur = le16(h);
        if (h[4] & AWS_TAPEMARK) {
            if (!first)
                return GOT_BAD;
            t->pos += AWS_HDR;
            t->prevlen = 0;
            t->blockno++;
            return GOT_MARK;
        }
        if (first != !!(h[4] & AWS_NEWREC) || *len + cur > BLOCK_MAX ||
            pread(t->fd, t->buf + *len, cur, t->pos + AWS_HDR) != cur)
            return GOT_BAD;
        *len += cur;
        t->pos += AWS_HDR + cur;
        t->prevlen = cur;
        if (h[4] & AWS_ENDREC) {
            t->blockno++;
            return GOT_BLOCK;
        }
    }
}

/* Move before the block (or tape mark) that ends at pos; with `data`,
 * read it into t->buf.  GOT_END at load point. */
static Got backward(Tape *t, uint32_t *len, bool data)
{
    uint8_t h[AWS_HDR];
    *len = 0;
    if (t->pos == 0)
        return GOT_END;
    uint32_t total = 0;
    for (;;) {
        off_t at = t->pos - AWS_HDR - t->prevlen;
        if (at < 0 || pread(t->fd, h, AWS_HDR, at) != AWS_HDR || le16(h) != t->prevlen)
            return GOT_BAD;
        if (h[4] & AWS_TAPEMARK) {
            if (total)
                return GOT_BAD;
            t->pos = at;
            t->prevlen = le16(h + 2);
            t->blockno--;
            return GOT_MARK;
        }
        uint16_t cur = le16(h);
        if (total + cur > BLOCK_MAX)
            return GOT_BAD;
        if (data) {
            /* Chunks come in backward: make room at the front. */
            memmove(t->buf + cur, t->buf, total);
            if (pread(t->fd, t->buf, cur, at + AWS_HDR) != cur)
                return GOT_BAD;
        }
        total += cur;
        t->pos = at;
        t->prevlen = le16(h + 2);
        if (h[4] & AWS_NEWREC) {
            *len = total;
            t->blockno--;
            return GOT_BLOCK;
        }
    }
}

static uint8_t moved(Device *d, Got g)
{
    switch (g) {
    case GOT_BLOCK: return US_CE_DE;
    case GOT_MARK:  return US_CE_DE | US_UNIT_EXCEPTION;
    case GOT_END:   return fail(d, SNS0_DATA_CHECK);   /* nothing recorded there */
    default:        return fail(d, SNS0_DATA_CHECK | SNS0_EQUIPMENT);
    }
}

/* Write one block (or a tape mark: data NULL) at pos; the rest of the
 * tape is erased first. */
static uint8_t write_block(Device *d, const uint8_t *data, uint32_t len)
{
    Tape *t = d->priv;
    if (t->readonly) {
        uint8_t st = fail(d, SNS0_CMD_REJECT);
        return st;
    }
    uint8_t *rec = malloc(len + AWS_HDR * (len / CHUNK_MAX + 1));
    if (!rec)
        return fail(d, SNS0_EQUIPMENT);
    uint32_t off = 0, done = 0;
    uint16_t prev = t->prevlen;
    do {
        uint16_t cur = (uint16_t)(len - done > CHUNK_MAX ? CHUNK_MAX : len - done);
        put_le16(rec + off, cur);
        put_le16(rec + off + 2, prev);
        rec[off + 4] = data ? (uint8_t)((done == 0 ? AWS_NEWREC : 0) |
                                        (done + cur == len ? AWS_ENDREC : 0))
                            : AWS_TAPEMARK;
        rec[off + 5] = 0;
        if (data)
            memcpy(rec + off + AWS_HDR, data + done, cur);
        off += AWS_HDR + cur;
        done += cur;
        prev = cur;
    } while (done < len);
    bool ok = ftruncate(t->fd, t->pos) == 0 &&
              pwrite(t->fd, rec, off, t->pos) == (ssize_t)off && fdatasync(t->fd) == 0;
    free(rec);
    if (!ok)
        return fail(d, SNS0_EQUIPMENT);
    t->pos += off;
    t->prevlen = prev;
    t->blockno++;
    if (t->eot && (uint64_t)t->pos >= t->eot) {
        memset(d->sense, 0, sizeof d->sense);
        status_sense(d);
        return US_CE_DE | US_UNIT_EXCEPTION;          /* past the marker */
    }
    return US_CE_DE;
}

/* ---- Commands ------------------------------------------------------------ */

static uint8_t cmd_read(Device *d, DevIo *io, bool back)
{
    Tape *t = d->priv;
    uint32_t len;
    Got g = back ? backward(t, &len, true) : forward(t, &len);
    if (g == GOT_END && back)
        return fail(d, SNS0_CMD_REJECT);               /* at load point */
    if (g != GOT_BLOCK)
        return moved(d, g);
    if (back)
        for (uint32_t i = 0; i < len / 2; i++) {
            uint8_t c = t->buf[i];
            t->buf[i] = t->buf[len - 1 - i];
            t->buf[len - 1 - i] = c;
        }
    io_store(io, t->buf, len);
    return US_CE_DE;
}

static uint8_t cmd_write(Device *d, DevIo *io)
{
    Tape *t = d->priv;
    uint32_t len = io_fetch(io, t->buf, BLOCK_MAX);
    if (len == 0)
        return fail(d, SNS0_CMD_REJECT);               /* no data: nothing to write */
    return write_block(d, t->buf, len);
}

static uint8_t space_file(Device *d, bool back)
{
    Tape *t = d->priv;
    uint32_t len;
    for (;;) {
        Got g = back ? backward(t, &len, false) : forward(t, &len);
        if (g == GOT_MARK)
            return US_CE_DE;
        if (g == GOT_END && back)
            return fail(d, 0);                          /* load point reached */
        if (g != GOT_BLOCK)
            return moved(d, g);
    }
}

/* 3480 block ids: the number of blocks and tape marks before the position,
 * in bytes 1-3 of a word (byte 0: zero); Read Block ID gives it twice. */
static uint8_t cmd_locate(Device *d, DevIo *io)
{
    Tape *t = d->priv;
    uint8_t id[4];
    if (io_fetch(io, id, 4) < 4)
        return fail(d, SNS0_CMD_REJECT);
    uint32_t want = (uint32_t)id[1] << 16 | id[2] << 8 | id[3];
    t->pos = 0;
    t->prevlen = 0;
    t->blockno = 0;
    uint32_t len;
    while (t->blockno < want) {
        Got g = forward(t, &len);
        if (g == GOT_END || g == GOT_BAD)
            return moved(d, g);
    }
    return US_CE_DE;
}

static uint8_t tape_start(Device *d, DevIo *io)
{
    Tape *t = d->priv;
    uint32_t len;
    if (t->unloaded && io->cmd != CMD_SENSE && io->cmd != CMD_SENSE_ID && io->cmd != CMD_NOP)
        return fail(d, SNS0_INTERVENTION);
    switch (io->cmd) {
    case 0x01:                                   /* Write */
        return cmd_write(d, io);
    case 0x02:                                   /* Read (and IPL) */
        return cmd_read(d, io, false);
    case 0x0C:                                   /* Read Backward */
        return cmd_read(d, io, true);
    case 0x1F:                                   /* Write Tape Mark */
        return write_block(d, NULL, 0);
    case 0x07:                                   /* Rewind */
    case 0x0F:                                   /* Rewind Unload */
        t->pos = 0;
        t->prevlen = 0;
        t->blockno = 0;
        t->unloaded = io->cmd == 0x0F;
        return US_CE_DE;
    case 0x27: {                                 /* Backspace Block */
        Got g = backward(t, &len, false);
        return g == GOT_END ? fail(d, SNS0_CMD_REJECT) : moved(d, g);
    }
    case 0x2F:                                   /* Backspace File */
        if (t->pos == 0)
            return fail(d, SNS0_CMD_REJECT);
        return space_file(d, true);
    case 0x37:                                   /* Forward Space Block */
        return moved(d, forward(t, &len));
    case 0x3F:                                   /* Forward Space File */
        return space_file(d, false);
    case 0x97:                                   /* Data Security Erase */
        if (t->readonly)
            return fail(d, SNS0_CMD_REJECT);
        if (ftruncate(t->fd, t->pos) || fdatasync(t->fd))
            return fail(d, SNS0_EQUIPMENT);
        return US_CE_DE;
    case 0x17:                                   /* Erase Gap */
    case CMD_NOP:
    case 0xC3: case 0xCB: case 0xD3: case 0xDB:  /* Mode Set */
        return US_CE_DE;
    case CMD_SENSE:
        if (!d->sense[0])
            status_sense(d);
        return dev_sense(d, io);
    case CMD_SENSE_ID:
        return dev_sense_id(d, io);
    case 0x22:                                   /* Read Block ID (3480) */
        if (t->is3480) {
            uint8_t id[8] = { 0, (uint8_t)(t->blockno >> 16), (uint8_t)(t->blockno >> 8),
                              (uint8_t)t->blockno };
            memcpy(id + 4, id, 4);
            io_store(io, id, 8);
            return US_CE_DE;
        }
        return dev_reject(d);
    case 0x4F:                                   /* Locate Block (3480) */
        return t->is3480 ? cmd_locate(d, io) : dev_reject(d);
    case 0x9F: {                                 /* Load Display (3480) */
        uint8_t msg[17];
        if (!t->is3480)
            return dev_reject(d);
        io_fetch(io, msg, sizeof msg);
        return US_CE_DE;
    }
    default:
        return dev_reject(d);
    }
}

static void tape_close(Device *d)
{
    Tape *t = d->priv;
    if (t) {
        close(t->fd);
        free(t->buf);
        free(t);
    }
    d->priv = NULL;
}

static const DeviceOps tape_ops[] = {
    { .type = "3420", .start = tape_start, .close = tape_close,
      .sense_id = { 0xFF, 0x38, 0x03, 0x02, 0x34, 0x20, 0x06 }, .sense_id_len = 7 },
    { .type = "3480", .start = tape_start, .close = tape_close,
      .sense_id = { 0xFF, 0x34, 0x80, 0x01, 0x34, 0x80, 0x01 }, .sense_id_len = 7 },
};

Device *tape_new(uint16_t devnum, const char *type, const char *path, bool readonly,
                 char *err, size_t errlen)
{
    const DeviceOps *ops = !type || !strcmp(type, "3420") ? &tape_ops[0]
                         : !strcmp(type, "3480") ? &tape_ops[1] : NULL;
    if (!ops) {
        snprintf(err, errlen, "%04X: %s is not a tape drive type (3420 or 3480)", devnum, type);
        return NULL;
    }
    int fd = readonly ? -1 : open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0) {
        fd = open(path, O_RDONLY);
        readonly = true;
    }
    if (fd < 0) {
        snprintf(err, errlen, "%04X: cannot open %s: %s", devnum, path, strerror(errno));
        return NULL;
    }
    /* A file that is not AWS: the first chunk header must make sense. */
    uint8_t h[AWS_HDR];
    ssize_t n = pread(fd, h, AWS_HDR, 0);
    struct stat st;
    if (fstat(fd, &st) || (n != 0 && (n != AWS_HDR || le16(h + 2) != 0 || h[5] != 0 ||
                                      (h[4] & 0x1F) ||
                                      (uint64_t)AWS_HDR + le16(h) > (uint64_t)st.st_size))) {
        snprintf(err, errlen, "%04X: %s is not an AWS tape file", devnum, path);
        close(fd);
        return NULL;
    }
    Tape *t = calloc(1, sizeof *t);
    uint8_t *buf = malloc(BLOCK_MAX);
    Device *d = t && buf ? device_new(ops, devnum, t) : NULL;
    if (!d) {
        free(t);
        free(buf);
        close(fd);
        snprintf(err, errlen, "%04X: out of memory", devnum);
        return NULL;
    }
    t->fd = fd;
    t->readonly = readonly;
    t->is3480 = ops == &tape_ops[1];
    t->buf = buf;
    d->sense_len = 24;
    return d;
}

void tape_set_eot(Device *d, uint64_t bytes)
{
    Tape *t = d->priv;
    t->eot = bytes;
}
