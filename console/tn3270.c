/*
 * tn3270.c — the TN3270 server: one thread that listens on CNSLPORT and
 * serves every connection with poll(), connecting TN3270 clients to the
 * machine's 3270 displays and plain telnet clients to a free line-mode
 * 3215 console.
 *
 * Protocols: RFC 1576 (TN3270: TERMINAL-TYPE, then EOR and BINARY, then
 * 3270 records ended by IAC EOR), RFC 1646 (a "@devnum" suffix of the
 * terminal type selects the device, as Hercules' CNSLPORT does), RFC 854
 * (NVT lines for the 3215).  The byte-level work is telnet.c's; this file
 * moves bytes, picks devices and shows the logo and rejection screens.
 *
 * Threads.  The server thread owns the sockets and the connections.  The
 * CPU thread calls into a connection through the device callbacks
 * (Terminal.outbound, the 3215 output hook, detached/closed) with the
 * session lock held; those only append to the connection's queue under
 * the server's own mutex and wake the server through a pipe.  The server
 * thread takes the session lock for every call into a device, and never
 * holds the server mutex while it waits for the session lock (the CPU
 * thread takes them in the order session lock, then server mutex).
 *
 * A connection's life: negotiating (5 s at most, then it is taken for a
 * plain NVT) -> a TN3270 terminal on a 3270 (the logo until the guest
 * writes), or a line-mode client on a 3215, or a rejection screen and a
 * close 3 s later.  A malformed telnet stream or 3270 record, a client
 * that does not read its output, or the device going away closes that
 * connection only, with a line in the operator's log.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "console/codepage.h"
#include "console/dev3270.h"
#include "console/devices.h"
#include "console/ds3270.h"
#include "console/session.h"
#include "console/telnet.h"
#include "console/tn3270.h"
#include "cpu370/channel.h"

#define MAX_CONNS        64
#define NEGOTIATE_SECS   5.0         /* then a silent client is an NVT     */
#define REJECT_SECS      3.0         /* the rejection screen stays so long */
#define QUEUE_MAX        (4u << 20)  /* output a client may leave unread   */
#define HELD_FAST_SECS   2.0         /* retry held status every 50 ms for  */
#define HELD_FAST_PERIOD 0.05        /* 2 s, then every 0.5 s (a guest that */
#define HELD_SLOW_PERIOD 0.5         /* never enables the subchannel)       */

typedef enum ConnKind { CK_NEW, CK_3270, CK_3215, CK_REJECTED } ConnKind;

typedef struct Server Server;

typedef struct Conn {
    struct Conn *next;
    Server   *srv;
    int       fd;
    char      peer[64];
    Telnet    tn;                /* server thread only                     */
    ConnKind  kind;
    double    deadline;          /* negotiation end, or when to close      */
    /* Under the session lock: */
    Device   *dev;
    /* Under srv->mu (the CPU thread appends): */
    TnBuf     q;                 /* framed output after negotiation        */
    bool      guest_wrote;       /* the logo is gone                       */
    bool      dev_lost;          /* the device went away                   */
    /* Server thread: */
    bool      held;              /* the device holds unsolicited status    */
    double    held_since;        /* ... since then                         */
    double    held_next;         /* ... next try                           */
    bool      dead;              /* close at the end of this round         */
    const char *why;             /* ... and the log line says why          */
} Conn;

struct Server {
    Session  *s;
    int       lfd;
    int       wake[2];
    pthread_t thread;
    pthread_mutex_t mu;
    bool      stop;              /* under mu                               */
    Conn     *conns;
    unsigned  nconns;
    char      where[80];         /* "127.0.0.1:3270" for log lines         */
};

/* The session has no slot for front-end state, and tn3270_stop() is given
 * only the Session: this small table maps one to the other.  It holds no
 * machine state (two machines can each have their server). */
static pthread_mutex_t servers_mu = PTHREAD_MUTEX_INITIALIZER;
static Server *servers[8];

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void wake(Server *srv)
{
    char c = 1;
    ssize_t r = write(srv->wake[1], &c, 1);   /* full pipe: already awake */
    (void)r;
}

