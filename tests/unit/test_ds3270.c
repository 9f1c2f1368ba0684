/*
 * test_ds3270.c — the 3270 data stream and screen model (console/ds3270*):
 * buffer addresses in both encodings, every order, the WCC, the write
 * commands, structured fields and query replies, Read Buffer / Read
 * Modified / Read Modified All, a terminal's inbound record folded back,
 * the keyboard model, and malformed streams (which must end in an error
 * value and never touch memory outside the screen — `make check` runs this
 * under ASan).
 *
 * Expected bytes come from GA23-0059 and from the wire transcripts with
 * s3270 recorded in ../shared/reference/console.md §2-3 (e.g. the Read
 * Modified of "HERCULES" typed at row 3 column 17).
 */
#include <stdlib.h>
#include <string.h>

#include "console/ds3270.h"
#include "tests/unit/testutil.h"

static Screen scr;              /* big: keep it off the stack */
static DsReply reply;

#define OUT(...) do {                                                      \
        static const uint8_t ds_[] = { __VA_ARGS__ };                       \
        CU_ASSERT_EQUAL(ds_outbound(&scr, ds_, sizeof ds_, -1, &reply), DS_OK); \
    } while (0)

static int outbound(const uint8_t *d, size_t n)
{
    return ds_outbound(&scr, d, n, -1, &reply);
}

/* Row text with trailing blanks removed. */
static const char *row(int r)
{
    static char buf[DS_MAX_COLS + 1];
    ds_row_text(&scr, r, buf);
    size_t n = strlen(buf);
    while (n && buf[n - 1] == ' ')
        buf[--n] = 0;
    return buf;
}

/* ---- Addresses ---------------------------------------------------------------- */

static void test_addresses(void)
{
    static const struct { unsigned addr; uint8_t b1, b2; } v[] = {
        { 0, 0x40, 0x40 }, { 160, 0xC2, 0x60 }, { 196, 0xC3, 0xC4 },
        { 1840, 0x5C, 0xF0 }, { 184, 0xC2, 0xF8 }, { 176, 0xC2, 0xF0 },
        { 4095, 0x7F, 0x7F },
    };
    uint8_t a[2];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        ds_addr_encode(v[i].addr, 1920, a);
        CU_ASSERT_EQUAL(a[0], v[i].b1);
        CU_ASSERT_EQUAL(a[1], v[i].b2);
        CU_ASSERT_EQUAL(ds_addr_decode(v[i].b1, v[i].b2), (int)v[i].addr);
    }
    for (unsigned addr = 0; addr < 4096; addr++) {
        ds_addr_encode(addr, 3564, a);
        CU_ASSERT_TRUE((a[0] & 0xC0) == 0x40 || (a[0] & 0xC0) == 0xC0);
        CU_ASSERT_EQUAL(ds_addr_decode(a[0], a[1]), (int)addr);
    }
    /* 14-bit: top bits 00, then binary; used above 4096 positions. */
    CU_ASSERT_EQUAL(ds_addr_decode(0x00, 0x00), 0);
    CU_ASSERT_EQUAL(ds_addr_decode(0x0D, 0xEB), 0x0DEB);
    CU_ASSERT_EQUAL(ds_addr_decode(0x3F, 0xFF), 0x3FFF);
    ds_addr_encode(5000, 8000, a);
    CU_ASSERT_EQUAL(a[0], 5000 >> 8);
    CU_ASSERT_EQUAL(a[1], 5000 & 0xFF);
    CU_ASSERT_EQUAL(ds_addr_decode(0x80, 0x40), -1);     /* reserved 10 */
    CU_ASSERT_EQUAL(ds_code(0x02), 0xC2);
    CU_ASSERT_EQUAL(ds_code(0x3F), 0x7F);
    CU_ASSERT_EQUAL(ds_aid_pf(1), 0xF1);
    CU_ASSERT_EQUAL(ds_aid_pf(12), 0x7C);
    CU_ASSERT_EQUAL(ds_aid_pf(24), 0x4C);
    CU_ASSERT_EQUAL(ds_aid_pf(25), 0);
}

/* A 14-bit SBA works on a screen too (addresses below 4096 either way). */
static void test_sba_14bit(void)
{
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, ORD_SBA, 0x00, 0xA0, 0xC1);     /* 160, "A" */
    CU_ASSERT_EQUAL(scr.cell[160].ch, 0xC1);
    CU_ASSERT_STRING_EQUAL(row(2), "A");
}

/* ---- Sizes -------------------------------------------------------------------- */

static void test_models_and_sizes(void)
{
    static const int alt[6][2] = { {0, 0}, {0, 0}, {24, 80}, {32, 80}, {43, 80}, {27, 132} };
    for (int model = 2; model <= 5; model++) {
        ds_init(&scr, model, false);
        CU_ASSERT_EQUAL(scr.rows, 24);
        CU_ASSERT_EQUAL(scr.cols, 80);
        OUT(DS_CMD_EWA, 0xC3);
        CU_ASSERT_EQUAL(scr.rows, alt[model][0]);
        CU_ASSERT_EQUAL(scr.cols, alt[model][1]);
        CU_ASSERT_TRUE(scr.alternate);
        OUT(DS_CMD_EW, 0xC3);
        CU_ASSERT_EQUAL(ds_cells(&scr), 1920u);
        CU_ASSERT_FALSE(scr.alternate);
    }
    /* The last position of a model 5 in alternate size. */
    ds_init(&scr, 5, true);
    uint8_t a[2];
    OUT(DS_CMD_EWA, 0xC3);
    ds_addr_encode(3563, ds_cells(&scr), a);
    uint8_t w[] = { DS_CMD_W, 0xC3, ORD_SBA, a[0], a[1], 0xE9 };
    CU_ASSERT_EQUAL(outbound(w, sizeof w), DS_OK);
    CU_ASSERT_EQUAL(scr.cell[3563].ch, 0xE9);
    CU_ASSERT_EQUAL(scr.bufaddr, 0u);                    /* wrapped */
}

/* ---- Orders ------------------------------------------------------------------- */

