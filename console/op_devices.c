/*
 * op_devices.c — operator commands on devices: devlist, attach, detach,
 * devinit, and /text input for the integrated 3215-C console.
 *
 * A device keeps its subchannel for the life of the machine (subchannel
 * numbers must not move under a running program), so detach leaves the
 * subchannel in place with a "detached" device that answers every command
 * with intervention required, and a later attach of the same number reuses
 * it.  devinit reopens a device's file the same way: the new device's
 * operations and state move into the old Device, so pointers to it (the
 * subchannel's, a terminal's) stay valid.  A card reader that gets a new
 * deck presents device end, as a reader made ready does (IBM 3505
 * Component Description GA21-9124, "Not ready to ready"); so does a tape
 * drive given a new tape (a mount).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console/config.h"
#include "console/dev3270.h"
#include "console/devices.h"
#include "console/op_internal.h"
#include "cpu370/channel.h"
#include "dasd/dasd.h"

static uint8_t detached_start(Device *d, DevIo *io)
{
    if (io->cmd == CMD_SENSE)
        return dev_sense(d, io);
    return dev_unit_check(d, SNS0_INTERVENTION);
}

static const DeviceOps detached_ops = { .type = "none", .start = detached_start };

static bool is_detached(const Device *d)
{
    return d->ops == &detached_ops;
}

/* Move nd's operations and state into old's place; nd is freed. */
static void device_replace(Device *old, Device *nd)
{
    if (old->ops->close)
        old->ops->close(old);
    old->ops = nd->ops;
    old->priv = nd->priv;
    memcpy(old->sense, nd->sense, sizeof old->sense);
    old->sense_len = nd->sense_len;
    free(nd);
}

static void device_discard(Device *d)
{
    if (d->ops->close)
        d->ops->close(d);
    free(d);
}

int cmd_devlist(Operator *o, int argc, char **argv)
{
    uint16_t only = 0;
    if (argc > 2 || (argc == 2 && !op_parse_devnum(argv[1], &only)))
        return op_error(o, "expected devlist [DEVNUM]");
    unsigned shown = 0;
    for (unsigned i = 0; i < o->m->ndevices; i++) {
        Device *d = o->m->devices[i];
        if (!d || is_detached(d) || (argc == 2 && d->devnum != only))
            continue;
        OpDevice *od = op_find_device(o, d->devnum);
        const char *state = "";
        if (dev_is_3270(d))
            state = dev3270_attached(d) ? " (connected)" : " (no terminal)";
        session_print(o->s, "0:%04X %s%s%s%s", d->devnum, od ? od->type : d->ops->type,
                      od && od->args[0] ? " " : "", od ? od->args : "", state);
        shown++;
    }
    if (argc == 2 && !shown)
        return op_error(o, "device %04X does not exist", only);
    return OP_OK;
}

/* A ConfigDevice for TYPE ARGS given on the command line. */
static int make_config_device(Operator *o, ConfigDevice *cd, uint16_t devnum, const char *type,
                              int argc, char **argv)
{
    memset(cd, 0, sizeof *cd);
    cd->devnum = devnum;
    if (strlen(type) >= sizeof cd->type)
        return op_error(o, "device type %s is too long", type);
    for (size_t i = 0; i <= strlen(type); i++)
        cd->type[i] = (char)toupper((unsigned char)type[i]);
    if (argc > CONFIG_MAX_ARGS)
        return op_error(o, "too many operands");
    cd->argc = argc;
    for (int i = 0; i < argc; i++)
        cd->argv[i] = argv[i];
    char err[400];
    if (config_check_device(cd, "", err, sizeof err))
        return op_error(o, "%s", err);
    return OP_OK;
}

int cmd_attach(Operator *o, int argc, char **argv)
{
    uint16_t first;
    unsigned count;
    if (argc < 3)
        return op_error(o, "expected attach DEVNUM[.COUNT] TYPE [OPERANDS]");
    if (config_parse_devnums(argv[1], &first, &count))
        return op_error(o, "invalid device number %s: expected 1 to 4 hexadecimal digits", argv[1]);
    for (unsigned k = 0; k < count; k++) {
        uint16_t dn = (uint16_t)(first + k);
        Device *old = css_find_device(o->m, dn);
        if (old && !is_detached(old))
            return op_error(o, "device %04X already exists (detach it first)", dn);
        ConfigDevice cd;
        if (make_config_device(o, &cd, dn, argv[2], argc - 3, argv + 3))
            return OP_ERROR;
        char err[400];
        Device *nd = config_new_device(&cd, o->s, err, sizeof err);
        if (!nd)
            return op_error(o, "%s", err);
        if (old) {
            device_replace(old, nd);
        } else if (css_attach(o->m, nd)) {
            device_discard(nd);
            return op_error(o, "device %04X: no subchannel for it", dn);
        }
        op_note_device(o, dn, cd.type, cd.argc, cd.argv);
        session_print(o->s, "Device %04X %s attached", dn, cd.type);
    }
    return OP_OK;
}

