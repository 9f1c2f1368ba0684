/*
 * sdlwin.c — the SDL2 window on one 3270 display (sdlwin.h): a Terminal
 * of the device that draws the device's Screen with SDL2_ttf and feeds
 * the keyboard model.  The look and the key map are sdlview.c's.
 *
 * Threads.  SDL wants all its video calls (init, window, renderer, event
 * queue) made on one thread.  On macOS that has to be the main thread;
 * on Linux (X11, Wayland) any thread will do as long as it is always the
 * same one, and SDL_PushEvent() may be called from any thread.  interpex
 * runs on Linux and its main thread belongs to the operator's line
 * editor, so the window has a thread of its own, which makes every SDL
 * call but SDL_PushEvent().  Other threads reach it in two ways:
 *   - the device callbacks (CPU thread or operator thread, session lock
 *     held) set atomic flags and push a wake-up event;
 *   - requests (close, screenshot, synthetic keys for tests) are posted
 *     under the window's mutex, with a wake-up event, and answered there.
 * The window thread takes the session lock to copy the device's Screen
 * (about 18 KB) and to run a key on it, never while it holds its own
 * mutex; the CPU thread takes the window's mutex inside the session lock.
 *
 * Drawing: each frame draws the copy of the Screen cell by cell; glyphs
 * are rendered once per character in white (TTF_RenderUTF8_Blended) and
 * tinted with the texture colour.  The cell is the font's advance width
 * by its height (11 x 20 pixels for the 3270 font at 20 points).  The
 * window is sized for the screen (rows + 1 for the OIA) at the current
 * font size, and sized again when the guest changes the screen size
 * (Erase/Write Alternate); when the user resizes the window, the font
 * takes the largest size whose screen fits.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "console/codepage.h"
#include "console/dev3270.h"
#include "console/op_internal.h"
#include "console/sdlwin.h"
#include "console/session.h"
#include "cpu370/channel.h"

#ifdef HAVE_SDL
#include <SDL.h>
#include <SDL_ttf.h>
#endif

int cmd_sdl(Operator *o, int argc, char **argv)
{
    return sdlwin_command(o->s, argc, argv) ? OP_ERROR : OP_OK;
}

bool sdlwin_display_present(char *why, size_t whylen)
{
#ifdef HAVE_SDL
    const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if ((x11 && *x11) || (wl && *wl))
        return true;
    snprintf(why, whylen, "no display (neither DISPLAY nor WAYLAND_DISPLAY is set)");
#else
    snprintf(why, whylen, "interpex was built without SDL2 and SDL2_ttf "
             "(Debian libsdl2-dev, libsdl2-ttf-dev)");
#endif
    return false;
}

#ifndef HAVE_SDL

int sdlwin_open(Session *s, int devnum, char *err, size_t errlen)
{
    sdlwin_display_present(err, errlen);
    return -1;
}

void sdlwin_close(Session *s)
{
}

int sdlwin_command(Session *s, int argc, char **argv)
{
    char why[160];
    sdlwin_display_present(why, sizeof why);
    if (argc <= 1 || !strcasecmp(argv[1], "status")) {
        session_print(s, "sdl: no window: %s", why);
        return 0;
    }
    session_print(s, "sdl: %s", why);
    return -1;
}

#else /* HAVE_SDL */

#define FONT_PT_DEFAULT 20
#define FONT_PT_MIN     6
#define FONT_PT_MAX     96
#define OIA_GAP         5          /* pixels above the OIA row, a line in it */
#define MARGIN          4          /* pixels round the screen                */
#define TICK_MS         100        /* the loop looks at requests this often  */
#define REFRESH_MS      500        /* and copies the screen at least so often */
#define REQUEST_SECS    10         /* an answer from the window thread       */

enum { W_STARTING, W_RUNNING, W_FAILED, W_ENDED };
enum { EV_WAKE, EV_SYNC };          /* codes of the window's user event      */

typedef struct Win {
    Session  *s;
    uint16_t  devnum;
    pthread_t thread;

    /* Under the session lock. */
    Device   *dev;                  /* NULL once detached                    */
    int       kerr;                 /* operator error until Reset            */

    /* Set by the device callbacks, taken by the window thread. */
    atomic_bool dirty;              /* copy the screen and draw again        */
    atomic_bool guest_wrote;        /* the logo is gone                      */
    atomic_bool wake_pending;       /* a wake-up event is in the queue       */

    /* Under mu: the thread's state and requests from other threads. */
    pthread_mutex_t mu;
    pthread_cond_t  cv;
    int       state;
    bool      quit;
    char      err[256];             /* why the start failed                  */
    bool      shot_pending;
    char      shot_path[1024];
    int       shot_rc;
    char      shot_msg[1024];
    unsigned  sync_seq, sync_done;
    int       resize_w, resize_h;   /* `sdl resize`: as if the user did     */
    char      status[300];          /* for `sdl` without operands            */
    Uint32    ev_type;              /* the user event, once registered       */
    Uint32    win_id;

    /* The window thread only. */
    SDL_Window   *win;
    SDL_Renderer *ren;
    TTF_Font     *font;
    const char   *font_path;
    int           pt, cw, ch;       /* font size, cell width and height      */
    int           rows, cols;       /* the screen size the window is laid out for */
    int           x0, y0;           /* where the screen is in the window     */
    int           oia_y;            /* ... and the status line               */
    SDL_Texture  *glyph[256];       /* white, by EBCDIC code                 */
    bool          glyph_done[256];
    bool          connected;
    bool          held;             /* the device holds status: retry soon   */
    int           shown_kerr;
    bool          suppress_text;    /* the key just mapped had Ctrl or Alt   */
    Uint32        bell_until;
    Screen        view;             /* the device's Screen, copied           */
    Screen        logo;             /* until the guest writes                */
    CellLook      looks[DS_MAX_CELLS];
    uint8_t       inbound[16384];   /* what an attention key sends           */
} Win;

