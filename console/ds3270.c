/*
 * ds3270.c — the 3270 screen model and the outbound data stream: buffer
 * addresses, the WCC, the orders and the write commands (GA23-0059 ch. 3
 * "Commands", ch. 4 "Orders", ch. 5 "Outbound structured fields").
 *
 * The stream is walked once, byte by byte, with every parameter checked
 * against what is left before it is read; the buffer address is always
 * reduced modulo the screen size, so nothing a host sends can reach
 * outside the cell array.  Inbound data and query replies are in
 * ds3270_read.c, the keyboard in ds3270_kbd.c.
 */
#include <string.h>

#include "console/codepage.h"
#include "console/ds3270.h"

/* The 6-bit code table (GA23-0059 "Buffer control orders": addresses,
 * WCC and attribute bytes are sent as these graphic characters; for every
 * entry the low six bits are the value, so decoding is just & X'3F'). */
static const uint8_t code_table[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7,
    0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
    0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7,
    0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7,
    0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

uint8_t ds_code(unsigned six_bits)
{
    return code_table[six_bits & 0x3F];
}

int ds_addr_decode(uint8_t b1, uint8_t b2)
{
    switch (b1 & 0xC0) {
    case 0x00:                                   /* 14-bit binary        */
        return (b1 & 0x3F) << 8 | b2;
    case 0x80:                                   /* reserved             */
        return -1;
    default:                                     /* 12-bit coded         */
        return (b1 & 0x3F) << 6 | (b2 & 0x3F);
    }
}

void ds_addr_encode(unsigned addr, unsigned cells, uint8_t out[2])
{
    if (cells <= 4096) {
        out[0] = code_table[(addr >> 6) & 0x3F];
        out[1] = code_table[addr & 0x3F];
    } else {
        out[0] = (uint8_t)((addr >> 8) & 0x3F);
        out[1] = (uint8_t)(addr & 0xFF);
    }
}

uint8_t ds_aid_pf(int n)
{
    static const uint8_t pf[24] = {
        0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
        0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
    };
    return n >= 1 && n <= 24 ? pf[n - 1] : 0;
}

bool ds_aid_short(uint8_t aid)
{
    return aid == AID_PA1 || aid == AID_PA2 || aid == AID_PA3 || aid == AID_CLEAR;
}

const char *ds_strerror(int err)
{
    switch (err) {
    case DS_OK:     return "ok";
    case DS_ETRUNC: return "order or field cut short";
    case DS_EADDR:  return "buffer address outside the screen";
    case DS_EORDER: return "invalid order or attribute";
    case DS_ECMD:   return "unknown command";
    case DS_ESF:    return "bad or unsupported structured field";
    case DS_EAID:   return "empty inbound record";
    default:        return "error";
    }
}

/* ---- The screen ------------------------------------------------------------ */

void ds_erase(Screen *s, bool alternate)
{
    s->alternate = alternate;
    s->rows = alternate ? s->alt_rows : DS_DEFAULT_ROWS;
    s->cols = alternate ? s->alt_cols : DS_DEFAULT_COLS;
    memset(s->cell, 0, sizeof s->cell);
    s->cursor = 0;
    s->bufaddr = 0;
    s->writes++;
}

void ds_init(Screen *s, int model, bool color)
{
    static const int alt[6][2] = { {24, 80}, {24, 80}, {24, 80}, {32, 80}, {43, 80}, {27, 132} };
    memset(s, 0, sizeof *s);
    if (model < 2 || model > 5)
        model = 2;
    s->model = model;
    s->color = color;
    s->extended = true;
    s->alt_rows = alt[model][0];
    s->alt_cols = alt[model][1];
    s->aid = AID_NONE;
    ds_erase(s, false);
}

bool ds_formatted(const Screen *s)
{
    unsigned n = ds_cells(s);
    for (unsigned i = 0; i < n; i++)
        if (s->cell[i].flags & CELL_FA)
            return true;
    return false;
}

int ds_field_attr(const Screen *s, unsigned pos)
{
    unsigned n = ds_cells(s);
    pos %= n;
    for (unsigned k = 0; k < n; k++) {
        unsigned p = (pos + n - k) % n;
        if (s->cell[p].flags & CELL_FA)
            return (int)p;
    }
    return -1;
}

bool ds_protected(const Screen *s, unsigned pos)
{
    int fa = ds_field_attr(s, pos);
    if (fa < 0)
        return false;
    return (unsigned)fa == pos % ds_cells(s) || (s->cell[fa].ch & FA_PROTECTED);
}

void ds_row_text(const Screen *s, int row, char *out)
{
    int k = 0;
    if (row >= 0 && row < s->rows) {
        unsigned base = (unsigned)(row * s->cols);
        int fa = ds_field_attr(s, base);
        bool hidden = fa >= 0 && (s->cell[fa].ch & FA_DISPLAY) == FA_NONDISPLAY;
        for (int c = 0; c < s->cols; c++) {
            const DsCell *cl = &s->cell[base + (unsigned)c];
            char ch = ' ';
            if (cl->flags & CELL_FA)
                hidden = (cl->ch & FA_DISPLAY) == FA_NONDISPLAY;
            else if (!hidden && cl->ch >= 0x40 && !(cl->flags & CELL_GE))
                ch = (char)cp037_to_latin1[cl->ch];
            out[k++] = ch;
        }
    }
    out[k] = 0;
}

/* ---- Writing ---------------------------------------------------------------- */

/* The character attributes set by SA for the characters that follow. */
typedef struct Pen {
    uint8_t fg, bg, hl;
    bool    ge;
} Pen;

/* Codes below X'40' that are data, not orders: NUL, FF, CR, NL, EM, DUP,
 * FM, SUB (GA23-0059 "Format control orders"). */
static bool format_control(uint8_t b)
{
    return b == 0x00 || b == 0x0C || b == 0x0D || b == 0x15 || b == 0x19 ||
           b == 0x1C || b == 0x1E || b == 0x3F;
}

static bool is_data(uint8_t b)
{
    return b >= 0x40 || format_control(b);
}

static unsigned next(const Screen *s, unsigned a)
{
    return a + 1 < ds_cells(s) ? a + 1 : 0;
}

static void put_char(Screen *s, unsigned *addr, uint8_t ch, const Pen *pen, bool ge)
{
    DsCell *c = &s->cell[*addr];
    c->ch = ch;
    c->flags = ge || pen->ge ? CELL_GE : 0;
    c->fg = pen->fg;
    c->bg = pen->bg;
    c->hl = pen->hl;
    *addr = next(s, *addr);
}

static void put_fa(Screen *s, unsigned *addr, uint8_t fa, uint8_t fg, uint8_t bg, uint8_t hl)
{
    DsCell *c = &s->cell[*addr];
    c->ch = fa & 0x3F;
    c->flags = CELL_FA;
    c->fg = fg;
    c->bg = bg;
    c->hl = hl;
    *addr = next(s, *addr);
}

/* One (type, value) pair of SFE or MF applied to a field attribute cell.
 * false for an attribute type the order may not carry. */
static bool field_pair(DsCell *c, uint8_t type, uint8_t value)
{
    switch (type) {
    case XA_3270:       c->ch = value & 0x3F; return true;
    case XA_HIGHLIGHT:  c->hl = value; return true;
    case XA_FOREGROUND: c->fg = value; return true;
    case XA_BACKGROUND: c->bg = value; return true;
    case XA_CHARSET: case XA_TRANSPARENCY: case XA_VALIDATION: case XA_OUTLINING:
        return true;                 /* accepted, not shown */
    default:
        return false;
    }
}

/* Read a buffer address parameter at d[i], i+1 (checked by the caller). */
static int get_addr(const Screen *s, const uint8_t *d)
{
    int a = ds_addr_decode(d[0], d[1]);
    return a >= 0 && (unsigned)a < ds_cells(s) ? a : DS_EADDR;
}

static int do_write(Screen *s, const uint8_t *d, size_t n, unsigned addr)
{
    if (n < 1)
        return DS_ETRUNC;
    uint8_t wcc = d[0];
    unsigned cells = ds_cells(s);
    Pen pen = { 0 };
    bool after_data = false;         /* PT after data nulls the field's rest */
    int rc = DS_OK;

    /* Reset MDT acts before the data, so attributes the write itself sets
     * keep their MDT (GA23-0059 "Write Control Character"). */
    if (wcc & WCC_RESET_MDT)
        for (unsigned i = 0; i < cells; i++)
            if (s->cell[i].flags & CELL_FA)
                s->cell[i].ch &= (uint8_t)~FA_MDT;

    size_t i = 1;
    while (i < n) {
        uint8_t b = d[i];
        if (is_data(b)) {
            put_char(s, &addr, b, &pen, false);
            after_data = true;
            i++;
            continue;
        }
        bool was_data = after_data;
        after_data = false;
        switch (b) {
        case ORD_SF:
            if (i + 1 >= n)
                goto trunc;
            put_fa(s, &addr, d[i + 1], 0, 0, 0);
            i += 2;
            break;
        case ORD_SFE: {
            if (i + 1 >= n)
                goto trunc;
            size_t pairs = d[i + 1];
            if (i + 2 + 2 * pairs > n)
                goto trunc;
            DsCell c = { .flags = CELL_FA };
            for (size_t k = 0; k < pairs; k++)
                if (!field_pair(&c, d[i + 2 + 2 * k], d[i + 3 + 2 * k])) {
                    rc = DS_EORDER;
                    goto out;
                }
            put_fa(s, &addr, c.ch, c.fg, c.bg, c.hl);
            i += 2 + 2 * pairs;
            break;
        }
        case ORD_SBA: {
            if (i + 2 >= n)
                goto trunc;
            int a = get_addr(s, d + i + 1);
            if (a < 0) {
                rc = a;
                goto out;
            }
            addr = (unsigned)a;
            i += 3;
            break;
        }
        case ORD_SA:
            if (i + 2 >= n)
                goto trunc;
            switch (d[i + 1]) {
            case XA_ALL:        pen = (Pen){ 0 }; break;
            case XA_HIGHLIGHT:  pen.hl = d[i + 2]; break;
            case XA_FOREGROUND: pen.fg = d[i + 2]; break;
            case XA_BACKGROUND: pen.bg = d[i + 2]; break;
            case XA_CHARSET:    pen.ge = d[i + 2] == 0xF1; break;   /* APL set */
            case XA_TRANSPARENCY: break;
            default:
                rc = DS_EORDER;
                goto out;
            }
            i += 3;
            break;
        case ORD_MF: {
            if (i + 1 >= n)
                goto trunc;
            size_t pairs = d[i + 1];
            if (i + 2 + 2 * pairs > n)
                goto trunc;
            DsCell *c = &s->cell[addr];
            /* On a character position MF is ignored and the address stays. */
            if (c->flags & CELL_FA) {
                for (size_t k = 0; k < pairs; k++)
                    if (!field_pair(c, d[i + 2 + 2 * k], d[i + 3 + 2 * k])) {
                        rc = DS_EORDER;
                        goto out;
                    }
                addr = next(s, addr);
            }
            i += 2 + 2 * pairs;
            break;
        }
        case ORD_IC:
            s->cursor = addr;
            i++;
            break;
        case ORD_PT: {
            /* After data, the rest of the field up to the next attribute
             * (or the end of the buffer) becomes nulls.  Then on to the
             * first position of the next unprotected field, searching to
             * the end of the buffer; none: address 0. */
            if (was_data)
                for (unsigned a = addr; a < cells && !(s->cell[a].flags & CELL_FA); a++)
                    s->cell[a].ch = 0, s->cell[a].flags = 0;
            unsigned a = addr;
            for (; a < cells; a++)
                if ((s->cell[a].flags & CELL_FA) && !(s->cell[a].ch & FA_PROTECTED))
                    break;
            addr = a < cells ? next(s, a) : 0;
            i++;
            break;
        }
        case ORD_RA: {
            if (i + 3 >= n)
                goto trunc;
            int stop = get_addr(s, d + i + 1);
            if (stop < 0) {
                rc = stop;
                goto out;
            }
            uint8_t ch = d[i + 3];
            bool ge = false;
            size_t len = 4;
            if (ch == ORD_GE) {
                if (i + 4 >= n)
                    goto trunc;
                ch = d[i + 4];
                ge = true;
                len = 5;
            } else if (!is_data(ch)) {
                rc = DS_EORDER;
                goto out;
            }
            /* Stop address = current address: the whole buffer. */
            do
                put_char(s, &addr, ch, &pen, ge);
            while (addr != (unsigned)stop);
            after_data = true;
            i += len;
            break;
        }
        case ORD_EUA: {
            if (i + 2 >= n)
                goto trunc;
            int stop = get_addr(s, d + i + 1);
            if (stop < 0) {
                rc = stop;
                goto out;
            }
            /* The governing attribute is found once and then followed. */
            int fa = ds_field_attr(s, addr);
            bool prot = fa >= 0 && (s->cell[fa].ch & FA_PROTECTED);
            do {
                DsCell *c = &s->cell[addr];
                if (c->flags & CELL_FA)
                    prot = c->ch & FA_PROTECTED;
                else if (!prot)
                    *c = (DsCell){ 0 };
                addr = next(s, addr);
            } while (addr != (unsigned)stop);
            i += 3;
            break;
        }
        case ORD_GE:
            if (i + 1 >= n)
                goto trunc;
            put_char(s, &addr, d[i + 1], &pen, true);
            after_data = true;
            i += 2;
            break;
        default:
            rc = DS_EORDER;
            goto out;
        }
    }
    goto out;
trunc:
    rc = DS_ETRUNC;
out:
    s->bufaddr = addr;
    s->writes++;
    if (rc == DS_OK) {
        /* Alarm and keyboard restore act at the end of the write. */
        if (wcc & WCC_ALARM)
            s->alarm = true;
        if (wcc & WCC_KBD_RESTORE) {
            s->kbd_locked = false;
            s->insert = false;
            s->aid = AID_NONE;
        }
    }
    return rc;
}

void ds_erase_unprotected(Screen *s)
{
    unsigned cells = ds_cells(s);
    int first = ds_field_attr(s, 0);
    s->kbd_locked = false;
    s->aid = AID_NONE;
    s->writes++;
    if (first < 0) {                       /* unformatted: everything goes */
        ds_erase(s, s->alternate);
        return;
    }
    bool prot = false;
    for (unsigned k = 0; k < cells; k++) {
        DsCell *c = &s->cell[((unsigned)first + k) % cells];
        if (c->flags & CELL_FA) {
            prot = c->ch & FA_PROTECTED;
            if (!prot)
                c->ch &= (uint8_t)~FA_MDT;
        } else if (!prot) {
            *c = (DsCell){ 0 };
        }
    }
    /* The cursor goes to the first position of the first unprotected
     * field; none: address 0. */
    s->cursor = 0;
    for (unsigned a = 0; a < cells; a++) {
        const DsCell *c = &s->cell[a];
        if ((c->flags & CELL_FA) && !(c->ch & FA_PROTECTED) &&
            !(s->cell[next(s, a)].flags & CELL_FA)) {
            s->cursor = next(s, a);
            break;
        }
    }
}

/* Write Structured Field (GA23-0059 ch. 5): a sequence of structured
 * fields, each length (2 bytes, including itself; 0 = the rest), ID, data. */
static int do_wsf(Screen *s, const uint8_t *d, size_t n, DsReply *reply)
{
    size_t i = 0;
    if (n == 0)
        return DS_ESF;
    while (i < n) {
        if (n - i < 3)
            return DS_ESF;
        size_t len = (size_t)d[i] << 8 | d[i + 1];
        if (len == 0)
            len = n - i;
        if (len < 3 || len > n - i)
            return DS_ESF;
        const uint8_t *body = d + i + 3;
        size_t blen = len - 3;
        switch (d[i + 2]) {
        case 0x01:                                   /* Read Partition   */
            if (blen < 2)
                return DS_ESF;
            switch (body[1]) {
            case 0x02:                               /* Query            */
                if (body[0] != 0xFF)
                    return DS_ESF;
                if (reply)
                    reply->len = ds_query_reply(s, NULL, 0, reply->data, sizeof reply->data);
                break;
            case 0x03:                               /* Query List       */
                if (body[0] != 0xFF || blen < 3)
                    return DS_ESF;
                if (reply) {
                    bool listed = body[2] == 0x00;   /* else equivalent/all */
                    reply->len = ds_query_reply(s, listed ? body + 3 : NULL,
                                                listed ? blen - 3 : 0,
                                                reply->data, sizeof reply->data);
                }
                break;
            case DS_CMD_RB:
                if (reply)
                    reply->len = ds_read_buffer(s, AID_NONE, reply->data, sizeof reply->data);
                break;
            case DS_CMD_RM: case DS_CMD_RMA:
                if (reply)
                    reply->len = ds_read_modified(s, AID_NONE, body[1] == DS_CMD_RMA,
                                                  reply->data, sizeof reply->data);
                break;
            default:
                return DS_ESF;
            }
            break;
        case 0x03:                                   /* Erase/Reset      */
            if (blen < 1)
                return DS_ESF;
            ds_erase(s, body[0] & 0x80);
            break;
        case 0x09:                                   /* Set Reply Mode:   */
            if (blen < 2)                            /* field mode only   */
                return DS_ESF;
            break;
        case 0x40: {                                 /* Outbound 3270DS  */
            if (blen < 2 || body[0] != 0x00)
                return DS_ESF;
            uint8_t cmd = body[1];
            if (cmd != DS_CMD_W && cmd != DS_CMD_EW && cmd != DS_CMD_EWA && cmd != DS_CMD_EAU)
                return DS_ESF;
            int rc = ds_outbound(s, body + 1, blen - 1, -1, NULL);
            if (rc != DS_OK)
                return rc;
            break;
        }
        default:
            return DS_ESF;
        }
        i += len;
    }
    s->writes++;
    return DS_OK;
}

int ds_outbound(Screen *s, const uint8_t *data, size_t len, int start, DsReply *reply)
{
    if (reply)
        reply->len = 0;
    if (len == 0)
        return DS_ETRUNC;
    const uint8_t *d = data + 1;
    size_t n = len - 1;
    switch (data[0]) {
    case DS_CMD_W: {
        unsigned addr = start >= 0 && (unsigned)start < ds_cells(s) ? (unsigned)start : s->cursor;
        return do_write(s, d, n, addr);
    }
    case DS_CMD_EW:
        ds_erase(s, false);
        return do_write(s, d, n, 0);
    case DS_CMD_EWA:
        ds_erase(s, true);
        return do_write(s, d, n, 0);
    case DS_CMD_EAU:
        ds_erase_unprotected(s);
        return DS_OK;
    case DS_CMD_WSF:
        return do_wsf(s, d, n, reply);
    case DS_CMD_RB:
        if (reply)
            reply->len = ds_read_buffer(s, s->aid, reply->data, sizeof reply->data);
        return DS_OK;
    case DS_CMD_RM: case DS_CMD_RMA:
        if (reply)
            reply->len = ds_read_modified(s, s->aid, data[0] == DS_CMD_RMA,
                                          reply->data, sizeof reply->data);
        return DS_OK;
    default:
        return DS_ECMD;
    }
}
