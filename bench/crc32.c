/*
 * crc32.c — benchmark: bitwise and table-driven CRC-32 (IEEE 802.3,
 * reflected, polynomial X'EDB88320') over a pseudo-random buffer.  The two
 * methods must agree, and the CRC of "123456789" must be X'CBF43926'.
 * Returns 0 when all checks hold.
 */
#include <stdint.h>

#define BUF_SIZE 16384
#define ROUNDS   192

static uint8_t buf[BUF_SIZE];
static uint32_t table[256];

static uint32_t crc_bitwise(const uint8_t *p, uint32_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

static uint32_t crc_table(const uint8_t *p, uint32_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--)
        c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

int main(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
        table[i] = c;
    }
    if (crc_table((const uint8_t *)"123456789", 9) != 0xCBF43926u)
        return 1;
    if (crc_bitwise((const uint8_t *)"123456789", 9) != 0xCBF43926u)
        return 2;

    uint32_t seed = 12345;
    for (uint32_t i = 0; i < BUF_SIZE; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (uint8_t)(seed >> 16);
    }
    uint32_t acc = 0;
    for (int r = 0; r < ROUNDS; r++) {
        buf[r] ^= (uint8_t)r;
        uint32_t a = crc_bitwise(buf, BUF_SIZE);
        uint32_t b = crc_table(buf, BUF_SIZE);
        if (a != b)
            return 3;
        acc ^= a;
    }
    return acc == 0 ? 4 : 0;
}
