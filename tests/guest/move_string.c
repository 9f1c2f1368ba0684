/* DIFF-HERCULES: */
/*
 * move_string.c — the move, translate, long and string instructions as a
 * program uses them, each result compared with a plain C reference:
 * MVC (the fill idiom), MVCIN, TR, TRT, MVCL, CLCL, MVCLE, CLCLE, MVST,
 * CLST, SRST, CUSE, CKSM.  The CC-3 instructions run in the loop a program
 * writes ("0: MVST ...; JO 0b").  Operands sit across 2K and 4K page
 * boundaries on purpose.
 *
 * Returns 0, or the number of the first check that failed.
 * RUN-ARGS: --deterministic
 */
#include "guest/libc.h"

typedef unsigned long ureg;             /* a 32-bit general register (-m31) */

static unsigned char buf1[16384] __attribute__((aligned(4096)));
static unsigned char buf2[16384] __attribute__((aligned(4096)));
static unsigned char ref[16384] __attribute__((aligned(4096)));
static unsigned char table[512] __attribute__((aligned(256)));

/* ---- references, written as the manual describes the results ------------- */

static void ref_move(unsigned char *d, const unsigned char *s, unsigned n)
{
    for (unsigned i = 0; i < n; i++)            /* byte by byte, left to right */
        ((volatile unsigned char *)d)[i] = s[i];
}

static int ref_compare(const unsigned char *a, unsigned la, const unsigned char *b,
                       unsigned lb, unsigned char pad, unsigned *at)
{
    unsigned n = la > lb ? la : lb;
    for (unsigned i = 0; i < n; i++) {
        unsigned char x = i < la ? a[i] : pad, y = i < lb ? b[i] : pad;
        if (x != y) {
            *at = i;
            return x < y ? 1 : 2;
        }
    }
    *at = n;
    return 0;
}

static unsigned ref_cksm(unsigned init, const unsigned char *p, unsigned len)
{
    unsigned long long s = init;
    for (unsigned i = 0; i < len; i += 4) {
        unsigned w = 0;
        for (unsigned k = 0; k < 4; k++)
            w = w << 8 | (i + k < len ? p[i + k] : 0);
        s += w;
    }
    while (s >> 32)
        s = (s & 0xFFFFFFFFu) + (s >> 32);
    return (unsigned)s;
}

static void fill(unsigned char *p, unsigned n, unsigned seed)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 13 + seed + (i >> 9));
}

