/*
 * insn_string.c — the string instructions and CHECKSUM: CLST MVST SRST
 * CUSE CKSM.
 *
 * ESA/390 PoO SA22-7201 ch. 7 "General instructions".  All of them stop
 * after a CPU-determined number of bytes with condition code 3 and the
 * registers updated, and the program branches back to continue; so an
 * execution is a bounded unit of operation.  Registers are written only at
 * the end of a unit, and MVST stores only after the whole unit has been
 * fetched and checked: an access exception leaves registers and storage as
 * they were, and re-execution repeats the unit.
 *
 * Updated addresses are wrapped to the addressing mode, which sets bits
 * 0-7 (24-bit mode) or bit 0 (31-bit mode) of the register to zero.
 */
#include "insn.h"

/* CPU-determined amounts (the manual allows any amount >= 1; 256 is what
 * it suggests for the string instructions). */
#define STRING_UNIT 256u
#define CKSM_UNIT   4096u

/* The ending character: GR0 bits 24-31; bits 0-23 must be zero. */
static uint8_t ending_char(Cpu *c)
{
    spec_check(c, (c->gr[0] & 0xFFFFFF00u) != 0);
    return (uint8_t)c->gr[0];
}

/* B25D  CLST — COMPARE LOGICAL STRING (RRE).  CC 0 both strings end at the
 * same byte (registers unchanged); CC 1/2 operand 1 low/high, operand 1 or
 * 2 ending first counting as low/high (R1, R2 designate the last bytes
 * examined); CC 3 a CPU-determined number of bytes equal (R1, R2 advanced). */
void insn_clst(Cpu *c, const uint8_t *ip)
{
    uint8_t end = ending_char(c);
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    uint32_t a1 = c->gr[r1] & c->amask, a2 = c->gr[r2] & c->amask;
    unsigned cc = 3;

    for (unsigned i = 0; i < STRING_UNIT; i++) {
        uint8_t b1 = vfetch8(c, a1), b2 = vfetch8(c, a2);
        if (b1 == end && b2 == end) {
            cc_set(c, 0);
            return;
        }
        if (b1 == end || (b2 != end && b1 < b2)) {
            cc = 1;
            break;
        }
        if (b2 == end || b1 > b2) {
            cc = 2;
            break;
        }
        a1 = (a1 + 1) & c->amask;
        a2 = (a2 + 1) & c->amask;
    }
    c->gr[r1] = a1;
    c->gr[r2] = a2;
    cc_set(c, cc);
}

/* B255  MVST — MOVE STRING (RRE).  Operand 2 up to and including the
 * ending character goes to operand 1.  CC 1: all moved, R1 = address of
 * the ending character in operand 1, R2 unchanged; CC 3: a CPU-determined
 * number of bytes moved, R1 and R2 advanced.  Overlap is unpredictable. */
void insn_mvst(Cpu *c, const uint8_t *ip)
{
    uint8_t end = ending_char(c);
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    uint32_t a1 = c->gr[r1] & c->amask, a2 = c->gr[r2] & c->amask;
    uint8_t buf[STRING_UNIT];
    uint32_t n = 0;
    bool found = false;

    while (n < STRING_UNIT) {
        uint8_t b = vfetch8(c, (a2 + n) & c->amask);
        buf[n++] = b;
        if (b == end) {
            found = true;
            break;
        }
    }
    vstore_bytes(c, a1, buf, n);       /* checks every page, then stores */
    if (found) {
        c->gr[r1] = (a1 + n - 1) & c->amask;
        cc_set(c, 1);
    } else {
        c->gr[r1] = (a1 + n) & c->amask;
        c->gr[r2] = (a2 + n) & c->amask;
        cc_set(c, 3);
    }
}

/* B25E  SRST — SEARCH STRING (RRE).  Search from the address in R2 up to,
 * not including, the address in R1 for the character in GR0.  CC 1 found:
 * its address to R1, R2 unchanged; CC 2 the end reached, registers
 * unchanged; CC 3 a CPU-determined number of bytes searched, R2 advanced.
 * The search wraps around the top of storage, so "R1 below R2" is legal. */
void insn_srst(Cpu *c, const uint8_t *ip)
{
    uint8_t ch = ending_char(c);
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    uint32_t end = c->gr[r1] & c->amask, a2 = c->gr[r2] & c->amask;

    for (uint32_t done = 0;; ) {
        if (a2 == end) {
            cc_set(c, 2);
            return;
        }
        if (done >= STRING_UNIT)
            break;
        /* Scan up to the end of this page (or of the operand) at once. */
        uint32_t seg = TLB_PAGE_SIZE - (a2 & (TLB_PAGE_SIZE - 1));
        uint32_t left = (end - a2) & c->amask;
        if (seg > left)
            seg = left;
        if (seg > STRING_UNIT - done)
            seg = STRING_UNIT - done;
        const uint8_t *p = stor_host_ptr(c, a2, ACC_FETCH);
        const uint8_t *hit = memchr(p, ch, seg);
        if (hit) {
            c->gr[r1] = (a2 + (uint32_t)(hit - p)) & c->amask;
            cc_set(c, 1);
            return;
        }
        a2 = (a2 + seg) & c->amask;
        done += seg;
    }
    c->gr[r2] = a2;
    cc_set(c, 3);
}

