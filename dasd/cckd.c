/*
 * cckd.c — compressed Hercules images, CKD ("CKD_C370", CCKD) and FBA
 * ("FBA_C370", CFBA), and the shadow files that take their writes.
 *
 * The layout (facts from Hercules' cckd.h, vmhistory.md §1.5, checked
 * against images made by dasdinit -z / -bz2 / -0 of Hercules 3.13):
 *   0     512  device header: "CKD_C370", heads, track size (LE), device-
 *              type byte; "FBA_C370" with zeros
 *   512   512  compressed-device header, little-endian unless option
 *              X'02': 0 version (0,3,1), 3 options (X'02' big-endian, X'40'
 *              opened read-write since the last check, X'80' open now),
 *              4 L1 entries, 8 L2 entries per table (256), 12 file size,
 *              16 bytes used, 20 first free space, 24 total free, 28
 *              largest free, 32 number of free spaces, 36 slack inside
 *              track slots, 40 cylinders (CFBA: blocks), 44 null-track
 *              format, 45 compression (0 none, 1 zlib, 2 bzip2)
 *   1024       L1 table: per 256 units (tracks, or groups of 120 blocks) the
 *              offset of an L2 table; 0 = all of them null
 *   L2 table   256 entries {u32 offset, u16 length, u16 size >= length};
 *              offset 0 = a null unit whose format is the length
 *   unit       byte 0 compression, bytes 1-4 the CCHH of the track (CFBA:
 *              the group number, big-endian), then the rest of the track
 *              image up to and with its end marker (CFBA: 61440 bytes),
 *              compressed as byte 0 says
 *   null track format 0: HA, R0, an empty R1, end; 1: HA, R0, end;
 *              2: HA, R0, twelve 4096-byte records; a null group is zeros
 *   free space a chain from header offset 20: {u32 next, u32 length} at
 *              the start of each free space
 *
 * Writes never touch the base image: they go to a shadow file ("CKD_S370"
 * / "FBA_S370", default FILE.shadow), laid out as Hercules lays out its
 * own shadow files, so Hercules can use it (sf=) and cckd2ckd can merge
 * it: the same headers, an L1 table whose X'FFFFFFFF' entries (and L2
 * entries whose offset is X'FFFFFFFF') mean "look in the base".  A unit
 * is written to free space (never over its old image), then its L2 entry
 * (or a new L2 table, then its L1 entry) is pointed at it — each pointer
 * a single small pwrite inside one page, which a kill cannot cut — and
 * only then is the old space freed: a kill at any point leaves the old
 * unit or the new one, never half of each.  The shadow file itself is
 * made under another name and renamed when its tables are written.
 * With `sync`, fdatasync() orders the two steps and ends the write.  The
 * free-space chain and sizes in the header are written at close (Hercules
 * rebuilds them itself after a crash: the open bit is still set); our
 * open rebuilds them by scanning the tables.
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cpu370/bits.h"
#include "dasd/image.h"

#define CHDR          512         /* offset of the compressed-device header */
#define L1_POS        1024
#define L2_ENTRIES    256
#define L2_SIZE       (L2_ENTRIES * 8)
#define NO_OFFSET     0xFFFFFFFFu  /* shadow: not in this file */
#define OPT_BIGEND    0x02
#define OPT_OPENRW    0x40
#define OPT_OPENED    0x80
#define COMP_NONE     0
#define COMP_ZLIB     1
#define COMP_BZIP2    2
#define COMPRESS_MIN  512          /* smaller images are stored as they are */
#define FREE_MIN      16           /* smallest free space kept apart        */
#define FREE_HDR      8            /* a free space's chain entry            */
#define PAGE_MIN      4096         /* the smallest host page                */

typedef struct L2e {
    uint32_t pos;
    uint16_t len, size;
} L2e;

typedef struct CFile {
    int       fd;
    bool      swap;            /* integers are big-endian                    */
    uint8_t   hdr[L1_POS];     /* device and compressed-device headers       */
    uint32_t *l1;
    L2e     **l2;              /* loaded L2 tables, by L1 index               */
    uint64_t  size;            /* end of the used part of the file            */
} CFile;

