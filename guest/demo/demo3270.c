/*
 * demo3270.c — the stand-alone demonstration for `make run`: a program for
 * the emulated machine that talks to every 3270 display at 00C0-00C3.
 *
 * What it does, per display:
 *   - paints a welcome screen with an input field (Erase/Write, X'05'),
 *     the CPU id (STIDP), the time of day (STCK) and a count of
 *     interactions;
 *   - waits for attention in an enabled wait — the CPU sleeps until an I/O
 *     interruption — then reads the input with Read Modified (X'06');
 *   - Enter: echoes what was typed; PF3: says goodbye; Clear: starts again;
 *     any other key: says it is not used;
 *   - a display without a terminal ends the write in unit check
 *     (intervention required); when a terminal connects the display
 *     presents device end and the program paints it.
 * It never ends.
 *
 * How the I/O is done (ESA/390 PoO SA22-7201 ch. 14-16): each display's
 * subchannel is found with STORE SUBCHANNEL, enabled with MODIFY
 * SUBCHANNEL in interruption subclass 3, which CR6 enables.  A channel
 * program is one format-1 CCW started with START SUBCHANNEL; the status
 * is collected with TEST SUBCHANNEL (polled while I/O interruptions are
 * masked).  To wait, the program points the I/O new PSW just after a
 * LOAD PSW of an enabled wait PSW: the interruption "returns" there with
 * the subsystem-identification word of the subchannel at X'B8'.
 * The 3270 data stream: GA23-0059 (orders SBA X'11', SF X'1D', IC X'13';
 * the WCC; AIDs; the Read Modified format).
 */
#include "guest/io.h"
#include "guest/libc.h"

#define FIRST_DEVNUM 0x00C0
#define LAST_DEVNUM  0x00C3
#define MAX_TERMS    4
#define ISC          3

/* ---- I/O instructions ---------------------------------------------------------- */

#define ORB_FORMAT1 0x00800000u
#define ORB_LPM_ALL 0x0000FF00u
#define CCW_SLI     0x20
#define SC_PRIMARY  0x0004
#define US_ATTN     0x80
#define US_DE       0x04
#define US_UC       0x02


static uint64_t stck(void)
{
    uint64_t tod;
    __asm__ volatile("stck %0" : "=Q"(tod) : : "cc");
    return tod;
}

static uint64_t stidp(void)
{
    uint64_t id;
    __asm__ volatile("stidp %0" : "=Q"(id));
    return id;
}

/* Open interruption subclass `isc` in CR6 (bit isc of the first byte). */
static void enable_isc(unsigned isc)
{
    uint32_t cr6 = 0x80000000u >> isc;
    __asm__ volatile("lctl 6,6,%0" : : "Q"(cr6) : "memory");
}

/* Sleep in an enabled wait until an I/O interruption; return the
 * subsystem-identification word it stored.  The I/O new PSW (disabled,
 * 31-bit) points at the label after the LPSW, so the interruption ends
 * the wait and the program goes on there with I/O masked again. */
static uint32_t wait_for_io(void)
{
    static const uint32_t wait_psw[2] __attribute__((aligned(8))) = { 0x020A0000, 0x80000000 };
    static const uint32_t io_new_mask = 0x00080000;
    static const uint32_t amode31 = 0x80000000;
    uint32_t ssid;
    __asm__ volatile(
        "       larl  %%r1,0f\n"
        "       o     %%r1,%[amode]\n"
        "       st    %%r1,0x7c\n"
        "       mvc   0x78(4,%%r0),%[mask]\n"
        "       lpsw  %[wait]\n"
        "0:     l     %[ssid],0xb8\n"
        : [ssid] "=d"(ssid)
        : [amode] "R"(amode31), [mask] "Q"(io_new_mask), [wait] "Q"(wait_psw)
        : "1", "cc", "memory");
    return ssid;
}

/* ---- The displays ---------------------------------------------------------------- */

typedef struct Term {
    uint32_t schid;              /* subsystem-ID word                         */
    uint16_t devnum;
    int      ready;              /* a terminal is connected                   */
    unsigned count;              /* interactions                              */
    char     said[64];           /* the last input                            */
    char     key[16];            /* the last attention key                    */
    int      attn;               /* attention seen while starting other I/O   */
} Term;

static Term     terms[MAX_TERMS];
static unsigned nterms;
static unsigned total;           /* interactions on all displays             */