/* The first screen of the s3270 transcript (console.md §3.5). */
static const uint8_t screen1[] = {
    0xf5, 0xc3, 0x11, 0x40, 0x40, 0x1d, 0xe8, 0xe2, 0xc3, 0xd9, 0xc1, 0xe3, 0xc3, 0xc8,
    0x40, 0xe3, 0xd5, 0xf3, 0xf2, 0xf7, 0xf0, 0x40, 0xe2, 0xc5, 0xd9, 0xe5, 0xc5, 0xd9,
    0x40, 0x60, 0x40, 0xe3, 0xc5, 0xe2, 0xe3, 0x40, 0xe2, 0xc3, 0xd9, 0xc5, 0xc5, 0xd5,
    0x11, 0xc2, 0x60, 0x1d, 0x60, 0xe8, 0xd6, 0xe4, 0xd9, 0x40, 0xd5, 0xc1, 0xd4, 0xc5,
    0x40, 0x7e, 0x7e, 0x7e, 0x6e, 0x1d, 0x40, 0x13, 0x11, 0xc3, 0xc4, 0x1d, 0xf0, 0x11,
    0x5c, 0xf0, 0x1d, 0x60, 0xd7, 0xc6, 0xf3, 0x7e, 0xc5, 0xd5, 0xc4,
};

static void test_sf_sba_ic(void)
{
    ds_init(&scr, 2, true);
    CU_ASSERT_EQUAL(outbound(screen1, sizeof screen1), DS_OK);
    CU_ASSERT_STRING_EQUAL(row(0), " SCRATCH TN3270 SERVER - TEST SCREEN");
    CU_ASSERT_STRING_EQUAL(row(2), " YOUR NAME ===>");
    CU_ASSERT_STRING_EQUAL(row(23), " PF3=END");
    CU_ASSERT_TRUE(scr.cell[0].flags & CELL_FA);
    CU_ASSERT_EQUAL(scr.cell[0].ch, 0x28);               /* protected, intensified */
    CU_ASSERT_TRUE(scr.cell[175].flags & CELL_FA);
    CU_ASSERT_EQUAL(scr.cell[175].ch, 0x00);             /* unprotected */
    CU_ASSERT_EQUAL(scr.cursor, 176u);                   /* IC */
    CU_ASSERT_EQUAL(scr.cell[196].ch, 0x30);             /* autoskip */
    CU_ASSERT_TRUE(ds_formatted(&scr));
    CU_ASSERT_TRUE(ds_protected(&scr, 5));
    CU_ASSERT_FALSE(ds_protected(&scr, 180));
    CU_ASSERT_TRUE(ds_protected(&scr, 175));             /* the attribute itself */
    CU_ASSERT_EQUAL(ds_field_attr(&scr, 180), 175);
    CU_ASSERT_FALSE(scr.kbd_locked);
}

static void test_wcc(void)
{
    ds_init(&scr, 2, true);
    /* An unprotected field with MDT preset. */
    OUT(DS_CMD_EW, 0x40, ORD_SF, 0xC1, 0xC1);
    CU_ASSERT_TRUE(scr.cell[0].ch & FA_MDT);
    scr.kbd_locked = true;
    scr.aid = AID_ENTER;
    /* Write without reset-MDT and without restore: nothing changes. */
    OUT(DS_CMD_W, 0x40);
    CU_ASSERT_TRUE(scr.cell[0].ch & FA_MDT);
    CU_ASSERT_TRUE(scr.kbd_locked);
    /* Reset MDT acts before the data: a new field with MDT keeps it. */
    OUT(DS_CMD_W, 0x40 | WCC_RESET_MDT | WCC_KBD_RESTORE | WCC_ALARM,
        ORD_SBA, 0x40, 0x50, ORD_SF, 0xC1);
    CU_ASSERT_FALSE(scr.cell[0].ch & FA_MDT);
    CU_ASSERT_TRUE(scr.cell[16].ch & FA_MDT);
    CU_ASSERT_FALSE(scr.kbd_locked);
    CU_ASSERT_EQUAL(scr.aid, AID_NONE);
    CU_ASSERT_TRUE(scr.alarm);
}

/* A Write starts at the cursor unless told otherwise. */
static void test_write_start(void)
{
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, ORD_SBA, 0xC1, 0x50, ORD_IC);   /* cursor 80 */
    OUT(DS_CMD_W, 0xC3, 0xC1, 0xC2);
    CU_ASSERT_STRING_EQUAL(row(1), "AB");
    CU_ASSERT_EQUAL(scr.bufaddr, 82u);
    uint8_t w[] = { DS_CMD_W, 0xC3, 0xC3 };
    CU_ASSERT_EQUAL(ds_outbound(&scr, w, sizeof w, 82, NULL), DS_OK);
    CU_ASSERT_STRING_EQUAL(row(1), "ABC");
    /* A start address outside the screen means the cursor. */
    CU_ASSERT_EQUAL(ds_outbound(&scr, w, sizeof w, 5000, NULL), DS_OK);
    CU_ASSERT_STRING_EQUAL(row(1), "CBC");
}

static void test_sfe_sa_mf(void)
{
    ds_init(&scr, 2, true);
    /* SFE: protected, intensified, red, reverse video. */
    OUT(DS_CMD_EW, 0xC3, ORD_SFE, 3, XA_3270, 0x68, XA_FOREGROUND, 0xF2, XA_HIGHLIGHT, 0xF2,
        0xC1,
        ORD_SA, XA_FOREGROUND, 0xF4, 0xC2,
        ORD_SA, XA_ALL, 0x00, 0xC3,
        ORD_SFE, 0, 0xC4);
    CU_ASSERT_TRUE(scr.cell[0].flags & CELL_FA);
    CU_ASSERT_EQUAL(scr.cell[0].ch, 0x28);
    CU_ASSERT_EQUAL(scr.cell[0].fg, 0xF2);
    CU_ASSERT_EQUAL(scr.cell[0].hl, 0xF2);
    CU_ASSERT_EQUAL(scr.cell[2].ch, 0xC2);
    CU_ASSERT_EQUAL(scr.cell[2].fg, 0xF4);               /* SA colour */
    CU_ASSERT_EQUAL(scr.cell[3].fg, 0x00);               /* SA reset  */
    CU_ASSERT_TRUE(scr.cell[4].flags & CELL_FA);         /* SFE, no pairs: */
    CU_ASSERT_EQUAL(scr.cell[4].ch, 0x00);               /* unprotected    */
    /* MF on the attribute at 0: make it unprotected, blue; address moves on. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x40, ORD_MF, 2, XA_3270, 0x40, XA_FOREGROUND, 0xF1,
        ORD_IC);
    CU_ASSERT_EQUAL(scr.cell[0].ch, 0x00);
    CU_ASSERT_EQUAL(scr.cell[0].fg, 0xF1);
    CU_ASSERT_EQUAL(scr.cell[0].hl, 0xF2);               /* unchanged */
    CU_ASSERT_EQUAL(scr.cursor, 1u);
    /* MF on a character position: ignored, the address stays. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x42, ORD_MF, 1, XA_3270, 0x60, ORD_IC);
    CU_ASSERT_EQUAL(scr.cell[2].ch, 0xC2);
    CU_ASSERT_EQUAL(scr.cursor, 2u);
    /* Bad attribute types. */
    static const uint8_t bad1[] = { DS_CMD_W, 0xC3, ORD_SFE, 1, 0x99, 0x00 };
    static const uint8_t bad2[] = { DS_CMD_W, 0xC3, ORD_SA, 0xC0, 0x00 };
    CU_ASSERT_EQUAL(outbound(bad1, sizeof bad1), DS_EORDER);
    CU_ASSERT_EQUAL(outbound(bad2, sizeof bad2), DS_EORDER);
}

