/*
 * sd.h — the format-1 state description (256 bytes), as SIE.md §2 lays it
 * out (the layout VM/XA and VM/ESA used; IBM z/VM control block SI1BK;
 * Osisek, Jackson, Gum, IBM Systems Journal 30(1), 1991).  Every field is
 * big-endian; code reads and writes it through these offsets only.
 *
 *  Off Len Field             Off Len Field
 *  00  1   v  (interv. req.)  48  4   IC  interception controls
 *  01  1   s  (state ctls)    4C  4   EC  execution controls
 *  02  1   mx (mode ext.)     50  1   c   interception code
 *  03  1   m  (mode)          51  1   f   interception status
 *  04  4   prefix             52  2   last host CPU address
 *  08  2   MSO (64K units)    56  2   IPA
 *  0A  2   MSE (64K units)    58  4   IPB
 *  10  4   GR14               5C  4   IPC
 *  14  4   GR15               60  4   RCPO
 *  18  8   PSW                64  4   SCAO
 *  24  4   370 timer residue  70  2   TCH mask (370 guests)
 *  28  8   CPU timer          74  1   zone
 *  30  8   clock comparator   76  2   TSCH status (I/O assist)
 *  38  8   epoch              80  64  CR0-CR15
 *  40  4   SVC controls       C0  34  interruption parameters: SD+X'40'
 *  44  2   LCTL mask                  acts as the guest PSA X'80'-X'A1'
 *  46  2   CPU address
 */
#ifndef SIE_SD_H
#define SIE_SD_H

/* Shared by the machine (sie/) and by guest programs that issue SIE
 * (tests, CP): only constants and one inline function. */
#include <stdbool.h>
#include <stdint.h>

#define SD_SIZE        256

#define SD_V           0x00
#define SD_S           0x01
#define SD_MX          0x02
#define SD_M           0x03
#define SD_PREFIX      0x04
#define SD_MSO         0x08
#define SD_MSE         0x0A
#define SD_GR14        0x10
#define SD_GR15        0x14
#define SD_PSW         0x18
#define SD_RESIDUE     0x24
#define SD_CPUTIMER    0x28
#define SD_CKC         0x30
#define SD_EPOCH       0x38
#define SD_SVC_CTL     0x40
#define SD_LCTL_MASK   0x44
#define SD_CPUAD       0x46
#define SD_IC          0x48
#define SD_EC          0x4C
#define SD_C           0x50
#define SD_F           0x51
#define SD_LHCPU       0x52
#define SD_IPA         0x56
#define SD_IPB         0x58
#define SD_IPC         0x5C
#define SD_RCPO        0x60
#define SD_SCAO        0x64
#define SD_TCH_MASK    0x70
#define SD_ZONE        0x74
#define SD_TSCH        0x76      /* code 60: device, subchannel status   */
#define SD_CR          0x80
#define SD_IP          0xC0      /* interruption parameters               */
#define SD_PSA_BIAS    0x40      /* SD + 0x40 + PSA offset: SD+C6 = X'86'  */
/* Code 60 (I/O assist): the I/O-interruption code at SD+E8: subsystem-ID
 * word, interruption parameter, identification word (SD+X'30' acting as
 * the guest PSA for X'B8'-X'C3', as Hercules 3.13 stores it). */
#define SD_IOINT       0xE8

/* v: intervention requests */
#define SDV_STOP       0x04
#define SDV_IO         0x02
#define SDV_EXT        0x01
/* s: state controls */
#define SDS_ITIMER     0x80      /* 370 interval-timer interruption pending */
/* mx: mode extension */
#define SDMX_RRF       0x80      /* region-relocate: a zone guest          */
#define SDMX_ISIE_VV   0x02      /* [interpex] interpreted SIE for its V=V guests */
#define SDMX_ISIE_VR   0x01      /* [interpex] interpreted SIE for its V=R guests */
/* m: mode */
#define SDM_XA         0x20
#define SDM_370        0x10
#define SDM_VR         0x08      /* preferred (V=R) guest                 */
#define SDM_ITMOF      0x04      /* 370 interval timer off                */
/* f: interception status */
#define SDF_IPAB       0x80      /* IPA/IPB hold the instruction          */
#define SDF_EX         0x01      /* intercepted instruction was an EX target */

/* SVC controls, byte 0 */
#define SVC_ALL        0x80
#define SVC_N1         0x40
#define SVC_N2         0x20
#define SVC_N3         0x10

/* Interception-control bits, numbered 0-31 from the left of SD+48, as the
 * SIE_IC(n) column of cpu370/opcodes.def uses them (SIE.md §3). */
#define IC_OPEREX      0          /* operation exception -> code 44        */
#define IC_PRIVOP      1          /* privileged-operation exception        */
#define IC_PGMALL      2          /* every program interruption            */
#define IC_TS1         4
#define IC_CS1         5
#define IC_CDS1        6
static inline bool ic_bit(uint32_t ic, int n) { return (ic >> (31 - n)) & 1; }

/* Execution controls, byte 0 and byte 2 of SD+4C. */
#define EC0_EXTA       0x80
#define EC0_WAIA       0x20
#define EC0_IOA        0x04
#define EC2_PROTEX     0x20

/* Interception codes (SD+50). */
enum {
    SIE_IC_INST = 4, SIE_IC_PGM = 8, SIE_IC_INST_PGM = 12, SIE_IC_EXT_REQ = 16,
    SIE_IC_EXT = 20, SIE_IC_IO_REQ = 24, SIE_IC_WAIT = 28, SIE_IC_VALIDITY = 32,
    SIE_IC_STOP = 40, SIE_IC_OPEREX = 44, SIE_IC_IO = 60, SIE_IC_IOINST = 64,
};

/* Validity interception: who (IPA byte 0), when (byte 1), why (IPB 0-1). */
#define VI_WHO_CPU     0x01
#define VI_WHEN_ENTRY  0x10
enum {
    VI_WHY_MODE = 0x0001, VI_WHY_PREFIX = 0x0010, VI_WHY_SCA = 0x0034,
    VI_WHY_PREFIX_HOST = 0x0037, VI_WHY_ZONE_LIMIT = 0x0041, VI_WHY_PREF_MSO = 0x0051,
    VI_WHY_RCPO = 0x0067, VI_WHY_ZONE_NUM = 0x1005, VI_WHY_ZONE_NONRRF = 0x1006,
};

#endif
