/*
 * config.h — the machine configuration file: a Hercules-compatible subset.
 *
 *   ARCHMODE  ESA/390 | S/370
 *   MAINSIZE  64 | 512K | 16M | 1G        (a bare number is megabytes)
 *   NUMCPU    1
 *   CPUMODEL  9021                        (4 hex digits)
 *   CPUSERIAL 000001                      (6 hex digits)
 *   CNSLPORT  [host:]port                 (0: no TN3270 listener)
 *   LOADPARM  name                        (default for the ipl command)
 *   DEFSYM    NAME value                  (then $(NAME) or ${NAME})
 *   devnum[.count|-last] devtype [operands]
 *
 * Device statements (operands per type):
 *   3215-C [/] [noprompt]    the console integrated in the operator console
 *   3215 | 1052 [noprompt]   a line-mode console for a telnet client
 *   3270 3277 3278 3279 [-2..-5]   local 3270 displays (TN3270 clients)
 *   3505 | 2540R [FILE [ascii|ebcdic]]   card reader
 *   3525 | 2540P FILE [ascii|ebcdic]     card punch
 *   1403 | 3211 FILE                     printer
 *   3390 3380 ... | 3370 9336 3310 FILE [ro] [sf=SHADOW] [nosync]
 *                                        CKD or FBA disk on a Hercules image
 *                                        (plain or compressed)
 *   3420 | 3480 FILE [ro]                tape drive on an AWS tape file
 * `#` and `*` start comment lines; ` #` starts a comment after a
 * statement.  $(NAME) and ${NAME} are replaced by a DEFSYM value or, if
 * none, the environment variable; an undefined name is an error.
 * (Hercules' configuration statements: hercconf.html in the Hercules 3.13
 * documentation; only the facts of the syntax are used here.)
 *
 * Two steps: config_parse() turns the text into a Config (pure: no files
 * opened, no machine), then config_new_machine() and config_attach() build
 * the machine and its devices.  Every error is one line
 * "FILE:LINE: what is wrong, what was expected".
 */
#ifndef CONSOLE_CONFIG_H
#define CONSOLE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu370/cpu.h"
#include "cpu370/device.h"

typedef struct Session Session;

#define CONFIG_MAX_ARGS 8

typedef struct ConfigDevice {
    uint16_t devnum;
    char     type[16];          /* as written, upper case: "3215-C", "3390"  */
    int      argc;
    char    *argv[CONFIG_MAX_ARGS];
    int      line;              /* where it was defined (0: not from a file) */
} ConfigDevice;

typedef struct ConfigSym {
    char *name, *value;
} ConfigSym;

typedef struct Config {
    char        *name;          /* file name for messages                    */
    Arch         arch;
    uint32_t     mainsize;      /* bytes                                     */
    unsigned     numcpu;
    uint16_t     cpumodel;
    uint32_t     cpuserial;     /* 24 bits                                   */
    char         cnsl_host[64]; /* listener address, default 127.0.0.1       */
    int          cnsl_port;     /* 0: no listener                            */
    char         loadparm[9];
    ConfigDevice *dev;          /* one entry per device number               */
    unsigned     ndev;
    ConfigSym   *sym;
    unsigned     nsym;
} Config;

/* Defaults: ESA/390, 16M, one CPU, model 9021, CNSLPORT 3270 on
 * 127.0.0.1, no devices. */
void config_init(Config *cfg, const char *name);
void config_free(Config *cfg);

/* Parse `text` (the whole file) into cfg (initialised by config_init).
 * 0, or -1 with "NAME:LINE: ..." in err. */
int  config_parse(Config *cfg, const char *text, char *err, size_t errlen);
/* config_init + read the file + config_parse. */
int  config_load(Config *cfg, const char *path, char *err, size_t errlen);

/* Check one device statement's type and operands (also used by the
 * operator's attach command).  `where` prefixes the message. */
int  config_check_device(const ConfigDevice *d, const char *where, char *err, size_t errlen);
/* Parse "devnum[.count|-last]": 0 and the first device and count, or -1. */
int  config_parse_devnums(const char *s, uint16_t *first, unsigned *count);

/* ---- building (config_build.c) -------------------------------------------- */
/* A machine with the storage, architecture and CPU identity of cfg. */
Machine *config_new_machine(const Config *cfg, char *err, size_t errlen);
/* Create the device of one statement.  3215-C consoles print through the
 * session (session_console_stream()); 3270s belong to the session. */
Device  *config_new_device(const ConfigDevice *d, Session *s, char *err, size_t errlen);
/* Create and attach every device of cfg, in order.  0, or -1 with
 * "NAME:LINE: ..." in err (the devices attached so far stay attached). */
int      config_attach(const Config *cfg, Machine *m, Session *s, char *err, size_t errlen);
/* "3505 cards.txt ascii": the statement's type and operands, for devlist. */
void     config_describe(const ConfigDevice *d, char *buf, size_t len);

#endif
