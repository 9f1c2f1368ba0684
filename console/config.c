/*
 * config.c — parsing the configuration file into a Config (config.h).
 *
 * Pure: it reads text and fills a structure; opening device files and
 * building the machine is config_build.c's business, so that every error
 * of syntax can be tested without a machine.  The statement names and the
 * device-statement syntax follow Hercules' configuration file (hercconf.html,
 * Hercules 3.13), of which this is a subset; anything else is an error with
 * the file name and line number, never silently ignored.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console/config.h"
#include "console/loader.h"
#include "dasd/dasd.h"

#define MAX_LINE   1024
#define MAX_TOKENS 16

void config_init(Config *cfg, const char *name)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->name = strdup(name ? name : "config");
    cfg->arch = ARCH_ESA390;
    cfg->mainsize = 16u << 20;
    cfg->numcpu = 1;
    cfg->cpumodel = 0x9021;
    cfg->cpuserial = 0;
    snprintf(cfg->cnsl_host, sizeof cfg->cnsl_host, "127.0.0.1");
    cfg->cnsl_port = 3270;
}

static void device_free(ConfigDevice *d)
{
    for (int i = 0; i < d->argc; i++)
        free(d->argv[i]);
    d->argc = 0;
}

void config_free(Config *cfg)
{
    for (unsigned i = 0; i < cfg->ndev; i++)
        device_free(&cfg->dev[i]);
    for (unsigned i = 0; i < cfg->nsym; i++) {
        free(cfg->sym[i].name);
        free(cfg->sym[i].value);
    }
    free(cfg->dev);
    free(cfg->sym);
    free(cfg->name);
    memset(cfg, 0, sizeof *cfg);
}

/* ---- errors ------------------------------------------------------------------ */

typedef struct Ctx {
    Config *cfg;
    int     line;
    char   *err;
    size_t  errlen;
} Ctx;

__attribute__((format(printf, 2, 3)))
static int fail(Ctx *x, const char *fmt, ...)
{
    int n = snprintf(x->err, x->errlen, "%s:%d: ", x->cfg->name, x->line);
    if (n < 0 || (size_t)n >= x->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err + n, x->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- symbols ------------------------------------------------------------------ */

static const char *sym_lookup(const Config *cfg, const char *name)
{
    for (unsigned i = 0; i < cfg->nsym; i++)
        if (!strcmp(cfg->sym[i].name, name))
            return cfg->sym[i].value;
    return getenv(name);
}

static int sym_define(Ctx *x, const char *name, const char *value)
{
    Config *cfg = x->cfg;
    for (unsigned i = 0; i < cfg->nsym; i++) {
        if (!strcmp(cfg->sym[i].name, name)) {
            char *v = strdup(value);
            if (!v)
                return fail(x, "out of memory");
            free(cfg->sym[i].value);
            cfg->sym[i].value = v;
            return 0;
        }
    }
    ConfigSym *ns = realloc(cfg->sym, (cfg->nsym + 1) * sizeof *ns);
    if (!ns)
        return fail(x, "out of memory");
    cfg->sym = ns;
    ns[cfg->nsym].name = strdup(name);
    ns[cfg->nsym].value = strdup(value);
    if (!ns[cfg->nsym].name || !ns[cfg->nsym].value) {
        free(ns[cfg->nsym].name);
        free(ns[cfg->nsym].value);
        return fail(x, "out of memory");
    }
    cfg->nsym++;
    return 0;
}

/* Replace $(NAME) and ${NAME} in `in`, into out. */
static int substitute(Ctx *x, const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = in; *p;) {
        if (p[0] == '$' && (p[1] == '(' || p[1] == '{')) {
            char close = p[1] == '(' ? ')' : '}';
            const char *end = strchr(p + 2, close);
            if (!end)
                return fail(x, "unterminated symbol reference %.20s: expected $(NAME) or ${NAME}", p);
            size_t n = (size_t)(end - (p + 2));
            char name[64];
            if (n == 0 || n >= sizeof name)
                return fail(x, "bad symbol name in %.*s: expected 1 to 63 characters",
                            (int)(end - p + 1), p);
            memcpy(name, p + 2, n);
            name[n] = 0;
            const char *v = sym_lookup(x->cfg, name);
            if (!v)
                return fail(x, "symbol %s is not defined: expected a DEFSYM statement or an "
                            "environment variable", name);
            size_t vl = strlen(v);
            if (o + vl >= outlen)
                return fail(x, "line too long after symbol substitution");
            memcpy(out + o, v, vl);
            o += vl;
            p = end + 1;
            continue;
        }
        if (o + 1 >= outlen)
            return fail(x, "line too long after symbol substitution");
        out[o++] = *p++;
    }
    out[o] = 0;
    return 0;
}

/* Split a line into blank-separated tokens; "double quotes" group blanks.
 * A `#` after a blank starts a comment.  Modifies `s`. */
static int tokenize(Ctx *x, char *s, char **tok, int max)
{
    int n = 0;
    char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            return n;
        if (n == max)
            return fail(x, "too many operands (at most %d)", max - 1);
        char *w = p, *t = p;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
            if (*p == '"') {
                quoted = !quoted;
                p++;
                continue;
            }
            *t++ = *p++;
        }
        if (quoted)
            return fail(x, "unterminated quoted string: expected a closing \"");
        if (*p)
            p++;
        *t = 0;
        tok[n++] = w;
    }
}

