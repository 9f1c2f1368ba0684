/*
 * insn_keys.c — storage keys and protection: ISK, SSK, ISKE, SSKE, IVSK,
 * RRB, RRBE, TPROT, and TEST BLOCK.
 *
 * ESA/390 PoO SA22-7201 ch. 3 "Storage key", "Protection" and ch. 10;
 * S/370 PoO GA22-7000 ch. 3 and ch. 10 (2K-byte key blocks; in the BC mode
 * ISK inserts only the access-control and fetch-protection bits).
 *
 * The machine keeps one key byte per 2K block of absolute storage
 * (c->keys: SK_ACC | SK_FETCH | SK_REF | SK_CHANGE, the bit layout of
 * general-register bits 24-31 as the instructions use them).  S/370 key
 * instructions act on one 2K key; ESA/390 ones on a 4K block, i.e. on both
 * 2K halves: a set writes both, an insert reports the access-control and
 * fetch-protection bits of the first half and reference and change as the
 * OR of both halves.  The TLB caches permissions and the fact that the
 * reference and change bits are already set, so every key change or
 * reference-bit reset purges it.
 *
 * A pageable SIE guest's keys are the keys of the host frames that back
 * its pages, and its reference and change bits are kept apart from the
 * host's in the page's RCP byte (SIE.md §7; the scheme of VM/XA, as
 * Hercules 3.13 implements it): X'40'/X'20' keep the host's R/C that the
 * guest's key operations took out of the real key, X'04'/X'02' are the
 * guest's own R/C.  The guest sees real | guest bits; the host, real | host
 * bits.
 */
#include "insn.h"
#include "dat.h"

#define SK_BITS (SK_ACC | SK_FETCH | SK_REF | SK_CHANGE)   /* bits 24-30 */

/* The keys of the block holding real address ra: one 2K key in S/370
 * mode, the two keys of the 4K block in ESA/390 mode.  Addressing
 * exception when the block is outside storage. */
typedef struct KeyBlock {
    uint8_t *k;
    unsigned n;
    uint8_t *rcp;       /* pageable SIE guest: the page's RCP byte        */
} KeyBlock;

#define RCP_HOST_SHIFT 4    /* real R/C (X'04'/X'02') -> host backup X'40'/X'20' */

static KeyBlock key_block(Cpu *c, uint32_t ra)
{
    bool four_k = c->arch == ARCH_ESA390;
    ra &= four_k ? ~0xFFFu : ~0x7FFu;
    uint32_t abs = stor_real_to_abs(c, ra);
    uint8_t *k = stor_key_ptr(c, abs);
    if (!k || !stor_abs_ptr(c, abs, four_k ? 4096 : 2048))
        cpu_program_check(c, PGM_ADDRESSING);
    uint8_t *rcp = c->gh && c->gh->rcp ? c->gh->rcp(c, abs) : NULL;
    return (KeyBlock){ k, four_k ? 2u : 1u, rcp };
}

static uint8_t block_get(KeyBlock b)
{
    uint8_t v = b.k[0] & SK_BITS;
    for (unsigned i = 1; i < b.n; i++)
        v |= b.k[i] & (SK_REF | SK_CHANGE);
    if (b.rcp)
        v |= *b.rcp & (SK_REF | SK_CHANGE);
    return v;
}

/* Move the real R/C bits selected by `bits` into the RCP byte's host
 * backup before a guest key operation clears them. */
static void rcp_save_host(KeyBlock b, uint8_t bits)
{
    for (unsigned i = 0; i < b.n; i++)
        *b.rcp |= (uint8_t)((b.k[i] & bits) << RCP_HOST_SHIFT);
}

static void block_set(Cpu *c, KeyBlock b, uint8_t v)
{
    if (b.rcp) {
        rcp_save_host(b, SK_REF | SK_CHANGE);
        *b.rcp = (uint8_t)((*b.rcp & ~(SK_REF | SK_CHANGE)) | (v & (SK_REF | SK_CHANGE)));
        v &= SK_ACC | SK_FETCH;
    }
    for (unsigned i = 0; i < b.n; i++)
        b.k[i] = v & SK_BITS;
    tlb_purge(c);
}

/* Reset the reference bits; the CC tells the old reference and change
 * bits: 0 R=0 C=0, 1 R=0 C=1, 2 R=1 C=0, 3 R=1 C=1. */
static void block_reset_reference(Cpu *c, KeyBlock b)
{
    uint8_t v = block_get(b);
    cc_set(c, ((v & SK_REF) ? 2 : 0) | ((v & SK_CHANGE) ? 1 : 0));
    if (b.rcp) {
        rcp_save_host(b, SK_REF);
        *b.rcp &= (uint8_t)~SK_REF;
    }
    for (unsigned i = 0; i < b.n; i++)
        b.k[i] &= (uint8_t)~SK_REF;
    tlb_purge(c);
}

static void insert_key_byte(Cpu *c, unsigned r1, uint8_t v)
{
    c->gr[r1] = (c->gr[r1] & 0xFFFFFF00u) | v;
}

/* ISK and SSK: the block address in R2.  S/370: bits 8-20 designate a 2K
 * block; ESA/390: the 4K block at the address (24- or 31-bit, by the
 * addressing mode).  Bits 28-31 of R2 must be zero (S/370 rule, kept for
 * ESA/390 ???). */
static KeyBlock rr_key_block(Cpu *c, const uint8_t *ip)
{
    uint32_t a = c->gr[rr_r2(ip)];
    spec_check(c, a & 0x0F);
    return key_block(c, c->arch == ARCH_S370 ? a & 0x00FFFFFFu : a & c->amask);
}

