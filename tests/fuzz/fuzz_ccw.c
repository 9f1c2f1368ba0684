/*
 * fuzz_ccw.c — libFuzzer target: arbitrary bytes as a channel program.
 * The channel subsystem must never crash, hang or touch host memory
 * outside the emulated storage, whatever the ORB, CCWs, IDAWs, addresses
 * and keys say (ASan + UBSan watch that).
 *
 * Input layout: byte 0 = mode (bit 0 S/370 SIO instead of SSCH, bits 4-7
 * storage key of the first 64K), bytes 1-12 = ORB (or CAW in bytes 1-4),
 * the rest = storage from X'1000' (CCWs, IDAWs, data).  The device is a
 * small echo device: writes are swallowed, reads return a pattern, a few
 * command codes give unit check, unit exception or status modifier.
 *
 * Build and run: make build/fuzz/fuzz_ccw; build/fuzz/fuzz_ccw -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu370/channel.h"
#include "tests/fuzz/echo_dev.h"

#define MEMSIZE (1u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 13)
        return 0;
    Machine *m = machine_new(MEMSIZE, data[0] & 1 ? ARCH_S370 : ARCH_ESA390);
    if (!m)
        return 0;
    Device *d = device_new(&echo_ops, 0x0100, NULL);
    css_attach(m, d);
    size_t n = size - 13 < MEMSIZE - 0x1000 ? size - 13 : MEMSIZE - 0x1000;
    memcpy(m->mem + 0x1000, data + 13, n);
    memset(m->keys, data[0] & 0xF0, 32);                  /* first 64K */

    if (data[0] & 1) {
        uint32_t caw;
        memcpy(&caw, data + 1, 4);
        css370_sio(m, 0x0100, __builtin_bswap32(caw));
        for (int i = 0; i < 4; i++)
            css370_tio(m, 0x0100);
    } else {
        Subchannel *s = css_subchannel(m, 0x00010000);
        uint8_t schib[SCHIB_SIZE], irb[IRB_SIZE];
        css_stsch(s, schib);
        schib[5] |= 0x80;
        schib[27] = data[1] & 1;                          /* concurrent sense */
        css_msch(s, schib, true);
        css_ssch(s, data + 1);
        for (int i = 0; i < 4; i++) {
            css_rsch(s);
            css_tsch(s, irb);
            css_touch(s);
        }
        css_hsch(s);
        css_tsch(s, irb);
    }
    css_free(m);
    machine_free(m);
    return 0;
}
