/*
 * telnet.c — the telnet byte stream of one TN3270 server connection: IAC
 * parsing, option negotiation by the RFC 1143 Q method (without its queue
 * bits: the server never changes its mind while a request is out), the
 * TERMINAL-TYPE exchange, and framing of 3270 records and NVT lines.
 *
 * Sources: RFC 854 (commands, NVT, CR LF and CR NUL), RFC 855 and RFC 1143
 * (option negotiation), RFC 856, RFC 885, RFC 1091, RFC 1576, RFC 1646 —
 * see telnet.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/telnet.h"

/* RFC 1143 option states. */
#define TNQ_NO      0
#define TNQ_YES     1
#define TNQ_WANTYES 2           /* we asked for it (DO/WILL sent)         */
#define TNQ_WANTNO  3           /* we asked to stop (DONT/WONT sent)      */

/* Parser states. */
enum { S_DATA, S_IAC, S_OPT, S_SB, S_SB_DATA, S_SB_IAC };

/* ---- Output ------------------------------------------------------------------ */

static void buf_put(TnBuf *b, const uint8_t *p, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n)
            cap *= 2;
        uint8_t *np = realloc(b->p, cap);
        if (!np) {
            b->failed = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

/* Data bytes with 0xFF doubled. */
static void buf_escaped(TnBuf *b, const uint8_t *p, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] == TN_IAC) {
            buf_put(b, p + start, i + 1 - start);
            start = i;                  /* the IAC goes out once more */
        }
    buf_put(b, p + start, n - start);
}

void tnbuf_record(TnBuf *b, const uint8_t *data, size_t n)
{
    static const uint8_t eor[2] = { TN_IAC, TN_EOR };
    buf_escaped(b, data, n);
    buf_put(b, eor, 2);
}

void tnbuf_text(TnBuf *b, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)text[i];
        if (c == '\n')
            buf_put(b, (const uint8_t *)"\r\n", 2);
        else if (c == '\r')
            buf_put(b, (const uint8_t *)"\r\0", 2);
        else
            buf_escaped(b, &c, 1);
    }
}

