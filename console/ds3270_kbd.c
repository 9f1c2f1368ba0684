/*
 * ds3270_kbd.c — the operator's side of a 3270 display: typing into
 * unprotected fields, the field-movement keys, the erase keys, insert mode
 * and the attention keys, on the same Screen the host writes.
 *
 * Behaviour as described for the 3278/3279 keyboard (IBM 3270 Information
 * Display System 3278 Operator's Guide, GA27-2890; summed up in GA23-0059
 * ch. 2 "Keyboard"): characters go only into unprotected fields and set the
 * field's MDT; a numeric field takes 0-9, period, minus and DUP; when a
 * field is full the cursor moves on, skipping an autoskip (protected +
 * numeric) field; insert mode shifts the rest of the field right and needs
 * a null in it; an attention key locks the keyboard until the host's WCC
 * restores it.
 */
#include "console/ds3270.h"

static unsigned cells_of(const Screen *s)
{
    return ds_cells(s);
}

/* The first position of an unprotected field (the position after an
 * unprotected attribute, itself not an attribute), searching forward from
 * `from` round the whole buffer; -1 if there is none. */
static int next_unprotected(const Screen *s, unsigned from)
{
    unsigned n = cells_of(s);
    for (unsigned k = 0; k < n; k++) {
        unsigned p = (from + k) % n;
        unsigned prev = (p + n - 1) % n;
        if (!(s->cell[p].flags & CELL_FA) && (s->cell[prev].flags & CELL_FA) &&
            !(s->cell[prev].ch & FA_PROTECTED))
            return (int)p;
    }
    return -1;
}

/* The same, searching backward from `from`. */
static int prev_unprotected(const Screen *s, unsigned from)
{
    unsigned n = cells_of(s);
    for (unsigned k = 0; k < n; k++) {
        unsigned p = (from + n - k) % n;
        unsigned prev = (p + n - 1) % n;
        if (!(s->cell[p].flags & CELL_FA) && (s->cell[prev].flags & CELL_FA) &&
            !(s->cell[prev].ch & FA_PROTECTED))
            return (int)p;
    }
    return -1;
}

/* How many positions from `pos` to the end of its field: up to the next
 * attribute (round the end of the buffer), or to the end of the buffer on
 * an unformatted screen. */
static unsigned field_left(const Screen *s, unsigned pos, bool formatted)
{
    unsigned n = cells_of(s);
    if (!formatted)
        return n - pos;
    unsigned k = 1;
    while (k < n && !(s->cell[(pos + k) % n].flags & CELL_FA))
        k++;
    return k;
}

static void set_mdt(Screen *s, unsigned pos)
{
    int fa = ds_field_attr(s, pos);
    if (fa >= 0)
        s->cell[fa].ch |= FA_MDT;
}

static bool numeric_ok(uint8_t ch)
{
    return (ch >= 0xF0 && ch <= 0xF9) || ch == 0x4B || ch == 0x60 || ch == 0x1C;
}

int ds_key_char(Screen *s, uint8_t ch)
{
    if (s->kbd_locked)
        return KEY_LOCKED;
    unsigned n = cells_of(s);
    unsigned pos = s->cursor % n;
    int fa = ds_field_attr(s, pos);
    bool formatted = fa >= 0;
    if (formatted && ((unsigned)fa == pos || (s->cell[fa].ch & FA_PROTECTED)))
        return KEY_PROTECTED;
    if (formatted && (s->cell[fa].ch & FA_NUMERIC) && !numeric_ok(ch))
        return KEY_NUMERIC;
    if (s->insert) {
        /* Room comes from the first null between the cursor and the end. */
        unsigned len = field_left(s, pos, formatted), k = 0;
        while (k < len && s->cell[(pos + k) % n].ch != 0)
            k++;
        if (k == len)
            return KEY_OVERFLOW;
        for (; k > 0; k--)
            s->cell[(pos + k) % n] = s->cell[(pos + k - 1) % n];
    }
    s->cell[pos] = (DsCell){ .ch = ch };
    set_mdt(s, pos);
    pos = (pos + 1) % n;
    if (formatted && (s->cell[pos].flags & CELL_FA)) {
        uint8_t attr = s->cell[pos].ch;
        if ((attr & FA_PROTECTED) && (attr & FA_NUMERIC)) {
            int p = next_unprotected(s, pos);
            pos = p >= 0 ? (unsigned)p : (pos + 1) % n;
        } else {
            pos = (pos + 1) % n;
        }
    }
    s->cursor = pos;
    s->writes++;
    return KEY_OK;
}

