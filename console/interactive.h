/*
 * interactive.h — `interpex [-f CONFIG] [-r SCRIPT]`: the interactive
 * machine (a session, its devices, the TN3270 listener and the operator
 * console).  Without -f, the built-in default machine (interactive.c).
 */
#ifndef CONSOLE_INTERACTIVE_H
#define CONSOLE_INTERACTIVE_H

int interactive_main(int argc, char **argv);

#endif
