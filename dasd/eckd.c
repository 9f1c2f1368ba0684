/*
 * eckd.c — the extended CKD commands of the 3880 and 3990 storage
 * controls with 3375, 3380 and 3390 disks: Define Extent X'63' and Locate
 * Record X'47', and the commands of a Locate Record domain (IBM 3990
 * Storage Control Reference GA32-0099, "Define Extent", "Locate Record").
 *
 * Define Extent (16 bytes): byte 0 the file mask (as Set File Mask: bits
 * 0-1 write control, 2 reserved, 3-4 seek control, 5-6 access authority,
 * 7 PCI fetch), byte 1 global attributes (bits 0-1 architecture mode;
 * the cache bits are accepted and ignored), bytes 2-3 the block size,
 * 4-7 reserved here, 8-11 the first track of the extent (CCHH), 12-15 the
 * last.  Once per channel program, never after Set File Mask; from then
 * on seeks and multitrack operations outside the extent end in unit
 * check with "file protected" (sense byte 1 X'04').
 *
 * Locate Record (16 bytes): byte 0 orientation (bits 0-1: 00 count, 01
 * home address, 10 data, 11 index) and operation (bits 2-7), byte 1
 * auxiliary (bit 0: bytes 14-15 hold a transfer-length factor), byte 2
 * zero, byte 3 the count of records (or tracks) in the domain, 4-7 the
 * seek address CCHH, 8-12 the search argument CCHHR, 13 the sector,
 * 14-15 the transfer-length factor.  It seeks (inside the extent), and
 * orients: to index, after the home address, or — count and data
 * orientation — by a search ID equal for the search argument, after the
 * count (count orientation) or the data (data orientation) of that record.
 * Operations:
 *   X'00' Orient        position only (count 0)
 *   X'01' Write Data    Write Data / Write Key and Data update `count`
 *                       records, the first the one searched for
 *   X'03' Format Write  Write CKD (Write R0 with home-address or index
 *                       orientation) writes `count` records after it
 *   X'06' Read Data     Read Data, Read Key and Data, Read Count, Read CKD
 *   X'0B' Write Track   Write Data, then Write CKD, Erase
 *   X'16' Read          every read command, R0 and home address too
 * Within the domain the commands need no search before them, and the
 * index point takes them on to the next track (and cylinder), never out
 * of the extent.  A command the operation does not allow, and a second
 * Locate Record, end in command reject; so does a Locate Record without a
 * Define Extent (or a Read IPL) before it in the channel program.
 * ??? Read Tracks (X'0C') and the extended operations are not provided:
 * they are rejected as invalid parameters, and RDC does not announce them.
 */
#include <string.h>

#include "cpu370/bits.h"
#include "dasd/ckdint.h"

#define OP_ORIENT   0x00
#define OP_WRITE    0x01
#define OP_FORMAT   0x03
#define OP_READDATA 0x06
#define OP_WRTTRK   0x0B
#define OP_READ     0x16

#define ORIENT_COUNT 0x00
#define ORIENT_HA    0x40
#define ORIENT_DATA  0x80
#define ORIENT_INDEX 0xC0

static uint8_t reject(Device *d)
{
    return ckd_fail(d, SNS0_CMD_REJECT, 0);
}

static uint8_t cmd_define_extent(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t p[16];
    if (io_fetch(io, p, 16) < 16) {
        io->more = true;
        return reject(d);
    }
    /* Once per chain, not after Set File Mask, not inside a domain. */
    if (k->xdef || k->mask_set || k->lr_count || (p[0] & MASK_RESERVED))
        return reject(d);
    unsigned bc = ld_be16(p + 8), bh = ld_be16(p + 10);
    unsigned ec = ld_be16(p + 12), eh = ld_be16(p + 14);
    if (bc >= k->cyls || ec >= k->cyls || bh >= k->heads || eh >= k->heads)
        return reject(d);
    unsigned b = bc * k->heads + bh, e = ec * k->heads + eh;
    if (b > e)
        return reject(d);
    k->mask = p[0];
    k->mask_set = true;
    k->xdef = true;
    k->xbeg = b;
    k->xend = e;
    k->xblksize = ld_be16(p + 2);
    return US_CE_DE;
}

/* The orientation and operation pairs the 3990 accepts. */
static bool valid_op(uint8_t op)
{
    uint8_t orient = op & 0xC0, code = op & 0x3F;
    switch (code) {
    case OP_ORIENT:   return orient != ORIENT_INDEX;
    case OP_WRITE:    return orient == ORIENT_COUNT || orient == ORIENT_DATA;
    case OP_FORMAT:   return orient != ORIENT_DATA;
    case OP_READDATA: return orient != ORIENT_INDEX;
    case OP_WRTTRK:   return orient == ORIENT_COUNT;
    case OP_READ:     return true;
    default:          return false;
    }
}

