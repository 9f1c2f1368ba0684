/*
 * test_cckd.c — compressed images (dasd/cckd.c) and the durability of
 * writes (dasd/image.c): CCKD volumes made by Hercules' dasdinit with
 * zlib, bzip2 and no compression are read; writes go to the shadow file
 * and leave the base as it was; a process that dies after device end
 * loses nothing; a torn plain-CKD track is repaired from its write-ahead
 * copy; damaged images give a message or an equipment check, never a
 * crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "dasd/dasd.h"
#include "dasd/image.h"
#include "tests/unit/chanprog.h"

#define DEVNUM 0x0300u

static const DasdOptions fast = { .nosync = true };

static bool dasdinit(const char *opt, const char *path, const char *type, unsigned cyls)
{
    char cmd[256];
    unlink(path);
    snprintf(cmd, sizeof cmd, "dasdinit %s %s %s CCKD01 %u >/dev/null 2>&1", opt, path, type, cyls);
    if (system(cmd) == 0)
        return true;
    CU_FAIL("dasdinit (Debian package hercules) is needed for this test");
    return false;
}

static void seek_search(Machine *m, unsigned cc, unsigned hh, uint8_t r)
{
    uint8_t *a = m->mem + CP_ARG;
    memset(a, 0, 16);
    st_be16(a + 2, (uint16_t)cc);
    st_be16(a + 4, (uint16_t)hh);
    st_be16(a + 8, (uint16_t)cc);
    st_be16(a + 10, (uint16_t)hh);
    a[12] = r;
    cp_ccw(m, 0, 0x07, 0x40, 6, CP_ARG);
    cp_ccw(m, 1, 0x31, 0x40, 5, CP_ARG + 8);
    cp_ccw(m, 2, 0x08, 0, 0, CP_CCW + 8);
}

/* Search R and read its data (count bytes) to CP_DATA. */
static uint8_t read_data(Machine *m, unsigned cc, unsigned hh, uint8_t r, uint16_t count)
{
    seek_search(m, cc, hh, r);
    cp_ccw(m, 3, 0x06, 0x20, count, CP_DATA);
    return cp_run(m, NULL, NULL);
}

/* Search R0 and write R1 with `len` bytes of `fill`. */
static uint8_t write_r1(Machine *m, unsigned cc, unsigned hh, uint8_t fill, uint16_t len)
{
    seek_search(m, cc, hh, 0);
    uint8_t *p = m->mem + CP_DATA;
    st_be16(p, (uint16_t)cc);
    st_be16(p + 2, (uint16_t)hh);
    p[4] = 1;
    p[5] = 0;
    st_be16(p + 6, len);
    for (unsigned i = 0; i < len; i++)
        p[8 + i] = (uint8_t)(fill + i % 3);
    cp_ccw(m, 3, 0x1D, 0, (uint16_t)(8 + len), CP_DATA);
    return cp_run(m, NULL, NULL);
}

static bool same_file(const char *a, const char *b)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", a, b);
    return system(cmd) == 0;
}

static void test_cckd_read(void)
{
    static const char *opts[] = { "-z", "-bz2", "-0" };
    char path[64], err[256];
    cp_temp(path, "cckd");
    for (int i = 0; i < 3; i++) {
        if (!dasdinit(opts[i], path, "3390", 3))
            return;
        Device *d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
        if (!d)
            fprintf(stderr, "\n  %s\n", err);
        Machine *m = cp_machine(d);
        CU_ASSERT_STRING_EQUAL(d->ops->type, "3390");
        CU_ASSERT_EQUAL(read_data(m, 0, 0, 3, 80), US_CE_DE);
        CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\xE5\xD6\xD3\xF1\xC3\xC3\xD2\xC4\xF0\xF1", 10), 0);
        /* A null track: R0 of 2/7, then an empty R1 (the L2 entries of
         * dasdinit's null tracks say null format 0, whatever the header). */
        uint8_t *a = m->mem + CP_ARG;
        memset(a, 0, 6);
        a[3] = 2;
        a[5] = 7;
        cp_ccw(m, 0, 0x07, 0x40, 6, CP_ARG);
        cp_ccw(m, 1, 0x16, 0x20, 16, CP_DATA);
        CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
        CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\x00\x02\x00\x07\x00\x00\x00\x08", 8), 0);
        cp_ccw(m, 1, 0x12, 0x00, 8, CP_DATA);
        CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
        CU_ASSERT_EQUAL(memcmp(m->mem + CP_DATA, "\x00\x02\x00\x07\x01\x00\x00\x00", 8), 0);
        cp_done(m);
    }
    unlink(path);
}