typedef struct Range {
    uint64_t pos, len;
} Range;

struct Cckd {
    CFile    base, sh;         /* sh.fd < 0: no shadow file (yet)            */
    uint32_t nl1;
    uint8_t  nullfmt;
    bool     written;          /* the shadow was written since the open      */
    char     spath[4200];
    Range   *fr;               /* the shadow's free spaces, by offset        */
    unsigned nfr, capfr;
    uint8_t *zbuf;             /* one stored unit image                      */
    size_t   zcap;
};

/* ---- Integers in the file's byte order --------------------------------------- */

static uint32_t f32(const CFile *f, const uint8_t *p)
{
    return f->swap ? ld_be32(p) : img_le32(p);
}

static uint16_t f16(const CFile *f, const uint8_t *p)
{
    return f->swap ? ld_be16(p) : img_le16(p);
}

/* ---- Reading tables ----------------------------------------------------------- */

static void null_table(L2e *t, uint32_t pos, uint16_t fmt)
{
    for (int i = 0; i < L2_ENTRIES; i++)
        t[i] = (L2e){ pos, pos ? 0xFFFF : fmt, pos ? 0xFFFF : fmt };
}

/* The L2 table i of file f (loaded once); NULL if it cannot be read. */
static L2e *load_l2(Cckd *c, CFile *f, uint32_t i)
{
    if (f->l2[i])
        return f->l2[i];
    L2e *t = malloc(L2_ENTRIES * sizeof *t);
    if (!t)
        return NULL;
    uint32_t pos = f->l1[i];
    if (pos == 0 || pos == NO_OFFSET) {
        null_table(t, pos == 0 ? 0 : NO_OFFSET, f->hdr[CHDR + 44]);
    } else {
        uint8_t raw[L2_SIZE];
        if (pos < L1_POS + 4 * c->nl1 || pos + (uint64_t)L2_SIZE > f->size ||
            pread(f->fd, raw, L2_SIZE, pos) != L2_SIZE) {
            free(t);
            return NULL;
        }
        for (int k = 0; k < L2_ENTRIES; k++)
            t[k] = (L2e){ f32(f, raw + 8 * k), f16(f, raw + 8 * k + 4), f16(f, raw + 8 * k + 6) };
    }
    f->l2[i] = t;
    return t;
}

/* Read the headers and L1 table of an open file. */
static const char *read_tables(CFile *f, uint32_t nl1)
{
    struct stat st;
    if (fstat(f->fd, &st) || pread(f->fd, f->hdr, L1_POS, 0) != L1_POS)
        return "too short for a compressed image";
    f->size = (uint64_t)st.st_size;
    f->l1 = malloc(nl1 * sizeof *f->l1);
    f->l2 = calloc(nl1, sizeof *f->l2);
    uint8_t *raw = malloc(4 * (size_t)nl1);
    if (!f->l1 || !f->l2 || !raw) {
        free(raw);
        return "out of memory";
    }
    if (L1_POS + 4 * (uint64_t)nl1 > f->size || pread(f->fd, raw, 4 * (size_t)nl1, L1_POS) != (ssize_t)(4 * nl1)) {
        free(raw);
        return "truncated (no whole L1 table)";
    }
    for (uint32_t i = 0; i < nl1; i++)
        f->l1[i] = f32(f, raw + 4 * i);
    free(raw);
    return NULL;
}

static void free_tables(CFile *f, uint32_t nl1)
{
    if (f->l2)
        for (uint32_t i = 0; i < nl1; i++)
            free(f->l2[i]);
    free(f->l2);
    free(f->l1);
    f->l2 = NULL;
    f->l1 = NULL;
}

/* ---- Units ---------------------------------------------------------------------- */

static bool is_fba(const Image *im)
{
    return im->fmt == IMG_CFBA;
}

