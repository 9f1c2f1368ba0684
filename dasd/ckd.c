/*
 * ckd.c — count-key-data disks (2314, 3330, 3340, 3350, 3375, 3380, 3390)
 * on Hercules-format images, plain or compressed (dasd.h, image.h).
 *
 * The channel programs of IBM 3830/3880/3990 storage controls (GA32-0099
 * "IBM 3990 Storage Control Reference", GA26-1592 "3830/3330 Reference"):
 *   positioning  Seek X'07', Seek Cylinder X'0B', Seek Head X'1B',
 *                Recalibrate X'13', Set Sector X'23', Read Sector X'22',
 *                Set File Mask X'1F'
 *   searching    Search ID Equal/High/Equal-or-High X'31'/X'51'/X'71',
 *                Search Key X'29'/X'49'/X'69', Search Home Address X'39';
 *                a satisfied search presents status modifier, so the TIC
 *                that loops back to it is skipped
 *   reading      Read Data X'06', Read Key and Data X'0E', Read Count-Key-
 *                Data X'1E', Read Count X'12', Read R0 X'16', Read Home
 *                Address X'1A', Read IPL X'02' (cylinder 0 head 0, R1);
 *                X'80' added: multitrack, going on to the next head
 *   writing      Write Data X'05', Write Key and Data X'0D' (after a
 *                satisfied Search ID/Key Equal), Write CKD X'1D' (a new
 *                record after the current one; the rest of the track is
 *                erased), Write R0 X'15', Erase X'11'
 *   other        Sense X'04', Sense ID X'E4', Read Device Characteristics
 *                X'64', Reserve/Release X'B4'/X'94'/X'14', No-op X'03'
 *   3375-3390    Define Extent X'63', Locate Record X'47' (eckd.c)
 * Orientation is modelled as the position in the track image (at index,
 * or after the count, key or data of a record); a search or read that
 * passes the index point twice ends in "no record found".
 *
 * The file mask (Set File Mask, or byte 0 of Define Extent) is obeyed:
 * writes it inhibits end in command reject, seeks it inhibits in "file
 * protected" (sense byte 1 bit 5), as do seeks outside a defined extent.
 *
 * Every write updates the track in storage and gives the whole track to
 * the image layer before device end (image.h "Durability"), so what the
 * program was told is written is in the image file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu370/bits.h"
#include "dasd/ckdint.h"

#define HA_SIZE     CKD_HA_SIZE
#define COUNT_SIZE  CKD_COUNT_SIZE
#define EOT_SIZE    CKD_EOT_SIZE

/* RDC facts per type: IBM 3990 Storage Control Reference GA32-0099 and the
 * 3880 reference; the same values Hercules' dasdtab uses. */
static const CkdType ckd_types[] = {
    /* name    type    code model heads trksize r1max  cyls  sect cu     cum sns  ext */
    { "2314", 0x2314, 0x14, 0x00, 20,  7680,  7294,  200,   0, 0x2314, 0x00, 24, false, .rdc_code = 0 },
    { "3330", 0x3330, 0x30, 0x01, 19, 13312, 13030,  404, 128, 0x3830, 0x02, 24, false, .rdc_code = 0 },
    { "3340", 0x3340, 0x40, 0x01, 12,  8704,  8368,  348,  64, 0x3830, 0x02, 24, false, .rdc_code = 0 },
    { "3350", 0x3350, 0x50, 0x00, 30, 19456, 19069,  555, 128, 0x3830, 0x02, 24, false, .rdc_code = 0 },
    { "3375", 0x3375, 0x75, 0x02, 12, 35840, 35616,  959, 196, 0x3880, 0x01, 24, true,
      .rdc_code = 0x0E, .tracklen = 36000, .har0 = 832, .formula = { 1, 32, 0x01, 0x80, 0x00, 0xA0 },
      .r0len = 36000, .rps = 0x5007 },
    { "3380", 0x3380, 0x80, 0x02, 15, 47616, 47476,  885, 222, 0x3880, 0x13, 32, true,
      .rdc_code = 0x0E, .tracklen = 47968, .har0 = 1088, .formula = { 1, 32, 0x01, 0xEC, 0x00, 0xEC },
      .r0len = 47988, .rps = 0x5007 },
    { "3390", 0x3390, 0x90, 0x02, 15, 56832, 56664, 1113, 224, 0x3990, 0xE9, 32, true,
      .rdc_code = 0x26, .tracklen = 58786, .har0 = 1428, .formula = { 2, 34, 19, 9, 6, 116 },
      .r0len = 57326, .f6 = 6, .rps = 0x7708 },
};

const CkdType *ckd_type_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof ckd_types / sizeof ckd_types[0]; i++)
        if (!strcmp(ckd_types[i].name, name))
            return &ckd_types[i];
    return NULL;
}

