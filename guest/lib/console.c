/*
 * console.c — console output for guest programs: lines on the 3215
 * console at device 0009, through the channel subsystem.
 *
 * How it works (ESA/390 PoO ch. 14 "I/O instructions"):
 *  1. Find the console's subchannel: STORE SUBCHANNEL on subchannel 0, 1,
 *     2 ... until the SCHIB shows device number 0009 (condition code 3
 *     means we ran out of subchannels: no console).
 *  2. Enable it: set the E bit in the PMCW and MODIFY SUBCHANNEL.  The
 *     interruption subclass is 7, so a program that enables some other
 *     subclass in CR6 is not disturbed by console interruptions.
 *  3. For each line: build one format-1 CCW — X'09' write and carrier
 *     return, or X'01' write without it — in an ORB and START SUBCHANNEL,
 *     then TEST SUBCHANNEL until the status is final (polling: the program
 *     needs no I/O interruption handler).
 * Text is translated to EBCDIC with ascii_to_ebcdic[].
 */
#include "guest/io.h"
#include "guest/libc.h"

#define CONSOLE_DEVNUM 0x0009
#define CONSOLE_ISC    7
#define LINE_MAX       132

#define ORB_F_FORMAT1  0x00800000u
#define ORB_LPM_ALL    0x0000FF00u
#define CCW_SLI        0x20
#define SC_PRIMARY     0x0004
#define SC_PENDING     0x0001


static uint32_t console_schid;     /* 0: not looked for yet */
static int      console_missing;

static int console_find(void)
{
    static uint8_t schib[52] __attribute__((aligned(8)));
    static uint8_t irb[64] __attribute__((aligned(8)));
    if (console_schid)
        return 0;
    if (console_missing)
        return -1;
    for (uint32_t sch = 0; sch < 0x10000; sch++) {
        uint32_t id = 0x00010000u | sch;
        if (stsch(id, schib) == 3)
            break;
        if ((schib[5] & 0x01) == 0 || (schib[6] << 8 | schib[7]) != CONSOLE_DEVNUM)
            continue;
        schib[4] = CONSOLE_ISC << 3;
        schib[5] |= 0x80;                       /* E: enabled */
        for (int tries = 0; tries < 8; tries++) {
            int cc = msch(id, schib);
            if (cc == 0) {
                console_schid = id;
                return 0;
            }
            if (cc != 1)
                break;
            tsch(id, irb);                      /* clear old status, retry */
        }
        break;
    }
    console_missing = 1;
    return -1;
}

/* Write n bytes (n <= LINE_MAX) with or without a carrier return. */
static int console_write(const char *s, size_t n, int cr)
{
    static uint8_t buf[LINE_MAX] __attribute__((aligned(8)));
    static struct ccw1 ccw __attribute__((aligned(8)));
    static struct orb orb __attribute__((aligned(8)));
    static uint8_t irb[64] __attribute__((aligned(8)));

    if (console_find())
        return -1;
    for (size_t i = 0; i < n; i++)
        buf[i] = ascii_to_ebcdic[(uint8_t)s[i]];
    ccw.cmd = cr ? 0x09 : 0x01;
    ccw.flags = CCW_SLI;
    ccw.count = (uint16_t)n;
    ccw.addr = (uint32_t)(uintptr_t)buf;
    orb.intparm = 0;
    orb.flags = ORB_F_FORMAT1 | ORB_LPM_ALL;
    orb.cpa = (uint32_t)(uintptr_t)&ccw;

    int cc;
    for (int tries = 0; (cc = ssch(console_schid, &orb)) != 0; tries++) {
        if (cc == 3 || tries > 1000)
            return -1;
        tsch(console_schid, irb);               /* status pending or busy */
    }
    for (long spins = 0; spins < 10000000; spins++) {
        if (tsch(console_schid, irb) != 0)
            continue;
        unsigned ctrl = irb[2] << 8 | irb[3];
        if (!(ctrl & SC_PRIMARY))
            continue;                           /* intermediate status */
        uint8_t dstat = irb[8], cstat = irb[9];
        return (dstat & 0x03) || cstat ? -1 : 0;   /* unit check/exception */
    }
    return -1;
}

/* Write text, a piece at a time: a newline ends a line (carrier return),
 * and so does the end of the text when `cr_at_end`. */
static int console_text(const char *s, size_t n, int cr_at_end)
{
    int rc = 0;
    do {
        size_t len = 0;
        while (len < n && len < LINE_MAX && s[len] != '\n')
            len++;
        int nl = len < n && s[len] == '\n';
        int cr = nl || (len == n && cr_at_end);
        if ((len || cr) && console_write(s, len, cr))
            rc = -1;
        s += len + nl;
        n -= len + nl;
    } while (n > 0);
    return rc;
}

int console_puts(const char *s)
{
    return console_text(s, strlen(s), 1);
}

int printf(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return n;
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    return console_text(buf, len, 0) ? -1 : n;
}