/* ---- operands ------------------------------------------------------------------ */

static bool parse_hex_n(const char *s, unsigned maxdigits, uint32_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > maxdigits || strspn(s, "0123456789abcdefABCDEF") != n)
        return false;
    *out = (uint32_t)strtoul(s, NULL, 16);
    return true;
}

static bool parse_dec(const char *s, unsigned long max, unsigned long *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 10 || strspn(s, "0123456789") != n)
        return false;
    unsigned long v = strtoul(s, NULL, 10);
    if (v > max)
        return false;
    *out = v;
    return true;
}

int config_parse_devnums(const char *s, uint16_t *first, unsigned *count)
{
    char buf[16];
    uint32_t a, b;
    unsigned long n;
    size_t len = strcspn(s, ".-");
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = 0;
    if (!parse_hex_n(buf, 4, &a))
        return -1;
    if (s[len] == 0) {
        n = 1;
    } else if (s[len] == '.') {
        if (!parse_dec(s + len + 1, 256, &n) || n == 0 || a + n - 1 > 0xFFFF)
            return -1;
    } else {
        if (!parse_hex_n(s + len + 1, 4, &b) || b < a || b - a >= 256)
            return -1;
        n = b - a + 1;
    }
    *first = (uint16_t)a;
    *count = (unsigned)n;
    return 0;
}

/* "64" (megabytes), "512K", "16M", "1G"; 0 if bad. */
static uint64_t parse_mainsize(const char *s)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)s[0]))
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || v > (1ull << 32))
        return 0;
    switch (toupper((unsigned char)*end)) {
    case 0:   v <<= 20; break;
    case 'K': v <<= 10; end++; break;
    case 'M': v <<= 20; end++; break;
    case 'G': v <<= 30; end++; break;
    default:  return 0;
    }
    return *end ? 0 : v;
}

/* ---- device types ----------------------------------------------------------------- */

typedef enum DevKind { DK_CONSOLE_C, DK_CONSOLE, DK_3270, DK_READER, DK_PUNCH, DK_PRINTER,
                       DK_DASD, DK_TAPE } DevKind;

static bool is_3270_type(const char *t)
{
    static const char *const base[] = { "3270", "3277", "3278", "3279" };
    for (unsigned i = 0; i < 4; i++) {
        if (!strncmp(t, base[i], 4) &&
            (t[4] == 0 || (t[4] == '-' && t[5] >= '2' && t[5] <= '5' && t[6] == 0)))
            return true;
    }
    return false;
}

/* The kind of a device type, or -1. */
static int dev_kind(const char *t)
{
    if (!strcmp(t, "3215-C") || !strcmp(t, "1052-C"))
        return DK_CONSOLE_C;
    if (!strcmp(t, "3215") || !strcmp(t, "1052"))
        return DK_CONSOLE;
    if (is_3270_type(t))
        return DK_3270;
    if (!strcmp(t, "3505") || !strcmp(t, "2540R"))
        return DK_READER;
    if (!strcmp(t, "3525") || !strcmp(t, "2540P"))
        return DK_PUNCH;
    if (!strcmp(t, "1403") || !strcmp(t, "3211"))
        return DK_PRINTER;
    if (ckd_type_by_name(t) || fba_type_by_name(t))
        return DK_DASD;
    if (!strcmp(t, "3420") || !strcmp(t, "3480"))
        return DK_TAPE;
    return -1;
}