static int same(const unsigned char *a, const unsigned char *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* ---- the instructions ------------------------------------------------------ */

struct longregs { ureg a1, l1, a2, l2; int cc; };

static void mvcl(struct longregs *r)
{
    register ureg a1 asm("2") = r->a1;
    register ureg l1 asm("3") = r->l1;
    register ureg a2 asm("4") = r->a2;
    register ureg l2 asm("5") = r->l2;
    int cc;
    asm volatile("mvcl %1,%3\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(a1), "+d"(l1), "+d"(a2), "+d"(l2) : : "memory", "cc");
    r->a1 = a1; r->l1 = l1; r->a2 = a2; r->l2 = l2; r->cc = cc;
}

static void clcl(struct longregs *r)
{
    register ureg a1 asm("2") = r->a1;
    register ureg l1 asm("3") = r->l1;
    register ureg a2 asm("4") = r->a2;
    register ureg l2 asm("5") = r->l2;
    int cc;
    asm volatile("clcl %1,%3\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(a1), "+d"(l1), "+d"(a2), "+d"(l2) : : "memory", "cc");
    r->a1 = a1; r->l1 = l1; r->a2 = a2; r->l2 = l2; r->cc = cc;
}

/* MVCLE and CLCLE looped on CC 3; *units counts the executions. */
static void mvcle(struct longregs *r, ureg pad, unsigned *units)
{
    register ureg a1 asm("2") = r->a1;
    register ureg l1 asm("3") = r->l1;
    register ureg a2 asm("4") = r->a2;
    register ureg l2 asm("5") = r->l2;
    ureg n = 0;
    int cc;
    asm volatile("0:\tahi %5,1\n\tmvcle %1,%3,0(%6)\n\tjo 0b\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(a1), "+d"(l1), "+d"(a2), "+d"(l2), "+d"(n)
                 : "a"(pad) : "memory", "cc");
    r->a1 = a1; r->l1 = l1; r->a2 = a2; r->l2 = l2; r->cc = cc;
    *units = n;
}

static void clcle(struct longregs *r, ureg pad, unsigned *units)
{
    register ureg a1 asm("2") = r->a1;
    register ureg l1 asm("3") = r->l1;
    register ureg a2 asm("4") = r->a2;
    register ureg l2 asm("5") = r->l2;
    ureg n = 0;
    int cc;
    asm volatile("0:\tahi %5,1\n\tclcle %1,%3,0(%6)\n\tjo 0b\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(a1), "+d"(l1), "+d"(a2), "+d"(l2), "+d"(n)
                 : "a"(pad) : "memory", "cc");
    r->a1 = a1; r->l1 = l1; r->a2 = a2; r->l2 = l2; r->cc = cc;
    *units = n;
}

/* MVST: returns the address of the ending character in the target. */
static unsigned char *mvst(unsigned char *d, const unsigned char *s, unsigned char end)
{
    register ureg r0 asm("0") = end;
    register ureg r1 asm("2") = (ureg)d;
    register ureg r2 asm("3") = (ureg)s;
    asm volatile("0:\tmvst %0,%1\n\tjo 0b" : "+d"(r1), "+d"(r2) : "d"(r0) : "memory", "cc");
    return (unsigned char *)r1;
}

/* CLST: returns the CC; *pa, *pb the addresses the registers end with. */
static int clst(const unsigned char **pa, const unsigned char **pb, unsigned char end)
{
    register ureg r0 asm("0") = end;
    register ureg r1 asm("2") = (ureg)*pa;
    register ureg r2 asm("3") = (ureg)*pb;
    int cc;
    asm volatile("0:\tclst %1,%2\n\tjo 0b\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(r1), "+d"(r2) : "d"(r0) : "memory", "cc");
    *pa = (const unsigned char *)r1;
    *pb = (const unsigned char *)r2;
    return cc;
}

/* SRST: the address of c in [from, to), or NULL. */
static const unsigned char *srst(const unsigned char *from, const unsigned char *to, unsigned char c)
{
    register ureg r0 asm("0") = c;
    register ureg r1 asm("2") = (ureg)to;
    register ureg r2 asm("3") = (ureg)from;
    int cc;
    asm volatile("0:\tsrst %1,%2\n\tjo 0b\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(r1), "+d"(r2) : "d"(r0) : "memory", "cc");
    return cc == 1 ? (const unsigned char *)r1 : 0;
}

static unsigned cksm(unsigned init, const unsigned char *p, unsigned len)
{
    register ureg a asm("4") = (ureg)p;
    register ureg l asm("5") = len;
    ureg sum = init;
    asm volatile("0:\tcksm %0,%1\n\tjo 0b" : "+d"(sum), "+d"(a), "+d"(l) : : "memory", "cc");
    return sum;
}

static void cuse(struct longregs *r, unsigned ss, unsigned char pad)
{
    register ureg r0 asm("0") = ss;
    register ureg r1 asm("1") = pad;
    register ureg a1 asm("2") = r->a1;
    register ureg l1 asm("3") = r->l1;
    register ureg a2 asm("4") = r->a2;
    register ureg l2 asm("5") = r->l2;
    int cc;
    asm volatile("0:\tcuse %1,%3\n\tjo 0b\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(a1), "+d"(l1), "+d"(a2), "+d"(l2)
                 : "d"(r0), "d"(r1) : "memory", "cc");
    r->a1 = a1; r->l1 = l1; r->a2 = a2; r->l2 = l2; r->cc = cc;
}

/* ---- the checks ------------------------------------------------------------ */

#define CHECK(n, cond) do { if (!(cond)) return (n); } while (0)

static int test_mvc(void)
{
    /* MVC 1(255,R),0(R): propagate the first byte, across a 2K boundary */
    unsigned char *p = buf1 + 2048 - 100;
    fill(buf1, 4096, 1);
    p[0] = 0x5C;
    unsigned char before = p[-1], after = p[256];
    asm volatile("mvc 1(255,%0),0(%0)" : : "a"(p) : "memory");
    for (unsigned i = 0; i < 256; i++)
        CHECK(1, p[i] == 0x5C);
    CHECK(2, p[-1] == before && p[256] == after);

    /* a plain MVC across a 4K boundary, and a 3-byte repeating pattern */
    fill(buf2, 4096, 2);
    for (unsigned i = 0; i < 4096; i++)
        ref[i] = buf1[i];
    asm volatile("mvc 0(200,%0),0(%1)" : : "a"(buf1 + 3996), "a"(buf2 + 10) : "memory");
    CHECK(3, same(buf1 + 3996, buf2 + 10, 200));
    for (unsigned i = 0; i < 300; i++)
        ref[i] = buf1[i];
    ref_move(ref + 3, ref, 150);
    asm volatile("mvc 3(150,%0),0(%0)" : : "a"(buf1) : "memory");
    CHECK(4, same(buf1, ref, 300));
    return 0;
}

static int test_mvcin_tr_trt(void)
{
    unsigned char *d = buf1 + 4096 - 3, *s = buf2 + 2048 - 5;
    fill(buf2, 4096, 7);
    asm volatile("mvcin 0(10,%0),9(%1)" : : "a"(d), "a"(s) : "memory");
    for (unsigned i = 0; i < 10; i++)
        CHECK(10, d[i] == s[9 - i]);

    /* TR with a table crossing a page: translate to upper case-ish */
    unsigned char *tab = buf2 + 4096 - 100;
    for (unsigned i = 0; i < 256; i++)
        tab[i] = (unsigned char)(i ^ 0x40);
    fill(buf1, 4096, 3);
    for (unsigned i = 0; i < 200; i++)
        ref[i] = (unsigned char)(buf1[2000 + i] ^ 0x40);
    asm volatile("tr 0(200,%0),0(%1)" : : "a"(buf1 + 2000), "a"(tab) : "memory");
    CHECK(11, same(buf1 + 2000, ref, 200));

    /* TRT: stop at the first byte whose function byte is nonzero */
    for (unsigned i = 0; i < 256; i++)
        table[i] = 0;
    table[','] = 4;
    table[';'] = 8;
    static const char text[] = "abc def,ghi;";
    register ureg r1 asm("1") = 0;
    register ureg r2 asm("2") = 0xABCDEF00;
    int cc;
    asm volatile("trt 0(12,%3),0(%4)\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(r1), "+d"(r2) : "a"(text), "a"(table) : "cc");
    CHECK(12, cc == 1);
    CHECK(13, r1 == (ureg)(text + 7));
    CHECK(14, r2 == 0xABCDEF04);
    asm volatile("trt 0(4,%3),0(%4)\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(r1), "+d"(r2) : "a"(text + 8), "a"(table) : "cc");
    CHECK(15, cc == 2 && r1 == (ureg)(text + 11) && (r2 & 0xFF) == 8);
    asm volatile("trt 0(7,%3),0(%4)\n\tipm %0\n\tsrl %0,28"
                 : "=d"(cc), "+d"(r1), "+d"(r2) : "a"(text), "a"(table) : "cc");
    CHECK(16, cc == 0 && r1 == (ureg)(text + 11));
    return 0;
}

static int test_mvcl_clcl(void)
{
    struct longregs r;

    /* copy with padding, both operands crossing pages */
    fill(buf1, 16384, 5);
    fill(buf2, 16384, 9);
    for (unsigned i = 0; i < 16384; i++)
        ref[i] = buf1[i];
    for (unsigned i = 0; i < 9000; i++)
        ref[100 + i] = i < 5000 ? buf2[2040 + i] : 0x40;
    r.a1 = (ureg)(buf1 + 100); r.l1 = 9000;
    r.a2 = (ureg)(buf2 + 2040); r.l2 = 0x40000000 | 5000;
    mvcl(&r);
    CHECK(20, r.cc == 2);
    CHECK(21, same(buf1, ref, 16384));
    CHECK(22, r.a1 == (ureg)(buf1 + 9100) && r.l1 == 0);
    CHECK(23, r.a2 == (ureg)(buf2 + 7040) && r.l2 == 0x40000000);

    /* destructive overlap: CC 3, nothing moved */
    fill(buf1, 4096, 2);
    for (unsigned i = 0; i < 4096; i++)
        ref[i] = buf1[i];
    r.a1 = (ureg)(buf1 + 10); r.l1 = 100;
    r.a2 = (ureg)buf1;        r.l2 = 100;
    mvcl(&r);
    CHECK(24, r.cc == 3 && same(buf1, ref, 4096) && r.l1 == 100);

    /* op1 to the left of op2, overlapping: allowed, a forward move */
    for (unsigned i = 0; i < 300; i++)
        ref[i] = buf1[i];
    ref_move(ref, ref + 10, 290);
    r.a1 = (ureg)buf1;        r.l1 = 290;
    r.a2 = (ureg)(buf1 + 10); r.l2 = 290;
    mvcl(&r);
    CHECK(25, r.cc == 0 && same(buf1, ref, 300));

    /* zero lengths: CC by the lengths, no access */
    r.a1 = 0x7FFFFFF0; r.l1 = 0;
    r.a2 = 0x7FFFFFF0; r.l2 = 5;
    mvcl(&r);
    CHECK(26, r.cc == 1 && r.l2 == 5);

    /* CLCL against the reference: equal, unequal, unequal in the padding */
    fill(buf1, 8192, 4);
    for (unsigned i = 0; i < 8192; i++)
        buf2[i] = buf1[i];
    static const struct { unsigned l1, l2, flip; unsigned char pad; } rows[] = {
        { 6000, 6000, 0,    0 },
        { 6000, 6000, 4099, 0 },
        { 6000, 5000, 0,    0 },
        { 5000, 6000, 0,    0xFF },
        { 0,    0,    0,    0 },
    };
    for (unsigned k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        if (rows[k].flip)
            buf2[rows[k].flip] ^= 0x80;
        unsigned at;
        int want = ref_compare(buf1, rows[k].l1, buf2, rows[k].l2, rows[k].pad, &at);
        r.a1 = (ureg)buf1; r.l1 = rows[k].l1;
        r.a2 = (ureg)buf2; r.l2 = (ureg)rows[k].pad << 24 | rows[k].l2;
        clcl(&r);
        CHECK(30 + k, r.cc == want);
        unsigned n1 = at < rows[k].l1 ? at : rows[k].l1;
        CHECK(40 + k, r.a1 == (ureg)(buf1 + n1) && r.l1 == rows[k].l1 - n1);
        if (rows[k].flip)
            buf2[rows[k].flip] ^= 0x80;
    }
    return 0;
}

static int test_mvcle_clcle(void)
{
    struct longregs r;
    unsigned units;

    fill(buf1, 16384, 6);
    fill(buf2, 16384, 8);
    for (unsigned i = 0; i < 16384; i++)
        ref[i] = buf1[i];
    for (unsigned i = 0; i < 12000; i++)
        ref[1 + i] = i < 9000 ? buf2[3 + i] : 0xC1;
    r.a1 = (ureg)(buf1 + 1); r.l1 = 12000;
    r.a2 = (ureg)(buf2 + 3); r.l2 = 9000;
    mvcle(&r, 0xC1, &units);
    CHECK(50, r.cc == 2);
    CHECK(51, same(buf1, ref, 16384));
    CHECK(52, r.l1 == 0 && r.l2 == 0 && r.a1 == (ureg)(buf1 + 12001));
    CHECK(53, units > 1);                      /* CC 3 was used on the way */

    for (unsigned i = 0; i < 16384; i++)
        buf2[i] = buf1[i];
    buf2[10000] ^= 1;
    r.a1 = (ureg)buf1; r.l1 = 16000;
    r.a2 = (ureg)buf2; r.l2 = 16000;
    clcle(&r, 0, &units);
    CHECK(54, r.cc == (buf1[10000] < buf2[10000] ? 1 : 2));
    CHECK(55, r.a1 == (ureg)(buf1 + 10000) && r.l2 == 6000);
    buf2[10000] ^= 1;
    r.a1 = (ureg)buf1; r.l1 = 16000;
    r.a2 = (ureg)buf2; r.l2 = 16000;
    clcle(&r, 0, &units);
    CHECK(56, r.cc == 0 && units > 1);
    return 0;
}

static int test_strings(void)
{
    /* MVST: a string longer than any CPU-determined unit, across pages */
    unsigned char *s = buf2 + 2048 - 7, *d = buf1 + 4096 - 11;
    for (unsigned i = 0; i < 1500; i++)
        s[i] = (unsigned char)('A' + i % 26);
    s[1500] = 0;
    unsigned char *e = mvst(d, s, 0);
    CHECK(60, e == d + 1500 && same(d, s, 1501));

    /* CLST: equal, then differing late, then one string shorter */
    const unsigned char *pa = d, *pb = s;
    CHECK(61, clst(&pa, &pb, 0) == 0 && pa - d == pb - s);   /* where the last unit began */
    d[1200] = 'a';                              /* 'a' > any of 'A'..'Z' */
    pa = d; pb = s;
    CHECK(62, clst(&pa, &pb, 0) == 2 && pa == d + 1200 && pb == s + 1200);
    d[1200] = 0;
    pa = d; pb = s;
    CHECK(63, clst(&pa, &pb, 0) == 1 && pa == d + 1200);

    /* SRST: found far away, not found, ending at the start */
    CHECK(64, srst(s, s + 1500, 0) == 0);
    s[1400] = '*';
    CHECK(65, srst(s, s + 1500, '*') == s + 1400);
    CHECK(66, srst(s, s + 1400, '*') == 0);
    CHECK(67, srst(s + 5, s + 5, 'A') == 0);

    /* CKSM against the reference, odd lengths, a page-crossing start */
    fill(buf1, 16384, 11);
    static const unsigned lens[] = { 0, 1, 2, 3, 4, 5, 255, 4096, 10001 };
    for (unsigned k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        const unsigned char *p = buf1 + 2048 - 3 + k;
        CHECK(70 + k, cksm(0x89ABCDEF * k, p, lens[k]) == ref_cksm(0x89ABCDEF * k, p, lens[k]));
    }

    /* CUSE: an equal substring far out, after unequal bytes */
    for (unsigned i = 0; i < 3000; i++) {
        buf1[i] = (unsigned char)i;
        buf2[i] = (unsigned char)~i;
    }
    for (unsigned i = 2345; i < 2355; i++)
        buf1[i] = buf2[i] = 'Q';
    struct longregs r = { (ureg)buf1, 3000, (ureg)buf2, 3000, 0 };
    cuse(&r, 10, 0);
    CHECK(80, r.cc == 0 && r.a1 == (ureg)(buf1 + 2345) && r.l2 == 3000 - 2345);
    r = (struct longregs){ (ureg)buf1, 3000, (ureg)buf2, 3000, 0 };
    cuse(&r, 11, 0);                            /* too long: never found */
    CHECK(81, r.cc == 2 && r.l1 == 0 && r.a2 == (ureg)(buf2 + 3000));
    return 0;
}

int main(void)
{
    int rc;
    if ((rc = test_mvc()) != 0)
        return rc;
    if ((rc = test_mvcin_tr_trt()) != 0)
        return rc;
    if ((rc = test_mvcl_clcl()) != 0)
        return rc;
    if ((rc = test_mvcle_clcle()) != 0)
        return rc;
    if ((rc = test_strings()) != 0)
        return rc;
    return 0;
}
