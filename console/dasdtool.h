/* dasdtool.h — `interpex dasd create|ls|check` (dasdtool.c). */
#ifndef CONSOLE_DASDTOOL_H
#define CONSOLE_DASDTOOL_H

/* argv[0] is "dasd".  Exit status: 0 success, 1 problems found (check),
 * 2 usage or an image that cannot be opened. */
int dasd_main(int argc, char **argv);

#endif
