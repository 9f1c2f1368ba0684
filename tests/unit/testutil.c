/*
 * testutil.c — see testutil.h.
 */
#include <stdlib.h>

#include "tests/unit/testutil.h"

Machine *tm_new(Arch arch)
{
    Machine *m = machine_new(1u << 20, arch);
    CU_ASSERT_FATAL(m != NULL);
    Cpu *c = m->cpu;
    c->deterministic = true;
    /* program new PSW: disabled wait at TM_PGM_TRAP */
    uint8_t pgm_new[8] = { 0x00, 0x0A, 0, 0, 0, 0, 0, 0 };
    if (arch == ARCH_S370)
        pgm_new[1] = 0x02;                 /* BC mode, wait */
    st_be32(pgm_new + 4, TM_PGM_TRAP | (arch == ARCH_ESA390 ? 0x80000000u : 0));
    memcpy(m->mem + PSA_PGM_NEW, pgm_new, 8);
    uint8_t psw[8] = { 0, arch == ARCH_ESA390 ? 0x08 : 0x00, 0, 0, 0, 0, 0, 0 };
    st_be32(psw + 4, TM_CODE | (arch == ARCH_ESA390 ? 0x80000000u : 0));
    psw_load(c, psw);
    return m;
}

void tm_free(Machine *m)
{
    machine_free(m);
}

void tm_put(Machine *m, uint32_t addr, const void *bytes, unsigned len)
{
    memcpy(m->mem + addr, bytes, len);
}

uint32_t tm_get32(Machine *m, uint32_t addr)
{
    return ld_be32(m->mem + addr);
}

int tm_step(Machine *m)
{
    Cpu *c = m->cpu;
    c->max_insns = c->icount + 1;
    uint32_t pgm_old = ld_be32(m->mem + c->prefix + PSA_PGM_OLD + 4);
    st_be32(m->mem + c->prefix + PSA_PGM_OLD + 4, 0xFFFFFFFF);   /* marker */
    cpu_run(c);
    uint32_t now = ld_be32(m->mem + c->prefix + PSA_PGM_OLD + 4);
    if (now == 0xFFFFFFFF) {
        st_be32(m->mem + c->prefix + PSA_PGM_OLD + 4, pgm_old);
        return 0;
    }
    if (c->arch == ARCH_S370 && !(m->mem[c->prefix + PSA_PGM_OLD + 1] & 0x08))
        return ld_be16(m->mem + c->prefix + PSA_PGM_OLD + 2);  /* BC mode */
    return ld_be16(m->mem + c->prefix + PSA_PGM_CODE);
}

int tm_exec(Machine *m, const uint8_t *code, unsigned len, unsigned n)
{
    Cpu *c = m->cpu;
    tm_put(m, TM_CODE, code, len);
    if (psw_wait(c)) {
        /* A previous program interruption left the CPU in the trap's
         * disabled wait: resume with the PSW the machine started with. */
        c->psw.states &= (uint8_t)~PSWS_WAIT;
        c->psw.sysmask = 0;
        c->psw.amode31 = c->arch == ARCH_ESA390;
        cpu_state_changed(c);
    }
    c->ia = TM_CODE;
    int rc = 0;
    for (unsigned i = 0; i < n && rc == 0; i++)
        rc = tm_step(m);
    return rc;
}