static const CkdType *ckd_type_by_code(uint8_t code)
{
    for (size_t i = 0; i < sizeof ckd_types / sizeof ckd_types[0]; i++)
        if (ckd_types[i].code == code)
            return &ckd_types[i];
    return NULL;
}

/* ---- Track image access ------------------------------------------------- */

uint8_t ckd_fail(Device *d, uint8_t sense0, uint8_t sense1)
{
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = sense0;
    d->sense[1] = sense1;
    return US_CE_DE | US_UNIT_CHECK;
}

/* Read the track under the head; false (equipment check) on a host error
 * or a track whose home address does not match. */
bool ckd_load_track(Ckd *k)
{
    if (k->loaded)
        return true;
    if (img_read_unit(k->im, k->cc * k->heads + k->hh, k->trk))
        return false;
    if (k->trk[0] != 0 || ld_be16(k->trk + 1) != (uint16_t)k->cc ||
        ld_be16(k->trk + 3) != (uint16_t)k->hh)
        return false;
    k->loaded = true;
    return true;
}

/* The record whose count is at off: false at the end-of-track marker (or
 * a malformed record, which is treated as the end). */
static bool record_at(const Ckd *k, uint32_t off, uint8_t *kl, uint16_t *dl)
{
    if (off + COUNT_SIZE > k->trksize)
        return false;
    const uint8_t *p = k->trk + off;
    static const uint8_t eot[EOT_SIZE] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    if (!memcmp(p, eot, EOT_SIZE))
        return false;
    *kl = p[5];
    *dl = ld_be16(p + 6);
    return off + COUNT_SIZE + *kl + *dl + EOT_SIZE <= k->trksize;
}

static uint32_t record_end(const Ckd *k, uint32_t off)
{
    uint8_t kl;
    uint16_t dl;
    if (!record_at(k, off, &kl, &dl))
        return off;
    return off + COUNT_SIZE + kl + dl;
}

void ckd_set_position(Ckd *k, unsigned cc, unsigned hh)
{
    if (cc != k->cc || hh != k->hh)
        k->loaded = false;
    k->cc = cc;
    k->hh = hh;
    k->orient = OR_INDEX;
    k->index_passes = 0;
}

/* The index point under multitrack: on to the next head (in a Locate
 * Record domain also the next cylinder), within the extent.  0 or the
 * sense byte 1 that ends the operation. */
static int next_track(Ckd *k)
{
    unsigned cc = k->cc, hh = k->hh + 1;
    if (hh >= k->heads) {
        if (!k->lr_count)
            return SNS1_END_OF_CYL;
        cc++;
        hh = 0;
    }
    if (cc >= k->cyls || !ckd_in_extent(k, cc, hh))
        return SNS1_FILE_PROTECTED;
    ckd_set_position(k, cc, hh);
    return 0;
}

/* Move to the next record's count: R0 is passed over unless `with_r0`;
 * `mt` (multitrack, implied in a Locate Record domain) goes on to the
 * next track at the index point instead of counting it.  0, the sense
 * byte 1 of the failure, or -1 for an equipment check. */
int ckd_next_record(Device *d, bool with_r0, bool mt)
{
    Ckd *k = d->priv;
    if (mt && (k->mask & MASK_SEEK) == MASK_NO_SEEK)
        return SNS1_FILE_PROTECTED;           /* the mask inhibits multitrack */
    mt = mt || k->lr_count;
    if (!ckd_load_track(k))
        return -1;
    uint32_t off = k->orient == OR_INDEX ? HA_SIZE : record_end(k, k->roff);
    /* This ends: within a track the offset only grows, and past the index
     * point either the passes are counted or the tracks advance to the
     * end of the cylinder, extent or volume. */
    for (;;) {
        uint8_t kl;
        uint16_t dl;
        if (!record_at(k, off, &kl, &dl)) {
            /* The index point. */
            if (mt) {
                int why = next_track(k);
                if (why)
                    return why;
                if (!ckd_load_track(k))
                    return -1;
            } else if (++k->index_passes >= 2) {
                return SNS1_NO_RECORD;
            }
            off = HA_SIZE;
            continue;
        }
        if (off == HA_SIZE && !with_r0) {
            off += COUNT_SIZE + kl + dl;
            continue;
        }
        k->roff = off;
        k->orient = OR_COUNT;
        return 0;
    }
}

uint8_t ckd_position_error(Device *d, int why)
{
    if (why < 0)
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    if (why == SNS1_FILE_PROTECTED)
        return ckd_fail(d, 0, SNS1_FILE_PROTECTED);
    return ckd_fail(d, 0, (uint8_t)why);
}

/* ---- Commands ------------------------------------------------------------ */

