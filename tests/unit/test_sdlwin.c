/*
 * test_sdlwin.c — the pure half of the SDL window (console/sdlview.c):
 * what each buffer position looks like (3279 base colours by field
 * intensity and protection, extended colours and highlighting, character
 * attributes over field attributes, nondisplay fields, monochrome 3278),
 * the palette, the operator information area and the key map.  The
 * window itself (SDL, the font, the pixels) is run-sdl-tests.sh's.
 *
 * Screens are made with real outbound streams (ds_outbound), as a guest
 * would write them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "console/codepage.h"
#include "console/sdlwin.h"
#include "tests/unit/testutil.h"

#ifdef HAVE_SDL
#include <SDL.h>
#endif

static Screen scr;
static CellLook look[DS_MAX_CELLS];

/* An outbound stream builder: SBA to (row, col), text in EBCDIC. */
typedef struct Stream {
    uint8_t b[512];
    size_t  n;
} Stream;

static void put(Stream *s, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s->b[s->n++] = (uint8_t)va_arg(ap, int);
    va_end(ap);
}

static void sba(Stream *s, int row, int col)
{
    uint8_t a[2];
    ds_addr_encode((unsigned)(row * scr.cols + col), ds_cells(&scr), a);
    put(s, 3, ORD_SBA, a[0], a[1]);
}

static void text(Stream *s, const char *t)
{
    s->n += utf8_to_ebcdic(t, strlen(t), s->b + s->n, sizeof s->b - s->n);
}

static void apply(Stream *s)
{
    CU_ASSERT_EQUAL(ds_outbound(&scr, s->b, s->n, -1, NULL), DS_OK);
    sdlwin_looks(&scr, look);
}

static const CellLook *at(int row, int col)
{
    return &look[row * scr.cols + col];
}

/* ---- Looks ------------------------------------------------------------------------ */

static void test_base_colours(void)
{
    ds_init(&scr, 2, true);
    Stream s = { .n = 0 };
    put(&s, 2, DS_CMD_EW, 0xC3);
    sba(&s, 0, 0);
    put(&s, 2, ORD_SF, ds_code(0));                          /* unprotected    */
    text(&s, "AB");
    put(&s, 2, ORD_SF, ds_code(FA_INTENSE));                 /* ... bright     */
    text(&s, "CD");
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED));               /* protected      */
    text(&s, "EF");
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED | FA_INTENSE));  /* ... bright     */
    text(&s, "GH");
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED | FA_NONDISPLAY));
    text(&s, "IJ");
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED));
    apply(&s);

    CU_ASSERT_EQUAL(at(0, 0)->ch, 0);                /* attribute: blank     */
    CU_ASSERT_EQUAL(at(0, 1)->ch, 0xC1);             /* A                     */
    CU_ASSERT_EQUAL(at(0, 1)->fg, COL_GREEN);
    CU_ASSERT_EQUAL(at(0, 2)->fg, COL_GREEN);
    CU_ASSERT_FALSE(at(0, 1)->intense);
    CU_ASSERT_EQUAL(at(0, 4)->ch, 0xC3);             /* C                     */
    CU_ASSERT_EQUAL(at(0, 4)->fg, COL_RED);
    CU_ASSERT_TRUE(at(0, 4)->intense);
    CU_ASSERT_EQUAL(at(0, 7)->fg, COL_BLUE);         /* E                     */
    CU_ASSERT_EQUAL(at(0, 10)->fg, COL_WHITE);       /* G                     */
    CU_ASSERT_EQUAL(at(0, 10)->ch, 0xC7);
    CU_ASSERT_EQUAL(at(0, 13)->ch, 0);               /* I, J: nondisplay      */
    CU_ASSERT_EQUAL(at(0, 14)->ch, 0);
    CU_ASSERT_EQUAL(at(0, 1)->bg, COL_BLACK);
    CU_ASSERT_FALSE(at(0, 1)->reverse || at(0, 1)->underscore || at(0, 1)->blink);
    /* After the last attribute the field is protected, normal: blue nulls. */
    CU_ASSERT_EQUAL(at(5, 5)->ch, 0);
    CU_ASSERT_EQUAL(at(5, 5)->fg, COL_BLUE);
}