/* SDL's video subsystem is process-wide: one window per process. */
static pthread_mutex_t win_mu = PTHREAD_MUTEX_INITIALIZER;
static Win *the_win;

static const char *const font_files[] = {
    "/usr/share/fonts/truetype/3270/3270-Regular.ttf",     /* Debian fonts-3270 */
    "/usr/share/fonts/opentype/3270/3270-Regular.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", /* fonts-dejavu-core */
    "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
};

/* ---- Waking the window thread (any thread) --------------------------------------- */

/* Push the window's user event; mu held.  Only while the thread runs:
 * SDL is shut down once it has ended. */
static bool push_locked(Win *w, int code, unsigned data)
{
    if (w->state != W_RUNNING)
        return false;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = w->ev_type;
    e.user.code = code;
    e.user.data1 = (void *)(uintptr_t)data;
    return SDL_PushEvent(&e) == 1;
}

static void wake(Win *w)
{
    pthread_mutex_lock(&w->mu);
    /* One wake-up in the queue is enough (a guest may write very often). */
    if (!atomic_load(&w->wake_pending) && push_locked(w, EV_WAKE, 0))
        atomic_store(&w->wake_pending, true);
    pthread_mutex_unlock(&w->mu);
}

/* ---- The device's callbacks (session lock held) ------------------------------------ */

static void term_outbound(void *ctx, const uint8_t *data, size_t len)
{
    Win *w = ctx;
    atomic_store(&w->guest_wrote, true);
    atomic_store(&w->dirty, true);
    wake(w);
}

static void term_detached(void *ctx)
{
    Win *w = ctx;
    w->dev = NULL;
    atomic_store(&w->dirty, true);
    wake(w);
}

/* ---- The logo ------------------------------------------------------------------------ */

/* A protected line of text at (row, col) in a small outbound stream. */
static size_t logo_line(uint8_t *b, size_t n, size_t max, int row, int col, uint8_t attr,
                        const char *text)
{
    uint8_t a[2];
    if (n + 6 + 80 > max)
        return n;
    b[n++] = ORD_SBA;
    ds_addr_encode((unsigned)(row * DS_DEFAULT_COLS + col - 1), DS_DEFAULT_ROWS * DS_DEFAULT_COLS, a);
    b[n++] = a[0];
    b[n++] = a[1];
    b[n++] = ORD_SF;
    b[n++] = ds_code(FA_PROTECTED | attr);
    size_t len = strlen(text);
    if (len > (size_t)(DS_DEFAULT_COLS - 1 - col))
        len = (size_t)(DS_DEFAULT_COLS - 1 - col);
    n += utf8_to_ebcdic(text, len, b + n, max - n);
    return n;
}

/* What the window shows from the attach until the guest writes: which
 * display this is and the key map. */
static void make_logo(Screen *s, uint16_t devnum, int model, bool color)
{
    static const char *const keys[] = {
        "Enter, keypad Enter   Enter         Shift+Enter      New line",
        "F1 - F12              PF1 - PF12    Shift+F1 - F12   PF13 - PF24",
        "Alt+1, Alt+2, Alt+3   PA1 - PA3     Page Up, Down    PF7, PF8",
        "Esc, Pause            Clear         Ctrl+R           Reset",
        "Tab                   Next field    Shift+Tab        Previous field",
        "End, Ctrl+E           Erase EOF     Ctrl+End         Erase input",
        "Insert                Insert mode   Home             First field",
    };
    static const int rows[6] = { 24, 24, 24, 32, 43, 27 }, cols[6] = { 80, 80, 80, 80, 80, 132 };
    uint8_t b[2048];
    size_t n = 0;
    char line[100];
    b[n++] = DS_CMD_EW;
    b[n++] = ds_code(0);
    n = logo_line(b, n, sizeof b, 1, 31, FA_INTENSE, "i n t e r p e x");
    snprintf(line, sizeof line, "3270 display %04X, model %d (%d x %d), %s", devnum, model,
             rows[model], cols[model], color ? "colour" : "monochrome");
    n = logo_line(b, n, sizeof b, 3, 12, 0, line);
    n = logo_line(b, n, sizeof b, 5, 4, FA_INTENSE,
                  "This display is ready; the program on the machine has not written to it.");
    for (int i = 0; i < 7; i++)
        n = logo_line(b, n, sizeof b, 8 + i, 7, 0, keys[i]);
    n = logo_line(b, n, sizeof b, 18, 4, 0,
                  "Operator commands: on the terminal where interpex runs (help).");
    n = logo_line(b, n, sizeof b, 19, 4, 0,
                  "Closing this window frees the display; sdl open shows it again.");
    ds_init(s, model, color);
    ds_outbound(s, b, n, -1, NULL);
}

/* ---- Fonts and the layout (window thread) ------------------------------------------ */

static void drop_glyphs(Win *w)
{
    for (int i = 0; i < 256; i++) {
        if (w->glyph[i])
            SDL_DestroyTexture(w->glyph[i]);
        w->glyph[i] = NULL;
        w->glyph_done[i] = false;
    }
}

