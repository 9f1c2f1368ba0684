/*
 * test_telnet.c — the telnet state machine of the TN3270 server
 * (console/telnet.c), fed byte transcripts.
 *
 * The main transcript is the exchange recorded with s3270 4.1ga10 in
 * ../shared/reference/console.md §1.2: DO TTYPE, WILL TTYPE, SB SEND,
 * SB IS "IBM-3279-4-E", DO/WILL EOR and BINARY, the client's answers, then
 * records ended by IAC EOR.  The rest: IAC doubling (RFC 854), the
 * RFC 1143 rule that a request already granted is not answered again (no
 * negotiation loops), NVT line mode (CR LF, CR NUL, EC, EL), refusals, and
 * malformed sequences, each of which must end the connection.
 */
#include <string.h>

#include "console/telnet.h"
#include "tests/unit/testutil.h"

static Telnet tn;

/* What the callbacks saw. */
static struct {
    TnMode  mode;
    int     modes;
    uint8_t rec[8][256];
    size_t  reclen[8];
    int     nrec;
    char    line[8][300];
    int     nline;
} seen;

static void on_mode(void *ctx, TnMode mode)
{
    (void)ctx;
    seen.mode = mode;
    seen.modes++;
}

static void on_record(void *ctx, const uint8_t *d, size_t n)
{
    (void)ctx;
    if (seen.nrec < 8 && n <= 256) {
        memcpy(seen.rec[seen.nrec], d, n);
        seen.reclen[seen.nrec] = n;
    }
    seen.nrec++;
}

static void on_line(void *ctx, const char *text, size_t n)
{
    (void)ctx;
    if (seen.nline < 8 && n < 300) {
        memcpy(seen.line[seen.nline], text, n);
        seen.line[seen.nline][n] = 0;
    }
    seen.nline++;
}

static const TelnetEvents ev = { .ctx = NULL, .mode = on_mode, .record = on_record,
                                 .line = on_line };

static void start(void)
{
    memset(&seen, 0, sizeof seen);
    telnet_free(&tn);
    telnet_init(&tn);
}

/* Feed bytes; returns telnet_recv's result. */
static int feed(const uint8_t *d, size_t n)
{
    return telnet_recv(&tn, d, n, &ev);
}
#define FEED(...) do {                                                     \
        static const uint8_t f_[] = { __VA_ARGS__ };                        \
        CU_ASSERT_EQUAL(feed(f_, sizeof f_), 0);                            \
    } while (0)
#define FEED_BAD(...) do {                                                 \
        static const uint8_t f_[] = { __VA_ARGS__ };                        \
        CU_ASSERT_EQUAL(feed(f_, sizeof f_), -1);                           \
        CU_ASSERT_EQUAL(tn.mode, TN_FAILED);                                \
    } while (0)

/* The server's output since the last check equals these bytes. */
static bool sent(const uint8_t *want, size_t n)
{
    bool ok = tn.out.len == n && !memcmp(tn.out.p, want, n);
    if (!ok) {
        fprintf(stderr, "\nsent:");
        for (size_t i = 0; i < tn.out.len; i++)
            fprintf(stderr, " %02x", tn.out.p[i]);
        fprintf(stderr, "\n");
    }
    tnbuf_consume(&tn.out, tn.out.len);
    return ok;
}
#define SENT(...) do {                                                     \
        static const uint8_t s_[] = { __VA_ARGS__ };                        \
        CU_ASSERT_TRUE(sent(s_, sizeof s_));                                \
    } while (0)
#define SENT_NOTHING() CU_ASSERT_EQUAL(tn.out.len, 0u)

