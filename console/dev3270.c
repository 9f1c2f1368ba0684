/*
 * dev3270.c — local non-SNA 3270 displays (3277, 3278, 3279 models 2-5)
 * behind a 3274 control unit, as channel devices.
 *
 * Channel commands (GA23-0059 ch. 3, "Commands"; local codes as in the
 * 3274 Control Unit Description GA23-0061, summed up in console.md §2.1):
 *   X'01' Write                  X'05' Erase/Write
 *   X'0D' Erase/Write Alternate  X'0F' Erase All Unprotected
 *   X'11' Write Structured Field X'02' Read Buffer
 *   X'06' Read Modified          X'0E' Read Modified All
 *   X'03' No Operation           X'0B' Select (and X'1B'-X'4B')
 *   X'04' Sense                  X'E4' Sense ID
 * The remote (SNA) codes F1 F5 7E 6F F3 F2 F6 6E are taken as well, as
 * Hercules and x3270 both do.
 *
 * The device keeps the display's buffer (a Screen): writes are applied to
 * it and then passed to the attached Terminal with the remote command code
 * (what a TN3270 client expects); reads are answered from it.  A write
 * that breaks the data stream rules is not applied at all (it is tried on a
 * copy first) and ends in unit check, operation check.  Without a terminal
 * the display is "powered off": every command that needs it ends in unit
 * check, intervention required; attaching a terminal presents device end,
 * the 3274's way of saying a display became ready, and input from the
 * terminal presents attention.
 *
 * Write Structured Field needs an extended display ("-E" terminal types, a
 * local window): elsewhere it is rejected, as a 3274 rejects it for a
 * display without extended data stream support.
 *
 * Sense ID: X'FF', control unit 3274 model 1D, device 3278 or 3279 and
 * the model — the bytes a 3274-attached display gives (Hercules uses the
 * same control-unit bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/dev3270.h"
#include "console/session.h"

/* Sense byte 0, bit 7: operation check — "an illegal buffer address or
 * an incomplete order sequence" (3174 Functional Description GA23-0218,
 * device status and sense; the 3274 uses the same bits: 0 command reject,
 * 1 intervention required, 7 operation check). */
#define SNS3270_OP_CHECK 0x01

#define WRITE_MAX 32768            /* longest outbound stream taken        */

typedef struct D3270 {
    Session  *session;
    int       cfg_model;           /* from the configuration               */
    bool      cfg_color;
    bool      cfg_3277;
    Screen    scr;                 /* the display's buffer                 */
    Screen    trial;               /* a write is tried here first          */
    Terminal  term;
    bool      attached;
    uint8_t   held;                /* unsolicited status not yet accepted  */
    uint8_t   inbound[sizeof ((DsReply *)0)->data];
    size_t    inlen;               /* a reply owed to the next read        */
    uint8_t   wbuf[WRITE_MAX + 8]; /* the outbound stream being handled    */
    DsReply   reply;
} D3270;

static void notify(D3270 *t)
{
    if (t->session)
        session_notify(t->session);
}

/* Present the held status if the subchannel will take it. */
static bool present_held(Device *d)
{
    D3270 *t = d->priv;
    if (t->held && dev_attention(d, t->held))
        t->held = 0;
    return t->held != 0;
}

/* ---- Commands ------------------------------------------------------------------ */

/* The remote code for a local write command, 0 if it is none. */
static uint8_t write_code(uint8_t cmd)
{
    switch (cmd) {
    case 0x01: case DS_CMD_W:   return DS_CMD_W;
    case 0x05: case DS_CMD_EW:  return DS_CMD_EW;
    case 0x0D: case DS_CMD_EWA: return DS_CMD_EWA;
    case 0x0F: case DS_CMD_EAU: return DS_CMD_EAU;
    case 0x11: case DS_CMD_WSF: return DS_CMD_WSF;
    default:                    return 0;
    }
}

static uint8_t read_code(uint8_t cmd)
{
    switch (cmd) {
    case 0x02: case DS_CMD_RB:  return DS_CMD_RB;
    case 0x06: case DS_CMD_RM:  return DS_CMD_RM;
    case 0x0E: case DS_CMD_RMA: return DS_CMD_RMA;
    default:                    return 0;
    }
}

/* What of a (valid) WSF goes to the terminal: every structured field but
 * Read Partition, which the device answers itself — a TN3270 client
 * would answer it too, and the guest would get two replies.  Returns the
 * length kept in place (0: nothing to send besides the command byte). */
