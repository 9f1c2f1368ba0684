/* run.h — the batch runner (`interpex run`) and its output helpers. */
#ifndef CONSOLE_RUN_H
#define CONSOLE_RUN_H

#include <stdio.h>

#include "cpu370/cpu.h"

int  run_main(int argc, char **argv);
void run_print_state(Cpu *c, FILE *f);
void run_print_storage(Machine *m, uint32_t addr, uint32_t len, FILE *f);

#endif
