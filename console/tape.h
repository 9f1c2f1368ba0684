/*
 * tape.h — magnetic tape drives (tape.c): the 3420 reel drive and the
 * 3480 cartridge drive, on AWS tape files.
 */
#ifndef CONSOLE_TAPE_H
#define CONSOLE_TAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu370/device.h"

/* A drive (type "3420" or "3480"; NULL: 3420) with the AWS file `path`
 * mounted, at load point.  A file that does not exist is created (a
 * scratch tape) unless `readonly` (a tape without its write ring).  NULL
 * with a one-line message in err. */
Device *tape_new(uint16_t devnum, const char *type, const char *path, bool readonly,
                 char *err, size_t errlen);
/* Where the end-of-tape marker is: writes that end past `bytes` of file
 * present unit exception and set "tape indicate" in the sense (0: no
 * marker, the default). */
void    tape_set_eot(Device *d, uint64_t bytes);

#endif
