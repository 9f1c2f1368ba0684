/*
 * echo_dev.h — the device of the channel fuzz targets (fuzz_ccw.c,
 * fuzz_sie.c): writes are read to the end, reads store a fixed pattern
 * (17 bytes, or 300 with command bit X'20'), sense works, and three
 * control commands end with unit check (X'13'), status modifier (X'17')
 * or unit exception (X'1B'), so channel programs take every path.
 */
#ifndef TESTS_FUZZ_ECHO_DEV_H
#define TESTS_FUZZ_ECHO_DEV_H

#include "cpu370/channel.h"

static uint8_t echo_start(Device *d, DevIo *io)
{
    static const uint8_t pattern[300] = { 1, 2, 3 };
    uint8_t buf[512];
    switch (io->cmd & 0x0F) {
    case 0x01: case 0x05: case 0x09: case 0x0D:
        while (io_fetch(io, buf, sizeof buf) > 0)
            ;
        return US_CE_DE;
    case 0x02: case 0x06: case 0x0A: case 0x0C: case 0x0E:
        io_store(io, pattern, io->cmd & 0x20 ? 300 : 17);
        return US_CE_DE;
    case 0x04:
        return dev_sense(d, io);
    case 0x03:
        return io->cmd == 0x13 ? dev_reject(d) : io->cmd == 0x17 ? US_CE_DE | US_STATUS_MOD
             : io->cmd == 0x1B ? US_CE_DE | US_UNIT_EXCEPTION : US_CE_DE;
    default:
        return dev_reject(d);
    }
}

static const DeviceOps echo_ops = { .type = "ECHO", .start = echo_start };

#endif