static int set_font_size(Win *w, int pt)
{
    if (TTF_SetFontSize(w->font, pt))
        return -1;
    int minx, maxx, miny, maxy, adv;
    w->pt = pt;
    if (TTF_GlyphMetrics32(w->font, 'M', &minx, &maxx, &miny, &maxy, &adv) || adv <= 0)
        adv = (TTF_FontHeight(w->font) + 1) / 2;
    w->cw = adv;
    w->ch = TTF_FontHeight(w->font);
    if (TTF_FontLineSkip(w->font) > w->ch)
        w->ch = TTF_FontLineSkip(w->font);
    drop_glyphs(w);
    return 0;
}

static int open_font(Win *w, char *err, size_t errlen)
{
    const char *env = getenv("INTERPEX_FONT");
    if (env && *env && (w->font = TTF_OpenFont(env, w->pt)) != NULL) {
        w->font_path = env;
    } else {
        for (size_t i = 0; i < sizeof font_files / sizeof font_files[0] && !w->font; i++)
            if ((w->font = TTF_OpenFont(font_files[i], w->pt)) != NULL)
                w->font_path = font_files[i];
    }
    if (!w->font) {
        snprintf(err, errlen, "no font: neither the 3270 font (Debian fonts-3270) nor "
                 "DejaVu Sans Mono (fonts-dejavu-core) is installed");
        return -1;
    }
    return set_font_size(w, w->pt);
}

/* The window size the screen needs, margins included. */
static void grid_size(const Win *w, int *gw, int *gh)
{
    *gw = w->cols * w->cw + 2 * MARGIN;
    *gh = (w->rows + 1) * w->ch + OIA_GAP + 2 * MARGIN;
}

static void note_status(Win *w)
{
    pthread_mutex_lock(&w->mu);
    snprintf(w->status, sizeof w->status, "3270 %04X, %d x %d, font %s %d pt (cell %d x %d)",
             w->devnum, w->rows, w->cols, w->font_path, w->pt, w->cw, w->ch);
    pthread_mutex_unlock(&w->mu);
}

/* The largest font size whose screen fits a window of W x H pixels. */
static void fit_font(Win *w, int W, int H)
{
    int gw, gh, pt = w->pt;
    grid_size(w, &gw, &gh);
    if (gw > W || gh > H) {
        while (pt > FONT_PT_MIN) {
            set_font_size(w, --pt);
            grid_size(w, &gw, &gh);
            if (gw <= W && gh <= H)
                break;
        }
    } else {
        while (pt < FONT_PT_MAX) {
            set_font_size(w, pt + 1);
            grid_size(w, &gw, &gh);
            if (gw > W || gh > H) {
                set_font_size(w, pt);
                break;
            }
            pt++;
        }
    }
    note_status(w);
}

/* The screen changed size: the window follows, at the same font size
 * unless the display is too small for it. */
static void follow_geometry(Win *w, int rows, int cols)
{
    w->rows = rows;
    w->cols = cols;
    int gw, gh;
    grid_size(w, &gw, &gh);
    SDL_Rect ub;
    int di = w->win ? SDL_GetWindowDisplayIndex(w->win) : 0;
    if (SDL_GetDisplayUsableBounds(di < 0 ? 0 : di, &ub) == 0) {
        while ((gw > ub.w || gh > ub.h) && w->pt > FONT_PT_MIN) {
            set_font_size(w, w->pt - 1);
            grid_size(w, &gw, &gh);
        }
    }
    if (w->win)
        SDL_SetWindowSize(w->win, gw, gh);
    note_status(w);
}

/* ---- Drawing (window thread) --------------------------------------------------------- */

static SDL_Texture *glyph(Win *w, uint8_t e)
{
    if (w->glyph_done[e])
        return w->glyph[e];
    w->glyph_done[e] = true;
    char u[4];
    unsigned n = ebcdic_to_utf8(e, u);
    if (n == 0 || (n == 1 && u[0] == ' ') || (uint8_t)cp037_to_latin1[e] == 0xA0)
        return NULL;
    u[n] = 0;
    SDL_Color white = { 255, 255, 255, 255 };
    SDL_Surface *sf = TTF_RenderUTF8_Blended(w->font, u, white);
    if (!sf)
        return NULL;
    w->glyph[e] = SDL_CreateTextureFromSurface(w->ren, sf);
    SDL_FreeSurface(sf);
    if (w->glyph[e])
        SDL_SetTextureBlendMode(w->glyph[e], SDL_BLENDMODE_BLEND);
    return w->glyph[e];
}