/* ---- Screens the server itself shows ----------------------------------------------- */

/* A small builder of outbound 3270 streams: text at a row, centred or at
 * a column, in a protected field. */
typedef struct Paint {
    uint8_t b[2048];
    size_t  n;
} Paint;

static void paint_byte(Paint *p, uint8_t c)
{
    if (p->n < sizeof p->b)
        p->b[p->n++] = c;
}

static void paint_text(Paint *p, int row, int col, uint8_t attr, const char *text)
{
    uint8_t a[2];
    size_t len = strlen(text);
    if (col < 0)
        col = (int)(80 - len) / 2;
    if (col < 1)
        col = 1;
    paint_byte(p, ORD_SBA);
    ds_addr_encode((unsigned)(row * 80 + col - 1), 1920, a);
    paint_byte(p, a[0]);
    paint_byte(p, a[1]);
    paint_byte(p, ORD_SF);
    paint_byte(p, ds_code(attr));
    uint8_t e[128];
    size_t k = utf8_to_ebcdic(text, len, e, sizeof e);
    for (size_t i = 0; i < k && i < 78; i++)
        paint_byte(p, e[i]);
    paint_byte(p, ORD_SF);            /* end the field: the rest is plain */
    paint_byte(p, ds_code(FA_PROTECTED));
}

/* The logo a display shows from connection until the guest writes: what
 * it is, which device, and where the operator is.  No input field, so a
 * client waiting for one waits for the guest; the keyboard is unlocked so
 * an attention key reaches the guest. */
static void logo_screen(Conn *c, Paint *p)
{
    char line[100];
    const Telnet *t = &c->tn;
    static const int rows[6] = { 24, 24, 24, 32, 43, 27 };
    static const int cols[6] = { 80, 80, 80, 80, 80, 132 };
    int model = t->model >= 2 && t->model <= 5 ? t->model : 2;
    p->n = 0;
    paint_byte(p, DS_CMD_EW);
    paint_byte(p, ds_code(WCC_KBD_RESTORE | WCC_RESET_MDT));
    paint_text(p, 1, -1, FA_PROTECTED | FA_INTENSE, "i n t e r p e x");
    paint_text(p, 3, -1, FA_PROTECTED, "an ESA/390 and System/370 machine, interpreted");
    snprintf(line, sizeof line, "Device number  . . . : %04X", c->dev ? c->dev->devnum : 0);
    paint_text(p, 6, 15, FA_PROTECTED, line);
    snprintf(line, sizeof line, "Subchannel . . . . . : %04X", c->dev ? c->dev->subchan : 0);
    paint_text(p, 7, 15, FA_PROTECTED, line);
    snprintf(line, sizeof line, "Terminal type  . . . : %.30s", t->ttype);
    paint_text(p, 8, 15, FA_PROTECTED, line);
    snprintf(line, sizeof line, "Screen . . . . . . . : model %d, %d x %d", model,
             rows[model], cols[model]);
    paint_text(p, 9, 15, FA_PROTECTED, line);
    snprintf(line, sizeof line, "Connected from . . . : %.40s", c->peer);
    paint_text(p, 10, 15, FA_PROTECTED, line);
    paint_text(p, 13, -1, FA_PROTECTED | FA_INTENSE,
               "This display is ready; the program on the machine has not written to it.");
    paint_text(p, 15, -1, FA_PROTECTED,
               "The operator console is the terminal where interpex runs");
    paint_text(p, 16, -1, FA_PROTECTED,
               "(ipl, start, stop, devlist, quit ... ; help lists the commands).");
    paint_text(p, 22, -1, FA_PROTECTED, "Enter, PF and PA keys and Clear go to the program.");
}

static void reject_screen(Paint *p, const char *why)
{
    p->n = 0;
    paint_byte(p, DS_CMD_EW);
    paint_byte(p, ds_code(0));        /* keyboard stays locked */
    paint_text(p, 1, -1, FA_PROTECTED | FA_INTENSE, "i n t e r p e x");
    paint_text(p, 4, -1, FA_PROTECTED | FA_INTENSE, "Connection rejected:");
    paint_text(p, 6, -1, FA_PROTECTED, why);
    paint_text(p, 9, -1, FA_PROTECTED, "The connection will be closed.");
}

