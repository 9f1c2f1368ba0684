/*
 * zone.c — MDF zones: SET ZONE PARAMETER (B23E), STORE ZONE PARAMETER
 * (B23D), TEST PENDING ZONE INTERRUPTION (B23F) (SIE.md §7; Hercules 3.13
 * behaviour, hercules.md §2.4).
 *
 * A zone parameter block (ZPB) is 8 words: main-storage origin and limit,
 * expanded-storage origin and limit, in 1 MB units, then 4 reserved words.
 * GR1 bits 24-31 give the zone number, GR2 the ZPB's logical address (a
 * word boundary).  Zone 0 is the host's own and cannot be set; there are 8
 * zones.  [interpex] The limit is the zone's last MB, inclusive (3.13).
 * The channel subsystem relocates and bounds the channel programs of
 * subchannels in the zone by the same values (cpu370/channel.c) and keeps the
 * interruptions of the subchannels assigned to a zone's guest for it.
 */
#include "sie/sie_int.h"
#include "cpu370/channel.h"

#define ZPB_SIZE 32
#define MAX_ZONES 8

/* B23E  SZP — SET ZONE PARAMETER (S) */
void insn_szp(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    uint32_t a = c->gr[2] & c->amask;
    spec_check(c, a & 3);
    unsigned zone = c->gr[1] & 0xFF;
    if (zone == 0 || zone >= MAX_ZONES) {
        cc_set(c, 3);
        return;
    }
    uint8_t zpb[ZPB_SIZE];
    vfetch_bytes(c, a, zpb, sizeof zpb);
    for (unsigned i = 0; i < 4; i++)
        c->m->zpb[zone][i] = ld_be32(zpb + 4 * i);
    /* Guest TLB entries of a zone guest point into the old zone. */
    tlb_purge_all_cpus(c->m);
    cc_set(c, 0);
}

/* B23D  STZP — STORE ZONE PARAMETER (S) */
void insn_stzp(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    uint32_t a = c->gr[2] & c->amask;
    spec_check(c, a & 3);
    unsigned zone = c->gr[1] & 0xFF;
    if (zone >= MAX_ZONES) {
        cc_set(c, 3);
        return;
    }
    uint8_t zpb[ZPB_SIZE] = { 0 };
    for (unsigned i = 0; i < 4; i++)
        st_be32(zpb + 4 * i, c->m->zpb[zone][i]);
    vstore_bytes(c, a, zpb, sizeof zpb);
    cc_set(c, 0);
}

/* B23F  TPZI — TEST PENDING ZONE INTERRUPTION (S).  GR1 bits 24-31: the
 * zone.  cc 1: an I/O interruption is pending for the guest of that zone
 * (a subchannel assigned to it by I/O assist, SIE.md §4 IOA); its
 * interruption code (subsystem-ID word, parameter, identification word)
 * is stored at the 12 bytes GR2 designates and the request stays pending
 * for the guest.  cc 0: none (or no such zone).  [interpex] The operand
 * as Hercules 3.13 takes it: GR2, on a word boundary. */
void insn_tpzi(Cpu *c, const uint8_t *ip)
{
    (void)ip;
    uint32_t a = c->gr[2] & c->amask;
    spec_check(c, a & 3);
    unsigned zone = c->gr[1] & 0xFF;
    uint32_t code[3];
    if (zone >= MAX_ZONES || !css_zone_pending(c->m, zone, code)) {
        cc_set(c, 0);
        return;
    }
    uint8_t out[12];
    for (unsigned i = 0; i < 3; i++)
        st_be32(out + 4 * i, code[i]);
    vstore_bytes(c, a, out, sizeof out);
    cc_set(c, 1);
}