/* A null unit of format fmt (image.h: tracks; groups are zeros). */
static void null_unit(const Image *im, uint32_t u, unsigned fmt, uint8_t *buf)
{
    memset(buf, 0, im->unitsize);
    if (is_fba(im))
        return;
    uint16_t cc = (uint16_t)(u / im->heads), hh = (uint16_t)(u % im->heads);
    st_be16(buf + 1, cc);
    st_be16(buf + 3, hh);
    uint8_t *p = buf + 5;
    unsigned nrec = fmt == 0 ? 1 : fmt == 2 ? 12 : 0;
    uint16_t dl = fmt == 2 ? 4096 : 0;
    if (5 + 16 + nrec * (8u + dl) + 8 > im->trksize)
        nrec = 0;                      /* format 2 on a small track */
    st_be16(p, cc);
    st_be16(p + 2, hh);
    p[7] = 8;                          /* R0: 8 data bytes of zero */
    p += 16;
    for (unsigned r = 1; r <= nrec; r++) {
        st_be16(p, cc);
        st_be16(p + 2, hh);
        p[4] = (uint8_t)r;
        st_be16(p + 6, dl);
        p += 8 + dl;
    }
    memset(p, 0xFF, 8);
}

/* Where unit u lives: the file and its L2 entry; NULL on a bad table. */
static CFile *lookup(Cckd *c, uint32_t u, L2e *e)
{
    uint32_t i = u >> 8;
    if (c->sh.fd >= 0 && c->sh.l1[i] != NO_OFFSET) {
        L2e *t = load_l2(c, &c->sh, i);
        if (!t)
            return NULL;
        if (t[u & 0xFF].pos != NO_OFFSET) {
            *e = t[u & 0xFF];
            return &c->sh;
        }
    }
    L2e *t = load_l2(c, &c->base, i);
    if (!t)
        return NULL;
    *e = t[u & 0xFF];
    return &c->base;
}

int cckd_read_unit(Image *im, uint32_t u, uint8_t *buf)
{
    Cckd *c = im->cc;
    L2e e;
    CFile *f = lookup(c, u, &e);
    if (!f || e.pos == NO_OFFSET)
        return -1;
    if (e.pos == 0) {
        null_unit(im, u, e.len <= 2 ? e.len : f->hdr[CHDR + 44], buf);
        return 0;
    }
    if (e.len < 5 || e.pos + (uint64_t)e.len > f->size || e.len > c->zcap ||
        pread(f->fd, c->zbuf, e.len, e.pos) != e.len)
        return -1;
    const uint8_t *z = c->zbuf;
    uint32_t hdr = is_fba(im) ? 0 : 5;          /* bytes of buf before the body */
    if (is_fba(im) ? ld_be32(z + 1) != u
                   : ld_be16(z + 1) * im->heads + ld_be16(z + 3) != u)
        return -1;                                /* a unit filed in the wrong place */
    memset(buf, 0, im->unitsize);
    unsigned long out = im->unitsize - hdr;
    unsigned int bout = (unsigned int)out;
    switch (z[0]) {
    case COMP_NONE:
        if (e.len - 5u > out)
            return -1;
        memcpy(buf + hdr, z + 5, e.len - 5u);
        break;
    case COMP_ZLIB:
        if (uncompress(buf + hdr, &out, z + 5, e.len - 5u) != Z_OK)
            return -1;
        break;
    case COMP_BZIP2:
        if (BZ2_bzBuffToBuffDecompress((char *)buf + hdr, &bout, (char *)z + 5, e.len - 5u, 0, 0) != BZ_OK)
            return -1;
        break;
    default:
        return -1;
    }
    if (!is_fba(im))
        memcpy(buf + 1, z + 1, 4);                /* byte 0 of the HA stays 0 */
    return 0;
}

/* ---- The shadow file -------------------------------------------------------------- */

static bool sync_fd(const Image *im, int fd)
{
    return !im->sync || fdatasync(fd) == 0;
}