/* ---- Callbacks from the device (CPU thread, session lock held) ------------------ */

static void term_outbound(void *ctx, const uint8_t *data, size_t len)
{
    Conn *c = ctx;
    Server *srv = c->srv;
    pthread_mutex_lock(&srv->mu);
    if (!c->guest_wrote) {
        c->guest_wrote = true;
        /* The logo goes: a guest that starts with a plain Write would
         * otherwise draw over it instead of on the blank screen it
         * expects of a display that has just come on. */
        if (len && data[0] != DS_CMD_EW && data[0] != DS_CMD_EWA) {
            static const uint8_t erase[2] = { DS_CMD_EW, 0x40 };
            tnbuf_record(&c->q, erase, sizeof erase);
        }
    }
    tnbuf_record(&c->q, data, len);
    pthread_mutex_unlock(&srv->mu);
    wake(srv);
}

static void term_detached(void *ctx)
{
    Conn *c = ctx;
    c->dev = NULL;                    /* the session lock is held */
    pthread_mutex_lock(&c->srv->mu);
    c->dev_lost = true;
    pthread_mutex_unlock(&c->srv->mu);
    wake(c->srv);
}

static void line_output(void *ctx, const char *text, size_t len)
{
    Conn *c = ctx;
    pthread_mutex_lock(&c->srv->mu);
    tnbuf_text(&c->q, text, len);
    pthread_mutex_unlock(&c->srv->mu);
    wake(c->srv);
}

/* ---- Connecting a terminal to a device (server thread) --------------------------- */

static void queue_record(Conn *c, const uint8_t *data, size_t len)
{
    pthread_mutex_lock(&c->srv->mu);
    tnbuf_record(&c->q, data, len);
    pthread_mutex_unlock(&c->srv->mu);
}

static void queue_text(Conn *c, const char *text)
{
    pthread_mutex_lock(&c->srv->mu);
    tnbuf_text(&c->q, text, strlen(text));
    pthread_mutex_unlock(&c->srv->mu);
}

static void reject(Conn *c, const char *why)
{
    Paint p;
    if (c->kind == CK_NEW && c->tn.mode == TN_3270) {
        reject_screen(&p, why);
        queue_record(c, p.b, p.n);
    } else {
        char line[200];
        snprintf(line, sizeof line, "interpex: connection rejected: %s\n", why);
        queue_text(c, line);
    }
    c->kind = CK_REJECTED;
    c->deadline = now_s() + REJECT_SECS;
    session_log(c->srv->s, "TN3270 %s (%s): rejected: %s", c->peer,
                c->tn.ttype[0] ? c->tn.ttype : "no terminal type", why);
}

/* The device the client asked for with "@devnum", or -1 for any; -2 when
 * the suffix is not a device number. */
static int wanted_devnum(const Telnet *t)
{
    if (!t->devname[0])
        return -1;
    char *end;
    unsigned long v = strtoul(t->devname, &end, 16);
    if (*end || end == t->devname || v > 0xFFFF || strlen(t->devname) > 4)
        return -2;
    return (int)v;
}

/* Find a free device that `usable` accepts: the wanted one, or the first.
 * Returns it, or NULL with the reason in why. */
static Device *pick_device(Machine *m, int want, bool (*usable)(const Device *),
                           bool (*busy)(const Device *), const char *kind,
                           char *why, size_t whylen)
{
    if (want >= 0) {
        Device *d = css_find_device(m, (uint16_t)want);
        if (!d)
            snprintf(why, whylen, "device %04X does not exist", (unsigned)want);
        else if (!usable(d))
            snprintf(why, whylen, "device %04X is not a %s", (unsigned)want, kind);
        else if (busy(d))
            snprintf(why, whylen, "device %04X is in use", (unsigned)want);
        else
            return d;
        return NULL;
    }
    for (unsigned i = 0; i < m->ndevices; i++) {
        Device *d = m->devices[i];
        if (d && usable(d) && !busy(d))
            return d;
    }
    snprintf(why, whylen, "no %s is free", kind);
    return NULL;
}