void tnbuf_consume(TnBuf *b, size_t n)
{
    if (n >= b->len) {
        b->len = 0;
        return;
    }
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

void tnbuf_free(TnBuf *b)
{
    free(b->p);
    *b = (TnBuf){ 0 };
}

static void out_bytes(Telnet *t, const uint8_t *p, size_t n)
{
    buf_put(&t->out, p, n);
}

static void out3(Telnet *t, uint8_t a, uint8_t b, uint8_t c)
{
    uint8_t x[3] = { a, b, c };
    out_bytes(t, x, 3);
}

/* ---- Negotiation ---------------------------------------------------------------- */

void telnet_init(Telnet *t)
{
    memset(t, 0, sizeof *t);
    t->mode = TN_NEGOTIATING;
    t->model = 2;
    t->him[TELOPT_TTYPE] = TNQ_WANTYES;
    out3(t, TN_IAC, TN_DO, TELOPT_TTYPE);
}

void telnet_free(Telnet *t)
{
    tnbuf_free(&t->out);
}

static int fail(Telnet *t, const char *why)
{
    if (t->mode != TN_FAILED)
        snprintf(t->error, sizeof t->error, "%s", why);
    t->mode = TN_FAILED;
    return -1;
}

static void set_mode(Telnet *t, TnMode mode, const TelnetEvents *ev)
{
    t->mode = mode;
    if (ev && ev->mode)
        ev->mode(ev->ctx, mode);
    if (mode != TN_LINE || !t->inlen)
        return;
    /* Text typed while the mode was still open: its complete lines are
     * the first lines, the rest starts the next one. */
    uint8_t held[TN_LINE_MAX];
    size_t len = t->inlen, start = 0;
    memcpy(held, t->in, len);
    t->inlen = 0;
    for (size_t k = 0; k < len; k++)
        if (held[k] == '\n') {
            if (ev && ev->line)
                ev->line(ev->ctx, (const char *)held + start, k - start);
            start = k + 1;
        }
    memcpy(t->in, held + start, len - start);
    t->inlen = len - start;
}

static void check_3270(Telnet *t, const TelnetEvents *ev)
{
    if (t->mode == TN_NEGOTIATING && t->want3270 &&
        t->us[TELOPT_BINARY] == TNQ_YES && t->him[TELOPT_BINARY] == TNQ_YES &&
        t->us[TELOPT_EOR] == TNQ_YES && t->him[TELOPT_EOR] == TNQ_YES) {
        t->inlen = 0;                   /* nothing before 3270 mode counts */
        set_mode(t, TN_3270, ev);
    }
}

/* May we let the client enable `opt` on its side (WILL), or enable it on
 * ours (DO)? */
static bool him_ok(const Telnet *t, uint8_t opt)
{
    return opt == TELOPT_TTYPE ||
           (t->want3270 && (opt == TELOPT_BINARY || opt == TELOPT_EOR));
}

static bool us_ok(const Telnet *t, uint8_t opt)
{
    return t->want3270 && (opt == TELOPT_BINARY || opt == TELOPT_EOR);
}

static void ask_ttype(Telnet *t)
{
    static const uint8_t send[6] = { TN_IAC, TN_SB, TELOPT_TTYPE, TTYPE_SEND, TN_IAC, TN_SE };
    t->ttype_asks++;
    out_bytes(t, send, sizeof send);
}

/* Ask for an option on our side (WILL) or the client's (DO). */
static void want_us(Telnet *t, uint8_t opt)
{
    if (t->us[opt] == TNQ_NO) {
        t->us[opt] = TNQ_WANTYES;
        out3(t, TN_IAC, TN_WILL, opt);
    }
}

static void want_him(Telnet *t, uint8_t opt)
{
    if (t->him[opt] == TNQ_NO) {
        t->him[opt] = TNQ_WANTYES;
        out3(t, TN_IAC, TN_DO, opt);
    }
}

static bool needed_3270(const Telnet *t, uint8_t opt)
{
    return (t->want3270 || t->mode == TN_3270) && (opt == TELOPT_BINARY || opt == TELOPT_EOR);
}

/* The client sent WILL, WONT, DO or DONT `opt`. */
static int option(Telnet *t, uint8_t verb, uint8_t opt, const TelnetEvents *ev)
{
    switch (verb) {
    case TN_WILL:
        if (t->him[opt] == TNQ_WANTYES) {
            t->him[opt] = TNQ_YES;
        } else if (t->him[opt] == TNQ_NO) {
            if (him_ok(t, opt)) {
                t->him[opt] = TNQ_YES;
                out3(t, TN_IAC, TN_DO, opt);
            } else {
                out3(t, TN_IAC, TN_DONT, opt);
            }
        } else if (t->him[opt] == TNQ_WANTNO) {
            t->him[opt] = TNQ_NO;       /* RFC 1143: DONT answered by WILL */
        }
        if (opt == TELOPT_TTYPE && t->him[opt] == TNQ_YES && t->mode == TN_NEGOTIATING &&
            t->ttype_asks == 0)
            ask_ttype(t);
        break;
    case TN_WONT:
        if (t->him[opt] == TNQ_YES) {
            t->him[opt] = TNQ_NO;
            out3(t, TN_IAC, TN_DONT, opt);
        } else {
            t->him[opt] = TNQ_NO;
        }
        if (needed_3270(t, opt))
            return fail(t, opt == TELOPT_EOR ? "client refused END-OF-RECORD"
                                             : "client refused BINARY");
        if (opt == TELOPT_TTYPE && t->mode == TN_NEGOTIATING && !t->want3270)
            set_mode(t, TN_LINE, ev);   /* no terminal type: a plain NVT */
        break;
    case TN_DO:
        if (t->us[opt] == TNQ_WANTYES) {
            t->us[opt] = TNQ_YES;
        } else if (t->us[opt] == TNQ_NO) {
            if (us_ok(t, opt)) {
                t->us[opt] = TNQ_YES;
                out3(t, TN_IAC, TN_WILL, opt);
            } else {
                out3(t, TN_IAC, TN_WONT, opt);
            }
        } else if (t->us[opt] == TNQ_WANTNO) {
            t->us[opt] = TNQ_NO;
        }
        break;
    case TN_DONT:
        if (t->us[opt] == TNQ_YES) {
            t->us[opt] = TNQ_NO;
            out3(t, TN_IAC, TN_WONT, opt);
        } else {
            t->us[opt] = TNQ_NO;
        }
        if (needed_3270(t, opt))
            return fail(t, opt == TELOPT_EOR ? "client refused END-OF-RECORD"
                                             : "client refused BINARY");
        break;
    }
    check_3270(t, ev);
    return 0;
}

/* Parse "IBM-327x-n[-E]" or "IBM-DYNAMIC" (upper case, no @ suffix). */
static bool parse_3270_type(Telnet *t, const char *ty)
{
    if (!strcmp(ty, "IBM-DYNAMIC")) {
        t->model = 2;
        t->color = true;
        t->extended = true;
        return true;
    }
    if (strncmp(ty, "IBM-327", 7) || !strchr("789", ty[7]) || ty[8] != '-' ||
        ty[9] < '2' || ty[9] > '5')
        return false;
    if (ty[10] != 0 && strcmp(ty + 10, "-E"))
        return false;
    if (ty[7] == '7' && (ty[9] != '2' || ty[10]))
        return false;                   /* a 3277 is a model 2, no -E */
    t->model = ty[9] - '0';
    t->color = ty[7] == '9';
    t->extended = ty[10] != 0;
    return true;
}

/* SB TERMINAL-TYPE IS <name> (RFC 1091). */
static int got_ttype(Telnet *t, const uint8_t *name, size_t n, const TelnetEvents *ev)
{
    char ty[TN_TTYPE_MAX];
    if (n == 0 || n >= sizeof ty)
        return fail(t, "bad terminal type");
    for (size_t i = 0; i < n; i++) {
        if (name[i] < 0x21 || name[i] > 0x7E)
            return fail(t, "bad terminal type");
        ty[i] = (char)toupper(name[i]);
    }
    ty[n] = 0;
    if (t->mode != TN_NEGOTIATING || t->want3270)
        return 0;                       /* already decided: ignore */
    char *at = strchr(ty, '@');
    t->devname[0] = 0;
    if (at) {
        snprintf(t->devname, sizeof t->devname, "%s", at + 1);
        *at = 0;
    }
    snprintf(t->ttype, sizeof t->ttype, "%s", ty);
    if (parse_3270_type(t, ty)) {
        t->want3270 = true;
        want_him(t, TELOPT_EOR);
        want_us(t, TELOPT_EOR);
        want_him(t, TELOPT_BINARY);
        want_us(t, TELOPT_BINARY);
        check_3270(t, ev);
        return 0;
    }
    if (!strncmp(ty, "IBM-", 4)) {
        /* Another IBM type (a printer, an unknown model): RFC 1091 lets us
         * ask for the client's next type; it repeats the last one when it
         * has no more. */
        if (t->ttype_asks < 8) {
            ask_ttype(t);
            return 0;
        }
        return fail(t, "no acceptable 3270 terminal type");
    }
    set_mode(t, TN_LINE, ev);
    return 0;
}

static int subneg(Telnet *t, const TelnetEvents *ev)
{
    if (t->sbopt == TELOPT_TTYPE) {
        if (t->sblen < 1 || t->sb[0] != TTYPE_IS)
            return fail(t, "bad TERMINAL-TYPE subnegotiation");
        return got_ttype(t, t->sb + 1, t->sblen - 1, ev);
    }
    return 0;                           /* options we refused: ignore */
}

void telnet_timeout(Telnet *t, const TelnetEvents *ev)
{
    if (t->mode != TN_NEGOTIATING)
        return;
    if (t->want3270)
        fail(t, "TN3270 negotiation did not complete");
    else
        set_mode(t, TN_LINE, ev);
}

/* ---- Data ------------------------------------------------------------------------- */

static void line_end(Telnet *t, const TelnetEvents *ev)
{
    if (ev && ev->line)
        ev->line(ev->ctx, (const char *)t->in, t->inlen);
    t->inlen = 0;
    t->in_over = false;
}

/* One data byte (IAC already undoubled). */
static int data_byte(Telnet *t, uint8_t b, const TelnetEvents *ev)
{
    switch (t->mode) {
    case TN_3270:
        if (t->inlen >= sizeof t->in)
            return fail(t, "3270 record too long");
        t->in[t->inlen++] = b;
        return 0;
    case TN_NEGOTIATING:
    case TN_LINE:
        /* NVT: a line ends with CR LF, CR NUL or (from sloppy clients) a
         * bare LF; backspace and DEL edit a character-mode line. */
        if (t->in_cr) {
            t->in_cr = false;
            if (b == '\n' || b == 0)
                return 0;
        }
        if (b == '\r' || b == '\n') {
            t->in_cr = b == '\r';
            if (t->mode == TN_LINE)
                line_end(t, ev);
            else if (t->inlen < TN_LINE_MAX)
                t->in[t->inlen++] = '\n';   /* kept until the mode is known */
            return 0;
        }
        if (b == 0x08 || b == 0x7F) {
            if (t->inlen && t->in[t->inlen - 1] != '\n')
                t->inlen--;
            return 0;
        }
        if (b < 0x20)
            return 0;
        if (t->inlen < TN_LINE_MAX)
            t->in[t->inlen++] = b;
        else
            t->in_over = true;
        return 0;
    default:
        return -1;
    }
}

/* A telnet command other than the option verbs and SB. */
static int command(Telnet *t, uint8_t cmd, const TelnetEvents *ev)
{
    switch (cmd) {
    case TN_EOR:
        if (t->mode == TN_3270) {
            if (t->inlen && ev && ev->record)
                ev->record(ev->ctx, t->in, t->inlen);
            t->inlen = 0;
        }
        return 0;
    case TN_EC:
        if (t->mode == TN_LINE && t->inlen)
            t->inlen--;
        return 0;
    case TN_EL:
        if (t->mode == TN_LINE)
            t->inlen = 0;
        return 0;
    case TN_AYT: {
        static const char yes[] = "\r\n[interpex: yes]\r\n";
        if (t->mode != TN_3270)
            out_bytes(t, (const uint8_t *)yes, sizeof yes - 1);
        return 0;
    }
    case TN_NOP: case TN_DM: case TN_GA: case TN_BRK: case TN_IP: case TN_AO:
        return 0;
    default:
        return fail(t, "unknown telnet command");
    }
}

int telnet_recv(Telnet *t, const uint8_t *data, size_t n, const TelnetEvents *ev)
{
    for (size_t i = 0; i < n; i++) {
        if (t->mode == TN_FAILED)
            return -1;
        uint8_t b = data[i];
        int rc = 0;
        switch (t->state) {
        case S_DATA:
            if (b == TN_IAC)
                t->state = S_IAC;
            else
                rc = data_byte(t, b, ev);
            break;
        case S_IAC:
            t->state = S_DATA;
            if (b == TN_IAC)
                rc = data_byte(t, b, ev);
            else if (b == TN_WILL || b == TN_WONT || b == TN_DO || b == TN_DONT) {
                t->sbopt = b;           /* the verb, until the option byte */
                t->state = S_OPT;
            } else if (b == TN_SB)
                t->state = S_SB;
            else if (b == TN_SE)
                rc = fail(t, "SE outside a subnegotiation");
            else
                rc = command(t, b, ev);
            break;
        case S_OPT:
            t->state = S_DATA;
            rc = option(t, t->sbopt, b, ev);
            break;
        case S_SB:
            t->sbopt = b;
            t->sblen = 0;
            t->state = S_SB_DATA;
            break;
        case S_SB_DATA:
            if (b == TN_IAC)
                t->state = S_SB_IAC;
            else if (t->sblen < sizeof t->sb)
                t->sb[t->sblen++] = b;
            else
                rc = fail(t, "subnegotiation too long");
            break;
        case S_SB_IAC:
            if (b == TN_SE) {
                t->state = S_DATA;
                rc = subneg(t, ev);
            } else if (b == TN_IAC) {
                t->state = S_SB_DATA;
                if (t->sblen < sizeof t->sb)
                    t->sb[t->sblen++] = b;
                else
                    rc = fail(t, "subnegotiation too long");
            } else {
                rc = fail(t, "subnegotiation not ended by IAC SE");
            }
            break;
        }
        if (rc < 0)
            return fail(t, "malformed input");
    }
    if (t->out.failed)
        return fail(t, "out of memory");
    return t->mode == TN_FAILED ? -1 : 0;
}
