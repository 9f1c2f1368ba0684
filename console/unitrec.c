/*
 * unitrec.c — unit-record devices over host files: the 3505 / 2540R card
 * reader, the 3525 / 2540P card punch and the 1403 / 3211 printer.
 *
 * Commands: the two low bits give the kind (x1 write, x2 read, x3
 * control); the upper bits are modifiers (stacker select, carriage
 * control) that these devices accept and, for the printer, obey.
 *  - Reader: every read returns the next 80-column card; past the last
 *    card the read ends in unit exception (end of file) and stores nothing.
 *    Files hold 80-byte EBCDIC records, or text lines (translated from
 *    ASCII/UTF-8, padded with blanks, cut at 80 columns).
 *  - Punch: every write punches one card of up to 80 bytes.
 *  - Printer: write X'01' no spacing, X'09'/X'11'/X'19' space 1/2/3 lines
 *    after, X'89'+8(n-1) skip to channel n after; control X'0B'/X'13'/X'1B'
 *    space immediately, X'8B'+8(n-1) skip immediately.  Lines go to a text
 *    file, trailing blanks trimmed; a skip to channel 1 (top of form) is a
 *    form feed, other channels one line (there is no carriage tape).
 * (IBM 3505/3525 Component Description GA21-9124; 1403 Component
 * Description GA24-3543; 3211 GA24-3543 companion manuals.)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "console/codepage.h"
#include "console/devices.h"

#define CARD 80

typedef struct Unit {
    FILE    *f;
    CardMode mode;
    unsigned width;          /* printer: print positions                 */
    bool     line_open;      /* printer: text written since the last NL  */
} Unit;

static Unit *unit_open(uint16_t devnum, const char *path, const char *fmode,
                       char *err, size_t errlen)
{
    Unit *u = calloc(1, sizeof *u);
    if (!u) {
        snprintf(err, errlen, "%04X: out of memory", devnum);
        return NULL;
    }
    u->f = fopen(path, fmode);
    if (!u->f) {
        snprintf(err, errlen, "%04X: cannot open %s: %s", devnum, path, strerror(errno));
        free(u);
        return NULL;
    }
    return u;
}

static Device *unit_device(const DeviceOps *ops, uint16_t devnum, Unit *u,
                           char *err, size_t errlen)
{
    Device *d = device_new(ops, devnum, u);
    if (!d) {
        fclose(u->f);
        free(u);
        snprintf(err, errlen, "%04X: out of memory", devnum);
    }
    return d;
}

static void unit_close(Device *d)
{
    Unit *u = d->priv;
    if (u) {
        if (u->line_open)
            fputc('\n', u->f);
        fclose(u->f);
        free(u);
    }
    d->priv = NULL;
}

static const DeviceOps *pick(const char *type, const DeviceOps *const *list, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (!type || !strcmp(type, list[i]->type))
            return list[i];
    return NULL;
}

/* ---- Card reader -------------------------------------------------------- */

/* Read the next card image; false at the end of the deck. */
static bool next_card(Unit *u, uint8_t card[CARD])
{
    memset(card, 0x40, CARD);
    if (u->mode == CARD_EBCDIC) {
        size_t n = fread(card, 1, CARD, u->f);
        if (n == 0)
            return false;
        if (n < CARD)
            memset(card + n, 0x40, CARD - n);
        return true;
    }
    char line[512];
    if (!fgets(line, sizeof line, u->f))
        return false;
    size_t len = strlen(line);
    if (len && line[len - 1] != '\n') {
        int ch;
        while ((ch = fgetc(u->f)) != EOF && ch != '\n')
            ;
    }
    line[strcspn(line, "\r\n")] = 0;
    utf8_to_ebcdic(line, strlen(line), card, CARD);
    return true;
}

/* The commands all three devices treat alike: Sense, Sense ID, and a
 * command reject for anything they do not know. */