static bool busy_3270(const Device *d) { return dev3270_attached(d); }

static bool remote_console(const Device *d) { return con3215_remote(d); }

/* A 3215 is busy when its output hook is taken; trying to take it is the
 * test, so this says "not busy" and connect_3215 handles the race. */
static bool busy_never(const Device *d) { (void)d; return false; }

static void connect_3270(Conn *c)
{
    Server *srv = c->srv;
    char why[120];
    int want = wanted_devnum(&c->tn);
    if (want == -2) {
        snprintf(why, sizeof why, "'%.40s' is not a device number", c->tn.devname);
        reject(c, why);
        return;
    }
    session_lock(srv->s);
    Device *d = pick_device(session_machine(srv->s), want, dev_is_3270, busy_3270,
                            "3270 display", why, sizeof why);
    if (d) {
        Terminal term = {
            .ctx = c, .model = c->tn.model, .color = c->tn.color,
            .extended = c->tn.extended,
            .outbound = term_outbound, .detached = term_detached,
        };
        c->dev = d;
        Paint p;
        logo_screen(c, &p);
        queue_record(c, p.b, p.n);    /* before the guest can write */
        dev3270_attach(d, &term);
        c->held = dev3270_poll(d);
        c->held_since = c->held_next = now_s();
        c->kind = CK_3270;
    }
    session_unlock(srv->s);
    if (!d) {
        reject(c, why);
        return;
    }
    session_log(srv->s, "TN3270 %s (%s) connected to %04X", c->peer, c->tn.ttype, d->devnum);
}

static void connect_3215(Conn *c)
{
    Server *srv = c->srv;
    char why[120];
    int want = wanted_devnum(&c->tn);
    if (want == -2) {
        snprintf(why, sizeof why, "'%.40s' is not a device number", c->tn.devname);
        reject(c, why);
        return;
    }
    session_lock(srv->s);
    Machine *m = session_machine(srv->s);
    Device *d = NULL;
    if (want >= 0) {
        d = pick_device(m, want, remote_console, busy_never, "line-mode console (3215)",
                        why, sizeof why);
        if (d && !con3215_set_remote(d, line_output, term_detached, c)) {
            snprintf(why, sizeof why, "device %04X is in use", (unsigned)want);
            d = NULL;
        }
    } else {
        snprintf(why, sizeof why, "no line-mode console (3215) is free; "
                 "3270 displays need a TN3270 client");
        for (unsigned i = 0; i < m->ndevices && !d; i++)
            if (remote_console(m->devices[i]) &&
                con3215_set_remote(m->devices[i], line_output, term_detached, c))
                d = m->devices[i];
    }
    if (d) {
        c->dev = d;
        c->kind = CK_3215;
        char line[160];
        snprintf(line, sizeof line, "interpex: connected to console %04X (%s, line mode).\n"
                 "Output of the program appears here; a line you type is its next input.\n",
                 d->devnum, d->ops->type);
        queue_text(c, line);
    }
    session_unlock(srv->s);
    if (!d) {
        reject(c, why);
        return;
    }
    session_log(srv->s, "TN3270 %s (%s) connected to console %04X", c->peer,
                c->tn.ttype[0] ? c->tn.ttype : "no terminal type", d->devnum);
}

/* ---- Telnet events (server thread) ------------------------------------------------ */

static void ev_mode(void *ctx, TnMode mode)
{
    Conn *c = ctx;
    if (mode == TN_3270)
        connect_3270(c);
    else if (mode == TN_LINE)
        connect_3215(c);
}

static void ev_record(void *ctx, const uint8_t *data, size_t len)
{
    Conn *c = ctx;
    if (c->kind != CK_3270 || c->dead)
        return;
    Server *srv = c->srv;
    bool ok = true;
    session_lock(srv->s);
    if (c->dev) {
        ok = dev3270_input(c->dev, data, len);
        if (ok && dev3270_poll(c->dev) && !c->held) {
            c->held = true;
            c->held_since = c->held_next = now_s();
        }
    }
    session_unlock(srv->s);
    if (!ok) {
        c->dead = true;
        c->why = "malformed 3270 record";
    }
}