static void test_cckd_shadow(void)
{
    char path[64], copy[80], shadow[80], err[256], cmd[200];
    cp_temp(path, "cckdsh");
    if (!dasdinit("-z", path, "3390", 20))                 /* 300 tracks: 2 L2 tables */
        return;
    snprintf(copy, sizeof copy, "%s.orig", path);
    snprintf(shadow, sizeof shadow, "%s.shadow", path);
    snprintf(cmd, sizeof cmd, "cp %s %s", path, copy);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);

    Device *d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    Machine *m = cp_machine(d);
    CU_ASSERT_EQUAL(write_r1(m, 1, 14, 0x10, 4000), US_CE_DE);
    CU_ASSERT_EQUAL(write_r1(m, 19, 3, 0x20, 50), US_CE_DE);     /* the second L2 table */
    CU_ASSERT_EQUAL(write_r1(m, 1, 14, 0x30, 3000), US_CE_DE);   /* again: new space */
    CU_ASSERT_EQUAL(read_data(m, 1, 14, 1, 3000), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 2999], 0x30 + 2999 % 3);
    cp_done(m);
    CU_ASSERT_TRUE(same_file(path, copy));                       /* the base untouched */
    uint8_t hdr[8];
    CU_ASSERT_TRUE(cp_file_read(shadow, 0, hdr, 8));
    CU_ASSERT_EQUAL(memcmp(hdr, "CKD_S370", 8), 0);
    CU_ASSERT_TRUE(cp_file_read(shadow, 512 + 3, hdr, 1));
    CU_ASSERT_EQUAL(hdr[0] & 0x80, 0);                           /* closed cleanly */

    /* A child writes and dies at once after device end (no close). */
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        char e[256];
        Device *cd = dasd_open(DEVNUM, NULL, path, &fast, e, sizeof e);
        Machine *cm = cp_machine(cd);
        _exit(write_r1(cm, 5, 5, 0x50, 700) == US_CE_DE ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT_TRUE(cp_file_read(shadow, 512 + 3, hdr, 1));
    CU_ASSERT_EQUAL(hdr[0] & 0x80, 0x80);                        /* left open */

    d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    m = cp_machine(d);
    CU_ASSERT_EQUAL(read_data(m, 5, 5, 1, 700), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 699], 0x50 + 699 % 3);
    CU_ASSERT_EQUAL(read_data(m, 19, 3, 1, 50), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA], 0x20);
    CU_ASSERT_EQUAL(read_data(m, 1, 14, 1, 3000), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA], 0x30);
    CU_ASSERT_EQUAL(write_r1(m, 5, 5, 0x60, 20), US_CE_DE);      /* reuses freed space */
    cp_done(m);
    CU_ASSERT_TRUE(same_file(path, copy));

    /* Read-only: reads go through the shadow, writes are refused. */
    DasdOptions ro = { .readonly = true };
    d = dasd_open(DEVNUM, NULL, path, &ro, err, sizeof err);
    m = cp_machine(d);
    CU_ASSERT_EQUAL(read_data(m, 5, 5, 1, 20), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA], 0x60);
    CU_ASSERT_EQUAL(write_r1(m, 6, 6, 0x70, 20), US_CE_DE | US_UNIT_CHECK);
    cp_done(m);
    unlink(path);
    unlink(copy);
    unlink(shadow);
}

/* Plain CKD: a track whose pwrite was cut short is repaired at the next
 * open from FILE.ipxj, and a torn journal entry is ignored. */
