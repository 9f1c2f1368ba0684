/*
 * session.c — the interactive machine: the CPU thread, the session lock,
 * the operator states and the output shared by every thread (session.h).
 *
 * The CPU thread holds the lock while it runs instructions.  Another thread
 * takes the lock with session_lock(): it counts itself in `pausers` and
 * kicks the CPU (cpu_kick(): a stop request the run loop looks at when its
 * batch ends, within a timer slice), so cpu_run() returns STOP_OPERATOR
 * between two instructions; the
 * CPU thread sees pausers > 0 and sleeps on cpu_cv, which releases the
 * lock.  That is a *pause*, invisible to the program.  An operator *stop*
 * is a state: `started` false (ESA/390 PoO SA22-7201 ch. 4, "Stopped,
 * operating, load and check-stop states").
 *
 * Enabled wait: the run loop calls the Machine's wait hook, which sleeps
 * on cpu_cv with the lock released until session_notify(), an unlock, or
 * the next timer event the PSW and CR0 enable (real-time clocks: the
 * clock comparator, the CPU timer, the S/370 interval timer).
 */
#define _GNU_SOURCE                  /* fopencookie */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console/peek.h"
#include "console/session.h"
#include "cpu370/insn.h"

#define LINE_MAX_OUT 1024

typedef struct LineStream {
    Session *s;
    bool     stamp;                 /* lines get the time (session_log)  */
    bool     partial_shown;         /* buf was shown before its newline  */
    char     buf[LINE_MAX_OUT];
    size_t   len;
} LineStream;

struct Session {
    Machine *m;
    pthread_mutex_t lock;           /* THE session lock                  */
    pthread_cond_t  cpu_cv;         /* the CPU thread sleeps here        */
    atomic_int      pausers;        /* threads in session_lock..unlock   */
    uint64_t        wake_seq;       /* bumped by notify and unlock       */
    pthread_t       thread;
    bool            thread_on;
    bool            quit;
    bool            started;        /* operator state: operating         */
    atomic_bool     running;        /* mirror of started for other threads */
    bool (*inner_wait)(Machine *m, Cpu *c);   /* the channel's wait hook */

    /* Debugging. */
    bool     trace, step;
    uint64_t step_icount;           /* instruction shown by a step stop  */
    uint32_t step_ia;
    bool     step_shown;
    uint32_t bp[SESSION_MAX_BREAKPOINTS];
    unsigned nbp;
    uint64_t bp_icount;             /* a breakpoint stop: start goes past */
    bool     bp_stopped;

    /* Output. */
    pthread_mutex_t out_lock;
    FILE           *out;
    SessionOutput  *hook;
    void           *hook_ctx;
    LineStream      con;            /* 3215-C output                     */
    FILE           *con_stream;
    LineStream      txt;            /* command output written to a FILE  */
    FILE           *txt_stream;

    /* Speed. */
    pthread_mutex_t rate_lock;
    struct timespec last_t, run_t;
    uint64_t        last_icount;
    double          mips, max_mips, run_seconds;
    time_t          max_when;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double ts_s(const struct timespec *t)
{
    return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

/* ---- output ------------------------------------------------------------------ */

static void emit_line(Session *s, const char *line)
{
    pthread_mutex_lock(&s->out_lock);
    if (s->hook) {
        s->hook(s->hook_ctx, line);
    } else if (s->out) {
        fputs(line, s->out);
        fputc('\n', s->out);
        fflush(s->out);
    }
    pthread_mutex_unlock(&s->out_lock);
}

static void emit_text(Session *s, const char *text, bool stamp)
{
    char prefix[16] = "";
    if (stamp) {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(prefix, sizeof prefix, "%H:%M:%S ", &tm);
    }
    const char *p = text;
    do {
        size_t n = strcspn(p, "\n");
        char line[LINE_MAX_OUT + 16];
        if (n > LINE_MAX_OUT)
            n = LINE_MAX_OUT;
        snprintf(line, sizeof line, "%s%.*s", prefix, (int)n, p);
        emit_line(s, line);
        p += n;
        if (*p == '\n')
            p++;
    } while (*p);
}

static void vprint(Session *s, bool stamp, const char *fmt, va_list ap)
{
    char small[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n < sizeof small) {
        emit_text(s, small, stamp);
    } else {
        char *big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, ap2);
            emit_text(s, big, stamp);
            free(big);
        }
    }
    va_end(ap2);
}

