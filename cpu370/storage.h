/*
 * storage.h — every access of an instruction to storage goes through here.
 *
 * Logical address -> (DAT) real -> (prefixing) absolute -> key check ->
 * reference/change bits, as ESA/390 PoO SA22-7201 ch. 3 "Storage" and S/370
 * PoO GA22-7000 ch. 3 describe it.  The fast path is an inline TLB hit that
 * yields a host pointer; everything else (DAT walk, prefixing, keys, page
 * crossing, exceptions) is in storage.c.  Functions named v* take logical
 * addresses and may raise a program interruption (they do not return then).
 */
#ifndef CPU370_STORAGE_H
#define CPU370_STORAGE_H

#include "cpu.h"

/* Slow paths (storage.c).  They return a host pointer valid for the rest of
 * the 2K page that holds `va`, or raise the access exception. */
uint8_t *stor_translate(Cpu *c, uint32_t va, int acc);
uint32_t vfetch16_slow(Cpu *c, uint32_t va);
uint32_t vfetch32_slow(Cpu *c, uint32_t va);
uint64_t vfetch64_slow(Cpu *c, uint32_t va);
void     vstore16_slow(Cpu *c, uint32_t va, uint16_t v);
void     vstore32_slow(Cpu *c, uint32_t va, uint32_t v);
void     vstore64_slow(Cpu *c, uint32_t va, uint64_t v);

/* Copy `len` bytes between logical storage and a host buffer.  The whole
 * operand is checked before the first byte is stored, so an access
 * exception leaves storage unchanged. Addresses wrap by c->amask. */
void vfetch_bytes(Cpu *c, uint32_t va, void *buf, uint32_t len);
void vstore_bytes(Cpu *c, uint32_t va, const void *buf, uint32_t len);
/* Check that [va, va+len) may be accessed (len >= 1; any length). */
void stor_prepare(Cpu *c, uint32_t va, uint32_t len, int acc);

/* Real and absolute storage (no DAT, no keys): return a host pointer or
 * NULL when the address is outside main storage. */
uint32_t stor_real_to_abs(const Cpu *c, uint32_t ra);
uint8_t *stor_abs_ptr(const Cpu *c, uint32_t abs, uint32_t len);
/* The storage key of the 2K block holding absolute `abs`, or NULL. */
uint8_t *stor_key_ptr(Cpu *c, uint32_t abs);
/* Real-address fetch/store with prefixing; raise addressing if outside. */
uint32_t real_fetch32(Cpu *c, uint32_t ra);
void     real_store32(Cpu *c, uint32_t ra, uint32_t v);
uint8_t *real_ptr(Cpu *c, uint32_t ra, uint32_t len);

/* Access one byte at logical `va` with an explicit access key and address
 * space (MOVE WITH KEY, MOVE TO PRIMARY/SECONDARY): every check of
 * stor_translate(), raising the access exception, but no TLB fill.  DAT is
 * used when the PSW says so; `asc` picks the segment table. */
uint8_t *stor_access(Cpu *c, uint32_t va, int acc, unsigned key, int asc);
/* Translate `va` through DAT in address space `asc` to an absolute address,
 * raising translation and addressing exceptions; no key checks, no
 * reference bit (INSERT VIRTUAL STORAGE KEY). */
uint32_t stor_translate_abs(Cpu *c, uint32_t va, int asc);
/* Key-controlled protection and low-address protection, as the storage
 * layer applies them (for TEST PROTECTION). */
bool stor_key_allows(const Cpu *c, unsigned key, uint8_t skey, uint32_t va, int acc);
bool stor_low_address_protected(const Cpu *c, uint32_t va);

/* Translate a logical address for LRA/TPROT-like instructions without
 * raising: returns 0 and the real address, or the program-interruption code
 * DAT would raise.  `prot` says whether the page is DAT-protected. */
int stor_lra(Cpu *c, uint32_t va, int asc, uint32_t *ra, bool *prot);

/* TLB maintenance. */
void tlb_purge(Cpu *c);
void tlb_purge_all_cpus(Machine *m);

/* ---- fast paths ------------------------------------------------------------ */

/* The entry for `va`: (va >> 11) & 1023 scaled by the 32-byte entry size,
 * computed as one shift and one mask. */
