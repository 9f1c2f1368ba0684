/*
 * test_tape.c — 3420/3480 tape drives on AWS files (console/tape.c):
 * writing blocks and tape marks and finding them in the file, reading
 * forward and backward, spacing, load point, unit exception at tape
 * marks, Rewind Unload, the write ring, end of tape, a tape labelled by
 * Hercules' hetinit, IPL from tape and damaged files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console/tape.h"
#include "tests/unit/chanprog.h"

#define DEVNUM 0x0580u
#define BIG    70000u

static uint8_t one(Machine *m, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    cp_ccw(m, 0, cmd, flags, count, data);
    return cp_run(m, NULL, NULL);
}

static void fill(Machine *m, uint32_t at, uint32_t len, uint8_t seed)
{
    for (uint32_t i = 0; i < len; i++)
        m->mem[at + i] = (uint8_t)(seed + i * 13);
}

static bool filled(Machine *m, uint32_t at, uint32_t len, uint8_t seed)
{
    for (uint32_t i = 0; i < len; i++)
        if (m->mem[at + i] != (uint8_t)(seed + i * 13))
            return false;
    return true;
}

#define BUF 0x20000u

static void test_tape_write_read(void)
{
    char path[64], err[256];
    cp_temp(path, "aws");
    Device *d = tape_new(DEVNUM, "3420", path, false, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    Machine *m = cp_machine(d);
    uint8_t cs, s1;
    uint16_t resid;

    /* Blocks of 80 and 1000 bytes, one of 70000 (data chaining: two AWS
     * chunks), a tape mark, a block, two tape marks. */
    fill(m, BUF, BIG, 1);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 80, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 1000, BUF), US_CE_DE);
    cp_ccw(m, 0, 0x01, 0x80, 40000, BUF);
    cp_ccw(m, 1, 0x01, 0x00, BIG - 40000, BUF + 40000);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x1F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 30, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x1F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x1F, 0, 1, 0), US_CE_DE);
    uint8_t h[6];
    CU_ASSERT_TRUE(cp_file_read(path, 0, h, 6));
    CU_ASSERT_EQUAL(memcmp(h, "\x50\x00\x00\x00\xA0\x00", 6), 0);
    CU_ASSERT_TRUE(cp_file_read(path, 6 + 80, h, 6));
    CU_ASSERT_EQUAL(memcmp(h, "\xE8\x03\x50\x00\xA0\x00", 6), 0);
    CU_ASSERT_TRUE(cp_file_read(path, 6 + 80 + 6 + 1000, h, 6));
    CU_ASSERT_EQUAL(memcmp(h, "\xFF\xFF\xE8\x03\x80\x00", 6), 0);     /* first chunk */

    /* Rewind: at load point. */
    CU_ASSERT_EQUAL(one(m, 0x07, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1, 0x48);                                      /* ready, load point */
    memset(m->mem + BUF, 0, BIG);
    cp_ccw(m, 0, 0x02, 0, 80, BUF);
    CU_ASSERT_EQUAL(cp_run(m, &cs, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_TRUE(filled(m, BUF, 80, 1));
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1, 0x40);                                      /* off load point */
    /* Read 1000 bytes with a count of 500: incorrect length. */
    cp_ccw(m, 0, 0x02, 0, 500, BUF);
    CU_ASSERT_EQUAL(cp_run(m, &cs, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0x40);
    CU_ASSERT_EQUAL(resid, 0);
    cp_ccw(m, 0, 0x02, 0x80, 50000, BUF);
    cp_ccw(m, 1, 0x02, 0x20, 30000, BUF + 50000);
    CU_ASSERT_EQUAL(cp_run(m, &cs, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(resid, 30000 - (BIG - 50000));
    CU_ASSERT_TRUE(filled(m, BUF, BIG, 1));
    /* The tape mark: unit exception, nothing moved. */
    cp_ccw(m, 0, 0x02, 0x20, 80, BUF);
    CU_ASSERT_EQUAL(cp_run(m, NULL, &resid), US_CE_DE | US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(resid, 80);
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 80, BUF), US_CE_DE);         /* the 30-byte block */
    /* Backspace Block over it, then over the tape mark. */
    CU_ASSERT_EQUAL(one(m, 0x27, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x27, 0, 1, 0), US_CE_DE | US_UNIT_EXCEPTION);
    /* Read Backward the 70000 bytes: the CCW names the last byte. */
    memset(m->mem + BUF, 0, BIG);
    cp_ccw(m, 0, 0x0C, 0x80, 30000, BUF + BIG - 1);
    cp_ccw(m, 1, 0x0C, 0x00, 40000, BUF + 39999);
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_TRUE(filled(m, BUF, BIG, 1));
    /* Forward Space File: over blocks 3 and the mark; then the last file. */
    CU_ASSERT_EQUAL(one(m, 0x3F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x37, 0, 1, 0), US_CE_DE);               /* the 30-byte block */
    CU_ASSERT_EQUAL(one(m, 0x37, 0, 1, 0), US_CE_DE | US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(one(m, 0x37, 0, 1, 0), US_CE_DE | US_UNIT_EXCEPTION);
    /* Past the recorded end: unit check, data check. */
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 80, BUF), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, NULL), SNS0_DATA_CHECK);
    /* Backspace File twice: before the second mark, before the first. */
    CU_ASSERT_EQUAL(one(m, 0x2F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x2F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x2F, 0, 1, 0), US_CE_DE);
    /* ... now before the first tape mark: Read Backward gets block 3. */
    CU_ASSERT_EQUAL(one(m, 0x27, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x27, 0, 1, 0), US_CE_DE);
    cp_ccw(m, 0, 0x0C, 0x20, 80, BUF + 79);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_TRUE(filled(m, BUF, 80, 1));
    /* At load point: backward motion is rejected. */
    CU_ASSERT_EQUAL(one(m, 0x27, 0, 1, 0), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(s1 & 0x08, 0x08);
    /* Overwrite block 2: the rest of the tape is gone. */
    CU_ASSERT_EQUAL(one(m, 0x37, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 10, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 80, BUF), US_CE_DE | US_UNIT_CHECK);
    /* Sense ID; Rewind Unload: not ready any more. */
    cp_ccw(m, 0, 0xE4, 0x20, 7, BUF);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + BUF, "\xFF\x38\x03\x02\x34\x20", 6), 0);
    CU_ASSERT_EQUAL(one(m, 0x0F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 80, BUF), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_INTERVENTION);
    CU_ASSERT_EQUAL(s1 & 0x40, 0);
    cp_done(m);

    /* No write ring: writes are rejected, file protected. */
    d = tape_new(DEVNUM, "3480", path, true, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    m = cp_machine(d);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 80, BUF), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(s1 & 0x02, 0x02);
    /* 3480: Read Block ID after one block, Locate Block back to 0. */
    CU_ASSERT_EQUAL(one(m, 0x37, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x22, 0, 8, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(ld_be32(m->mem + BUF), 1);
    st_be32(m->mem + BUF, 0);
    CU_ASSERT_EQUAL(one(m, 0x4F, 0, 4, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1 & 0x08, 0x08);
    cp_done(m);
    unlink(path);
}

static void test_tape_eot_and_damage(void)
{
    char path[64], err[256];
    cp_temp(path, "awseot");
    Device *d = tape_new(DEVNUM, NULL, path, false, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    tape_set_eot(d, 2000);
    Machine *m = cp_machine(d);
    uint8_t s1;
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 1500, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 1500, BUF), US_CE_DE | US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 0xF04] & 0x20, 0x20);          /* tape indicate */
    cp_done(m);
    /* Damage the second block's header: reading it is a data check. */
    FILE *f = fopen(path, "r+b");
    fseek(f, 6 + 1500 + 2, SEEK_SET);
    fputc(0x99, f);
    fclose(f);
    d = tape_new(DEVNUM, NULL, path, false, err, sizeof err);
    m = cp_machine(d);
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 10, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 10, BUF), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, NULL) & SNS0_DATA_CHECK, SNS0_DATA_CHECK);
    cp_done(m);
    /* Not an AWS file at all. */
    f = fopen(path, "wb");
    fputs("this is text, not a tape", f);
    fclose(f);
    CU_ASSERT_PTR_NULL(tape_new(DEVNUM, NULL, path, false, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "not an AWS tape"));
    CU_ASSERT_PTR_NULL(tape_new(DEVNUM, "3590", path, false, err, sizeof err));
    unlink(path);
}

