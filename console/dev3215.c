/*
 * dev3215.c — the 3215 console printer-keyboard (and the 1052, its older
 * twin): line-mode output and input over host streams.
 *
 * Commands (IBM 3215 Console Printer-Keyboard Component Description
 * GA26-1638, as summed up in console.md §4.1):
 *   X'01' write, no carrier return     X'09' write, then carrier return
 *   X'03' no-operation                 X'0B' audible alarm
 *   X'0A' read inquiry (one line)      X'04' sense, X'E4' sense ID
 * Output is translated from EBCDIC (code page 037) to UTF-8; a carrier
 * return is a newline.  A read returns the next operator line — one given
 * by con3215_input(), else one read from the input stream (the batch
 * runner's stdin); at the end of the input the read ends in unit
 * exception.  A line longer than the count gives incorrect length, as on
 * the real device, unless SLI.
 */
#include <stdlib.h>
#include <string.h>

#include "console/codepage.h"
#include "console/devices.h"

#define CON_LINE 256             /* longest line taken from the operator */

typedef struct Con {
    FILE *in, *out;
    bool  line_open;             /* output written since the last newline  */
    char  pending[CON_LINE];     /* operator line given by con3215_input()  */
    bool  has_pending;
    /* A telnet client in line mode (tn3270.c): output goes to it too. */
    void (*remote_out)(void *ctx, const char *text, size_t len);
    void (*remote_closed)(void *ctx);
    void *remote_ctx;
} Con;

static void con_write(Device *d, DevIo *io, bool cr)
{
    Con *con = d->priv;
    uint8_t buf[256];
    uint32_t n;
    while ((n = io_fetch(io, buf, sizeof buf)) > 0) {
        char utf8[2 * sizeof buf];
        size_t len = 0;
        for (uint32_t i = 0; i < n; i++) {
            char text[2];
            unsigned k = ebcdic_to_utf8(buf[i], text);
            if (con->out && k)
                fwrite(text, 1, k, con->out);
            if (k)
                con->line_open = text[0] != '\n';
            memcpy(utf8 + len, text, k);
            len += k;
        }
        if (con->remote_out && len)
            con->remote_out(con->remote_ctx, utf8, len);
    }
    if (cr) {
        if (con->out)
            fputc('\n', con->out);
        if (con->remote_out)
            con->remote_out(con->remote_ctx, "\n", 1);
        con->line_open = false;
    }
    if (con->out)
        fflush(con->out);
}

/* The next operator line, without its newline; false at end of input. */
static bool con_getline(Con *con, char *line, size_t size)
{
    if (con->has_pending) {
        snprintf(line, size, "%s", con->pending);
        con->has_pending = false;
        return true;
    }
    if (!con->in || !fgets(line, (int)size, con->in))
        return false;
    size_t len = strlen(line);
    if (len && line[len - 1] != '\n') {
        int ch;                      /* drop the rest of an over-long line */
        while ((ch = fgetc(con->in)) != EOF && ch != '\n')
            ;
    }
    line[strcspn(line, "\r\n")] = 0;
    return true;
}

static uint8_t con_read(Device *d, DevIo *io)
{
    Con *con = d->priv;
    char line[CON_LINE];
    if (con->line_open && (con->out || con->remote_out)) {
        if (con->out)                /* the reply goes on a line of its own */
            fputc('\n', con->out);
        if (con->remote_out)
            con->remote_out(con->remote_ctx, "\n", 1);
        con->line_open = false;
    }
    if (!con_getline(con, line, sizeof line))
        return US_CE_DE | US_UNIT_EXCEPTION;
    uint8_t ebc[CON_LINE];
    size_t n = utf8_to_ebcdic(line, strlen(line), ebc, sizeof ebc);
    io_store(io, ebc, (uint32_t)n);
    return US_CE_DE;
}

static uint8_t con_start(Device *d, DevIo *io)
{
    Con *con = d->priv;
    switch (io->cmd) {
    case 0x01:
        con_write(d, io, false);
        return US_CE_DE;
    case 0x09:
        con_write(d, io, true);
        return US_CE_DE;
    case 0x0A:
        return con_read(d, io);
    case 0x03:
        return US_CE_DE;
    case 0x0B:
        if (con->out && con->out != stdout)
            fputc('\a', con->out);   /* keep the batch runner's stdout clean */
        return US_CE_DE;
    case CMD_SENSE:
        return dev_sense(d, io);
    case CMD_SENSE_ID:
        return dev_sense_id(d, io);
    default:
        return dev_reject(d);
    }
}

static void con_close(Device *d)
{
    Con *con = d->priv;
    if (con && con->remote_closed)
        con->remote_closed(con->remote_ctx);
    con3215_flush(d);
    free(d->priv);
    d->priv = NULL;
}

static const DeviceOps con3215_ops = {
    .type = "3215",
    .start = con_start,
    .close = con_close,
    .sense_id = { 0xFF, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00 },
    .sense_id_len = 7,
};

static const DeviceOps con1052_ops = {
    .type = "1052",
    .start = con_start,
    .close = con_close,
    .sense_id = { 0xFF, 0x10, 0x52, 0x00, 0x10, 0x52, 0x00 },
    .sense_id_len = 7,
};

Device *con3215_new(uint16_t devnum, const char *type, FILE *in, FILE *out,
                    char *err, size_t errlen)
{
    const DeviceOps *ops;
    if (!type || !strcmp(type, "3215"))
        ops = &con3215_ops;
    else if (!strcmp(type, "1052"))
        ops = &con1052_ops;
    else {
        snprintf(err, errlen, "%04X: %s is not a console type (3215, 1052)", devnum, type);
        return NULL;
    }
    Con *con = calloc(1, sizeof *con);
    Device *d = con ? device_new(ops, devnum, con) : NULL;
    if (!d) {
        free(con);
        snprintf(err, errlen, "%04X: out of memory", devnum);
        return NULL;
    }
    con->in = in;
    con->out = out;
    return d;
}

bool con3215_input(Device *d, const char *line)
{
    Con *con = d->priv;
    if (con->has_pending)
        return false;
    snprintf(con->pending, sizeof con->pending, "%s", line);
    con->has_pending = true;
    dev_attention(d, US_ATTENTION);
    return true;
}

void con3215_flush(Device *d)
{
    Con *con = d->priv;
    if (con && con->line_open && con->out) {
        fputc('\n', con->out);
        fflush(con->out);
    }
    if (con)
        con->line_open = false;
}

bool con3215_remote(const Device *d)
{
    if (!d || (d->ops != &con3215_ops && d->ops != &con1052_ops))
        return false;
    const Con *con = d->priv;
    return !con->in && !con->out;
}

bool con3215_set_remote(Device *d, void (*out)(void *ctx, const char *text, size_t len),
                        void (*closed)(void *ctx), void *ctx)
{
    Con *con = d->priv;
    if (out && con->remote_out)
        return false;
    con->remote_out = out;
    con->remote_closed = out ? closed : NULL;
    con->remote_ctx = out ? ctx : NULL;
    con->line_open = false;
    return true;
}