void session_print(Session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(s, false, fmt, ap);
    va_end(ap);
}

void session_log(Session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(s, true, fmt, ap);
    va_end(ap);
}

void session_set_output_hook(Session *s, SessionOutput *fn, void *ctx)
{
    pthread_mutex_lock(&s->out_lock);
    s->hook = fn;
    s->hook_ctx = ctx;
    pthread_mutex_unlock(&s->out_lock);
}

/* fopencookie write: collect bytes into lines. */
static ssize_t line_stream_write(void *cookie, const char *buf, size_t size)
{
    LineStream *ls = cookie;
    for (size_t i = 0; i < size; i++) {
        if (buf[i] == '\n' && ls->len == 0 && ls->partial_shown) {
            ls->partial_shown = false;    /* the end of a line already shown */
            continue;
        }
        ls->partial_shown = false;
        if (buf[i] == '\n' || ls->len == sizeof ls->buf - 1) {
            ls->buf[ls->len] = 0;
            emit_text(ls->s, ls->buf, ls->stamp);
            ls->len = 0;
            if (buf[i] == '\n')
                continue;
        }
        ls->buf[ls->len++] = buf[i];
    }
    return (ssize_t)size;
}

/* Show a line the program has not ended yet (a prompt written without
 * carrier return, before the program waits for the reply). */
static void line_stream_show_partial(LineStream *ls)
{
    if (ls->len == 0)
        return;
    ls->buf[ls->len] = 0;
    emit_text(ls->s, ls->buf, ls->stamp);
    ls->len = 0;
    ls->partial_shown = true;
}

static int line_stream_close(void *cookie)
{
    LineStream *ls = cookie;
    if (ls->len) {
        ls->buf[ls->len] = 0;
        emit_text(ls->s, ls->buf, ls->stamp);
        ls->len = 0;
    }
    return 0;
}

static FILE *line_stream_open(LineStream *ls)
{
    cookie_io_functions_t io = { .write = line_stream_write, .close = line_stream_close };
    FILE *f = fopencookie(ls, "w", io);
    if (f)
        setvbuf(f, NULL, _IOLBF, 0);
    return f;
}

FILE *session_console_stream(Session *s)
{
    return s->con_stream;
}

FILE *session_text_stream(Session *s)
{
    return s->txt_stream;
}

/* ---- instruction display ---------------------------------------------------------- */

static void show_regs(Session *s, const uint32_t *r, const char *name)
{
    for (int i = 0; i < 16; i += 4)
        session_print(s, "%s%02d=%08X  %s%02d=%08X  %s%02d=%08X  %s%02d=%08X",
                      name, i, r[i], name, i + 1, r[i + 1], name, i + 2, r[i + 2],
                      name, i + 3, r[i + 3]);
}

static void show_instruction_at(Session *s, Cpu *c, uint32_t ia)
{
    uint32_t w[2];
    uint8_t ib[6] = { 0 };
    unsigned len;
    char hex[16] = "????", text[96] = "(instruction not addressable)";
    peek_psw(c, ia, w);
    if (peek_insn(c, ia, true, ib, &len)) {
        for (unsigned i = 0; i < len; i++)
            snprintf(hex + 2 * i, 3, "%02X", ib[i]);
        op_disassemble(ib, text, sizeof text);
    }
    session_print(s, "PSW=%08X %08X INST=%-12s %s", w[0], w[1], hex, text);
    show_regs(s, c->gr, "GR");
}

void session_show_instruction(Session *s)
{
    show_instruction_at(s, s->m->cpu, s->m->cpu->ia);
}

