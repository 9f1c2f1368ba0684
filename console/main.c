/*
 * main.c — the interpex command: `interpex run ...` (batch runner),
 * `interpex dasd ...` (DASD tools), `interpex [-f CONFIG]` (the
 * interactive machine).
 */
#include <stdio.h>
#include <string.h>

#include "console/dasdtool.h"
#include "console/interactive.h"
#include "console/run.h"

static void usage(FILE *f)
{
    fprintf(f,
        "usage: interpex run [options] PROGRAM   run a bare-machine program (--help)\n"
        "       interpex dasd create|ls|check ... DASD images (--help)\n"
        "       interpex [-f CONFIG] [-r SCRIPT] the interactive machine\n");
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "run"))
        return run_main(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "dasd"))
        return dasd_main(argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    return interactive_main(argc, argv);
}