static void fill(Win *w, int x, int y, int wd, int ht, uint32_t rgb)
{
    SDL_SetRenderDrawColor(w->ren, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
    SDL_Rect r = { x, y, wd, ht };
    SDL_RenderFillRect(w->ren, &r);
}

static void draw_char(Win *w, int x, int y, uint8_t e, uint32_t rgb)
{
    SDL_Texture *t = glyph(w, e);
    if (!t)
        return;
    int tw, th;
    SDL_QueryTexture(t, NULL, NULL, &tw, &th);
    SDL_Rect src = { 0, 0, tw < w->cw ? tw : w->cw, th < w->ch ? th : w->ch };
    SDL_Rect dst = { x, y, src.w, src.h };
    SDL_SetTextureColorMod(t, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb);
    SDL_RenderCopy(w->ren, t, &src, &dst);
}

static void draw_oia(Win *w, int y)
{
    OiaInput in = {
        .devnum = w->devnum, .connected = w->connected,
        .guest_wrote = atomic_load(&w->guest_wrote), .kerr = w->shown_kerr,
    };
    Oia o;
    sdlwin_oia(&w->view, &in, &o);
    uint32_t base = sdlwin_rgb(COL_BLUE), msg = sdlwin_rgb(o.msg_error ? COL_RED : COL_WHITE);
    int cw = w->cw, ch = w->ch, line = ch / 12 > 0 ? ch / 12 : 1;
    uint32_t sep = SDL_TICKS_PASSED(SDL_GetTicks(), w->bell_until) ? base : sdlwin_rgb(COL_YELLOW);
    fill(w, w->x0, y - (OIA_GAP + 1) / 2, w->cols * cw, 1, sep);
    /* "4" in reverse, "A" underlined, the box (or "?" in reverse). */
    fill(w, w->x0, y, cw, ch, base);
    draw_char(w, w->x0, y, latin1_to_cp037['4'], 0);
    if (!o.aid_pending) {
        draw_char(w, w->x0 + cw, y, latin1_to_cp037['A'], base);
        fill(w, w->x0 + cw, y + ch - line, cw, line, base);
    }
    if (o.ready) {
        fill(w, w->x0 + 2 * cw + cw / 6, y + ch / 4, cw - cw / 3, ch / 2, base);
    } else {
        fill(w, w->x0 + 2 * cw, y, cw, ch, base);
        draw_char(w, w->x0 + 2 * cw, y, latin1_to_cp037['?'], 0);
    }
    int n = (int)strlen(o.text);
    for (int c = 3; c < n && c < w->cols; c++) {
        bool in_msg = o.msg_len && c >= o.msg_col && c < o.msg_col + o.msg_len;
        draw_char(w, w->x0 + c * cw, y, latin1_to_cp037[(uint8_t)o.text[c]], in_msg ? msg : base);
    }
}

static void draw_frame(Win *w)
{
    int W, H;
    SDL_GetRendererOutputSize(w->ren, &W, &H);
    SDL_SetRenderDrawColor(w->ren, 0, 0, 0, 255);
    SDL_RenderClear(w->ren);

    bool logo = w->connected && !atomic_load(&w->guest_wrote);
    const Screen *sc = logo ? &w->logo : &w->view;
    int gw, gh;
    grid_size(w, &gw, &gh);
    w->x0 = (W > gw ? (W - gw) / 2 : 0) + MARGIN;
    w->y0 = (H > gh ? (H - gh) / 2 : 0) + MARGIN;
    sdlwin_looks(sc, w->looks);

    int cw = w->cw, ch = w->ch;
    int line = ch / 12 > 0 ? ch / 12 : 1;
    bool blink_on = (SDL_GetTicks() / 500) % 2 == 0;
    unsigned cells = ds_cells(sc), cur = sc->cursor % cells;
    bool cursor = w->connected && !logo;
    for (unsigned p = 0; p < cells; p++) {
        const CellLook *l = &w->looks[p];
        int x = w->x0 + (int)(p % (unsigned)sc->cols) * cw;
        int y = w->y0 + (int)(p / (unsigned)sc->cols) * ch;
        uint32_t fg = sdlwin_rgb(l->fg), bg = sdlwin_rgb(l->bg), t;
        bool block = cursor && p == cur && !sc->insert;
        if (l->reverse != block)
            t = fg, fg = bg, bg = t;
        if (bg)
            fill(w, x, y, cw, ch, bg);
        if (l->ch && !(l->blink && !blink_on))
            draw_char(w, x, y, l->ch, fg);
        if (l->underscore)
            fill(w, x, y + ch - line, cw, line, fg);
        if (cursor && p == cur && sc->insert) {
            int bar = ch / 6 > 2 ? ch / 6 : 2;
            fill(w, x, y + ch - bar, cw, bar, sdlwin_rgb(l->fg));
        }
    }
    w->oia_y = w->y0 + sc->rows * ch + OIA_GAP;
    draw_oia(w, w->oia_y);
}

/* ---- The screen and the keys (window thread, session lock taken here) ---------------- */

/* Copy the device's screen (and retry its held status, take its alarm). */
static void snapshot(Win *w)
{
    session_lock(w->s);
    w->connected = w->dev != NULL;
    if (w->dev) {
        Screen *sc = dev3270_screen(w->dev);
        w->held = dev3270_poll(w->dev);   /* held status: try again */
        if (sc->alarm) {
            sc->alarm = false;
            w->bell_until = SDL_GetTicks() + 300;
        }
        memcpy(&w->view, sc, sizeof w->view);
    }
    w->shown_kerr = w->kerr;
    session_unlock(w->s);
}

static int key_error(int rc)
{
    return rc == KEY_OK || rc == KEY_LOCKED ? 0 : rc;
}

static void do_key(Win *w, WinKey k)
{
    session_lock(w->s);
    Device *d = w->dev;
    if (d) {
        Screen *sc = dev3270_screen(d);
        /* Over the logo only the attention keys and Reset work: what the
         * operator sees is not the device's buffer. */
        bool logo = !atomic_load(&w->guest_wrote);
        if (k.action == WA_RESET) {
            ds_key_reset(sc);
            w->kerr = 0;
        } else if (w->kerr) {
            /* An operator error holds the keyboard until Reset. */
        } else if (k.action == WA_AID) {
            if (ds_key_aid(sc, k.aid, w->inbound, sizeof w->inbound) > 0)
                dev3270_attention(d);
        } else if (!logo) {
            switch (k.action) {
            case WA_TAB:         ds_key_tab(sc); break;
            case WA_BACKTAB:     ds_key_backtab(sc); break;
            case WA_HOME:        ds_key_home(sc); break;
            case WA_NEWLINE:     ds_key_newline(sc); break;
            case WA_LEFT:        ds_key_move(sc, 0, -1); break;
            case WA_RIGHT:       ds_key_move(sc, 0, 1); break;
            case WA_UP:          ds_key_move(sc, -1, 0); break;
            case WA_DOWN:        ds_key_move(sc, 1, 0); break;
            case WA_BACKSPACE:   w->kerr = key_error(ds_key_backspace(sc)); break;
            case WA_DELETE:      w->kerr = key_error(ds_key_delete(sc)); break;
            case WA_ERASE_EOF:   w->kerr = key_error(ds_key_erase_eof(sc)); break;
            case WA_ERASE_INPUT: ds_key_erase_input(sc); break;
            case WA_INSERT:      if (!sc->kbd_locked) ds_key_insert(sc); break;
            default:             break;
            }
        }
    }
    session_unlock(w->s);
    atomic_store(&w->dirty, true);
}

static void do_text(Win *w, const char *utf8)
{
    uint8_t e[64];
    size_t n = utf8_to_ebcdic(utf8, strlen(utf8), e, sizeof e);
    session_lock(w->s);
    if (w->dev && !w->kerr && atomic_load(&w->guest_wrote)) {
        Screen *sc = dev3270_screen(w->dev);
        for (size_t i = 0; i < n; i++) {
            int rc = ds_key_char(sc, e[i]);
            if (rc != KEY_OK) {
                w->kerr = key_error(rc);
                break;
            }
        }
    }
    session_unlock(w->s);
    atomic_store(&w->dirty, true);
}

/* One event; true when the window is to close. */
static bool handle(Win *w, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        return true;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE)
            return true;
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            int W, H;
            SDL_GetRendererOutputSize(w->ren, &W, &H);
            fit_font(w, W, H);
        }
        atomic_store(&w->dirty, true);
        return false;
    case SDL_KEYDOWN: {
        WinKey k = sdlwin_map_key(e->key.keysym.sym, e->key.keysym.mod);
        /* Alt+1 is PA1, not also the text "1". */
        w->suppress_text = k.action != WA_NONE && (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT));
        if (k.action != WA_NONE)
            do_key(w, k);
        return false;
    }
    case SDL_TEXTINPUT:
        if (w->suppress_text)
            w->suppress_text = false;
        else
            do_text(w, e->text.text);
        return false;
    default:
        if (e->type == w->ev_type) {
            if (e->user.code == EV_WAKE) {
                atomic_store(&w->wake_pending, false);
            } else if (e->user.code == EV_SYNC) {
                pthread_mutex_lock(&w->mu);
                w->sync_done = (unsigned)(uintptr_t)e->user.data1;
                pthread_cond_broadcast(&w->cv);
                pthread_mutex_unlock(&w->mu);
            }
        }
        return false;
    }
}