static int add_free(Cckd *c, uint64_t pos, uint64_t len)
{
    if (len == 0)
        return 0;
    if (c->nfr == c->capfr) {
        unsigned cap = c->capfr ? 2 * c->capfr : 64;
        Range *r = realloc(c->fr, cap * sizeof *r);
        if (!r)
            return -1;             /* the space is lost, nothing worse */
        c->fr = r;
        c->capfr = cap;
    }
    unsigned i = 0;
    while (i < c->nfr && c->fr[i].pos < pos)
        i++;
    memmove(c->fr + i + 1, c->fr + i, (c->nfr - i) * sizeof *c->fr);
    c->fr[i] = (Range){ pos, len };
    c->nfr++;
    /* Merge with the neighbours. */
    if (i + 1 < c->nfr && c->fr[i].pos + c->fr[i].len == c->fr[i + 1].pos) {
        c->fr[i].len += c->fr[i + 1].len;
        memmove(c->fr + i + 1, c->fr + i + 2, (c->nfr - i - 2) * sizeof *c->fr);
        c->nfr--;
    }
    if (i > 0 && c->fr[i - 1].pos + c->fr[i - 1].len == c->fr[i].pos) {
        c->fr[i - 1].len += c->fr[i].len;
        memmove(c->fr + i, c->fr + i + 1, (c->nfr - i - 1) * sizeof *c->fr);
        c->nfr--;
    }
    return 0;
}

/* Space for len bytes: first fit, else the end of the file.  *size gets
 * the space given (at most 64K - 1 for a unit image: its L2 size field). */
static uint64_t get_space(Cckd *c, uint32_t len, uint32_t *size, bool unit)
{
    for (unsigned i = 0; i < c->nfr; i++) {
        Range *r = &c->fr[i];
        if (r->len < len)
            continue;
        uint64_t pos = r->pos, rest = r->len - len;
        /* A unit takes the rest into its size (up to 64K - 1); a table
         * has no size, and leaves what it does not use free — at least
         * FREE_HDR bytes, or none: close writes a chain entry at the
         * start of every free space, which a smaller one could not hold. */
        if (rest < FREE_MIN && (unit ? r->len <= 0xFFFF : rest == 0 || rest >= FREE_HDR)) {
            *size = (uint32_t)r->len;
            memmove(c->fr + i, c->fr + i + 1, (c->nfr - i - 1) * sizeof *c->fr);
            c->nfr--;
            return pos;
        }
        if (rest >= FREE_MIN) {
            r->pos += len;
            r->len -= len;
            *size = len;
            return pos;
        }
    }
    uint64_t pos = c->sh.size;
    c->sh.size += len;
    *size = len;
    return pos;
}

static void put_chdr_sizes(Cckd *c)
{
    uint8_t *h = c->sh.hdr + CHDR;
    uint64_t total = 0, largest = 0, imbed = 0;
    for (unsigned i = 0; i < c->nfr; i++) {
        total += c->fr[i].len;
        if (c->fr[i].len > largest)
            largest = c->fr[i].len;
    }
    for (uint32_t i = 0; i < c->nl1; i++) {
        L2e *t = c->sh.l1[i] != NO_OFFSET && c->sh.l1[i] ? load_l2(c, &c->sh, i) : NULL;
        for (int k = 0; t && k < L2_ENTRIES; k++)
            if (t[k].pos != 0 && t[k].pos != NO_OFFSET)
                imbed += t[k].size - t[k].len;
    }
    img_st_le32(h + 12, (uint32_t)c->sh.size);
    img_st_le32(h + 16, (uint32_t)(c->sh.size - total));
    img_st_le32(h + 20, c->nfr ? (uint32_t)c->fr[0].pos : 0);
    img_st_le32(h + 24, (uint32_t)total);
    img_st_le32(h + 28, (uint32_t)largest);
    img_st_le32(h + 32, c->nfr);
    img_st_le32(h + 36, (uint32_t)imbed);
}

/* The shadow file is made under a temporary name (FILE.shadow.new) and
 * renamed into place once its headers and L1 table are written: a process
 * killed in between leaves no shadow, or a stray .new file, never a
 * shadow too short to open (which would make the volume unusable). */
