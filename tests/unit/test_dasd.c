/*
 * test_dasd.c — CKD disks (dasd/ckd.c) driven by channel programs through
 * the channel subsystem, on temporary images made by ckd_create() and by
 * Hercules' dasdinit (the Debian hercules package, which `make deps`
 * installs): reads, searches with TIC loops, writes that must reach the
 * image file, no record found, file mask, IPL from CKD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu370/channel.h"
#include "dasd/dasd.h"
#include "tests/unit/testutil.h"

#define ORB_AT    0x3000u
#define SCHIB_AT  0x3100u
#define IRB_AT    0x3200u
#define CCW_AT    0x4000u
#define ARG_AT    0x4800u
#define DATA_AT   0x5000u
#define SCH1      0x00010000u
#define DEVNUM    0x0120u

static int io_insn(Machine *m, uint8_t op, uint32_t addr)
{
    Cpu *c = m->cpu;
    uint8_t psw[8] = { 0, 0x08, 0, 0, 0x80, 0, 0, 0 };
    st_be32(psw + 4, 0x80000000u | TM_CODE);
    psw_load(c, psw);
    uint8_t code[4] = { 0xB2, op, 0x20, 0x00 };
    c->gr[1] = SCH1;
    c->gr[2] = addr;
    int pgm = tm_exec(m, code, 4, 1);
    return pgm ? 100 + pgm : c->cc;
}

static void ccw(Machine *m, unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    uint8_t *p = m->mem + CCW_AT + 8 * i;
    p[0] = cmd;
    p[1] = flags;
    st_be16(p + 2, count);
    st_be32(p + 4, data);
}

/* Run the CCWs at CCW_AT; returns the device status, channel status in
 * *cs and residual count in *count (either may be NULL). */
static uint8_t run(Machine *m, uint8_t *cs, uint16_t *count)
{
    st_be32(m->mem + ORB_AT, 0);
    st_be32(m->mem + ORB_AT + 4, 0x0080FF00);
    st_be32(m->mem + ORB_AT + 8, CCW_AT);
    CU_ASSERT_EQUAL(io_insn(m, 0x33, ORB_AT), 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x35, IRB_AT), 0);
    if (cs)
        *cs = m->mem[IRB_AT + 9];
    if (count)
        *count = ld_be16(m->mem + IRB_AT + 10);
    return m->mem[IRB_AT + 8];
}

static void seek_arg(Machine *m, uint32_t at, unsigned cc, unsigned hh)
{
    memset(m->mem + at, 0, 6);
    st_be16(m->mem + at + 2, (uint16_t)cc);
    st_be16(m->mem + at + 4, (uint16_t)hh);
}

static void id_arg(Machine *m, uint32_t at, unsigned cc, unsigned hh, uint8_t r)
{
    st_be16(m->mem + at, (uint16_t)cc);
    st_be16(m->mem + at + 2, (uint16_t)hh);
    m->mem[at + 4] = r;
}

static Machine *dasd_machine(const char *path, Device **dp)
{
    Machine *m = tm_new(ARCH_ESA390);
    char err[256];
    Device *d = ckd_open(DEVNUM, NULL, path, false, err, sizeof err);
    if (!d)
        fprintf(stderr, "\n  %s\n", err);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_FATAL(css_attach(m, d) == 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCHIB_AT), 0);
    m->mem[SCHIB_AT + 5] |= 0x80;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCHIB_AT), 0);
    if (dp)
        *dp = d;
    return m;
}

static void done(Machine *m)
{
    css_free(m);
    tm_free(m);
}

static void temp_name(char *path, const char *tag)
{
    snprintf(path, 64, "/tmp/ipx-%s-XXXXXX", tag);
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
}

/* Seek cc/hh, search ID equal R with a TIC loop, then `cmd` into DATA_AT. */
static uint8_t search_and(Machine *m, unsigned cc, unsigned hh, uint8_t r, uint8_t cmd,
                          uint16_t count, uint8_t *cs, uint16_t *resid)
{
    seek_arg(m, ARG_AT, cc, hh);
    id_arg(m, ARG_AT + 8, cc, hh, r);
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x31, 0x40, 5, ARG_AT + 8);
    ccw(m, 2, 0x08, 0, 0, CCW_AT + 8);
    ccw(m, 3, cmd, 0x20, count, DATA_AT);
    return run(m, cs, resid);
}

