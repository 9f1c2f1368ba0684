/*
 * ds3270_read.c — the inbound 3270 data stream: what a display sends the
 * host for Read Buffer, Read Modified and Read Modified All, the query
 * replies to Read Partition Query, and the reverse — a terminal's inbound
 * record folded back into the screen model.
 *
 * Source: GA23-0059 ch. 3 "Read commands" (formats of the inbound data,
 * short read, null suppression) and ch. 6 "Query replies" (Summary, Usable
 * Area, Color, Highlighting, Reply Modes, Implicit Partition).
 */
#include <string.h>

#include "console/ds3270.h"

/* A bounded output buffer: bytes past `max` are dropped, never written. */
typedef struct Out {
    uint8_t *p;
    size_t   len, max;
} Out;

static void emit(Out *o, uint8_t b)
{
    if (o->len < o->max)
        o->p[o->len++] = b;
}

static void emit_addr(Out *o, const Screen *s, unsigned addr)
{
    uint8_t a[2];
    ds_addr_encode(addr, ds_cells(s), a);
    emit(o, a[0]);
    emit(o, a[1]);
}

static void emit_char(Out *o, const DsCell *c)
{
    if (c->flags & CELL_GE)
        emit(o, ORD_GE);
    emit(o, c->ch);
}

/* Read Buffer: AID, cursor, then every position — an attribute as SF and
 * its attribute byte in code-table form, nulls included. */
size_t ds_read_buffer(const Screen *s, uint8_t aid, uint8_t *out, size_t max)
{
    Out o = { out, 0, max };
    emit(&o, aid);
    emit_addr(&o, s, s->cursor);
    unsigned cells = ds_cells(s);
    for (unsigned a = 0; a < cells; a++) {
        const DsCell *c = &s->cell[a];
        if (c->flags & CELL_FA) {
            emit(&o, ORD_SF);
            emit(&o, ds_code(c->ch));
        } else {
            emit_char(&o, c);
        }
    }
    return o.len;
}

/* Read Modified: AID; a short read (the AID alone) for PA keys and Clear
 * unless `all` (Read Modified All); else the cursor and, for each field
 * whose MDT is on, SBA to its first position and its characters with the
 * nulls left out.  An unformatted screen sends all its characters. */
size_t ds_read_modified(const Screen *s, uint8_t aid, bool all, uint8_t *out, size_t max)
{
    Out o = { out, 0, max };
    emit(&o, aid);
    if (!all && ds_aid_short(aid))
        return o.len;
    emit_addr(&o, s, s->cursor);
    unsigned cells = ds_cells(s);
    int first = ds_field_attr(s, 0);
    if (first < 0) {
        for (unsigned a = 0; a < cells; a++)
            if (s->cell[a].ch)
                emit_char(&o, &s->cell[a]);
        return o.len;
    }
    /* Walk the fields once round the buffer, starting at the first
     * attribute (a field may wrap from the last position to the first). */
    unsigned fa = (unsigned)first;
    do {
        bool mdt = s->cell[fa].ch & FA_MDT;
        unsigned a = (fa + 1) % cells;
        if (mdt) {                           /* (an empty field: SBA alone) */
            emit(&o, ORD_SBA);
            emit_addr(&o, s, a);
        }
        for (; a != fa && !(s->cell[a].flags & CELL_FA); a = (a + 1) % cells)
            if (mdt && s->cell[a].ch)
                emit_char(&o, &s->cell[a]);
        fa = a;
    } while (fa != (unsigned)first);
    return o.len;
}

/* ---- Query replies ------------------------------------------------------------ */

#define QR_SUMMARY   0x80
#define QR_USABLE    0x81
#define QR_COLOR     0x86
#define QR_HIGHLIGHT 0x87
#define QR_REPLYMODE 0x88
#define QR_IMPLICIT  0xA6
#define QR_NULL      0xFF

static bool qr_supported(const Screen *s, uint8_t code)
{
    switch (code) {
    case QR_SUMMARY: case QR_USABLE: case QR_HIGHLIGHT: case QR_REPLYMODE: case QR_IMPLICIT:
        return true;
    case QR_COLOR:
        return s->color;
    default:
        return false;
    }
}

static void emit16(Out *o, unsigned v)
{
    emit(o, (uint8_t)(v >> 8));
    emit(o, (uint8_t)v);
}

/* One query reply structured field: length, X'81', the code, then data
 * (the length is patched in once the data is there). */