static size_t wsf_for_terminal(uint8_t *d, size_t n)
{
    size_t i = 1, k = 1;
    while (i + 3 <= n) {
        size_t len = (size_t)d[i] << 8 | d[i + 1];
        if (len == 0 || len > n - i)
            len = n - i;
        if (d[i + 2] != 0x01) {
            memmove(d + k, d + i, len);
            k += len;
        }
        i += len;
    }
    return k > 1 ? k : 0;
}

static uint8_t do_write(Device *d, DevIo *io, uint8_t code)
{
    D3270 *t = d->priv;
    uint8_t *w = t->wbuf;
    size_t n = 1;
    w[0] = code;
    if (code != DS_CMD_EAU) {
        uint32_t got;
        while (n < WRITE_MAX + 2 && (got = io_fetch(io, w + n, (uint32_t)(WRITE_MAX + 2 - n))) > 0)
            n += got;
        if (n > WRITE_MAX + 1)
            return dev_unit_check(d, SNS3270_OP_CHECK);
    }
    /* A Write chained from a write goes on where that one stopped (a
     * local 3274 keeps the buffer address); otherwise at the cursor. */
    int start = -1;
    if (code == DS_CMD_W && io->chained && write_code(io->prev_cmd))
        start = (int)t->scr.bufaddr;

    unsigned cursor0 = t->scr.cursor;
    memcpy(&t->trial, &t->scr, sizeof t->scr);
    int rc = ds_outbound(&t->trial, w, n, start, &t->reply);
    if (rc != DS_OK)
        return dev_unit_check(d, SNS3270_OP_CHECK);
    memcpy(&t->scr, &t->trial, sizeof t->scr);
    if (t->reply.len) {
        memcpy(t->inbound, t->reply.data, t->reply.len);
        t->inlen = t->reply.len;
    }
    t->held &= (uint8_t)~US_DEVICE_END;      /* the guest has found it */

    if (!t->attached || !t->term.outbound)
        return US_CE_DE;
    if (code == DS_CMD_WSF && (n = wsf_for_terminal(w, n)) == 0)
        return US_CE_DE;
    if (start >= 0 && (unsigned)start != cursor0 && (n < 3 || w[2] != ORD_SBA)) {
        /* The terminal starts a Write at its cursor: tell it where. */
        if (n + 3 > sizeof t->wbuf)
            return US_CE_DE;
        memmove(w + 5, w + 2, n - 2);
        w[2] = ORD_SBA;
        ds_addr_encode((unsigned)start, ds_cells(&t->scr), w + 3);
        n += 3;
    }
    t->term.outbound(t->term.ctx, w, n);
    return US_CE_DE;
}

static uint8_t do_read(Device *d, DevIo *io, uint8_t code)
{
    D3270 *t = d->priv;
    t->held &= (uint8_t)~(US_ATTENTION | US_DEVICE_END);   /* being read now */
    if (t->inlen) {
        /* A query reply (or a terminal's structured field) comes first. */
        io_store(io, t->inbound, (uint32_t)t->inlen);
        t->inlen = 0;
        return US_CE_DE;
    }
    size_t n;
    if (code == DS_CMD_RB) {
        n = ds_read_buffer(&t->scr, t->scr.aid, t->reply.data, sizeof t->reply.data);
    } else {
        n = ds_read_modified(&t->scr, t->scr.aid, code == DS_CMD_RMA,
                             t->reply.data, sizeof t->reply.data);
        t->scr.aid = AID_NONE;        /* read once; again it is "no AID" */
    }
    io_store(io, t->reply.data, (uint32_t)n);
    return US_CE_DE;
}

static uint8_t do_sense_id(Device *d, DevIo *io)
{
    D3270 *t = d->priv;
    bool color = t->attached ? t->scr.color : t->cfg_color;
    uint8_t id[7] = { 0xFF, 0x32, 0x74, 0x1D, 0x32, color ? 0x79 : 0x78,
                      (uint8_t)(t->attached ? t->scr.model : t->cfg_model) };
    if (t->cfg_3277)
        id[5] = 0x77;
    io_store(io, id, sizeof id);
    return US_CE_DE;
}

static uint8_t d3270_start(Device *d, DevIo *io)
{
    D3270 *t = d->priv;
    switch (io->cmd) {
    case CMD_SENSE:
        return dev_sense(d, io);
    case CMD_SENSE_ID:
        return do_sense_id(d, io);
    case CMD_NOP:
    case 0x0B: case 0x1B: case 0x2B: case 0x3B: case 0x4B:     /* Select */
        return US_CE_DE;
    }
    uint8_t w = write_code(io->cmd), r = read_code(io->cmd);
    if (!w && !r)
        return dev_reject(d);
    if (!t->attached)
        return dev_unit_check(d, SNS0_INTERVENTION);
    if (w == DS_CMD_WSF && !t->scr.extended)
        return dev_reject(d);         /* no structured fields on this one */
    return w ? do_write(d, io, w) : do_read(d, io, r);
}