static void test_ge(void)
{
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, 0xC1, ORD_GE, 0xAD, 0xC2);
    CU_ASSERT_EQUAL(scr.cell[1].ch, 0xAD);
    CU_ASSERT_TRUE(scr.cell[1].flags & CELL_GE);
    CU_ASSERT_FALSE(scr.cell[2].flags & CELL_GE);
    /* Read Buffer sends it with its GE. */
    uint8_t b[4000];
    size_t n = ds_read_buffer(&scr, AID_NONE, b, sizeof b);
    CU_ASSERT_EQUAL(n, 3u + 1920u + 1u);
    CU_ASSERT_EQUAL(b[3], 0xC1);
    CU_ASSERT_EQUAL(b[4], ORD_GE);
    CU_ASSERT_EQUAL(b[5], 0xAD);
}

static void test_pt(void)
{
    ds_init(&scr, 2, true);
    /* Fields: prot at 0, unprot at 10, prot at 20, unprot at 30. */
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0x60,
        ORD_SBA, 0x40, 0x4A, ORD_SF, 0x40, 0xC1, 0xC1, 0xC1, 0xC1,
        ORD_SBA, 0x40, 0xD4, ORD_SF, 0x60,
        ORD_SBA, 0x40, 0x5E, ORD_SF, 0x40);
    /* From address 0: PT goes to 11, the first position of the first
     * unprotected field; after data it nulls the rest of that field. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x40, ORD_PT, ORD_IC);
    CU_ASSERT_EQUAL(scr.cursor, 11u);
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x4B, 0xC2, ORD_PT, ORD_IC);
    CU_ASSERT_EQUAL(scr.cell[11].ch, 0xC2);
    CU_ASSERT_EQUAL(scr.cell[12].ch, 0x00);              /* nulled */
    CU_ASSERT_EQUAL(scr.cell[14].ch, 0x00);
    CU_ASSERT_EQUAL(scr.cursor, 31u);
    /* PT after an order does not null. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x4B, 0xC3, 0xC3, ORD_SBA, 0x40, 0x4C, ORD_PT);
    CU_ASSERT_EQUAL(scr.cell[12].ch, 0xC3);
    /* No unprotected field after the address: PT goes to 0. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x60, ORD_PT, ORD_IC);
    CU_ASSERT_EQUAL(scr.cursor, 0u);
}

static void test_ra(void)
{
    ds_init(&scr, 2, true);
    /* Row 1 full of '-', then one GE character to the end of row 2. */
    OUT(DS_CMD_EW, 0xC3, ORD_SBA, 0xC1, 0x50, ORD_RA, 0xC2, 0x60, 0x60,
        ORD_RA, 0xC3, 0xF0, ORD_GE, 0xC5);
    CU_ASSERT_EQUAL(strlen(row(1)), 80u);
    CU_ASSERT_EQUAL(row(1)[79], '-');
    CU_ASSERT_EQUAL(scr.cell[160].ch, 0xC5);
    CU_ASSERT_TRUE(scr.cell[239].flags & CELL_GE);
    CU_ASSERT_EQUAL(scr.cell[240].ch, 0);
    CU_ASSERT_EQUAL(scr.bufaddr, 240u);
    /* Stop address = current address: the whole buffer. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x45, ORD_RA, 0x40, 0x45, 0x5C);
    for (unsigned a = 0; a < 1920; a++)
        CU_ASSERT_EQUAL_FATAL(scr.cell[a].ch, 0x5C);
    /* RA overwrites attributes. */
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0x60, ORD_SBA, 0x40, 0x40, ORD_RA, 0x40, 0x42, 0xC1);
    CU_ASSERT_FALSE(scr.cell[0].flags & CELL_FA);
    /* An order as the RA character is an error. */
    static const uint8_t bad[] = { DS_CMD_W, 0xC3, ORD_RA, 0x40, 0x42, ORD_SBA };
    CU_ASSERT_EQUAL(outbound(bad, sizeof bad), DS_EORDER);
}

static void test_eua(void)
{
    ds_init(&scr, 2, true);
    /* prot "PPP" at 0, unprot "UUU" at 4, prot "QQ" at 8, unprot "VV" at 11 */
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0x60, 0xD7, 0xD7, 0xD7, ORD_SF, 0x40, 0xE4, 0xE4, 0xE4,
        ORD_SF, 0x60, 0xD8, 0xD8, ORD_SF, 0x40, 0xE5, 0xE5);
    /* EUA from 2 to 13 (exclusive): nulls the U field and the first V. */
    OUT(DS_CMD_W, 0xC3, ORD_SBA, 0x40, 0x42, ORD_EUA, 0x40, 0x4D, ORD_IC);
    CU_ASSERT_EQUAL(scr.cell[2].ch, 0xD7);
    CU_ASSERT_TRUE(scr.cell[4].flags & CELL_FA);
    CU_ASSERT_EQUAL(scr.cell[5].ch, 0);
    CU_ASSERT_EQUAL(scr.cell[7].ch, 0);
    CU_ASSERT_EQUAL(scr.cell[9].ch, 0xD8);
    CU_ASSERT_EQUAL(scr.cell[12].ch, 0);
    CU_ASSERT_EQUAL(scr.cell[13].ch, 0xE5);
    CU_ASSERT_EQUAL(scr.cursor, 13u);
}