static int create_shadow(Image *im)
{
    Cckd *c = im->cc;
    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s.new", c->spath);
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    CFile *s = &c->sh;
    memcpy(s->hdr, c->base.hdr, L1_POS);
    s->hdr[4] = 'S';                              /* CKD_S370 / FBA_S370 */
    uint8_t *h = s->hdr + CHDR;
    if (c->base.swap) {
        /* Our shadow is little-endian: rewrite the numbers we keep. */
        img_st_le32(h + 4, c->nl1);
        img_st_le32(h + 40, f32(&c->base, c->base.hdr + CHDR + 40));
    }
    h[3] = OPT_OPENRW | OPT_OPENED;
    img_st_le32(h + 8, L2_ENTRIES);
    h[45] = COMP_ZLIB;
    img_st_le16(h + 46, 0xFFFF);
    s->size = L1_POS + 4 * (uint64_t)c->nl1;
    s->swap = false;
    s->l1 = malloc(c->nl1 * sizeof *s->l1);
    s->l2 = calloc(c->nl1, sizeof *s->l2);
    uint8_t *l1 = malloc(4 * (size_t)c->nl1);
    bool ok = s->l1 && s->l2 && l1;
    if (ok) {
        memset(l1, 0xFF, 4 * (size_t)c->nl1);
        for (uint32_t i = 0; i < c->nl1; i++)
            s->l1[i] = NO_OFFSET;
        c->nfr = 0;
        put_chdr_sizes(c);
        ok = pwrite(fd, s->hdr, L1_POS, 0) == L1_POS &&
             pwrite(fd, l1, 4 * (size_t)c->nl1, L1_POS) == (ssize_t)(4 * c->nl1) &&
             (!im->sync || fsync(fd) == 0) && rename(tmp, c->spath) == 0;
    }
    free(l1);
    if (!ok) {
        close(fd);
        unlink(tmp);
        free_tables(s, c->nl1);                   /* the next write tries again */
        return -1;
    }
    s->fd = fd;
    c->written = true;
    if (im->sync) {
        /* The new file's name must survive a crash too. */
        char dir[4200];
        snprintf(dir, sizeof dir, "%s", c->spath);
        int dfd = open(dirname(dir), O_RDONLY);
        ok = dfd < 0 || fsync(dfd) == 0;
        if (dfd >= 0)
            close(dfd);
    }
    return ok ? 0 : -1;
}

/* First write after opening an existing shadow: mark it open. */
static int mark_open(Image *im)
{
    Cckd *c = im->cc;
    c->sh.hdr[CHDR + 3] |= OPT_OPENRW | OPT_OPENED;
    c->written = true;
    if (pwrite(c->sh.fd, c->sh.hdr + CHDR + 3, 1, CHDR + 3) != 1)
        return -1;
    return sync_fd(im, c->sh.fd) ? 0 : -1;
}

/* The stored image of unit u in c->zbuf; its length, or 0 if it is null
 * (then *nullfmt says which), or -1 for a malformed track. */
static int build_image(Image *im, uint32_t u, const uint8_t *buf, unsigned *nullfmt)
{
    Cckd *c = im->cc;
    uint32_t hdr = is_fba(im) ? 0 : 5;
    uint32_t len = is_fba(im) ? im->unitsize : img_track_len(buf, im->trksize);
    if (len == 0)
        return -1;
    uint8_t *null = malloc(im->unitsize);
    if (!null)
        return -1;
    for (unsigned fmt = 0; fmt < (is_fba(im) ? 1u : 3u); fmt++) {
        null_unit(im, u, fmt, null);
        uint32_t nlen = is_fba(im) ? im->unitsize : img_track_len(null, im->trksize);
        if (nlen == len && !memcmp(null, buf, len)) {
            free(null);
            *nullfmt = fmt;
            return 0;
        }
    }
    free(null);
    uint8_t *z = c->zbuf;
    if (is_fba(im)) {
        st_be32(z + 1, u);
    } else {
        memcpy(z + 1, buf + 1, 4);
    }
    uLongf zlen = c->zcap - 5;
    if (len - hdr >= COMPRESS_MIN && compress2(z + 5, &zlen, buf + hdr, len - hdr, Z_DEFAULT_COMPRESSION) == Z_OK &&
        zlen < len - hdr) {
        z[0] = COMP_ZLIB;
        return (int)(5 + zlen);
    }
    z[0] = COMP_NONE;
    memcpy(z + 5, buf + hdr, len - hdr);
    return (int)(5 + len - hdr);
}

