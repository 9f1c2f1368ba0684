/*
 * loader.h — putting programs into a machine's storage: ELF32 big-endian
 * EM_S390 executables, flat binaries at an origin, and Hercules-style
 * .core images.  Errors are reported as one line in `err`, naming the file
 * and what is wrong; nothing is loaded partly on error.
 */
#ifndef CONSOLE_LOADER_H
#define CONSOLE_LOADER_H

#include <stddef.h>

#include "cpu370/cpu.h"

/* Each returns 0 on success, -1 with a message in err. */
int load_elf(Machine *m, const char *path, uint32_t *entry, char *err, size_t errlen);
int load_flat(Machine *m, const char *path, uint32_t origin, char *err, size_t errlen);
/* Read a whole file (malloc'd, *len set); NULL with a message on error. */
uint8_t *load_file(const char *path, size_t *len, char *err, size_t errlen);

#endif
