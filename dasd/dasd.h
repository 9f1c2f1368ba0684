/*
 * dasd.h — direct-access storage devices: CKD disks on Hercules-format
 * image files (ckd.c).
 *
 * An uncompressed CKD image ("CKD_P370", as Hercules' dasdinit makes them;
 * vmhistory.md §1.5) is a 512-byte header — eye-catcher, heads and track
 * size (little-endian), device-type byte — followed by every track at
 * 512 + (cyl * heads + head) * tracksize.  A track image is a 5-byte home
 * address (flag byte 0, CCHH), then records, each an 8-byte count (CCHH,
 * R, key length, data length), its key and its data, ended by eight X'FF'.
 */
#ifndef DASD_DASD_H
#define DASD_DASD_H

#include <stddef.h>

#include "cpu370/device.h"

/* One CKD device type. */
typedef struct CkdType {
    const char *name;        /* "3390"                                     */
    uint16_t type;           /* X'3390'                                    */
    uint8_t  code;           /* device-type byte in the image header       */
    uint8_t  model;          /* device model (Sense ID, RDC)               */
    uint16_t heads;          /* tracks per cylinder                        */
    uint32_t trksize;        /* bytes per track in the image               */
    uint32_t r1max;          /* largest single record (data) on a track    */
    uint16_t cyls;           /* cylinders of the base model                */
    uint8_t  sectors;        /* sectors per track (Set/Read Sector)        */
    uint16_t cu;             /* control unit type, e.g. X'3990'            */
    uint8_t  cu_model;
    uint8_t  sense_len;      /* bytes of basic sense: 24 or 32             */
    bool     ext;            /* has Sense ID and Read Device Characteristics */
} CkdType;

const CkdType *ckd_type_by_name(const char *name);

/* Open a CKD image as device `devnum`.  type may be NULL (the image
 * header says) or must agree with the header.  A read-only image (or
 * `readonly`) rejects writes with "write inhibited". */
Device *ckd_open(uint16_t devnum, const char *type, const char *path, bool readonly,
                 char *err, size_t errlen);
/* Create an empty image: every track with its home address and a standard
 * R0 (8 data bytes of zero).  With a volser (1-6 characters), cylinder 0
 * track 0 also gets IPL1 (R1), IPL2 (R2) and a VOL1 label (R3), in the
 * layout dasdinit gives them.  0, or -1 with a message. */
int ckd_create(const char *path, const char *type, unsigned cyls, const char *volser,
               char *err, size_t errlen);

#endif