static void test_unformatted_and_wrap(void)
{
    ds_init(&scr, 2, true);
    Stream s = { .n = 0 };
    put(&s, 2, DS_CMD_EW, 0xC3);
    text(&s, "HI");
    put(&s, 3, 0x1C, 0x1E, 0x3F);                    /* DUP, FM, SUB          */
    apply(&s);
    CU_ASSERT_EQUAL(at(0, 0)->ch, 0xC8);             /* unformatted: green    */
    CU_ASSERT_EQUAL(at(0, 0)->fg, COL_GREEN);
    CU_ASSERT_EQUAL(at(0, 2)->ch, 0x5C);             /* DUP as '*'            */
    CU_ASSERT_EQUAL(at(0, 3)->ch, 0x5E);             /* FM as ';'             */
    CU_ASSERT_EQUAL(at(0, 4)->ch, 0);                /* other controls blank  */
    CU_ASSERT_EQUAL(at(0, 5)->ch, 0);                /* null                  */

    /* A field that starts at the last position governs position 0. */
    ds_init(&scr, 2, true);
    s.n = 0;
    put(&s, 2, DS_CMD_EW, 0xC3);
    sba(&s, 23, 79);
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED | FA_INTENSE));
    text(&s, "XY");
    sba(&s, 0, 10);
    put(&s, 2, ORD_SF, ds_code(0));
    text(&s, "Z");
    apply(&s);
    CU_ASSERT_EQUAL(at(0, 0)->ch, 0xE7);
    CU_ASSERT_EQUAL(at(0, 0)->fg, COL_WHITE);
    CU_ASSERT_EQUAL(at(0, 1)->fg, COL_WHITE);
    CU_ASSERT_EQUAL(at(0, 11)->fg, COL_GREEN);
    CU_ASSERT_EQUAL(at(23, 79)->ch, 0);
}

static void test_extended(void)
{
    ds_init(&scr, 2, true);
    Stream s = { .n = 0 };
    put(&s, 2, DS_CMD_EW, 0xC3);
    sba(&s, 1, 0);
    /* SFE: protected, yellow, reverse. */
    put(&s, 8, ORD_SFE, 3, XA_3270, ds_code(FA_PROTECTED), XA_FOREGROUND, COL_YELLOW,
        XA_HIGHLIGHT, 0xF2);
    text(&s, "ab");
    /* SA: one red, underscored character, then back to the field's. */
    put(&s, 6, ORD_SA, XA_FOREGROUND, COL_RED, ORD_SA, XA_HIGHLIGHT, 0xF4);
    text(&s, "c");
    put(&s, 3, ORD_SA, XA_ALL, 0);
    text(&s, "d");
    /* SFE: unprotected, background blue, blink; then intensify by highlight. */
    put(&s, 6, ORD_SFE, 2, XA_BACKGROUND, COL_BLUE, XA_HIGHLIGHT, 0xF1);
    text(&s, "e");
    put(&s, 4, ORD_SFE, 1, XA_HIGHLIGHT, 0xF8);
    text(&s, "f");
    /* Neutral as a background is no background. */
    put(&s, 4, ORD_SFE, 1, XA_BACKGROUND, COL_NEUTRAL);
    text(&s, "g");
    apply(&s);

    const CellLook *a = at(1, 1), *c = at(1, 3), *d = at(1, 4), *e = at(1, 6), *f = at(1, 8),
                   *g = at(1, 10);
    CU_ASSERT_EQUAL(a->ch, 0x81);
    CU_ASSERT_EQUAL(a->fg, COL_YELLOW);
    CU_ASSERT_TRUE(a->reverse);
    CU_ASSERT_FALSE(a->underscore);
    CU_ASSERT_EQUAL(c->fg, COL_RED);                 /* character over field  */
    CU_ASSERT_TRUE(c->underscore);
    CU_ASSERT_FALSE(c->reverse);
    CU_ASSERT_EQUAL(d->fg, COL_YELLOW);              /* SA reset: the field's  */
    CU_ASSERT_TRUE(d->reverse);
    CU_ASSERT_EQUAL(e->bg, COL_BLUE);
    CU_ASSERT_TRUE(e->blink);
    CU_ASSERT_EQUAL(e->fg, COL_GREEN);               /* no colour: base       */
    CU_ASSERT_TRUE(f->intense);                      /* highlight intensify   */
    CU_ASSERT_EQUAL(f->fg, COL_RED);
    CU_ASSERT_EQUAL(g->bg, COL_BLACK);
    CU_ASSERT_EQUAL(at(1, 0)->ch, 0);                /* the SFE's position    */
    CU_ASSERT_FALSE(at(1, 0)->reverse);
}