static void find_terminals(void)
{
    static uint8_t schib[52] __attribute__((aligned(8)));
    static uint8_t irb[64] __attribute__((aligned(8)));
    for (uint32_t sch = 0; sch < 0x10000 && nterms < MAX_TERMS; sch++) {
        uint32_t id = 0x00010000u | sch;
        if (stsch(id, schib) == 3)
            break;
        uint16_t devnum = (uint16_t)(schib[6] << 8 | schib[7]);
        if (!(schib[5] & 0x01) || devnum < FIRST_DEVNUM || devnum > LAST_DEVNUM)
            continue;
        schib[4] = ISC << 3;
        schib[5] |= 0x80;                            /* E: enabled */
        int cc;
        for (int tries = 0; (cc = msch(id, schib)) == 1 && tries < 8; tries++)
            tsch(id, irb);                           /* old status: clear it */
        if (cc != 0)
            continue;
        Term *t = &terms[nterms++];
        t->schid = id;
        t->devnum = devnum;
    }
}

/* Run one command; returns the device status (0xFF if it did not start). */
static uint8_t do_io(Term *t, uint8_t cmd, void *data, uint16_t count, uint16_t *resid)
{
    static struct ccw1 ccw __attribute__((aligned(8)));
    static struct orb orb __attribute__((aligned(8)));
    static uint8_t irb[64] __attribute__((aligned(8)));
    ccw.cmd = cmd;
    ccw.flags = CCW_SLI;
    ccw.count = count;
    ccw.addr = (uint32_t)(uintptr_t)data;
    orb.intparm = t->schid;
    orb.flags = ORB_FORMAT1 | ORB_LPM_ALL;
    orb.cpa = (uint32_t)(uintptr_t)&ccw;
    uint8_t pending = 0;
    int cc;
    for (int tries = 0; (cc = ssch(t->schid, &orb)) != 0; tries++) {
        if (cc == 3 || tries > 100)
            return 0xFF;
        if (tsch(t->schid, irb) == 0)
            pending |= irb[8];                       /* attention or DE waiting */
    }
    if (pending & US_ATTN)
        t->attn = 1;                                 /* handled by main's loop  */
    for (long spins = 0; spins < 1000000; spins++) {
        if (tsch(t->schid, irb) != 0)
            continue;
        if (!((irb[2] << 8 | irb[3]) & SC_PRIMARY))
            continue;
        if (resid)
            *resid = (uint16_t)(irb[10] << 8 | irb[11]);
        return irb[8];
    }
    return 0xFF;
}

/* ---- Building screens ------------------------------------------------------------- */

/* The 6-bit code table of GA23-0059 for 12-bit addresses and attributes. */
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

#define ATTR_PROT   0x20
#define ATTR_BRIGHT 0x08
#define WCC_RESTORE_RESET 0xC3   /* keyboard restore, reset MDT */

static uint8_t  out[2048] __attribute__((aligned(8)));
static unsigned outlen;

static void put(uint8_t b)
{
    if (outlen < sizeof out)
        out[outlen++] = b;
}

static void sba(int row, int col)
{
    unsigned a = (unsigned)(row * 80 + col);
    put(0x11);
    put(code6[(a >> 6) & 0x3F]);
    put(code6[a & 0x3F]);
}

static void sf(uint8_t attr)
{
    put(0x1D);
    put(code6[attr & 0x3F]);
}

static void text(const char *s)
{
    for (; *s; s++)
        put(ascii_to_ebcdic[(uint8_t)*s]);
}

/* A protected line at (row, col). */
static void line(int row, int col, uint8_t attr, const char *s)
{
    sba(row, col);
    sf(ATTR_PROT | attr);
    text(s);
}

/* Days since 1900-01-01 to a date (the TOD epoch). */
static void tod_date(uint64_t tod, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
    uint64_t secs = (tod >> 12) / 1000000u;
    uint32_t days = (uint32_t)(secs / 86400u), rem = (uint32_t)(secs % 86400u);
    *h = (int)(rem / 3600), *mi = (int)(rem / 60 % 60), *s = (int)(rem % 60);
    int year = 1900;
    for (;;) {
        int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        uint32_t n = leap ? 366u : 365u;
        if (days < n)
            break;
        days -= n;
        year++;
    }
    static const uint8_t mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int m = 0;
    while (m < 11 && days >= (uint32_t)(mdays[m] + (m == 1 && leap))) {
        days -= (uint32_t)(mdays[m] + (m == 1 && leap));
        m++;
    }
    *y = year, *mo = m + 1, *d = (int)days + 1;
}

