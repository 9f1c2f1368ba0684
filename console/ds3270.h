/*
 * ds3270.h — the 3270 data stream and the screen model shared by every
 * 3270 front end (the 3270 device, the TN3270 server, the SDL window).
 *
 * Source of facts: IBM 3270 Information Display System Data Stream
 * Programmer's Reference, GA23-0059: ch. 3 "Commands" (Write, Erase/Write,
 * Erase/Write Alternate, Erase All Unprotected, Read Buffer, Read Modified,
 * Read Modified All, Write Structured Field), ch. 4 "Orders" (SF, SFE, SBA,
 * SA, MF, IC, PT, RA, EUA, GE), ch. 5 "Structured fields" and ch. 6 "Query
 * replies"; buffer addressing and the WCC as there and in
 * ../shared/reference/console.md §2.
 *
 * A Screen is the buffer of a display: one byte of character (EBCDIC, 0 =
 * null) per position, a flag saying the position holds a field attribute
 * instead, the extended attributes (colour, highlighting, character set),
 * the cursor, the keyboard lock and the AID of the last attention key.
 * Outbound data (host to terminal) is applied with ds_outbound(); inbound
 * data (terminal to host) is generated with ds_read_*(); a terminal's own
 * inbound record is folded back into the screen with ds_inbound().  The
 * keyboard model (ds_key_*) edits the screen the way an operator at a real
 * 3278 would, for front ends that draw the screen themselves.
 *
 * Every function checks its input against the buffer: a malformed stream
 * (address beyond the screen, a truncated order, an unknown order or
 * structured field) stops processing with a negative DS_E* value, never a
 * read or write outside the arrays.
 */
#ifndef CONSOLE_DS3270_H
#define CONSOLE_DS3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Sizes (GA23-0059 "Screen sizes"; console.md §2.8) ------------------- */
#define DS_DEFAULT_ROWS 24          /* Erase/Write always gives 24x80        */
#define DS_DEFAULT_COLS 80
#define DS_MAX_ROWS     43          /* model 4                               */
#define DS_MAX_COLS     132         /* model 5                               */
#define DS_MAX_CELLS    3564        /* model 5: 27 x 132, the largest buffer */

/* ---- Commands: the remote/SNA codes (local channel codes in dev3270.c) -- */
#define DS_CMD_W      0xF1          /* Write                                 */
#define DS_CMD_EW     0xF5          /* Erase/Write                           */
#define DS_CMD_EWA    0x7E          /* Erase/Write Alternate                 */
#define DS_CMD_EAU    0x6F          /* Erase All Unprotected                 */
#define DS_CMD_WSF    0xF3          /* Write Structured Field                */
#define DS_CMD_RB     0xF2          /* Read Buffer                           */
#define DS_CMD_RM     0xF6          /* Read Modified                         */
#define DS_CMD_RMA    0x6E          /* Read Modified All                     */

/* ---- Write control character (bit 0 = X'80') ----------------------------- */
#define WCC_RESET        0x40       /* reset partition reply mode            */
#define WCC_START_PRINT  0x08
#define WCC_ALARM        0x04
#define WCC_KBD_RESTORE  0x02       /* unlock the keyboard, reset the AID    */
#define WCC_RESET_MDT    0x01

/* ---- Orders --------------------------------------------------------------- */
#define ORD_PT   0x05               /* Program Tab                           */
#define ORD_GE   0x08               /* Graphic Escape, 1 character           */
#define ORD_SBA  0x11               /* Set Buffer Address, 2-byte address    */
#define ORD_EUA  0x12               /* Erase Unprotected to Address          */
#define ORD_IC   0x13               /* Insert Cursor                         */
#define ORD_SF   0x1D               /* Start Field, 1 attribute byte         */
#define ORD_SA   0x28               /* Set Attribute, type + value           */
#define ORD_SFE  0x29               /* Start Field Extended, n + n pairs     */
#define ORD_MF   0x2C               /* Modify Field, n + n pairs             */
#define ORD_RA   0x3C               /* Repeat to Address, address + char     */

/* ---- Field attribute (the 6 meaningful bits, 2-7) ------------------------- */
#define FA_PROTECTED  0x20
#define FA_NUMERIC    0x10          /* protected + numeric = autoskip        */
#define FA_DISPLAY    0x0C          /* 00 normal, 04 normal/detectable,      */
#define FA_INTENSE    0x08          /* 08 intensified, 0C nondisplay         */
#define FA_NONDISPLAY 0x0C
#define FA_MDT        0x01          /* modified data tag                     */