static void qr_one(Out *o, const Screen *s, uint8_t code)
{
    static const uint8_t all_codes[] = {
        QR_SUMMARY, QR_USABLE, QR_COLOR, QR_HIGHLIGHT, QR_REPLYMODE, QR_IMPLICIT,
    };
    size_t at = o->len;
    emit16(o, 0);
    emit(o, 0x81);
    emit(o, code);
    switch (code) {
    case QR_SUMMARY:
        for (size_t k = 0; k < sizeof all_codes; k++)
            if (qr_supported(s, all_codes[k]))
                emit(o, all_codes[k]);
        break;
    case QR_USABLE:
        /* 12/14-bit addressing, no special features; the alternate size;
         * units inches, with a nominal cell pitch; the buffer size. */
        emit(o, 0x01);
        emit(o, 0x00);
        emit16(o, (unsigned)s->alt_cols);
        emit16(o, (unsigned)s->alt_rows);
        emit(o, 0x00);
        emit16(o, 0x000A), emit16(o, 0x02E5);      /* Xr: 10/741 inch   */
        emit16(o, 0x0002), emit16(o, 0x006F);      /* Yr: 2/111 inch    */
        emit(o, 9);                                /* cell width        */
        emit(o, 12);                               /* cell height       */
        emit16(o, (unsigned)(s->alt_rows * s->alt_cols));
        break;
    case QR_COLOR:
        /* Default is green; F1-F7 are the seven colours of a 3279. */
        emit(o, 0x00);
        emit(o, 8);
        emit(o, 0x00), emit(o, 0xF4);
        for (uint8_t c = 0xF1; c <= 0xF7; c++)
            emit(o, c), emit(o, c);
        break;
    case QR_HIGHLIGHT:
        emit(o, 4);
        emit(o, 0x00), emit(o, 0xF0);
        emit(o, 0xF1), emit(o, 0xF1);
        emit(o, 0xF2), emit(o, 0xF2);
        emit(o, 0xF4), emit(o, 0xF4);
        break;
    case QR_REPLYMODE:
        emit(o, 0x00);                             /* field mode        */
        break;
    case QR_IMPLICIT:
        emit16(o, 0);                              /* reserved          */
        emit(o, 0x0B);                             /* self-defining     */
        emit(o, 0x01);                             /* parameter: sizes  */
        emit(o, 0x00);
        emit16(o, DS_DEFAULT_COLS);
        emit16(o, DS_DEFAULT_ROWS);
        emit16(o, (unsigned)s->alt_cols);
        emit16(o, (unsigned)s->alt_rows);
        break;
    default:                                       /* QR_NULL           */
        break;
    }
    if (o->len <= o->max && at + 2 <= o->len) {
        size_t n = o->len - at;
        o->p[at] = (uint8_t)(n >> 8);
        o->p[at + 1] = (uint8_t)n;
    }
}

size_t ds_query_reply(const Screen *s, const uint8_t *list, size_t nlist,
                      uint8_t *out, size_t max)
{
    static const uint8_t order[] = {
        QR_SUMMARY, QR_USABLE, QR_COLOR, QR_HIGHLIGHT, QR_REPLYMODE, QR_IMPLICIT,
    };
    Out o = { out, 0, max };
    unsigned sent = 0;
    emit(&o, AID_SF);
    for (size_t k = 0; k < sizeof order; k++) {
        if (!qr_supported(s, order[k]))
            continue;
        if (list && !memchr(list, order[k], nlist))
            continue;
        qr_one(&o, s, order[k]);
        sent++;
    }
    if (!sent)
        qr_one(&o, s, QR_NULL);
    return o.len;
}

/* ---- A terminal's inbound record into the screen --------------------------------- */

/* Write field data at `addr` (the first position of a field) until the
 * next attribute, then null the rest of the field: the terminal left its
 * nulls out.  Returns the index after the data. */
static int fold_field(Screen *s, const uint8_t *d, size_t n, size_t i, unsigned addr,
                      bool formatted)
{
    unsigned cells = ds_cells(s);
    unsigned a = addr;
    bool full = false;               /* the data reached the field's end */
    if (formatted) {
        int fa = ds_field_attr(s, addr);
        if (fa >= 0)
            s->cell[fa].ch |= FA_MDT;
    }
    if (s->cell[a].flags & CELL_FA)
        full = true;
    while (i < n && d[i] != ORD_SBA) {
        uint8_t ch = d[i];
        bool ge = false;
        if (ch == ORD_GE) {
            if (i + 1 >= n)
                return DS_ETRUNC;
            ch = d[i + 1];
            ge = true;
            i += 2;
        } else if (ch == ORD_SA) {               /* character reply mode  */
            if (i + 2 >= n)
                return DS_ETRUNC;
            i += 3;
            continue;
        } else if (ch < 0x40 && ch != 0x1C && ch != 0x1E) {   /* DUP, FM */
            return DS_EORDER;
        } else {
            i++;
        }
        if (full)
            continue;                            /* more than fits: dropped */
        s->cell[a] = (DsCell){ .ch = ch, .flags = ge ? CELL_GE : 0 };
        a = (a + 1) % cells;
        if ((s->cell[a].flags & CELL_FA) || a == addr || (!formatted && a == 0))
            full = true;
    }
    if (!full)
        for (; !(s->cell[a].flags & CELL_FA); a = (a + 1) % cells) {
            s->cell[a] = (DsCell){ 0 };
            if ((a + 1) % cells == addr || (!formatted && a + 1 == cells))
                break;
        }
    return (int)i;
}

int ds_inbound(Screen *s, const uint8_t *d, size_t n)
{
    if (n == 0)
        return DS_EAID;
    uint8_t aid = d[0];
    if (aid == AID_SF)
        return DS_OK;                /* a structured field: nothing to show */
    s->aid = aid;
    s->kbd_locked = true;
    s->insert = false;
    if (aid == AID_CLEAR) {
        ds_erase(s, false);
        return DS_OK;
    }
    if (n == 1)
        return DS_OK;                /* short read */
    if (n < 3)
        return DS_ETRUNC;
    int cur = ds_addr_decode(d[1], d[2]);
    if (cur < 0 || (unsigned)cur >= ds_cells(s))
        return DS_EADDR;
    s->cursor = (unsigned)cur;
    bool formatted = ds_formatted(s);
    size_t i = 3;
    if (i < n && d[i] != ORD_SBA) {
        /* No SBA: the data of an unformatted screen, from address 0. */
        int r = fold_field(s, d, n, i, 0, false);
        if (r < 0)
            return r;
        i = (size_t)r;
    }
    while (i < n) {
        if (i + 2 >= n)
            return DS_ETRUNC;
        int a = ds_addr_decode(d[i + 1], d[i + 2]);
        if (a < 0 || (unsigned)a >= ds_cells(s))
            return DS_EADDR;
        int r = fold_field(s, d, n, i + 3, (unsigned)a, formatted);
        if (r < 0)
            return r;
        i = (size_t)r;
    }
    s->writes++;
    return DS_OK;
}