static void ev_line(void *ctx, const char *text, size_t len)
{
    Conn *c = ctx;
    if (c->kind != CK_3215 || c->dead)
        return;
    char line[TN_LINE_MAX + 1];
    if (len > TN_LINE_MAX)
        len = TN_LINE_MAX;
    memcpy(line, text, len);
    line[len] = 0;
    bool ok = true;
    session_lock(c->srv->s);
    if (c->dev) {
        ok = con3215_input(c->dev, line);
        session_notify(c->srv->s);
    }
    session_unlock(c->srv->s);
    if (!ok)
        queue_text(c, "interpex: the program has not read the previous line yet.\n");
}

static TelnetEvents events_of(Conn *c)
{
    return (TelnetEvents){ .ctx = c, .mode = ev_mode, .record = ev_record, .line = ev_line };
}

/* ---- Connections ----------------------------------------------------------------------- */

static void conn_free(Server *srv, Conn *c)
{
    session_lock(srv->s);
    if (c->dev) {
        if (c->kind == CK_3270)
            dev3270_detach(c->dev);
        else if (c->kind == CK_3215)
            con3215_set_remote(c->dev, NULL, NULL, NULL);
        c->dev = NULL;
    }
    session_unlock(srv->s);
    close(c->fd);
    telnet_free(&c->tn);
    tnbuf_free(&c->q);
    free(c);
}

static void conn_accept(Server *srv)
{
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    int fd = accept(srv->lfd, (struct sockaddr *)&sa, &salen);
    if (fd < 0)
        return;
    char host[48] = "?", port[8] = "?";
    getnameinfo((struct sockaddr *)&sa, salen, host, sizeof host, port, sizeof port,
                NI_NUMERICHOST | NI_NUMERICSERV);
    if (srv->nconns >= MAX_CONNS) {
        session_log(srv->s, "TN3270 %s:%s: too many connections, refused", host, port);
        close(fd);
        return;
    }
    Conn *c = calloc(1, sizeof *c);
    if (!c) {
        close(fd);
        return;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->srv = srv;
    c->fd = fd;
    snprintf(c->peer, sizeof c->peer, "%s:%s", host, port);
    telnet_init(&c->tn);
    c->deadline = now_s() + NEGOTIATE_SECS;
    c->next = srv->conns;
    srv->conns = c;
    srv->nconns++;
}

/* Read what the client sent and run it through telnet. */
static void conn_read(Conn *c)
{
    uint8_t buf[4096];
    ssize_t n = recv(c->fd, buf, sizeof buf, 0);
    if (n == 0) {
        c->dead = true;
        c->why = "disconnected";
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            c->dead = true;
            c->why = "connection error";
        }
        return;
    }
    TelnetEvents ev = events_of(c);
    if (telnet_recv(&c->tn, buf, (size_t)n, &ev) < 0 && !c->dead) {
        c->dead = true;
        c->why = c->tn.error;
    }
}

/* Send what is queued: negotiation first, then the framed data.  Returns
 * false when nothing is left. */
static bool conn_write(Conn *c)
{
    Server *srv = c->srv;
    if (c->tn.out.len) {
        ssize_t n = send(c->fd, c->tn.out.p, c->tn.out.len, MSG_NOSIGNAL);
        if (n > 0)
            tnbuf_consume(&c->tn.out, (size_t)n);
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            c->dead = true;
            c->why = "connection error";
        }
        if (c->tn.out.len)
            return true;
    }
    /* Data waits for the end of negotiation (RFC 1576: none before). */
    if (c->tn.mode == TN_NEGOTIATING)
        return false;
    pthread_mutex_lock(&srv->mu);
    bool more = false;
    if (c->q.failed || c->q.len > QUEUE_MAX) {
        c->dead = true;
        c->why = "the client does not read its output";
    } else if (c->q.len) {
        ssize_t n = send(c->fd, c->q.p, c->q.len, MSG_NOSIGNAL);
        if (n > 0)
            tnbuf_consume(&c->q, (size_t)n);
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            c->dead = true;
            c->why = "connection error";
        }
        more = c->q.len > 0;
    }
    pthread_mutex_unlock(&srv->mu);
    return more;
}