static uint8_t cmd_seek(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t a[6];
    if (io_fetch(io, a, 6) < 6) {
        io->more = true;
        return ckd_fail(d, SNS0_CMD_REJECT, 0);
    }
    unsigned cc = ld_be16(a + 2), hh = ld_be16(a + 4);
    if (a[0] || a[1] || cc >= k->cyls || hh >= k->heads)
        return ckd_fail(d, SNS0_CMD_REJECT, 0);
    /* The seek control bits of the file mask: 00 every seek, 01 Seek
     * Cylinder and Seek Head, 10 Seek Head, 11 none. */
    uint8_t sk = k->mask & MASK_SEEK;
    bool ok = sk == 0 || (sk == MASK_SEEK_CYL_HEAD && io->cmd != 0x07) ||
              (sk == MASK_SEEK_HEAD && io->cmd == 0x1B && cc == k->cc);
    if (!ok || !ckd_in_extent(k, cc, hh))
        return ckd_fail(d, 0, SNS1_FILE_PROTECTED);
    ckd_set_position(k, cc, hh);
    return US_CE_DE;
}

/* Search ID / Key / Home Address: compare, and status modifier when
 * satisfied.  cond: 0 equal, 1 high, 2 equal or high (command bits 1-2). */
static bool compare(const uint8_t *rec, const uint8_t *arg, unsigned n, unsigned cond)
{
    int c = memcmp(rec, arg, n);
    return cond == 0 ? c == 0 : cond == 1 ? c > 0 : c >= 0;
}

static unsigned search_cond(uint8_t cmd)
{
    switch (cmd & 0x60) {
    case 0x40: return 1;          /* X'51', X'49': high */
    case 0x60: return 2;          /* X'71', X'69': equal or high */
    default:   return 0;          /* X'31', X'29': equal */
    }
}

static uint8_t cmd_search_id(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t arg[5];
    uint32_t n = io_fetch(io, arg, 5);
    int why = ckd_next_record(d, true, io->cmd & 0x80);
    if (why)
        return ckd_position_error(d, why);
    unsigned cond = search_cond(io->cmd);
    bool ok = compare(k->trk + k->roff, arg, n, cond);
    if (ok) {
        k->index_passes = 0;
        k->search_ok = cond == 0 || !memcmp(k->trk + k->roff, arg, 5);
    }
    return ok ? US_CE_DE | US_STATUS_MOD : US_CE_DE;
}

static uint8_t cmd_search_key(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t arg[256];
    uint32_t n = io_fetch(io, arg, sizeof arg);
    if (k->orient != OR_COUNT) {
        int why = ckd_next_record(d, false, io->cmd & 0x80);
        if (why)
            return ckd_position_error(d, why);
    }
    uint8_t kl = k->trk[k->roff + 5];
    k->orient = OR_KEY;
    if (kl == 0)
        return US_CE_DE;
    unsigned cond = search_cond(io->cmd);
    bool ok = compare(k->trk + k->roff + COUNT_SIZE, arg, n < kl ? n : kl, cond);
    if (ok) {
        k->index_passes = 0;
        k->search_ok = !memcmp(k->trk + k->roff + COUNT_SIZE, arg, n < kl ? n : kl);
    }
    return ok ? US_CE_DE | US_STATUS_MOD : US_CE_DE;
}

static uint8_t cmd_search_ha(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    uint8_t arg[4];
    uint32_t n = io_fetch(io, arg, 4);
    if (!ckd_load_track(k))
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    k->orient = OR_INDEX;          /* just after the home address */
    bool ok = !memcmp(k->trk + 1, arg, n);
    k->search_ok = ok;
    return ok ? US_CE_DE | US_STATUS_MOD : US_CE_DE;
}

/* Read what `what` says of the current record: bit 0 count, 1 key, 2 data. */
uint8_t ckd_read_record(Device *d, DevIo *io, unsigned what)
{
    Ckd *k = d->priv;
    const uint8_t *p = k->trk + k->roff;
    uint8_t kl = p[5];
    uint16_t dl = ld_be16(p + 6);
    /* The three fields are contiguous in the track image: from the first
     * field asked for to the last (Read Count moves the count alone). */
    uint32_t from = (what & 1) ? 0 : (what & 2) ? COUNT_SIZE : COUNT_SIZE + kl;
    uint32_t to = (what & 4) ? COUNT_SIZE + kl + dl : (what & 2) ? COUNT_SIZE + kl : COUNT_SIZE;
    io_store(io, p + from, to - from);
    k->orient = (what & 4) ? OR_DATA : (what & 2) ? OR_KEY : OR_COUNT;
    k->index_passes = 0;
    return US_CE_DE;
}