static void test_eau(void)
{
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0x60, 0xD7, ORD_SF, 0xC1, 0xE4, 0xE4, ORD_SF, 0x60, 0xD8,
        ORD_SF, 0xC1, 0xE5);
    scr.kbd_locked = true;
    OUT(DS_CMD_EAU);
    CU_ASSERT_EQUAL(scr.cell[1].ch, 0xD7);
    CU_ASSERT_EQUAL(scr.cell[3].ch, 0);
    CU_ASSERT_EQUAL(scr.cell[4].ch, 0);
    CU_ASSERT_EQUAL(scr.cell[6].ch, 0xD8);
    CU_ASSERT_EQUAL(scr.cell[8].ch, 0);
    CU_ASSERT_FALSE(scr.cell[2].ch & FA_MDT);
    CU_ASSERT_FALSE(scr.cell[7].ch & FA_MDT);
    CU_ASSERT_EQUAL(scr.cursor, 3u);
    CU_ASSERT_FALSE(scr.kbd_locked);
    /* Unformatted: everything goes, cursor 0. */
    OUT(DS_CMD_EW, 0xC3, 0xC1, 0xC2, ORD_IC);
    OUT(DS_CMD_EAU);
    CU_ASSERT_EQUAL(scr.cell[0].ch, 0);
    CU_ASSERT_EQUAL(scr.cursor, 0u);
}

static void test_format_controls(void)
{
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, 0x00, 0x1C, 0x1E, 0x3F, 0x15, 0x0D, 0x0C, 0x19);
    CU_ASSERT_EQUAL(scr.cell[1].ch, 0x1C);
    CU_ASSERT_EQUAL(scr.bufaddr, 8u);
}

/* ---- Malformed streams ------------------------------------------------------------ */

static void test_malformed(void)
{
    static const struct { uint8_t d[12]; size_t n; int rc; } v[] = {
        { { 0 }, 0, DS_ETRUNC },                                 /* empty            */
        { { 0x42 }, 1, DS_ECMD },                                /* unknown command  */
        { { DS_CMD_EW }, 1, DS_ETRUNC },                         /* no WCC           */
        { { DS_CMD_W, 0xC3, ORD_SBA, 0x40 }, 4, DS_ETRUNC },     /* SBA cut short    */
        { { DS_CMD_W, 0xC3, ORD_SF }, 3, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_SFE }, 3, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_SFE, 2, XA_3270, 0x60 }, 6, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_SA, XA_FOREGROUND }, 4, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_MF, 1, 0xC0 }, 5, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_RA, 0x40, 0x40 }, 5, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_RA, 0x40, 0x40, ORD_GE }, 6, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_EUA, 0x40 }, 4, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_GE }, 3, DS_ETRUNC },
        { { DS_CMD_W, 0xC3, ORD_SBA, 0x7F, 0x7F }, 5, DS_EADDR },   /* 4095 > 1919 */
        { { DS_CMD_W, 0xC3, ORD_SBA, 0x07, 0x80 }, 5, DS_EADDR },   /* 14-bit 1920  */
        { { DS_CMD_W, 0xC3, ORD_SBA, 0x80, 0x40 }, 5, DS_EADDR },   /* reserved     */
        { { DS_CMD_W, 0xC3, ORD_RA, 0x7F, 0x7F, 0xC1 }, 6, DS_EADDR },
        { { DS_CMD_W, 0xC3, ORD_EUA, 0x5F, 0x7F }, 5, DS_EADDR },
        { { DS_CMD_W, 0xC3, 0x02 }, 3, DS_EORDER },              /* no such order    */
        { { DS_CMD_W, 0xC3, 0x3E }, 3, DS_EORDER },
        { { DS_CMD_WSF }, 1, DS_ESF },
        { { DS_CMD_WSF, 0x00, 0x02, 0x01 }, 4, DS_ESF },         /* length < 3       */
        { { DS_CMD_WSF, 0x00, 0x09, 0x01, 0xFF, 0x02 }, 6, DS_ESF },   /* too long   */
        { { DS_CMD_WSF, 0x00, 0x05, 0x77, 0xFF, 0x02 }, 6, DS_ESF },   /* unknown ID */
        { { DS_CMD_WSF, 0x00, 0x05, 0x01, 0x00, 0x02 }, 6, DS_ESF },   /* pid not FF */
        { { DS_CMD_WSF, 0x00, 0x05, 0x01, 0xFF, 0x99 }, 6, DS_ESF },   /* bad type   */
        { { DS_CMD_WSF, 0x00, 0x05, 0x40, 0x00, DS_CMD_WSF }, 6, DS_ESF },
        { { DS_CMD_WSF, 0x00, 0x07, 0x40, 0x00, DS_CMD_W, 0xC3, ORD_SBA }, 8, DS_ETRUNC },
        { { DS_CMD_WSF, 0x00, 0x03, 0x03 }, 4, DS_ESF },         /* Erase/Reset, no flags */
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        ds_init(&scr, 2, true);
        int rc = ds_outbound(&scr, v[i].d, v[i].n, -1, &reply);
        if (rc != v[i].rc)
            fprintf(stderr, "\nmalformed case %zu: got %d (%s), want %d\n", i, rc,
                    ds_strerror(rc), v[i].rc);
        CU_ASSERT_EQUAL(rc, v[i].rc);
    }
    /* Orders applied before the bad byte stay; the WCC restore does not
     * happen. */
    ds_init(&scr, 2, true);
    scr.kbd_locked = true;
    static const uint8_t part[] = { DS_CMD_W, 0xC3, 0xC1, 0xC2, ORD_SBA, 0x7F };
    CU_ASSERT_EQUAL(outbound(part, sizeof part), DS_ETRUNC);
    CU_ASSERT_STRING_EQUAL(row(0), "AB");
    CU_ASSERT_TRUE(scr.kbd_locked);
    CU_ASSERT_STRING_EQUAL(ds_strerror(DS_EADDR), "buffer address outside the screen");
}

/* Random streams: never a crash, never an access outside the screen
 * (ASan in `make check` is the judge), only DS_OK or an error. */