static bool conn_has_output(Conn *c)
{
    if (c->tn.out.len)
        return true;
    if (c->tn.mode == TN_NEGOTIATING)
        return false;
    pthread_mutex_lock(&c->srv->mu);
    bool more = c->q.len > 0;
    pthread_mutex_unlock(&c->srv->mu);
    return more;
}

/* Timers and held status: called every round. */
static void conn_tick(Conn *c, double now)
{
    Server *srv = c->srv;
    if (c->kind == CK_NEW && c->tn.mode == TN_NEGOTIATING && now >= c->deadline) {
        TelnetEvents ev = events_of(c);
        telnet_timeout(&c->tn, &ev);
        if (c->tn.mode == TN_FAILED) {
            c->dead = true;
            c->why = c->tn.error;
        }
    }
    if (c->kind == CK_REJECTED && now >= c->deadline &&
        (!conn_has_output(c) || now >= c->deadline + 10)) {
        c->dead = true;
        c->why = "rejected";
    }
    pthread_mutex_lock(&srv->mu);
    bool lost = c->dev_lost;
    pthread_mutex_unlock(&srv->mu);
    if (lost && !c->dead) {
        c->dead = true;
        c->why = "the device was detached";
    }
    if (c->held && !c->dead && now >= c->held_next) {
        session_lock(srv->s);
        c->held = c->dev && c->kind == CK_3270 && dev3270_poll(c->dev);
        session_unlock(srv->s);
        c->held_next = now + (now - c->held_since < HELD_FAST_SECS ? HELD_FAST_PERIOD
                                                                   : HELD_SLOW_PERIOD);
    }
}

/* ---- The server thread ----------------------------------------------------------------- */

static void *server_thread(void *arg)
{
    Server *srv = arg;
    struct pollfd *pf = calloc(MAX_CONNS + 2, sizeof *pf);
    Conn **pc = calloc(MAX_CONNS + 2, sizeof *pc);
    if (!pf || !pc) {
        session_log(srv->s, "TN3270: out of memory, server stopped");
        free(pf);
        free(pc);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&srv->mu);
        bool stop = srv->stop;
        pthread_mutex_unlock(&srv->mu);
        if (stop)
            break;

        double now = now_s();
        int timeout = -1;
        nfds_t n = 0;
        pf[n++] = (struct pollfd){ .fd = srv->wake[0], .events = POLLIN };
        pf[n++] = (struct pollfd){ .fd = srv->lfd, .events = POLLIN };
        for (Conn *c = srv->conns; c; c = c->next) {
            pc[n] = c;
            pf[n++] = (struct pollfd){
                .fd = c->fd,
                .events = (short)(POLLIN | (conn_has_output(c) ? POLLOUT : 0)),
            };
            /* Wake for a deadline (at most every 100 ms once it has
             * passed: a rejected client may still be reading) and for
             * held status. */
            int ms = -1;
            if (c->kind == CK_NEW || c->kind == CK_REJECTED)
                ms = c->deadline > now ? (int)((c->deadline - now) * 1000) + 1 : 100;
            if (c->held) {
                int hm = c->held_next > now ? (int)((c->held_next - now) * 1000) + 1 : 0;
                if (ms < 0 || hm < ms)
                    ms = hm;
            }
            if (ms >= 0 && (timeout < 0 || ms < timeout))
                timeout = ms;
        }
        if (poll(pf, n, timeout) < 0 && errno != EINTR)
            break;
        if (pf[0].revents & POLLIN) {
            char junk[64];
            while (read(srv->wake[0], junk, sizeof junk) > 0)
                ;
        }
        if (pf[1].revents & POLLIN)
            conn_accept(srv);
        for (nfds_t i = 2; i < n; i++) {
            Conn *c = pc[i];
            if (pf[i].revents & (POLLIN | POLLHUP | POLLERR))
                conn_read(c);
            if (!c->dead)
                conn_write(c);
        }
        now = now_s();
        Conn **link = &srv->conns;
        while (*link) {
            Conn *c = *link;
            if (!c->dead)
                conn_tick(c, now);
            if (c->dead) {
                if (c->why && strcmp(c->why, "rejected"))
                    session_log(srv->s, "TN3270 %s: closed: %s", c->peer, c->why);
                *link = c->next;
                srv->nconns--;
                conn_free(srv, c);
            } else {
                link = &c->next;
            }
        }
    }
    while (srv->conns) {
        Conn *c = srv->conns;
        srv->conns = c->next;
        conn_free(srv, c);
    }
    srv->nconns = 0;
    free(pf);
    free(pc);
    return NULL;
}

