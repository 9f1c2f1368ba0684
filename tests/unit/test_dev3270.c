/*
 * test_dev3270.c — the local 3270 device (console/dev3270.c) through the
 * channel subsystem: channel programs started with SSCH on its subchannel,
 * status read with TSCH, a fake Terminal that records what it is sent.
 *
 * What is checked (GA23-0059 ch. 3, console.md §1.5 and §2.1): without a
 * terminal every display command ends in unit check, intervention
 * required, while Sense and Sense ID work; attaching presents device end;
 * writes reach the terminal with the remote command codes (and an SBA when
 * a chained Write goes on where the last stopped); input presents
 * attention and Read Modified returns it; Read Partition Query is answered
 * by the device and not passed on; a bad stream is not applied at all and
 * ends in operation check; detach and close.
 */
#include <stdlib.h>
#include <string.h>

#include "console/dev3270.h"
#include "console/devices.h"
#include "cpu370/channel.h"
#include "tests/unit/testutil.h"

#define ORB_AT  0x3000u
#define IRB_AT  0x3200u
#define CCW_AT  0x4000u
#define DATA_AT 0x5000u
#define READ_AT 0x8000u

typedef struct FakeTerm {
    uint8_t  last[8192];
    size_t   lastlen;
    unsigned writes;
    unsigned detached;
} FakeTerm;

static void ft_outbound(void *ctx, const uint8_t *d, size_t n)
{
    FakeTerm *f = ctx;
    f->writes++;
    f->lastlen = n < sizeof f->last ? n : sizeof f->last;
    memcpy(f->last, d, f->lastlen);
}

static void ft_detached(void *ctx)
{
    ((FakeTerm *)ctx)->detached++;
}

static Machine *m;
static Device *dev;
static Subchannel *sch;
static FakeTerm ft;

static void setup(const char *type)
{
    char err[200];
    m = tm_new(ARCH_ESA390);
    dev = dev3270_new(0x00C0, type, NULL, err, sizeof err);
    CU_ASSERT_FATAL(dev != NULL);
    CU_ASSERT_FATAL(css_attach(m, dev) == 0);
    sch = css_subchannel(m, 0x00010000);
    uint8_t schib[SCHIB_SIZE];
    css_stsch(sch, schib);
    schib[5] |= 0x80;                                    /* enabled */
    CU_ASSERT_EQUAL(css_msch(sch, schib, true), 0);
    memset(&ft, 0, sizeof ft);
}

static void teardown(void)
{
    css_free(m);
    tm_free(m);
}

static void ccw(unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    uint8_t *p = m->mem + CCW_AT + 8 * i;
    p[0] = cmd;
    p[1] = flags;
    st_be16(p + 2, count);
    st_be32(p + 4, data);
}

/* Start the channel program at CCW_AT; returns the device status (and
 * the residual count in *resid). */
static uint8_t run(uint16_t *resid)
{
    uint8_t orb[ORB_SIZE] = { 0 };
    st_be32(orb + 4, ORB_F | 0xFF00);
    st_be32(orb + 8, CCW_AT);
    CU_ASSERT_EQUAL(css_ssch(sch, orb), 0);
    uint8_t irb[IRB_SIZE];
    CU_ASSERT_EQUAL(css_tsch(sch, irb), 0);
    if (resid)
        *resid = ld_be16(irb + 10);
    return irb[8];
}

/* Status presented without a channel program (device end, attention). */
static int unsolicited(void)
{
    uint8_t irb[IRB_SIZE];
    if (css_tsch(sch, irb) != 0)
        return -1;
    return irb[8];
}

static uint8_t one(uint8_t cmd, const void *data, uint16_t n)
{
    if (data)
        memcpy(m->mem + DATA_AT, data, n);
    ccw(0, cmd, CCW_SLI, n ? n : 1, DATA_AT);
    return run(NULL);
}