/* The CPU's trace hook.  The session is found through the Machine (its
 * io_ctx is the front end's), so hooks.ctx stays free for other hooks. */
static void trace_hook(void *ctx, Cpu *c, const uint8_t *ip)
{
    (void)ctx;
    (void)ip;
    show_instruction_at(c->m->io_ctx, c, c->ia_cur);
}

/* ---- the lock ---------------------------------------------------------------------- */

void session_lock(Session *s)
{
    atomic_fetch_add(&s->pausers, 1);
    if (s->thread_on)
        cpu_kick(s->m->cpu);
    pthread_mutex_lock(&s->lock);
}

void session_unlock(Session *s)
{
    atomic_fetch_sub(&s->pausers, 1);
    s->wake_seq++;                        /* whatever we did, the CPU looks again */
    pthread_cond_broadcast(&s->cpu_cv);
    pthread_mutex_unlock(&s->lock);
}

void session_notify(Session *s)
{
    s->wake_seq++;
    pthread_cond_broadcast(&s->cpu_cv);
}

Machine *session_machine(Session *s)
{
    return s->m;
}

/* ---- operator states ---------------------------------------------------------------- */

static void set_started(Session *s, bool on)
{
    if (s->started == on)
        return;
    pthread_mutex_lock(&s->rate_lock);
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if (on)
        s->run_t = t;
    else
        s->run_seconds += ts_s(&t) - ts_s(&s->run_t);
    pthread_mutex_unlock(&s->rate_lock);
    s->started = on;
    atomic_store(&s->running, on);
    pthread_cond_broadcast(&s->cpu_cv);
}

void session_cpu_start(Session *s)
{
    s->bp_stopped = s->bp_stopped && s->bp_icount == s->m->cpu->icount;
    set_started(s, true);
}

void session_cpu_stop(Session *s)
{
    set_started(s, false);
}

bool session_cpu_started(Session *s)
{
    return s->started;
}

