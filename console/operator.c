/*
 * operator.c — the operator console: parsing, the command table, the
 * dispatcher, and the commands about the console itself (help, script,
 * pause, quit).  The machine commands are in op_cpu.c, op_storage.c and
 * op_devices.c.  Names and syntax follow Hercules 3.13's panel commands.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "console/op_internal.h"

/* ---- parsing ----------------------------------------------------------------- */

int op_split(char *line, char **argv, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p)
            return n;
        if (n == max)
            return -1;
        char *w = p, *t = p;
        bool quoted = false;
        while (*p && (quoted || !strchr(" \t\r\n", *p))) {
            if (*p == '"') {
                quoted = !quoted;
                p++;
                continue;
            }
            *t++ = *p++;
        }
        if (quoted)
            return -1;
        if (*p)
            p++;
        *t = 0;
        argv[n++] = w;
    }
}

bool op_parse_hex(const char *s, uint32_t *v)
{
    size_t n = strlen(s);
    if (n == 0 || n > 8 || strspn(s, "0123456789abcdefABCDEF") != n)
        return false;
    *v = (uint32_t)strtoul(s, NULL, 16);
    return true;
}

bool op_parse_devnum(const char *s, uint16_t *devnum)
{
    uint32_t v;
    if (strlen(s) > 4 || !op_parse_hex(s, &v))
        return false;
    *devnum = (uint16_t)v;
    return true;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = toupper(ch);
    return ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

int op_parse_range(const char *s, uint32_t default_len, OpRange *r, char *err, size_t errlen)
{
    static const char expect[] = "expected ADDR, ADDR.LEN, ADDR-END or ADDR=HEXBYTES (hexadecimal)";
    char a[16];
    size_t n = strcspn(s, ".-=");
    r->alter = false;
    r->len = default_len;
    if (n == 0 || n >= sizeof a) {
        snprintf(err, errlen, "invalid operand %s: %s", s, expect);
        return -1;
    }
    memcpy(a, s, n);
    a[n] = 0;
    if (!op_parse_hex(a, &r->addr)) {
        snprintf(err, errlen, "invalid address %s: %s", a, expect);
        return -1;
    }
    const char *rest = s + n + (s[n] != 0);
    uint32_t v;
    switch (s[n]) {
    case 0:
        return 0;
    case '.':
        if (!op_parse_hex(rest, &v) || v == 0) {
            snprintf(err, errlen, "invalid length %s: %s", rest, expect);
            return -1;
        }
        r->len = v;
        return 0;
    case '-':
        if (!op_parse_hex(rest, &v) || v < r->addr) {
            snprintf(err, errlen, "invalid end address %s: %s (END not below ADDR)", rest, expect);
            return -1;
        }
        r->len = v - r->addr + 1;
        return 0;
    default: {                            /* '=' */
        size_t hl = strlen(rest);
        if (hl == 0 || hl % 2 || hl / 2 > OP_MAX_ALTER) {
            snprintf(err, errlen, "invalid data %.40s: expected an even number of hexadecimal "
                     "digits, at most %d bytes", rest, OP_MAX_ALTER);
            return -1;
        }
        for (size_t i = 0; i < hl; i += 2) {
            int hi = hexval((unsigned char)rest[i]), lo = hexval((unsigned char)rest[i + 1]);
            if (hi < 0 || lo < 0) {
                snprintf(err, errlen, "invalid data %.40s: expected hexadecimal digits only", rest);
                return -1;
            }
            r->data[i / 2] = (uint8_t)(hi << 4 | lo);
        }
        r->alter = true;
        r->len = (uint32_t)(hl / 2);
        return 0;
    }
    }
}

int op_parse_assign(const char *s, unsigned digits, unsigned *reg, uint64_t *val,
                    char *err, size_t errlen)
{
    const char *eq = strchr(s, '=');
    char num[8];
    size_t n = eq ? (size_t)(eq - s) : 0;
    if (!eq || n == 0 || n > 2 || strspn(s, "0123456789") != n) {
        snprintf(err, errlen, "invalid operand %s: expected N=HEX with N from 0 to 15", s);
        return -1;
    }
    memcpy(num, s, n);
    num[n] = 0;
    unsigned r = (unsigned)atoi(num);
    const char *h = eq + 1;
    size_t hl = strlen(h);
    if (r > 15) {
        snprintf(err, errlen, "invalid register %u: expected 0 to 15", r);
        return -1;
    }
    if (hl == 0 || hl > digits || strspn(h, "0123456789abcdefABCDEF") != hl) {
        snprintf(err, errlen, "invalid value %s: expected 1 to %u hexadecimal digits", h, digits);
        return -1;
    }
    *reg = r;
    *val = strtoull(h, NULL, 16);
    return 0;
}

/* ---- console commands ---------------------------------------------------------- */

static int cmd_help(Operator *o, int argc, char **argv);

static int cmd_quit(Operator *o, int argc, char **argv)
{
    o->quit = true;
    return OP_OK;
}

static int cmd_pause(Operator *o, int argc, char **argv)
{
    char *end;
    double secs = argc == 2 ? strtod(argv[1], &end) : -1;
    if (argc != 2 || *end || !(secs > 0 && secs <= 999))
        return op_error(o, "expected pause SECONDS (0 to 999, fractions allowed)");
    /* Sleep in slices: the speed samples stay fresh while a script waits. */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        double left = secs - ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9);
        if (left <= 0)
            break;
        double slice = left < 0.1 ? left : 0.1;
        struct timespec ts = { 0, (long)(slice * 1e9) };
        nanosleep(&ts, NULL);
        session_sample_rates(o->s);
    }
    return OP_OK;
}

