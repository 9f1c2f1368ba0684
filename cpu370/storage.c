/*
 * storage.c — the slow path of storage access: DAT, prefixing, protection,
 * reference and change bits, page crossing, and the TLB fill.
 *
 * ESA/390 PoO SA22-7201 ch. 3 "Storage": prefixing ("Prefixing"), key-
 * controlled protection with fetch-protection and storage-protection
 * override (CR0 bits 6-7), low-address protection (CR0 bit 3, addresses
 * 0-511), page protection, reference and change recording.
 * S/370 PoO GA22-7000 ch. 3: the same rules with 2K key blocks.
 *
 * This is the only module that turns a translation result into a program
 * interruption.
 */
#include "storage.h"
#include "dat.h"

uint32_t stor_real_to_abs(const Cpu *c, uint32_t ra)
{
    /* Prefixing swaps real page 0 (4K) with the prefix area. */
    uint32_t page = ra & ~0xFFFu;
    if (page == 0)
        return ra | c->prefix;
    if (page == c->prefix)
        return ra & 0xFFF;
    return ra;
}

uint8_t *stor_abs_ptr(const Cpu *c, uint32_t abs, uint32_t len)
{
    if (abs >= c->memsize || len > c->memsize - abs)
        return NULL;
    if (unlikely(c->map_abs != NULL)) {
        /* A pageable SIE guest: contiguous only within a 4K page. */
        uint8_t *key;
        if (len > 4096 - (abs & 0xFFF))
            return NULL;
        return c->map_abs((Cpu *)c, abs, ACC_FETCH, &key);
    }
    return c->mem + abs;
}

uint8_t *stor_key_ptr(Cpu *c, uint32_t abs)
{
    uint8_t *key;
    if (abs >= c->memsize)
        return NULL;
    if (unlikely(c->map_abs != NULL))
        return c->map_abs(c, abs, ACC_FETCH, &key) ? key : NULL;
    return &c->keys[abs >> TLB_PAGE_SHIFT];
}

/* Absolute address -> host pointer and storage key, or NULL when it is
 * outside the storage this Cpu addresses. */
static inline uint8_t *abs_map(Cpu *c, uint32_t abs, int acc, uint8_t **key)
{
    if (abs >= c->memsize)
        return NULL;
    if (unlikely(c->map_abs != NULL))
        return c->map_abs(c, abs, acc, key);
    *key = &c->keys[abs >> TLB_PAGE_SHIFT];
    return c->mem + abs;
}

uint8_t *real_ptr(Cpu *c, uint32_t ra, uint32_t len)
{
    uint8_t *p = stor_abs_ptr(c, stor_real_to_abs(c, ra), len);
    if (!p)
        cpu_program_check(c, PGM_ADDRESSING);
    return p;
}

uint32_t real_fetch32(Cpu *c, uint32_t ra)
{
    return ld_be32(real_ptr(c, ra, 4));
}

void real_store32(Cpu *c, uint32_t ra, uint32_t v)
{
    st_be32(real_ptr(c, ra, 4), v);
}

void tlb_purge(Cpu *c)
{
    /* The TLB of a guest this Cpu runs under SIE caches translations that
     * go through this Cpu's tables and keys: purge it too (SIE.md §7). */
    if (c->guest)
        tlb_purge(c->guest);
    c->tlb_gen++;
    if (c->tlb_gen == 0) {
        /* Generation wrapped: old entries could match again; wipe them. */
        for (unsigned i = 0; i < TLB_ENTRIES; i++)
            c->tlb[i].tag_fetch = c->tlb[i].tag_store = UINT64_MAX;
        c->tlb_gen = 1;
    }
    cpu_state_changed(c);
}

void tlb_purge_all_cpus(Machine *m)
{
    tlb_purge(m->cpu);
}

/* Key-controlled protection (ESA/390 PoO ch. 3 "Key-controlled protection"):
 * may access key `key` make an access of kind `acc` to storage whose storage
 * key is `skey`?  `va` is the effective address, used by fetch-protection
 * override. */
bool stor_key_allows(const Cpu *c, unsigned key, uint8_t skey, uint32_t va, int acc)
{
    if (key == 0 || key == (unsigned)(skey >> 4))
        return true;
    /* Storage-protection override: key-9 storage is open to every key. */
    if ((c->cr[0] & CR0_STORE_PROT_OVR) && (skey >> 4) == 9 && c->arch != ARCH_S370)
        return true;
    if (acc == ACC_STORE)
        return false;
    if (!(skey & SK_FETCH))
        return true;
    /* Fetch-protection override: locations 0-2047 are not fetch protected. */
    if ((c->cr[0] & CR0_FETCH_PROT_OVR) && va < 2048 && c->arch != ARCH_S370)
        return true;
    return false;
}

