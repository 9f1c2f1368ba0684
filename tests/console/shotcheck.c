/*
 * shotcheck.c — checks a screenshot of the SDL 3270 window (`sdl screenshot
 * FILE.bmp`) against what the screen is known to show, for
 * run-sdl-tests.sh.
 *
 *   shotcheck FILE.bmp < SPEC
 *
 * SPEC, one statement per line:
 *   font PATH PT              the window's font and size
 *   geom X0 Y0 CW CH          where the screen is, the cell size
 *   status Y                  where the status line (OIA) is: row S
 *   text ROW COL RRGGBB TEXT  the cells from (ROW, COL) show TEXT in that
 *                             colour: each cell is compared pixel by pixel
 *                             with the character rendered here, offscreen,
 *                             tinted and on black (a blank must be black);
 *                             and, so the comparison is known to tell
 *                             characters apart, each non-blank cell must
 *                             NOT match the next different character
 *   blank ROW COL LEN         those cells are all black
 *   fill ROW COL RRGGBB       at least 60% of the cell is that colour
 *                             (a block cursor, the reverse "4" of the OIA)
 *   # ...                     a comment
 * Rows and columns are 0-origin; row S is the status line.
 * Prints one line per failed statement and a summary; exit 0 if all
 * passed, 1 if not, 2 for bad usage or input.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#define TOLERANCE 24        /* per channel: renderers round and blend differently */

static SDL_Surface *shot;
static TTF_Font *font;
static int org_x, org_y, cw, ch, status_y = -1;

/* The top of row `row` (-1: the status line). */
static int row_y(int row)
{
    return row < 0 ? status_y : org_y + row * ch;
}

/* A row operand: a number, or S for the status line. */
static int get_row(const char *tok)
{
    return tok[0] == 'S' && !tok[1] ? -1 : atoi(tok);
}

static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    Uint8 r, g, b, a;
    if (x < 0 || y < 0 || x >= s->w || y >= s->h)
        return 0;
    Uint8 *p = (Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel;
    Uint32 v;
    memcpy(&v, p, s->format->BytesPerPixel > 4 ? 4 : s->format->BytesPerPixel);
    SDL_GetRGBA(v, s->format, &r, &g, &b, &a);
    return (Uint32)r << 16 | (Uint32)g << 8 | b;
}

static int near(Uint32 a, Uint32 b)
{
    for (int sh = 0; sh <= 16; sh += 8) {
        int d = (int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF);
        if (d < -TOLERANCE || d > TOLERANCE)
            return 0;
    }
    return 1;
}

/* The glyph of one ISO 8859-1 character in white, as ARGB8888, or NULL
 * for a blank. */
static SDL_Surface *glyph(unsigned char c)
{
    if (c == ' ')
        return NULL;
    char u[3] = { 0 };
    if (c < 0x80) {
        u[0] = (char)c;
    } else {
        u[0] = (char)(0xC0 | c >> 6);
        u[1] = (char)(0x80 | (c & 0x3F));
    }
    SDL_Color white = { 255, 255, 255, 255 };
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, u, white);
    if (!s)
        return NULL;
    SDL_Surface *t = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(s);
    return t;
}

/* Does cell (row, col) show character c drawn in colour rgb on black?
 * Pixels may differ by TOLERANCE per channel; a few may differ more
 * (renderers blend the edges differently): at most 2 plus a tenth of the
 * pixels the glyph covers, so that '.' and ':' are still told apart.
 * *ink gets the number of pixels the glyph covers at least half. */
static int matches(int row, int col, unsigned char c, Uint32 rgb, int *ink, int *bad_out)
{
    SDL_Surface *g = glyph(c);
    int bad = 0, covered = 0;
    *ink = 0;
    for (int y = 0; y < ch; y++)
        for (int x = 0; x < cw; x++) {
            Uint32 want = 0;
            if (g && x < g->w && y < g->h) {
                Uint32 v = ((Uint32 *)((Uint8 *)g->pixels + y * g->pitch))[x];
                unsigned a = v >> 24;
                want = (((rgb >> 16 & 0xFF) * a / 255) << 16) | (((rgb >> 8 & 0xFF) * a / 255) << 8) |
                       ((rgb & 0xFF) * a / 255);
                covered += a > 0;
                *ink += a > 128;
            }
            if (!near(pixel_at(shot, org_x + col * cw + x, row_y(row) + y), want))
                bad++;
        }
    if (g)
        SDL_FreeSurface(g);
    if (bad_out)
        *bad_out = bad;
    return bad <= 2 + covered / 10;
}

