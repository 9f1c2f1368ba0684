/*
 * channel.h — the channel subsystem: subchannels, channel programs, I/O
 * interruptions, in both architectures.
 *
 * ESA/390 (PoO SA22-7201 ch. 13-16): one subchannel per device, addressed
 * by a subsystem-identification word (X'0001' and the subchannel number);
 * the instructions SSCH, TSCH, STSCH, MSCH, HSCH, CSCH, RSCH, TPI ...
 * (insn_io.c) act on its SCHIB (PMCW + SCSW), and interruptions are queued
 * per interruption subclass (ISC), masked by CR6.
 * S/370 (PoO GA22-7000 ch. 12-13): the same subchannels, addressed by the
 * device address (channel = devnum >> 8); SIO, TIO, HIO, HDV, TCH with the
 * CAW at X'48' and the CSW at X'40', channel masks in CR2 (EC) or the PSW
 * (BC).
 *
 * Channel programs run synchronously when started: by the time SSCH or SIO
 * completes, the status is pending.  Two things make a program stop half
 * way: a CCW with the suspend flag (until RSCH), and a PCI flag — the
 * intermediate interruption is posted and the program stalls until its
 * status is cleared or looked at (any I/O instruction on the subchannel, an
 * interruption, an enabled wait), so that a program can see the PCI as an
 * interruption of its own.  All storage the channel touches is absolute,
 * bounds-checked and key-checked with the ORB/CAW key; nothing a guest puts
 * in a channel program can reach host memory outside main storage.
 */
#ifndef CPU370_CHANNEL_H
#define CPU370_CHANNEL_H

#include "cpu.h"
#include "device.h"

/* ---- CCW flags (format 0 byte 4, format 1 byte 1) ------------------------ */
#define CCW_CD    0x80    /* chain data                                     */
#define CCW_CC    0x40    /* chain command                                  */
#define CCW_SLI   0x20    /* suppress incorrect length                      */
#define CCW_SKIP  0x10    /* skip: no data stored on input                  */
#define CCW_PCI   0x08    /* program-controlled interruption                */
#define CCW_IDA   0x04    /* indirect data addressing                       */
#define CCW_S     0x02    /* suspend (ESA/390)                              */

/* ---- SCSW word 1: function, activity and status control ----------------- */
#define FC_START          0x4000
#define FC_HALT           0x2000
#define FC_CLEAR          0x1000
#define AC_RESUME_PEND    0x0800
#define AC_START_PEND     0x0400
#define AC_HALT_PEND      0x0200
#define AC_CLEAR_PEND     0x0100
#define AC_SUBCH_ACTIVE   0x0080
#define AC_DEVICE_ACTIVE  0x0040
#define AC_SUSPENDED      0x0020
#define SC_ALERT          0x0010
#define SC_INTERMEDIATE   0x0008
#define SC_PRIMARY        0x0004
#define SC_SECONDARY      0x0002
#define SC_PENDING        0x0001

/* ---- Subchannel status (channel status byte) ----------------------------- */
#define CS_PCI            0x80
#define CS_INCORRECT_LEN  0x40
#define CS_PROGRAM_CHECK  0x20
#define CS_PROTECTION     0x10
#define CS_CHAN_DATA      0x08
#define CS_CHAN_CONTROL   0x04
#define CS_IFACE_CONTROL  0x02
#define CS_CHAINING       0x01

/* ---- ORB word 1 ------------------------------------------------------------ */
#define ORB_KEY    0xF0000000u
#define ORB_S      0x08000000u   /* suspend control                         */
#define ORB_F      0x00800000u   /* format-1 CCWs                           */
#define ORB_P      0x00400000u   /* prefetch allowed                        */
#define ORB_I      0x00200000u   /* initial-status-interruption control     */
#define ORB_A      0x00100000u   /* address-limit-checking control          */
#define ORB_U      0x00080000u   /* suppress-suspended-interruption control */
#define ORB_LPM    0x0000FF00u
#define ORB_RESERVED 0x070700FFu /* must be zero in ESA/390                 */

/* Sizes of the architected blocks. */
#define SCHIB_SIZE 52
#define PMCW_SIZE  28
#define SCSW_SIZE  12
#define IRB_SIZE   64
#define ORB_SIZE   12

/* One CHPID serves every device; the path masks say path 0 (X'80'). */
#define CSS_CHPID  0x00