/* 09  ISK — INSERT STORAGE KEY (RR).  EC mode: the seven-bit key into
 * bits 24-30, bit 31 zero; BC mode: bits 0-4 of the key into 24-28,
 * 29-31 zero. */
void insn_isk(Cpu *c, const uint8_t *ip)
{
    uint8_t v = block_get(rr_key_block(c, ip));
    if (!psw_is_ec(c))
        v &= SK_ACC | SK_FETCH;
    insert_key_byte(c, rr_r1(ip), v);
}

/* 08  SSK — SET STORAGE KEY (RR): R1 bits 24-30 become the key. */
void insn_ssk(Cpu *c, const uint8_t *ip)
{
    KeyBlock b = rr_key_block(c, ip);
    block_set(c, b, (uint8_t)c->gr[rr_r1(ip)]);
}

/* B229  ISKE — INSERT STORAGE KEY EXTENDED (RRE) */
void insn_iske(Cpu *c, const uint8_t *ip)
{
    uint8_t v = block_get(key_block(c, c->gr[rre_r2(ip)] & c->amask));
    insert_key_byte(c, rre_r1(ip), v);
}

/* B22B  SSKE — SET STORAGE KEY EXTENDED (RRE) */
void insn_sske(Cpu *c, const uint8_t *ip)
{
    KeyBlock b = key_block(c, c->gr[rre_r2(ip)] & c->amask);
    block_set(c, b, (uint8_t)c->gr[rre_r1(ip)]);
}

/* B22A  RRBE — RESET REFERENCE BIT EXTENDED (RRE) */
void insn_rrbe(Cpu *c, const uint8_t *ip)
{
    block_reset_reference(c, key_block(c, c->gr[rre_r2(ip)] & c->amask));
}

/* B213  RRB — RESET REFERENCE BIT (S): the block at the second-operand
 * address, a real address (S/370: 2K, bits 8-20; ESA/390: 4K). */
void insn_rrb(Cpu *c, const uint8_t *ip)
{
    block_reset_reference(c, key_block(c, ea_s(c, ip)));
}

/* B223  IVSK — INSERT VIRTUAL STORAGE KEY (RRE).  R2 holds a virtual
 * address of the current address space; its key's access-control and
 * fetch-protection bits go to bits 24-28 of R1, bits 29-31 zeros.  DAT
 * must be on (special operation); in the problem state the extraction-
 * authority control (CR0 bit 4) must be one. */
void insn_ivsk(Cpu *c, const uint8_t *ip)
{
    if (!psw_dat_on(c))
        cpu_program_check(c, PGM_SPECIAL_OPERATION);
    if (c->problem && !(c->cr[0] & CR0_EXTRACT_AUTH))
        cpu_program_check(c, PGM_PRIVILEGED_OPERATION);
    uint32_t abs = stor_translate_abs(c, c->gr[rre_r2(ip)] & c->amask, c->psw.asc);
    uint8_t *k = stor_key_ptr(c, abs);
    if (!k)
        cpu_program_check(c, PGM_ADDRESSING);
    insert_key_byte(c, rre_r1(ip), *k & (SK_ACC | SK_FETCH));
}

/* E501  TPROT — TEST PROTECTION (SSE).  The first-operand address is
 * translated as for an access (when DAT is on) and tested with the access
 * key in bits 24-27 of the second-operand address: cc 0 fetch and store
 * permitted, 1 fetch only, 2 neither, 3 translation not available
 * (segment or page invalid, or beyond a table).  Key-controlled
 * protection (with the overrides), page protection and low-address
 * protection count; no reference bit is set. */
void insn_tprot(Cpu *c, const uint8_t *ip)
{
    uint32_t va = ea_bd(c, ip + 2);
    unsigned key = (ea_ss2(c, ip) >> 4) & 15;
    uint32_t ra = va;
    DatResult r = { 0 };

    if (psw_dat_on(c)) {
        int code = dat_translate(c, va, c->psw.asc, &r);
        if (code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION) {
            cc_set(c, 3);
            return;
        }
        if (code)
            cpu_program_check(c, code);
        ra = r.ra;
    }
    uint32_t abs = stor_real_to_abs(c, ra);
    uint8_t *k = stor_key_ptr(c, abs);
    if (!k)
        cpu_program_check(c, PGM_ADDRESSING);
    uint8_t skey = *k;
    bool fetch = stor_key_allows(c, key, skey, va, ACC_FETCH);
    bool store = stor_key_allows(c, key, skey, va, ACC_STORE) && !r.prot &&
                 !stor_low_address_protected(c, va);
    cc_set(c, fetch && store ? 0 : fetch ? 1 : 2);
}

/* B22C  TB — TEST BLOCK (RRE).  R2 holds the 31-bit real address of a 4K
 * block.  Storage here never fails, so the block is usable: it is cleared
 * to zeros, GR0 is set to zero and cc 0.  Keys are not subject to
 * protection, low-address protection is (the block at 0).  Its storage
 * keys are left as they were (the manual leaves them unpredictable). */
void insn_tb(Cpu *c, const uint8_t *ip)
{
    uint32_t ra = c->gr[rre_r2(ip)] & 0x7FFFF000u;
    if (stor_low_address_protected(c, ra))
        cpu_program_check(c, PGM_PROTECTION);
    uint8_t *p = stor_abs_ptr(c, stor_real_to_abs(c, ra), 4096);
    if (!p)
        cpu_program_check(c, PGM_ADDRESSING);
    memset(p, 0, 4096);
    c->gr[0] = 0;
    cc_set(c, 0);
}