static void test_random_streams(void)
{
    static const uint8_t cmds[] = { DS_CMD_W, DS_CMD_EW, DS_CMD_EWA, DS_CMD_EAU, DS_CMD_WSF,
                                    DS_CMD_RB, DS_CMD_RM, DS_CMD_RMA };
    static const uint8_t orders[] = { ORD_SF, ORD_SFE, ORD_SBA, ORD_SA, ORD_MF, ORD_IC, ORD_PT,
                                      ORD_RA, ORD_EUA, ORD_GE, 0xC1, 0x7F, 0x00 };
    uint8_t d[64], out[8192];
    unsigned seed = 12345;
    for (int model = 2; model <= 5; model++) {
        ds_init(&scr, model, true);
        for (int iter = 0; iter < 4000; iter++) {
            size_t n = 1 + (seed = seed * 1103515245 + 12345) % sizeof d;
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245 + 12345;
                unsigned r = seed >> 16;
                d[i] = r % 3 == 0 ? orders[(r >> 4) % sizeof orders] : (uint8_t)(r >> 8);
            }
            d[0] = cmds[(seed >> 20) % sizeof cmds];
            int rc = ds_outbound(&scr, d, n, (int)(seed % 5000) - 100, &reply);
            CU_ASSERT_TRUE_FATAL(rc <= 0 && rc >= DS_EAID);
            CU_ASSERT_TRUE_FATAL(reply.len <= sizeof reply.data);
            CU_ASSERT_TRUE_FATAL(scr.cursor < ds_cells(&scr));
            CU_ASSERT_TRUE_FATAL(scr.bufaddr < ds_cells(&scr));
            rc = ds_inbound(&scr, d + 1, n - 1);
            CU_ASSERT_TRUE_FATAL(rc <= 0 && rc >= DS_EAID);
            CU_ASSERT_TRUE_FATAL(scr.cursor < ds_cells(&scr));
            CU_ASSERT_TRUE_FATAL(ds_read_modified(&scr, AID_ENTER, false, out, 100) <= 100);
            ds_key_char(&scr, 0xC1);
            ds_key_tab(&scr);
        }
    }
}

/* ---- Inbound ------------------------------------------------------------------------ */

static void type_text(const char *s)
{
    for (; *s; s++) {
        uint8_t e = (uint8_t)(*s >= 'A' && *s <= 'I' ? 0xC1 + (*s - 'A') :
                              *s >= 'J' && *s <= 'R' ? 0xD1 + (*s - 'J') :
                              *s >= 'S' && *s <= 'Z' ? 0xE2 + (*s - 'S') :
                              *s >= '0' && *s <= '9' ? 0xF0 + (*s - '0') : 0x40);
        CU_ASSERT_EQUAL(ds_key_char(&scr, e), KEY_OK);
    }
}

static void test_read_modified(void)
{
    uint8_t b[4000];
    ds_init(&scr, 2, true);
    CU_ASSERT_EQUAL(outbound(screen1, sizeof screen1), DS_OK);
    type_text("HERCULES");
    size_t n = ds_key_aid(&scr, AID_ENTER, b, sizeof b);
    static const uint8_t want[] = { 0x7d, 0xc2, 0xf8, 0x11, 0xc2, 0xf0,
                                    0xc8, 0xc5, 0xd9, 0xc3, 0xe4, 0xd3, 0xc5, 0xe2 };
    CU_ASSERT_EQUAL(n, sizeof want);
    CU_ASSERT_EQUAL(memcmp(b, want, sizeof want), 0);
    CU_ASSERT_TRUE(scr.kbd_locked);
    CU_ASSERT_EQUAL(scr.aid, AID_ENTER);
    /* Locked: typing and another AID are refused. */
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC1), KEY_LOCKED);
    CU_ASSERT_EQUAL(ds_key_aid(&scr, AID_ENTER, b, sizeof b), 0u);
    /* The host reads it again (same bytes), answers with reset MDT and
     * restore; then PF3 sends just the AID and the cursor. */
    CU_ASSERT_EQUAL(ds_read_modified(&scr, AID_ENTER, false, b, sizeof b), sizeof want);
    OUT(DS_CMD_W, 0xC3);
    CU_ASSERT_FALSE(scr.kbd_locked);
    n = ds_key_aid(&scr, ds_aid_pf(3), b, sizeof b);
    CU_ASSERT_EQUAL(n, 3u);
    CU_ASSERT_EQUAL(b[0], 0xF3);
    /* Short reads: PA1 and Clear send the AID alone, RMA sends the rest. */
    OUT(DS_CMD_W, 0xC2, ORD_SBA, 0xC2, 0xF0, ORD_IC);
    type_text("X");
    CU_ASSERT_EQUAL(ds_read_modified(&scr, AID_PA1, false, b, sizeof b), 1u);
    CU_ASSERT_EQUAL(b[0], AID_PA1);
    n = ds_read_modified(&scr, AID_PA1, true, b, sizeof b);
    CU_ASSERT_EQUAL(n, 3u + 3u + 8u);                    /* "XERCULES" */
    CU_ASSERT_EQUAL(b[6], 0xE7);
    n = ds_key_aid(&scr, AID_CLEAR, b, sizeof b);
    CU_ASSERT_EQUAL(n, 1u);
    CU_ASSERT_EQUAL(b[0], AID_CLEAR);
    CU_ASSERT_FALSE(ds_formatted(&scr));                 /* Clear erased */
    /* A bounded buffer is filled, not overrun. */
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0xC1, 0xC1, 0xC2, 0xC3);
    b[5] = 0xEE;
    CU_ASSERT_EQUAL(ds_read_modified(&scr, AID_ENTER, false, b, 5), 5u);
    CU_ASSERT_EQUAL(b[5], 0xEE);
}

/* Fields are sent in buffer order starting with the field that holds
 * address 0 (here one that wraps round the end of the buffer, sent in one
 * piece), nulls left out; MDT fields with no data send their SBA alone. */
static void test_read_modified_fields(void)
{
    uint8_t b[4000];
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, ORD_SBA, 0x5D, 0x7D, ORD_SF, 0xC1, 0xC1, 0xC2,   /* 1917: wraps */
        ORD_SBA, 0x40, 0x41, 0xC3,
        ORD_SBA, 0x40, 0x45, ORD_SF, 0x40, 0xC4,
        ORD_SBA, 0x40, 0x4A, ORD_SF, 0xC1, 0x00, 0x00, 0xC5, 0x00, 0xC6,
        ORD_SBA, 0x40, 0x54, ORD_SF, 0xC1,
        ORD_SBA, 0x40, 0x55, ORD_SF, 0x60);
    size_t n = ds_read_modified(&scr, AID_ENTER, false, b, sizeof b);
    static const uint8_t want[] = {
        AID_ENTER, 0x40, 0x40,
        ORD_SBA, 0x5D, 0x7E, 0xC1, 0xC2, 0xC3,
        ORD_SBA, 0x40, 0x4B, 0xC5, 0xC6,
        ORD_SBA, 0x40, 0xD5,
    };
    CU_ASSERT_EQUAL(n, sizeof want);
    CU_ASSERT_EQUAL(memcmp(b, want, n < sizeof want ? n : sizeof want), 0);
    /* Unformatted: AID, cursor, every non-null character. */
    OUT(DS_CMD_EW, 0xC3, 0xC1, 0x00, 0xC2, ORD_SBA, 0x5D, 0x7F, 0xC3);
    n = ds_read_modified(&scr, AID_ENTER, false, b, sizeof b);
    CU_ASSERT_EQUAL(n, 6u);
    CU_ASSERT_EQUAL(b[3], 0xC1);
    CU_ASSERT_EQUAL(b[5], 0xC3);
}