/* The client side of the s3270 transcript, up to 3270 mode. */
static void negotiate_3270(const char *ttype)
{
    start();
    SENT(0xff, 0xfd, 0x18);                              /* DO TTYPE */
    FEED(0xff, 0xfb, 0x18);                              /* WILL TTYPE */
    SENT(0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0);            /* SB TTYPE SEND SE */
    uint8_t sb[80] = { 0xff, 0xfa, 0x18, 0x00 };
    size_t n = strlen(ttype);
    memcpy(sb + 4, ttype, n);
    sb[4 + n] = 0xff;
    sb[5 + n] = 0xf0;
    CU_ASSERT_EQUAL(feed(sb, n + 6), 0);
    SENT(0xff, 0xfd, 0x19, 0xff, 0xfb, 0x19, 0xff, 0xfd, 0x00, 0xff, 0xfb, 0x00);
    FEED(0xff, 0xfb, 0x19);                              /* WILL EOR */
    CU_ASSERT_EQUAL(tn.mode, TN_NEGOTIATING);
    FEED(0xff, 0xfd, 0x19, 0xff, 0xfb, 0x00, 0xff, 0xfd, 0x00);
    SENT_NOTHING();                                      /* all were answers */
}

static void test_s3270_transcript(void)
{
    negotiate_3270("IBM-3279-4-E");
    CU_ASSERT_EQUAL(tn.mode, TN_3270);
    CU_ASSERT_EQUAL(seen.modes, 1);
    CU_ASSERT_EQUAL(seen.mode, TN_3270);
    CU_ASSERT_STRING_EQUAL(tn.ttype, "IBM-3279-4-E");
    CU_ASSERT_EQUAL(tn.model, 4);
    CU_ASSERT_TRUE(tn.color);
    CU_ASSERT_TRUE(tn.extended);
    CU_ASSERT_STRING_EQUAL(tn.devname, "");
    /* The client's Enter record. */
    FEED(0x7d, 0xc2, 0xf8, 0x11, 0xc2, 0xf0, 0xc8, 0xc5, 0xd9, 0xc3, 0xe4, 0xd3, 0xc5, 0xe2,
         0xff, 0xef);
    CU_ASSERT_EQUAL(seen.nrec, 1);
    CU_ASSERT_EQUAL(seen.reclen[0], 14u);
    CU_ASSERT_EQUAL(seen.rec[0][0], 0x7d);
    CU_ASSERT_EQUAL(seen.rec[0][13], 0xe2);
    /* PF3 then Clear in one read; then a record split byte by byte with a
     * doubled FF and the IAC EOR cut in two. */
    FEED(0xf3, 0xc2, 0xf9, 0xff, 0xef, 0x6d, 0xff, 0xef);
    CU_ASSERT_EQUAL(seen.nrec, 3);
    CU_ASSERT_EQUAL(seen.reclen[1], 3u);
    CU_ASSERT_EQUAL(seen.reclen[2], 1u);
    static const uint8_t split[] = { 0x88, 0xff, 0xff, 0x01, 0xff, 0xef };
    for (size_t i = 0; i < sizeof split; i++)
        CU_ASSERT_EQUAL(feed(split + i, 1), 0);
    CU_ASSERT_EQUAL(seen.nrec, 4);
    CU_ASSERT_EQUAL(seen.reclen[3], 3u);
    CU_ASSERT_EQUAL(seen.rec[3][1], 0xff);
    CU_ASSERT_EQUAL(seen.rec[3][2], 0x01);
    /* An empty record is no record; NOP is nothing. */
    FEED(0xff, 0xef, 0xff, 0xf1);
    CU_ASSERT_EQUAL(seen.nrec, 4);
    SENT_NOTHING();
}