static const char *dev_usage(int kind)
{
    switch (kind) {
    case DK_CONSOLE_C: return "[/] [noprompt]";
    case DK_CONSOLE:   return "[noprompt]";
    case DK_3270:      return "no operands";
    case DK_READER:    return "[FILE [ascii|ebcdic]]";
    case DK_PUNCH:     return "FILE [ascii|ebcdic]";
    case DK_PRINTER:   return "FILE";
    case DK_TAPE:      return "FILE [ro]";
    default:           return "FILE [ro] [sf=SHADOWFILE] [nosync]";
    }
}

static bool has_file(int kind)
{
    return kind == DK_READER || kind == DK_PUNCH || kind == DK_PRINTER || kind == DK_DASD ||
           kind == DK_TAPE;
}

int config_check_device(const ConfigDevice *d, const char *where, char *err, size_t errlen)
{
    int kind = dev_kind(d->type);
    if (kind < 0) {
        snprintf(err, errlen, "%s%04X: unknown device type %s: expected 3215-C, 3215, 1052, "
                 "3270, 3277, 3278, 3279, 3505, 2540R, 3525, 2540P, 1403, 3211, 3420, 3480, a CKD "
                 "type (3390, 3380, ...) or an FBA type (3370, 9336, 3310)", where, d->devnum, d->type);
        return -1;
    }
    int i = 0;
    const char *bad = NULL;
    switch (kind) {
    case DK_CONSOLE_C:
        if (i < d->argc && !strcmp(d->argv[i], "/"))
            i++;
        if (i < d->argc && !strcasecmp(d->argv[i], "noprompt"))
            i++;
        break;
    case DK_CONSOLE:
        if (i < d->argc && !strcasecmp(d->argv[i], "noprompt"))
            i++;
        break;
    case DK_3270:
        break;
    case DK_READER:
    case DK_PUNCH:
        if (i < d->argc)
            i++;                                  /* FILE */
        if (i < d->argc && (!strcasecmp(d->argv[i], "ascii") || !strcasecmp(d->argv[i], "ebcdic")))
            i++;
        if (kind == DK_PUNCH && d->argc == 0)
            bad = "a file name is missing";
        break;
    case DK_PRINTER:
        if (d->argc == 0)
            bad = "a file name is missing";
        else
            i++;
        break;
    case DK_TAPE:
        if (d->argc == 0)
            bad = "a file name is missing";
        else
            i++;
        if (i < d->argc && !strcasecmp(d->argv[i], "ro"))
            i++;
        break;
    case DK_DASD:
        if (d->argc == 0)
            bad = "a file name is missing";
        else
            i++;
        while (i < d->argc && (!strcasecmp(d->argv[i], "ro") || !strcasecmp(d->argv[i], "nosync") ||
                               (!strncasecmp(d->argv[i], "sf=", 3) && d->argv[i][3])))
            i++;
        break;
    }
    if (bad) {
        snprintf(err, errlen, "%s%04X %s: %s: expected %s %s", where, d->devnum, d->type, bad,
                 d->type, dev_usage(kind));
        return -1;
    }
    if (i < d->argc) {
        snprintf(err, errlen, "%s%04X %s: unexpected operand '%s': expected %s %s", where,
                 d->devnum, d->type, d->argv[i], d->type, dev_usage(kind));
        return -1;
    }
    return 0;
}

/* ---- statements ------------------------------------------------------------------ */

static int need_operands(Ctx *x, char **tok, int n, int want, const char *usage)
{
    if (n - 1 < want)
        return fail(x, "%s: operand missing: expected %s %s", tok[0], tok[0], usage);
    if (n - 1 > want)
        return fail(x, "%s: unexpected operand '%s': expected %s %s", tok[0], tok[want + 1],
                    tok[0], usage);
    return 0;
}

