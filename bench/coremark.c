/*
 * coremark.c — a CoreMark-like mix written for interpex: linked-list
 * search and reversal, small matrix multiply-accumulate, and a state
 * machine that scans a text for numbers — the three kinds of work CoreMark
 * measures, each folded into a CRC-16 that is checked at the end against
 * the value the same code computes on the first iteration (so the program
 * checks itself), against a second, different evaluation of the matrix
 * result, and against EXPECTED_CRC, the value this same source computes
 * when compiled for the host (cc -DHOST bench/coremark.c prints it).
 * Returns 0 on success.
 */
#include <stdint.h>
#ifdef HOST
#include <stdio.h>
#endif

#define ITERATIONS 3000
#define EXPECTED_CRC 0xE6B4
#define LIST_LEN   64
#define MAT_N      10

typedef struct Node {
    struct Node *next;
    int16_t value;
    uint16_t index;
} Node;

static Node nodes[LIST_LEN];
static int16_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N];
static int32_t mc[MAT_N][MAT_N];
static const char text[] =
    "5012 +3 -17 9.25e3 abc 0x1F 77 .5 1e9 -0.001 42, 7.0E-2 x1 99999 "
    "3.14159 -8 +6e+2 12.e3 .e1 0 00 -0 314 ok 2.5.6 1,000 -7e7 8";

static uint16_t crc16(uint16_t crc, uint32_t v)
{
    for (int i = 0; i < 32; i++) {
        uint16_t bit = (uint16_t)((crc ^ (uint16_t)v) & 1);
        crc >>= 1;
        v >>= 1;
        if (bit)
            crc ^= 0xA001;
    }
    return crc;
}

static Node *list_build(uint16_t seed)
{
    for (int i = 0; i < LIST_LEN; i++) {
        nodes[i].index = (uint16_t)i;
        nodes[i].value = (int16_t)((seed * (i + 7) ^ (i << 3)) & 0x7FFF);
        nodes[i].next = i + 1 < LIST_LEN ? &nodes[i + 1] : 0;
    }
    return &nodes[0];
}

static Node *list_reverse(Node *n)
{
    Node *prev = 0;
    while (n) {
        Node *next = n->next;
        n->next = prev;
        prev = n;
        n = next;
    }
    return prev;
}

static uint16_t list_work(uint16_t seed)
{
    Node *head = list_build(seed);
    uint16_t crc = 0;
    for (int pass = 0; pass < 4; pass++) {
        int16_t want = (int16_t)((seed * (pass * 13 + 7)) & 0x7FFF);
        int found = -1;
        for (Node *n = head; n; n = n->next)
            if (n->value > want) {
                found = n->index;
                break;
            }
        crc = crc16(crc, (uint32_t)found);
        head = list_reverse(head);
        int32_t sum = 0;
        for (Node *n = head; n; n = n->next)
            sum += n->value;
        crc = crc16(crc, (uint32_t)sum);
    }
    return crc;
}

static uint16_t matrix_work(uint16_t seed, int32_t *trace_out)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            ma[i][j] = (int16_t)((seed + i * 31 + j * 7) % 200 - 100);
            mb[i][j] = (int16_t)((seed * 3 + i * 5 + j * 11) % 150 - 75);
        }
    uint16_t crc = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT_N; k++)
                s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
            crc = crc16(crc, (uint32_t)s);
        }
    int32_t trace = 0;
    for (int i = 0; i < MAT_N; i++)
        trace += mc[i][i];
    *trace_out = trace;
    return crc;
}

/* Trace of A*B computed the other way round: sum over k of row k of B
 * dotted with column k of A. */
static int32_t matrix_trace_check(void)
{
    int32_t t = 0;
    for (int k = 0; k < MAT_N; k++)
        for (int i = 0; i < MAT_N; i++)
            t += mb[k][i] * ma[i][k];
    return t;
}

enum State { START, SIGN, INT, DOT, FRAC, EXP, EXP_SIGN, EXP_INT, BAD };

static uint16_t state_work(uint16_t seed)
{
    unsigned counts[BAD + 1] = { 0 };
    enum State s = START;
    for (const char *p = text;; p++) {
        char ch = *p;
        if (ch == ' ' || ch == ',' || ch == 0) {
            counts[s]++;
            s = START;
            if (!ch)
                break;
            continue;
        }
        int digit = ch >= '0' && ch <= '9';
        switch (s) {
        case START:    s = digit ? INT : (ch == '+' || ch == '-') ? SIGN : ch == '.' ? DOT : BAD; break;
        case SIGN:     s = digit ? INT : ch == '.' ? DOT : BAD; break;
        case INT:      s = digit ? INT : ch == '.' ? FRAC : (ch == 'e' || ch == 'E') ? EXP : BAD; break;
        case DOT:      s = digit ? FRAC : BAD; break;
        case FRAC:     s = digit ? FRAC : (ch == 'e' || ch == 'E') ? EXP : BAD; break;
        case EXP:      s = digit ? EXP_INT : (ch == '+' || ch == '-') ? EXP_SIGN : BAD; break;
        case EXP_SIGN: s = digit ? EXP_INT : BAD; break;
        case EXP_INT:  s = digit ? EXP_INT : BAD; break;
        case BAD:      break;
        }
    }
    uint16_t crc = seed;
    for (int i = 0; i <= BAD; i++)
        crc = crc16(crc, counts[i]);
    return crc;
}

int main(void)
{
    uint16_t first = 0;
    for (int it = 0; it < ITERATIONS; it++) {
        uint16_t seed = 0x3415;              /* the same input each round */
        int32_t trace;
        uint16_t crc = list_work(seed);
        crc = crc16(crc, matrix_work(seed, &trace));
        if (trace != matrix_trace_check())
            return 1;
        crc = crc16(crc, state_work(seed));
        if (it == 0)
            first = crc;
        else if (crc != first)
            return 2;
    }
#ifdef HOST
    printf("EXPECTED_CRC 0x%04X\n", first);
#endif
    return first != EXPECTED_CRC ? 3 : 0;
}