static void paint_welcome(Term *t)
{
    char buf[100];
    int y, mo, d, h, mi, s;
    uint64_t id = stidp();
    tod_date(stck(), &y, &mo, &d, &h, &mi, &s);
    outlen = 0;
    put(WCC_RESTORE_RESET);
    snprintf(buf, sizeof buf, "interpex 3270 demonstration - display %04X", t->devnum);
    line(0, 1, ATTR_BRIGHT, buf);
    snprintf(buf, sizeof buf, "CPU id  . . . . : %08X %08X", (unsigned)(id >> 32), (unsigned)id);
    line(2, 1, 0, buf);
    snprintf(buf, sizeof buf, "Time of day . . : %04d-%02d-%02d %02d:%02d:%02d (TOD clock)",
             y, mo, d, h, mi, s);
    line(3, 1, 0, buf);
    snprintf(buf, sizeof buf, "Interactions  . : %u on this display, %u on all %u displays",
             t->count, total, nterms);
    line(4, 1, 0, buf);
    line(6, 1, 0, "Type something and press Enter.");
    line(8, 1, ATTR_BRIGHT, "===>");
    sba(8, 6);
    sf(0x00);                                    /* the input field: 60 wide */
    put(0x13);                                   /* IC: the cursor goes here */
    sba(8, 67);
    sf(ATTR_PROT);
    snprintf(buf, sizeof buf, "You typed . . . : %s", t->said);
    line(10, 1, 0, buf);
    snprintf(buf, sizeof buf, "Last key  . . . : %s", t->key[0] ? t->key : "(none yet)");
    line(11, 1, 0, buf);
    line(22, 1, 0, "Enter = send    PF3 = goodbye    Clear = start again");
    uint8_t st = do_io(t, 0x05, out, (uint16_t)outlen, 0);
    t->ready = st != 0xFF && !(st & US_UC);
}

static void paint_goodbye(Term *t)
{
    char buf[80];
    outlen = 0;
    put(WCC_RESTORE_RESET);
    snprintf(buf, sizeof buf, "Goodbye from display %04X.", t->devnum);
    line(10, 25, ATTR_BRIGHT, buf);
    snprintf(buf, sizeof buf, "%u interactions here.", t->count);
    line(12, 25, 0, buf);
    line(14, 25, 0, "Press Enter or Clear to start again.");
    uint8_t st = do_io(t, 0x05, out, (uint16_t)outlen, 0);
    t->ready = st != 0xFF && !(st & US_UC);
}

/* ---- Input ---------------------------------------------------------------------------- */

static void key_name(uint8_t aid, char *name)
{
    static const uint8_t pf[24] = {
        0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
        0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
    };
    for (int i = 0; i < 24; i++)
        if (pf[i] == aid) {
            snprintf(name, 16, "PF%d", i + 1);
            return;
        }
    snprintf(name, 16, "%s", aid == 0x7D ? "ENTER" : aid == 0x6D ? "CLEAR" :
             aid == 0x6C ? "PA1" : aid == 0x6E ? "PA2" : aid == 0x6B ? "PA3" : "AID");
}

static void on_attention(Term *t)
{
    static uint8_t in[2048] __attribute__((aligned(8)));
    uint16_t resid = 0;
    uint8_t st = do_io(t, 0x06, in, sizeof in, &resid);
    if (st == 0xFF || (st & US_UC)) {
        t->ready = 0;
        return;
    }
    unsigned n = sizeof in - resid;
    if (n == 0)
        return;
    uint8_t aid = in[0];
    t->count++;
    total++;
    key_name(aid, t->key);
    if (aid == 0xF3) {                           /* PF3 */
        paint_goodbye(t);
        return;
    }
    if (aid == 0x6D) {                           /* Clear */
        t->said[0] = 0;
        paint_welcome(t);
        return;
    }
    if (aid == 0x7D) {
        /* AID, cursor, then SBA + the field's characters (nulls left out). */
        unsigned k = 0;
        for (unsigned i = 3; i < n && k + 1 < sizeof t->said; i++) {
            if (in[i] == 0x11) {
                i += 2;
                continue;
            }
            t->said[k++] = (char)ebcdic_to_ascii[in[i]];
        }
        t->said[k] = 0;
        printf("demo3270: %04X: %s\n", t->devnum, t->said);
    } else {
        snprintf(t->said, sizeof t->said, "(%s is not used here)", t->key);
    }
    paint_welcome(t);
}

int main(void)
{
    find_terminals();
    printf("demo3270: %u 3270 display(s) at %04X-%04X\n", nterms, FIRST_DEVNUM, LAST_DEVNUM);
    if (nterms == 0)
        return 1;
    for (unsigned i = 0; i < nterms; i++)
        paint_welcome(&terms[i]);
    enable_isc(ISC);
    for (;;) {
        static uint8_t irb[64] __attribute__((aligned(8)));
        for (unsigned i = 0; i < nterms; i++)
            if (terms[i].attn) {
                terms[i].attn = 0;
                on_attention(&terms[i]);
            }
        uint32_t ssid = wait_for_io();
        Term *t = 0;
        for (unsigned i = 0; i < nterms; i++)
            if (terms[i].schid == ssid)
                t = &terms[i];
        if (tsch(ssid, irb) != 0 || !t)
            continue;
        uint8_t st = irb[8];
        if (st & US_ATTN)
            on_attention(t);
        else if (st & US_DE) {
            /* A terminal came on: fresh screen, fresh count. */
            t->said[0] = 0;
            t->key[0] = 0;
            t->count = 0;
            paint_welcome(t);
        }
    }
}