static uint8_t sense_or_reject(Device *d, DevIo *io)
{
    if (io->cmd == CMD_SENSE)
        return dev_sense(d, io);
    if (io->cmd == CMD_SENSE_ID)
        return dev_sense_id(d, io);
    return dev_reject(d);
}

static uint8_t rdr_start(Device *d, DevIo *io)
{
    Unit *u = d->priv;
    uint8_t card[CARD];
    if (cmd_is_read(io->cmd)) {
        if (!next_card(u, card))
            return US_CE_DE | US_UNIT_EXCEPTION;
        io_store(io, card, CARD);
        return US_CE_DE;
    }
    if (cmd_is_control(io->cmd))
        return US_CE_DE;                  /* no-op, feed, stacker select */
    return sense_or_reject(d, io);
}

static const DeviceOps rdr3505_ops = {
    .type = "3505", .start = rdr_start, .close = unit_close,
    .sense_id = { 0xFF, 0x35, 0x05, 0x01, 0x35, 0x05, 0x01 }, .sense_id_len = 7,
};
static const DeviceOps rdr2540_ops = {
    .type = "2540R", .start = rdr_start, .close = unit_close,
    .sense_id = { 0xFF, 0x28, 0x21, 0x01, 0x25, 0x40, 0x01 }, .sense_id_len = 7,
};

/* Text or binary?  A deck of text lines has only printable ASCII (or
 * UTF-8), tabs and line ends. */
static CardMode sniff(FILE *f)
{
    uint8_t buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    rewind(f);
    for (size_t i = 0; i < n; i++)
        if (buf[i] < 0x20 && buf[i] != '\n' && buf[i] != '\r' && buf[i] != '\t')
            return CARD_EBCDIC;
    /* EBCDIC letters and digits are all >= X'80'; text is mostly below. */
    size_t high = 0;
    for (size_t i = 0; i < n; i++)
        high += buf[i] >= 0x80;
    return high * 2 > n && n ? CARD_EBCDIC : CARD_ASCII;
}

Device *reader_new(uint16_t devnum, const char *type, const char *path, CardMode mode,
                   char *err, size_t errlen)
{
    static const DeviceOps *const types[] = { &rdr3505_ops, &rdr2540_ops };
    const DeviceOps *ops = pick(type, types, 2);
    if (!ops) {
        snprintf(err, errlen, "%04X: %s is not a card reader type (3505, 2540R)", devnum, type);
        return NULL;
    }
    Unit *u = unit_open(devnum, path, "rb", err, errlen);
    if (!u)
        return NULL;
    u->mode = mode == CARD_AUTO ? sniff(u->f) : mode;
    return unit_device(ops, devnum, u, err, errlen);
}

/* ---- Card punch ------------------------------------------------------- */

static uint8_t pch_start(Device *d, DevIo *io)
{
    Unit *u = d->priv;
    if (cmd_is_write(io->cmd)) {
        uint8_t card[CARD];
        memset(card, 0x40, CARD);
        io_fetch(io, card, CARD);
        if (u->mode == CARD_EBCDIC) {
            fwrite(card, 1, CARD, u->f);
        } else {
            unsigned n = CARD;
            while (n && card[n - 1] == 0x40)
                n--;
            for (unsigned i = 0; i < n; i++) {
                char text[2];
                unsigned k = ebcdic_to_utf8(card[i], text);
                if (k && text[0] != '\n')
                    fwrite(text, 1, k, u->f);
            }
            fputc('\n', u->f);
        }
        fflush(u->f);
        return US_CE_DE;
    }
    if (cmd_is_control(io->cmd))
        return US_CE_DE;
    return sense_or_reject(d, io);
}