/* Draw a frame, read it back and save it as a BMP file. */
static int screenshot(Win *w, const char *path, char *msg, size_t msglen)
{
    int W, H;
    SDL_GetRendererOutputSize(w->ren, &W, &H);
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 24, SDL_PIXELFORMAT_RGB24);
    if (!sf) {
        snprintf(msg, msglen, "out of memory for a %d x %d picture", W, H);
        return -1;
    }
    draw_frame(w);
    int rc = SDL_RenderReadPixels(w->ren, NULL, SDL_PIXELFORMAT_RGB24, sf->pixels, sf->pitch);
    SDL_RenderPresent(w->ren);
    if (rc == 0)
        rc = SDL_SaveBMP(sf, path);
    if (rc)
        snprintf(msg, msglen, "%.300s: %s", path, SDL_GetError());
    else
        snprintf(msg, msglen, "%.300s: %d x %d pixels, screen at %d,%d, cell %d x %d, "
                 "%d rows x %d columns, status line at %d, font %.300s %d pt", path, W, H,
                 w->x0, w->y0, w->cw, w->ch, w->rows, w->cols, w->oia_y, w->font_path, w->pt);
    SDL_FreeSurface(sf);
    return rc ? -1 : 0;
}

/* ---- The window thread ------------------------------------------------------------- */

static int win_init(Win *w, char *err, size_t errlen)
{
    /* interpex handles SIGINT and SIGTERM itself. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    /* A window on X11 or Wayland, not SDL's fallbacks (the console's
     * KMS/DRM, an offscreen surface); SDL_VIDEODRIVER still decides. */
    const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    bool has_x11 = x11 && *x11, has_wl = wl && *wl;
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, has_x11 && has_wl ? "x11,wayland" :
                            has_x11 ? "x11" : "wayland", SDL_HINT_DEFAULT);
    if (SDL_Init(SDL_INIT_VIDEO)) {
        snprintf(err, errlen, "SDL cannot open the display: %s", SDL_GetError());
        return -1;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!getenv("SDL_VIDEODRIVER") && (!driver || (strcmp(driver, "x11") && strcmp(driver, "wayland")))) {
        snprintf(err, errlen, "SDL found no X11 or Wayland display (video driver %s)",
                 driver ? driver : "none");
        return -1;
    }
    if (TTF_Init()) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    w->pt = FONT_PT_DEFAULT;
    if (open_font(w, err, errlen))
        return -1;
    Uint32 ev = SDL_RegisterEvents(1);
    if (ev == (Uint32)-1) {
        snprintf(err, errlen, "SDL: no user event left");
        return -1;
    }
    follow_geometry(w, w->logo.rows, w->logo.cols);
    int gw, gh;
    grid_size(w, &gw, &gh);
    char title[64];
    snprintf(title, sizeof title, "interpex 3270 %04X", w->devnum);
    w->win = SDL_CreateWindow(title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, gw, gh,
                              SDL_WINDOW_RESIZABLE);
    if (!w->win) {
        snprintf(err, errlen, "SDL cannot open a window: %s", SDL_GetError());
        return -1;
    }
    w->ren = SDL_CreateRenderer(w->win, -1, 0);
    if (!w->ren)
        w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    if (!w->ren) {
        snprintf(err, errlen, "SDL cannot draw in its window: %s", SDL_GetError());
        return -1;
    }
    SDL_StartTextInput();
    pthread_mutex_lock(&w->mu);
    w->ev_type = ev;
    w->win_id = SDL_GetWindowID(w->win);
    pthread_mutex_unlock(&w->mu);
    return 0;
}

