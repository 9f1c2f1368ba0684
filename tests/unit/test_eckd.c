/*
 * test_eckd.c — Define Extent and Locate Record on 3380 and 3390 disks
 * (dasd/eckd.c): formatting records with Format Write, reading them with
 * Read Data across a track boundary, updating with Write Data, and every
 * check the extent, the file mask and the command sequence make, with
 * their sense bytes.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dasd/dasd.h"
#include "tests/unit/chanprog.h"

#define DEVNUM 0x0190u

static const DasdOptions fast = { .nosync = true };

static void de_arg(Machine *m, uint32_t at, uint8_t mask, unsigned bc, unsigned bh, unsigned ec,
                   unsigned eh)
{
    uint8_t *p = m->mem + at;
    memset(p, 0, 16);
    p[0] = mask;
    p[1] = 0xC0;                             /* ECKD architecture mode */
    st_be16(p + 2, 4096);
    st_be16(p + 8, (uint16_t)bc);
    st_be16(p + 10, (uint16_t)bh);
    st_be16(p + 12, (uint16_t)ec);
    st_be16(p + 14, (uint16_t)eh);
}

static void lr_arg(Machine *m, uint32_t at, uint8_t op, uint8_t count, unsigned cc, unsigned hh,
                   uint8_t r)
{
    uint8_t *p = m->mem + at;
    memset(p, 0, 16);
    p[0] = op;
    p[3] = count;
    st_be16(p + 4, (uint16_t)cc);
    st_be16(p + 6, (uint16_t)hh);
    st_be16(p + 8, (uint16_t)cc);
    st_be16(p + 10, (uint16_t)hh);
    p[12] = r;
    p[13] = 0xFF;
}

/* Records of 100 data bytes, each filled with its number. */
static void record(Machine *m, uint32_t at, unsigned cc, unsigned hh, uint8_t r)
{
    uint8_t *p = m->mem + at;
    st_be16(p, (uint16_t)cc);
    st_be16(p + 2, (uint16_t)hh);
    p[4] = r;
    p[5] = 0;
    st_be16(p + 6, 100);
    memset(p + 8, r, 100);
}

/* Format 3 records after R0 of track cc/hh. */
static uint8_t format_track(Machine *m, unsigned cc, unsigned hh, uint8_t first)
{
    de_arg(m, CP_ARG, 0xC0, 0, 0, 2, 14);
    lr_arg(m, CP_ARG + 16, 0x03, 3, cc, hh, 0);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x47, 0x40, 16, CP_ARG + 16);
    for (unsigned i = 0; i < 3; i++) {
        record(m, CP_DATA + 0x100 * i, cc, hh, (uint8_t)(first + i));
        cp_ccw(m, 2 + i, 0x1D, i < 2 ? 0x40 : 0, 108, CP_DATA + 0x100 * i);
    }
    return cp_run(m, NULL, NULL);
}

static void test_eckd_format_read_update(void)
{
    char path[64], err[256];
    cp_temp(path, "eckd");
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3390", 3, "ECKD01", err, sizeof err), 0);
    Device *d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    Machine *m = cp_machine(d);
    CU_ASSERT_EQUAL(format_track(m, 1, 3, 1), US_CE_DE);
    CU_ASSERT_EQUAL(format_track(m, 1, 4, 4), US_CE_DE);

    /* Read Data of 5 records from R2 of 1/3: the domain goes on to 1/4. */
    de_arg(m, CP_ARG, 0x00, 1, 0, 1, 14);
    lr_arg(m, CP_ARG + 16, 0x06, 5, 1, 3, 2);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x47, 0x40, 16, CP_ARG + 16);
    for (unsigned i = 0; i < 5; i++)
        cp_ccw(m, 2 + i, 0x06, i < 4 ? 0x40 : 0, 100, CP_DATA + 0x100 * i);
    memset(m->mem + CP_DATA, 0, 0x500);
    uint8_t cs;
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    for (unsigned i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(m->mem[CP_DATA + 0x100 * i], 2 + i);
        CU_ASSERT_EQUAL(m->mem[CP_DATA + 0x100 * i + 99], 2 + i);
    }
    /* A sixth read is outside the domain: with no search before it, the
     * basic CKD rules apply — Read Data reads the next record (R6). */

    /* Write Data on R5 (on 1/4), found by Locate Record (no search). */
    memset(m->mem + CP_DATA, 0xEE, 100);
    de_arg(m, CP_ARG, 0x80, 1, 0, 1, 14);                  /* update writes only */
    lr_arg(m, CP_ARG + 16, 0x01, 1, 1, 4, 5);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x47, 0x40, 16, CP_ARG + 16);
    cp_ccw(m, 2, 0x05, 0x00, 100, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    /* Read it back, with data orientation on R4: the first Read Count
     * is R5's. */
    de_arg(m, CP_ARG, 0x00, 1, 0, 1, 14);
    lr_arg(m, CP_ARG + 16, 0x96, 2, 1, 4, 4);              /* read, data orientation */
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x47, 0x40, 16, CP_ARG + 16);
    cp_ccw(m, 2, 0x12, 0x40, 8, CP_DATA + 0x200);
    cp_ccw(m, 3, 0x06, 0x00, 100, CP_DATA + 0x300);
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);                                /* Read Count: 8 bytes */
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 0x204], 5);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 0x300], 0xEE);
    cp_done(m);

    /* In the file: R5 of 1/4 (after HA, R0, R4 = 5+16+108 bytes). */
    uint8_t rec[108];
    CU_ASSERT_TRUE(cp_file_read(path, 512 + (1 * 15 + 4) * 56832L + 5 + 16 + 108, rec, 108));
    CU_ASSERT_EQUAL(memcmp(rec, "\x00\x01\x00\x04\x05\x00\x00\x64", 8), 0);
    CU_ASSERT_EQUAL(rec[8], 0xEE);
    unlink(path);
}