void ds_key_tab(Screen *s)
{
    int p = next_unprotected(s, (s->cursor + 1) % cells_of(s));
    s->cursor = p >= 0 ? (unsigned)p : 0;
}

void ds_key_backtab(Screen *s)
{
    unsigned n = cells_of(s);
    int p = prev_unprotected(s, (s->cursor + n - 1) % n);
    s->cursor = p >= 0 ? (unsigned)p : 0;
}

void ds_key_home(Screen *s)
{
    int p = next_unprotected(s, 0);
    s->cursor = p >= 0 ? (unsigned)p : 0;
}

void ds_key_newline(Screen *s)
{
    unsigned n = cells_of(s);
    unsigned row = s->cursor / (unsigned)s->cols;
    unsigned p = ((row + 1) * (unsigned)s->cols) % n;
    if (ds_protected(s, p)) {
        int q = next_unprotected(s, p);
        p = q >= 0 ? (unsigned)q : 0;
    }
    s->cursor = p;
}

void ds_key_move(Screen *s, int drow, int dcol)
{
    long n = (long)cells_of(s);
    long c = (long)s->cursor + (long)drow * s->cols + dcol;
    c %= n;
    if (c < 0)
        c += n;
    s->cursor = (unsigned)c;
}

int ds_key_delete(Screen *s)
{
    if (s->kbd_locked)
        return KEY_LOCKED;
    unsigned n = cells_of(s);
    unsigned pos = s->cursor % n;
    if (ds_protected(s, pos))
        return KEY_PROTECTED;
    unsigned len = field_left(s, pos, ds_formatted(s));
    for (unsigned k = 0; k + 1 < len; k++)
        s->cell[(pos + k) % n] = s->cell[(pos + k + 1) % n];
    s->cell[(pos + len - 1) % n] = (DsCell){ 0 };
    set_mdt(s, pos);
    s->writes++;
    return KEY_OK;
}

int ds_key_backspace(Screen *s)
{
    if (s->kbd_locked)
        return KEY_LOCKED;
    unsigned n = cells_of(s);
    unsigned prev = (s->cursor + n - 1) % n;
    if (ds_protected(s, prev))
        return KEY_PROTECTED;
    s->cursor = prev;
    return ds_key_delete(s);
}

int ds_key_erase_eof(Screen *s)
{
    if (s->kbd_locked)
        return KEY_LOCKED;
    unsigned n = cells_of(s);
    unsigned pos = s->cursor % n;
    if (ds_protected(s, pos))
        return KEY_PROTECTED;
    unsigned len = field_left(s, pos, ds_formatted(s));
    for (unsigned k = 0; k < len; k++)
        s->cell[(pos + k) % n] = (DsCell){ 0 };
    set_mdt(s, pos);
    s->writes++;
    return KEY_OK;
}

void ds_key_erase_input(Screen *s)
{
    if (s->kbd_locked)
        return;
    unsigned n = cells_of(s);
    int first = ds_field_attr(s, 0);
    if (first < 0) {
        for (unsigned a = 0; a < n; a++)
            s->cell[a] = (DsCell){ 0 };
        s->cursor = 0;
    } else {
        bool prot = false;
        for (unsigned k = 0; k < n; k++) {
            DsCell *c = &s->cell[((unsigned)first + k) % n];
            if (c->flags & CELL_FA) {
                prot = c->ch & FA_PROTECTED;
                if (!prot)
                    c->ch &= (uint8_t)~FA_MDT;
            } else if (!prot) {
                *c = (DsCell){ 0 };
            }
        }
        ds_key_home(s);
    }
    s->writes++;
}

void ds_key_insert(Screen *s)
{
    s->insert = !s->insert;
}

void ds_key_reset(Screen *s)
{
    s->insert = false;
}

size_t ds_key_aid(Screen *s, uint8_t aid, uint8_t *out, size_t max)
{
    if (s->kbd_locked)
        return 0;
    size_t n = ds_read_modified(s, aid, false, out, max);
    s->aid = aid;
    s->kbd_locked = true;
    s->insert = false;
    if (aid == AID_CLEAR)
        ds_erase(s, false);
    return n;
}