/* A labelled tape made by Hercules' hetinit -d (uncompressed: AWS). */
static void test_tape_hetinit(void)
{
    char path[64], cmd[200], err[256];
    cp_temp(path, "het");
    snprintf(cmd, sizeof cmd, "hetinit -d %s TAPE01 OWNER1 >/dev/null 2>&1", path);
    if (system(cmd) != 0) {
        CU_FAIL("hetinit (Debian package hercules) is needed for this test");
        return;
    }
    Device *d = tape_new(DEVNUM, "3480", path, false, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    Machine *m = cp_machine(d);
    CU_ASSERT_EQUAL(one(m, 0x02, 0, 80, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + BUF, "\xE5\xD6\xD3\xF1\xE3\xC1\xD7\xC5\xF0\xF1", 10), 0);
    CU_ASSERT_EQUAL(one(m, 0x02, 0, 80, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + BUF, "\xC8\xC4\xD9\xF1", 4), 0);   /* HDR1 */
    CU_ASSERT_EQUAL(one(m, 0x02, 0x20, 80, BUF), US_CE_DE | US_UNIT_EXCEPTION);
    cp_done(m);
    unlink(path);
}

/* IPL: the first block holds the PSW and a CCW that reads the second
 * block to X'6000'. */
static void test_tape_ipl(void)
{
    char path[64], err[256];
    cp_temp(path, "awsipl");
    Device *d = tape_new(DEVNUM, NULL, path, false, err, sizeof err);
    Machine *m = cp_machine(d);
    static const uint8_t ipl[24] = {
        0x00, 0x0A, 0x00, 0x00, 0x80, 0x00, 0x60, 0x00,      /* PSW: wait at 6000 */
        0x02, 0x00, 0x60, 0x00, 0x20, 0x00, 0x01, 0x00,      /* read 256 -> 6000, SLI */
        0x03, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01,
    };
    memcpy(m->mem + BUF, ipl, 24);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 24, BUF), US_CE_DE);
    fill(m, BUF, 200, 0x55);
    CU_ASSERT_EQUAL(one(m, 0x01, 0, 200, BUF), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x1F, 0, 1, 0), US_CE_DE);
    CU_ASSERT_EQUAL(one(m, 0x07, 0, 1, 0), US_CE_DE);
    memset(m->mem + BUF, 0, 200);
    CU_ASSERT_EQUAL(machine_ipl(m, DEVNUM, NULL), 0);
    CU_ASSERT_EQUAL(m->cpu->ia, 0x6000);
    CU_ASSERT_TRUE(filled(m, 0x6000, 200, 0x55));
    CU_ASSERT_EQUAL(m->mem[0x6000 + 200], 0);
    cp_done(m);
    unlink(path);
}

void register_tape_tests(void)
{
    CU_pSuite s = CU_add_suite("tape", NULL, NULL);
    CU_add_test(s, "tape write, read, space, backward, unload", test_tape_write_read);
    CU_add_test(s, "tape end of tape, damaged and non-AWS files", test_tape_eot_and_damage);
    CU_add_test(s, "tape labelled by hetinit", test_tape_hetinit);
    CU_add_test(s, "IPL from tape", test_tape_ipl);
}