static int cmd_script(Operator *o, int argc, char **argv)
{
    if (argc != 2)
        return op_error(o, "expected script FILE");
    int rc = op_script(o, argv[1]);
    return rc == OP_QUIT ? OP_OK : rc;
}

/* ---- the table -------------------------------------------------------------- */

typedef struct OpCmd {
    const char *name;
    OpFn       *fn;
    unsigned    flags;
    const char *usage;
    const char *help;
} OpCmd;

static const OpCmd commands[] = {
    { "help",     cmd_help,     0, "help [COMMAND]", "list the commands, or explain one" },
    { "?",        cmd_help,     0, "? [COMMAND]", "same as help" },
    { "ipl",      cmd_ipl,      OPF_LOCK, "ipl DEVNUM [LOADPARM]",
      "load (IPL) from device DEVNUM and start the CPU" },
    { "start",    cmd_start,    OPF_LOCK, "start", "start the CPU (with s+: run one instruction)" },
    { "stop",     cmd_stop,     OPF_LOCK, "stop", "stop the CPU" },
    { "restart",  cmd_restart,  OPF_LOCK, "restart",
      "restart interruption (new PSW at absolute 0) and start the CPU" },
    { "psw",      cmd_psw,      OPF_LOCK,
      "psw [sm=XX] [pk=X] [cmwp=X] [as=pri|sec|ar|home] [cc=N] [pm=X] [am=24|31] [ia=ADDR]",
      "display or alter the program status word (ia= may be written addr=)" },
    { "gpr",      cmd_gpr,      OPF_LOCK, "gpr [N=HEX]", "display or alter the general registers" },
    { "cr",       cmd_cr,       OPF_LOCK, "cr [N=HEX]", "display or alter the control registers" },
    { "fpr",      cmd_fpr,      OPF_LOCK, "fpr [N=HEX16]",
      "display or alter the floating-point registers" },
    { "pr",       cmd_pr,       OPF_LOCK, "pr", "display the prefix register" },
    { "r",        cmd_r,        OPF_LOCK, "r ADDR[.LEN|-END|=HEXBYTES]",
      "display or alter real storage (default X'40' bytes)" },
    { "v",        cmd_v,        OPF_LOCK, "v ADDR[.LEN|-END|=HEXBYTES]",
      "display or alter virtual storage (translated as the PSW says)" },
    { "u",        cmd_u,        OPF_LOCK, "u ADDR[.LEN|-END]", "disassemble real storage" },
    { "t+",       cmd_trace,    OPF_LOCK, "t+", "instruction trace on (every instruction on the console)" },
    { "t-",       cmd_trace,    OPF_LOCK, "t-", "instruction trace off" },
    { "t?",       cmd_trace,    OPF_LOCK, "t?", "is instruction trace on?" },
    { "s+",       cmd_step,     OPF_LOCK, "s+",
      "instruction stepping on: the CPU stops before each instruction; start (or an empty line) runs it" },
    { "s-",       cmd_step,     OPF_LOCK, "s-", "instruction stepping off" },
    { "s?",       cmd_step,     OPF_LOCK, "s?", "is instruction stepping on?" },
    { "b",        cmd_break,    OPF_LOCK, "b [ADDR]",
      "set a breakpoint: stop when the PSW reaches ADDR (no ADDR: list them)" },
    { "b+",       cmd_break,    OPF_LOCK, "b+ ADDR", "same as b ADDR" },
    { "b-",       cmd_break,    OPF_LOCK, "b-", "delete every breakpoint" },
    { "loadcore", cmd_loadcore, OPF_LOCK, "loadcore FILE [ADDR]",
      "load a binary image at absolute ADDR (default 0); CPU stopped" },
    { "loadtext", cmd_loadtext, OPF_LOCK, "loadtext FILE [ADDR]",
      "load an object deck (TXT cards up to END) at ADDR (default 0); CPU stopped" },
    { "sysclear", cmd_sysclear, OPF_LOCK, "sysclear",
      "system clear reset: CPU stopped and reset, storage and registers cleared, I/O reset" },
    { "sysreset", cmd_sysreset, OPF_LOCK, "sysreset", "system reset: CPU stopped and reset, I/O reset" },
    { "archmode", cmd_archmode, OPF_LOCK, "archmode [ESA/390|S/370]",
      "display or set the architecture mode (CPU stopped; resets the CPU)" },
    { "devlist",  cmd_devlist,  OPF_LOCK, "devlist [DEVNUM]", "list the devices" },
    { "attach",   cmd_attach,   OPF_LOCK, "attach DEVNUM TYPE [OPERANDS]",
      "add a device, as a configuration statement would" },
    { "detach",   cmd_detach,   OPF_LOCK, "detach DEVNUM", "remove a device" },
    { "devinit",  cmd_devinit,  OPF_LOCK, "devinit DEVNUM [FILE [OPERANDS]]",
      "reopen a reader, punch, printer or disk (a new file, or the same one again)" },
    { "sdl",      cmd_sdl,      0,
      "sdl [open [DEVNUM] | close | screenshot FILE.bmp | key KEY... | type TEXT]",
      "the SDL2 window on a 3270 (no operand: which one); key and type are for tests" },
    { "maxrates", cmd_maxrates, 0, "maxrates", "current and highest MIPS" },
    { "mips",     cmd_maxrates, 0, "mips", "same as maxrates" },
    { "clocks",   cmd_clocks,   OPF_LOCK, "clocks", "display the TOD clock, clock comparator, CPU timer" },
    { "sie",      cmd_sie,      OPF_LOCK, "sie", "the SIE nesting levels and the state of each" },
    { "stats",    cmd_stats,    OPF_LOCK, "stats",
      "instructions and speed per level, interceptions by code" },
    { "script",   cmd_script,   0, "script FILE", "run the commands in FILE" },
    { "pause",    cmd_pause,    0, "pause SECONDS", "wait (in scripts)" },
    { "quit",     cmd_quit,     0, "quit", "end interpex" },
    { "exit",     cmd_quit,     0, "exit", "same as quit" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const char *const *op_command_names(void)
{
    static const char *names[NCOMMANDS + 1];
    if (!names[0])
        for (unsigned i = 0; i < NCOMMANDS; i++)
            names[i] = commands[i].name;
    return names;
}

static const OpCmd *find_command(const char *name)
{
    for (unsigned i = 0; i < NCOMMANDS; i++)
        if (!strcasecmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static int cmd_help(Operator *o, int argc, char **argv)
{
    if (argc > 2)
        return op_error(o, "expected help [COMMAND]");
    if (argc == 2) {
        const OpCmd *c = find_command(argv[1]);
        if (!c)
            return op_error(o, "no command %s; enter help for a list", argv[1]);
        session_print(o->s, "%s\n  %s", c->usage, c->help);
        return OP_OK;
    }
    session_print(o->s, "Commands (help COMMAND for its operands):");
    for (unsigned i = 0; i < NCOMMANDS; i++)
        session_print(o->s, "  %-9s %s", commands[i].name, commands[i].help);
    session_print(o->s, "  /TEXT     input line for the integrated 3215-C console");
    session_print(o->s, "  * or #    comment");
    return OP_OK;
}

/* ---- the dispatcher -------------------------------------------------------------- */

int op_error(Operator *o, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    session_print(o->s, "%s: %s", o->cmd ? o->cmd : "interpex", msg);
    return OP_ERROR;
}

bool op_require_stopped(Operator *o, const char *cmd)
{
    if (!session_cpu_started(o->s))
        return true;
    op_error(o, "the CPU must be stopped first (stop)");
    return false;
}

int op_execute(Operator *o, const char *line)
{
    if (o->quit)
        return OP_QUIT;
    const char *p = line + strspn(line, " \t");
    if (*p == '/')
        return op_console_input(o, p + 1);
    if (*p == '*' || *p == '#')
        return OP_OK;
    char buf[1024];
    if (strlen(p) >= sizeof buf) {
        session_print(o->s, "command line too long (at most %zu characters)", sizeof buf - 1);
        return OP_ERROR;
    }
    snprintf(buf, sizeof buf, "%s", p);
    char *argv[OP_MAX_ARGS];
    int argc = op_split(buf, argv, OP_MAX_ARGS);
    if (argc < 0) {
        session_print(o->s, "cannot parse the command: unterminated quote or more than %d words",
                      OP_MAX_ARGS);
        return OP_ERROR;
    }
    if (argc == 0) {
        /* An empty line with instruction stepping on runs one instruction,
         * as pressing Enter does on the Hercules panel. */
        if (session_step(o->s)) {
            char *start[] = { "start" };
            session_lock(o->s);
            o->cmd = "start";
            cmd_start(o, 1, start);
            session_unlock(o->s);
        }
        return OP_OK;
    }
    const OpCmd *c = find_command(argv[0]);
    if (!c) {
        session_print(o->s, "Command \"%s\" not found; enter help for a list", argv[0]);
        return OP_ERROR;
    }
    const char *saved = o->cmd;
    o->cmd = c->name;
    int rc;
    if (c->flags & OPF_LOCK) {
        session_lock(o->s);
        rc = c->fn(o, argc, argv);
        session_unlock(o->s);
    } else {
        rc = c->fn(o, argc, argv);
    }
    o->cmd = saved;
    return o->quit ? OP_QUIT : rc;
}

int op_script(Operator *o, const char *path)
{
    if (o->depth >= 8) {
        session_print(o->s, "script %s: scripts nested more than 8 deep", path);
        return OP_ERROR;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        session_print(o->s, "script %s: cannot open it", path);
        return OP_ERROR;
    }
    o->depth++;
    char line[1024];
    int rc = OP_OK;
    while (rc != OP_QUIT && fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        if (line[len] == 0 && !feof(f)) {
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            session_print(o->s, "script %s: line too long, skipped", path);
            rc = OP_ERROR;
            continue;
        }
        line[len] = 0;
        if (line[strspn(line, " \t")] == 0)
            continue;
        session_print(o->s, "%s", line);     /* echo, as Hercules does */
        int r = op_execute(o, line);
        if (r != OP_OK)
            rc = r;
    }
    fclose(f);
    o->depth--;
    return rc;
}

/* ---- life --------------------------------------------------------------------- */

Operator *op_new(Session *s)
{
    Operator *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->s = s;
    o->m = session_machine(s);
    return o;
}

void op_free(Operator *o)
{
    if (o)
        free(o->dev);
    free(o);
}

bool op_quit_requested(const Operator *o)
{
    return o->quit;
}

void op_set_loadparm(Operator *o, const char *loadparm)
{
    snprintf(o->loadparm, sizeof o->loadparm, "%s", loadparm ? loadparm : "");
}

OpDevice *op_find_device(Operator *o, uint16_t devnum)
{
    for (unsigned i = 0; i < o->ndev; i++)
        if (o->dev[i].devnum == devnum)
            return &o->dev[i];
    return NULL;
}

void op_note_device(Operator *o, uint16_t devnum, const char *type, int argc, char *const *argv)
{
    OpDevice *d = op_find_device(o, devnum);
    if (!d) {
        OpDevice *nd = realloc(o->dev, (o->ndev + 1) * sizeof *nd);
        if (!nd)
            return;
        o->dev = nd;
        d = &nd[o->ndev++];
    }
    memset(d, 0, sizeof *d);
    d->devnum = devnum;
    snprintf(d->type, sizeof d->type, "%s", type);
    size_t k = 0;
    for (int i = 0; i < argc && k < sizeof d->args; i++)
        k += (size_t)snprintf(d->args + k, sizeof d->args - k, "%s%s", i ? " " : "", argv[i]);
}