int cckd_write_unit(Image *im, uint32_t u, const uint8_t *buf)
{
    Cckd *c = im->cc;
    if (c->sh.fd < 0 ? create_shadow(im) : (!c->written && mark_open(im)))
        return -1;
    unsigned nullfmt = 0;
    int len = build_image(im, u, buf, &nullfmt);
    if (len < 0 || len > 0xFFFF)
        return -1;
    CFile *s = &c->sh;
    uint32_t i = u >> 8;
    L2e *t = load_l2(c, s, i);
    if (!t)
        return -1;
    L2e old = t[u & 0xFF], e = { 0, (uint16_t)nullfmt, (uint16_t)nullfmt };
    if (len > 0) {
        uint32_t size;
        uint64_t pos = get_space(c, (uint32_t)len, &size, true);
        if (pos + size > 0xFFFFFFFFull)
            return -1;                            /* a 32-bit file is full */
        e = (L2e){ (uint32_t)pos, (uint16_t)len, (uint16_t)size };
        if (pwrite(s->fd, c->zbuf, (size_t)len, (off_t)pos) != len || !sync_fd(im, s->fd))
            return -1;
    }
    uint8_t ent[8];
    img_st_le32(ent, e.pos);
    img_st_le16(ent + 4, e.len);
    img_st_le16(ent + 6, e.size);
    /* An entry is written in place only if it lies inside one page of the
     * file: the kernel copies a write page by page and stops at a fatal
     * signal, so a kill -9 could leave half of an entry that spans two.
     * (A table spans two pages when it does not start within the first
     * half of one; if it does not start on an 8-byte boundary either, one
     * of its entries spans both.)  For such an entry the table is written
     * again elsewhere, whole, like a new one. */
    bool in_file = s->l1[i] != NO_OFFSET && s->l1[i] != 0;
    uint64_t epos = (uint64_t)s->l1[i] + 8 * (u & 0xFF);
    uint32_t moved = 0;
    if (in_file && epos / PAGE_MIN == (epos + 7) / PAGE_MIN) {
        if (pwrite(s->fd, ent, 8, (off_t)epos) != 8)
            return -1;
    } else {
        /* A new L2 table: the old one's entries (all "base", all null, or
         * those of the table being moved), with this entry; then the L1
         * entry that points at it (4 bytes on a 4-byte boundary); then the
         * old table's space is free. */
        uint8_t raw[L2_SIZE];
        for (int k = 0; k < L2_ENTRIES; k++) {
            img_st_le32(raw + 8 * k, t[k].pos);
            img_st_le16(raw + 8 * k + 4, t[k].len);
            img_st_le16(raw + 8 * k + 6, t[k].size);
        }
        memcpy(raw + 8 * (u & 0xFF), ent, 8);
        uint32_t size;
        uint64_t pos = get_space(c, L2_SIZE, &size, false);
        if (size != L2_SIZE)
            add_free(c, pos + L2_SIZE, size - L2_SIZE);
        uint8_t l1e[4];
        img_st_le32(l1e, (uint32_t)pos);
        if (pwrite(s->fd, raw, L2_SIZE, (off_t)pos) != L2_SIZE || !sync_fd(im, s->fd) ||
            pwrite(s->fd, l1e, 4, L1_POS + 4 * (off_t)i) != 4)
            return -1;
        moved = in_file ? s->l1[i] : 0;
        s->l1[i] = (uint32_t)pos;
    }
    t[u & 0xFF] = e;
    if (!sync_fd(im, s->fd))
        return -1;
    if (moved)
        add_free(c, moved, L2_SIZE);
    if (old.pos != 0 && old.pos != NO_OFFSET)
        add_free(c, old.pos, old.size);
    return 0;
}

