/*
 * codepage.c — EBCDIC code page 037 <-> ISO 8859-1, for the host side of
 * consoles, readers, punches and printers.  CP037 is a permutation of the
 * 256 ISO 8859-1 code points, so the two tables are exact inverses (the
 * tables follow IBM's CP037 definition, as Python's cp037 codec and
 * x3270's cp037 table give it; console.md §2.9).
 */
#include "console/codepage.h"
#include "console/cp037.h"

const uint8_t cp037_to_latin1[256] = CP037_TO_LATIN1;

const uint8_t latin1_to_cp037[256] = LATIN1_TO_CP037;

/* Append the host text for one EBCDIC byte to `out` (UTF-8); returns the
 * number of bytes written (0-2).  NL (X'15') and LF (X'25') become a
 * newline, HT (X'05') a tab; other control characters are dropped. */
unsigned ebcdic_to_utf8(uint8_t e, char *out)
{
    uint8_t l = cp037_to_latin1[e];
    if (l == 0x0A || l == 0x85) {
        out[0] = '\n';
        return 1;
    }
    if (l == '\t') {
        out[0] = '\t';
        return 1;
    }
    if (l < 0x20 || (l >= 0x7F && l < 0xA0))
        return 0;
    if (l < 0x80) {
        out[0] = (char)l;
        return 1;
    }
    out[0] = (char)(0xC0 | l >> 6);
    out[1] = (char)(0x80 | (l & 0x3F));
    return 2;
}

/* Translate host text (UTF-8, or plain ISO 8859-1 bytes) to EBCDIC; at most
 * `max` bytes are produced; returns how many. */
size_t utf8_to_ebcdic(const char *s, size_t n, uint8_t *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        uint8_t b = (uint8_t)s[i];
        unsigned cp = b;
        if ((b & 0xE0) == 0xC0 && i + 1 < n && ((uint8_t)s[i + 1] & 0xC0) == 0x80) {
            cp = (unsigned)(b & 0x1F) << 6 | ((uint8_t)s[i + 1] & 0x3F);
            i++;
        } else if (b >= 0xE0 && b < 0xF8) {
            /* Three- and four-byte sequences have no CP037 character. */
            unsigned len = b >= 0xF0 ? 4 : 3;
            i += len - 1;
            cp = '?';
        }
        out[k++] = latin1_to_cp037[cp < 256 ? cp : '?'];
    }
    return k;
}