/* ---- Building the I/O configuration (front end, tests) -------------------- */
/* Give `d` a subchannel; 0, or -1 when the device number is in use. */
int     css_attach(Machine *m, Device *d);
Device *css_find_device(Machine *m, uint16_t devnum);
/* I/O-system reset (ESA/390 PoO ch. 4 "Resets"): every subchannel to its
 * initial state, devices reset, interruptions withdrawn. */
void    css_reset(Machine *m);
/* SIE zones (MDF): channel programs of subchannels whose PMCW zone is z
 * (1-7) are relocated and bounded by the zone SZP set in m->zpb[z]; zone
 * 0 and unset zones are not relocated. */
/* Let stalled channel programs go on (used by the front end when it has
 * nothing better to do; the enabled-wait hook does it too). */
bool    css_run_pending(Machine *m);

/* ---- For the instruction handlers (insn_io.c) ----------------------------- */
Subchannel *css_subchannel(Machine *m, uint32_t schid_word);   /* or NULL */
int  css_ssch(Subchannel *s, const uint8_t orb[ORB_SIZE]);      /* cc */
int  css_tsch(Subchannel *s, uint8_t irb[IRB_SIZE]);             /* cc */
void css_stsch(Subchannel *s, uint8_t schib[SCHIB_SIZE]);
/* assist_fields: take the PMCW zone, VISC and I bit too (the host's MSCH;
 * a guest with I/O assist cannot change them). */
int  css_msch(Subchannel *s, const uint8_t schib[SCHIB_SIZE], bool assist_fields);
int  css_hsch(Subchannel *s);
int  css_csch(Subchannel *s);
int  css_rsch(Subchannel *s);
/* TPI: take the highest-priority interruption request c may take (its CR6;
 * I/O assist: its zone's); false if none.  code = subsystem-ID word,
 * interruption parameter, identification word (TPI stores the first two). */
bool css_tpi(Cpu *c, uint32_t code[3]);

/* I/O assist (SIE.md §4 IOA, sie/): is `s` assigned to the guest of
 * `zone` (PMCW I bit and zone)?  The first interruption request pending
 * for that guest, not taken (TPZI): subsystem-ID word, parameter,
 * identification word.  Recompute the Cpus' io_pending after a guest
 * started or stopped running with I/O assist. */
bool css_assigned(const Subchannel *s, unsigned zone);
bool css_zone_pending(Machine *m, unsigned zone, uint32_t code[3]);
void css_update_io_pending(Machine *m);
/* I/O assist, V=R guest: the channel programs of subchannels assigned to
 * zone 0 are bounded by `extent` bytes of absolute storage from here on
 * (SIE sets it when it runs a V=R guest with I/O assist) [interpex]. */
void css_set_vr_extent(Machine *m, uint32_t extent);
/* The PMCW reserved-bit check of MSCH: true if the SCHIB is acceptable. */
bool css_pmcw_valid(const uint8_t schib[SCHIB_SIZE]);
/* Any I/O instruction on `s` is done: let a stalled program continue. */
void css_touch(Subchannel *s);

/* S/370 channel I/O; addr = channel and unit address (16 bits). */
int  css370_sio(Machine *m, uint16_t addr, uint32_t caw);   /* cc; CSW stored */
int  css370_tio(Machine *m, uint16_t addr);
int  css370_hio(Machine *m, uint16_t addr);
int  css370_tch(Machine *m, uint8_t channel);
int  css370_clrio(Machine *m, uint16_t addr);

/* IPL (ipl.c uses it): run the IPL channel program on the device's
 * subchannel: an implied Read (X'02') of 24 bytes at absolute 0 with
 * command chaining, then format-0 CCWs from absolute 8.  Returns the unit
 * and channel status; the status is not left pending. */
void css_ipl_program(Machine *m, Device *d, uint8_t *dstat, uint8_t *cstat);
uint16_t device_schid(const Device *d);
/* Where machine_ipl() keeps its message; the LOADPARM of the last IPL
 * (8 characters, blank padded; SCLP/STSI-like services read it). */
char    *css_ipl_error_buf(Machine *m, size_t *len);
const char *css_ipl_error(const Machine *m);
void     css_set_loadparm(Machine *m, const char *loadparm);
const char *css_loadparm(const Machine *m);

#endif
