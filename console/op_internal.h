/*
 * op_internal.h — what the operator command files share (operator.c,
 * op_cpu.c, op_storage.c, op_devices.c): the Operator and the command
 * handler signature.  A handler prints through the session and returns
 * OP_OK or OP_ERROR; the dispatcher takes the session lock around it when
 * the command table says so (OPF_LOCK).
 */
#ifndef CONSOLE_OP_INTERNAL_H
#define CONSOLE_OP_INTERNAL_H

#include "console/operator.h"
#include "console/session.h"

typedef struct OpDevice {
    uint16_t devnum;
    char     type[16];        /* as configured: "3215-C", "3505", ...      */
    char     args[240];       /* operands, blank separated                 */
    bool     detached;
} OpDevice;

struct Operator {
    Session  *s;
    Machine  *m;
    bool      quit;
    int       depth;          /* script nesting                            */
    const char *cmd;          /* the command running, for op_error()       */
    char      loadparm[9];
    OpDevice *dev;
    unsigned  ndev;
};

typedef int OpFn(Operator *o, int argc, char **argv);

#define OPF_LOCK 0x1          /* run with the session lock held             */

/* Print an error for command argv[0]. */
int op_error(Operator *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "the CPU must be stopped" check for commands that need it. */
bool op_require_stopped(Operator *o, const char *cmd);
OpDevice *op_find_device(Operator *o, uint16_t devnum);

/* op_cpu.c */
OpFn cmd_ipl, cmd_start, cmd_stop, cmd_restart, cmd_psw, cmd_gpr, cmd_cr, cmd_fpr, cmd_pr,
     cmd_trace, cmd_step, cmd_break, cmd_archmode, cmd_sysclear, cmd_sysreset, cmd_clocks,
     cmd_maxrates, cmd_sie, cmd_stats;
/* op_storage.c */
OpFn cmd_r, cmd_v, cmd_u, cmd_loadcore, cmd_loadtext;
/* op_devices.c */
OpFn cmd_devlist, cmd_attach, cmd_detach, cmd_devinit;
int  op_console_input(Operator *o, const char *text);
/* sdlwin.c */
OpFn cmd_sdl;

#endif
