/*
 * machine.c — main storage, storage keys and the CPU, put together.
 */
#include <stdlib.h>

#include "storage.h"

Machine *machine_new(uint32_t memsize, Arch arch)
{
    Machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->memsize = memsize;
    m->arch = arch;
    m->mem = calloc(1, memsize);
    m->keys = calloc(1, memsize >> TLB_PAGE_SHIFT);
    m->cpu = malloc(sizeof *m->cpu);
    if (!m->mem || !m->keys || !m->cpu) {
        machine_free(m);
        return NULL;
    }
    cpu_init(m->cpu, m);
    return m;
}

void machine_free(Machine *m)
{
    if (!m)
        return;
    if (m->cpu && m->cpu->sie_free)
        m->cpu->sie_free(m->cpu);          /* guest Cpus SIE allocated */
    free(m->mem);
    free(m->keys);
    free(m->cpu);
    free(m);
}

bool machine_zone(const Machine *m, unsigned z, uint32_t *origin, uint32_t *size)
{
    uint32_t mso = m->zpb[z][0], msl = m->zpb[z][1];
    if (mso > msl)
        return false;
    const uint32_t top = 0x800;                  /* 2G in 1 MB units */
    uint32_t first = mso < top ? mso : top;
    uint32_t end = msl < top ? msl + 1 : top;
    *origin = first << 20;
    *size = (end - first) << 20;
    return true;
}

void machine_clear(Machine *m)
{
    memset(m->mem, 0, m->memsize);
    memset(m->keys, 0, m->memsize >> TLB_PAGE_SHIFT);
    cpu_reset(m->cpu);
}
