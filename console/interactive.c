/*
 * interactive.c — `interpex [-f CONFIG] [-r SCRIPT]`: build the machine
 * from the configuration, start its CPU thread and the TN3270 listener,
 * run the script, then take commands from the terminal.
 *
 * When standard input is not a terminal, no commands are read from it:
 * everything (messages, 3215-C output, command output) is printed on
 * standard output, and interpex ends at `quit` in the script (or at
 * SIGINT/SIGTERM), as Hercules does in daemon mode.
 *
 * The default machine (no -f) is a small system for `make run`: the
 * 3215-C console at 0009, four 3270s at 00C0-00C3 for TN3270 clients on
 * 127.0.0.1:3270, the demonstration program's IPL deck in the reader at
 * 000C, a printer at 000E and a 3390 system volume at 0120, both in the
 * state directory (~/.local/share/interpex, or ./state), the volume made
 * on the first run.  The demonstration program is IPLed.  When there is a
 * display, the first 3270 is shown in an SDL2 window (console/sdlwin.c;
 * --window DEVNUM asks for one with any configuration, --no-window not).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "console/config.h"
#include "console/interactive.h"
#include "console/lineedit.h"
#include "console/operator.h"
#include "console/sdlwin.h"
#include "console/session.h"
#include "console/tn3270.h"
#include "cpu370/channel.h"
#include "dasd/dasd.h"

#define SYSRES_CYLS 20          /* default system volume: about 17 MB */
#define DEMO_DECK   "guest/demo/demo3270.deck"

/* ---- signals ------------------------------------------------------------------ */

/* A signal handler can only set a flag and write to a pipe. */
static volatile sig_atomic_t got_signal;
static int signal_pipe[2] = { -1, -1 };

static void on_signal(int sig)
{
    got_signal = sig;
    if (signal_pipe[1] >= 0) {
        ssize_t w = write(signal_pipe[1], "", 1);
        (void)w;
    }
}

static void catch_signals(void)
{
    if (pipe(signal_pipe) == 0) {
        fcntl(signal_pipe[0], F_SETFL, O_NONBLOCK);
        fcntl(signal_pipe[1], F_SETFL, O_NONBLOCK);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A TN3270 client that goes away must not end the machine. */
    signal(SIGPIPE, SIG_IGN);
}

/* ---- the default machine --------------------------------------------------------- */

static int mkdirs(const char *path)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0755) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(tmp, 0755) && errno != EEXIST)
        return -1;
    return access(tmp, W_OK);
}

/* ~/.local/share/interpex, or ./state when HOME is not usable. */
static void state_dir(char *dir, size_t len)
{
    const char *home = getenv("HOME");
    if (home && *home) {
        snprintf(dir, len, "%s/.local/share/interpex", home);
        if (mkdirs(dir) == 0)
            return;
    }
    snprintf(dir, len, "state");
    mkdirs(dir);
}

/* The directory of the interpex binary (build/), where `make run` put the
 * demonstration deck. */
static void exe_dir(char *dir, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", dir, len - 1);
    if (n <= 0) {
        snprintf(dir, len, "build");
        return;
    }
    dir[n] = 0;
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
}

/* The built-in configuration, with its files; *ipl_dev is set when the
 * demonstration deck exists. */
static int default_config(Config *cfg, bool *ipl, char *err, size_t errlen)
{
    char state[PATH_MAX - 64], bin[PATH_MAX - 64], deck[PATH_MAX], vol[PATH_MAX],
         prt[PATH_MAX];
    state_dir(state, sizeof state);
    exe_dir(bin, sizeof bin);
    snprintf(deck, sizeof deck, "%s/%s", bin, DEMO_DECK);
    snprintf(vol, sizeof vol, "%s/sys.3390", state);
    snprintf(prt, sizeof prt, "%s/prt00e.txt", state);
    *ipl = access(deck, R_OK) == 0;
    if (!*ipl) {
        fprintf(stdout, "interpex: the demonstration deck %s is missing (make run builds "
                "it); the reader is empty\n", deck);
        snprintf(deck, sizeof deck, "/dev/null");
    }
    if (access(vol, F_OK) != 0) {
        char msg[300];
        fprintf(stdout, "interpex: creating the system volume %s (3390, %d cylinders)\n", vol,
                SYSRES_CYLS);
        if (ckd_create(vol, "3390", SYSRES_CYLS, "SYSRES", msg, sizeof msg)) {
            snprintf(err, errlen, "%s", msg);
            return -1;
        }
    }
    char text[4 * PATH_MAX + 512];
    snprintf(text, sizeof text,
             "# interpex built-in configuration\n"
             "ARCHMODE ESA/390\n"
             "MAINSIZE 16M\n"
             "NUMCPU   1\n"
             "CNSLPORT 127.0.0.1:3270\n"
             "0009     3215-C\n"
             "00C0.4   3270\n"
             "000C     3505 \"%s\" ebcdic\n"
             "000E     1403 \"%s\"\n"
             "0120     3390 \"%s\"\n",
             deck, prt, vol);
    config_init(cfg, "(built-in configuration)");
    return config_parse(cfg, text, err, errlen);
}

/* ---- the console loop -------------------------------------------------------------- */

typedef struct Console {
    Operator *op;
} Console;

static void on_line(void *ctx, const char *line)
{
    Console *k = ctx;
    if (!line) {                      /* end of input: as quit */
        op_execute(k->op, "quit");
        return;
    }
    op_execute(k->op, line);
}

