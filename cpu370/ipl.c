/*
 * ipl.c — initial program loading.
 *
 * ESA/390 PoO SA22-7201 ch. 4 "Initial program loading"; S/370 PoO
 * GA22-7000 ch. 4 "Initial program loading".  A load-normal IPL: initial
 * CPU reset and I/O-system reset (storage is kept), then the IPL channel
 * program on the device's subchannel — an implied Read of 24 bytes into
 * absolute 0 with command chaining, so that the two CCWs read to 8 and 16
 * continue it — and, if it ended with nothing but channel end, device end
 * and status modifier, the PSW is loaded from absolute 0.  ESA/390 stores
 * the subsystem-identification word of the IPL subchannel at X'B8' and a
 * zero interruption parameter at X'BC'; S/370 stores the device address at
 * X'02' when the new PSW is in BC mode, at X'BA' when in EC mode.
 *
 * Which record a device returns for the Read IPL command (X'02') is the
 * device's business: the next card of a reader, record 1 of cylinder 0
 * head 0 of a CKD volume, block 0 of an FBA volume.
 */
#include "channel.h"

static int ipl_fail(Machine *m, const char *fmt, unsigned a, unsigned b)
{
    size_t len;
    char *buf = css_ipl_error_buf(m, &len);
    if (buf)
        snprintf(buf, len, fmt, a, b);
    return -1;
}

int machine_ipl(Machine *m, uint16_t devnum, const char *loadparm)
{
    size_t len;
    char *msg = css_ipl_error_buf(m, &len);
    if (msg)
        msg[0] = 0;
    Device *d = css_find_device(m, devnum);
    if (!d)
        return ipl_fail(m, "IPL device %04X is not configured", devnum, 0);

    Cpu *c = m->cpu;
    cpu_reset(c);
    css_reset(m);
    css_set_loadparm(m, loadparm);

    uint8_t dstat, cstat;
    css_ipl_program(m, d, &dstat, &cstat);
    if (cstat || (dstat & (uint8_t)~(US_CE_DE | US_STATUS_MOD)))
        return ipl_fail(m, "IPL I/O error: device status %02X, subchannel status %02X",
                        dstat, cstat);

    uint8_t *mem = m->mem;
    if (c->arch == ARCH_ESA390) {
        st_be32(mem + PSA_IO_SSID, 0x00010000u | device_schid(d));
        st_be32(mem + PSA_IO_PARM, 0);
    } else if (mem[1] & 0x08) {
        st_be16(mem + PSA_IO_DEVADDR, devnum);
    } else {
        st_be16(mem + 2, devnum);
    }
    if (psw_load(c, mem))
        return ipl_fail(m, "IPL PSW %08X %08X is not valid", ld_be32(mem), ld_be32(mem + 4));
    c->stop = STOP_NONE;
    return 0;
}

const char *machine_ipl_error(const Machine *m)
{
    return css_ipl_error(m);
}
