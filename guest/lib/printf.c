/*
 * printf.c — vsnprintf for guest programs.  Output is always
 * NUL-terminated when size > 0; the return value is the length the full
 * output would have had, as in C99.
 */
#include "guest/libc.h"

typedef struct Out {
    char  *buf;
    size_t size, len;
} Out;

static void put(Out *o, char ch)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = ch;
    o->len++;
}

static void put_padded(Out *o, const char *s, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (fill-- > 0)
            put(o, pad);
    while (n--)
        put(o, *s++);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

static void put_number(Out *o, unsigned long long v, int neg, unsigned base, int upper,
                       int width, int prec, int left, char pad, char sign)
{
    char tmp[32];
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    while (n < prec && n < (int)sizeof tmp - 1)
        tmp[n++] = '0';
    char s = neg ? '-' : sign;
    int total = n + (s ? 1 : 0);
    if (prec >= 0)
        pad = ' ';
    if (!left && pad == ' ')
        for (; width > total; width--)
            put(o, ' ');
    if (s)
        put(o, s);
    if (!left && pad == '0')
        for (; width > total; width--)
            put(o, '0');
    while (n)
        put(o, tmp[--n]);
    if (left)
        for (; width > total; width--)
            put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    Out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        int left = 0, width = 0, prec = -1, lng = 0;
        char pad = ' ', sign = 0;
        for (;; fmt++) {
            if (fmt[1] == '-') left = 1;
            else if (fmt[1] == '0') pad = '0';
            else if (fmt[1] == '+') sign = '+';
            else if (fmt[1] == ' ') { if (!sign) sign = ' '; }
            else break;
        }
        fmt++;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) { left = 1; width = -width; }
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            prec = 0;
            fmt++;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            }
            while (*fmt >= '0' && *fmt <= '9')
                prec = prec * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l' || *fmt == 'h' || *fmt == 'z') {
            if (*fmt == 'l') lng++;
            if (*fmt == 'z') lng = 1;
            fmt++;
        }
        switch (*fmt) {
        case 'd': case 'i': {
            long long v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
            unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            put_number(&o, u, v < 0, 10, 0, width, prec, left, pad, sign);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
                                 : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            put_number(&o, v, 0, base, *fmt == 'X', width, prec, left, pad, 0);
            break;
        }
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            put_number(&o, (uintptr_t)va_arg(ap, void *), 0, 16, 0, 8, -1, 0, '0', 0);
            break;
        case 'c': {
            char ch = (char)va_arg(ap, int);
            put_padded(&o, &ch, 1, width, left, ' ');
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            size_t n = strlen(s);
            if (prec >= 0 && (size_t)prec < n)
                n = (size_t)prec;
            put_padded(&o, s, n, width, left, ' ');
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case 0:
            fmt--;
            break;
        default:
            put(&o, '%');
            put(&o, *fmt);
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