static void test_read_buffer(void)
{
    uint8_t b[8000];
    ds_init(&scr, 4, true);
    OUT(DS_CMD_EWA, 0xC3, ORD_SF, 0xE8, 0xC1, ORD_SBA, 0x40, 0x45, ORD_IC);
    size_t n = ds_read_buffer(&scr, AID_NONE, b, sizeof b);
    CU_ASSERT_EQUAL(n, 3u + 3440u + 1u);                 /* the SF adds a byte */
    CU_ASSERT_EQUAL(b[0], AID_NONE);
    CU_ASSERT_EQUAL(b[1], 0x40);
    CU_ASSERT_EQUAL(b[2], 0xC5);                         /* cursor 5 */
    CU_ASSERT_EQUAL(b[3], ORD_SF);
    CU_ASSERT_EQUAL(b[4], 0xE8);
    CU_ASSERT_EQUAL(b[5], 0xC1);
    CU_ASSERT_EQUAL(b[6], 0x00);                         /* nulls included */
}

static void test_inbound(void)
{
    uint8_t b[4000];
    ds_init(&scr, 2, true);
    CU_ASSERT_EQUAL(outbound(screen1, sizeof screen1), DS_OK);
    /* The client's record from the transcript. */
    static const uint8_t rec[] = { 0x7d, 0xc2, 0xf8, 0x11, 0xc2, 0xf0,
                                   0xc8, 0xc5, 0xd9, 0xc3, 0xe4, 0xd3, 0xc5, 0xe2 };
    CU_ASSERT_EQUAL(ds_inbound(&scr, rec, sizeof rec), DS_OK);
    CU_ASSERT_STRING_EQUAL(row(2), " YOUR NAME ===> HERCULES");
    CU_ASSERT_EQUAL(scr.cursor, 184u);
    CU_ASSERT_EQUAL(scr.aid, AID_ENTER);
    CU_ASSERT_TRUE(scr.kbd_locked);
    CU_ASSERT_TRUE(scr.cell[175].ch & FA_MDT);
    size_t n = ds_read_modified(&scr, scr.aid, false, b, sizeof b);
    CU_ASSERT_EQUAL(n, sizeof rec);
    CU_ASSERT_EQUAL(memcmp(b, rec, sizeof rec), 0);
    /* A shorter value: the rest of the field becomes nulls. */
    static const uint8_t rec2[] = { 0x7d, 0xc2, 0xf2, 0x11, 0xc2, 0xf0, 0xc1, 0xc2 };
    CU_ASSERT_EQUAL(ds_inbound(&scr, rec2, sizeof rec2), DS_OK);
    CU_ASSERT_STRING_EQUAL(row(2), " YOUR NAME ===> AB");
    /* More data than the field holds: the rest is dropped, the next
     * attribute stays. */
    uint8_t rec3[3 + 3 + 40] = { 0x7d, 0xc2, 0xf2, 0x11, 0xc2, 0xf0 };
    memset(rec3 + 6, 0xC1, 40);
    CU_ASSERT_EQUAL(ds_inbound(&scr, rec3, sizeof rec3), DS_OK);
    CU_ASSERT_TRUE(scr.cell[196].flags & CELL_FA);
    CU_ASSERT_EQUAL(scr.cell[195].ch, 0xC1);
    /* Short reads and Clear. */
    uint8_t pa2 = AID_PA2, clr = AID_CLEAR;
    CU_ASSERT_EQUAL(ds_inbound(&scr, &pa2, 1), DS_OK);
    CU_ASSERT_EQUAL(scr.aid, AID_PA2);
    CU_ASSERT_TRUE(ds_formatted(&scr));
    CU_ASSERT_EQUAL(ds_inbound(&scr, &clr, 1), DS_OK);
    CU_ASSERT_FALSE(ds_formatted(&scr));
    CU_ASSERT_EQUAL(ds_read_modified(&scr, scr.aid, false, b, sizeof b), 1u);
    /* Unformatted data without SBA lands at address 0. */
    static const uint8_t rec4[] = { 0x7d, 0x40, 0x43, 0xc1, 0xc2, 0xc3 };
    CU_ASSERT_EQUAL(ds_inbound(&scr, rec4, sizeof rec4), DS_OK);
    CU_ASSERT_STRING_EQUAL(row(0), "ABC");
    /* Malformed records. */
    static const struct { uint8_t d[8]; size_t n; int rc; } bad[] = {
        { { 0 }, 0, DS_EAID },
        { { 0x7d, 0x40 }, 2, DS_ETRUNC },
        { { 0x7d, 0x7f, 0x7f }, 3, DS_EADDR },                  /* cursor 4095 */
        { { 0x7d, 0x40, 0x40, 0x11, 0x40 }, 5, DS_ETRUNC },
        { { 0x7d, 0x40, 0x40, 0x11, 0x7f, 0x7f }, 6, DS_EADDR },
        { { 0x7d, 0x40, 0x40, 0x11, 0x40, 0x41, 0x05 }, 7, DS_EORDER },
        { { 0x7d, 0x40, 0x40, 0x11, 0x40, 0x41, ORD_GE }, 7, DS_ETRUNC },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(ds_inbound(&scr, bad[i].d, bad[i].n), bad[i].rc);
    /* A structured field is nothing to show. */
    static const uint8_t sf[] = { AID_SF, 0x00, 0x04, 0x81, 0xFF };
    CU_ASSERT_EQUAL(ds_inbound(&scr, sf, sizeof sf), DS_OK);
}

/* ---- Structured fields ---------------------------------------------------------------- */

/* Find query reply `code` in a reply; returns its offset or -1. */
static long find_qr(const uint8_t *b, size_t n, uint8_t code)
{
    size_t i = 1;
    while (i + 4 <= n) {
        size_t len = (size_t)b[i] << 8 | b[i + 1];
        if (len < 4 || i + len > n)
            return -2;
        if (b[i + 2] == 0x81 && b[i + 3] == code)
            return (long)i;
        i += len;
    }
    return -1;
}

static void test_query_reply(void)
{
    for (int model = 2; model <= 5; model++) {
        ds_init(&scr, model, model != 3);
        OUT(DS_CMD_WSF, 0x00, 0x05, 0x01, 0xFF, 0x02);
        CU_ASSERT_FATAL(reply.len > 1);
        CU_ASSERT_EQUAL(reply.data[0], AID_SF);
        long sum = find_qr(reply.data, reply.len, 0x80);
        long ua = find_qr(reply.data, reply.len, 0x81);
        long ip = find_qr(reply.data, reply.len, 0xA6);
        long co = find_qr(reply.data, reply.len, 0x86);
        CU_ASSERT_TRUE(sum > 0 && ua > 0 && ip > 0);
        CU_ASSERT_EQUAL(co > 0, model != 3);             /* colour only on a 3279 */
        CU_ASSERT_TRUE(find_qr(reply.data, reply.len, 0x87) > 0);
        if (ua > 0) {
            const uint8_t *u = reply.data + ua;
            CU_ASSERT_EQUAL(u[1], 23);
            CU_ASSERT_EQUAL(u[4] & 0x0F, 0x01);          /* 12/14-bit addressing */
            CU_ASSERT_EQUAL(u[6] << 8 | u[7], scr.alt_cols);
            CU_ASSERT_EQUAL(u[8] << 8 | u[9], scr.alt_rows);
            CU_ASSERT_EQUAL(u[21] << 8 | u[22], scr.alt_rows * scr.alt_cols);
        }
        if (ip > 0) {
            const uint8_t *p = reply.data + ip;
            CU_ASSERT_EQUAL(p[1], 17);
            CU_ASSERT_EQUAL(p[9] << 8 | p[10], 80);     /* default width  */
            CU_ASSERT_EQUAL(p[11] << 8 | p[12], 24);    /* default height */
            CU_ASSERT_EQUAL(p[13] << 8 | p[14], scr.alt_cols);
            CU_ASSERT_EQUAL(p[15] << 8 | p[16], scr.alt_rows);
        }
        /* The summary lists exactly the replies sent. */
        if (sum > 0) {
            const uint8_t *s = reply.data + sum;
            size_t len = (size_t)s[0] << 8 | s[1];
            for (size_t k = 4; k < len; k++)
                CU_ASSERT_TRUE(find_qr(reply.data, reply.len, s[k]) > 0);
        }
    }
    /* Query List of Usable Area only; a list of nothing known: the Null
     * reply. */
    ds_init(&scr, 2, true);
    OUT(DS_CMD_WSF, 0x00, 0x07, 0x01, 0xFF, 0x03, 0x00, 0x81);
    CU_ASSERT_TRUE(find_qr(reply.data, reply.len, 0x81) == 1);
    CU_ASSERT_EQUAL(find_qr(reply.data, reply.len, 0x80), -1);
    OUT(DS_CMD_WSF, 0x00, 0x07, 0x01, 0xFF, 0x03, 0x00, 0x99);
    CU_ASSERT_EQUAL(reply.len, 5u);
    CU_ASSERT_EQUAL(reply.data[4], 0xFF);
    /* Query List "all" (X'80'). */
    OUT(DS_CMD_WSF, 0x00, 0x06, 0x01, 0xFF, 0x03, 0x80);
    CU_ASSERT_TRUE(find_qr(reply.data, reply.len, 0x80) > 0);
    /* Length 0: the last field takes the rest. */
    OUT(DS_CMD_WSF, 0x00, 0x00, 0x01, 0xFF, 0x02);
    CU_ASSERT_TRUE(find_qr(reply.data, reply.len, 0xA6) > 0);
}

static void test_wsf_write(void)
{
    ds_init(&scr, 4, true);
    /* Erase/Reset to the alternate size, then an Outbound 3270DS Write
     * and a Read Partition Read Modified. */
    OUT(DS_CMD_WSF,
        0x00, 0x04, 0x03, 0x80,
        0x00, 0x08, 0x40, 0x00, DS_CMD_W, 0xC3, 0xC8, 0xC9,
        0x00, 0x05, 0x01, 0x00, DS_CMD_RB);
    CU_ASSERT_EQUAL(scr.rows, 43);
    CU_ASSERT_STRING_EQUAL(row(0), "HI");
    CU_ASSERT_EQUAL(reply.len, 3u + 3440u);
    OUT(DS_CMD_WSF, 0x00, 0x04, 0x03, 0x00);
    CU_ASSERT_EQUAL(scr.rows, 24);
    /* Set Reply Mode (field mode) is accepted. */
    OUT(DS_CMD_WSF, 0x00, 0x05, 0x09, 0x00, 0x00);
    /* Remote read commands as outbound: the reply is the read. */
    OUT(DS_CMD_RM);
    CU_ASSERT_EQUAL(reply.len, 3u);
}

/* ---- Keyboard ---------------------------------------------------------------------------- */

static void kbd_screen(void)
{
    ds_init(&scr, 2, true);
    /* 0: prot label "NAME" | 5: unprot 5 wide | 11: autoskip |
     * 20: numeric unprot 4 wide | 25: prot | 40: unprot to the end */
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0x60, 0xD5, 0xC1, 0xD4, 0xC5,
        ORD_SF, 0x40, ORD_SBA, 0x40, 0x4B, ORD_SF, 0xF0,
        ORD_SBA, 0x40, 0xD4, ORD_SF, 0x50, ORD_SBA, 0x40, 0xD9, ORD_SF, 0x60,
        ORD_SBA, 0x40, 0x68, ORD_SF, 0x40,
        ORD_SBA, 0x40, 0x46, ORD_IC);
}