static void test_eckd_checks(void)
{
    char path[64], err[256];
    cp_temp(path, "eckdx");
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3380", 3, "ECKD02", err, sizeof err), 0);
    Device *d = dasd_open(DEVNUM, "3380", path, &fast, err, sizeof err);
    Machine *m = cp_machine(d);
    uint8_t s1;

    /* RDC: the 3380's track-capacity formula 1 and factors. */
    cp_ccw(m, 0, 0x64, 0x00, 64, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(ld_be16(m->mem + CP_DATA + 18), 47968);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 22], 1);
    CU_ASSERT_EQUAL(ld_be16(m->mem + CP_DATA + 24), 492);

    /* Locate Record outside the extent: file protected (byte 0 zero). */
    de_arg(m, CP_ARG, 0x00, 1, 0, 1, 14);
    lr_arg(m, CP_ARG + 16, 0x06, 1, 2, 0, 1);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x47, 0x40, 16, CP_ARG + 16);
    cp_ccw(m, 2, 0x06, 0x00, 100, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(ld_be32(m->mem + CP_IRB + 4), CP_CCW + 16);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1, 0x04);
    /* A Seek outside the extent, and inside. */
    memset(m->mem + CP_ARG + 32, 0, 6);
    m->mem[CP_ARG + 35] = 2;                                  /* cylinder 2 */
    cp_ccw(m, 1, 0x07, 0x00, 6, CP_ARG + 32);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1, 0x04);
    m->mem[CP_ARG + 35] = 1;
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    /* Locate Record without Define Extent; Define Extent after Set File
     * Mask; two Define Extents; an extent that ends before it begins. */
    cp_ccw(m, 0, 0x47, 0x00, 16, CP_ARG + 16);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    m->mem[CP_ARG + 40] = 0;
    cp_ccw(m, 0, 0x1F, 0x40, 1, CP_ARG + 40);
    cp_ccw(m, 1, 0x63, 0x00, 16, CP_ARG);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    de_arg(m, CP_ARG, 0x00, 1, 5, 1, 4);
    cp_ccw(m, 0, 0x63, 0x00, 16, CP_ARG);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    /* Invalid operation, and a Write Data in a Read domain. */
    de_arg(m, CP_ARG, 0xC0, 0, 0, 1, 14);
    lr_arg(m, CP_ARG + 16, 0x3E, 1, 0, 0, 3);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x47, 0x00, 16, CP_ARG + 16);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    lr_arg(m, CP_ARG + 16, 0x06, 1, 0, 0, 3);
    cp_ccw(m, 1, 0x47, 0x40, 16, CP_ARG + 16);
    cp_ccw(m, 2, 0x05, 0x00, 80, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(ld_be32(m->mem + CP_IRB + 4), CP_CCW + 24);
    /* Search argument not on the track: no record found. */
    lr_arg(m, CP_ARG + 16, 0x06, 1, 0, 0, 9);
    cp_ccw(m, 2, 0x06, 0x00, 80, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1, 0x08);
    /* VOL1 through Locate Record, count orientation on R3. */
    lr_arg(m, CP_ARG + 16, 0x06, 1, 0, 0, 3);
    cp_ccw(m, 2, 0x0E, 0x00, 84, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\xE5\xD6\xD3\xF1\xE5\xD6\xD3\xF1", 8), 0);
    /* Format Write with "inhibit all writes": command reject. */
    de_arg(m, CP_ARG, 0x40, 0, 0, 1, 14);
    lr_arg(m, CP_ARG + 16, 0x03, 1, 1, 1, 0);
    record(m, CP_DATA, 1, 1, 1);
    cp_ccw(m, 2, 0x1D, 0x00, 108, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    /* A domain that would leave the extent: file protected. */
    de_arg(m, CP_ARG, 0x00, 0, 0, 0, 0);
    lr_arg(m, CP_ARG + 16, 0x06, 3, 0, 0, 2);
    cp_ccw(m, 2, 0x06, 0x40, 144, CP_DATA);
    cp_ccw(m, 3, 0x06, 0x40, 80, CP_DATA);
    cp_ccw(m, 4, 0x06, 0x00, 80, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(ld_be32(m->mem + CP_IRB + 4), CP_CCW + 40);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), 0);
    CU_ASSERT_EQUAL(s1, 0x04);
    cp_done(m);
    unlink(path);
}

void register_eckd_tests(void)
{
    CU_pSuite s = CU_add_suite("eckd", NULL, NULL);
    CU_add_test(s, "ECKD format, read across tracks, update", test_eckd_format_read_update);
    CU_add_test(s, "ECKD extent, mask and sequence checks", test_eckd_checks);
}
