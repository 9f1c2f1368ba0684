/*
 * ckdint.h — what ckd.c (the CKD commands of the 3830/3880/3990) and
 * eckd.c (Define Extent and Locate Record of the 3880/3990 with 3380 and
 * 3390) share: the device state and the track-level helpers.  Private to
 * dasd/.
 */
#ifndef DASD_CKDINT_H
#define DASD_CKDINT_H

#include "dasd/dasd.h"
#include "dasd/image.h"

#define CKD_HA_SIZE    5         /* home address in the image: flag, CCHH */
#define CKD_COUNT_SIZE 8
#define CKD_EOT_SIZE   8

/* Sense byte 1 (3990 format-0 sense, GA32-0099 "Sense bytes") */
#define SNS1_INVALID_FORMAT 0x40
#define SNS1_END_OF_CYL     0x20
#define SNS1_NO_RECORD      0x08
#define SNS1_FILE_PROTECTED 0x04
#define SNS1_WRITE_INHIBIT  0x02

/* File mask (Set File Mask, byte 0 of Define Extent): bits 0-1 write
 * control, bit 2 reserved, bits 3-4 seek control. */
#define MASK_WRITE          0xC0
#define MASK_INHIBIT_HA_R0  0x00
#define MASK_INHIBIT_WRITES 0x40
#define MASK_UPDATE_ONLY    0x80     /* Write Data / Write Key and Data only */
#define MASK_PERMIT_ALL     0xC0
#define MASK_RESERVED       0x20
#define MASK_SEEK           0x18
#define MASK_SEEK_CYL_HEAD  0x08
#define MASK_SEEK_HEAD      0x10
#define MASK_NO_SEEK        0x18

typedef enum Orient { OR_INDEX, OR_COUNT, OR_KEY, OR_DATA } Orient;

typedef struct Ckd {
    const CkdType *t;
    Image   *im;
    bool     readonly;
    unsigned cyls, heads;
    uint32_t trksize;
    uint8_t *trk;              /* the track at (cc, hh), if loaded        */
    bool     loaded;
    unsigned cc, hh;           /* where the arm and head are               */
    Orient   orient;
    uint32_t roff;             /* offset of the current record's count     */
    unsigned index_passes;     /* index points passed in this search       */
    bool     search_ok;        /* last command: a satisfied Search ... Equal */
    bool     write_ok;         /* last command: Write CKD / R0 (may go on) */
    bool     mask_set;         /* Set File Mask or Define Extent seen      */
    uint8_t  mask;
    /* ECKD (eckd.c), all reset at the start of a channel program */
    bool     xdef;             /* Define Extent seen                       */
    bool     ipl_read;         /* Read IPL seen (an implied extent)        */
    unsigned xbeg, xend;       /* the extent: first and last track         */
    uint16_t xblksize;         /* block size given by Define Extent        */
    unsigned lr_count;         /* commands left in a Locate Record domain  */
    uint8_t  lr_op;            /* its operation byte                       */
} Ckd;

/* ckd.c */
uint8_t ckd_fail(Device *d, uint8_t sense0, uint8_t sense1);
bool    ckd_load_track(Ckd *k);
void    ckd_set_position(Ckd *k, unsigned cc, unsigned hh);
int     ckd_next_record(Device *d, bool with_r0, bool mt);
uint8_t ckd_position_error(Device *d, int why);
uint8_t ckd_read_record(Device *d, DevIo *io, unsigned what);
uint8_t ckd_read(Device *d, DevIo *io);
uint8_t ckd_write_update(Device *d, DevIo *io, bool key, bool ok_before);
uint8_t ckd_write_ckd(Device *d, DevIo *io, bool r0, bool ok_before);
uint8_t ckd_erase(Device *d, DevIo *io, bool ok_before);

/* eckd.c: Define Extent, Locate Record and the commands of its domain.
 * Returns true if it handled the command (status in *status). */
bool    eckd_command(Device *d, DevIo *io, uint8_t *status);

static inline bool ckd_in_extent(const Ckd *k, unsigned cc, unsigned hh)
{
    unsigned t = cc * k->heads + hh;
    return !k->xdef || (t >= k->xbeg && t <= k->xend);
}

#endif