static const DeviceOps pch3525_ops = {
    .type = "3525", .start = pch_start, .close = unit_close,
    .sense_id = { 0xFF, 0x35, 0x25, 0x01, 0x35, 0x25, 0x01 }, .sense_id_len = 7,
};
static const DeviceOps pch2540_ops = {
    .type = "2540P", .start = pch_start, .close = unit_close,
    .sense_id = { 0xFF, 0x28, 0x21, 0x01, 0x25, 0x40, 0x02 }, .sense_id_len = 7,
};

Device *punch_new(uint16_t devnum, const char *type, const char *path, CardMode mode,
                  char *err, size_t errlen)
{
    static const DeviceOps *const types[] = { &pch3525_ops, &pch2540_ops };
    const DeviceOps *ops = pick(type, types, 2);
    if (!ops) {
        snprintf(err, errlen, "%04X: %s is not a card punch type (3525, 2540P)", devnum, type);
        return NULL;
    }
    Unit *u = unit_open(devnum, path, mode == CARD_EBCDIC ? "wb" : "w", err, errlen);
    if (!u)
        return NULL;
    u->mode = mode == CARD_EBCDIC ? CARD_EBCDIC : CARD_ASCII;
    return unit_device(ops, devnum, u, err, errlen);
}

/* ---- Printer ---------------------------------------------------------- */

/* Carriage motion coded in bits 0-4 of a printer command: bit 0 set means
 * skip to the channel in bits 1-4, else bits 3-4 count the lines. */
static void carriage(Unit *u, uint8_t cmd)
{
    unsigned op = cmd >> 3;
    if (op & 0x10) {
        fputs((op & 0x0F) == 1 ? "\f" : "\n", u->f);
    } else {
        unsigned lines = op & 3;
        if (lines == 0) {
            if (u->line_open)
                fputc('\r', u->f);     /* no spacing: the next line overprints */
        }
        for (unsigned i = 0; i < lines; i++)
            fputc('\n', u->f);
    }
    u->line_open = false;
}

static uint8_t prt_start(Device *d, DevIo *io)
{
    Unit *u = d->priv;
    if (cmd_is_write(io->cmd)) {
        uint8_t line[256];
        uint32_t n = io_fetch(io, line, u->width);
        while (n && line[n - 1] == 0x40)
            n--;
        for (uint32_t i = 0; i < n; i++) {
            char text[2];
            unsigned k = ebcdic_to_utf8(line[i], text);
            if (k && text[0] != '\n' && text[0] != '\t')
                fwrite(text, 1, k, u->f);
            else if (k)
                fputc(' ', u->f);
        }
        u->line_open = n != 0;
        carriage(u, io->cmd);
        fflush(u->f);
        return US_CE_DE;
    }
    if (cmd_is_control(io->cmd)) {
        if (io->cmd != CMD_NOP)
            carriage(u, io->cmd);
        fflush(u->f);
        return US_CE_DE;
    }
    return sense_or_reject(d, io);
}

static const DeviceOps prt1403_ops = {
    .type = "1403", .start = prt_start, .close = unit_close,
    .sense_id = { 0xFF, 0x28, 0x21, 0x01, 0x14, 0x03, 0x01 }, .sense_id_len = 7,
};
static const DeviceOps prt3211_ops = {
    .type = "3211", .start = prt_start, .close = unit_close,
    .sense_id = { 0xFF, 0x38, 0x11, 0x01, 0x32, 0x11, 0x01 }, .sense_id_len = 7,
};

Device *printer_new(uint16_t devnum, const char *type, const char *path,
                    char *err, size_t errlen)
{
    static const DeviceOps *const types[] = { &prt1403_ops, &prt3211_ops };
    const DeviceOps *ops = pick(type, types, 2);
    if (!ops) {
        snprintf(err, errlen, "%04X: %s is not a printer type (1403, 3211)", devnum, type);
        return NULL;
    }
    Unit *u = unit_open(devnum, path, "w", err, errlen);
    if (!u)
        return NULL;
    u->width = ops == &prt3211_ops ? 150 : 132;
    return unit_device(ops, devnum, u, err, errlen);
}
