/* DIFF-HERCULES: */
/*
 * general_arith.c — integer arithmetic as compiled C uses it: 64-bit
 * multiply and divide (inline pairs and libgcc's __divdi3 & co.), 32-bit
 * signed and unsigned division, 64-bit shifts by every amount, byte swaps,
 * dense switch statements (jump tables), counted loops, carries and
 * borrows, bit counting, comparisons of edge values.
 *
 * Operands come from volatile storage so that the compiler cannot fold
 * them.  Each check compares with a constant: known values (the CRC-32
 * check value, Fibonacci numbers, powers of two) or values computed by the
 * same fixed-width C expressions on the host.  main() returns 0, or the
 * number of the first failing check.
 */
#include "guest/libc.h"

#define CHECK(n, got, want) \
    do { if ((got) != (want)) return (n); } while (0)

static volatile int32_t  si[] = { 0, 1, -1, 7, -7, 0x7FFFFFFF, (int32_t)0x80000000, 1000000007, -123456789, 65536 };
static volatile uint32_t ui[] = { 0, 1, 0xFFFFFFFFu, 7, 0x80000000u, 0xDEADBEEFu, 0x12345678u, 10, 3, 0x0000FFFFu };
static volatile int64_t  sl[] = { 0, 1, -1, 0x7FFFFFFFFFFFFFFFll, (int64_t)0x8000000000000000ull,
                                  1234567890123ll, -987654321987ll, 10, -3, 0x100000000ll };
static volatile uint64_t ul[] = { 0, 1, 0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull,
                                  0x0123456789ABCDEFull, 0xFFFFFFFFull, 0x100000000ull, 10, 3, 1000000007ull };

/* ---- helpers the compiler must not inline or fold ---------------------- */

static __attribute__((noinline)) uint64_t mix64(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001B3ull;             /* FNV-1a prime */
    return h;
}