/* ---- Extended attribute types (SFE, SA, MF pairs) ------------------------- */
#define XA_ALL        0x00          /* SA only: reset all character attrs    */
#define XA_HIGHLIGHT  0x41          /* 00 default F1 blink F2 reverse F4 underscore F8 intensify */
#define XA_FOREGROUND 0x42          /* 00 default, F0-FF colours             */
#define XA_CHARSET    0x43
#define XA_BACKGROUND 0x45
#define XA_TRANSPARENCY 0x46
#define XA_VALIDATION 0xC1
#define XA_OUTLINING  0xC2
#define XA_3270       0xC0          /* SFE/MF: the basic field attribute     */

/* ---- AID (attention identification) --------------------------------------- */
#define AID_NONE   0x60             /* host-initiated read                   */
#define AID_SF     0x88             /* structured field (query reply)        */
#define AID_ENTER  0x7D
#define AID_CLEAR  0x6D
#define AID_PA1    0x6C
#define AID_PA2    0x6E
#define AID_PA3    0x6B
#define AID_SYSREQ 0xF0
/* PF1-PF24 (PF1-9 F1-F9, PF10-12 7A-7C, PF13-21 C1-C9, PF22-24 4A-4C). */
uint8_t ds_aid_pf(int n);           /* 0 for n outside 1..24                 */
/* A short-read AID: PA1-PA3 and Clear send only the AID under Read Modified. */
bool    ds_aid_short(uint8_t aid);

/* ---- Errors ---------------------------------------------------------------- */
#define DS_OK        0
#define DS_ETRUNC   (-1)            /* an order or field cut short           */
#define DS_EADDR    (-2)            /* a buffer address beyond the screen    */
#define DS_EORDER   (-3)            /* a code below X'40' that is no order   */
#define DS_ECMD     (-4)            /* an unknown command                    */
#define DS_ESF      (-5)            /* a bad or unsupported structured field */
#define DS_EAID     (-6)            /* inbound: empty record                 */
const char *ds_strerror(int err);

/* ---- Buffer addresses ------------------------------------------------------ */
/* Decode two address bytes: 12-bit (first byte's top bits 01 or 11) or
 * 14-bit (top bits 00); -1 for the reserved form 10. */
int  ds_addr_decode(uint8_t b1, uint8_t b2);
/* Encode: 12-bit coded form when the buffer has at most 4096 positions,
 * else 14-bit. */
void ds_addr_encode(unsigned addr, unsigned cells, uint8_t out[2]);
/* The 6-bit code table: the graphic form of a 6-bit value (WCC, attribute,
 * 12-bit address halves). */
uint8_t ds_code(unsigned six_bits);

/* ---- The screen ------------------------------------------------------------ */
#define CELL_FA 0x01                /* the position holds a field attribute  */
#define CELL_GE 0x02                /* character from the alternate set (GE) */

typedef struct DsCell {
    uint8_t ch;          /* EBCDIC character, 0 = null; the attribute at FA */
    uint8_t flags;       /* CELL_FA, CELL_GE                                */
    uint8_t fg;          /* extended foreground colour (0 = default)        */
    uint8_t bg;          /* background colour                               */
    uint8_t hl;          /* extended highlighting (0 = default)             */
} DsCell;

typedef struct Screen {
    int      model;             /* 2..5                                     */
    bool     color;             /* 3279: colour; else monochrome 3278       */
    bool     extended;          /* extended attributes and structured fields */
    int      alt_rows, alt_cols;/* the model's alternate size               */
    int      rows, cols;        /* the size in use                          */
    bool     alternate;         /* Erase/Write Alternate is in effect       */
    unsigned cursor;
    unsigned bufaddr;           /* where the last write stopped             */
    bool     kbd_locked;        /* input inhibited (after an AID)           */
    bool     insert;            /* keyboard insert mode                     */
    bool     alarm;             /* the WCC sounded the alarm (front ends
                                   reset it when they have beeped)         */
    uint8_t  aid;               /* AID of the last attention key            */
    unsigned writes;            /* outbound operations applied (front ends
                                   redraw when it changes)                 */
    DsCell   cell[DS_MAX_CELLS];
} Screen;

