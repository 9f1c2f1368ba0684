/* codepage.h — EBCDIC (code page 037) and host text (codepage.c). */
#ifndef CONSOLE_CODEPAGE_H
#define CONSOLE_CODEPAGE_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t cp037_to_latin1[256];
extern const uint8_t latin1_to_cp037[256];

unsigned ebcdic_to_utf8(uint8_t e, char *out);
size_t   utf8_to_ebcdic(const char *s, size_t n, uint8_t *out, size_t max);

#endif
