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

void machine_clear(Machine *m)
{
    memset(m->mem, 0, m->memsize);
    memset(m->keys, 0, m->memsize >> TLB_PAGE_SHIFT);
    cpu_reset(m->cpu);
}
