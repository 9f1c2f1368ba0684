/*
 * fuzz_tn3270.c — libFuzzer target: what a TN3270 client can send, and
 * what a guest can write to a 3270.  The input is cut in two at the first
 * X'00' X'00' pair (or used whole): the first part is fed to the telnet
 * state machine (console/telnet.c) after a TN3270 negotiation, in pieces
 * of varying size, and every record it yields is folded into a screen
 * (ds_inbound) and read back (Read Modified, Read Buffer); the second part
 * is applied as an outbound data stream to the same screen with each
 * command byte in turn.  Nothing may crash, hang or touch memory outside
 * its buffers (ASan + UBSan watch); every result must be a value the
 * interfaces document.
 *
 * Build and run: make build/fuzz/fuzz_tn3270; build/fuzz/fuzz_tn3270
 * (-max_total_time=600 for a longer run).
 */
#include <stdlib.h>
#include <string.h>

#include "console/ds3270.h"
#include "console/telnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Screen scr;
static Telnet tn;
static DsReply reply;
static uint8_t rbuf[16384];

static void on_record(void *ctx, const uint8_t *d, size_t n)
{
    (void)ctx;
    int rc = ds_inbound(&scr, d, n);
    if (rc > 0 || rc < DS_EAID)
        abort();
    if (ds_read_modified(&scr, scr.aid, false, rbuf, sizeof rbuf) > sizeof rbuf ||
        ds_read_buffer(&scr, scr.aid, rbuf, sizeof rbuf) > sizeof rbuf)
        abort();
    if (scr.cursor >= ds_cells(&scr))
        abort();
}

static void on_line(void *ctx, const char *t, size_t n)
{
    (void)ctx;
    if (n > TN_LINE_MAX || (n && !t))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t nego[] = {
        0xff, 0xfb, 0x18, 0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '9',
        '-', '5', '-', 'E', 0xff, 0xf0, 0xff, 0xfb, 0x19, 0xff, 0xfd, 0x19, 0xff, 0xfb,
        0x00, 0xff, 0xfd, 0x00,
    };
    TelnetEvents ev = { .record = on_record, .line = on_line };
    size_t cut = size;
    for (size_t i = 0; i + 1 < size; i++)
        if (data[i] == 0 && data[i + 1] == 0) {
            cut = i;
            break;
        }
    int model = size ? 2 + data[0] % 4 : 2;
    ds_init(&scr, model, true);

    /* Client side: negotiated when the first byte is even, raw otherwise
     * (then the bytes meet the negotiation itself). */
    telnet_init(&tn);
    if (!(size && (data[0] & 1)))
        telnet_recv(&tn, nego, sizeof nego, &ev);
    size_t i = 0, step = 1;
    while (i < cut && tn.mode != TN_FAILED) {
        size_t n = cut - i < step ? cut - i : step;
        int rc = telnet_recv(&tn, data + i, n, &ev);
        if (rc != 0 && rc != -1)
            abort();
        i += n;
        step = step * 3 % 257 + 1;
    }
    telnet_timeout(&tn, &ev);
    telnet_free(&tn);

    /* Host side: the rest as an outbound stream under every command. */
    if (cut + 2 < size) {
        static const uint8_t cmds[] = { DS_CMD_W, DS_CMD_EW, DS_CMD_EWA, DS_CMD_EAU,
                                        DS_CMD_WSF, DS_CMD_RB, DS_CMD_RM, DS_CMD_RMA, 0x01 };
        const uint8_t *out = data + cut + 2;
        size_t n = size - cut - 2;
        uint8_t *buf = malloc(n + 1);
        if (!buf)
            return 0;
        memcpy(buf + 1, out, n);
        for (size_t k = 0; k < sizeof cmds; k++) {
            buf[0] = cmds[k];
            int rc = ds_outbound(&scr, buf, n + 1, (int)(n % 4000) - 10, &reply);
            if (rc > 0 || rc < DS_EAID || reply.len > sizeof reply.data)
                abort();
            if (scr.cursor >= ds_cells(&scr) || scr.bufaddr >= ds_cells(&scr))
                abort();
            ds_key_char(&scr, out[0]);
            ds_key_tab(&scr);
            ds_key_aid(&scr, AID_ENTER, rbuf, sizeof rbuf);
        }
        free(buf);
    }
    return 0;
}
