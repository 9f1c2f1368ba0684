/*
 * operator.h — the operator console: Hercules-style commands on a
 * session (ipl, start, stop, psw, gpr, r, v, u, t+, s+, b, devlist, ...).
 *
 * Command names, operands and output line formats follow Hercules 3.13
 * (its panel commands as documented in hercconf.html and observed with
 * Debian's hercules binary), so that habits and scripts carry over:
 *   GR00=00000000  GR01=...             gpr, cr (CRnn), 4 per line
 *   PSW=000A0000 00000222               psw
 *   R:00000300:K:06=0000000C 00000000 00000000 00000000  ................
 *                                       r ADDR[.LEN|-END|=HEX], v (V:...)
 * Lines starting with / go to the integrated 3215-C console.
 *
 * The parsing helpers are pure (no machine) for the unit tests; the
 * commands run on a Session and take its lock themselves.
 */
#ifndef CONSOLE_OPERATOR_H
#define CONSOLE_OPERATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Session Session;
typedef struct Operator Operator;

/* ---- parsing (pure) ---------------------------------------------------- */

#define OP_MAX_ARGS  16
#define OP_MAX_ALTER 512          /* bytes one r/v alteration may store */

/* Split `line` in place into blank-separated words ("double quotes" keep
 * blanks).  Returns the count, or -1 (unterminated quote, too many). */
int  op_split(char *line, char **argv, int max);
/* 1 to 8 hexadecimal digits. */
bool op_parse_hex(const char *s, uint32_t *v);
/* A device number: 1 to 4 hexadecimal digits. */
bool op_parse_devnum(const char *s, uint16_t *devnum);

/* ADDR, ADDR.LEN, ADDR-END (hex) or ADDR=HEXBYTES. */
typedef struct OpRange {
    uint32_t addr;
    uint32_t len;                 /* bytes to display (or altered)         */
    bool     alter;
    uint8_t  data[OP_MAX_ALTER];
} OpRange;
/* 0, or -1 with a message naming what was expected. */
int  op_parse_range(const char *s, uint32_t default_len, OpRange *r, char *err, size_t errlen);
/* "N=HEX": register 0-15 and value (up to `digits` hex digits). */
int  op_parse_assign(const char *s, unsigned digits, unsigned *reg, uint64_t *val,
                     char *err, size_t errlen);

/* ---- commands ------------------------------------------------------------ */

enum { OP_OK = 0, OP_ERROR = 1, OP_QUIT = 2 };

Operator *op_new(Session *s);
void      op_free(Operator *o);
/* Remember how a device was defined ("3505 cards.txt ascii"), for devlist,
 * devinit and the 3215-C console. */
void      op_note_device(Operator *o, uint16_t devnum, const char *type, int argc,
                         char *const *argv);
void      op_set_loadparm(Operator *o, const char *loadparm);
/* Run one command line.  OP_QUIT once `quit` has been given. */
int       op_execute(Operator *o, const char *line);
/* Run the commands in a file (echoed as they run, like Hercules). */
int       op_script(Operator *o, const char *path);
bool      op_quit_requested(const Operator *o);
/* Command names, NULL-terminated (for completion). */
const char *const *op_command_names(void);

#endif