static int stmt_device(Ctx *x, char **tok, int n)
{
    Config *cfg = x->cfg;
    uint16_t first;
    unsigned count;
    if (config_parse_devnums(tok[0], &first, &count))
        return fail(x, "%s is neither a statement nor a device number: expected a statement "
                    "(ARCHMODE, MAINSIZE, NUMCPU, CPUMODEL, CPUSERIAL, CNSLPORT, LOADPARM, DEFSYM) "
                    "or devnum[.count|-last] devtype", tok[0]);
    if (n < 2)
        return fail(x, "%s: device type missing: expected devnum devtype [operands]", tok[0]);
    ConfigDevice proto = { .devnum = first, .line = x->line };
    size_t tl = strlen(tok[1]);
    if (tl >= sizeof proto.type)
        return fail(x, "%s: device type %.20s is too long", tok[0], tok[1]);
    for (size_t i = 0; i <= tl; i++)
        proto.type[i] = (char)toupper((unsigned char)tok[1][i]);
    if (n - 2 > CONFIG_MAX_ARGS)
        return fail(x, "%s: too many operands", tok[0]);
    proto.argc = n - 2;
    proto.argv[0] = NULL;
    for (int i = 0; i < proto.argc; i++)
        proto.argv[i] = tok[i + 2];
    char msg[400];
    if (config_check_device(&proto, "", msg, sizeof msg))
        return fail(x, "%s", msg);
    if (count > 1 && has_file(dev_kind(proto.type)))
        return fail(x, "%s: %u %s devices cannot share one file: expected one statement "
                    "per device", tok[0], count, proto.type);

    for (unsigned k = 0; k < count; k++) {
        uint16_t dn = (uint16_t)(first + k);
        for (unsigned i = 0; i < cfg->ndev; i++)
            if (cfg->dev[i].devnum == dn)
                return fail(x, "device %04X is already defined on line %d: expected each "
                            "device number once", dn, cfg->dev[i].line);
    }
    ConfigDevice *nd = realloc(cfg->dev, (cfg->ndev + count) * sizeof *nd);
    if (!nd)
        return fail(x, "out of memory");
    cfg->dev = nd;
    for (unsigned k = 0; k < count; k++) {
        ConfigDevice *d = &cfg->dev[cfg->ndev];
        *d = proto;
        d->devnum = (uint16_t)(first + k);
        for (int i = 0; i < proto.argc; i++) {
            d->argv[i] = strdup(proto.argv[i]);
            if (!d->argv[i]) {
                d->argc = i;
                device_free(d);
                return fail(x, "out of memory");
            }
        }
        cfg->ndev++;
    }
    return 0;
}