static void win_fini(Win *w)
{
    drop_glyphs(w);
    if (w->ren)
        SDL_DestroyRenderer(w->ren);
    if (w->win)
        SDL_DestroyWindow(w->win);
    if (w->font)
        TTF_CloseFont(w->font);
    w->ren = NULL, w->win = NULL, w->font = NULL;
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

static void *win_thread(void *arg)
{
    Win *w = arg;
    char err[256];
    if (win_init(w, err, sizeof err)) {
        pthread_mutex_lock(&w->mu);
        snprintf(w->err, sizeof w->err, "%s", err);
        w->state = W_FAILED;
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
        win_fini(w);
        return NULL;
    }
    pthread_mutex_lock(&w->mu);
    w->state = W_RUNNING;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);

    Uint32 last = 0;
    bool closed = false;
    for (;;) {
        SDL_Event e;
        bool draw = false;
        for (int got = SDL_WaitEventTimeout(&e, TICK_MS); got && !closed; got = SDL_PollEvent(&e))
            closed = handle(w, &e);
        pthread_mutex_lock(&w->mu);
        bool quit = w->quit, shot = w->shot_pending;
        char path[sizeof w->shot_path];
        snprintf(path, sizeof path, "%s", w->shot_path);
        int rw = w->resize_w, rh = w->resize_h;
        w->resize_w = w->resize_h = 0;
        pthread_mutex_unlock(&w->mu);
        if (quit || closed)
            break;
        if (rw > 0 && rh > 0) {
            SDL_SetWindowSize(w->win, rw, rh);
            fit_font(w, rw, rh);
            atomic_store(&w->dirty, true);
        }

        Uint32 now = SDL_GetTicks();
        if (atomic_exchange(&w->dirty, false) || now - last >= REFRESH_MS || shot || w->held) {
            snapshot(w);
            last = now;
            draw = true;
        }
        const Screen *sc = w->connected && !atomic_load(&w->guest_wrote) ? &w->logo : &w->view;
        if (sc->rows != w->rows || sc->cols != w->cols)
            follow_geometry(w, sc->rows, sc->cols);
        if (shot) {
            char msg[sizeof w->shot_msg];
            int rc = screenshot(w, path, msg, sizeof msg);
            pthread_mutex_lock(&w->mu);
            w->shot_rc = rc;
            snprintf(w->shot_msg, sizeof w->shot_msg, "%s", msg);
            w->shot_pending = false;
            pthread_cond_broadcast(&w->cv);
            pthread_mutex_unlock(&w->mu);
        } else if (draw) {
            draw_frame(w);
            SDL_RenderPresent(w->ren);
        }
    }

    session_lock(w->s);
    if (w->dev)
        dev3270_detach(w->dev);
    w->dev = NULL;
    session_unlock(w->s);
    pthread_mutex_lock(&w->mu);
    w->state = W_ENDED;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    if (closed)
        session_log(w->s, "SDL window closed: %04X is free (sdl open %04X shows it again)",
                    w->devnum, w->devnum);
    win_fini(w);
    return NULL;
}

/* ---- Opening and closing (the operator's thread) ------------------------------------ */

static void win_free(Win *w)
{
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
}

/* End the thread of w (taken out of the_win) and free it. */
static void win_end(Win *w)
{
    session_lock(w->s);
    if (w->dev)
        dev3270_detach(w->dev);
    w->dev = NULL;
    session_unlock(w->s);
    pthread_mutex_lock(&w->mu);
    w->quit = true;
    push_locked(w, EV_WAKE, 0);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    win_free(w);
}

/* Wait on w->cv until `done` says so, the thread ends, or REQUEST_SECS;
 * mu held. */
static bool wait_for(Win *w, bool (*done)(Win *, unsigned), unsigned arg)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += REQUEST_SECS;
    while (!done(w, arg) && (w->state == W_STARTING || w->state == W_RUNNING))
        if (pthread_cond_timedwait(&w->cv, &w->mu, &until))
            break;
    return done(w, arg);
}

static bool started(Win *w, unsigned arg) { return w->state != W_STARTING; }
static bool shot_taken(Win *w, unsigned arg) { return !w->shot_pending; }
static bool synced(Win *w, unsigned seq) { return (int)(w->sync_done - seq) >= 0; }

/* The window of session s, if its thread runs (the_win taken). */
static Win *running(Session *s)
{
    pthread_mutex_lock(&win_mu);
    Win *w = the_win && the_win->s == s ? the_win : NULL;
    pthread_mutex_unlock(&win_mu);
    if (w) {
        pthread_mutex_lock(&w->mu);
        bool on = w->state == W_RUNNING;
        pthread_mutex_unlock(&w->mu);
        if (!on)
            w = NULL;
    }
    return w;
}