static void test_keyboard_typing(void)
{
    kbd_screen();
    CU_ASSERT_EQUAL(scr.cursor, 6u);
    type_text("ABCDE");
    /* The field is full: the cursor skips the autoskip field to the
     * numeric one. */
    CU_ASSERT_EQUAL(scr.cursor, 21u);
    CU_ASSERT_TRUE(scr.cell[5].ch & FA_MDT);
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC1), KEY_NUMERIC);
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xF1), KEY_OK);
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0x4B), KEY_OK);    /* period */
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0x60), KEY_OK);    /* minus  */
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xF9), KEY_OK);
    /* Full, next is a plain protected field: the cursor goes past its
     * attribute, where typing is refused. */
    CU_ASSERT_EQUAL(scr.cursor, 26u);
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC1), KEY_PROTECTED);
    scr.cursor = 25;                                     /* on an attribute */
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC1), KEY_PROTECTED);
    /* Unformatted screen: type anywhere. */
    ds_init(&scr, 2, true);
    scr.cursor = 1919;
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC1), KEY_OK);
    CU_ASSERT_EQUAL(scr.cursor, 0u);
}

static void test_keyboard_insert_delete(void)
{
    kbd_screen();
    type_text("AC");
    scr.cursor = 7;
    ds_key_insert(&scr);
    CU_ASSERT_TRUE(scr.insert);
    type_text("B");
    CU_ASSERT_EQUAL(scr.cell[6].ch, 0xC1);
    CU_ASSERT_EQUAL(scr.cell[7].ch, 0xC2);
    CU_ASSERT_EQUAL(scr.cell[8].ch, 0xC3);
    type_text("XY");                                     /* A B X Y C */
    scr.cursor = 6;
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC4), KEY_OVERFLOW);
    ds_key_reset(&scr);
    CU_ASSERT_FALSE(scr.insert);
    /* Delete at 7 shifts left within the field. */
    scr.cursor = 7;
    CU_ASSERT_EQUAL(ds_key_delete(&scr), KEY_OK);
    CU_ASSERT_EQUAL(scr.cell[7].ch, 0xE7);
    CU_ASSERT_EQUAL(scr.cell[9].ch, 0xC3);
    CU_ASSERT_EQUAL(scr.cell[10].ch, 0x00);
    CU_ASSERT_TRUE(scr.cell[11].flags & CELL_FA);
    /* Backspace from 8 deletes 7. */
    scr.cursor = 8;
    CU_ASSERT_EQUAL(ds_key_backspace(&scr), KEY_OK);
    CU_ASSERT_EQUAL(scr.cursor, 7u);
    CU_ASSERT_EQUAL(scr.cell[7].ch, 0xE8);
    scr.cursor = 6;
    CU_ASSERT_EQUAL(ds_key_backspace(&scr), KEY_PROTECTED);   /* 5 is the FA */
    /* Erase EOF from 7. */
    scr.cursor = 7;
    CU_ASSERT_EQUAL(ds_key_erase_eof(&scr), KEY_OK);
    CU_ASSERT_EQUAL(scr.cell[6].ch, 0xC1);
    CU_ASSERT_EQUAL(scr.cell[7].ch, 0);
    CU_ASSERT_EQUAL(scr.cell[10].ch, 0);
    scr.cursor = 2;
    CU_ASSERT_EQUAL(ds_key_erase_eof(&scr), KEY_PROTECTED);
    CU_ASSERT_EQUAL(ds_key_delete(&scr), KEY_PROTECTED);
    /* Erase Input: unprotected fields nulled, MDTs off, cursor home. */
    ds_key_erase_input(&scr);
    CU_ASSERT_EQUAL(scr.cell[6].ch, 0);
    CU_ASSERT_FALSE(scr.cell[5].ch & FA_MDT);
    CU_ASSERT_EQUAL(scr.cell[1].ch, 0xD5);
    CU_ASSERT_EQUAL(scr.cursor, 6u);
    /* Insert mode on an unformatted screen needs a null to the end. */
    ds_init(&scr, 2, true);
    scr.insert = true;
    scr.cursor = 1918;
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC1), KEY_OK);
    scr.cursor = 1918;
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC2), KEY_OK);
    scr.cursor = 1918;
    CU_ASSERT_EQUAL(ds_key_char(&scr, 0xC3), KEY_OVERFLOW);
}