/* An existing shadow: check it belongs to the base, and find its free
 * spaces from what the tables use. */
static const char *open_shadow(Image *im, bool readonly)
{
    Cckd *c = im->cc;
    CFile *s = &c->sh;
    s->fd = open(c->spath, readonly ? O_RDONLY : O_RDWR);
    if (s->fd < 0)
        return "cannot be opened";
    const char *why = read_tables(s, c->nl1);
    if (why)
        return why;
    s->swap = s->hdr[CHDR + 3] & OPT_BIGEND;
    if (memcmp(s->hdr, c->base.hdr, 4) || memcmp(s->hdr + 4, "S370", 4) ||
        memcmp(s->hdr + 8, c->base.hdr + 8, 9) || f32(s, s->hdr + CHDR + 4) != c->nl1 ||
        f32(s, s->hdr + CHDR + 40) != f32(&c->base, c->base.hdr + CHDR + 40))
        return "not a shadow file of this image";
    /* The L1 table was read with the base's byte order assumption: redo. */
    free_tables(s, c->nl1);
    if ((why = read_tables(s, c->nl1)))
        return why;
    size_t tables = 0;
    for (uint32_t i = 0; i < c->nl1; i++)
        tables += s->l1[i] != 0 && s->l1[i] != NO_OFFSET;
    Range *used = malloc((1 + tables * (1 + L2_ENTRIES)) * sizeof *used);
    if (!used)
        return "out of memory";
    unsigned n = 0;
    used[n++] = (Range){ 0, L1_POS + 4 * (uint64_t)c->nl1 };
    for (uint32_t i = 0; i < c->nl1; i++) {
        if (s->l1[i] == 0 || s->l1[i] == NO_OFFSET)
            continue;
        L2e *t = load_l2(c, s, i);
        if (!t) {
            free(used);
            return "damaged (an L2 table outside the file)";
        }
        used[n++] = (Range){ s->l1[i], L2_SIZE };
        for (int k = 0; k < L2_ENTRIES; k++)
            if (t[k].pos != 0 && t[k].pos != NO_OFFSET)
                used[n++] = (Range){ t[k].pos, t[k].size };
    }
    /* Sort by offset (insertion sort is enough: tables are mostly ordered). */
    for (unsigned a = 1; a < n; a++) {
        Range r = used[a];
        unsigned b = a;
        while (b > 0 && used[b - 1].pos > r.pos) {
            used[b] = used[b - 1];
            b--;
        }
        used[b] = r;
    }
    uint64_t end = 0;
    for (unsigned a = 0; a < n; a++) {
        if (used[a].pos < end) {
            free(used);
            return "damaged (two tables or units overlap)";
        }
        if (used[a].pos - end >= FREE_HDR)
            add_free(c, end, used[a].pos - end);
        end = used[a].pos + used[a].len;
    }
    free(used);
    if (end > s->size)
        return "truncated (a unit past the end of the file)";
    s->size = end;                  /* anything after it is unused */
    /* Left open by a process that died: write the free chain and sizes
     * again at close, even if nothing is written this time. */
    if (!readonly && (s->hdr[CHDR + 3] & OPT_OPENED))
        c->written = true;
    return NULL;
}

