/*
 * disasm.c — disassembly from the opcode list, for traces and the operator
 * `u` command.  Operands are shown the way the assembler writes them
 * (registers as numbers, D(X,B), D(L,B)).
 */
#include <ctype.h>
#include <stdio.h>

#include "insn.h"

static int bd(char *b, size_t n, const uint8_t *f)
{
    return snprintf(b, n, "%X(%u)", (unsigned)((f[0] & 15) << 8 | f[1]), f[0] >> 4);
}

int op_disassemble(const uint8_t *ip, char *buf, size_t n)
{
    const OpInfo *o = op_lookup(ip);
    if (!o)
        return snprintf(buf, n, "DC    X'%02X%02X'", ip[0], ip[1]);
    char ops[64];
    size_t m = sizeof ops;
    unsigned r1 = ip[1] >> 4, r2 = ip[1] & 15;
    switch (o->format) {
    case FMT_E:   ops[0] = 0; break;
    case FMT_I:   snprintf(ops, m, "%u", ip[1]); break;
    case FMT_RR:  snprintf(ops, m, "%u,%u", r1, r2); break;
    case FMT_RX:
    case FMT_RXE:
        snprintf(ops, m, "%u,%X(%u,%u)", r1, (unsigned)((ip[2] & 15) << 8 | ip[3]), r2, ip[2] >> 4);
        break;
    case FMT_RS:
    case FMT_RSE: {
        int k = snprintf(ops, m, "%u,%u,", r1, r2);
        bd(ops + k, m - (size_t)k, ip + 2);
        break;
    }
    case FMT_SI: {
        int k = bd(ops, m, ip + 2);
        snprintf(ops + k, m - (size_t)k, ",X'%02X'", ip[1]);
        break;
    }
    case FMT_S:   bd(ops, m, ip + 2); break;
    case FMT_RI:  snprintf(ops, m, "%u,%d", r1, (int16_t)ld_be16(ip + 2)); break;
    case FMT_RSI: snprintf(ops, m, "%u,%u,%d", r1, r2, (int16_t)ld_be16(ip + 2)); break;
    case FMT_RIL: snprintf(ops, m, "%u,%d", r1, (int32_t)ld_be32(ip + 2)); break;
    case FMT_RRE: snprintf(ops, m, "%u,%u", ip[3] >> 4, ip[3] & 15); break;
    case FMT_RRF: snprintf(ops, m, "%u,%u,%u", ip[3] >> 4, ip[2] >> 4, ip[3] & 15); break;
    case FMT_SS: {
        unsigned d1 = (unsigned)((ip[2] & 15) << 8 | ip[3]);
        int k = snprintf(ops, m, "%X(%u,%u),", d1, ip[1] + 1u, ip[2] >> 4);
        bd(ops + k, m - (size_t)k, ip + 4);
        break;
    }
    case FMT_SSE: {
        int k = bd(ops, m, ip + 2);
        ops[k++] = ',';
        bd(ops + k, m - (size_t)k, ip + 4);
        break;
    }
    default: ops[0] = 0;
    }
    char mn[16];
    size_t k = 0;
    for (; o->mnemonic[k] && k < sizeof mn - 1; k++)
        mn[k] = (char)toupper((unsigned char)o->mnemonic[k]);
    mn[k] = 0;
    return snprintf(buf, n, "%-6s%s", mn, ops);
}
