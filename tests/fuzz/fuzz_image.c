/*
 * fuzz_image.c — libFuzzer target: arbitrary bytes as a DASD image or an
 * AWS tape.  Opening must give a message or an Image; reading every track
 * or block group of an Image must give the bytes or -1; a tape drive
 * reading, spacing and reading backward over the bytes must end commands
 * with a status.  Never a crash, a hang or an access out of bounds (ASan
 * and UBSan watch).
 *
 * Input: byte 0 = mode (bit 0: a headerless file is a plain FBA image;
 * bit 1: also mount it as a tape), the rest = the file, kept in a memfd.
 *
 * Build and run: make build/fuzz/fuzz_image; build/fuzz/fuzz_image -max_total_time=60
 * (seeds: images made by dasdinit -z, cut to their first few KB, work well)
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "console/tape.h"
#include "cpu370/channel.h"
#include "dasd/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_tape(const char *path)
{
    char err[256];
    Device *d = tape_new(0x0580, "3480", path, true, err, sizeof err);
    if (!d)
        return;
    Machine *m = machine_new(1u << 20, ARCH_ESA390);
    if (!m || css_attach(m, d)) {
        if (m)
            machine_free(m);
        d->ops->close(d);
        free(d);
        return;
    }
    /* Read, Forward Space Block, Forward Space File, Read, Backspace
     * Block, Read Backward, Backspace File, Read: format-0 CCWs, each
     * with SLI and command chaining, at X'1000'; data at X'10000'. */
    static const uint8_t cmds[] = { 0x02, 0x37, 0x3F, 0x02, 0x27, 0x0C, 0x2F, 0x02 };
    for (unsigned i = 0; i < sizeof cmds; i++) {
        uint8_t *c = m->mem + 0x1000 + 8 * i;
        uint32_t addr = cmds[i] == 0x0C ? 0x10000 + 0xFFFF : 0x10000;
        c[0] = cmds[i];
        c[1] = (uint8_t)(addr >> 16);
        c[2] = (uint8_t)(addr >> 8);
        c[3] = (uint8_t)addr;
        c[4] = i + 1 < sizeof cmds ? 0x60 : 0x20;
        c[6] = 0xFF;
        c[7] = 0xFF;
    }
    Subchannel *s = css_subchannel(m, 0x00010000);
    uint8_t schib[SCHIB_SIZE], irb[IRB_SIZE], orb[12] = { 0 };
    orb[10] = 0x10;                                     /* CCWs at X'1000' */
    css_stsch(s, schib);
    schib[5] |= 0x80;
    css_msch(s, schib, true);
    /* Each command that ends with unit check or exception ends the
     * program; start it again from the next CCW. */
    for (unsigned i = 0; i < sizeof cmds; i++) {
        orb[10] = (uint8_t)((0x1000 + 8 * i) >> 8);
        orb[11] = (uint8_t)(0x1000 + 8 * i);
        css_ssch(s, orb);
        css_tsch(s, irb);
    }
    css_free(m);
    machine_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int fd = memfd_create("image", 0);
    if (fd < 0)
        return 0;
    if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
        close(fd);
        return 0;
    }
    char path[64], err[512];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ImgOptions o = { .readonly = true, .nosync = true, .fba = data[0] & 1,
                     .shadow = "/nonexistent/fuzz.shadow" };
    Image *im = img_open(path, &o, err, sizeof err);
    if (im) {
        uint8_t *buf = malloc(im->unitsize ? im->unitsize : 512);
        for (uint32_t u = 0; buf && u < im->units && u < 64; u++)
            if (img_read_unit(im, u, buf) == 0 && im->fmt != IMG_CFBA)
                img_check_track(buf, im->trksize, u / im->heads, u % im->heads);
        for (uint64_t b = 0; buf && b < im->blocks && b < 8; b++)
            img_read_blocks(im, b, 1, buf);
        free(buf);
        img_close(im);
    }
    if (data[0] & 2)
        fuzz_tape(path);
    close(fd);
    return 0;
}