static inline TlbEntry *tlb_entry(Cpu *c, uint32_t va)
{
    _Static_assert(sizeof(TlbEntry) == 32, "TlbEntry is 32 bytes");
    return (TlbEntry *)((char *)c->tlb +
                        ((va >> (TLB_PAGE_SHIFT - 5)) & ((TLB_ENTRIES - 1) << 5)));
}

static inline uint64_t tlb_tag(const Cpu *c, uint32_t va)
{
    return c->tlb_ctx | (va & TLB_PAGE_MASK);
}

/* The tag an access of n = 1, 2, 4 or 8 bytes at va hits only when va is
 * a multiple of n: the low address bits take part in the compare, and the
 * tags in the TLB have them zero (cpu.h).  An aligned access never crosses
 * the page, so this one compare is the whole hit test. */
static inline uint64_t tlb_tag_aligned(const Cpu *c, uint32_t va, unsigned n)
{
    return c->tlb_ctx | (va & (TLB_PAGE_MASK | (n - 1)));
}

/* Host pointer for `n` bytes at `va` when they lie in one cached page,
 * else NULL (the caller takes the slow path). */
static inline uint8_t *tlb_fetch_ptr(Cpu *c, uint32_t va, unsigned n)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_fetch == tlb_tag(c, va) &&
               (va & (TLB_PAGE_SIZE - 1)) <= TLB_PAGE_SIZE - n))
        return (uint8_t *)(e->addend + va);
    return NULL;
}

static inline uint8_t *tlb_store_ptr(Cpu *c, uint32_t va, unsigned n)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_store == tlb_tag(c, va) &&
               (va & (TLB_PAGE_SIZE - 1)) <= TLB_PAGE_SIZE - n))
        return (uint8_t *)(e->addend + va);
    return NULL;
}

/* Host pointer to the byte at va, valid to the end of its 2K page: a TLB
 * hit, else the slow path (which raises the access exception if the access
 * is not allowed). */
static inline uint8_t *stor_host_ptr(Cpu *c, uint32_t va, int acc)
{
    uint8_t *p = acc == ACC_STORE ? tlb_store_ptr(c, va, 1) : tlb_fetch_ptr(c, va, 1);
    return likely(p != NULL) ? p : stor_translate(c, va, acc);
}

/* The operand accessors below test the hit and use the entry's addend in
 * one place, so that the hit path is the tag compare and the access (no
 * NULL test of an intermediate pointer).  An unaligned operand misses and
 * is served by the *_slow function (still from the TLB when it stays in
 * the page). */

static inline uint8_t vfetch8(Cpu *c, uint32_t va)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_fetch == tlb_tag(c, va)))
        return *(const uint8_t *)(e->addend + va);
    return *stor_translate(c, va, ACC_FETCH);
}

static inline uint32_t vfetch16(Cpu *c, uint32_t va)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_fetch == tlb_tag_aligned(c, va, 2)))
        return ld_be16((const uint8_t *)(e->addend + va));
    return vfetch16_slow(c, va);
}

static inline uint32_t vfetch32(Cpu *c, uint32_t va)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_fetch == tlb_tag_aligned(c, va, 4)))
        return ld_be32((const uint8_t *)(e->addend + va));
    return vfetch32_slow(c, va);
}

static inline uint64_t vfetch64(Cpu *c, uint32_t va)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_fetch == tlb_tag_aligned(c, va, 8)))
        return ld_be64((const uint8_t *)(e->addend + va));
    return vfetch64_slow(c, va);
}

static inline void vstore8(Cpu *c, uint32_t va, uint8_t v)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_store == tlb_tag(c, va)))
        *(uint8_t *)(e->addend + va) = v;
    else
        *stor_translate(c, va, ACC_STORE) = v;
}

static inline void vstore16(Cpu *c, uint32_t va, uint16_t v)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_store == tlb_tag_aligned(c, va, 2)))
        st_be16((uint8_t *)(e->addend + va), v);
    else
        vstore16_slow(c, va, v);
}

static inline void vstore32(Cpu *c, uint32_t va, uint32_t v)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_store == tlb_tag_aligned(c, va, 4)))
        st_be32((uint8_t *)(e->addend + va), v);
    else
        vstore32_slow(c, va, v);
}

static inline void vstore64(Cpu *c, uint32_t va, uint64_t v)
{
    const TlbEntry *e = tlb_entry(c, va);
    if (likely(e->tag_store == tlb_tag_aligned(c, va, 8)))
        st_be64((uint8_t *)(e->addend + va), v);
    else
        vstore64_slow(c, va, v);
}

#endif