static void test_monochrome(void)
{
    ds_init(&scr, 2, false);
    Stream s = { .n = 0 };
    put(&s, 2, DS_CMD_EW, 0xC3);
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED));
    text(&s, "a");
    put(&s, 2, ORD_SF, ds_code(FA_INTENSE));
    text(&s, "b");
    put(&s, 6, ORD_SFE, 2, XA_FOREGROUND, COL_PINK, XA_BACKGROUND, COL_BLUE);
    text(&s, "c");
    apply(&s);
    CU_ASSERT_EQUAL(at(0, 1)->fg, COL_MONO);
    CU_ASSERT_EQUAL(at(0, 3)->fg, COL_MONO_BRIGHT);
    CU_ASSERT_EQUAL(at(0, 5)->fg, COL_MONO);         /* no colours on a 3278  */
    CU_ASSERT_EQUAL(at(0, 5)->bg, COL_BLACK);
}

static void test_palette(void)
{
    CU_ASSERT_EQUAL(sdlwin_rgb(COL_BLACK), 0x000000);
    CU_ASSERT_EQUAL(sdlwin_rgb(COL_BLUE), 0x1E90FF);
    CU_ASSERT_EQUAL(sdlwin_rgb(COL_RED), 0xFF0000);
    CU_ASSERT_EQUAL(sdlwin_rgb(COL_GREEN), 0x32CD32);
    CU_ASSERT_EQUAL(sdlwin_rgb(COL_WHITE), 0xFFFFFF);
    CU_ASSERT_EQUAL(sdlwin_rgb(COL_YELLOW), 0xFFFF00);
    CU_ASSERT_NOT_EQUAL(sdlwin_rgb(COL_NEUTRAL), 0x000000);  /* visible as a foreground */
    CU_ASSERT_NOT_EQUAL(sdlwin_rgb(COL_MONO), sdlwin_rgb(COL_MONO_BRIGHT));
    /* Every colour a guest can ask for is distinct from the background. */
    for (unsigned c = 0xF0; c <= 0xFF; c++)
        CU_ASSERT_NOT_EQUAL(sdlwin_rgb((uint8_t)c), 0x000000);
}

/* ---- OIA --------------------------------------------------------------------------- */

static void test_oia(void)
{
    ds_init(&scr, 2, true);
    scr.cursor = 8 * 80 + 7;
    OiaInput in = { .devnum = 0x00C0, .connected = true, .guest_wrote = true };
    Oia o;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_EQUAL(strlen(o.text), 80);
    CU_ASSERT_EQUAL(o.text[0], '4');
    CU_ASSERT_EQUAL(o.text[1], 'A');
    CU_ASSERT_TRUE(o.ready);
    CU_ASSERT_FALSE(o.aid_pending);
    CU_ASSERT_EQUAL(o.msg_len, 0);
    CU_ASSERT_NSTRING_EQUAL(o.text + 80 - 7, "009/008", 7);
    CU_ASSERT_NSTRING_EQUAL(o.text + 80 - 22, "00C0 3279-2", 11);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "        ", 8);

    /* An attention key: the AID waits for the guest, then the guest keeps
     * the keyboard locked. */
    uint8_t buf[64];
    CU_ASSERT(ds_key_aid(&scr, AID_ENTER, buf, sizeof buf) > 0);
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_TRUE(o.aid_pending);
    CU_ASSERT_EQUAL(o.text[1], ' ');
    CU_ASSERT_EQUAL(o.msg_col, 8);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "X CLOCK", 7);
    CU_ASSERT_FALSE(o.msg_error);
    scr.aid = AID_NONE;                               /* the guest read it */
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "X SYSTEM", 8);
    CU_ASSERT_EQUAL(o.msg_len, 8);

    /* Operator errors, insert mode, a monochrome model 5 in its alternate size. */
    scr.kbd_locked = false;
    in.kerr = KEY_PROTECTED;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "X Protected", 11);
    CU_ASSERT_TRUE(o.msg_error);
    in.kerr = KEY_NUMERIC;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "X NUM ", 6);
    in.kerr = KEY_OVERFLOW;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "X Overflow", 10);
    in.kerr = 0;

    ds_init(&scr, 5, false);
    ds_erase(&scr, true);
    scr.cursor = 26 * 132 + 131;
    scr.insert = true;
    in.devnum = 0x0123;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_EQUAL(strlen(o.text), 132);
    CU_ASSERT_NSTRING_EQUAL(o.text + 132 - 7, "027/132", 7);
    CU_ASSERT_NSTRING_EQUAL(o.text + 132 - 22, "0123 3278-5", 11);
    CU_ASSERT_NSTRING_EQUAL(o.text + 132 - 30, "INS", 3);

    /* Not connected; connected before the guest has written. */
    in.connected = false;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_NSTRING_EQUAL(o.text + 8, "X Not Connected", 15);
    CU_ASSERT_FALSE(o.ready);
    CU_ASSERT_EQUAL(o.text[2], '?');
    in.connected = true;
    in.guest_wrote = false;
    sdlwin_oia(&scr, &in, &o);
    CU_ASSERT_FALSE(o.ready);
    CU_ASSERT_EQUAL(o.msg_len, 0);
}