/* B257  CUSE — COMPARE UNTIL SUBSTRING EQUAL (RRE).  R1/R2 even pairs:
 * address and 32-bit length of each operand; the substring length SS is
 * GR0 bits 24-31, the padding byte GR1 bits 24-31 (the shorter operand is
 * extended with it).  The operands are compared byte by byte at the same
 * offsets, looking for SS consecutive equal bytes.
 *   CC 0  equal substring found: the registers designate its first bytes
 *   CC 1  end of the longer operand, the last bytes equal (a partial
 *         substring): the registers designate its first bytes
 *   CC 2  end of the longer operand, the last bytes unequal: the
 *         registers designate the ends of the operands
 *   CC 3  a CPU-determined number of bytes compared: the registers
 *         designate the next bytes.  This implementation stops only right
 *         after an unequal pair, so no partial substring is left behind.
 * ??? SS = 0 gives CC 0 with the registers unchanged, and both lengths
 * zero (SS nonzero) gives CC 2, as read from the manual's CC table; these
 * corner cases are worth checking against a real machine. */
void insn_cuse(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    spec_check(c, (r1 | r2) & 1);
    uint32_t ss = c->gr[0] & 0xFF;
    uint8_t pad = (uint8_t)c->gr[1];
    uint32_t a1 = c->gr[r1] & c->amask, l1 = c->gr[r1 + 1];
    uint32_t a2 = c->gr[r2] & c->amask, l2 = c->gr[r2 + 1];

    if (ss == 0) {
        cc_set(c, 0);
        return;
    }
    /* Start of the current run of equal bytes. */
    uint32_t s1 = a1, sl1 = l1, s2 = a2, sl2 = l2;
    uint32_t run = 0, count = 0;
    unsigned cc;

    for (;;) {
        if (l1 == 0 && l2 == 0) {
            cc = run ? 1 : 2;
            break;
        }
        if (run == 0 && count >= STRING_UNIT) {
            cc = 3;
            break;
        }
        if (run == 0) {
            s1 = a1; sl1 = l1;
            s2 = a2; sl2 = l2;
        }
        uint8_t b1 = pad, b2 = pad;
        if (l1) {
            b1 = vfetch8(c, a1);
            a1 = (a1 + 1) & c->amask;
            l1--;
        }
        if (l2) {
            b2 = vfetch8(c, a2);
            a2 = (a2 + 1) & c->amask;
            l2--;
        }
        count++;
        if (b1 != b2) {
            run = 0;
            continue;
        }
        if (++run == ss) {
            cc = 0;
            break;
        }
    }
    if (cc == 0 || cc == 1) {
        a1 = s1; l1 = sl1;
        a2 = s2; l2 = sl2;
    }
    c->gr[r1] = a1;
    c->gr[r1 + 1] = l1;
    c->gr[r2] = a2;
    c->gr[r2 + 1] = l2;
    cc_set(c, cc);
}

/* B241  CKSM — CHECKSUM (RRE).  Operand 2 (R2 even: address, R2+1 32-bit
 * length) is added word by word to R1 as 32-bit unsigned integers with a
 * carry out of bit 0 added back into bit 31; a last partial word is padded
 * on the right with zeros.  CC 0 done; CC 3 a CPU-determined amount done. */
void insn_cksm(Cpu *c, const uint8_t *ip)
{
    unsigned r1 = rre_r1(ip), r2 = rre_r2(ip);
    spec_check(c, r2 & 1);
    uint32_t a2 = c->gr[r2] & c->amask, l2 = c->gr[r2 + 1];
    uint32_t sum = c->gr[r1];
    uint32_t done = 0;

    while (l2 && done < CKSM_UNIT) {
        uint32_t w, n;
        if (l2 >= 4) {
            w = vfetch32(c, a2);
            n = 4;
        } else {
            uint8_t b[4] = { 0, 0, 0, 0 };
            for (n = 0; n < l2; n++)
                b[n] = vfetch8(c, (a2 + n) & c->amask);
            w = ld_be32(b);
        }
        uint64_t t = (uint64_t)sum + w;
        sum = (uint32_t)t + (uint32_t)(t >> 32);
        a2 = (a2 + n) & c->amask;
        l2 -= n;
        done += n;
    }
    c->gr[r1] = sum;
    c->gr[r2] = a2;
    c->gr[r2 + 1] = l2;
    cc_set(c, l2 ? 3 : 0);
}
