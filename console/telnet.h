/*
 * telnet.h — the server side of one telnet connection as a pure byte-level
 * state machine: received bytes go in, events (a 3270 record, a line of
 * text, the outcome of negotiation) come out through callbacks, and the
 * negotiation bytes pile up in an output buffer (t->out; data is framed
 * with tnbuf_record and tnbuf_text).  No sockets, no clock: the
 * TN3270 server (tn3270.c) moves the bytes, the unit tests feed
 * transcripts.
 *
 * Protocol facts: RFC 854 (Telnet: IAC, commands, SB/SE), RFC 855
 * (options), RFC 1143 (the Q method: answer an option request only when
 * its state changes, so negotiation cannot loop), RFC 856 (BINARY), RFC 885
 * (END-OF-RECORD: IAC EOR ends a 3270 record), RFC 1091 (TERMINAL-TYPE: IS,
 * SEND), RFC 1576 (TN3270 current practice: TERMINAL-TYPE, then EOR and
 * BINARY both ways), RFC 1646 (a "@name" suffix of the terminal type
 * selects the device).
 *
 * The server asks DO TERMINAL-TYPE.  A type "IBM-327x-n[-E]" (or
 * IBM-DYNAMIC) leads to TN3270: the server asks DO/WILL EOR and BINARY
 * and reports TN_3270 once all four are agreed.  Any other type, a refusal
 * of TERMINAL-TYPE, or silence (telnet_timeout) leads to TN_LINE: NVT text
 * in lines, for a 3215 console.  TN3270E (RFC 2355, option 40) is refused:
 * the server never offers it and answers a client's offer with DONT/WONT,
 * which RFC 2355 clients take as "plain TN3270".
 */
#ifndef CONSOLE_TELNET_H
#define CONSOLE_TELNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Commands (RFC 854, RFC 885). */
#define TN_IAC  255
#define TN_DONT 254
#define TN_DO   253
#define TN_WONT 252
#define TN_WILL 251
#define TN_SB   250
#define TN_GA   249
#define TN_EL   248
#define TN_EC   247
#define TN_AYT  246
#define TN_AO   245
#define TN_IP   244
#define TN_BRK  243
#define TN_DM   242
#define TN_NOP  241
#define TN_SE   240
#define TN_EOR  239

/* Options. */
#define TELOPT_BINARY   0
#define TELOPT_ECHO     1
#define TELOPT_SGA      3
#define TELOPT_TTYPE    24
#define TELOPT_EOR      25
#define TELOPT_TN3270E  40
#define TTYPE_IS        0
#define TTYPE_SEND      1

#define TN_SB_MAX       256     /* longest subnegotiation accepted        */
#define TN_REC_MAX      32768   /* longest inbound 3270 record            */
#define TN_LINE_MAX     256     /* longest line-mode line kept            */
#define TN_TTYPE_MAX    64

typedef enum TnMode {
    TN_NEGOTIATING,
    TN_3270,            /* records framed by IAC EOR, binary both ways    */
    TN_LINE,            /* NVT lines                                      */
    TN_FAILED,          /* see Telnet.error; close the connection         */
} TnMode;

/* A growing byte buffer of telnet output. */
typedef struct TnBuf {
    uint8_t *p;
    size_t   len, cap;
    bool     failed;                /* out of memory: bytes were lost       */
} TnBuf;

/* Append a 3270 record: 0xFF doubled, IAC EOR appended. */
void tnbuf_record(TnBuf *b, const uint8_t *data, size_t n);
/* Append NVT text: newline becomes CR LF, a lone CR becomes CR NUL. */
void tnbuf_text(TnBuf *b, const char *text, size_t n);
/* Drop the first n bytes (they have been sent); free the buffer. */
void tnbuf_consume(TnBuf *b, size_t n);
void tnbuf_free(TnBuf *b);

typedef struct TelnetEvents {
    void *ctx;
    /* Negotiation is over: TN_3270 or TN_LINE (terminal type, model and
     * device name are in the Telnet). */
    void (*mode)(void *ctx, TnMode mode);
    /* TN_3270: one complete inbound record, IAC undoubled, EOR removed. */
    void (*record)(void *ctx, const uint8_t *data, size_t len);
    /* TN_LINE: one line of text (ISO 8859-1/UTF-8 bytes), no CR LF. */
    void (*line)(void *ctx, const char *text, size_t len);
} TelnetEvents;

typedef struct Telnet {
    /* Receiving. */
    int      state;                 /* where the parser is within IAC ...  */
    uint8_t  sbopt;
    uint8_t  sb[TN_SB_MAX];
    size_t   sblen;
    uint8_t  in[TN_REC_MAX];        /* the record or line being received   */
    size_t   inlen;
    bool     in_cr;                 /* line mode: the last byte was CR     */
    bool     in_over;               /* line mode: the line is too long     */
    /* Options, RFC 1143 states (TNQ_*), ours and the client's. */
    uint8_t  us[256], him[256];
    /* Negotiation. */
    TnMode   mode;
    bool     want3270;              /* an IBM-327x type was accepted       */
    unsigned ttype_asks;
    char     ttype[TN_TTYPE_MAX];   /* as sent, without the @ suffix       */
    char     devname[TN_TTYPE_MAX]; /* the @ suffix (RFC 1646), or ""     */
    int      model;                 /* 2..5 for TN3270                     */
    bool     color;                 /* 3279                                */
    bool     extended;              /* "-E": extended data stream          */
    char     error[96];             /* why TN_FAILED                       */
    TnBuf    out;                   /* negotiation bytes to send           */
} Telnet;

/* Start a connection: queues IAC DO TERMINAL-TYPE. */
void telnet_init(Telnet *t);
void telnet_free(Telnet *t);
/* Feed received bytes.  0, or -1 when the input is malformed or the client
 * refused what TN3270 needs (t->mode becomes TN_FAILED, t->error says why):
 * close the connection. */
int  telnet_recv(Telnet *t, const uint8_t *data, size_t n, const TelnetEvents *ev);
/* The client never sent a terminal type: treat it as a plain NVT. */
void telnet_timeout(Telnet *t, const TelnetEvents *ev);

#endif