/* ---- Keys ---------------------------------------------------------------------------- */

#ifdef HAVE_SDL
static void key_is(int32_t sym, uint16_t mod, WinAction action, uint8_t aid)
{
    WinKey k = sdlwin_map_key(sym, mod);
    CU_ASSERT_EQUAL(k.action, action);
    if (action == WA_AID)
        CU_ASSERT_EQUAL(k.aid, aid);
    if (k.action != action)
        fprintf(stderr, "\n  key %s mod %04X: action %d, wanted %d\n", SDL_GetKeyName(sym), mod,
                k.action, action);
}
#endif

static void test_keys(void)
{
#ifdef HAVE_SDL
    for (int i = 0; i < 12; i++) {
        key_is(SDLK_F1 + i, 0, WA_AID, ds_aid_pf(i + 1));
        key_is(SDLK_F1 + i, KMOD_LSHIFT, WA_AID, ds_aid_pf(i + 13));
        key_is(SDLK_F1 + i, KMOD_RSHIFT, WA_AID, ds_aid_pf(i + 13));
        key_is(SDLK_F13 + i, 0, WA_AID, ds_aid_pf(i + 13));
    }
    key_is(SDLK_F1, 0, WA_AID, 0xF1);
    key_is(SDLK_F12, 0, WA_AID, 0x7C);
    key_is(SDLK_F12, KMOD_LSHIFT, WA_AID, 0x4C);
    key_is(SDLK_RETURN, 0, WA_AID, AID_ENTER);
    key_is(SDLK_KP_ENTER, 0, WA_AID, AID_ENTER);
    key_is(SDLK_RETURN, KMOD_LSHIFT, WA_NEWLINE, 0);
    key_is(SDLK_ESCAPE, 0, WA_AID, AID_CLEAR);
    key_is(SDLK_PAUSE, 0, WA_AID, AID_CLEAR);
    key_is(SDLK_1, KMOD_LALT, WA_AID, AID_PA1);
    key_is(SDLK_2, KMOD_LALT, WA_AID, AID_PA2);
    key_is(SDLK_2, KMOD_RALT, WA_NONE, 0);           /* AltGr: text           */
    key_is(SDLK_3, KMOD_LALT, WA_AID, AID_PA3);
    key_is(SDLK_4, KMOD_LALT, WA_NONE, 0);
    key_is(SDLK_1, 0, WA_NONE, 0);                   /* text, not a key       */
    key_is(SDLK_1, KMOD_LCTRL | KMOD_LALT, WA_NONE, 0); /* AltGr on some keyboards */
    key_is(SDLK_PAGEUP, 0, WA_AID, ds_aid_pf(7));
    key_is(SDLK_PAGEDOWN, 0, WA_AID, ds_aid_pf(8));
    key_is(SDLK_TAB, 0, WA_TAB, 0);
    key_is(SDLK_TAB, KMOD_LSHIFT, WA_BACKTAB, 0);
    key_is(SDLK_HOME, 0, WA_HOME, 0);
    key_is(SDLK_END, 0, WA_ERASE_EOF, 0);
    key_is(SDLK_e, KMOD_LCTRL, WA_ERASE_EOF, 0);
    key_is(SDLK_e, 0, WA_NONE, 0);
    key_is(SDLK_END, KMOD_RCTRL, WA_ERASE_INPUT, 0);
    key_is(SDLK_r, KMOD_LCTRL, WA_RESET, 0);
    key_is(SDLK_r, 0, WA_NONE, 0);
    key_is(SDLK_INSERT, 0, WA_INSERT, 0);
    key_is(SDLK_LEFT, 0, WA_LEFT, 0);
    key_is(SDLK_RIGHT, 0, WA_RIGHT, 0);
    key_is(SDLK_UP, 0, WA_UP, 0);
    key_is(SDLK_DOWN, 0, WA_DOWN, 0);
    key_is(SDLK_BACKSPACE, 0, WA_BACKSPACE, 0);
    key_is(SDLK_DELETE, 0, WA_DELETE, 0);
    key_is(SDLK_a, 0, WA_NONE, 0);
    key_is(SDLK_SPACE, 0, WA_NONE, 0);
    /* Every AID the map gives is a real one (PF1-24, PA1-3, Enter, Clear). */
    for (int32_t sym = SDLK_F1; sym <= SDLK_F12; sym++)
        CU_ASSERT_NOT_EQUAL(sdlwin_map_key(sym, KMOD_LSHIFT).aid, 0);
#else
    /* Built without SDL: no key is mapped. */
    CU_ASSERT_EQUAL(sdlwin_map_key(0x4000003A, 0).action, WA_NONE);
#endif
}

