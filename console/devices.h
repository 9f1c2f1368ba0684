/*
 * devices.h — the consoles and unit-record devices of console/: each is a
 * small DeviceOps (cpu370/device.h) over host files.  The constructors
 * return a Device ready for css_attach(), or NULL with a one-line message in
 * err (file that cannot be opened, unknown type).
 */
#ifndef CONSOLE_DEVICES_H
#define CONSOLE_DEVICES_H

#include <stdio.h>

#include "cpu370/device.h"

/* 3215 console (or its 1052 alias) writing to `out`, reading lines from
 * `in` (either may be NULL).  The streams are not closed by the device. */
Device *con3215_new(uint16_t devnum, const char *type, FILE *in, FILE *out,
                    char *err, size_t errlen);
/* Give the console a line of operator input (without newline): it is
 * returned by the next Read, and attention is presented if the console is
 * idle.  Returns false if a line is already waiting. */
bool    con3215_input(Device *d, const char *line);
/* End an output line the program left open (before the front end prints). */
void    con3215_flush(Device *d);
/* A console made without streams (config type 3215 or 1052, not -C) is
 * offered to telnet clients in line mode (tn3270.c). */
bool    con3215_remote(const Device *d);
/* Attach a telnet client: `out` gets the console's output as UTF-8 text
 * (newline = carrier return), `closed` is called if the device goes away.
 * out NULL detaches.  false if a client is already attached.  Called with
 * the session lock held; the callbacks run with it held. */
bool    con3215_set_remote(Device *d, void (*out)(void *ctx, const char *text, size_t len),
                           void (*closed)(void *ctx), void *ctx);

/* Card formats of reader and punch files. */
typedef enum CardMode {
    CARD_AUTO,      /* reader: ASCII if the file is text, else EBCDIC       */
    CARD_ASCII,     /* one card per line, translated, padded with blanks    */
    CARD_EBCDIC,    /* 80-byte binary EBCDIC records                         */
} CardMode;

/* 3505 or 2540R card reader from a host file; unit exception at its end. */
Device *reader_new(uint16_t devnum, const char *type, const char *path, CardMode mode,
                   char *err, size_t errlen);
/* 3525 or 2540P card punch to a host file (CARD_AUTO punches ASCII). */
Device *punch_new(uint16_t devnum, const char *type, const char *path, CardMode mode,
                  char *err, size_t errlen);
/* 1403 or 3211 printer to a host file (ASCII lines; skip to channel 1 is a
 * form feed). */
Device *printer_new(uint16_t devnum, const char *type, const char *path,
                    char *err, size_t errlen);

#endif