uint8_t ckd_read(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    bool mt = io->cmd & 0x80;
    unsigned what;
    switch (io->cmd & 0x7F) {
    case 0x06: what = 4; break;                  /* Read Data            */
    case 0x0E: what = 6; break;                  /* Read Key and Data    */
    case 0x1E: what = 7; break;                  /* Read Count-Key-Data  */
    default:   what = 1; break;                  /* Read Count X'12'     */
    }
    /* Data (and key and data) of the record just searched or counted;
     * otherwise, and always for count-key-data, the next record. */
    bool current = (what == 4 && (k->orient == OR_COUNT || k->orient == OR_KEY)) ||
                   (what == 6 && k->orient == OR_COUNT);
    if (!current) {
        int why = ckd_next_record(d, false, mt);
        if (why)
            return ckd_position_error(d, why);
    }
    return ckd_read_record(d, io, what);
}

static uint8_t cmd_read_ipl(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    ckd_set_position(k, 0, 0);
    k->ipl_read = true;
    if (!ckd_load_track(k))
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    for (;;) {                     /* search ID equal, record 1 */
        int why = ckd_next_record(d, false, false);
        if (why)
            return ckd_position_error(d, why);
        if (k->trk[k->roff + 4] == 1)
            break;
    }
    return ckd_read_record(d, io, 4);
}

/* Kinds of write, for the write-control bits of the file mask:
 * 00 inhibit Write HA and Write R0, 01 inhibit all writes, 10 Write Data
 * and Write Key and Data only, 11 permit all. */
typedef enum WriteKind { WR_UPDATE, WR_FORMAT, WR_R0 } WriteKind;

/* 0 if the write may go on, else the unit-check status to end it with. */
static uint8_t write_check(Device *d, WriteKind kind)
{
    Ckd *k = d->priv;
    if (k->readonly)
        return ckd_fail(d, SNS0_CMD_REJECT, SNS1_WRITE_INHIBIT);
    uint8_t w = k->mask & MASK_WRITE;
    bool ok = w == MASK_PERMIT_ALL || (w == MASK_UPDATE_ONLY && kind == WR_UPDATE) ||
              (w == MASK_INHIBIT_HA_R0 && kind != WR_R0);
    return ok ? 0 : ckd_fail(d, SNS0_CMD_REJECT, SNS1_FILE_PROTECTED);
}

static uint8_t write_done(Device *d)
{
    Ckd *k = d->priv;
    if (img_write_unit(k->im, k->cc * k->heads + k->hh, k->trk)) {
        k->loaded = false;         /* the track in the file is what counts */
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    }
    return US_CE_DE;
}

/* Write Data / Write Key and Data: update the record just found. */
uint8_t ckd_write_update(Device *d, DevIo *io, bool key, bool ok_before)
{
    Ckd *k = d->priv;
    if (!ok_before || !io->chained || k->orient == OR_INDEX || k->orient == OR_DATA ||
        (key && k->orient != OR_COUNT))
        return ckd_fail(d, SNS0_CMD_REJECT, 0);
    uint8_t st = write_check(d, WR_UPDATE);
    if (st)
        return st;
    uint8_t *p = k->trk + k->roff;
    uint8_t kl = p[5];
    uint16_t dl = ld_be16(p + 6);
    uint32_t off = COUNT_SIZE + (key ? 0 : kl);
    uint32_t len = (key ? kl : 0) + dl;
    uint32_t n = io_fetch(io, p + off, len);
    if (n < len) {
        memset(p + off + n, 0, len - n);    /* the rest of the field is zeros */
        io->more = true;
    }
    k->orient = OR_DATA;
    return write_done(d);
}

/* Write CKD (and R0): a new record after the current one (R0: at the
 * start); everything after it on the track is erased. */
uint8_t ckd_write_ckd(Device *d, DevIo *io, bool r0, bool ok_before)
{
    Ckd *k = d->priv;
    if (!ok_before || !io->chained)
        return ckd_fail(d, SNS0_CMD_REJECT, 0);
    uint8_t st = write_check(d, r0 ? WR_R0 : WR_FORMAT);
    if (st)
        return st;
    if (!ckd_load_track(k))
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    uint32_t off = r0 ? HA_SIZE : k->orient == OR_INDEX ? HA_SIZE : record_end(k, k->roff);
    if (!r0 && off == HA_SIZE)
        off = record_end(k, HA_SIZE);        /* after R0 */
    uint8_t count[COUNT_SIZE];
    if (io_fetch(io, count, COUNT_SIZE) < COUNT_SIZE) {
        io->more = true;
        return ckd_fail(d, SNS0_CMD_REJECT, 0);
    }
    uint8_t kl = count[5];
    uint16_t dl = ld_be16(count + 6);
    uint32_t len = COUNT_SIZE + kl + dl;
    if (off + len + EOT_SIZE > k->trksize)
        return ckd_fail(d, SNS0_CMD_REJECT, SNS1_INVALID_FORMAT);   /* track full */
    uint8_t *p = k->trk + off;
    memcpy(p, count, COUNT_SIZE);
    uint32_t n = io_fetch(io, p + COUNT_SIZE, kl + dl);
    if (n < (uint32_t)kl + dl) {
        memset(p + COUNT_SIZE + n, 0, kl + dl - n);
        io->more = true;
    }
    memset(p + len, 0xFF, EOT_SIZE);
    memset(p + len + EOT_SIZE, 0, k->trksize - off - len - EOT_SIZE);
    k->roff = off;
    k->orient = OR_DATA;
    k->write_ok = true;
    return write_done(d);
}