/* A fresh, powered-on screen of model 2..5: default size, all nulls,
 * unformatted, keyboard unlocked. */
void ds_init(Screen *s, int model, bool color);
/* Erase to nulls and take the default (alternate=false) or alternate size. */
void ds_erase(Screen *s, bool alternate);
static inline unsigned ds_cells(const Screen *s) { return (unsigned)(s->rows * s->cols); }

/* Field queries.  On an unformatted screen (no attribute anywhere) every
 * position is one unprotected field: ds_field_attr() returns -1. */
bool ds_formatted(const Screen *s);
int  ds_field_attr(const Screen *s, unsigned pos);   /* address of the FA, or -1 */
bool ds_protected(const Screen *s, unsigned pos);    /* FA positions are protected */
/* The text of row `row` for display or tests: ISO 8859-1 converted from
 * CP037, field attributes, nulls and non-display fields as blanks.  `out`
 * gets cols+1 bytes (NUL-terminated). */
void ds_row_text(const Screen *s, int row, char *out);

/* ---- Outbound: apply a host data stream ------------------------------------- */
/* A reply the screen owes the host (WSF Read Partition: query replies or a
 * read); `len` 0 when there is none. */
typedef struct DsReply {
    uint8_t data[16384];
    size_t  len;
} DsReply;

/* Apply one outbound stream, command byte first (DS_CMD_*).  `start`, for a
 * Write, is the buffer address to begin at (-1: the cursor, as a remote
 * 3270 does).  `reply` (may be NULL) receives what a Write Structured Field
 * asks to be read back.  DS_OK or a DS_E* code; on error the screen keeps
 * what was applied before the bad byte. */
int  ds_outbound(Screen *s, const uint8_t *data, size_t len, int start, DsReply *reply);
/* Erase All Unprotected (no data). */
void ds_erase_unprotected(Screen *s);

/* ---- Inbound: what the terminal sends the host -------------------------------- */
/* Each returns the number of bytes produced (at most `max`; the result is
 * cut short, never overrun, when `max` is too small). */
size_t ds_read_buffer(const Screen *s, uint8_t aid, uint8_t *out, size_t max);
size_t ds_read_modified(const Screen *s, uint8_t aid, bool all, uint8_t *out, size_t max);
/* The query replies for Read Partition Query (AID X'88' first); `list`
 * (nlist codes) selects replies for Query List, NULL for all. */
size_t ds_query_reply(const Screen *s, const uint8_t *list, size_t nlist,
                      uint8_t *out, size_t max);
/* Fold a terminal's inbound record (AID, cursor, SBA + field data; or a
 * short read) into the screen: the fields it sends are written and marked
 * modified, the cursor and AID are set, the keyboard locks; Clear erases.
 * DS_OK or a DS_E* code. */
int  ds_inbound(Screen *s, const uint8_t *data, size_t len);

/* ---- Keyboard model (front ends that draw the screen themselves) -------------- */
#define KEY_OK         0
#define KEY_LOCKED     1            /* input inhibited: waiting for the host */
#define KEY_PROTECTED  2            /* cursor in a protected field           */
#define KEY_NUMERIC    3            /* not a digit in a numeric field        */
#define KEY_OVERFLOW   4            /* insert mode: the field is full        */

int  ds_key_char(Screen *s, uint8_t ebcdic);  /* type one character          */
void ds_key_tab(Screen *s);
void ds_key_backtab(Screen *s);
void ds_key_home(Screen *s);
void ds_key_newline(Screen *s);
void ds_key_move(Screen *s, int drow, int dcol);  /* cursor keys, wrapping */
int  ds_key_backspace(Screen *s);             /* cursor left, deleting        */
int  ds_key_delete(Screen *s);                /* delete at the cursor          */
int  ds_key_erase_eof(Screen *s);
void ds_key_erase_input(Screen *s);
void ds_key_insert(Screen *s);                /* toggle insert mode            */
void ds_key_reset(Screen *s);                 /* RESET: leave insert mode     */
/* An attention key: lock the keyboard, remember the AID and produce the
 * inbound record (Read Modified format, a short read for PA/Clear); Clear
 * then erases the screen.  Returns the length, 0 when the keyboard was
 * locked (nothing is sent). */
size_t ds_key_aid(Screen *s, uint8_t aid, uint8_t *out, size_t max);

#endif
