/*
 * dasd.h — direct-access storage devices: CKD disks (ckd.c, with the ECKD
 * Define Extent and Locate Record in eckd.c) and FBA disks (fba.c) on
 * Hercules-format image files, plain or compressed (image.h, cckd.c).
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
    /* Read Device Characteristics (3880/3990): byte 11 device code, 18-19
     * track length, 20-21 HA and R0 length, 22-27 capacity formula and
     * factors F1-F5, 44-45 R0 length, 48 F6, 49-50 RPS factor. */
    uint8_t  rdc_code;
    uint16_t tracklen, har0;
    uint8_t  formula[6];
    uint16_t r0len;
    uint8_t  f6;
    uint16_t rps;
} CkdType;

const CkdType *ckd_type_by_name(const char *name);

/* How an image is opened (dasd_open, ckd_open_opt, fba_open). */
typedef struct DasdOptions {
    bool        readonly;    /* writes end in "write inhibited"             */
    bool        nosync;      /* no fdatasync before device end (docs/io.md) */
    const char *shadow;      /* compressed images: the shadow file that
                                takes the writes (default FILE.shadow)      */
} DasdOptions;

/* Open any image as device `devnum`: CKD (plain or compressed) or
 * compressed FBA by its header; a file without a header is a plain FBA
 * image if `type` names an FBA device.  type may be NULL (the image
 * says; a plain FBA image is then a 3370). */
Device *dasd_open(uint16_t devnum, const char *type, const char *path, const DasdOptions *opt,
                  char *err, size_t errlen);

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
/* The same, calling progress(arg, c, cyls) after each cylinder c is
 * written (c = 1 .. cyls), if progress is not NULL. */
int ckd_create_progress(const char *path, const char *type, unsigned cyls, const char *volser,
                        void (*progress)(void *arg, unsigned done, unsigned total), void *arg,
                        char *err, size_t errlen);
Device *ckd_open_opt(uint16_t devnum, const char *type, const char *path, const DasdOptions *opt,
                     char *err, size_t errlen);

/* ---- FBA (fba.c): 3310, 3370, 9336 ------------------------------------- */
typedef struct FbaType {
    const char *name;        /* "3370"                                     */
    uint16_t type;           /* X'3370'                                    */
    uint8_t  model;          /* device model (Sense ID)                    */
    uint8_t  unit;           /* RDC byte 3: unit type                      */
    uint32_t bpg;            /* blocks per cyclical group (RDC)            */
    uint32_t bpp;            /* blocks per access position (RDC)           */
    uint32_t blocks;         /* blocks of the base model                   */
    uint16_t cu;             /* control unit type, e.g. X'3880'            */
} FbaType;

const FbaType *fba_type_by_name(const char *name);
/* Open an FBA image (plain, or compressed "FBA_C370") as `type` (NULL:
 * 3370). */
Device *fba_open(uint16_t devnum, const char *type, const char *path, const DasdOptions *opt,
                 char *err, size_t errlen);
/* Create a plain FBA image of `blocks` blocks (0: the type's size), zeros,
 * with a VOL1 label in block 1 if volser is given (as dasdinit does). */
int fba_create(const char *path, const char *type, uint32_t blocks, const char *volser,
               char *err, size_t errlen);

#endif