static void test_ckd_journal(void)
{
    char path[64], jpath[80], err[256];
    cp_temp(path, "jrnl");
    snprintf(jpath, sizeof jpath, "%s.ipxj", path);
    CU_ASSERT_EQUAL_FATAL(ckd_create(path, "3350", 1, "JRNL01", err, sizeof err), 0);
    Device *d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    Machine *m = cp_machine(d);
    CU_ASSERT_EQUAL(write_r1(m, 0, 4, 0x41, 1000), US_CE_DE);
    CU_ASSERT_EQUAL(access(jpath, F_OK), 0);                      /* in use */
    cp_done(m);
    CU_ASSERT_NOT_EQUAL(access(jpath, F_OK), 0);                  /* removed at close */

    /* The journal entry a killed process would leave: the new track. */
    enum { TRK = 19456 };
    long off = 512 + 4L * TRK;
    static uint8_t good[TRK], buf[32 + TRK];
    CU_ASSERT_FATAL(cp_file_read(path, off, good, TRK));
    memset(buf, 0, 32);
    memcpy(buf, "IPXJRNL1", 8);
    img_st_le32(buf + 8, 4);
    img_st_le32(buf + 12, TRK);
    img_st_le32(buf + 16, (uint32_t)crc32(0, good, TRK));
    img_st_le32(buf + 20, (uint32_t)crc32(0, buf, 20));
    memcpy(buf + 32, good, TRK);
    FILE *f = fopen(jpath, "wb");
    fwrite(buf, 1, sizeof buf, f);
    fclose(f);
    /* ... and the track half written. */
    f = fopen(path, "r+b");
    fseek(f, off + 4096, SEEK_SET);
    for (int i = 0; i < 8192; i++)
        fputc(0xDD, f);
    fclose(f);
    DasdOptions ro = { .readonly = true };
    CU_ASSERT_PTR_NULL(dasd_open(DEVNUM, NULL, path, &ro, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unfinished track write"));
    d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    m = cp_machine(d);
    CU_ASSERT_EQUAL(read_data(m, 0, 4, 1, 1000), US_CE_DE);
    CU_ASSERT_EQUAL(m->mem[CP_DATA + 999], 0x41 + 999 % 3);
    cp_done(m);
    static uint8_t now[TRK];
    CU_ASSERT_TRUE(cp_file_read(path, off, now, TRK));
    CU_ASSERT_EQUAL(memcmp(now, good, TRK), 0);
    CU_ASSERT_NOT_EQUAL(access(jpath, F_OK), 0);

    /* A torn journal entry (the kill came during it): ignored. */
    buf[32 + 100] ^= 0xFF;
    f = fopen(jpath, "wb");
    fwrite(buf, 1, sizeof buf, f);
    fclose(f);
    d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    if (!d)
        fprintf(stderr, "\n  %s\n", err);
    CU_ASSERT_FATAL(d != NULL);
    m = cp_machine(d);
    cp_done(m);
    CU_ASSERT_TRUE(cp_file_read(path, off, now, TRK));
    CU_ASSERT_EQUAL(memcmp(now, good, TRK), 0);
    unlink(path);
    unlink(jpath);
}

/* Track u of a 15-head volume: HA, R0 and an R1 of dl bytes that do not
 * compress (stored as they are: the unit image is 5 + 16 + 8 + dl + 8
 * bytes), or with dl 0 an empty R1 (a null track). */
static void make_track(uint8_t *t, uint32_t tsz, uint32_t u, unsigned dl, uint32_t seed)
{
    memset(t, 0, tsz);
    uint16_t cc = (uint16_t)(u / 15), hh = (uint16_t)(u % 15);
    st_be16(t + 1, cc);
    st_be16(t + 3, hh);
    uint8_t *p = t + 5;
    st_be16(p, cc);
    st_be16(p + 2, hh);
    p[7] = 8;
    p += 16;
    st_be16(p, cc);
    st_be16(p + 2, hh);
    p[4] = 1;
    st_be16(p + 6, (uint16_t)dl);
    p += 8;
    for (unsigned i = 0; i < dl; i++) {
        seed = seed * 1103515245u + 12345u;
        *p++ = (uint8_t)(seed >> 16);
    }
    memset(p, 0xFF, 8);
}

static bool track_is(Image *im, uint32_t u, unsigned dl, uint32_t seed)
{
    static uint8_t want[56832], got[56832];
    make_track(want, im->trksize, u, dl, seed);
    return img_read_unit(im, u, got) == 0 && memcmp(want, got, 5 + 16 + 8 + dl + 8) == 0;
}

static uint32_t shadow_l1(const char *shadow, uint32_t i)
{
    uint8_t b[4] = { 0 };
    CU_ASSERT_TRUE(cp_file_read(shadow, 1024 + 4 * (long)i, b, 4));
    return img_le32(b);
}

/* The shadow's space: a new L2 table never leaves a free space too small
 * for the chain entry close writes at its start (that entry would run
 * into the next table); an L2 entry that spans two pages of the file is
 * not written in place (a kill could cut it in half) but its table moves;
 * the shadow is made under another name, so a stray FILE.shadow.new (a
 * process killed while making it) is no shadow and is made again. */
static void test_cckd_space(void)
{
    char path[64], shadow[80], err[256];
    static uint8_t t[56832];
    static const ImgOptions nosync = { .nosync = true };
    cp_temp(path, "cckdsp");
    snprintf(shadow, sizeof shadow, "%s.shadow", path);
    for (unsigned extra = 1; extra <= 9; extra += 4) {
        if (!dasdinit("-z", path, "3390", 20))             /* 300 tracks, 2 L2 tables */
            return;
        unlink(shadow);
        Image *im = img_open(path, &nosync, err, sizeof err);
        CU_ASSERT_FATAL(im != NULL);
        make_track(t, im->trksize, 0, 2048 + extra - 37, 1);  /* 2048 + extra bytes */
        CU_ASSERT_EQUAL(img_write_unit(im, 0, t), 0);
        make_track(t, im->trksize, 1, 100, 2);
        CU_ASSERT_EQUAL(img_write_unit(im, 1, t), 0);
        make_track(t, im->trksize, 0, 0, 0);                  /* null: its space is free */
        CU_ASSERT_EQUAL(img_write_unit(im, 0, t), 0);
        make_track(t, im->trksize, 256, 3000, 3);             /* too big for that space: */
        CU_ASSERT_EQUAL(img_write_unit(im, 256, t), 0);       /* the new table may take it */
        img_close(im);
        im = img_open(path, &nosync, err, sizeof err);
        if (!im)
            fprintf(stderr, "\n  %s\n", err);
        CU_ASSERT_FATAL(im != NULL);
        CU_ASSERT_TRUE(track_is(im, 0, 0, 0));
        CU_ASSERT_TRUE(track_is(im, 1, 100, 2));
        CU_ASSERT_TRUE(track_is(im, 256, 3000, 3));
        img_close(im);
    }

    /* Table 1 placed at 7097 (1032 + 2000 + 2048 + 2017): entry 136 is at
     * 8185-8192, across the page boundary at 8192. */
    dasdinit("-z", path, "3390", 30);
    unlink(shadow);
    char stray[90];
    snprintf(stray, sizeof stray, "%s.new", shadow);
    FILE *f = fopen(stray, "wb");
    fputs("a shadow file half made", f);
    fclose(f);
    Image *im = img_open(path, &nosync, err, sizeof err);
    CU_ASSERT_FATAL(im != NULL);
    make_track(t, im->trksize, 0, 2000 - 37, 4);
    CU_ASSERT_EQUAL(img_write_unit(im, 0, t), 0);
    CU_ASSERT_NOT_EQUAL(access(stray, F_OK), 0);
    make_track(t, im->trksize, 256, 2017 - 37, 5);
    CU_ASSERT_EQUAL(img_write_unit(im, 256, t), 0);
    CU_ASSERT_EQUAL(shadow_l1(shadow, 1), 7097);
    make_track(t, im->trksize, 257, 300, 6);                  /* entry 1: in place */
    CU_ASSERT_EQUAL(img_write_unit(im, 257, t), 0);
    CU_ASSERT_EQUAL(shadow_l1(shadow, 1), 7097);
    make_track(t, im->trksize, 256 + 136, 300, 7);            /* entry 136: the table moves */
    CU_ASSERT_EQUAL(img_write_unit(im, 256 + 136, t), 0);
    uint32_t moved = shadow_l1(shadow, 1);
    CU_ASSERT_NOT_EQUAL(moved, 7097);
    img_close(im);
    im = img_open(path, &nosync, err, sizeof err);
    CU_ASSERT_FATAL(im != NULL);
    CU_ASSERT_TRUE(track_is(im, 0, 2000 - 37, 4));
    CU_ASSERT_TRUE(track_is(im, 256, 2017 - 37, 5));
    CU_ASSERT_TRUE(track_is(im, 257, 300, 6));
    CU_ASSERT_TRUE(track_is(im, 256 + 136, 300, 7));
    img_close(im);
    unlink(path);
    unlink(shadow);
}

/* Damaged compressed images: a message at open, or an equipment check
 * for the one track that cannot be read. */
static void test_cckd_damaged(void)
{
    char path[64], err[256], cmd[200];
    cp_temp(path, "cckdbad");
    if (!dasdinit("-z", path, "3390", 3))
        return;
    /* An L2 entry of track 0 pointing past the end of the file. */
    uint8_t ent[8] = { 0, 0, 0, 0x10, 0x39, 0x01, 0x39, 0x01 };
    FILE *f = fopen(path, "r+b");
    fseek(f, 1028, SEEK_SET);
    fwrite(ent, 1, 8, f);
    /* Track 1: a compression byte that does not exist. */
    uint8_t l2[8];
    fseek(f, 1036, SEEK_SET);
    CU_ASSERT_EQUAL(fread(l2, 1, 8, f), 8);
    fseek(f, (long)img_le32(l2), SEEK_SET);
    fputc(0x07, f);
    fclose(f);
    Device *d = dasd_open(DEVNUM, NULL, path, &fast, err, sizeof err);
    CU_ASSERT_FATAL(d != NULL);
    Machine *m = cp_machine(d);
    uint8_t s1;
    CU_ASSERT_EQUAL(read_data(m, 0, 0, 3, 80), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(cp_sense(m, &s1), SNS0_EQUIPMENT);
    CU_ASSERT_EQUAL(read_data(m, 0, 1, 0, 8), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(read_data(m, 1, 1, 0, 8), US_CE_DE);          /* the rest is fine */
    cp_done(m);

    /* Truncated inside the L1 table, a bad version, a shadow given as base. */
    snprintf(cmd, sizeof cmd, "truncate -s 700 %s", path);
    CU_ASSERT_EQUAL(system(cmd), 0);
    CU_ASSERT_PTR_NULL(dasd_open(DEVNUM, NULL, path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "truncated"));
    dasdinit("-z", path, "3390", 3);
    f = fopen(path, "r+b");
    fseek(f, 513, SEEK_SET);
    fputc(9, f);
    fclose(f);
    CU_ASSERT_PTR_NULL(dasd_open(DEVNUM, NULL, path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "version"));
    f = fopen(path, "r+b");
    fputs("CKD_S370", f);
    fclose(f);
    CU_ASSERT_PTR_NULL(dasd_open(DEVNUM, NULL, path, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "shadow"));
    unlink(path);
}

void register_cckd_tests(void)
{
    CU_pSuite s = CU_add_suite("cckd", NULL, NULL);
    CU_add_test(s, "CCKD images of dasdinit -z, -bz2, -0", test_cckd_read);
    CU_add_test(s, "CCKD writes go to the shadow file", test_cckd_shadow);
    CU_add_test(s, "plain CKD torn track repaired from the journal", test_ckd_journal);
    CU_add_test(s, "CCKD shadow space: small free spaces, entries across pages", test_cckd_space);
    CU_add_test(s, "CCKD damaged images", test_cckd_damaged);
}