static void d3270_reset(Device *d)
{
    D3270 *t = d->priv;
    t->held = 0;
    t->inlen = 0;
}

static void d3270_close(Device *d)
{
    D3270 *t = d->priv;
    if (t && t->attached && t->term.detached) {
        t->attached = false;
        t->term.detached(t->term.ctx);
    }
    free(t);
    d->priv = NULL;
}

static const DeviceOps d3270_ops = {
    .type = "3270",
    .start = d3270_start,
    .reset = d3270_reset,
    .close = d3270_close,
    /* Sense ID is answered by do_sense_id (the model varies). */
    .sense_id = { 0xFF, 0x32, 0x74, 0x1D, 0x32, 0x78, 0x02 },
    .sense_id_len = 7,
};

/* ---- Configuration and terminals ---------------------------------------------------- */

Device *dev3270_new(uint16_t devnum, const char *type, Session *s,
                    char *err, size_t errlen)
{
    if (!type)
        type = "3270";
    int model = 2;
    bool color, is3277 = false;
    if (strncmp(type, "327", 3) || !strchr("0789", type[3]) || !type[3] ||
        (type[4] && (type[4] != '-' || type[5] < '2' || type[5] > '5' || type[6]))) {
        snprintf(err, errlen, "%04X: %s is not a 3270 display type (3270, 3277, 3278, 3279, "
                 "optionally -2 to -5)", devnum, type);
        return NULL;
    }
    if (type[4])
        model = type[5] - '0';
    color = type[3] == '9' || type[3] == '0';
    if (type[3] == '7') {
        if (model != 2) {
            snprintf(err, errlen, "%04X: a 3277 is a model 2", devnum);
            return NULL;
        }
        is3277 = true;
        color = false;
    }
    D3270 *t = calloc(1, sizeof *t);
    Device *d = t ? device_new(&d3270_ops, devnum, t) : NULL;
    if (!d) {
        free(t);
        snprintf(err, errlen, "%04X: out of memory", devnum);
        return NULL;
    }
    t->session = s;
    t->cfg_model = model;
    t->cfg_color = color;
    t->cfg_3277 = is3277;
    ds_init(&t->scr, model, color);
    t->scr.extended = !is3277;
    return d;
}

bool dev_is_3270(const Device *d)
{
    return d && d->ops == &d3270_ops;
}

bool dev3270_attach(Device *d, const Terminal *term)
{
    D3270 *t = d->priv;
    if (t->attached)
        return false;
    t->term = *term;
    t->attached = true;
    /* A display that comes on is blank, unformatted and unlocked. */
    int model = term->model ? term->model : t->cfg_model;
    bool color = term->model ? term->color : t->cfg_color;
    if (t->cfg_3277)
        model = 2, color = false;
    ds_init(&t->scr, model, color);
    t->scr.extended = !t->cfg_3277 && (term->extended || !term->model);
    t->inlen = 0;
    t->held = (uint8_t)(t->held | US_DEVICE_END);
    present_held(d);
    notify(t);
    return true;
}

void dev3270_detach(Device *d)
{
    D3270 *t = d->priv;
    t->attached = false;
    memset(&t->term, 0, sizeof t->term);
    t->held = 0;
    t->inlen = 0;
}

bool dev3270_attached(const Device *d)
{
    const D3270 *t = d->priv;
    return t->attached;
}

int dev3270_model(const Device *d)
{
    const D3270 *t = d->priv;
    return t->attached ? t->scr.model : t->cfg_model;
}

bool dev3270_input(Device *d, const uint8_t *data, size_t len)
{
    D3270 *t = d->priv;
    if (len == 0)
        return false;
    if (data[0] == AID_SF) {
        /* A structured field (a query reply the terminal volunteered):
         * passed to the guest as it is. */
        if (len > sizeof t->inbound)
            return false;
        memcpy(t->inbound, data, len);
        t->inlen = len;
    } else if (ds_inbound(&t->scr, data, len) != DS_OK) {
        return false;
    }
    dev3270_attention(d);
    return true;
}

Screen *dev3270_screen(Device *d)
{
    D3270 *t = d->priv;
    return &t->scr;
}

void dev3270_attention(Device *d)
{
    D3270 *t = d->priv;
    t->held = (uint8_t)(t->held | US_ATTENTION);
    present_held(d);
    notify(t);
}

bool dev3270_poll(Device *d)
{
    D3270 *t = d->priv;
    if (!t->held)
        return false;
    bool still = present_held(d);
    if (!still)
        notify(t);
    return still;
}