static int stmt(Ctx *x, char **tok, int n)
{
    Config *cfg = x->cfg;
    const char *k = tok[0];
    const char *v = n > 1 ? tok[1] : "";

    if (!strcasecmp(k, "ARCHMODE")) {
        if (need_operands(x, tok, n, 1, "ESA/390|S/370"))
            return -1;
        if (!strcasecmp(v, "ESA/390") || !strcasecmp(v, "ESA390"))
            cfg->arch = ARCH_ESA390;
        else if (!strcasecmp(v, "S/370") || !strcasecmp(v, "S370"))
            cfg->arch = ARCH_S370;
        else
            return fail(x, "ARCHMODE %s: expected ESA/390 or S/370 (z/Architecture is not "
                        "emulated)", v);
        return 0;
    }
    if (!strcasecmp(k, "MAINSIZE")) {
        if (need_operands(x, tok, n, 1, "SIZE (megabytes, or with K, M, G)"))
            return -1;
        uint64_t sz = parse_mainsize(v);
        if (sz < 64 * 1024 || sz > (2ull << 30) || sz % (64 * 1024))
            return fail(x, "MAINSIZE %s: expected megabytes (e.g. 64) or a size with K, M or G, "
                        "a multiple of 64K from 64K to 2G", v);
        cfg->mainsize = (uint32_t)sz;
        return 0;
    }
    if (!strcasecmp(k, "NUMCPU")) {
        if (need_operands(x, tok, n, 1, "1"))
            return -1;
        unsigned long c;
        if (!parse_dec(v, 64, &c) || c == 0)
            return fail(x, "NUMCPU %s: expected a number of CPUs (1)", v);
        if (c != 1)
            return fail(x, "NUMCPU %s: interpex emulates one CPU: expected NUMCPU 1", v);
        cfg->numcpu = 1;
        return 0;
    }
    if (!strcasecmp(k, "CPUMODEL")) {
        uint32_t h;
        if (need_operands(x, tok, n, 1, "XXXX (4 hex digits)"))
            return -1;
        if (!parse_hex_n(v, 4, &h))
            return fail(x, "CPUMODEL %s: expected up to 4 hexadecimal digits (e.g. 9021)", v);
        cfg->cpumodel = (uint16_t)h;
        return 0;
    }
    if (!strcasecmp(k, "CPUSERIAL")) {
        uint32_t h;
        if (need_operands(x, tok, n, 1, "XXXXXX (6 hex digits)"))
            return -1;
        if (!parse_hex_n(v, 6, &h))
            return fail(x, "CPUSERIAL %s: expected up to 6 hexadecimal digits (e.g. 000001)", v);
        cfg->cpuserial = h;
        return 0;
    }
    if (!strcasecmp(k, "CNSLPORT")) {
        if (need_operands(x, tok, n, 1, "[host:]port"))
            return -1;
        const char *colon = strrchr(v, ':');
        const char *port = colon ? colon + 1 : v;
        unsigned long p;
        if (!parse_dec(port, 65535, &p))
            return fail(x, "CNSLPORT %s: expected [host:]port with a port from 0 to 65535 "
                        "(0: no listener)", v);
        if (colon) {
            size_t hl = (size_t)(colon - v);
            if (hl == 0 || hl >= sizeof cfg->cnsl_host)
                return fail(x, "CNSLPORT %s: expected a host name or address before ':'", v);
            memcpy(cfg->cnsl_host, v, hl);
            cfg->cnsl_host[hl] = 0;
        }
        cfg->cnsl_port = (int)p;
        return 0;
    }
    if (!strcasecmp(k, "LOADPARM")) {
        if (need_operands(x, tok, n, 1, "NAME (1 to 8 characters)"))
            return -1;
        if (strlen(v) > 8)
            return fail(x, "LOADPARM %s: expected 1 to 8 characters", v);
        snprintf(cfg->loadparm, sizeof cfg->loadparm, "%s", v);
        for (char *p = cfg->loadparm; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        return 0;
    }
    if (!strcasecmp(k, "DEFSYM")) {
        if (n != 3)
            return fail(x, "DEFSYM: expected DEFSYM NAME VALUE (quote a value with blanks)");
        size_t len = strlen(v);
        if (len == 0 || len > 63 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789_") != len)
            return fail(x, "DEFSYM %s: expected a name of 1 to 63 letters, digits or _", v);
        return sym_define(x, v, tok[2]);
    }
    return stmt_device(x, tok, n);
}

int config_parse(Config *cfg, const char *text, char *err, size_t errlen)
{
    Ctx x = { .cfg = cfg, .line = 0, .err = err, .errlen = errlen };
    const char *p = text;
    while (*p) {
        x.line++;
        size_t len = strcspn(p, "\n");
        const char *next = p[len] ? p + len + 1 : p + len;
        if (len && p[len - 1] == '\r')
            len--;
        if (len >= MAX_LINE)
            return fail(&x, "line longer than %d characters", MAX_LINE - 1);
        char raw[MAX_LINE], line[MAX_LINE];
        memcpy(raw, p, len);
        raw[len] = 0;
        p = next;
        if (memchr(raw, 0, len) || strlen(raw) != len)
            return fail(&x, "NUL character in line: expected a text file");
        const char *s = raw + strspn(raw, " \t");
        if (!*s || *s == '#' || *s == '*')
            continue;
        if (substitute(&x, s, line, sizeof line))
            return -1;
        char *tok[MAX_TOKENS];
        int n = tokenize(&x, line, tok, MAX_TOKENS);
        if (n < 0)
            return -1;
        if (n == 0)
            continue;
        if (stmt(&x, tok, n))
            return -1;
    }
    return 0;
}

int config_load(Config *cfg, const char *path, char *err, size_t errlen)
{
    config_init(cfg, path);
    size_t len;
    char msg[300];
    uint8_t *data = load_file(path, &len, msg, sizeof msg);
    if (!data) {
        snprintf(err, errlen, "%s", msg);
        return -1;
    }
    char *text = malloc(len + 1);
    if (!text) {
        free(data);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    memcpy(text, data, len);
    text[len] = 0;
    free(data);
    int rc = 0;
    if (strlen(text) != len) {
        snprintf(err, errlen, "%s: NUL character in the file: expected a text file", path);
        rc = -1;
    } else {
        rc = config_parse(cfg, text, err, errlen);
    }
    free(text);
    return rc;
}

void config_describe(const ConfigDevice *d, char *buf, size_t len)
{
    size_t o = (size_t)snprintf(buf, len, "%s", d->type);
    for (int i = 0; i < d->argc && o < len; i++)
        o += (size_t)snprintf(buf + o, len - o, " %s", d->argv[i]);
}
