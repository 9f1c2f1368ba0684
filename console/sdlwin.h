/*
 * sdlwin.h — the SDL2 window that shows one 3270 display of the machine.
 *
 * The window is a Terminal of a 3270 device (console/dev3270.h), as a
 * TN3270 connection is, but it draws the device's own Screen instead of
 * receiving the data stream: the guest writes, the Terminal's outbound
 * callback says "redraw", and the window copies the Screen under the
 * session lock and renders it with SDL2_ttf in the 3270 font (Debian
 * fonts-3270; DejaVu Sans Mono when it is missing), in the 3279's colours,
 * with the operator information area (OIA) below it.  Keys run the
 * keyboard model (ds_key_*) on the device's Screen; an attention key
 * presents attention to the guest.  Key map: docs/3270.md.
 *
 * The window runs in a thread of its own (sdlwin.c says why that is
 * enough on Linux).  SDL's video subsystem is process-wide: one window per
 * process.  Built when SDL2 and SDL2_ttf are found (HAVE_SDL, see the
 * Makefile); otherwise sdlwin_open() says so and the machine runs without
 * a window.
 *
 * The functions of the second half are pure (no SDL, no device): what a
 * screen position looks like, the palette, the OIA text and the key map,
 * for the window and the unit tests (tests/unit/test_sdlwin.c).
 */
#ifndef CONSOLE_SDLWIN_H
#define CONSOLE_SDLWIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console/ds3270.h"

typedef struct Session Session;

/* ---- The window ------------------------------------------------------------- */

/* Can a window be opened: built with SDL2, and DISPLAY or WAYLAND_DISPLAY
 * set?  If not, `why` says what is missing. */
bool sdlwin_display_present(char *why, size_t whylen);
/* Open the window on 3270 device `devnum` (-1: the first free 3270) and
 * attach it as the device's terminal.  0, or -1 with a message: no display,
 * SDL cannot start, no such free 3270, a window is open already. */
int  sdlwin_open(Session *s, int devnum, char *err, size_t errlen);
/* Close the window of this session, if any, and free its device.  Call it
 * before session_stop() and css_free(). */
void sdlwin_close(Session *s);
/* The operator command `sdl` (argv[0] is "sdl"): status, open [DEVNUM],
 * close, screenshot FILE.bmp, and for tests resize W H (as the user would),
 * key KEY... and type TEXT (synthetic keyboard events, through the same
 * path as real ones).  From the operator's thread.  0, or -1 after an
 * error message. */
int  sdlwin_command(Session *s, int argc, char **argv);

/* ---- Pure: the look of the screen --------------------------------------------- */

/* Colours are 3270 colour codes (GA23-0059, extended attribute X'42'):
 * X'F0'-X'FF'; two more for a monochrome 3278. */
#define COL_NEUTRAL     0xF0
#define COL_BLUE        0xF1
#define COL_RED         0xF2
#define COL_PINK        0xF3
#define COL_GREEN       0xF4
#define COL_TURQUOISE   0xF5
#define COL_YELLOW      0xF6
#define COL_WHITE       0xF7
#define COL_MONO        0x01        /* 3278: normal intensity           */
#define COL_MONO_BRIGHT 0x02        /* 3278: intensified                */
#define COL_BLACK       0x00        /* background: the screen's own     */

/* What one buffer position shows. */
typedef struct CellLook {
    uint8_t ch;             /* EBCDIC character to draw, 0 = nothing   */
    uint8_t fg, bg;         /* colour codes (bg COL_BLACK: none)        */
    bool    reverse, underscore, blink, intense;
} CellLook;

/* The look of every position of `s` (ds_cells(s) entries), in one pass:
 * field attribute and nulls blank, nondisplay fields blank, character
 * attributes (SA) over field attributes (SFE), and without an extended
 * colour the 3279's base colours: unprotected green, unprotected
 * intensified red, protected blue, protected intensified white. */
void     sdlwin_looks(const Screen *s, CellLook *out);
/* 0xRRGGBB of a colour code. */
uint32_t sdlwin_rgb(uint8_t colour);

/* The status line (operator information area), cols characters. */
typedef struct OiaInput {
    uint16_t devnum;
    bool     connected;     /* the window is the device's terminal      */
    bool     guest_wrote;   /* the guest has written since the attach   */
    int      kerr;          /* operator error (KEY_PROTECTED, KEY_NUMERIC,
                               KEY_OVERFLOW) until Reset; 0 none        */
} OiaInput;
typedef struct Oia {
    char text[DS_MAX_COLS + 1];   /* ISO 8859-1, NUL-terminated          */
    int  msg_col, msg_len;        /* the "X ..." message, if msg_len     */
    bool msg_error;               /* an operator error (shown red)       */
    bool ready;                   /* col 2: the solid box, else "?"      */
    bool aid_pending;             /* col 1: the "A" blanked             */
} Oia;
/* Layout (0-origin columns, M = cols): 0 "4", 1 "A", 2 box or "?",
 * 8 the message (X SYSTEM, X CLOCK, X Protected, X NUM, X Overflow,
 * X Not Connected), M-30 "INS" in insert mode, M-22 device and model
 * ("00C0 3279-2"), M-7 the cursor "rrr/ccc" (1-origin). */
void     sdlwin_oia(const Screen *s, const OiaInput *in, Oia *out);

/* ---- Pure: the key map ---------------------------------------------------------- */

typedef enum WinAction {
    WA_NONE, WA_AID, WA_TAB, WA_BACKTAB, WA_HOME, WA_NEWLINE,
    WA_LEFT, WA_RIGHT, WA_UP, WA_DOWN, WA_BACKSPACE, WA_DELETE,
    WA_ERASE_EOF, WA_ERASE_INPUT, WA_INSERT, WA_RESET,
} WinAction;
typedef struct WinKey {
    WinAction action;
    uint8_t   aid;          /* WA_AID: the AID byte                      */
} WinKey;
/* An SDL key (SDL_Keycode, SDL_Keymod bits) to a 3270 key; WA_NONE for
 * keys that are not 3270 keys (their text, if any, comes as text input).
 * Built with SDL only (the codes are SDL's); without it, always WA_NONE. */
WinKey   sdlwin_map_key(int32_t sym, uint16_t mod);

#endif
