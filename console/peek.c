/*
 * peek.c — storage as the operator sees it (peek.h).
 */
#include "console/peek.h"
#include "cpu370/insn.h"

int peek_abs(Cpu *c, uint32_t addr, bool virt, uint32_t *abs)
{
    uint32_t ra = addr;
    if (virt && psw_dat_on(c)) {
        bool prot;
        /* Access-register mode is shown as primary space: the operator
         * gives no access register. */
        int asc = c->psw.asc == AS_AR ? AS_PRIMARY : c->psw.asc;
        int code = stor_lra(c, addr & c->amask, asc, &ra, &prot);
        if (code)
            return code;
    }
    uint32_t a = stor_real_to_abs(c, ra);
    if (a >= c->memsize)
        return PGM_ADDRESSING;
    *abs = a;
    return 0;
}

bool peek_insn(Cpu *c, uint32_t ia, bool virt, uint8_t buf[6], unsigned *len)
{
    unsigned need = 2;
    for (unsigned i = 0; i < need; i += 2) {
        uint32_t abs;
        if (peek_abs(c, (ia + i) & c->amask, virt, &abs) || abs + 1 >= c->memsize)
            return false;
        buf[i] = c->mem[abs];
        buf[i + 1] = c->mem[abs + 1];
        if (i == 0)
            need = insn_length(buf[0]);
    }
    *len = need;
    return true;
}

void peek_psw(Cpu *c, uint32_t ia, uint32_t w[2])
{
    uint8_t p[8];
    psw_store(c, p);
    w[0] = ld_be32(p);
    w[1] = ld_be32(p + 4);
    if (c->arch == ARCH_ESA390)
        w[1] = (w[1] & 0x80000000u) | (ia & 0x7FFFFFFFu);
    else
        w[1] = (w[1] & 0xFF000000u) | (ia & 0x00FFFFFFu);
}
