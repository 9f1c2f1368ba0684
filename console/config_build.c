/*
 * config_build.c — from a parsed Config (config.c) to a machine with its
 * devices: storage, architecture, CPU identity, then one device per
 * statement, attached in the order of the file (so subchannel numbers
 * follow the file, as a guest that scans subchannels expects).
 *
 * CPU identity: ESA/390 PoO SA22-7201 ch. 10 "STORE CPU ID": version code
 * (bits 0-7, X'FF' for an emulated CPU here), CPU identification number
 * (bits 8-31, CPUSERIAL), machine-type number (bits 32-47, CPUMODEL).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console/config.h"
#include "console/dev3270.h"
#include "console/devices.h"
#include "console/session.h"
#include "console/tape.h"
#include "cpu370/channel.h"
#include "dasd/dasd.h"

Machine *config_new_machine(const Config *cfg, char *err, size_t errlen)
{
    Machine *m = machine_new(cfg->mainsize, cfg->arch);
    if (!m) {
        snprintf(err, errlen, "%s: cannot allocate %u bytes of main storage", cfg->name,
                 cfg->mainsize);
        return NULL;
    }
    m->cpu->cpuid = 0xFF00000000000000ull | (uint64_t)(cfg->cpuserial & 0xFFFFFF) << 32 |
                    (uint64_t)cfg->cpumodel << 16;
    return m;
}

static CardMode card_mode(const ConfigDevice *d, CardMode dflt)
{
    if (d->argc >= 2 && !strcasecmp(d->argv[1], "ascii"))
        return CARD_ASCII;
    if (d->argc >= 2 && !strcasecmp(d->argv[1], "ebcdic"))
        return CARD_EBCDIC;
    return dflt;
}

Device *config_new_device(const ConfigDevice *d, Session *s, char *err, size_t errlen)
{
    if (config_check_device(d, "", err, errlen))
        return NULL;
    const char *t = d->type;
    char base[8];
    snprintf(base, sizeof base, "%.4s", t);        /* "3215-C" -> "3215" */

    if (!strcmp(t, "3215-C") || !strcmp(t, "1052-C"))
        return con3215_new(d->devnum, base, NULL, session_console_stream(s), err, errlen);
    if (!strcmp(t, "3215") || !strcmp(t, "1052"))
        /* A line-mode console for a telnet client (tn3270.c finds it);
         * until one connects, output goes nowhere. */
        return con3215_new(d->devnum, base, NULL, NULL, err, errlen);
    if (!strncmp(t, "327", 3))
        return dev3270_new(d->devnum, t, s, err, errlen);
    if (!strcmp(t, "3505") || !strcmp(t, "2540R"))
        return reader_new(d->devnum, t, d->argc ? d->argv[0] : "/dev/null",
                          card_mode(d, CARD_AUTO), err, errlen);
    if (!strcmp(t, "3525") || !strcmp(t, "2540P"))
        return punch_new(d->devnum, t, d->argv[0], card_mode(d, CARD_AUTO), err, errlen);
    if (!strcmp(t, "1403") || !strcmp(t, "3211"))
        return printer_new(d->devnum, t, d->argv[0], err, errlen);
    if (!strcmp(t, "3420") || !strcmp(t, "3480"))
        return tape_new(d->devnum, t, d->argv[0], d->argc >= 2, err, errlen);
    /* config_check_device() accepted it: a CKD or FBA type. */
    DasdOptions opt = { 0 };
    for (int i = 1; i < d->argc; i++) {
        if (!strcasecmp(d->argv[i], "ro"))
            opt.readonly = true;
        else if (!strcasecmp(d->argv[i], "nosync"))
            opt.nosync = true;
        else
            opt.shadow = d->argv[i] + 3;            /* sf=FILE */
    }
    return dasd_open(d->devnum, t, d->argv[0], &opt, err, errlen);
}

int config_attach(const Config *cfg, Machine *m, Session *s, char *err, size_t errlen)
{
    for (unsigned i = 0; i < cfg->ndev; i++) {
        const ConfigDevice *cd = &cfg->dev[i];
        char msg[400];
        Device *d = config_new_device(cd, s, msg, sizeof msg);
        if (!d) {
            snprintf(err, errlen, "%s:%d: %s", cfg->name, cd->line, msg);
            return -1;
        }
        if (css_attach(m, d)) {
            if (d->ops->close)
                d->ops->close(d);
            free(d);
            snprintf(err, errlen, "%s:%d: %04X: cannot attach the device (number in use?)",
                     cfg->name, cd->line, cd->devnum);
            return -1;
        }
    }
    return 0;
}
