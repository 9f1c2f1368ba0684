/*
 * peek.h — the operator's view of storage: addresses translated as the CPU
 * would translate them (DAT when the PSW says so, then prefixing), but
 * without side effects: no reference bits, no TLB entries, no program
 * interruptions.  ESA/390 PoO SA22-7201 ch. 3 "Storage" (address types).
 */
#ifndef CONSOLE_PEEK_H
#define CONSOLE_PEEK_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu370/cpu.h"

/* Absolute address of real (virt false) or logical (virt true) address
 * `addr`: 0, or the program-interruption code the access would raise
 * (translation exceptions, PGM_ADDRESSING outside main storage). */
int  peek_abs(Cpu *c, uint32_t addr, bool virt, uint32_t *abs);
/* The instruction at `ia` (2, 4 or 6 bytes; *len set); false if a part of
 * it cannot be reached. */
bool peek_insn(Cpu *c, uint32_t ia, bool virt, uint8_t buf[6], unsigned *len);
/* The PSW as two words, with its instruction address replaced by ia. */
void peek_psw(Cpu *c, uint32_t ia, uint32_t w[2]);

#endif