/* Text input goes to the keyboard model as CP037 (codepage.c). */
static void test_text(void)
{
    uint8_t e[16];
    size_t n = utf8_to_ebcdic("hello", 5, e, sizeof e);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_EQUAL(memcmp(e, "\x88\x85\x93\x93\x96", 5), 0);
    n = utf8_to_ebcdic("\xC2\xA2\xC2\xAC|!", 6, e, sizeof e);   /* cent, not, bar, ! */
    CU_ASSERT_EQUAL(n, 4);
    CU_ASSERT_EQUAL(memcmp(e, "\x4A\x5F\x4F\x5A", 4), 0);

    /* Typed into an input field it is drawn in the field's colour. */
    ds_init(&scr, 2, true);
    Stream s = { .n = 0 };
    put(&s, 2, DS_CMD_EW, 0xC3);
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED));
    sba(&s, 0, 9);
    put(&s, 3, ORD_SF, ds_code(0), ORD_IC);
    sba(&s, 0, 20);
    put(&s, 2, ORD_SF, ds_code(FA_PROTECTED));
    apply(&s);
    for (size_t i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(ds_key_char(&scr, e[i]), KEY_OK);
    sdlwin_looks(&scr, look);
    CU_ASSERT_EQUAL(at(0, 10)->ch, 0x4A);
    CU_ASSERT_EQUAL(at(0, 13)->ch, 0x5A);
    CU_ASSERT_EQUAL(at(0, 13)->fg, COL_GREEN);
    CU_ASSERT_EQUAL(at(0, 14)->ch, 0);
}

void register_sdlwin_tests(void)
{
    CU_pSuite s = CU_add_suite("sdlwin", NULL, NULL);
    CU_add_test(s, "3279 base colours by intensity and protection, nondisplay", test_base_colours);
    CU_add_test(s, "unformatted screens, DUP/FM, fields wrapping round", test_unformatted_and_wrap);
    CU_add_test(s, "extended colour and highlighting, SA over SFE", test_extended);
    CU_add_test(s, "monochrome 3278", test_monochrome);
    CU_add_test(s, "palette", test_palette);
    CU_add_test(s, "operator information area", test_oia);
    CU_add_test(s, "key map", test_keys);
    CU_add_test(s, "text input to EBCDIC and the keyboard model", test_text);
}
