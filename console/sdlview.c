/*
 * sdlview.c — what the SDL window shows and what its keys mean, as pure
 * functions (sdlwin.h): the look of each buffer position, the 3279
 * palette, the operator information area and the key map.
 *
 * Facts: GA23-0059 ch. 4 (field attribute bits, extended attributes:
 * highlighting X'41' F1 blink, F2 reverse, F4 underscore, F8 intensify;
 * foreground colour X'42' and background X'45' F0-FF), and the 3279's
 * base colours for fields without an extended colour (console.md §5.2:
 * unprotected normal green, unprotected intensified red, protected normal
 * blue, protected intensified white).  RGB values as c3270 gives them.
 */
#include <stdio.h>
#include <string.h>

#include "console/sdlwin.h"

#ifdef HAVE_SDL
#include <SDL.h>
#endif

/* ---- The look of the screen ------------------------------------------------------ */

/* What a character position draws: graphics from X'40' up (X'40' itself,
 * the blank, draws nothing), DUP and FM as the symbols a 3278 shows for
 * them (an asterisk and a semicolon, here without the overbar); other
 * codes below X'40' and characters of the alternate set (GE: not drawn
 * yet) as blanks. */
static uint8_t drawn_char(const DsCell *c)
{
    if (c->flags & CELL_GE)
        return 0;
    if (c->ch > 0x40)
        return c->ch;
    if (c->ch == 0x1C)               /* DUP */
        return 0x5C;
    if (c->ch == 0x1E)               /* FM  */
        return 0x5E;
    return 0;
}

void sdlwin_looks(const Screen *s, CellLook *out)
{
    unsigned n = ds_cells(s);
    /* The attribute governing position 0 is the last one in the buffer
     * (fields wrap from the end to the start). */
    int fa = -1;
    for (unsigned k = n; k-- > 0;)
        if (s->cell[k].flags & CELL_FA) {
            fa = (int)k;
            break;
        }
    for (unsigned p = 0; p < n; p++) {
        const DsCell *c = &s->cell[p];
        CellLook *l = &out[p];
        memset(l, 0, sizeof *l);
        if (c->flags & CELL_FA) {
            fa = (int)p;
            l->fg = s->color ? COL_GREEN : COL_MONO;
            continue;                /* the attribute position is blank */
        }
        const DsCell *f = fa >= 0 ? &s->cell[fa] : NULL;
        uint8_t attr = f ? f->ch : 0;            /* unformatted: unprotected */
        bool prot = attr & FA_PROTECTED;
        bool hidden = f && (attr & FA_DISPLAY) == FA_NONDISPLAY;
        l->intense = f && (attr & FA_DISPLAY) == FA_INTENSE;

        /* Character attributes win over the field's; 0 = "as the field". */
        uint8_t hl = c->hl ? c->hl : f ? f->hl : 0;
        uint8_t fg = c->fg ? c->fg : f ? f->fg : 0;
        uint8_t bg = c->bg ? c->bg : f ? f->bg : 0;
        if (hl >= 0xF0) {
            l->blink = hl & 0x01;
            l->reverse = hl & 0x02;
            l->underscore = hl & 0x04;
            if (hl & 0x08)
                l->intense = true;
        }
        if (!s->color)
            l->fg = l->intense ? COL_MONO_BRIGHT : COL_MONO;
        else if (fg >= 0xF0)
            l->fg = fg;
        else if (prot)
            l->fg = l->intense ? COL_WHITE : COL_BLUE;
        else
            l->fg = l->intense ? COL_RED : COL_GREEN;
        /* Neutral as a background is the screen's black. */
        l->bg = s->color && bg > COL_NEUTRAL ? bg : COL_BLACK;
        l->ch = hidden ? 0 : drawn_char(c);
    }
}

uint32_t sdlwin_rgb(uint8_t colour)
{
    static const uint32_t rgb[16] = {
        /* F0 neutral: white on a display (black on a printer) ??? x3270
         * draws it near-black; a foreground that cannot be seen helps
         * nobody, so white. */
        0xFFFFFF,
        0x1E90FF, 0xFF0000, 0xFF00FF, 0x32CD32,   /* blue red pink green       */
        0x00FFFF, 0xFFFF00, 0xFFFFFF,             /* turquoise yellow white    */
        0x2F4F4F, 0x0000CD, 0xFFA500, 0xA020F0,   /* black deep-blue orange purple */
        0x90EE90, 0x96CDCD, 0x778899, 0xF5F5F5,   /* pale green, pale turquoise, grey, white */
    };
    if (colour >= 0xF0)
        return rgb[colour - 0xF0];
    switch (colour) {
    case COL_MONO:        return 0x30C040;
    case COL_MONO_BRIGHT: return 0x90FF90;
    default:              return 0x000000;
    }
}

/* ---- The operator information area ------------------------------------------------- */

static void put_at(Oia *o, int cols, int col, const char *text)
{
    for (int i = 0; text[i] && col + i < cols; i++)
        if (col + i >= 0)
            o->text[col + i] = text[i];
}

