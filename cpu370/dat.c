/*
 * dat.c — segment/page table walks for ESA/390 and S/370.
 *
 * ESA/390 PoO SA22-7201 ch. 3 "Translation process": CR0 bits 8-12 must be
 * B'10110'; the segment-table designation holds the STO (bits 1-19) and the
 * segment-table length (bits 25-31); segment-table entries hold the PTO,
 * the invalid bit (26), the common bit (27) and the page-table length
 * (bits 28-31); page-table entries hold the PFRA (bits 1-19), the invalid
 * bit (21) and the page-protection bit (22); bits 20 and 23 must be zero.
 *
 * S/370 PoO GA22-7000 ch. 3 "Dynamic address translation": CR0 bits 8-9 give
 * the page size (01 = 2K, 10 = 4K), bits 11-12 the segment size (00 = 64K,
 * 10 = 1M); CR1 holds the segment-table length (bits 0-7) and origin (bits
 * 8-25); segment-table entries hold the page-table length (bits 0-3), origin
 * (bits 8-28) and invalid bit (31), bits 4-7 must be zero ("Recognition of
 * access exceptions": a one in an unassigned bit position of a table entry
 * is a translation-specification exception); page-table entries are
 * halfwords.
 *
 * Table origins are real addresses: prefixing applies, keys do not.
 */
#include "dat.h"
#include "storage.h"

uint32_t dat_std(const Cpu *c, int asc)
{
    switch (asc) {
    case AS_SECONDARY: return c->cr[7];
    case AS_HOME:      return c->cr[13];
    default:           return c->cr[1];
    }
}

/* Fetch a table entry from real storage; false if outside storage. */
static bool table_fetch32(const Cpu *c, uint32_t ra, uint32_t *v)
{
    const uint8_t *p = stor_abs_ptr(c, stor_real_to_abs(c, ra), 4);
    if (!p)
        return false;
    *v = ld_be32(p);
    return true;
}

static bool table_fetch16(const Cpu *c, uint32_t ra, uint32_t *v)
{
    const uint8_t *p = stor_abs_ptr(c, stor_real_to_abs(c, ra), 2);
    if (!p)
        return false;
    *v = ld_be16(p);
    return true;
}

static int dat_esa390(const Cpu *c, uint32_t va, int asc, DatResult *r)
{
    static const uint32_t as_bits[4] = { 0, 1, 2, 3 };   /* TEA bits 30-31 */

    va &= 0x7FFFFFFF;
    r->tea = (va & 0x7FFFF000) | as_bits[asc & 3];
    if ((c->cr[0] & CR0_TRANS_FORMAT) != CR0_TRANS_FORMAT_ESA)
        return PGM_TRANSLATION_SPEC;

    uint32_t std = dat_std(c, asc);
    uint32_t sto = std & 0x7FFFF000;
    uint32_t stl = std & 0x7F;
    uint32_t sx  = (va >> 20) & 0x7FF;
    r->entry = (sto + sx * 4) & 0x7FFFFFFF;
    if ((sx >> 4) > stl) {
        r->length = true;
        return PGM_SEGMENT_TRANSLATION;
    }

    uint32_t ste;
    if (!table_fetch32(c, r->entry, &ste)) {
        r->table_addressing = true;
        return PGM_ADDRESSING;
    }
    if (ste & 0x20)                        /* bit 26: segment invalid */
        return PGM_SEGMENT_TRANSLATION;

    uint32_t pto = ste & 0x7FFFFFC0;
    uint32_t ptl = ste & 0x0F;
    uint32_t px  = (va >> 12) & 0xFF;
    r->entry = (pto + px * 4) & 0x7FFFFFFF;
    if ((px >> 4) > ptl) {
        r->length = true;
        return PGM_PAGE_TRANSLATION;
    }

    uint32_t pte;
    if (!table_fetch32(c, r->entry, &pte)) {
        r->table_addressing = true;
        return PGM_ADDRESSING;
    }
    if (pte & 0x400)                       /* bit 21: page invalid */
        return PGM_PAGE_TRANSLATION;
    if (pte & 0x900)                       /* bits 20, 23 must be zero */
        return PGM_TRANSLATION_SPEC;

    r->prot = (pte & 0x200) != 0;          /* bit 22: page protection */
    r->ra = (pte & 0x7FFFF000) | (va & 0xFFF);
    return 0;
}

static int dat_s370(const Cpu *c, uint32_t va, DatResult *r)
{
    va &= 0x00FFFFFF;
    r->tea = va;

    unsigned page_shift, seg_shift;
    switch (c->cr[0] & CR0_S370_PAGE_SIZE) {
    case 0x00400000: page_shift = 11; break;   /* 01: 2K pages */
    case 0x00800000: page_shift = 12; break;   /* 10: 4K pages */
    default: return PGM_TRANSLATION_SPEC;
    }
    switch (c->cr[0] & CR0_S370_SEG_SIZE) {
    case 0x00000000: seg_shift = 16; break;    /* 00: 64K segments */
    case 0x00100000: seg_shift = 20; break;    /* 10: 1M segments  */
    default: return PGM_TRANSLATION_SPEC;
    }

    uint32_t stl = c->cr[1] >> 24;
    uint32_t sto = c->cr[1] & 0x00FFFFC0;
    uint32_t sx  = va >> seg_shift;
    r->entry = sto + sx * 4;
    /* The length is in units of 16 entries (64 bytes). */
    if ((sx >> 4) > stl) {
        r->length = true;
        return PGM_SEGMENT_TRANSLATION;
    }

    uint32_t ste;
    if (!table_fetch32(c, r->entry, &ste)) {
        r->table_addressing = true;
        return PGM_ADDRESSING;
    }
    if (ste & 0x01)                        /* bit 31: segment invalid */
        return PGM_SEGMENT_TRANSLATION;
    if (ste & 0x0F000000)                  /* bits 4-7 must be zero */
        return PGM_TRANSLATION_SPEC;

    uint32_t ptl = ste >> 28;
    uint32_t pto = ste & 0x00FFFFF8;
    unsigned px_bits = seg_shift - page_shift;
    uint32_t px = (va >> page_shift) & ((1u << px_bits) - 1);
    /* The leftmost four bits of the page index are checked against PTL. */
    r->entry = pto + px * 2;
    if ((px >> (px_bits - 4)) > ptl) {
        r->length = true;
        return PGM_PAGE_TRANSLATION;
    }

    uint32_t pte;
    if (!table_fetch16(c, r->entry, &pte)) {
        r->table_addressing = true;
        return PGM_ADDRESSING;
    }
    if (page_shift == 12) {
        if (pte & 0x0008)                  /* bit 12: page invalid */
            return PGM_PAGE_TRANSLATION;
        if (pte & 0x0006)                  /* bits 13-14 must be zero */
            return PGM_TRANSLATION_SPEC;
        r->ra = ((pte & 0xFFF0) << 8) | (va & 0xFFF);
    } else {
        if (pte & 0x0004)                  /* bit 13: page invalid */
            return PGM_PAGE_TRANSLATION;
        if (pte & 0x0002)                  /* bit 14 must be zero */
            return PGM_TRANSLATION_SPEC;
        r->ra = ((pte & 0xFFF8) << 8) | (va & 0x7FF);
    }
    r->prot = false;
    return 0;
}

int dat_translate(const Cpu *c, uint32_t va, int asc, DatResult *r)
{
    r->prot = false;
    r->table_addressing = false;
    r->ra = 0;
    r->entry = 0;
    r->length = false;
    if (c->arch == ARCH_S370)
        return dat_s370(c, va, r);
    return dat_esa390(c, va, asc, r);
}