uint8_t ckd_erase(Device *d, DevIo *io, bool ok_before)
{
    Ckd *k = d->priv;
    if (!ok_before || !io->chained)
        return ckd_fail(d, SNS0_CMD_REJECT, 0);
    uint8_t st = write_check(d, WR_FORMAT);
    if (st)
        return st;
    if (!ckd_load_track(k))
        return ckd_fail(d, SNS0_EQUIPMENT, 0);
    uint8_t count[COUNT_SIZE];
    io_fetch(io, count, COUNT_SIZE);
    uint32_t off = k->orient == OR_INDEX ? record_end(k, HA_SIZE) : record_end(k, k->roff);
    memset(k->trk + off, 0xFF, EOT_SIZE);
    memset(k->trk + off + EOT_SIZE, 0, k->trksize - off - EOT_SIZE);
    return write_done(d);
}

/* Read Device Characteristics: the 64-byte block of the 3880/3990
 * (GA32-0099 "Read Device Characteristics"): storage control and device
 * types and models, features, device class and code, cylinders, heads,
 * sectors, track length, HA-and-R0 length, the track-capacity formula and
 * its factors, the R0 length, F6 and the RPS factor. */
static uint8_t cmd_rdc(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    const CkdType *t = k->t;
    uint8_t rdc[64] = { 0 };
    st_be16(rdc + 0, t->cu);
    rdc[2] = t->cu_model;
    st_be16(rdc + 3, t->type);
    rdc[5] = t->model;
    rdc[6] = 0x10;                                    /* Locate Record, Read */
    rdc[10] = 0x20;                                   /* class: DASD   */
    rdc[11] = t->rdc_code;
    st_be16(rdc + 12, (uint16_t)(k->cyls > 0xFFFF ? 0xFFFF : k->cyls));
    st_be16(rdc + 14, (uint16_t)k->heads);
    rdc[16] = t->sectors;
    st_be16(rdc + 18, t->tracklen);
    st_be16(rdc + 20, t->har0);
    memcpy(rdc + 22, t->formula, 6);
    rdc[40] = rdc[41] = t->rdc_code;                  /* MDR and OBR record ids */
    rdc[43] = 0x02;
    st_be16(rdc + 44, t->r0len);
    rdc[47] = 0x01;                                   /* track set */
    rdc[48] = t->f6;
    st_be16(rdc + 49, t->rps);
    io_store(io, rdc, sizeof rdc);
    return US_CE_DE;
}

