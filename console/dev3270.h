/*
 * dev3270.h — local non-SNA 3270 display devices (3277/3278/3279, models
 * 2-5) and the terminals that show them.
 *
 * A 3270 Device owns the screen model (buffer, field attributes, cursor,
 * keyboard lock) that the guest's channel programs write with the 3270
 * data stream.  A front end (a TN3270 connection, the SDL2 window) attaches
 * itself as the device's Terminal: it is told when the screen changes and
 * it sends the operator's input (an AID key with the modified fields) back
 * with dev3270_input().  All calls are made with the session lock held
 * (console/session.h).
 *
 * The device answers Read Buffer and Read Modified from its own Screen
 * (console/ds3270.h), as a 3274 control unit answers from the display's
 * buffer: a terminal's input is folded into that screen, so the terminal
 * never has to be asked.  Channel commands, status and sense: see
 * dev3270.c.
 */
#ifndef CONSOLE_DEV3270_H
#define CONSOLE_DEV3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console/ds3270.h"
#include "cpu370/device.h"

typedef struct Session Session;
typedef struct Terminal Terminal;

struct Terminal {
    void *ctx;
    /* The display the terminal has: model 2..5 and colour (3279), as its
     * terminal type says; model 0 = take the device's configured model. */
    int   model;
    bool  color;
    bool  extended;     /* "-E": structured fields, extended attributes */
    /* The guest wrote an outbound 3270 data stream (command byte first:
     * X'F1' Write, X'F5' Erase/Write, X'7E' Erase/Write Alternate,
     * X'6F' Erase All Unprotected, X'F3' Write Structured Field).  A TN3270
     * terminal forwards it as a record; a local window re-renders. */
    void (*outbound)(void *ctx, const uint8_t *data, size_t len);
    /* The device is being detached or the machine is going away. */
    void (*detached)(void *ctx);
};

/* `type` is "3270", "3277", "3278", "3279" with an optional "-2".."-5"
 * model suffix (default model 2, 24x80).  The session is used for
 * session_notify() after input. */
Device *dev3270_new(uint16_t devnum, const char *type, Session *s,
                    char *err, size_t errlen);
bool    dev_is_3270(const Device *d);

/* Attach a terminal; false if one is already attached.  Detach makes the
 * device free again (the guest sees intervention required until the next
 * attach, which presents device end as a 3270 "ready" does). */
bool    dev3270_attach(Device *d, const Terminal *t);
void    dev3270_detach(Device *d);
bool    dev3270_attached(const Device *d);
int     dev3270_model(const Device *d);          /* 2..5 */

/* An inbound data stream from the terminal (AID, cursor address, then SBA +
 * field data for Read Modified): stored for the guest's next Read and
 * attention is presented (then session_notify()).  false if the record is
 * malformed (nothing is presented; the caller should drop the terminal). */
bool    dev3270_input(Device *d, const uint8_t *data, size_t len);

/* For local front ends that draw the screen and run the keyboard model
 * (ds_key_*) on it themselves: the device's screen, and "an attention key
 * was pressed" (ds_key_aid() has locked the keyboard and set the AID). */
Screen *dev3270_screen(Device *d);
void    dev3270_attention(Device *d);

/* Unsolicited status (device end after attach, attention after input) is
 * held while the subchannel cannot take it (busy, status pending,
 * disabled).  Try again; true while some status is still held.  Front
 * ends call it now and then (the TN3270 server does, every 50 ms while
 * anything is held). */
bool    dev3270_poll(Device *d);

#endif