int cmd_detach(Operator *o, int argc, char **argv)
{
    uint16_t dn;
    if (argc != 2 || !op_parse_devnum(argv[1], &dn))
        return op_error(o, "expected detach DEVNUM");
    Device *d = css_find_device(o->m, dn);
    if (!d || is_detached(d))
        return op_error(o, "device %04X does not exist", dn);
    Device *stub = device_new(&detached_ops, dn, NULL);
    if (!stub)
        return op_error(o, "out of memory");
    device_replace(d, stub);
    OpDevice *od = op_find_device(o, dn);
    if (od)
        od->detached = true;
    session_print(o->s, "Device %04X detached", dn);
    return OP_OK;
}

int cmd_devinit(Operator *o, int argc, char **argv)
{
    uint16_t dn;
    if (argc < 2 || !op_parse_devnum(argv[1], &dn))
        return op_error(o, "expected devinit DEVNUM [FILE [OPERANDS]]");
    Device *d = css_find_device(o->m, dn);
    OpDevice *od = op_find_device(o, dn);
    if (!d || is_detached(d) || !od)
        return op_error(o, "device %04X does not exist", dn);
    const char *t = od->type;
    bool reader = !strcmp(t, "3505") || !strcmp(t, "2540R");
    bool tape = !strcmp(t, "3420") || !strcmp(t, "3480");
    bool has_file = reader || !strcmp(t, "3525") || !strcmp(t, "2540P") || !strcmp(t, "1403") ||
                    !strcmp(t, "3211") || !strcmp(t, "3420") || !strcmp(t, "3480") ||
                    ckd_type_by_name(t) || fba_type_by_name(t);
    if (!has_file)
        return op_error(o, "device %04X (%s) has no file to reopen", dn, t);
    char old_args[sizeof od->args];
    char *words[OP_MAX_ARGS];
    int nw;
    if (argc > 2) {
        nw = argc - 2;
        for (int i = 0; i < nw; i++)
            words[i] = argv[i + 2];
    } else {
        snprintf(old_args, sizeof old_args, "%s", od->args);
        nw = op_split(old_args, words, OP_MAX_ARGS);
        if (nw < 0)
            return op_error(o, "cannot reuse the operands %s", od->args);
    }
    ConfigDevice cd;
    if (make_config_device(o, &cd, dn, t, nw, words))
        return OP_ERROR;
    char err[400];
    Device *nd = config_new_device(&cd, o->s, err, sizeof err);
    if (!nd)
        return op_error(o, "%s", err);
    device_replace(d, nd);
    char type[sizeof od->type];
    snprintf(type, sizeof type, "%s", t);
    op_note_device(o, dn, type, cd.argc, cd.argv);
    if (reader || tape) {
        dev_attention(d, US_DEVICE_END);
        session_notify(o->s);
    }
    session_print(o->s, "Device %04X reinitialised%s%s", dn, cd.argc ? ": " : "",
                  cd.argc ? cd.argv[0] : "");
    return OP_OK;
}

int op_console_input(Operator *o, const char *text)
{
    for (unsigned i = 0; i < o->ndev; i++) {
        OpDevice *od = &o->dev[i];
        size_t tl = strlen(od->type);
        if (od->detached || tl < 2 || strcmp(od->type + tl - 2, "-C"))
            continue;
        session_lock(o->s);
        Device *d = css_find_device(o->m, od->devnum);
        bool ok = d && !is_detached(d) && con3215_input(d, text);
        session_notify(o->s);
        session_unlock(o->s);
        if (!ok) {
            session_print(o->s, "console %04X: the previous input line has not been read yet; "
                          "this one is not accepted", od->devnum);
            return OP_ERROR;
        }
        return OP_OK;
    }
    session_print(o->s, "no 3215-C console is configured for /input");
    return OP_ERROR;
}