static int check_text(int row, int col, Uint32 rgb, const char *text, char *why, size_t len)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        int ink, bad;
        bool ok = matches(row, col + (int)i, c, rgb, &ink, &bad);
        if (c != ' ' && ink == 0) {
            snprintf(why, len, "'%c' renders as nothing offscreen", c);
            return -1;
        }
        if (!ok) {
            snprintf(why, len, "cell %d,%d: %d of the pixels are not '%c'", row,
                     col + (int)i, bad, c);
            return -1;
        }
        /* The same cell must not pass for another character. */
        unsigned char other = 0;
        for (size_t k = 1; k < n && !other; k++)
            if ((unsigned char)text[(i + k) % n] != c && text[(i + k) % n] != ' ')
                other = (unsigned char)text[(i + k) % n];
        if (c != ' ' && other && matches(row, col + (int)i, other, rgb, &ink, NULL)) {
            snprintf(why, len, "cell %d,%d: '%c' and '%c' cannot be told apart", row,
                     col + (int)i, c, other);
            return -1;
        }
    }
    return 0;
}

static int check_fill(int row, int col, Uint32 rgb, char *why, size_t len)
{
    int hits = 0;
    for (int y = 0; y < ch; y++)
        for (int x = 0; x < cw; x++)
            hits += near(pixel_at(shot, org_x + col * cw + x, row_y(row) + y), rgb);
    if (hits * 100 < 60 * cw * ch) {
        snprintf(why, len, "cell %d,%d: %d%% of it is %06X", row, col, hits * 100 / (cw * ch),
                 (unsigned)rgb);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: shotcheck FILE.bmp < SPEC\n");
        return 2;
    }
    shot = SDL_LoadBMP(argv[1]);
    if (!shot || TTF_Init()) {
        fprintf(stderr, "shotcheck: %s: %s\n", argv[1], SDL_GetError());
        return 2;
    }
    char line[1024];
    int pass = 0, fail = 0, lineno = 0;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        char why[200] = "", path[512];
        int a, b, c, off = 0, rc = 0;
        unsigned rgb;
        if (line[0] == '#' || line[strspn(line, " ")] == 0)
            continue;
        if (sscanf(line, "font %511s %d", path, &a) == 2) {
            if (font)
                TTF_CloseFont(font);
            font = TTF_OpenFont(path, a);
            if (!font) {
                fprintf(stderr, "shotcheck: font %s: %s\n", path, TTF_GetError());
                return 2;
            }
            continue;
        }
        if (sscanf(line, "geom %d %d %d %d", &org_x, &org_y, &cw, &ch) == 4)
            continue;
        if (sscanf(line, "status %d", &status_y) == 1)
            continue;
        if (!font || cw <= 0 || ch <= 0 || status_y < 0) {
            fprintf(stderr, "shotcheck: line %d: font, geom and status first\n", lineno);
            return 2;
        }
        char rt[8];
        if (sscanf(line, "text %7s %d %x %n", rt, &b, &rgb, &off) == 3 && off > 0) {
            rc = check_text(get_row(rt), b, rgb, line + off, why, sizeof why);
        } else if (sscanf(line, "blank %7s %d %d", rt, &b, &c) == 3) {
            char sp[256];
            memset(sp, ' ', sizeof sp);
            sp[c > 0 && c < 255 ? c : 1] = 0;
            rc = check_text(get_row(rt), b, 0xFFFFFF, sp, why, sizeof why);
        } else if (sscanf(line, "fill %7s %d %x", rt, &b, &rgb) == 3) {
            rc = check_fill(get_row(rt), b, rgb, why, sizeof why);
        } else {
            fprintf(stderr, "shotcheck: line %d: cannot read: %s\n", lineno, line);
            return 2;
        }
        if (rc) {
            fail++;
            printf("  FAIL %s: %s\n", line, why);
        } else {
            pass++;
        }
    }
    printf("shotcheck %s: %d passed, %d failed\n", argv[1], pass, fail);
    return fail ? 1 : 0;
}