static uint8_t ckd_start(Device *d, DevIo *io)
{
    Ckd *k = d->priv;
    bool search_ok = k->search_ok, write_ok = k->write_ok;
    k->search_ok = false;
    k->write_ok = false;
    if (!io->chained) {
        /* A new channel program: file mask, extent and domain are reset. */
        k->mask = 0;
        k->mask_set = false;
        k->xdef = false;
        k->ipl_read = false;
        k->lr_count = 0;
    }
    if (k->t->ext) {
        uint8_t st;
        if (eckd_command(d, io, &st))
            return st;
    }
    switch (io->cmd) {
    case 0x07: case 0x0B: case 0x1B:                  /* Seek */
        return cmd_seek(d, io);
    case 0x13:                                        /* Recalibrate */
        if ((k->mask & MASK_SEEK) != 0 || !ckd_in_extent(k, 0, 0))
            return ckd_fail(d, 0, SNS1_FILE_PROTECTED);
        ckd_set_position(k, 0, 0);
        return US_CE_DE;
    case 0x23: {                                      /* Set Sector */
        uint8_t s;
        io_fetch(io, &s, 1);
        k->orient = OR_INDEX;
        k->index_passes = 0;
        return US_CE_DE;
    }
    case 0x22: {                                      /* Read Sector */
        uint8_t s = 0;
        io_store(io, &s, 1);
        return US_CE_DE;
    }
    case 0x1F: {                                      /* Set File Mask */
        uint8_t m;
        if (k->mask_set || io_fetch(io, &m, 1) < 1)
            return ckd_fail(d, SNS0_CMD_REJECT, 0);
        k->mask = m;
        k->mask_set = true;
        return US_CE_DE;
    }
    case CMD_NOP:
        return US_CE_DE;
    case 0x31: case 0x51: case 0x71: case 0xB1: case 0xD1: case 0xF1:
        return cmd_search_id(d, io);
    case 0x29: case 0x49: case 0x69: case 0xA9: case 0xC9: case 0xE9:
        return cmd_search_key(d, io);
    case 0x39: case 0xB9:
        return cmd_search_ha(d, io);
    case 0x06: case 0x86: case 0x0E: case 0x8E: case 0x1E: case 0x9E: case 0x12: case 0x92:
        return ckd_read(d, io);
    case 0x16: case 0x96: {                           /* Read R0 */
        ckd_set_position(k, k->cc, k->hh);
        int why = ckd_next_record(d, true, false);
        return why ? ckd_position_error(d, why) : ckd_read_record(d, io, 7);
    }
    case 0x1A: case 0x9A:                             /* Read Home Address */
        if (!ckd_load_track(k))
            return ckd_fail(d, SNS0_EQUIPMENT, 0);
        io_store(io, k->trk, HA_SIZE);
        k->orient = OR_INDEX;
        return US_CE_DE;
    case CMD_READ:                                    /* Read IPL */
        return cmd_read_ipl(d, io);
    case 0x05:
        return ckd_write_update(d, io, false, search_ok);
    case 0x0D:
        return ckd_write_update(d, io, true, search_ok);
    case 0x1D:
        return ckd_write_ckd(d, io, false, search_ok || write_ok);
    case 0x15:
        return ckd_write_ckd(d, io, true, search_ok);
    case 0x11:
        return ckd_erase(d, io, search_ok || write_ok);
    case CMD_SENSE:
    case 0xB4: case 0x94: case 0x14:                  /* Reserve, Release */
        return dev_sense(d, io);
    case CMD_SENSE_ID:
        return dev_sense_id(d, io);
    case 0x64:
        if (!k->t->ext)
            return dev_reject(d);
        return cmd_rdc(d, io);
    default:
        return dev_reject(d);
    }
}

static void ckd_reset(Device *d)
{
    Ckd *k = d->priv;
    ckd_set_position(k, 0, 0);
    k->mask = 0;
    k->mask_set = false;
    k->xdef = false;
    k->ipl_read = false;
    k->lr_count = 0;
    k->search_ok = k->write_ok = false;
}

static void ckd_close(Device *d)
{
    Ckd *k = d->priv;
    if (k) {
        img_close(k->im);
        free(k->trk);
        free(k);
    }
    d->priv = NULL;
}

/* ---- Opening and creating images ------------------------------------------ */

/* One DeviceOps per type, parallel to ckd_types[]: Sense ID (the storage
 * control and the device, types and models) exists on the 3375, 3380 and
 * 3390 only; the 3830-attached disks reject it, as they did. */
static const DeviceOps ckd_ops[] = {
    { .type = "2314", .start = ckd_start, .reset = ckd_reset, .close = ckd_close },
    { .type = "3330", .start = ckd_start, .reset = ckd_reset, .close = ckd_close },
    { .type = "3340", .start = ckd_start, .reset = ckd_reset, .close = ckd_close },
    { .type = "3350", .start = ckd_start, .reset = ckd_reset, .close = ckd_close },
    { .type = "3375", .start = ckd_start, .reset = ckd_reset, .close = ckd_close,
      .sense_id = { 0xFF, 0x38, 0x80, 0x01, 0x33, 0x75, 0x02 }, .sense_id_len = 7 },
    { .type = "3380", .start = ckd_start, .reset = ckd_reset, .close = ckd_close,
      .sense_id = { 0xFF, 0x38, 0x80, 0x13, 0x33, 0x80, 0x02 }, .sense_id_len = 7 },
    { .type = "3390", .start = ckd_start, .reset = ckd_reset, .close = ckd_close,
      .sense_id = { 0xFF, 0x39, 0x90, 0xE9, 0x33, 0x90, 0x02 }, .sense_id_len = 7 },
};
_Static_assert(sizeof ckd_ops / sizeof ckd_ops[0] == sizeof ckd_types / sizeof ckd_types[0],
               "one DeviceOps per CKD type");