/* ---- Start and stop ------------------------------------------------------------------------ */

static int listen_on(const char *host, int port, char *err, size_t errlen)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV }, *res;
    char ports[16];
    snprintf(ports, sizeof ports, "%d", port);
    int rc = getaddrinfo(host, ports, &hints, &res);
    if (rc) {
        snprintf(err, errlen, "TN3270: %s: %s", host, gai_strerror(rc));
        return -1;
    }
    int fd = -1, saved = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 || listen(fd, 16) < 0) {
            saved = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        snprintf(err, errlen, "TN3270: cannot listen on %s:%d: %s", host, port, strerror(saved));
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

int tn3270_start(Session *s, const char *host, int port, char *err, size_t errlen)
{
    if (!host || !*host)
        host = "127.0.0.1";
    if (port <= 0 || port > 65535) {
        snprintf(err, errlen, "TN3270: bad port %d", port);
        return -1;
    }
    Server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errlen, "TN3270: out of memory");
        return -1;
    }
    srv->s = s;
    srv->lfd = listen_on(host, port, err, errlen);
    if (srv->lfd < 0) {
        free(srv);
        return -1;
    }
    if (pipe(srv->wake) < 0) {
        snprintf(err, errlen, "TN3270: pipe: %s", strerror(errno));
        close(srv->lfd);
        free(srv);
        return -1;
    }
    for (int i = 0; i < 2; i++)
        fcntl(srv->wake[i], F_SETFL, fcntl(srv->wake[i], F_GETFL) | O_NONBLOCK);
    pthread_mutex_init(&srv->mu, NULL);
    snprintf(srv->where, sizeof srv->where, "%s:%d", host, port);

    pthread_mutex_lock(&servers_mu);
    size_t slot = 0;
    while (slot < sizeof servers / sizeof servers[0] && servers[slot])
        slot++;
    bool full = slot == sizeof servers / sizeof servers[0];
    if (!full)
        servers[slot] = srv;
    pthread_mutex_unlock(&servers_mu);
    if (full || pthread_create(&srv->thread, NULL, server_thread, srv)) {
        snprintf(err, errlen, "TN3270: cannot start the server thread");
        pthread_mutex_lock(&servers_mu);
        if (!full)
            servers[slot] = NULL;
        pthread_mutex_unlock(&servers_mu);
        close(srv->lfd);
        close(srv->wake[0]);
        close(srv->wake[1]);
        pthread_mutex_destroy(&srv->mu);
        free(srv);
        return -1;
    }
    return 0;
}

void tn3270_stop(Session *s)
{
    Server *srv = NULL;
    pthread_mutex_lock(&servers_mu);
    for (size_t i = 0; i < sizeof servers / sizeof servers[0]; i++)
        if (servers[i] && servers[i]->s == s) {
            srv = servers[i];
            servers[i] = NULL;
            break;
        }
    pthread_mutex_unlock(&servers_mu);
    if (!srv)
        return;
    pthread_mutex_lock(&srv->mu);
    srv->stop = true;
    pthread_mutex_unlock(&srv->mu);
    wake(srv);
    pthread_join(srv->thread, NULL);
    close(srv->lfd);
    close(srv->wake[0]);
    close(srv->wake[1]);
    pthread_mutex_destroy(&srv->mu);
    free(srv);
}
