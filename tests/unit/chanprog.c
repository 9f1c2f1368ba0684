/*
 * chanprog.c — see chanprog.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/chanprog.h"

#define SCH1 0x00010000u

static int io_insn(Machine *m, uint8_t op, uint32_t addr)
{
    Cpu *c = m->cpu;
    uint8_t psw[8] = { 0, 0x08, 0, 0, 0x80, 0, 0, 0 };
    st_be32(psw + 4, 0x80000000u | TM_CODE);
    psw_load(c, psw);
    uint8_t code[4] = { 0xB2, op, 0x20, 0x00 };
    c->gr[1] = SCH1;
    c->gr[2] = addr;
    int pgm = tm_exec(m, code, 4, 1);
    return pgm ? 100 + pgm : c->cc;
}

Machine *cp_machine(Device *d)
{
    Machine *m = tm_new(ARCH_ESA390);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_FATAL(css_attach(m, d) == 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, CP_SCHIB), 0);          /* STSCH */
    m->mem[CP_SCHIB + 5] |= 0x80;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, CP_SCHIB), 0);          /* MSCH */
    return m;
}

void cp_done(Machine *m)
{
    css_free(m);
    tm_free(m);
}

void cp_ccw(Machine *m, unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    uint8_t *p = m->mem + CP_CCW + 8 * i;
    p[0] = cmd;
    p[1] = flags;
    st_be16(p + 2, count);
    st_be32(p + 4, data);
}

uint8_t cp_run(Machine *m, uint8_t *cs, uint16_t *resid)
{
    st_be32(m->mem + CP_ORB, 0);
    st_be32(m->mem + CP_ORB + 4, 0x0080FF00);
    st_be32(m->mem + CP_ORB + 8, CP_CCW);
    CU_ASSERT_EQUAL(io_insn(m, 0x33, CP_ORB), 0);            /* SSCH */
    CU_ASSERT_EQUAL(io_insn(m, 0x35, CP_IRB), 0);            /* TSCH */
    if (cs)
        *cs = m->mem[CP_IRB + 9];
    if (resid)
        *resid = ld_be16(m->mem + CP_IRB + 10);
    return m->mem[CP_IRB + 8];
}

uint8_t cp_sense(Machine *m, uint8_t *sense1)
{
    uint8_t save[8];
    memcpy(save, m->mem + CP_CCW, 8);
    cp_ccw(m, 0, 0x04, 0x20, 32, CP_DATA + 0xF00);
    CU_ASSERT_EQUAL(cp_run(m, NULL, NULL), US_CE_DE);
    memcpy(m->mem + CP_CCW, save, 8);
    if (sense1)
        *sense1 = m->mem[CP_DATA + 0xF01];
    return m->mem[CP_DATA + 0xF00];
}

void cp_temp(char *path, const char *tag)
{
    snprintf(path, 64, "/tmp/ipx-%s-XXXXXX", tag);
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    unlink(path);
}

bool cp_file_read(const char *path, long off, void *buf, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool ok = fseek(f, off, SEEK_SET) == 0 && fread(buf, 1, len, f) == len;
    fclose(f);
    return ok;
}