static bool key_allows(const Cpu *c, uint8_t skey, uint32_t va, int acc)
{
    return stor_key_allows(c, c->psw.key, skey, va, acc);
}

bool stor_low_address_protected(const Cpu *c, uint32_t va)
{
    return (c->cr[0] & CR0_LOW_ADDR_PROT) && va < 512;
}

static bool low_address_protected(const Cpu *c, uint32_t va)
{
    return stor_low_address_protected(c, va);
}

static _Noreturn void access_exception(Cpu *c, int code, const DatResult *r)
{
    if (code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION) {
        c->tea = r->tea;
        c->tea_valid = true;
    }
    cpu_program_check(c, code);
}

/* The whole access check for one byte at logical `va`: translation in
 * address space `asc` when DAT is on, prefixing, addressing, key-controlled
 * protection with access key `key`, page and low-address protection, then
 * (if `record`) the reference and change bits.  Returns the host pointer
 * to the byte and, in *keyp, its storage key. */
static uint8_t *access_check(Cpu *c, uint32_t va, int acc, unsigned key, int asc, bool record,
                             uint8_t **keyp)
{
    uint32_t ra = va;
    DatResult r = { 0 };

    if (psw_dat_on(c)) {
        int code = dat_translate(c, va, asc, &r);
        if (code)
            access_exception(c, code, &r);
        ra = r.ra;
    }
    uint8_t *skey;
    uint8_t *p = abs_map(c, stor_real_to_abs(c, ra), acc, &skey);
    if (!p)
        cpu_program_check(c, PGM_ADDRESSING);

    if (!stor_key_allows(c, key, *skey, va, acc))
        cpu_program_check(c, PGM_PROTECTION);
    if (acc == ACC_STORE) {
        if (r.prot)
            cpu_program_check(c, PGM_PROTECTION);
        if (low_address_protected(c, va))
            cpu_program_check(c, PGM_PROTECTION);
    }
    if (record)
        *skey |= acc == ACC_STORE ? SK_REF | SK_CHANGE : SK_REF;
    *keyp = skey;
    return p;
}

uint8_t *stor_access(Cpu *c, uint32_t va, int acc, unsigned key, int asc)
{
    uint8_t *skey;
    return access_check(c, va & c->amask, acc, key, asc, true, &skey);
}

uint32_t stor_translate_abs(Cpu *c, uint32_t va, int asc)
{
    DatResult r = { 0 };
    int code = dat_translate(c, va, asc, &r);
    if (code)
        access_exception(c, code, &r);
    uint32_t abs = stor_real_to_abs(c, r.ra);
    if (abs >= c->memsize)
        cpu_program_check(c, PGM_ADDRESSING);
    return abs;
}

uint8_t *stor_translate(Cpu *c, uint32_t va, int acc)
{
    va &= c->amask;
    uint8_t *skey;
    uint8_t *p = access_check(c, va, acc, c->psw.key, c->psw.asc, true, &skey);

    /* Fill the TLB.  Protection is uniform over a 2K page (keys are per 2K,
     * fetch-protection override covers exactly page 0), except low-address
     * protection, which covers only 0-511: page 0 under it never gets a
     * store tag, so every store there comes back here to be checked. */
    TlbEntry *e = tlb_entry(c, va);
    uint64_t tag = tlb_tag(c, va);
    uintptr_t addend = (uintptr_t)p - va;
    if (e->addend != addend || (e->tag_fetch != tag && e->tag_store != tag)) {
        e->tag_fetch = e->tag_store = UINT64_MAX;
        e->addend = addend;
    }
    if (key_allows(c, *skey, va, ACC_FETCH))
        e->tag_fetch = tag;
    if (acc == ACC_STORE && !((c->cr[0] & CR0_LOW_ADDR_PROT) && (va & TLB_PAGE_MASK) == 0))
        e->tag_store = tag;
    return p;
}

/* Byte-wise access for operands that cross a page or wrap around. */
static void fetch_span(Cpu *c, uint32_t va, uint8_t *buf, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        buf[i] = vfetch8(c, (va + i) & c->amask);
}

uint32_t vfetch16_slow(Cpu *c, uint32_t va)
{
    const uint8_t *p = tlb_fetch_ptr(c, va, 2);   /* unaligned, in one page */
    if (p)
        return ld_be16(p);
    uint8_t b[2];
    fetch_span(c, va, b, 2);
    return ld_be16(b);
}

