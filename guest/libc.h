/*
 * libc.h — the small C library every guest program (CP, CMS, tests, labs)
 * shares.  Freestanding: no files, no heap; formatted output into buffers,
 * and to the 3215 console once the channel subsystem is there (console.c).
 */
#ifndef GUEST_LIBC_H
#define GUEST_LIBC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void  *memcpy(void *dst, const void *src, size_t n);
void  *memmove(void *dst, const void *src, size_t n);
void  *memset(void *dst, int c, size_t n);
int    memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int    strcmp(const char *a, const char *b);
char  *strcpy(char *dst, const char *src);
char  *strncpy(char *dst, const char *src, size_t n);

/* printf-style formatting: %d %i %u %x %X %o %c %s %p %% with flags
 * '-', '0', ' ', '+', width, precision, and the l, ll, h, hh, z modifiers. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Console output on the 3215 at device 0009 (console.c). */
int console_puts(const char *s);            /* one line                   */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* EBCDIC (code page 037) <-> ASCII. */
extern const uint8_t ascii_to_ebcdic[256];
extern const uint8_t ebcdic_to_ascii[256];

#endif