static uint8_t sense0(void)
{
    ccw(0, CMD_SENSE, CCW_SLI, 1, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    return m->mem[READ_AT];
}

static void attach(int model, bool color)
{
    Terminal t = { .ctx = &ft, .model = model, .color = color, .extended = true,
                   .outbound = ft_outbound, .detached = ft_detached };
    CU_ASSERT_TRUE(dev3270_attach(dev, &t));
}

static void test_no_terminal(void)
{
    setup("3279-3");
    CU_ASSERT_TRUE(dev_is_3270(dev));
    CU_ASSERT_FALSE(dev3270_attached(dev));
    CU_ASSERT_EQUAL(dev3270_model(dev), 3);
    static const uint8_t ew[] = { 0xC3, 0xC1 };
    CU_ASSERT_EQUAL(one(0x05, ew, 2), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(sense0(), SNS0_INTERVENTION);
    CU_ASSERT_EQUAL(one(0x06, NULL, 100), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(one(0x03, NULL, 0), US_CE_DE);       /* NOP */
    CU_ASSERT_EQUAL(one(0x0B, NULL, 0), US_CE_DE);       /* Select */
    CU_ASSERT_EQUAL(one(0x27, NULL, 0), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(sense0(), SNS0_CMD_REJECT);
    /* Sense ID: 3274-1D, 3279 model 3. */
    ccw(0, CMD_SENSE_ID, CCW_SLI, 7, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    static const uint8_t id[] = { 0xFF, 0x32, 0x74, 0x1D, 0x32, 0x79, 0x03 };
    CU_ASSERT_EQUAL(memcmp(m->mem + READ_AT, id, 7), 0);
    teardown();

    char err[200];
    CU_ASSERT_PTR_NULL(dev3270_new(0x00C0, "3278-7", NULL, err, sizeof err));
    CU_ASSERT_PTR_NULL(dev3270_new(0x00C0, "3277-4", NULL, err, sizeof err));
    CU_ASSERT_PTR_NULL(dev3270_new(0x00C0, "3215", NULL, err, sizeof err));
    CU_ASSERT_PTR_NULL(dev3270_new(0x00C0, "32789", NULL, err, sizeof err));
}

static void test_attach_write_read(void)
{
    setup("3270");
    attach(4, true);
    CU_ASSERT_TRUE(dev3270_attached(dev));
    CU_ASSERT_FALSE(dev3270_attach(dev, &(Terminal){ .ctx = &ft }));   /* taken */
    CU_ASSERT_EQUAL(dev3270_model(dev), 4);
    CU_ASSERT_EQUAL(unsolicited(), US_DEVICE_END);       /* "became ready" */
    CU_ASSERT_FALSE(dev3270_poll(dev));

    /* Erase/Write Alternate (local 0D) reaches the terminal as 7E. */
    static const uint8_t ewa[] = { 0xC3, ORD_SBA, 0x40, 0x40, ORD_SF, 0x60, 0xC8, 0xC9,
                                   ORD_SF, 0x40, ORD_IC };
    CU_ASSERT_EQUAL(one(0x0D, ewa, sizeof ewa), US_CE_DE);
    CU_ASSERT_EQUAL(ft.writes, 1u);
    CU_ASSERT_EQUAL(ft.lastlen, 1 + sizeof ewa);
    CU_ASSERT_EQUAL(ft.last[0], DS_CMD_EWA);
    CU_ASSERT_EQUAL(memcmp(ft.last + 1, ewa, sizeof ewa), 0);
    Screen *scr = dev3270_screen(dev);
    CU_ASSERT_EQUAL(scr->rows, 43);
    CU_ASSERT_EQUAL(scr->cursor, 4u);

    /* The operator types and presses Enter: attention; Read Modified. */
    static const uint8_t in[] = { AID_ENTER, 0x40, 0xC7, ORD_SBA, 0x40, 0xC4, 0xC1, 0xC2, 0xC3 };
    CU_ASSERT_TRUE(dev3270_input(dev, in, sizeof in));
    CU_ASSERT_EQUAL(unsolicited(), US_ATTENTION);
    uint16_t resid;
    ccw(0, 0x06, 0, 100, READ_AT);
    CU_ASSERT_EQUAL(run(&resid), US_CE_DE);
    CU_ASSERT_EQUAL(100 - resid, sizeof in);
    CU_ASSERT_EQUAL(memcmp(m->mem + READ_AT, in, sizeof in), 0);
    /* Read once: again it says "no AID". */
    ccw(0, 0x06, CCW_SLI, 100, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[READ_AT], AID_NONE);
    /* Too small a count: incorrect length unless SLI. */
    ccw(0, 0x06, 0, 2, READ_AT);
    uint8_t orb[ORB_SIZE] = { 0 };
    st_be32(orb + 4, ORB_F | 0xFF00);
    st_be32(orb + 8, CCW_AT);
    css_ssch(sch, orb);
    uint8_t irb[IRB_SIZE];
    css_tsch(sch, irb);
    CU_ASSERT_TRUE(irb[9] & CS_INCORRECT_LEN);
    /* Read Buffer (02) and the SNA code F2 too. */
    ccw(0, 0x02, CCW_SLI, 4000, READ_AT);
    CU_ASSERT_EQUAL(run(&resid), US_CE_DE);
    CU_ASSERT_EQUAL(4000 - resid, 3 + 3440 + 2);
    ccw(0, 0xF2, CCW_SLI, 4000, READ_AT);
    CU_ASSERT_EQUAL(run(&resid), US_CE_DE);
    CU_ASSERT_EQUAL(4000 - resid, 3 + 3440 + 2);

    /* Erase All Unprotected: no data, passed on as 6F. */
    ccw(0, 0x0F, CCW_SLI, 1, DATA_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(ft.lastlen, 1u);
    CU_ASSERT_EQUAL(ft.last[0], DS_CMD_EAU);
    CU_ASSERT_EQUAL(scr->cell[6].ch, 0);
    teardown();
    CU_ASSERT_EQUAL(ft.detached, 1u);                    /* closed with the machine */
}

static void test_chained_writes(void)
{
    setup("3278");
    attach(2, false);
    unsolicited();
    /* EW "AB" command-chained to a Write "CD": the Write goes on at 2
     * (the terminal would start at its cursor, 0, so an SBA is added). */
    static const uint8_t w1[] = { 0xC3, 0xC1, 0xC2 };
    static const uint8_t w2[] = { 0xC3, 0xC3, 0xC4 };
    memcpy(m->mem + DATA_AT, w1, 3);
    memcpy(m->mem + DATA_AT + 16, w2, 3);
    ccw(0, 0x05, CCW_CC, 3, DATA_AT);
    ccw(1, 0x01, 0, 3, DATA_AT + 16);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(ft.writes, 2u);
    static const uint8_t want[] = { DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0xC2, 0xC3, 0xC4 };
    CU_ASSERT_EQUAL(ft.lastlen, sizeof want);
    CU_ASSERT_EQUAL(memcmp(ft.last, want, sizeof want), 0);
    char text[81];
    ds_row_text(dev3270_screen(dev), 0, text);
    CU_ASSERT_EQUAL(strncmp(text, "ABCD ", 5), 0);
    /* An unchained Write starts at the cursor (0): no SBA added. */
    CU_ASSERT_EQUAL(one(0x01, w2, 3), US_CE_DE);
    CU_ASSERT_EQUAL(ft.lastlen, 4u);
    /* Data chaining: one Write in two pieces. */
    ccw(0, 0x05, CCW_CD, 2, DATA_AT);
    ccw(1, 0x00, 0, 1, DATA_AT + 18);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(ft.lastlen, 4u);
    CU_ASSERT_EQUAL(ft.last[3], 0xC4);
    teardown();
}

static void test_query_and_errors(void)
{
    setup("3279-2");
    attach(5, true);
    unsolicited();
    unsigned writes = ft.writes;
    /* WSF Read Partition Query (local 11): answered by the device, the
     * terminal sees nothing; the next Read Modified gets the reply. */
    static const uint8_t q[] = { 0x00, 0x05, 0x01, 0xFF, 0x02 };
    CU_ASSERT_EQUAL(one(0x11, q, sizeof q), US_CE_DE);
    CU_ASSERT_EQUAL(ft.writes, writes);
    ccw(0, 0x06, CCW_SLI, 500, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[READ_AT], AID_SF);
    CU_ASSERT_EQUAL(m->mem[READ_AT + 3], 0x81);
    /* A WSF with Erase/Reset and the query: only Erase/Reset goes out. */
    static const uint8_t q2[] = { 0x00, 0x04, 0x03, 0x80, 0x00, 0x05, 0x01, 0xFF, 0x02 };
    CU_ASSERT_EQUAL(one(0xF3, q2, sizeof q2), US_CE_DE);
    CU_ASSERT_EQUAL(ft.lastlen, 5u);
    CU_ASSERT_EQUAL(ft.last[0], DS_CMD_WSF);
    CU_ASSERT_EQUAL(ft.last[3], 0x03);
    CU_ASSERT_EQUAL(dev3270_screen(dev)->cols, 132);
    /* A bad stream: operation check, nothing applied, nothing sent. */
    writes = ft.writes;
    static const uint8_t bad[] = { 0xC3, 0xC1, ORD_SBA, 0x7F, 0x7F };
    CU_ASSERT_EQUAL(one(0x05, bad, sizeof bad), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(sense0(), 0x01);
    CU_ASSERT_EQUAL(ft.writes, writes);
    CU_ASSERT_EQUAL(dev3270_screen(dev)->cols, 132);     /* the EW did not happen */
    /* A malformed inbound record is refused, no attention. */
    static const uint8_t badin[] = { AID_ENTER, 0x7F, 0x7F };
    CU_ASSERT_FALSE(dev3270_input(dev, badin, sizeof badin));
    CU_ASSERT_FALSE(dev3270_input(dev, badin, 0));
    CU_ASSERT_EQUAL(unsolicited(), -1);
    /* Detach: intervention required again; the terminal is not called. */
    dev3270_detach(dev);
    CU_ASSERT_FALSE(dev3270_attached(dev));
    CU_ASSERT_EQUAL(one(0x01, bad, 2), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(sense0(), SNS0_INTERVENTION);
    /* Reattach: device end again, a fresh default-size screen. */
    attach(2, false);
    CU_ASSERT_EQUAL(unsolicited(), US_DEVICE_END);
    CU_ASSERT_EQUAL(dev3270_screen(dev)->cols, 80);
    teardown();
    CU_ASSERT_EQUAL(ft.detached, 1u);
}

/* Status the subchannel cannot take yet is held and presented later. */
static void test_held_status(void)
{
    setup("3279");
    /* Status pending on the subchannel: device end must wait. */
    static const uint8_t ew[] = { 0xC3 };
    memcpy(m->mem + DATA_AT, ew, 1);
    ccw(0, CMD_NOP, CCW_SLI, 1, DATA_AT);
    uint8_t orb[ORB_SIZE] = { 0 };
    st_be32(orb + 4, ORB_F | 0xFF00);
    st_be32(orb + 8, CCW_AT);
    CU_ASSERT_EQUAL(css_ssch(sch, orb), 0);              /* status pending */
    attach(2, true);
    CU_ASSERT_TRUE(dev3270_poll(dev));                   /* still held */
    uint8_t irb[IRB_SIZE];
    CU_ASSERT_EQUAL(css_tsch(sch, irb), 0);              /* the NOP's status */
    CU_ASSERT_EQUAL(irb[8], US_CE_DE);
    CU_ASSERT_FALSE(dev3270_poll(dev));                  /* now presented */
    CU_ASSERT_EQUAL(unsolicited(), US_DEVICE_END);
    /* Input with status pending, then read before it is presented: the
     * read takes the attention away. */
    CU_ASSERT_EQUAL(css_ssch(sch, orb), 0);
    static const uint8_t in[] = { AID_PA1 };
    CU_ASSERT_TRUE(dev3270_input(dev, in, 1));
    CU_ASSERT_TRUE(dev3270_poll(dev));
    css_tsch(sch, irb);
    ccw(0, 0x06, CCW_SLI, 10, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[READ_AT], AID_PA1);
    CU_ASSERT_FALSE(dev3270_poll(dev));
    CU_ASSERT_EQUAL(unsolicited(), -1);
    teardown();
}

/* A 3277, and a terminal without the extended data stream: no WSF. */
static void test_no_wsf(void)
{
    setup("3277");
    Terminal t = { .ctx = &ft, .model = 2, .outbound = ft_outbound };
    CU_ASSERT_TRUE(dev3270_attach(dev, &t));
    CU_ASSERT_EQUAL(unsolicited(), US_DEVICE_END);
    static const uint8_t q[] = { 0x00, 0x05, 0x01, 0xFF, 0x02 };
    CU_ASSERT_EQUAL(one(0x11, q, sizeof q), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(sense0(), SNS0_CMD_REJECT);
    ccw(0, CMD_SENSE_ID, CCW_SLI, 7, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[READ_AT + 5], 0x77);
    teardown();
}

/* The 3215 hook the server uses for line-mode clients (dev3215.c). */
static char remote_text[256];
static unsigned remote_closed;

static void remote_out(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    size_t have = strlen(remote_text);
    if (have + len < sizeof remote_text)
        memcpy(remote_text + have, text, len), remote_text[have + len] = 0;
}

static void remote_close(void *ctx)
{
    (void)ctx;
    remote_closed++;
}

static void test_3215_remote(void)
{
    char err[200];
    m = tm_new(ARCH_ESA390);
    Device *con = con3215_new(0x001F, "3215", NULL, NULL, err, sizeof err);
    Device *local = con3215_new(0x0009, "3215", NULL, stdout, err, sizeof err);
    Device *disp = dev3270_new(0x00C0, "3270", NULL, err, sizeof err);
    CU_ASSERT_FATAL(con && local && disp && css_attach(m, con) == 0 &&
                    css_attach(m, local) == 0 && css_attach(m, disp) == 0);
    CU_ASSERT_TRUE(con3215_remote(con));
    CU_ASSERT_FALSE(con3215_remote(local));              /* has a stream: the -C kind */
    CU_ASSERT_FALSE(con3215_remote(disp));               /* not a console at all */
    sch = css_subchannel(m, 0x00010000);
    uint8_t schib[SCHIB_SIZE];
    css_stsch(sch, schib);
    schib[5] |= 0x80;
    CU_ASSERT_EQUAL(css_msch(sch, schib, true), 0);
    remote_text[0] = 0;
    remote_closed = 0;
    CU_ASSERT_TRUE(con3215_set_remote(con, remote_out, remote_close, NULL));
    CU_ASSERT_FALSE(con3215_set_remote(con, remote_out, remote_close, NULL));   /* taken */
    static const uint8_t hi[] = { 0xC8, 0xC9, 0x5A };                        /* "HI!" */
    CU_ASSERT_EQUAL(one(0x09, hi, 3), US_CE_DE);
    CU_ASSERT_EQUAL(one(0x01, hi, 2), US_CE_DE);
    CU_ASSERT_STRING_EQUAL(remote_text, "HI!\nHI");
    /* Input from the client: attention, then the read returns it. */
    CU_ASSERT_TRUE(con3215_input(con, "logon"));
    CU_ASSERT_EQUAL(unsolicited(), US_ATTENTION);
    ccw(0, 0x0A, CCW_SLI, 80, READ_AT);
    CU_ASSERT_EQUAL(run(NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[READ_AT], 0x93);                                  /* 'l' */
    CU_ASSERT_STRING_EQUAL(remote_text, "HI!\nHI\n");   /* the open line ended */
    /* Detached: no more output to it; closing the device does not call it. */
    CU_ASSERT_TRUE(con3215_set_remote(con, NULL, NULL, NULL));
    CU_ASSERT_EQUAL(one(0x09, hi, 3), US_CE_DE);
    CU_ASSERT_STRING_EQUAL(remote_text, "HI!\nHI\n");
    CU_ASSERT_TRUE(con3215_set_remote(con, remote_out, remote_close, NULL));
    css_free(m);
    tm_free(m);
    CU_ASSERT_EQUAL(remote_closed, 1u);                  /* the machine went away */
}

void register_dev3270_tests(void)
{
    CU_pSuite s = CU_add_suite("dev3270", NULL, NULL);
    CU_add_test(s, "no terminal: intervention required, sense ID", test_no_terminal);
    CU_add_test(s, "attach, device end, write, attention, reads", test_attach_write_read);
    CU_add_test(s, "chained and data-chained writes", test_chained_writes);
    CU_add_test(s, "query reply, operation check, detach", test_query_and_errors);
    CU_add_test(s, "held unsolicited status", test_held_status);
    CU_add_test(s, "3277 and non-extended terminals reject WSF", test_no_wsf);
    CU_add_test(s, "3215 remote output hook", test_3215_remote);
}