static uint8_t cmd_locate(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t p[16];
    if (io_fetch(io, p, 16) < 16) {
        io->more = true;
        return reject(d);
    }
    if (k->lr_count || (!k->xdef && !k->ipl_read))
        return reject(d);                          /* invalid command sequence */
    uint8_t op = p[0], code = op & 0x3F;
    if (!valid_op(op) || (p[1] & 0x7E) || p[2] != 0 ||
        (code == OP_ORIENT) != (p[3] == 0) || ((p[1] & 0x80) == 0) != (ld_be16(p + 14) == 0))
        return reject(d);                          /* invalid parameter */
    unsigned cc = ld_be16(p + 4), hh = ld_be16(p + 6);
    if (cc >= k->cyls || hh >= k->heads)
        return reject(d);
    if (!ckd_in_extent(k, cc, hh))
        return ckd_fail(d, 0, SNS1_FILE_PROTECTED);
    if ((code == OP_WRITE || code == OP_FORMAT || code == OP_WRTTRK) && k->readonly)
        return ckd_fail(d, SNS0_CMD_REJECT, SNS1_WRITE_INHIBIT);

    ckd_set_position(k, cc, hh);
    if (!ckd_load_track(k))
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    switch (op & 0xC0) {
    case ORIENT_HA:
        if (memcmp(k->trk + 1, p + 8, 4))
            return ckd_fail(d, 0, SNS1_NO_RECORD);
        break;
    case ORIENT_INDEX:
        break;
    default:
        /* Search ID equal for the search argument, once round the track. */
        for (;;) {
            int why = ckd_next_record(d, true, false);
            if (why)
                return ckd_position_error(d, why);
            if (!memcmp(k->trk + k->roff, p + 8, 5))
                break;
        }
        k->index_passes = 0;
        if ((op & 0xC0) == ORIENT_DATA)
            k->orient = OR_DATA;
    }
    k->lr_op = op;
    k->lr_count = p[3];
    return US_CE_DE;
}

/* A command inside a Locate Record domain. */
static uint8_t domain_command(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t code = k->lr_op & 0x3F, cmd = io->cmd & 0x7F;
    bool read_op = code == OP_READDATA || code == OP_READ;
    uint8_t st;
    switch (cmd) {
    case 0x06: case 0x0E: case 0x1E: case 0x12:       /* reads */
        if (!read_op)
            return reject(d);
        st = ckd_read(d, io);
        break;
    case 0x16:                                         /* Read R0 */
    case 0x1A:                                         /* Read Home Address */
        if (code != OP_READ || k->orient != OR_INDEX)
            return reject(d);
        if (cmd == 0x1A) {
            io_store(io, k->trk, CKD_HA_SIZE);
            st = US_CE_DE;
        } else {
            int why = ckd_next_record(d, true, false);
            st = why ? ckd_position_error(d, why) : ckd_read_record(d, io, 7);
        }
        break;
    case 0x05: case 0x0D:                              /* Write Data, Key and Data */
        if (code != OP_WRITE && code != OP_WRTTRK)
            return reject(d);
        if (k->orient != OR_COUNT) {
            int why = ckd_next_record(d, false, true);
            if (why)
                return ckd_position_error(d, why);
        }
        st = ckd_write_update(d, io, cmd == 0x0D, true);
        break;
    case 0x1D:                                         /* Write CKD */
        if (code != OP_FORMAT && code != OP_WRTTRK)
            return reject(d);
        st = ckd_write_ckd(d, io, false, true);
        break;
    case 0x15:                                         /* Write R0 */
        if (code != OP_FORMAT || k->orient != OR_INDEX)
            return reject(d);
        st = ckd_write_ckd(d, io, true, true);
        break;
    case 0x11:                                         /* Erase */
        if (code != OP_WRTTRK && code != OP_FORMAT)
            return reject(d);
        st = ckd_erase(d, io, true);
        k->lr_count = 1;                               /* it ends the domain */
        break;
    default:
        return reject(d);
    }
    if (!(st & US_UNIT_CHECK))
        k->lr_count--;
    else
        k->lr_count = 0;
    return st;
}

bool eckd_command(Device *d, DevIo *io, uint8_t *status)
{
    Ckd *k = d->priv;
    switch (io->cmd) {
    case 0x63:
        *status = cmd_define_extent(d, io);
        return true;
    case 0x47:
        *status = cmd_locate(d, io);
        return true;
    case CMD_NOP: case CMD_SENSE: case CMD_SENSE_ID:
        return false;
    default:
        if (!k->lr_count)
            return false;
        *status = domain_command(d, io);
        return true;
    }
}
