/*
 * test_fba.c — FBA disks (dasd/fba.c) driven by channel programs: images
 * made by fba_create() and by Hercules' dasdinit (plain and -z), Define
 * Extent / Locate / Read / Write, the extent and file-mask checks with
 * their sense bytes, writes found in the file, IPL from block 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dasd/dasd.h"
#include "tests/unit/chanprog.h"

#define DEVNUM 0x0200u

static const DasdOptions fast = { .nosync = true };

/* Define Extent (mask, first..last, data-set number of first = disp). */
static void de_arg(Machine *m, uint32_t at, uint8_t mask, uint32_t disp, uint32_t first,
                   uint32_t last)
{
    uint8_t *p = m->mem + at;
    memset(p, 0, 16);
    p[0] = mask;
    st_be16(p + 2, 512);
    st_be32(p + 4, disp);
    st_be32(p + 8, first);
    st_be32(p + 12, last);
}

static void loc_arg(Machine *m, uint32_t at, uint8_t op, uint16_t count, uint32_t blk)
{
    uint8_t *p = m->mem + at;
    memset(p, 0, 8);
    p[0] = op;
    st_be16(p + 2, count);
    st_be32(p + 4, blk);
}

/* DE + Locate + Read/Write of `count` blocks at CP_DATA. */
static uint8_t blocks_io(Machine *m, uint8_t mask, uint32_t first, uint32_t last, uint8_t op,
                         uint32_t blk, uint16_t count, uint8_t *cs, uint16_t *resid)
{
    de_arg(m, CP_ARG, mask, 0, first, last);
    loc_arg(m, CP_ARG + 16, op, count, blk);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x43, 0x40, 8, CP_ARG + 16);
    cp_ccw(m, 2, op == 0x06 ? 0x42 : 0x41, 0x00, (uint16_t)(count * 512), CP_DATA);
    return cp_run(m, cs, resid);
}

static void test_fba_create_read_write(void)
{
    char path[64], err[256];
    cp_temp(path, "fba");
    CU_ASSERT_EQUAL_FATAL(fba_create(path, "3370", 1000, "FBA001", err, sizeof err), 0);
    CU_ASSERT_EQUAL(fba_create(path, "3390", 1000, NULL, err, sizeof err), -1);
    Device *d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_STRING_EQUAL(d->ops->type, "3370");
    Machine *m = cp_machine(d);

    /* Sense ID and Read Device Characteristics. */
    cp_ccw(m, 0, 0xE4, 0x20, 7, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\xFF\x38\x80\x01\x33\x70", 6), 0);
    cp_ccw(m, 0, 0x64, 0x00, 32, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 2], 0x21);
    CU_ASSERT_EQUAL(ld_be16(m->mem + CP_DATA + 4), 512);
    CU_ASSERT_EQUAL(ld_be32(m->mem + CP_DATA + 14), 1000);

    /* The VOL1 label in block 1. */
    uint8_t cs;
    uint16_t resid;
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 0, 999, 0x06, 1, 1, &cs, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_EQUAL(resid, 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\xE5\xD6\xD3\xF1\xC6\xC2\xC1\xF0\xF0\xF1", 10), 0);

    /* Write blocks 10-12 through an extent that starts at block 8 and
     * numbers it 100 within the data set. */
    for (int i = 0; i < 3 * 512; i++)
        m->mem[CP_DATA + i] = (uint8_t)(i / 512 + 0x41);
    de_arg(m, CP_ARG, 0xC0, 100, 8, 20);
    loc_arg(m, CP_ARG + 16, 0x01, 3, 102);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x43, 0x40, 8, CP_ARG + 16);
    cp_ccw(m, 2, 0x41, 0x00, 3 * 512, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    uint8_t blk[512];
    CU_ASSERT_TRUE(cp_file_read(path, 11 * 512, blk, 512));
    CU_ASSERT_EQUAL(blk[0], 0x42);
    CU_ASSERT_EQUAL(blk[511], 0x42);

    /* A short count on write: the rest of the block is zeros, incorrect
     * length. */
    memset(m->mem + CP_DATA, 0x77, 512);
    loc_arg(m, CP_ARG + 16, 0x01, 1, 110);
    cp_ccw(m, 2, 0x41, 0x00, 100, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0x40);                                  /* incorrect length */
    CU_ASSERT_TRUE(cp_file_read(path, 18 * 512, blk, 512));
    CU_ASSERT_EQUAL(blk[99], 0x77);
    CU_ASSERT_EQUAL(blk[100], 0);
    cp_done(m);

    /* A new device reads what was written. */
    d = dasd_open(DEVNUM, "3370", path, &fast, err, sizeof err);
    m = cp_machine(d);
    memset(m->mem + CP_DATA, 0, 2048);
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 0, 999, 0x06, 10, 3, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA], 0x41);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 1024 + 511], 0x43);
    cp_done(m);
    unlink(path);
}