int cckd_open(Image *im, const uint8_t *devhdr, const ImgOptions *opt, char *err, size_t errlen)
{
    (void)devhdr;
    Cckd *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    im->cc = c;
    c->base.fd = im->fd;
    c->sh.fd = -1;
    CFile *b = &c->base;
    const char *why = NULL;
    struct stat st;
    if (fstat(b->fd, &st) || st.st_size < L1_POS || pread(b->fd, b->hdr, L1_POS, 0) != L1_POS)
        why = "too short for a compressed image (truncated?)";
    const uint8_t *h = b->hdr + CHDR;
    b->swap = h[3] & OPT_BIGEND;
    uint32_t nl1 = why ? 0 : f32(b, h + 4), nl2 = why ? 0 : f32(b, h + 8);
    uint32_t cyls = why ? 0 : f32(b, h + 40);
    if (!why && (h[0] != 0 || h[1] != 3))
        why = "a compressed image of an unknown version";
    if (!why && nl2 != L2_ENTRIES)
        why = "a compressed image with a bad L2 table size";
    if (!why && (h[45] & 0x03) == 3)
        why = "a compressed image with an unknown compression";
    if (!why && im->fmt == IMG_CCKD) {
        im->heads = img_le32(b->hdr + 8);
        im->trksize = img_le32(b->hdr + 12);
        im->devcode = b->hdr[16];
        if (im->heads == 0 || im->heads > 255 || im->trksize < 64 || im->trksize > 0xFFFF ||
            cyls == 0 || cyls > 65520)
            why = "a compressed CKD image with an impossible geometry";
        im->cyls = cyls;
        im->units = cyls * im->heads;
        im->unitsize = im->trksize;
    } else if (!why) {
        if (cyls == 0)
            why = "a compressed FBA image of no blocks";
        im->blocks = cyls;
        im->units = (uint32_t)((im->blocks + IMG_GROUP - 1) / IMG_GROUP);
        im->unitsize = IMG_GROUP * IMG_BLOCK;
    }
    if (!why && (nl1 < (im->units + L2_ENTRIES - 1) / L2_ENTRIES || nl1 > 0x100000))
        why = "a compressed image whose L1 table does not cover the volume";
    if (!why)
        why = read_tables(b, nl1);
    if (why) {
        snprintf(err, errlen, "%s is %s", im->path, why);
        return -1;
    }
    c->nl1 = nl1;
    c->nullfmt = h[44] <= 2 ? h[44] : 0;
    c->zcap = compressBound(im->unitsize) + 64;
    c->zbuf = malloc(c->zcap);
    if (!c->zbuf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (opt && opt->shadow)
        snprintf(c->spath, sizeof c->spath, "%s", opt->shadow);
    else
        snprintf(c->spath, sizeof c->spath, "%s.shadow", im->path);
    bool ro = opt && opt->readonly;
    if (access(c->spath, F_OK) == 0 && (why = open_shadow(im, ro))) {
        snprintf(err, errlen, "%s: shadow file %s is %s", im->path, c->spath, why);
        return -1;
    }
    /* The base is never written: the image is writable if the shadow is. */
    im->readonly = ro;
    if (!im->readonly && c->sh.fd < 0) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s", c->spath);
        if (access(dirname(dir), W_OK))
            im->readonly = true;
    }
    return 0;
}

void cckd_close(Image *im)
{
    Cckd *c = im->cc;
    CFile *s = &c->sh;
    if (s->fd >= 0 && c->written) {
        /* Give back free space at the end, write the free chain and the
         * sizes, and clear the open bit. */
        while (c->nfr && c->fr[c->nfr - 1].pos + c->fr[c->nfr - 1].len >= s->size) {
            s->size = c->fr[c->nfr - 1].pos;
            c->nfr--;
        }
        if (ftruncate(s->fd, (off_t)s->size)) {
            /* a longer file is still a valid one */
        }
        for (unsigned i = 0; i < c->nfr; i++) {
            uint8_t fb[8];
            img_st_le32(fb, i + 1 < c->nfr ? (uint32_t)c->fr[i + 1].pos : 0);
            img_st_le32(fb + 4, (uint32_t)c->fr[i].len);
            if (pwrite(s->fd, fb, 8, (off_t)c->fr[i].pos) != 8)
                break;
        }
        put_chdr_sizes(c);
        s->hdr[CHDR + 3] &= (uint8_t)~OPT_OPENED;
        if (pwrite(s->fd, s->hdr + CHDR, 512, CHDR) == 512)
            sync_fd(im, s->fd);
    }
    if (s->fd >= 0)
        close(s->fd);
    free_tables(s, c->nl1);
    free_tables(&c->base, c->nl1);
    free(c->fr);
    free(c->zbuf);
    free(c);
    im->cc = NULL;
}