Device *ckd_open_opt(uint16_t devnum, const char *type, const char *path, const DasdOptions *opt,
                     char *err, size_t errlen)
{
    ImgOptions io = { .readonly = opt && opt->readonly, .nosync = opt && opt->nosync,
                      .shadow = opt ? opt->shadow : NULL };
    char why[512];
    Image *im = img_open(path, &io, why, sizeof why);
    if (!im) {
        snprintf(err, errlen, "%04X: %s", devnum, why);
        return NULL;
    }
    const CkdType *t = ckd_type_by_code(im->devcode);
    const char *bad = NULL;
    if (im->fmt != IMG_CKD && im->fmt != IMG_CCKD)
        bad = "an FBA image, not a CKD one";
    else if (!t)
        bad = "an unknown CKD device type";
    else if (type && strcmp(type, t->name))
        bad = "an image of another device type";
    if (bad) {
        snprintf(err, errlen, "%04X: %s is %s", devnum, path, bad);
        img_close(im);
        return NULL;
    }
    Ckd *k = calloc(1, sizeof *k);
    uint8_t *trk = malloc(im->trksize);
    Device *d = k && trk ? device_new(&ckd_ops[t - ckd_types], devnum, k) : NULL;
    if (!d) {
        free(k);
        free(trk);
        img_close(im);
        snprintf(err, errlen, "%04X: out of memory", devnum);
        return NULL;
    }
    k->t = t;
    k->im = im;
    k->readonly = im->readonly;
    k->cyls = im->cyls;
    k->heads = im->heads;
    k->trksize = im->trksize;
    k->trk = trk;
    d->sense_len = t->sense_len;
    return d;
}

Device *ckd_open(uint16_t devnum, const char *type, const char *path, bool readonly,
                 char *err, size_t errlen)
{
    DasdOptions o = { .readonly = readonly };
    return ckd_open_opt(devnum, type, path, &o, err, errlen);
}

/* One empty track: home address, R0 with 8 zero bytes, end of track. */
static void build_track(uint8_t *trk, uint32_t size, unsigned cc, unsigned hh)
{
    memset(trk, 0, size);
    st_be16(trk + 1, (uint16_t)cc);
    st_be16(trk + 3, (uint16_t)hh);
    uint8_t *r0 = trk + HA_SIZE;
    st_be16(r0, (uint16_t)cc);
    st_be16(r0 + 2, (uint16_t)hh);
    r0[4] = 0;
    r0[5] = 0;
    st_be16(r0 + 6, 8);
    memset(r0 + COUNT_SIZE + 8, 0xFF, EOT_SIZE);
}

/* Append a record after offset off; returns the new end. */
static uint32_t add_record(uint8_t *trk, uint32_t off, uint8_t r, const uint8_t *key, uint8_t kl,
                           const uint8_t *data, uint16_t dl)
{
    uint8_t *p = trk + off;
    memcpy(p, trk + 1, 4);                     /* CCHH */
    p[4] = r;
    p[5] = kl;
    st_be16(p + 6, dl);
    memcpy(p + COUNT_SIZE, key, kl);
    memcpy(p + COUNT_SIZE + kl, data, dl);
    memset(p + COUNT_SIZE + kl + dl, 0xFF, EOT_SIZE);
    return off + COUNT_SIZE + kl + dl;
}

/* ASCII to EBCDIC for the few characters of labels: A-Z 0-9 and blank. */
static uint8_t ebc(char c)
{
    if (c >= 'A' && c <= 'I') return (uint8_t)(0xC1 + (c - 'A'));
    if (c >= 'J' && c <= 'R') return (uint8_t)(0xD1 + (c - 'J'));
    if (c >= 'S' && c <= 'Z') return (uint8_t)(0xE2 + (c - 'S'));
    if (c >= '0' && c <= '9') return (uint8_t)(0xF0 + (c - '0'));
    if (c >= 'a' && c <= 'z') return ebc((char)(c - 'a' + 'A'));
    return 0x40;
}

static void ebc_copy(uint8_t *dst, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = ebc(s[i]);
}

/* DSCBs (44-byte key, 96 bytes of data) per track: DS4DEVDT.  3380 and
 * 3390 from GA32-0099's capacity tables; ??? the older devices' values
 * are from the capacity formulas as remembered, and only bound how many
 * empty DSCBs the VTOC track gets. */
static uint8_t dscbs_per_track(const CkdType *t)
{
    switch (t->type) {
    case 0x3390: return 50;
    case 0x3380: return 53;
    case 0x3375: return 40;
    case 0x3350: return 47;
    case 0x3340: return 22;
    case 0x3330: return 39;
    default:     return 25;
    }
}

/* The VTOC on cylinder 0 head 1, one track: R1 the format-4 DSCB (the
 * VTOC itself: DS4VTOCE, the device size), then empty (format-0) DSCBs.
 * DS4VTOCI has the "DOS" bit (X'80'): there is no format-5 free-space
 * DSCB, so a system that allocates space recomputes it (DFSMSdfp Advanced
 * Services SC26-7400, "Format-4 DSCB"). */