bool session_wait_stopped(Session *s, double secs)
{
    double end = now_s() + secs;
    while (atomic_load(&s->running)) {
        if (now_s() >= end)
            return false;
        struct timespec ts = { 0, 5 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    return true;
}

/* ---- debugging controls ----------------------------------------------------------- */

void session_set_trace(Session *s, bool on)
{
    s->trace = on;
    s->m->cpu->hooks.trace = on ? trace_hook : NULL;
    cpu_request_event_check(s->m->cpu);
}

bool session_trace(Session *s) { return s->trace; }

void session_set_step(Session *s, bool on)
{
    s->step = on;
    s->step_shown = false;
}

bool session_step(Session *s) { return s->step; }

int session_add_breakpoint(Session *s, uint32_t addr)
{
    for (unsigned i = 0; i < s->nbp; i++)
        if (s->bp[i] == addr)
            return 0;
    if (s->nbp == SESSION_MAX_BREAKPOINTS)
        return -1;
    s->bp[s->nbp++] = addr;
    return 0;
}

void session_clear_breakpoints(Session *s)
{
    s->nbp = 0;
    s->bp_stopped = false;
}

unsigned session_breakpoints(Session *s, uint32_t *addrs)
{
    if (addrs)
        memcpy(addrs, s->bp, s->nbp * sizeof *addrs);
    return s->nbp;
}

/* ---- speed ----------------------------------------------------------------------- */

void session_sample_rates(Session *s)
{
    uint64_t ic = __atomic_load_n(&s->m->cpu->icount, __ATOMIC_RELAXED);
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    pthread_mutex_lock(&s->rate_lock);
    double dt = ts_s(&t) - ts_s(&s->last_t);
    if (dt >= 0.05) {
        s->mips = (double)(ic - s->last_icount) / dt / 1e6;
        if (s->mips > s->max_mips) {
            s->max_mips = s->mips;
            s->max_when = time(NULL);
        }
        s->last_t = t;
        s->last_icount = ic;
    }
    pthread_mutex_unlock(&s->rate_lock);
}

void session_rates(Session *s, SessionRates *r)
{
    session_sample_rates(s);
    pthread_mutex_lock(&s->rate_lock);
    r->icount = __atomic_load_n(&s->m->cpu->icount, __ATOMIC_RELAXED);
    r->mips = s->mips;
    r->max_mips = s->max_mips;
    r->max_when = s->max_when;
    r->run_seconds = s->run_seconds;
    if (atomic_load(&s->running))
        r->run_seconds += now_s() - ts_s(&s->run_t);
    pthread_mutex_unlock(&s->rate_lock);
}

/* ---- the enabled wait ------------------------------------------------------------- */

/* Seconds until the next timer event that could end the wait. */
static double timer_horizon(Cpu *c)
{
    double best = 0.25;                  /* look again at least this often */
    if (!psw_ext_enabled(c))
        return best;
    if (c->cr[0] & CR0_CLOCK_COMPARATOR) {
        uint64_t tod = tod_now(c);
        double d = c->ckc > tod ? (double)(c->ckc - tod) / 4096e6 : 0;
        if (d < best)
            best = d;
    }
    if (c->cr[0] & CR0_CPU_TIMER) {
        int64_t t = cpu_timer_get(c);
        double d = t > 0 ? (double)t / 4096e6 : 0;
        if (d < best)
            best = d;
    }
    if (c->arch == ARCH_S370 && (c->cr[0] & CR0_INTERVAL_TIMER) && best > 1.0 / 300)
        best = 1.0 / 300;
    return best;
}

/* The Machine's wait hook, called by the run loop (lock held) when the
 * PSW is an enabled wait. */
static bool session_wait(Machine *m, Cpu *c)
{
    Session *s = m->io_ctx;
    if (s->inner_wait && s->inner_wait(m, c))
        return true;                      /* stalled channel programs posted */
    if (c->deterministic)
        return false;                     /* cpu.c skips time itself */
    line_stream_show_partial(&s->con);
    double secs = timer_horizon(c);
    if (secs <= 0)
        return true;
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    double when = ts_s(&dl) + secs;
    dl.tv_sec = (time_t)when;
    dl.tv_nsec = (long)((when - (double)dl.tv_sec) * 1e9);
    uint64_t seq = s->wake_seq;
    while (seq == s->wake_seq && !s->quit && atomic_load(&s->pausers) == 0 && s->started) {
        if (pthread_cond_timedwait(&s->cpu_cv, &s->lock, &dl))
            break;                        /* timed out */
    }
    return true;
}

static void install_wait_hook(Session *s)
{
    Machine *m = s->m;
    if (m->wait != session_wait) {
        /* css_attach() installs the channel subsystem's hook: keep it
         * and call it first. */
        s->inner_wait = m->wait;
        m->wait = session_wait;
    }
}

/* ---- the CPU thread ---------------------------------------------------------------- */

/* Act on why cpu_run() returned. */
static void stopped_because(Session *s, StopReason why)
{
    Cpu *c = s->m->cpu;
    uint32_t w[2];
    peek_psw(c, c->ia, w);
    switch (why) {
    /* The message first: whoever waits for the stop then sees it. */
    case STOP_DISABLED_WAIT:
        session_log(s, "CPU0000: Disabled wait state PSW=%08X %08X", w[0], w[1]);
        set_started(s, false);
        break;
    case STOP_CHECKSTOP:
        session_log(s, "CPU0000: Check-stop state (program-interruption loop) PSW=%08X %08X",
                    w[0], w[1]);
        set_started(s, false);
        break;
    case STOP_IDLE_WAIT:
        session_log(s, "CPU0000: enabled wait that no event can end; stopped PSW=%08X %08X",
                    w[0], w[1]);
        set_started(s, false);
        break;
    default:
        break;                            /* a pause, a step, a stop: the loop decides */
    }
}

static StopReason run_one(Cpu *c)
{
    c->max_insns = c->icount + 1;
    StopReason why = cpu_run(c);
    c->max_insns = 0;
    return why;
}

static bool at_breakpoint(Session *s, uint32_t ia)
{
    for (unsigned i = 0; i < s->nbp; i++)
        if (s->bp[i] == ia)
            return true;
    return false;
}

/* One turn of the CPU thread in the operating state (lock held). */
static void run_some(Session *s)
{
    Cpu *c = s->m->cpu;
    install_wait_hook(s);
    if (s->step) {
        /* Stop before each instruction and show it; `start` runs the one
         * shown (as Hercules' instruction stepping does). */
        if (s->step_shown && s->step_icount == c->icount && s->step_ia == c->ia) {
            StopReason why = run_one(c);
            if (why != STOP_INSN_LIMIT) {
                stopped_because(s, why);
                if (why == STOP_OPERATOR)
                    return;
            }
        }
        if (s->started && s->step) {
            session_show_instruction(s);
            s->step_shown = true;
            s->step_icount = c->icount;
            s->step_ia = c->ia;
            set_started(s, false);
        }
        return;
    }
    if (s->nbp) {
        if (at_breakpoint(s, c->ia) && !(s->bp_stopped && s->bp_icount == c->icount)) {
            uint32_t w[2];
            peek_psw(c, c->ia, w);
            session_log(s, "CPU0000: Breakpoint at %08X PSW=%08X %08X", c->ia, w[0], w[1]);
            s->bp_stopped = true;
            s->bp_icount = c->icount;
            set_started(s, false);
            return;
        }
        StopReason why = run_one(c);
        if (why != STOP_INSN_LIMIT)
            stopped_because(s, why);
        return;
    }
    stopped_because(s, cpu_run(c));
}

static void *cpu_thread(void *arg)
{
    Session *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->quit) {
        if (atomic_load(&s->pausers) > 0 || !s->started) {
            pthread_cond_wait(&s->cpu_cv, &s->lock);
            continue;
        }
        run_some(s);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

int session_start_thread(Session *s)
{
    if (s->thread_on)
        return 0;
    s->thread_on = true;
    if (pthread_create(&s->thread, NULL, cpu_thread, s)) {
        s->thread_on = false;
        return -1;
    }
    return 0;
}

/* ---- life ------------------------------------------------------------------------ */

Session *session_new(Machine *m, FILE *out)
{
    Session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->m = m;
    m->io_ctx = s;                        /* for the wait and trace hooks */
    s->out = out;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cpu_cv, NULL);
    pthread_mutex_init(&s->out_lock, NULL);
    pthread_mutex_init(&s->rate_lock, NULL);
    atomic_init(&s->pausers, 0);
    atomic_init(&s->running, false);
    clock_gettime(CLOCK_MONOTONIC, &s->last_t);
    s->last_icount = m->cpu->icount;
    s->con.s = s;
    s->con_stream = line_stream_open(&s->con);
    s->txt.s = s;
    s->txt_stream = line_stream_open(&s->txt);
    if (!s->con_stream || !s->txt_stream) {
        session_free(s);
        return NULL;
    }
    return s;
}

void session_stop(Session *s)
{
    if (s->thread_on) {
        session_lock(s);
        s->quit = true;
        session_unlock(s);
        pthread_join(s->thread, NULL);
        s->thread_on = false;
    }
}

void session_free(Session *s)
{
    if (!s)
        return;
    session_stop(s);
    Machine *m = s->m;
    if (m->wait == session_wait)
        /* css_free() may have gone first: then there is no hook to keep. */
        m->wait = m->css ? s->inner_wait : NULL;
    if (m->io_ctx == s)
        m->io_ctx = NULL;
    if (m->cpu->hooks.trace == trace_hook)
        m->cpu->hooks.trace = NULL;
    if (s->con_stream)
        fclose(s->con_stream);
    if (s->txt_stream)
        fclose(s->txt_stream);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cpu_cv);
    pthread_mutex_destroy(&s->out_lock);
    pthread_mutex_destroy(&s->rate_lock);
    free(s);
}