static Device *free_3270(Machine *m, int devnum, char *err, size_t errlen)
{
    if (devnum >= 0) {
        Device *d = css_find_device(m, (uint16_t)devnum);
        if (!d)
            snprintf(err, errlen, "there is no device %04X", (unsigned)devnum);
        else if (!dev_is_3270(d))
            snprintf(err, errlen, "device %04X is not a 3270 display", (unsigned)devnum);
        else if (dev3270_attached(d))
            snprintf(err, errlen, "3270 %04X is in use", (unsigned)devnum);
        else
            return d;
        return NULL;
    }
    for (unsigned i = 0; i < m->ndevices; i++) {
        Device *d = m->devices[i];
        if (d && dev_is_3270(d) && !dev3270_attached(d))
            return d;
    }
    snprintf(err, errlen, "no 3270 display is free");
    return NULL;
}

int sdlwin_open(Session *s, int devnum, char *err, size_t errlen)
{
    if (!sdlwin_display_present(err, errlen))
        return -1;
    pthread_mutex_lock(&win_mu);
    Win *old = the_win;
    bool ended = true;
    if (old) {
        pthread_mutex_lock(&old->mu);
        ended = old->state == W_ENDED;
        pthread_mutex_unlock(&old->mu);
    }
    if (!ended) {
        snprintf(err, errlen, "a window is open already, on %04X (one per process)", old->devnum);
        pthread_mutex_unlock(&win_mu);
        return -1;
    }
    the_win = NULL;
    pthread_mutex_unlock(&win_mu);
    if (old)
        win_end(old);                 /* closed by its user: reap it */

    Win *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    w->s = s;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    session_lock(s);
    Device *d = free_3270(session_machine(s), devnum, err, errlen);
    if (d) {
        w->devnum = d->devnum;
        make_logo(&w->logo, d->devnum, dev3270_model(d), dev3270_screen(d)->color);
        memcpy(&w->view, dev3270_screen(d), sizeof w->view);
    }
    session_unlock(s);
    if (!d) {
        win_free(w);
        return -1;
    }

    /* The thread gets no signals: they are the main thread's. */
    sigset_t all, old_mask;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old_mask);
    int rc = pthread_create(&w->thread, NULL, win_thread, w);
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    if (rc) {
        snprintf(err, errlen, "cannot start the window's thread");
        win_free(w);
        return -1;
    }
    pthread_mutex_lock(&w->mu);
    wait_for(w, started, 0);
    bool ok = w->state == W_RUNNING;
    if (!ok)
        snprintf(err, errlen, "%s", w->state == W_STARTING ? "SDL does not answer" : w->err);
    pthread_mutex_unlock(&w->mu);
    if (!ok) {
        win_end(w);
        return -1;
    }

    session_lock(s);
    d = free_3270(session_machine(s), w->devnum, err, errlen);
    if (d) {
        Terminal t = { .ctx = w, .model = 0, .outbound = term_outbound,
                       .detached = term_detached };
        atomic_store(&w->guest_wrote, false);
        w->dev = d;
        dev3270_attach(d, &t);
        dev3270_poll(d);
    }
    session_unlock(s);
    if (!d) {
        win_end(w);
        return -1;
    }
    atomic_store(&w->dirty, true);
    wake(w);
    pthread_mutex_lock(&win_mu);
    the_win = w;
    pthread_mutex_unlock(&win_mu);
    session_log(s, "SDL window on 3270 %04X (font %s)", w->devnum, w->font_path);
    return 0;
}

void sdlwin_close(Session *s)
{
    pthread_mutex_lock(&win_mu);
    Win *w = the_win && the_win->s == s ? the_win : NULL;
    if (w)
        the_win = NULL;
    pthread_mutex_unlock(&win_mu);
    if (w)
        win_end(w);
}

/* ---- The operator command ------------------------------------------------------------- */

static int request_shot(Win *w, const char *path, char *msg, size_t msglen)
{
    pthread_mutex_lock(&w->mu);
    snprintf(w->shot_path, sizeof w->shot_path, "%s", path);
    w->shot_pending = true;
    push_locked(w, EV_WAKE, 0);
    int rc = -1;
    if (wait_for(w, shot_taken, 0)) {
        rc = w->shot_rc;
        snprintf(msg, msglen, "%s", w->shot_msg);
    } else {
        w->shot_pending = false;
        snprintf(msg, msglen, "the window did not answer");
    }
    pthread_mutex_unlock(&w->mu);
    return rc;
}

/* Wait until the window thread has handled every event pushed so far. */
static int sync_window(Win *w, Session *s)
{
    pthread_mutex_lock(&w->mu);
    unsigned seq = ++w->sync_seq;
    push_locked(w, EV_SYNC, seq);
    bool ok = wait_for(w, synced, seq);
    pthread_mutex_unlock(&w->mu);
    if (!ok)
        session_print(s, "sdl: the window did not answer (closed?)");
    return ok ? 0 : -1;
}

/* "Shift+F1", "Ctrl+E", "Alt+1", "Return": SDL key names with modifiers. */
static bool parse_key(const char *name, SDL_Keycode *sym, Uint16 *mod)
{
    static const struct { const char *prefix; Uint16 mod; } mods[] = {
        { "Shift+", KMOD_LSHIFT }, { "Ctrl+", KMOD_LCTRL }, { "Alt+", KMOD_LALT },
    };
    *mod = 0;
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
            size_t n = strlen(mods[i].prefix);
            if (!strncasecmp(name, mods[i].prefix, n) && name[n]) {
                *mod |= mods[i].mod;
                name += n;
                more = true;
            }
        }
    }
    *sym = SDL_GetKeyFromName(name);
    return *sym != SDLK_UNKNOWN;
}