static void build_vtoc(uint8_t *trk, const CkdType *t, unsigned cyls)
{
    uint8_t n = dscbs_per_track(t);
    uint32_t off = HA_SIZE + COUNT_SIZE + 8;
    uint8_t key[44], data[96];
    memset(key, 0x04, sizeof key);
    memset(data, 0, sizeof data);
    data[0] = 0xF4;                                  /* DS4IDFMT */
    memcpy(data + 1, "\x00\x00\x00\x01\x01", 5);      /* DS4HPCHR: itself */
    st_be16(data + 6, (uint16_t)(n - 1));            /* DS4DSREC: free DSCBs */
    data[14] = 0x80;                                 /* DS4VTOCI: no format 5 */
    data[15] = 1;                                    /* DS4NOEXT */
    st_be16(data + 18, (uint16_t)cyls);              /* DS4DEVSZ */
    st_be16(data + 20, t->heads);
    st_be16(data + 22, (uint16_t)(t->tracklen ? t->tracklen : t->r1max));   /* DS4DEVTK */
    data[30] = n;                                    /* DS4DEVDT */
    uint8_t *x = data + 61;                          /* DS4VTOCE */
    x[0] = 0x01;
    st_be16(x + 4, 1);                               /* begin 0/1 */
    st_be16(x + 8, 1);                               /* end 0/1   */
    off = add_record(trk, off, 1, key, 44, data, 96);
    memset(key, 0, sizeof key);
    memset(data, 0, sizeof data);
    for (uint8_t r = 2; r <= n; r++)
        off = add_record(trk, off, r, key, 44, data, 96);
}

int ckd_create(const char *path, const char *type, unsigned cyls, const char *volser,
               char *err, size_t errlen)
{
    return ckd_create_progress(path, type, cyls, volser, NULL, NULL, err, errlen);
}

int ckd_create_progress(const char *path, const char *type, unsigned cyls, const char *volser,
                        void (*progress)(void *arg, unsigned done, unsigned total), void *arg,
                        char *err, size_t errlen)
{
    const CkdType *t = ckd_type_by_name(type);
    if (!t) {
        snprintf(err, errlen, "%s: unknown CKD device type", type);
        return -1;
    }
    if (cyls == 0 || cyls > 65520 || (volser && (strlen(volser) == 0 || strlen(volser) > 6))) {
        snprintf(err, errlen, "%s: bad cylinder count or volume serial", path);
        return -1;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    uint8_t hdr[IMG_HDR_SIZE] = { 0 };
    memcpy(hdr, "CKD_P370", 8);
    for (int i = 0; i < 4; i++) {
        hdr[8 + i] = (uint8_t)(t->heads >> (8 * i));
        hdr[12 + i] = (uint8_t)(t->trksize >> (8 * i));
    }
    hdr[16] = t->code;
    bool ok = fwrite(hdr, 1, IMG_HDR_SIZE, f) == IMG_HDR_SIZE;
    uint8_t *trk = malloc(t->trksize);
    ok = ok && trk;
    for (unsigned c = 0; ok && c < cyls; c++) {
        for (unsigned h = 0; ok && h < t->heads; h++) {
            build_track(trk, t->trksize, c, h);
            if (c == 0 && h == 0 && volser) {
                static const uint8_t ipl1_psw[24] = { 0x00, 0x0A, 0, 0, 0, 0, 0, 0x0F };
                uint8_t key[4], vol1[80], ipl2[144] = { 0 };
                uint32_t off = HA_SIZE + COUNT_SIZE + 8;
                ebc_copy(key, "IPL1", 4);
                off = add_record(trk, off, 1, key, 4, ipl1_psw, 24);
                ebc_copy(key, "IPL2", 4);
                off = add_record(trk, off, 2, key, 4, ipl2, 144);
                memset(vol1, 0x40, sizeof vol1);
                ebc_copy(vol1, "VOL1", 4);
                char ser[7];
                snprintf(ser, sizeof ser, "%-6s", volser);
                ebc_copy(vol1 + 4, ser, 6);
                uint8_t vtoc[5] = { 0, 0, 0, 1, 1 };      /* VTOC at 0/1, R1 */
                memcpy(vol1 + 11, vtoc, 5);
                ebc_copy(vol1 + 41, "INTERPEX", 8);
                ebc_copy(key, "VOL1", 4);
                add_record(trk, off, 3, key, 4, vol1, 80);
            }
            if (c == 0 && h == 1 && volser)
                build_vtoc(trk, t, cyls);
            ok = fwrite(trk, 1, t->trksize, f) == t->trksize;
        }
        if (ok && progress)
            progress(arg, c + 1, cyls);
    }
    free(trk);
    if (fclose(f) || !ok) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        remove(path);
        return -1;
    }
    return 0;
}