static void test_fba_extent_and_mask(void)
{
    char path[64], err[256];
    cp_temp(path, "fbax");
    CU_ASSERT_EQUAL_FATAL(fba_create(path, "9336", 500, NULL, err, sizeof err), 0);
    Device *d = fba_open(DEVNUM, "9336", path, &fast, err, sizeof err);
    Machine *m = cp_machine(d);
    uint8_t s1;

    /* Locate past the end of the extent: command reject, file protected. */
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 10, 19, 0x06, 9, 2, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(ld_be32(m->mem + CP_IRB + 4), CP_CCW + 16);      /* at the Locate */
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(s1, 0x04);
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 10, 19, 0x06, 9, 1, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 10, 19, 0x06, 10, 1, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    /* A write the mask inhibits. */
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 10, 19, 0x01, 0, 1, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(s1, 0x04);
    /* Inhibit format writes: a plain write is fine. */
    CU_ASSERT_EQUAL(blocks_io(m, 0x40, 10, 19, 0x01, 0, 1, NULL, NULL), US_CE_DE);
    /* Extent past the volume, reserved mask bits, a zero count. */
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 10, 500, 0x06, 0, 1, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(blocks_io(m, 0x01, 10, 19, 0x06, 0, 1, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(blocks_io(m, 0x00, 10, 19, 0x06, 0, 0, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    /* Locate without Define Extent; Read without Locate; two DEs. */
    loc_arg(m, CP_ARG + 16, 0x06, 1, 0);
    cp_ccw(m, 0, 0x43, 0x40, 8, CP_ARG + 16);
    cp_ccw(m, 1, 0x42, 0x00, 512, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    cp_ccw(m, 0, 0x42, 0x00, 512, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    de_arg(m, CP_ARG, 0, 0, 0, 9);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x63, 0x00, 16, CP_ARG);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(ld_be32(m->mem + CP_IRB + 4), CP_CCW + 16);
    /* Read with a count short of the blocks: incorrect length. */
    uint8_t cs;
    de_arg(m, CP_ARG, 0x00, 0, 0, 499);
    loc_arg(m, CP_ARG + 16, 0x06, 2, 0);
    cp_ccw(m, 0, 0x63, 0x40, 16, CP_ARG);
    cp_ccw(m, 1, 0x43, 0x40, 8, CP_ARG + 16);
    cp_ccw(m, 2, 0x42, 0x00, 600, CP_DATA);
    CU_ASSERT_EQUAL(cp_run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0x40);
    cp_done(m);

    /* Read-only: a write Locate is "write inhibited". */
    DasdOptions ro = { .readonly = true };
    d = fba_open(DEVNUM, "9336", path, &ro, err, sizeof err);
    m = cp_machine(d);
    CU_ASSERT_EQUAL(blocks_io(m, 0xC0, 0, 9, 0x01, 0, 1, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(s1, 0x02);
    cp_done(m);
    unlink(path);
}

/* Images made by Hercules' dasdinit: plain and compressed. */
static void test_fba_dasdinit(void)
{
    char path[64], cmd[256], err[256];
    cp_temp(path, "fbah");
    for (int z = 0; z < 2; z++) {
        snprintf(cmd, sizeof cmd, "dasdinit %s %s 3370 HFBA01 2000 >/dev/null 2>&1",
                 z ? "-z" : "", path);
        if (system(cmd) != 0) {
            CU_FAIL("dasdinit (Debian package hercules) is needed for this test");
            return;
        }
        Device *d = dasd_open(DEVNUM, z ? NULL : "3370", path, &fast, err, sizeof err);
        if (!d)
            fprintf(stderr, "\n  %s\n", err);
        Machine *m = cp_machine(d);
        CU_ASSERT_EQUAL(blocks_io(m, 0x00, 0, 1999, 0x06, 1, 1, NULL, NULL), US_CE_DE);
        CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\xE5\xD6\xD3\xF1\xC8\xC6\xC2\xC1\xF0\xF1", 10), 0);
        /* Write blocks across a compressed block group (120 blocks). */
        for (int i = 0; i < 4 * 512; i++)
            m->mem[CP_DATA + i] = (uint8_t)(i * 7);
        CU_ASSERT_EQUAL(blocks_io(m, 0xC0, 0, 1999, 0x01, 118, 4, NULL, NULL), US_CE_DE);
        cp_done(m);
        d = dasd_open(DEVNUM, z ? NULL : "3370", path, &fast, err, sizeof err);
        m = cp_machine(d);
        memset(m->mem + CP_DATA, 0, 4 * 512);
        CU_ASSERT_EQUAL(blocks_io(m, 0x00, 0, 1999, 0x06, 118, 4, NULL, NULL), US_CE_DE);
        CU_ASSERT_EQUAL(m->mem[CP_DATA + 3 * 512 + 5], (uint8_t)((3 * 512 + 5) * 7));
        cp_done(m);
        unlink(path);
        if (z) {
            char sh[80];
            snprintf(sh, sizeof sh, "%s.shadow", path);
            CU_ASSERT_EQUAL(access(sh, F_OK), 0);              /* the writes went there */
            unlink(sh);
        }
    }
}

/* IPL from block 0: the IPL record reads block 0 again to X'5000', whose
 * channel program (Define Extent, Locate, Read) loads blocks 1-2 at
 * X'6000'; the PSW is a disabled wait at X'6000'. */
static void test_fba_ipl(void)
{
    char path[64], err[256];
    cp_temp(path, "fbaipl");
    CU_ASSERT_EQUAL_FATAL(fba_create(path, "3310", 100, NULL, err, sizeof err), 0);
    uint8_t b0[512] = {
        0x00, 0x0A, 0x00, 0x00, 0x80, 0x00, 0x60, 0x00,      /* PSW             */
        0x02, 0x00, 0x50, 0x00, 0x60, 0x00, 0x02, 0x00,      /* Read IPL -> 5000 */
        0x08, 0x00, 0x50, 0x40, 0x00, 0x00, 0x00, 0x00,      /* TIC 5040        */
    };
    static const uint8_t prog[] = {
        0x63, 0x00, 0x50, 0x80, 0x40, 0x00, 0x00, 0x10,      /* DE 5080         */
        0x43, 0x00, 0x50, 0x90, 0x40, 0x00, 0x00, 0x08,      /* Locate 5090     */
        0x42, 0x00, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00,      /* Read 1024 -> 6000 */
    };
    memcpy(b0 + 0x40, prog, sizeof prog);
    static const uint8_t de[16] = { 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99 };
    static const uint8_t loc[8] = { 0x06, 0, 0, 2, 0, 0, 0, 1 };
    memcpy(b0 + 0x80, de, 16);
    memcpy(b0 + 0x90, loc, 8);
    uint8_t b12[1024];
    for (int i = 0; i < 1024; i++)
        b12[i] = (uint8_t)(0xA0 + i / 512);
    FILE *f = fopen(path, "r+b");
    CU_ASSERT_FATAL(f != NULL);
    fwrite(b0, 1, 512, f);
    fwrite(b12, 1, 1024, f);
    fclose(f);

    Device *d = fba_open(DEVNUM, "3310", path, &fast, err, sizeof err);
    Machine *m = cp_machine(d);
    CU_ASSERT_EQUAL(machine_ipl(m, DEVNUM, NULL), 0);
    Cpu *c = m->cpu;
    CU_ASSERT_EQUAL(c->ia, 0x6000);
    CU_ASSERT_TRUE(psw_wait(c));
    CU_ASSERT_EQUAL(m->mem[0x6000], 0xA0);
    CU_ASSERT_EQUAL(m->mem[0x63FF], 0xA1);
    CU_ASSERT_EQUAL(m->mem[0x6400], 0);
    CU_ASSERT_EQUAL(ld_be32(m->mem + 0xB8), 0x00010000u);
    cp_done(m);
    unlink(path);
}

static void test_fba_bad_images(void)
{
    char path[64], err[256];
    cp_temp(path, "fbabad");
    FILE *f = fopen(path, "wb");
    fputs("short", f);
    fclose(f);
    CU_ASSERT_PTR_NULL(fba_open(DEVNUM, NULL, path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "512-byte blocks"));
    CU_ASSERT_PTR_NULL(fba_open(DEVNUM, "3380", path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NULL(dasd_open(DEVNUM, NULL, path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
    CU_ASSERT_EQUAL(ckd_create(path, "3390", 1, NULL, err, sizeof err), 0);
    CU_ASSERT_PTR_NULL(fba_open(DEVNUM, "3370", path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "CKD image"));
    unlink(path);
}

void register_fba_tests(void)
{
    CU_pSuite s = CU_add_suite("fba", NULL, NULL);
    CU_add_test(s, "FBA create, Sense ID, RDC, read, write", test_fba_create_read_write);
    CU_add_test(s, "FBA extent and file mask", test_fba_extent_and_mask);
    CU_add_test(s, "FBA images made by dasdinit (plain, -z)", test_fba_dasdinit);
    CU_add_test(s, "IPL from FBA", test_fba_ipl);
    CU_add_test(s, "FBA bad images", test_fba_bad_images);
}