void sdlwin_oia(const Screen *s, const OiaInput *in, Oia *o)
{
    int cols = s->cols > 0 && s->cols <= DS_MAX_COLS ? s->cols : DS_DEFAULT_COLS;
    memset(o, 0, sizeof *o);
    memset(o->text, ' ', (size_t)cols);
    o->text[cols] = 0;

    o->ready = in->connected && in->guest_wrote;
    o->aid_pending = in->connected && s->kbd_locked && s->aid != AID_NONE;
    o->text[0] = '4';
    o->text[1] = o->aid_pending ? ' ' : 'A';
    o->text[2] = o->ready ? ' ' : '?';

    const char *msg = NULL;
    if (!in->connected) {
        msg = "X Not Connected";
    } else if (in->kerr) {
        msg = in->kerr == KEY_PROTECTED ? "X Protected" :
              in->kerr == KEY_NUMERIC   ? "X NUM" :
              in->kerr == KEY_OVERFLOW  ? "X Overflow" : "X Error";
        o->msg_error = true;
    } else if (o->aid_pending) {
        msg = "X CLOCK";          /* the guest has not read the input yet */
    } else if (s->kbd_locked) {
        msg = "X SYSTEM";         /* read; the guest keeps the keyboard   */
    }
    if (msg) {
        o->msg_col = 8;
        o->msg_len = (int)strlen(msg);
        put_at(o, cols, 8, msg);
    }
    if (s->insert)
        put_at(o, cols, cols - 30, "INS");
    char buf[32];
    snprintf(buf, sizeof buf, "%04X %s-%d", in->devnum, s->color ? "3279" : "3278", s->model);
    put_at(o, cols, cols - 22, buf);
    unsigned cur = s->cols > 0 ? s->cursor % ds_cells(s) : 0;
    snprintf(buf, sizeof buf, "%03u/%03u", s->cols > 0 ? cur / (unsigned)s->cols + 1 : 1,
             s->cols > 0 ? cur % (unsigned)s->cols + 1 : 1);
    put_at(o, cols, cols - 7, buf);
}

/* ---- The key map ------------------------------------------------------------------- */

#ifdef HAVE_SDL
WinKey sdlwin_map_key(int32_t sym, uint16_t mod)
{
    bool shift = mod & KMOD_SHIFT, ctrl = mod & KMOD_CTRL, alt = mod & KMOD_ALT;
    WinKey k = { WA_NONE, 0 };
    if (sym >= SDLK_F1 && sym <= SDLK_F12) {
        k.action = WA_AID;
        k.aid = ds_aid_pf((int)(sym - SDLK_F1) + 1 + (shift ? 12 : 0));
        return k;
    }
    if (sym >= SDLK_F13 && sym <= SDLK_F24) {
        k.action = WA_AID;
        k.aid = ds_aid_pf((int)(sym - SDLK_F13) + 13);
        return k;
    }
    /* PA1-PA3: the left Alt only, the right one is AltGr on many keyboards. */
    if ((mod & KMOD_LALT) && !ctrl && !(mod & KMOD_MODE) && sym >= SDLK_1 && sym <= SDLK_3) {
        static const uint8_t pa[3] = { AID_PA1, AID_PA2, AID_PA3 };
        k.action = WA_AID;
        k.aid = pa[sym - SDLK_1];
        return k;
    }
    if (ctrl && !alt) {
        switch (sym) {
        case SDLK_e:   k.action = WA_ERASE_EOF; return k;
        case SDLK_r:   k.action = WA_RESET; return k;
        case SDLK_END: k.action = WA_ERASE_INPUT; return k;
        default:       break;
        }
    }
    switch (sym) {
    case SDLK_RETURN:
        if (shift) {
            k.action = WA_NEWLINE;
            return k;
        }
        /* fall through */
    case SDLK_KP_ENTER:
        k.action = WA_AID;
        k.aid = AID_ENTER;
        return k;
    case SDLK_ESCAPE: case SDLK_PAUSE:
        k.action = WA_AID;
        k.aid = AID_CLEAR;
        return k;
    case SDLK_PAGEUP: case SDLK_PAGEDOWN:
        k.action = WA_AID;
        k.aid = ds_aid_pf(sym == SDLK_PAGEUP ? 7 : 8);
        return k;
    case SDLK_TAB:       k.action = shift ? WA_BACKTAB : WA_TAB; break;
    case SDLK_HOME:      k.action = WA_HOME; break;
    case SDLK_END:       k.action = WA_ERASE_EOF; break;
    case SDLK_INSERT:    k.action = WA_INSERT; break;
    case SDLK_LEFT:      k.action = WA_LEFT; break;
    case SDLK_RIGHT:     k.action = WA_RIGHT; break;
    case SDLK_UP:        k.action = WA_UP; break;
    case SDLK_DOWN:      k.action = WA_DOWN; break;
    case SDLK_BACKSPACE: k.action = WA_BACKSPACE; break;
    case SDLK_DELETE:    k.action = WA_DELETE; break;
    default:             break;
    }
    return k;
}
#else
WinKey sdlwin_map_key(int32_t sym, uint16_t mod)
{
    (void)sym, (void)mod;
    return (WinKey){ WA_NONE, 0 };
}
#endif