static void test_ckd_create_and_read(void)
{
    char path[64];
    temp_name(path, "ckd");
    char err[256];
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3390", 3, "INTPX1", err, sizeof err), 0);
    CU_ASSERT_EQUAL(ckd_create(path, "9999", 3, NULL, err, sizeof err), -1);
    Device *d;
    Machine *m = dasd_machine(path, &d);
    CU_ASSERT_STRING_EQUAL(d->ops->type, "3390");

    /* Sense ID: 3990 / 3390. */
    ccw(m, 0, 0xE4, 0x20, 7, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\xFF\x39\x90\xE9\x33\x90", 6), 0);
    /* Read Device Characteristics: cylinders and heads. */
    ccw(m, 0, 0x64, 0x20, 64, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(ld_be16(m->mem + DATA_AT + 3), 0x3390);
    CU_ASSERT_EQUAL(ld_be16(m->mem + DATA_AT + 12), 3);
    CU_ASSERT_EQUAL(ld_be16(m->mem + DATA_AT + 14), 15);
    /* VOL1: key and data of R3 on 0/0. */
    uint8_t cs;
    uint16_t resid;
    CU_ASSERT_EQUAL(search_and(m, 0, 0, 3, 0x0E, 84, &cs, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_EQUAL(resid, 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\xE5\xD6\xD3\xF1\xE5\xD6\xD3\xF1", 8), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 8, "\xC9\xD5\xE3\xD7\xE7\xF1", 6), 0);   /* INTPX1 */
    /* Read Count after the seek: R1 (R0 is passed over). */
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x12, 0x20, 8, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\x00\x00\x00\x00\x01\x04\x00\x18", 8), 0);
    /* Read R0 of an empty track. */
    seek_arg(m, ARG_AT, 2, 14);
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x16, 0x20, 16, DATA_AT);
    CU_ASSERT_EQUAL(run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\x00\x02\x00\x0E\x00\x00\x00\x08", 8), 0);
    /* Seek outside the volume: command reject. */
    seek_arg(m, ARG_AT, 3, 0);
    ccw(m, 0, 0x07, 0x20, 6, ARG_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    ccw(m, 0, 0x04, 0x20, 32, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[DATA_AT], SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(resid, 0);                           /* 32 bytes of sense */
    done(m);
    unlink(path);
}

static void test_no_record_found(void)
{
    char path[64], err[256];
    temp_name(path, "ckd");
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3350", 1, "NRF", err, sizeof err), 0);
    Device *d;
    Machine *m = dasd_machine(path, &d);
    CU_ASSERT_STRING_EQUAL(d->ops->type, "3350");
    uint8_t cs;
    /* Record 9 is not on the track: the search loop passes the index twice. */
    CU_ASSERT_EQUAL(search_and(m, 0, 0, 9, 0x06, 80, &cs, NULL), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(ld_be32(m->mem + IRB_AT + 4), CCW_AT + 16);      /* the search */
    ccw(m, 0, 0x04, 0x20, 24, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 1], 0x08);                      /* no record found */
    /* The 3350 has no Sense ID. */
    ccw(m, 0, 0xE4, 0x20, 7, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    done(m);
    unlink(path);
}

/* Writes: format a track with Write CKD, update with Write Data, read it
 * all back through a new machine, and find it at the right place in the
 * file. */
static void test_write_durable(void)
{
    char path[64], err[256];
    temp_name(path, "ckd");
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3380", 2, "WRT", err, sizeof err), 0);
    Machine *m = dasd_machine(path, NULL);
    uint8_t cs;
    uint16_t resid;

    /* Write without a search first: command reject. */
    ccw(m, 0, 0x05, 0x20, 8, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);

    /* Seek 1/4, search R0, Write CKD R1 (key 4, data 100), Write CKD R2. */
    seek_arg(m, ARG_AT, 1, 4);
    id_arg(m, ARG_AT + 8, 1, 4, 0);
    uint8_t *r1 = m->mem + DATA_AT, *r2 = m->mem + DATA_AT + 0x100;
    memcpy(r1, "\x00\x01\x00\x04\x01\x04\x00\x64KEY1", 12);
    for (int i = 0; i < 100; i++)
        r1[12 + i] = (uint8_t)i;
    memcpy(r2, "\x00\x01\x00\x04\x02\x00\x00\x10", 8);
    memcpy(r2 + 8, "SECOND RECORD!!!", 16);
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x31, 0x40, 5, ARG_AT + 8);
    ccw(m, 2, 0x08, 0, 0, CCW_AT + 8);
    ccw(m, 3, 0x1D, 0x40, 112, DATA_AT);
    ccw(m, 4, 0x1D, 0, 24, DATA_AT + 0x100);
    CU_ASSERT_EQUAL(run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);

    /* Update R2's data with Write Data. */
    memcpy(m->mem + DATA_AT, "UPDATED  RECORD2", 16);
    CU_ASSERT_EQUAL(search_and(m, 1, 4, 2, 0x05, 16, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    /* File mask "inhibit all writes": rejected. */
    m->mem[ARG_AT + 16] = 0x40;
    ccw(m, 0, 0x1F, 0x40, 1, ARG_AT + 16);
    ccw(m, 1, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 2, 0x31, 0x40, 5, ARG_AT + 8);
    ccw(m, 3, 0x08, 0, 0, CCW_AT + 16);
    ccw(m, 4, 0x05, 0x20, 16, DATA_AT);
    id_arg(m, ARG_AT + 8, 1, 4, 2);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    done(m);

    /* A new machine reads what was written. */
    m = dasd_machine(path, NULL);
    memset(m->mem + DATA_AT, 0, 0x300);
    CU_ASSERT_EQUAL(search_and(m, 1, 4, 1, 0x0E, 104, &cs, &resid), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "KEY1", 4), 0);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 4 + 99], 99);
    CU_ASSERT_EQUAL(search_and(m, 1, 4, 2, 0x06, 16, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "UPDATED  RECORD2", 16), 0);
    /* Read CKD multitrack from the empty head 2: on to R1 and R2 of head 4. */
    seek_arg(m, ARG_AT, 1, 2);
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x9E, 0x60, 112, DATA_AT);
    ccw(m, 2, 0x9E, 0x20, 24, DATA_AT + 0x100);
    CU_ASSERT_EQUAL(run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\x00\x01\x00\x04\x01\x04\x00\x64KEY1", 12), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x100, "\x00\x01\x00\x04\x02", 5), 0);
    /* ... and from the last head, the end of the cylinder. */
    seek_arg(m, ARG_AT, 1, 14);
    ccw(m, 1, 0x9E, 0x20, 112, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    ccw(m, 0, 0x04, 0x20, 32, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 1], 0x20);                      /* end of cylinder */
    done(m);

    /* The track in the file, where Hercules keeps it: 512 + (1*15+4) * 47616. */
    FILE *f = fopen(path, "rb");
    CU_ASSERT_FATAL(f != NULL);
    uint8_t trk[64];
    CU_ASSERT_EQUAL(fseek(f, 512 + (1 * 15 + 4) * 47616L, SEEK_SET), 0);
    CU_ASSERT_EQUAL(fread(trk, 1, sizeof trk, f), sizeof trk);
    fclose(f);
    CU_ASSERT_EQUAL(memcmp(trk, "\x00\x00\x01\x00\x04", 5), 0);                 /* HA */
    CU_ASSERT_EQUAL(memcmp(trk + 5 + 16, "\x00\x01\x00\x04\x01\x04\x00\x64KEY1", 12), 0);
    unlink(path);
}

/* An image made by Hercules' dasdinit. */
static void test_dasdinit_image(void)
{
    char path[64], cmd[200];
    temp_name(path, "dasdinit");
    unlink(path);
    snprintf(cmd, sizeof cmd, "dasdinit %s 3390 HRC001 2 >/dev/null 2>&1", path);
    if (system(cmd) != 0) {
        CU_FAIL("dasdinit (Debian package hercules) is needed for this test");
        return;
    }
    Device *d;
    Machine *m = dasd_machine(path, &d);
    CU_ASSERT_STRING_EQUAL(d->ops->type, "3390");
    uint8_t cs;
    CU_ASSERT_EQUAL(search_and(m, 0, 0, 3, 0x06, 80, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(cs, 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\xE5\xD6\xD3\xF1\xC8\xD9\xC3\xF0\xF0\xF1", 10), 0);
    /* Write a record on its last track and read it back. */
    seek_arg(m, ARG_AT, 1, 14);
    id_arg(m, ARG_AT + 8, 1, 14, 0);
    memcpy(m->mem + DATA_AT, "\x00\x01\x00\x0E\x01\x00\x00\x04" "ABCD", 12);
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x31, 0x40, 5, ARG_AT + 8);
    ccw(m, 2, 0x08, 0, 0, CCW_AT + 8);
    ccw(m, 3, 0x1D, 0, 12, DATA_AT);
    CU_ASSERT_EQUAL(run(m, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(search_and(m, 1, 14, 1, 0x06, 4, &cs, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "ABCD", 4), 0);
    done(m);
    unlink(path);
}

static void test_bad_images(void)
{
    char path[64], err[256];
    temp_name(path, "bad");
    FILE *f = fopen(path, "wb");
    CU_ASSERT_FATAL(f != NULL);
    uint8_t hdr[512] = { 0 };
    memcpy(hdr, "CKD_C370", 8);
    fwrite(hdr, 1, sizeof hdr, f);
    fclose(f);
    CU_ASSERT_PTR_NULL(ckd_open(DEVNUM, NULL, path, false, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "compressed"));
    f = fopen(path, "wb");
    fputs("not an image at all", f);
    fclose(f);
    CU_ASSERT_PTR_NULL(ckd_open(DEVNUM, NULL, path, false, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
    CU_ASSERT_EQUAL(ckd_create(path, "3330", 1, NULL, err, sizeof err), 0);
    CU_ASSERT_PTR_NULL(ckd_open(DEVNUM, "3390", path, false, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "another device type"));
    /* Read-only: writes are inhibited. */
    Machine *m = tm_new(ARCH_ESA390);
    Device *d = ckd_open(DEVNUM, "3330", path, true, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL(css_attach(m, d), 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCHIB_AT), 0);
    m->mem[SCHIB_AT + 5] |= 0x80;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCHIB_AT), 0);
    seek_arg(m, ARG_AT, 0, 1);
    id_arg(m, ARG_AT + 8, 0, 1, 0);
    memcpy(m->mem + DATA_AT, "\x00\x00\x00\x01\x01\x00\x00\x04" "ABCD", 12);
    ccw(m, 0, 0x07, 0x40, 6, ARG_AT);
    ccw(m, 1, 0x31, 0x40, 5, ARG_AT + 8);
    ccw(m, 2, 0x08, 0, 0, CCW_AT + 8);
    ccw(m, 3, 0x1D, 0, 12, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE | US_UNIT_CHECK);
    ccw(m, 0, 0x04, 0x20, 24, DATA_AT);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 1], 0x02);          /* write inhibited */
    done(m);
    unlink(path);
}

/* IPL from CKD: R1 of cylinder 0 head 0 holds the PSW and two CCWs; the
 * first reads R2's data (the next record) to X'6000'. */
static void test_ipl_from_ckd(void)
{
    char path[64], err[256];
    temp_name(path, "ipl");
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3390", 1, "IPLVOL", err, sizeof err), 0);
    Machine *m = dasd_machine(path, NULL);
    uint8_t ipl1[24] = {
        0x00, 0x0A, 0x00, 0x00, 0x80, 0x00, 0x60, 0x00,      /* wait PSW, 31-bit   */
        0x06, 0x00, 0x60, 0x00, 0x20, 0x00, 0x00, 0x90,      /* read data -> 6000  */
        0x03, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01,      /* no-op (not reached) */
    };
    memcpy(m->mem + DATA_AT + 0x400, ipl1, 24);
    CU_ASSERT_EQUAL(search_and(m, 0, 0, 1, 0x05, 24, NULL, NULL), US_CE_DE);
    ccw(m, 3, 0x05, 0x20, 24, DATA_AT + 0x400);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    for (int i = 0; i < 144; i++)
        m->mem[DATA_AT + 0x500 + i] = (uint8_t)(0xA0 + i % 16);
    CU_ASSERT_EQUAL(search_and(m, 0, 0, 2, 0x05, 144, NULL, NULL), US_CE_DE);
    ccw(m, 3, 0x05, 0x20, 144, DATA_AT + 0x500);
    CU_ASSERT_EQUAL(run(m, NULL, NULL), US_CE_DE);
    done(m);

    m = dasd_machine(path, NULL);
    CU_ASSERT_EQUAL(machine_ipl(m, DEVNUM, NULL), 0);
    Cpu *c = m->cpu;
    CU_ASSERT_EQUAL(c->ia, 0x6000);
    CU_ASSERT_TRUE(psw_wait(c));
    CU_ASSERT_EQUAL(m->mem[0x6000], 0xA0);
    CU_ASSERT_EQUAL(m->mem[0x608F], 0xAF);
    CU_ASSERT_EQUAL(m->mem[0x6090], 0);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_SSID), SCH1);
    done(m);
    unlink(path);
}

void register_dasd_tests(void)
{
    CU_pSuite s = CU_add_suite("dasd", NULL, NULL);
    CU_add_test(s, "CKD create, Sense ID, RDC, reads", test_ckd_create_and_read);
    CU_add_test(s, "CKD no record found", test_no_record_found);
    CU_add_test(s, "CKD writes reach the image", test_write_durable);
    CU_add_test(s, "CKD image made by dasdinit", test_dasdinit_image);
    CU_add_test(s, "CKD bad and read-only images", test_bad_images);
    CU_add_test(s, "IPL from CKD", test_ipl_from_ckd);
}