static __attribute__((noinline)) uint32_t crc32(const uint8_t *p, unsigned n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static __attribute__((noinline)) uint64_t fib(unsigned n)
{
    uint64_t a = 0, b = 1;
    while (n--) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

/* A dense switch: GCC makes a jump table (LARL, SLL, L, BR). */
static __attribute__((noinline)) int32_t op_switch(int op, int32_t a, int32_t b)
{
    switch (op) {
    case 0:  return (int32_t)((uint32_t)a + (uint32_t)b);     /* wrapping, */
    case 1:  return (int32_t)((uint32_t)a - (uint32_t)b);     /* no C UB   */
    case 2:  return (int32_t)((uint32_t)a * (uint32_t)b);
    case 3:  return b ? a / b : 0;
    case 4:  return b ? a % b : 0;
    case 5:  return a & b;
    case 6:  return a | b;
    case 7:  return a ^ b;
    case 8:  return (int32_t)((uint32_t)a << (b & 31));
    case 9:  return a >> (b & 31);
    case 10: return (int32_t)((uint32_t)a >> (b & 31));
    case 11: return a < b;
    case 12: return (uint32_t)a < (uint32_t)b;
    case 13: return (int32_t)(0u - (uint32_t)a);
    case 14: return ~a;
    case 15: return a < 0 ? (int32_t)(0u - (uint32_t)a) : a;
    default: return 12345;
    }
}

/* A sparse switch: a compare tree. */
static __attribute__((noinline)) int sparse_switch(uint32_t v)
{
    switch (v) {
    case 3:          return 1;
    case 100:        return 2;
    case 1000:       return 3;
    case 65536:      return 4;
    case 0x7FFFFFFF: return 5;
    case 0x80000000: return 6;
    case 0xFFFFFFFF: return 7;
    default:         return 0;
    }
}

static __attribute__((noinline)) unsigned utoa10(uint64_t v, char *out)
{
    char tmp[24];
    unsigned n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (unsigned i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static __attribute__((noinline)) int64_t atoi10(const char *s)
{
    int neg = *s == '-';
    int64_t v = 0;
    if (neg)
        s++;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

struct bits {
    unsigned a : 3;
    unsigned b : 7;
    signed   c : 5;
    unsigned d : 17;
};

int main(void)
{
    /* 1-9: 64-bit multiply */
    CHECK(1, sl[5] * sl[7], 12345678901230ll);
    CHECK(2, sl[6] * sl[8], 2962962965961ll);
    CHECK(3, sl[2] * sl[3], -0x7FFFFFFFFFFFFFFFll);
    CHECK(4, ul[4] * ul[4], 0xDCA5E20890F2A521ull);
    CHECK(5, ul[5] * ul[5], 0xFFFFFFFE00000001ull);
    CHECK(6, (uint64_t)ui[2] * ui[2], 0xFFFFFFFE00000001ull);      /* MLR */
    CHECK(7, (int64_t)si[5] * si[6], -0x3FFFFFFF80000000ll);         /* MR  */
    CHECK(8, (int64_t)si[4] * si[8], 864197523ll);
    CHECK(9, ul[2] * ul[2], 1ull);

    /* 10-24: 64-bit divide and remainder (libgcc) */
    CHECK(10, sl[5] / sl[7], 123456789012ll);
    CHECK(11, sl[5] % sl[7], 3ll);
    CHECK(12, sl[6] / sl[8], 329218107329ll);
    CHECK(13, sl[6] % sl[8], 0ll);
    CHECK(14, sl[6] / sl[7], -98765432198ll);
    CHECK(15, sl[6] % sl[7], -7ll);
    CHECK(16, sl[4] / sl[1], (int64_t)0x8000000000000000ull);
    CHECK(17, sl[3] / sl[9], 0x7FFFFFFFll);
    CHECK(18, sl[3] % sl[9], 0xFFFFFFFFll);
    CHECK(19, ul[2] / ul[8], 0x5555555555555555ull);
    CHECK(20, ul[2] % ul[9], 582344007ull);
    CHECK(21, ul[4] / ul[5], 0x01234567ull);
    CHECK(22, ul[4] % ul[5], 0x8ACF1356ull);
    CHECK(23, ul[3] / ul[6], 0x80000000ull);
    CHECK(24, ul[2] / ul[2], 1ull);

    /* 25-34: 32-bit divide and remainder, signed (DR) and unsigned (DLR) */
    CHECK(25, si[7] / si[3], 142857143);
    CHECK(26, si[7] % si[3], 6);
    CHECK(27, si[8] / si[3], -17636684);
    CHECK(28, si[8] % si[3], -1);
    CHECK(29, si[8] / si[4], 17636684);
    CHECK(30, si[6] / si[1], (int32_t)0x80000000);
    CHECK(31, ui[5] / ui[7], 373592855u);
    CHECK(32, ui[5] % ui[7], 9u);
    CHECK(33, ui[2] / ui[8], 0x55555555u);
    CHECK(34, ui[4] % ui[3], 2u);

    /* 35-38: 64-bit shifts by every amount */
    {
        uint64_t acc = 0;
        for (unsigned k = 0; k < 64; k++) {
            acc = mix64(acc, ul[4] << k);
            acc = mix64(acc, ul[4] >> k);
            acc = mix64(acc, (uint64_t)(sl[6] >> k));
            acc = mix64(acc, (uint64_t)((int64_t)ul[3] >> k));
        }
        CHECK(35, acc, 0xBA4C19159094BAC4ull);
        uint64_t one = ul[1];
        for (unsigned k = 0; k < 64; k++)
            if ((one << k) != (1ull << k) || ((ul[3] >> k) != (0x8000000000000000ull >> k)))
                return 36;
        uint32_t w = ui[6], acc32 = 0;
        for (unsigned k = 0; k < 32; k++)
            acc32 = acc32 * 31 + (w << k) + (w >> k) + (uint32_t)((int32_t)ui[4] >> k);
        CHECK(37, acc32, 0x3BDB975Cu);
        CHECK(38, (uint32_t)(si[6] >> 31), 0xFFFFFFFFu);
    }

    /* 39-43: byte swaps */
    CHECK(39, __builtin_bswap32(ui[5]), 0xEFBEADDEu);
    CHECK(40, __builtin_bswap16((uint16_t)ui[6]), 0x7856u);
    CHECK(41, __builtin_bswap64(ul[4]), 0xEFCDAB8967452301ull);
    {
        volatile uint32_t mem = 0x11223344u;
        uint32_t v = __builtin_bswap32(mem);
        CHECK(42, v, 0x44332211u);
        mem = __builtin_bswap32(ui[5]);
        CHECK(43, mem, 0xEFBEADDEu);
    }

    /* 44-47: jump tables and compare trees */
    {
        uint32_t h = 0;
        for (int op = 0; op < 18; op++)
            for (unsigned i = 0; i < 10; i++)
                for (unsigned j = 0; j < 10; j += 3)
                    h = h * 33 + (uint32_t)op_switch(op, si[i], si[j]);
        CHECK(44, h, 0x2B35F123u);
        CHECK(45, op_switch(15, si[6], 0), (int32_t)0x80000000);
        int s = 0;
        for (unsigned i = 0; i < 10; i++)
            s = s * 8 + sparse_switch(ui[i]);
        CHECK(46, s, 0xE30008);
        CHECK(47, sparse_switch(ui[2]) + sparse_switch(1000) * 10, 37);
    }

    /* 48-52: loops: CRC-32, Fibonacci, decimal conversion */
    {
        static const uint8_t check[] = "123456789";
        CHECK(48, crc32(check, 9), 0xCBF43926u);          /* the CRC-32 check value */
        CHECK(49, fib(50), 12586269025ull);
        CHECK(50, fib(93), 12200160415121876738ull);
        char buf[24];
        CHECK(51, utoa10(ul[2], buf), 20u);
        CHECK(52, strcmp(buf, "18446744073709551615"), 0);
        CHECK(53, atoi10("-9223372036854775807") - 1, (int64_t)0x8000000000000000ull);
        CHECK(54, atoi10("1234567890123") + sl[6], 246913568136ll);
    }

    /* 55-60: carries, borrows, overflow tests, comparisons */
    {
        uint64_t a = ul[5], b = ul[1];
        CHECK(55, a + b, 0x100000000ull);                  /* ALR + ALCR */
        CHECK(56, ul[6] - b, 0xFFFFFFFFull);               /* SLR + SLBR */
        CHECK(57, ul[0] - b, 0xFFFFFFFFFFFFFFFFull);
        int32_t r;
        CHECK(58, __builtin_add_overflow(si[5], si[1], &r), 1);
        CHECK(59, __builtin_sub_overflow(si[6], si[2], &r) == 0 && r == (int32_t)0x80000001, 1);
        uint32_t lt = 0;
        for (unsigned i = 0; i < 10; i++)
            for (unsigned j = 0; j < 10; j++)
                lt = lt * 3 + (uint32_t)((si[i] < si[j]) + (ui[i] < ui[j]) + (sl[i] < sl[j]) -
                                         (ul[i] > ul[j]));
        CHECK(60, lt, 0x349EB750u);
    }

    /* 61-66: bit counting, abs, negation, bit fields */
    {
        CHECK(61, __builtin_popcount(ui[5]), 24);
        CHECK(62, __builtin_clz(ui[6]), 3);
        CHECK(63, __builtin_ctz(ui[9] + 1), 16);
        CHECK(64, __builtin_popcountll(ul[4]), 32);
        uint32_t s = 0;                                /* LPR, LCR */
        for (unsigned i = 0; i < 10; i++)
            s += (si[i] < 0 ? 0u - (uint32_t)si[i] : (uint32_t)si[i]) & 0xFFFF;
        CHECK(65, s, 0x2972Bu);
        struct bits bf = { 0, 0, 0, 0 };
        volatile struct bits *vb = &bf;
        vb->a = ui[3];
        vb->b = ui[2];
        vb->c = si[4];
        vb->d = ui[5];
        CHECK(66, vb->a * 1000000 + vb->b * 1000 + (vb->c + 100) * 10 + (vb->d & 7), 7127937);
    }

    /* 67: a 64-bit LCG over many steps (multiply, add, shift) */
    {
        uint64_t x = ul[4];
        uint32_t h = 0;
        for (int i = 0; i < 1000; i++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            h ^= (uint32_t)(x >> 33);
        }
        CHECK(67, x, 0x79D0BE5AE1616157ull);
        CHECK(68, h, 0x6BE5C437u);
    }
    return 0;
}
