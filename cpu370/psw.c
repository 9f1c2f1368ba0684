/*
 * psw.c — the program-status word in its three formats.
 *
 * ESA/390 PoO SA22-7201 ch. 4 "Program-status word": bit 12 must be one;
 * bits 0, 2-4 and 24-31 must be zero; with bit 32 (31-bit addressing) zero,
 * bits 33-39 must be zero.
 * S/370 PoO GA22-7000 ch. 4 "Program-status word": BC mode (bit 12 zero):
 * system mask, key, M W P, interruption code (16-31), ILC (32-33), CC,
 * program mask, 24-bit instruction address.  EC mode (bit 12 one): bits 0,
 * 2-4, 16-17 and 24-39 must be zero.
 *
 * An invalid PSW is still loaded; the specification exception is
 * recognized afterwards, before the next instruction ("early exception
 * recognition"), with an ILC of zero.  The interruption stores the current
 * PSW as the old PSW (ch. 6 "Interruption action"), and the current PSW is
 * then the invalid one with every bit as introduced, the ones in positions
 * that must be zero included (GA22-7000-10 ch. 6 "Early exception
 * recognition": bits 0-15 and 34-63 of an invalid PSW are stored unchanged
 * when the EC mode is not installed, the rest being the interruption code
 * and ILC there; Hercules 3.13 stores bits 24-31, and S/370 EC bits 32-39,
 * back too).  So those bits are kept (Psw.mbz24, mbz32) until the next PSW
 * is loaded.  ESA/390 bits 33-39 (24-bit mode) stay in c->ia.
 */
#include "cpu.h"

bool psw_is_ec(const Cpu *c)
{
    return c->arch == ARCH_ESA390 || (c->psw.states & PSWS_EC);
}

bool psw_dat_on(const Cpu *c)
{
    return psw_is_ec(c) && (c->psw.sysmask & 0x04);
}

bool psw_wait(const Cpu *c)
{
    return (c->psw.states & PSWS_WAIT) != 0;
}

bool psw_ext_enabled(const Cpu *c)
{
    return (c->psw.sysmask & 0x01) != 0;
}

bool psw_io_enabled(const Cpu *c)
{
    if (psw_is_ec(c))
        return (c->psw.sysmask & 0x02) != 0;
    return (c->psw.sysmask & 0xFE) != 0;   /* BC: channel masks 0-6 */
}

int psw_check(const Cpu *c)
{
    if (c->arch == ARCH_ESA390) {
        if (!(c->psw.states & PSWS_EC))
            return PGM_SPECIFICATION;
        if (c->psw.sysmask & 0xB8)                 /* bits 0, 2-4 */
            return PGM_SPECIFICATION;
        if (!c->psw.amode31 && (c->ia & 0x7F000000))
            return PGM_SPECIFICATION;
        return 0;
    }
    if (c->psw.states & PSWS_EC) {
        if (c->psw.sysmask & 0xB8)                 /* bits 0, 2-4 */
            return PGM_SPECIFICATION;
        if (c->psw.asc)                            /* bits 16-17 */
            return PGM_SPECIFICATION;
    }
    return 0;
}

int psw_load(Cpu *c, const uint8_t *p)
{
    Psw *w = &c->psw;
    int bad = 0;

    w->sysmask = p[0];
    w->key = p[1] >> 4;
    w->states = p[1] & 0x0F;
    w->bc_intcode = 0;
    w->bc_ilc = 0;
    w->mbz24 = 0;
    w->mbz32 = 0;

    if (c->arch == ARCH_S370 && !(w->states & PSWS_EC)) {
        /* BC mode */
        w->asc = 0;
        w->amode31 = false;
        w->bc_intcode = ld_be16(p + 2);
        c->cc = (p[4] >> 4) & 3;
        w->pm = p[4] & 0x0F;
        c->ia = ld_be32(p + 4) & 0x00FFFFFF;
    } else {
        w->asc = (p[2] >> 6) & 3;
        c->cc = (p[2] >> 4) & 3;
        w->pm = p[2] & 0x0F;
        w->mbz24 = p[3];                           /* bits 24-31 */
        if (w->mbz24)
            bad = 1;
        uint32_t word2 = ld_be32(p + 4);
        if (c->arch == ARCH_S370) {
            w->amode31 = false;
            w->mbz32 = p[4];                       /* bits 32-39 */
            if (w->mbz32)
                bad = 1;
            c->ia = word2 & 0x00FFFFFF;
        } else {
            w->amode31 = (word2 & PSW_AMODE31) != 0;
            c->ia = word2 & 0x7FFFFFFF;
        }
    }
    cpu_state_changed(c);
    if (bad)
        return PGM_SPECIFICATION;
    return psw_check(c);
}

void psw_store(const Cpu *c, uint8_t *p)
{
    const Psw *w = &c->psw;

    p[0] = w->sysmask;
    p[1] = (uint8_t)(w->key << 4 | w->states);
    if (c->arch == ARCH_S370 && !(w->states & PSWS_EC)) {
        st_be16(p + 2, w->bc_intcode);
        st_be32(p + 4, c->ia & 0x00FFFFFF);
        p[4] = (uint8_t)((w->bc_ilc >> 1) << 6 | c->cc << 4 | w->pm);
        return;
    }
    p[2] = (uint8_t)(w->asc << 6 | c->cc << 4 | w->pm);
    p[3] = w->mbz24;
    if (c->arch == ARCH_S370)
        st_be32(p + 4, (uint32_t)w->mbz32 << 24 | (c->ia & 0x00FFFFFF));
    else
        st_be32(p + 4, (w->amode31 ? PSW_AMODE31 : 0) | (c->ia & 0x7FFFFFFF));
}
