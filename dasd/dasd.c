/*
 * dasd.c — dasd_open(): the right device for an image file, CKD or FBA,
 * from its header (image.h) and the device type asked for (dasd.h).
 */
#include <stdio.h>
#include <string.h>

#include "dasd/dasd.h"

Device *dasd_open(uint16_t devnum, const char *type, const char *path, const DasdOptions *opt,
                  char *err, size_t errlen)
{
    if (type && fba_type_by_name(type))
        return fba_open(devnum, type, path, opt, err, errlen);
    if (type && !ckd_type_by_name(type)) {
        snprintf(err, errlen, "%04X: %s is not a DASD device type", devnum, type);
        return NULL;
    }
    if (type)
        return ckd_open_opt(devnum, type, path, opt, err, errlen);
    /* No type: the header says (a plain FBA image has none). */
    uint8_t id[8] = { 0 };
    FILE *f = fopen(path, "rb");
    if (f) {
        if (fread(id, 1, sizeof id, f) != sizeof id)
            memset(id, 0, sizeof id);
        fclose(f);
    }
    bool fba = memcmp(id, "CKD_", 4) != 0;
    return fba ? fba_open(devnum, NULL, path, opt, err, errlen)
               : ckd_open_opt(devnum, NULL, path, opt, err, errlen);
}