uint32_t vfetch32_slow(Cpu *c, uint32_t va)
{
    const uint8_t *p = tlb_fetch_ptr(c, va, 4);   /* unaligned, in one page */
    if (p)
        return ld_be32(p);
    uint8_t b[4];
    fetch_span(c, va, b, 4);
    return ld_be32(b);
}

uint64_t vfetch64_slow(Cpu *c, uint32_t va)
{
    const uint8_t *p = tlb_fetch_ptr(c, va, 8);   /* unaligned, in one page */
    if (p)
        return ld_be64(p);
    uint8_t b[8];
    fetch_span(c, va, b, 8);
    return ld_be64(b);
}

void stor_prepare(Cpu *c, uint32_t va, uint32_t len, int acc)
{
    /* Check the first byte of every 2K page in the operand.  Only a check:
     * a page the TLB already allows needs no walk, and nothing is
     * recorded, so that an exception on a later page leaves no change bit
     * on an earlier one that was never stored into (the accesses
     * themselves set the bits). */
    uint32_t off = 0;
    while (off < len) {
        uint32_t a = (va + off) & c->amask;
        bool hit = acc == ACC_STORE ? tlb_store_ptr(c, a, 1) != NULL
                                    : tlb_fetch_ptr(c, a, 1) != NULL;
        uint8_t *skey;
        if (!hit)
            access_check(c, a, acc, c->psw.key, c->psw.asc, false, &skey);
        off += TLB_PAGE_SIZE - (a & (TLB_PAGE_SIZE - 1));
    }
}

void vfetch_bytes(Cpu *c, uint32_t va, void *buf, uint32_t len)
{
    uint8_t *out = buf;
    while (len) {
        va &= c->amask;
        uint32_t chunk = TLB_PAGE_SIZE - (va & (TLB_PAGE_SIZE - 1));
        if (chunk > len)
            chunk = len;
        if (va + chunk - 1 > c->amask)          /* wraps inside this page */
            chunk = c->amask - va + 1;
        uint8_t *p = stor_host_ptr(c, va, ACC_FETCH);
        memcpy(out, p, chunk);
        out += chunk;
        va += chunk;
        len -= chunk;
    }
}

void vstore_bytes(Cpu *c, uint32_t va, const void *buf, uint32_t len)
{
    const uint8_t *in = buf;
    if (len == 0)
        return;
    stor_prepare(c, va, len, ACC_STORE);
    while (len) {
        va &= c->amask;
        uint32_t chunk = TLB_PAGE_SIZE - (va & (TLB_PAGE_SIZE - 1));
        if (chunk > len)
            chunk = len;
        if (va + chunk - 1 > c->amask)
            chunk = c->amask - va + 1;
        uint8_t *p = stor_host_ptr(c, va, ACC_STORE);
        memcpy(p, in, chunk);
        in += chunk;
        va += chunk;
        len -= chunk;
    }
}

void vstore16_slow(Cpu *c, uint32_t va, uint16_t v)
{
    uint8_t *p = tlb_store_ptr(c, va, 2);         /* unaligned, in one page */
    if (p) {
        st_be16(p, v);
        return;
    }
    uint8_t b[2];
    st_be16(b, v);
    vstore_bytes(c, va, b, 2);
}

void vstore32_slow(Cpu *c, uint32_t va, uint32_t v)
{
    uint8_t *p = tlb_store_ptr(c, va, 4);         /* unaligned, in one page */
    if (p) {
        st_be32(p, v);
        return;
    }
    uint8_t b[4];
    st_be32(b, v);
    vstore_bytes(c, va, b, 4);
}

void vstore64_slow(Cpu *c, uint32_t va, uint64_t v)
{
    uint8_t *p = tlb_store_ptr(c, va, 8);         /* unaligned, in one page */
    if (p) {
        st_be64(p, v);
        return;
    }
    uint8_t b[8];
    st_be64(b, v);
    vstore_bytes(c, va, b, 8);
}

int stor_lra(Cpu *c, uint32_t va, int asc, uint32_t *ra, bool *prot)
{
    /* No side effects: the TEA is stored only when an access exception is
     * actually raised (a stale tea_valid would leak into the next program
     * interruption). */
    DatResult r = { 0 };
    int code = dat_translate(c, va, asc, &r);
    *ra = r.ra;
    *prot = r.prot;
    return code;
}