static bool console_done(void *ctx)
{
    Console *k = ctx;
    return got_signal || op_quit_requested(k->op);
}

/* No terminal: wait for a signal, sampling the speed now and then. */
static void wait_for_signal(Session *s)
{
    while (!got_signal) {
        fd_set rd;
        FD_ZERO(&rd);
        if (signal_pipe[0] >= 0)
            FD_SET(signal_pipe[0], &rd);
        struct timeval tv = { 1, 0 };
        select(signal_pipe[0] + 1, &rd, NULL, NULL, &tv);
        session_sample_rates(s);
    }
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: interpex [-f CONFIG] [-r SCRIPT] [--window DEVNUM | --no-window]\n"
        "  -f CONFIG   the machine's configuration (Hercules-style); without it,\n"
        "              the built-in machine that IPLs the demonstration program\n"
        "  -r SCRIPT   operator commands to run first (as Hercules' -r / .rc file)\n"
        "  --window DEVNUM  show 3270 DEVNUM in an SDL2 window (the built-in machine\n"
        "              shows its first 3270 when there is a display; --no-window: not)\n"
        "Operator commands: help.  Input for the 3215-C console: /text.\n"
        "Without a terminal on stdin no commands are read: end the script with quit.\n");
}

int interactive_main(int argc, char **argv)
{
    const char *cfgpath = NULL, *script = NULL;
    int window = -2;    /* DEVNUM; -1 the first free 3270; -2 none; -3 none possible (err) */
    bool no_window = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--window") && i + 1 < argc) {
            uint16_t devnum;
            if (!op_parse_devnum(argv[++i], &devnum)) {
                fprintf(stderr, "interpex: --window %s: expected a device number\n", argv[i]);
                return 2;
            }
            window = devnum;
        } else if (!strcmp(argv[i], "--no-window")) {
            no_window = true;
        } else if ((!strcmp(argv[i], "-f") || !strcmp(argv[i], "-r")) && i + 1 < argc) {
            if (argv[i][1] == 'f')
                cfgpath = argv[++i];
            else
                script = argv[++i];
        } else {
            fprintf(stderr, "interpex: unexpected argument %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }

    Config cfg;
    char err[600];
    bool auto_ipl = false;
    int rc = cfgpath ? config_load(&cfg, cfgpath, err, sizeof err)
                     : default_config(&cfg, &auto_ipl, err, sizeof err);
    if (rc) {
        fprintf(stderr, "interpex: %s\n", err);
        config_free(&cfg);
        return 2;
    }
    Machine *m = config_new_machine(&cfg, err, sizeof err);
    if (!m) {
        fprintf(stderr, "interpex: %s\n", err);
        config_free(&cfg);
        return 2;
    }
    m->cpu->deterministic = false;            /* real-time clocks */
    setvbuf(stdout, NULL, _IOLBF, 0);
    Session *s = session_new(m, stdout);
    Operator *op = s ? op_new(s) : NULL;
    if (!op || config_attach(&cfg, m, s, err, sizeof err)) {
        fprintf(stderr, "interpex: %s\n", op ? err : "out of memory");
        op_free(op);
        css_free(m);
        session_free(s);
        machine_free(m);
        config_free(&cfg);
        return 2;
    }
    for (unsigned i = 0; i < cfg.ndev; i++)
        op_note_device(op, cfg.dev[i].devnum, cfg.dev[i].type, cfg.dev[i].argc, cfg.dev[i].argv);
    op_set_loadparm(op, cfg.loadparm);
    catch_signals();

    session_start_thread(s);
    session_log(s, "interpex: %s, %uK main storage, devices: %u; help lists the commands",
                cfg.arch == ARCH_S370 ? "S/370" : "ESA/390", cfg.mainsize >> 10, cfg.ndev);
    bool listening = false;
    if (cfg.cnsl_port) {
        if (tn3270_start(s, cfg.cnsl_host, cfg.cnsl_port, err, sizeof err))
            session_log(s, "TN3270: %s", err);
        else {
            listening = true;
            session_log(s, "TN3270 clients: connect to %s port %d", cfg.cnsl_host, cfg.cnsl_port);
        }
    }
    /* The SDL2 window: asked for, or the built-in machine's first 3270
     * when there is a display; without one the machine runs headless. */
    if (!cfgpath && !no_window && window == -2)
        window = sdlwin_display_present(err, sizeof err) ? -1 : -3;
    if (window >= -1 && !no_window && sdlwin_open(s, window, err, sizeof err))
        window = -3;
    if (window == -3)
        session_log(s, "SDL window: %s; running without it", err);
    if (auto_ipl)
        op_execute(op, "ipl 000C");
    if (script)
        op_script(op, script);

    /* The line editor starts only now: until here, lines are printed as
     * they come (a script's pause shows what the machine does meanwhile). */
    Console k = { .op = op };
    LineEdit *le = NULL;
    if (!console_done(&k) && isatty(0)) {
        char hist[PATH_MAX];
        state_dir(hist, sizeof hist - 16);
        strcat(hist, "/history");
        le = lineedit_new(s, "interpex> ", op_command_names(), hist);
    }
    if (le)
        lineedit_run(le, on_line, console_done, &k, signal_pipe[0]);
    else
        while (!console_done(&k))
            wait_for_signal(s);

    lineedit_free(le);
    sdlwin_close(s);
    if (listening)
        tn3270_stop(s);
    session_stop(s);
    css_free(m);
    session_free(s);
    op_free(op);
    machine_free(m);                /* frees SIE guests too */
    config_free(&cfg);
    return 0;
}