static int push_keys(Win *w, int n, char **names, char *err, size_t errlen)
{
    SDL_Keycode sym[OP_MAX_ARGS];
    Uint16 mod[OP_MAX_ARGS];
    for (int i = 0; i < n; i++)
        if (!parse_key(names[i], &sym[i], &mod[i])) {
            snprintf(err, errlen, "unknown key %s (SDL key names, as Return, F1, Tab, "
                     "Escape, Left, with Shift+, Ctrl+, Alt+)", names[i]);
            return -1;
        }
    pthread_mutex_lock(&w->mu);
    for (int i = 0; i < n && w->state == W_RUNNING; i++) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_KEYDOWN;
        e.key.windowID = w->win_id;
        e.key.state = SDL_PRESSED;
        e.key.keysym.sym = sym[i];
        e.key.keysym.scancode = SDL_GetScancodeFromKey(sym[i]);
        e.key.keysym.mod = mod[i];
        SDL_PushEvent(&e);
    }
    pthread_mutex_unlock(&w->mu);
    return 0;
}

static void push_text(Win *w, const char *text)
{
    pthread_mutex_lock(&w->mu);
    size_t len = strlen(text), i = 0;
    while (i < len && w->state == W_RUNNING) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        e.text.windowID = w->win_id;
        /* Up to 24 bytes, cut between UTF-8 characters. */
        size_t k = len - i < 24 ? len - i : 24;
        while (k > 1 && i + k < len && ((uint8_t)text[i + k] & 0xC0) == 0x80)
            k--;
        memcpy(e.text.text, text + i, k);
        SDL_PushEvent(&e);
        i += k;
    }
    pthread_mutex_unlock(&w->mu);
}

int sdlwin_command(Session *s, int argc, char **argv)
{
    char msg[1100];
    const char *sub = argc > 1 ? argv[1] : "status";
    Win *w = running(s);
    if (!strcasecmp(sub, "status") && argc <= 2) {
        if (w) {
            pthread_mutex_lock(&w->mu);
            session_print(s, "sdl: window on %s", w->status);
            pthread_mutex_unlock(&w->mu);
        } else if (sdlwin_display_present(msg, sizeof msg)) {
            session_print(s, "sdl: no window (sdl open [DEVNUM] opens one)");
        } else {
            session_print(s, "sdl: no window: %s", msg);
        }
        return 0;
    }
    if (!strcasecmp(sub, "open") && argc <= 3) {
        uint16_t devnum = 0;
        if (argc == 3 && !op_parse_devnum(argv[2], &devnum)) {
            session_print(s, "sdl: %s is not a device number", argv[2]);
            return -1;
        }
        if (sdlwin_open(s, argc == 3 ? devnum : -1, msg, sizeof msg)) {
            session_print(s, "sdl: %s", msg);
            return -1;
        }
        return 0;
    }
    if (!strcasecmp(sub, "close") && argc == 2) {
        if (!w) {
            session_print(s, "sdl: no window is open");
            sdlwin_close(s);              /* one its user closed: reap it */
            return -1;
        }
        sdlwin_close(s);
        session_print(s, "sdl: window closed");
        return 0;
    }
    bool needs_window = !strcasecmp(sub, "screenshot") || !strcasecmp(sub, "key") ||
                        !strcasecmp(sub, "type") || !strcasecmp(sub, "resize");
    if (needs_window && argc >= 3 && !w) {
        session_print(s, "sdl: no window is open");
        return -1;
    }
    if (!strcasecmp(sub, "screenshot") && argc == 3) {
        int rc = request_shot(w, argv[2], msg, sizeof msg);
        session_print(s, "sdl: screenshot %s", msg);
        return rc;
    }
    if (!strcasecmp(sub, "resize") && argc == 4) {
        char *e1, *e2;
        long rw = strtol(argv[2], &e1, 10), rh = strtol(argv[3], &e2, 10);
        if (*e1 || *e2 || rw < 100 || rh < 100 || rw > 8192 || rh > 8192) {
            session_print(s, "sdl: expected sdl resize WIDTH HEIGHT (pixels, 100 to 8192)");
            return -1;
        }
        pthread_mutex_lock(&w->mu);
        w->resize_w = (int)rw;
        w->resize_h = (int)rh;
        push_locked(w, EV_WAKE, 0);
        pthread_mutex_unlock(&w->mu);
        return sync_window(w, s);
    }
    if (!strcasecmp(sub, "key") && argc >= 3) {
        if (push_keys(w, argc - 2, argv + 2, msg, sizeof msg)) {
            session_print(s, "sdl: %s", msg);
            return -1;
        }
        return sync_window(w, s);
    }
    if (!strcasecmp(sub, "type") && argc >= 3) {
        for (int i = 2; i < argc; i++) {
            push_text(w, argv[i]);
            if (i + 1 < argc)
                push_text(w, " ");
        }
        return sync_window(w, s);
    }
    session_print(s, "sdl: expected sdl [status | open [DEVNUM] | close | screenshot FILE.bmp | "
                  "resize WIDTH HEIGHT | key KEY... | type TEXT]");
    return -1;
}

#endif /* HAVE_SDL */