static void test_keyboard_movement(void)
{
    kbd_screen();
    ds_key_home(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 6u);
    ds_key_tab(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 21u);
    ds_key_tab(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 41u);
    ds_key_tab(&scr);                                    /* wraps */
    CU_ASSERT_EQUAL(scr.cursor, 6u);
    ds_key_backtab(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 41u);
    scr.cursor = 23;
    ds_key_backtab(&scr);                                /* start of its field */
    CU_ASSERT_EQUAL(scr.cursor, 21u);
    ds_key_backtab(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 6u);
    scr.cursor = 3;
    ds_key_newline(&scr);                                /* row 1: in field 40 */
    CU_ASSERT_EQUAL(scr.cursor, 80u);
    ds_key_move(&scr, -2, 0);
    CU_ASSERT_EQUAL(scr.cursor, 1840u);
    ds_key_move(&scr, 0, -1841);
    CU_ASSERT_EQUAL(scr.cursor, 1919u);
    ds_key_move(&scr, 0, 1);
    CU_ASSERT_EQUAL(scr.cursor, 0u);
    /* No unprotected field at all: home and tab go to 0. */
    ds_init(&scr, 2, true);
    OUT(DS_CMD_EW, 0xC3, ORD_SF, 0x60, ORD_SBA, 0x40, 0x4A, ORD_IC);
    ds_key_tab(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 0u);
    scr.cursor = 10;
    ds_key_home(&scr);
    CU_ASSERT_EQUAL(scr.cursor, 0u);
}

void register_ds3270_tests(void)
{
    CU_pSuite s = CU_add_suite("ds3270", NULL, NULL);
    CU_add_test(s, "12- and 14-bit addresses, code table, PF AIDs", test_addresses);
    CU_add_test(s, "SBA with a 14-bit address", test_sba_14bit);
    CU_add_test(s, "models 2-5, default and alternate size", test_models_and_sizes);
    CU_add_test(s, "SF, SBA, IC (transcript screen)", test_sf_sba_ic);
    CU_add_test(s, "WCC: reset MDT, restore, alarm", test_wcc);
    CU_add_test(s, "Write starts at the cursor", test_write_start);
    CU_add_test(s, "SFE, SA, MF", test_sfe_sa_mf);
    CU_add_test(s, "GE", test_ge);
    CU_add_test(s, "PT", test_pt);
    CU_add_test(s, "RA", test_ra);
    CU_add_test(s, "EUA", test_eua);
    CU_add_test(s, "Erase All Unprotected", test_eau);
    CU_add_test(s, "format controls as data", test_format_controls);
    CU_add_test(s, "malformed streams", test_malformed);
    CU_add_test(s, "random streams stay in bounds", test_random_streams);
    CU_add_test(s, "Read Modified, short read, RMA", test_read_modified);
    CU_add_test(s, "Read Modified field order, wrap, unformatted", test_read_modified_fields);
    CU_add_test(s, "Read Buffer", test_read_buffer);
    CU_add_test(s, "inbound records folded into the screen", test_inbound);
    CU_add_test(s, "Read Partition Query and Query List", test_query_reply);
    CU_add_test(s, "WSF Erase/Reset, Outbound 3270DS, reads", test_wsf_write);
    CU_add_test(s, "keyboard: typing, numeric, autoskip", test_keyboard_typing);
    CU_add_test(s, "keyboard: insert, delete, erase", test_keyboard_insert_delete);
    CU_add_test(s, "keyboard: tab, backtab, home, newline", test_keyboard_movement);
}