static void test_terminal_types(void)
{
    negotiate_3270("IBM-3278-2-E@00C1");
    CU_ASSERT_EQUAL(tn.mode, TN_3270);
    CU_ASSERT_STRING_EQUAL(tn.ttype, "IBM-3278-2-E");
    CU_ASSERT_STRING_EQUAL(tn.devname, "00C1");
    CU_ASSERT_EQUAL(tn.model, 2);
    CU_ASSERT_FALSE(tn.color);
    negotiate_3270("ibm-3279-5");                        /* case folded */
    CU_ASSERT_EQUAL(tn.model, 5);
    CU_ASSERT_FALSE(tn.extended);
    negotiate_3270("IBM-3277-2");
    CU_ASSERT_EQUAL(tn.model, 2);
    negotiate_3270("IBM-DYNAMIC");
    CU_ASSERT_EQUAL(tn.mode, TN_3270);

    /* Another IBM type (a printer): the server asks for the next one. */
    start();
    tnbuf_consume(&tn.out, tn.out.len);
    FEED(0xff, 0xfb, 0x18);
    tnbuf_consume(&tn.out, tn.out.len);
    FEED(0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '8', '7', '-', '1', 0xff, 0xf0);
    SENT(0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0);
    CU_ASSERT_EQUAL(tn.mode, TN_NEGOTIATING);
    FEED(0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '3', 0xff, 0xf0);
    SENT(0xff, 0xfd, 0x19, 0xff, 0xfb, 0x19, 0xff, 0xfd, 0x00, 0xff, 0xfb, 0x00);
    /* ... and gives up after asking eight times. */
    start();
    FEED(0xff, 0xfb, 0x18);
    int rc = 0;
    for (int i = 0; i < 9 && rc == 0; i++) {
        static const uint8_t p[] = { 0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', 'X', 0xff, 0xf0 };
        rc = feed(p, sizeof p);
    }
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT_EQUAL(tn.mode, TN_FAILED);
    CU_ASSERT_STRING_EQUAL(tn.error, "no acceptable 3270 terminal type");
    /* Bad 3270 model numbers are not 3270 types. */
    start();
    FEED(0xff, 0xfb, 0x18);
    tnbuf_consume(&tn.out, tn.out.len);
    FEED(0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '9', 0xff, 0xf0);
    SENT(0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0);
}

/* Options: answers only on a change of state (RFC 1143); what the server
 * does not do it refuses, TN3270E included. */
static void test_option_rules(void)
{
    negotiate_3270("IBM-3278-2");
    /* Agreed options asked again: silence (no loop). */
    FEED(0xff, 0xfb, 0x19, 0xff, 0xfd, 0x00, 0xff, 0xfb, 0x18);
    SENT_NOTHING();
    /* TN3270E offered or asked: refused. */
    FEED(0xff, 0xfb, 0x28);
    SENT(0xff, 0xfe, 0x28);
    FEED(0xff, 0xfd, 0x28);
    SENT(0xff, 0xfc, 0x28);
    /* ECHO, SGA, an unknown option: refused; the refusal acknowledged
     * with silence. */
    FEED(0xff, 0xfd, 0x01, 0xff, 0xfb, 0x03, 0xff, 0xfd, 0x99);
    SENT(0xff, 0xfc, 0x01, 0xff, 0xfe, 0x03, 0xff, 0xfc, 0x99);
    FEED(0xff, 0xfc, 0x03, 0xff, 0xfe, 0x01);
    SENT_NOTHING();
    CU_ASSERT_EQUAL(tn.mode, TN_3270);
    /* The client turns EOR off in 3270 mode: the connection is over. */
    FEED_BAD(0xff, 0xfc, 0x19);
    CU_ASSERT_STRING_EQUAL(tn.error, "client refused END-OF-RECORD");

    /* Refusing BINARY during negotiation. */
    start();
    FEED(0xff, 0xfb, 0x18);
    FEED(0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '2', 0xff, 0xf0);
    FEED_BAD(0xff, 0xfe, 0x00);
    CU_ASSERT_STRING_EQUAL(tn.error, "client refused BINARY");
    /* Data before 3270 mode is dropped, not taken as a record. */
    start();
    FEED(0xff, 0xfb, 0x18);
    FEED(0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '2', 0xff, 0xf0);
    FEED(0x7d, 0x40, 0x40);
    FEED(0xff, 0xfb, 0x19, 0xff, 0xfd, 0x19, 0xff, 0xfb, 0x00, 0xff, 0xfd, 0x00);
    CU_ASSERT_EQUAL(tn.mode, TN_3270);
    FEED(0xf1, 0x40, 0x40, 0xff, 0xef);
    CU_ASSERT_EQUAL(seen.nrec, 1);
    CU_ASSERT_EQUAL(seen.reclen[0], 3u);
    CU_ASSERT_EQUAL(seen.rec[0][0], 0xf1);
}

static void test_line_mode(void)
{
    /* Linux telnet: a non-IBM type. */
    start();
    FEED(0xff, 0xfb, 0x18);
    tnbuf_consume(&tn.out, tn.out.len);
    FEED(0xff, 0xfa, 0x18, 0x00, 'X', 'T', 'E', 'R', 'M', 0xff, 0xf0);
    CU_ASSERT_EQUAL(tn.mode, TN_LINE);
    CU_ASSERT_EQUAL(seen.mode, TN_LINE);
    SENT_NOTHING();
    FEED('l', 'o', 'g', 'o', 'n', '\r', '\n', 'a', '\r', 0x00, 'b', 'x', 'y', 0x7f, 'z',
         '\r', '\n');
    CU_ASSERT_EQUAL(seen.nline, 3);
    CU_ASSERT_STRING_EQUAL(seen.line[0], "logon");
    CU_ASSERT_STRING_EQUAL(seen.line[1], "a");
    CU_ASSERT_STRING_EQUAL(seen.line[2], "bxz");
    /* IAC EC erases a character, IAC EL the line; IAC IAC is a 0xFF
     * byte, kept (Latin-1 ÿ). */
    FEED('a', 'b', 0xff, 0xf7, 'c', 0xff, 0xff, '\r', '\n');
    CU_ASSERT_STRING_EQUAL(seen.line[3], "ac\xff");
    FEED('j', 'u', 'n', 'k', 0xff, 0xf8, 'o', 'k', '\n');    /* a bare LF ends it too */
    CU_ASSERT_STRING_EQUAL(seen.line[4], "ok");
    /* Are You There gets an answer. */
    FEED(0xff, 0xf6);
    CU_ASSERT_TRUE(tn.out.len > 0);
    tnbuf_consume(&tn.out, tn.out.len);
    /* A very long line is cut, not an error. */
    uint8_t big[1000];
    memset(big, 'x', sizeof big);
    CU_ASSERT_EQUAL(feed(big, sizeof big), 0);
    FEED('\r', '\n');
    CU_ASSERT_EQUAL(strlen(seen.line[5]), (size_t)TN_LINE_MAX);

    /* A client that refuses TERMINAL-TYPE is an NVT at once; text typed
     * before that is its first line. */
    start();
    FEED('h', 'i', '\r', '\n', 'x');
    CU_ASSERT_EQUAL(seen.nline, 0);
    FEED(0xff, 0xfc, 0x18);
    CU_ASSERT_EQUAL(tn.mode, TN_LINE);
    CU_ASSERT_EQUAL(seen.nline, 1);
    CU_ASSERT_STRING_EQUAL(seen.line[0], "hi");
    FEED('y', '\n');
    CU_ASSERT_STRING_EQUAL(seen.line[1], "xy");
    /* A client that says nothing (netcat): the server's timeout. */
    start();
    FEED('a', 'b', '\n');
    telnet_timeout(&tn, &ev);
    CU_ASSERT_EQUAL(tn.mode, TN_LINE);
    CU_ASSERT_STRING_EQUAL(seen.line[0], "ab");
    /* The timeout after an accepted 3270 type is a failure. */
    start();
    FEED(0xff, 0xfb, 0x18);
    FEED(0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '2', 0xff, 0xf0);
    telnet_timeout(&tn, &ev);
    CU_ASSERT_EQUAL(tn.mode, TN_FAILED);
}

static void test_framing_output(void)
{
    TnBuf b = { 0 };
    static const uint8_t rec[] = { 0xf5, 0xff, 0xc3, 0xff, 0xff };
    tnbuf_record(&b, rec, sizeof rec);
    static const uint8_t want[] = { 0xf5, 0xff, 0xff, 0xc3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef };
    CU_ASSERT_EQUAL(b.len, sizeof want);
    CU_ASSERT_EQUAL(memcmp(b.p, want, sizeof want), 0);
    tnbuf_consume(&b, 3);
    CU_ASSERT_EQUAL(b.len, sizeof want - 3);
    CU_ASSERT_EQUAL(b.p[0], 0xc3);
    tnbuf_consume(&b, 100);
    CU_ASSERT_EQUAL(b.len, 0u);
    tnbuf_text(&b, "a\nb\rc\xff", 6);
    static const uint8_t wt[] = { 'a', '\r', '\n', 'b', '\r', 0, 'c', 0xff, 0xff };
    CU_ASSERT_EQUAL(b.len, sizeof wt);
    CU_ASSERT_EQUAL(memcmp(b.p, wt, sizeof wt), 0);
    /* Big records grow the buffer. */
    static uint8_t big[70000];
    memset(big, 0xff, sizeof big);
    tnbuf_record(&b, big, sizeof big);
    CU_ASSERT_EQUAL(b.len, sizeof wt + 2 * sizeof big + 2);
    CU_ASSERT_FALSE(b.failed);
    tnbuf_free(&b);
    CU_ASSERT_PTR_NULL(b.p);
}

static void test_malformed(void)
{
    /* An unknown command byte after IAC. */
    start();
    FEED_BAD(0xff, 0x10);
    /* Later input is refused too. */
    CU_ASSERT_EQUAL(feed((const uint8_t *)"x", 1), -1);
    /* SE outside a subnegotiation. */
    start();
    FEED_BAD(0xff, 0xf0);
    /* A subnegotiation ended by something else than IAC SE. */
    start();
    FEED_BAD(0xff, 0xfa, 0x18, 0x00, 'A', 0xff, 0x41);
    /* A subnegotiation that never ends. */
    start();
    uint8_t sb[TN_SB_MAX + 10];
    memset(sb, 'A', sizeof sb);
    sb[0] = 0xff, sb[1] = 0xfa, sb[2] = 0x18;
    CU_ASSERT_EQUAL(feed(sb, sizeof sb), -1);
    CU_ASSERT_STRING_EQUAL(tn.error, "subnegotiation too long");
    /* A TERMINAL-TYPE SB that is not IS, an empty type, a control
     * character in it. */
    start();
    FEED_BAD(0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0);
    start();
    FEED_BAD(0xff, 0xfa, 0x18, 0x00, 0xff, 0xf0);
    start();
    FEED_BAD(0xff, 0xfa, 0x18, 0x00, 'I', 0x01, 'M', 0xff, 0xf0);
    /* A 3270 record longer than any screen. */
    negotiate_3270("IBM-3278-2");
    static uint8_t rec[TN_REC_MAX + 10];
    memset(rec, 0x40, sizeof rec);
    CU_ASSERT_EQUAL(feed(rec, sizeof rec), -1);
    CU_ASSERT_STRING_EQUAL(tn.error, "3270 record too long");
    /* Subnegotiations of refused options are ignored, SB data may hold
     * IAC IAC. */
    negotiate_3270("IBM-3278-2");
    FEED(0xff, 0xfa, 0x28, 0x02, 0xff, 0xff, 0x07, 0xff, 0xf0);
    CU_ASSERT_EQUAL(tn.mode, TN_3270);
    SENT_NOTHING();
}

/* Random bytes: the machine ends in some state, never out of bounds. */
static void test_random_input(void)
{
    unsigned seed = 99;
    uint8_t d[300];
    for (int iter = 0; iter < 3000; iter++) {
        if (iter % 7 == 0)
            negotiate_3270("IBM-3279-2-E");
        else if (iter % 7 == 1)
            start();
        size_t n = (seed = seed * 1103515245 + 12345) % sizeof d;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245 + 12345;
            unsigned r = seed >> 16;
            d[i] = r % 4 == 0 ? (uint8_t)(0xEF + r % 17) : (uint8_t)(r >> 4);
        }
        int rc = feed(d, n);
        CU_ASSERT_TRUE_FATAL(rc == 0 || (rc == -1 && tn.mode == TN_FAILED));
        CU_ASSERT_TRUE_FATAL(tn.inlen <= sizeof tn.in && tn.sblen <= sizeof tn.sb);
        tnbuf_consume(&tn.out, tn.out.len);
    }
    telnet_free(&tn);
}

void register_telnet_tests(void)
{
    CU_pSuite s = CU_add_suite("telnet", NULL, NULL);
    CU_add_test(s, "s3270 transcript: TTYPE, EOR, BINARY, records", test_s3270_transcript);
    CU_add_test(s, "terminal types, @devnum, asking again", test_terminal_types);
    CU_add_test(s, "option rules: no loops, refusals, TN3270E", test_option_rules);
    CU_add_test(s, "NVT line mode, refusal of TTYPE, timeout", test_line_mode);
    CU_add_test(s, "IAC doubling, EOR, CR LF in output", test_framing_output);
    CU_add_test(s, "malformed sequences", test_malformed);
    CU_add_test(s, "random input", test_random_input);
}
