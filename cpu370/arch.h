/*
 * arch.h — architected constants of System/370 and ESA/390.
 *
 * Sources: IBM System/370 Principles of Operation GA22-7000 (ch. 4 "Control",
 * ch. 6 "Interruptions"), ESA/390 Principles of Operation SA22-7201 (ch. 4
 * "Control", ch. 6 "Interruptions", ch. 3 "Storage").  Bit numbers follow
 * the manuals: bit 0 is the leftmost.
 */
#ifndef CPU370_ARCH_H
#define CPU370_ARCH_H

#include "bits.h"

/* Architecture modes: run-time data in the Cpu, never compile-time. */
typedef enum Arch { ARCH_S370 = 0, ARCH_ESA390 = 1 } Arch;
#define NUM_ARCH 2

/* ---- PSW, first word (ESA/390 and S/370 EC mode) ------------------------ */
#define PSW_PER        BIT32(1)   /* R: program-event recording mask        */
#define PSW_DAT        BIT32(5)   /* T: DAT mode                            */
#define PSW_IO         BIT32(6)   /* I/O mask (S/370 BC: channels 6 and up) */
#define PSW_EXT        BIT32(7)   /* external mask                          */
#define PSW_KEY_SHIFT  20         /* bits 8-11: PSW key                     */
#define PSW_EC         BIT32(12)  /* S/370 EC mode; must be one in ESA/390  */
#define PSW_MCHK       BIT32(13)  /* machine-check mask                     */
#define PSW_WAIT       BIT32(14)  /* wait state                             */
#define PSW_PROBLEM    BIT32(15)  /* problem state                          */
#define PSW_AS_SHIFT   14         /* bits 16-17: address-space control      */
#define PSW_CC_SHIFT   12         /* bits 18-19: condition code             */
#define PSW_PM_SHIFT   8          /* bits 20-23: program mask               */
#define PSW_AMODE31    BIT32(0)   /* second word, bit 32: 31-bit addressing */

/* Program mask bits (PSW bits 20-23). */
#define PM_FIXED_OVERFLOW   0x8
#define PM_DECIMAL_OVERFLOW 0x4
#define PM_EXP_UNDERFLOW    0x2
#define PM_SIGNIFICANCE     0x1

/* Address-space control (PSW bits 16-17, ESA/390). */
#define AS_PRIMARY   0
#define AS_AR        1
#define AS_SECONDARY 2
#define AS_HOME      3

/* ---- Program-interruption codes (ESA/390 PoO ch. 6) --------------------- */
#define PGM_OPERATION              0x0001
#define PGM_PRIVILEGED_OPERATION   0x0002
#define PGM_EXECUTE                0x0003
#define PGM_PROTECTION             0x0004
#define PGM_ADDRESSING             0x0005
#define PGM_SPECIFICATION          0x0006
#define PGM_DATA                   0x0007
#define PGM_FIXED_OVERFLOW         0x0008
#define PGM_FIXED_DIVIDE           0x0009
#define PGM_DECIMAL_OVERFLOW       0x000A
#define PGM_DECIMAL_DIVIDE         0x000B
#define PGM_EXPONENT_OVERFLOW      0x000C
#define PGM_EXPONENT_UNDERFLOW     0x000D
#define PGM_SIGNIFICANCE           0x000E
#define PGM_FLOATING_DIVIDE        0x000F
#define PGM_SEGMENT_TRANSLATION    0x0010
#define PGM_PAGE_TRANSLATION       0x0011
#define PGM_TRANSLATION_SPEC       0x0012
#define PGM_SPECIAL_OPERATION      0x0013
#define PGM_OPERAND                0x0015
#define PGM_SQUARE_ROOT            0x001D
#define PGM_PC_TRANSLATION_SPEC    0x001F
#define PGM_AFX_TRANSLATION        0x0020
#define PGM_ASX_TRANSLATION        0x0021
#define PGM_LX_TRANSLATION         0x0022
#define PGM_EX_TRANSLATION         0x0023
#define PGM_PRIMARY_AUTHORITY      0x0024
#define PGM_SECONDARY_AUTHORITY    0x0025
#define PGM_ALET_SPECIFICATION     0x0028
#define PGM_STACK_FULL             0x0030
#define PGM_STACK_EMPTY            0x0031
#define PGM_STACK_SPECIFICATION    0x0032
#define PGM_STACK_TYPE             0x0033
#define PGM_STACK_OPERATION        0x0034
#define PGM_MONITOR_EVENT          0x0040
#define PGM_PER_EVENT              0x0080

/* ---- Prefixed storage area (ESA/390 PoO ch. 3, "Assigned storage
 *      locations"; S/370 PoO ch. 3) ---------------------------------------- */
#define PSA_RESTART_NEW   0x000
#define PSA_RESTART_OLD   0x008
#define PSA_EXT_OLD       0x018
#define PSA_SVC_OLD       0x020
#define PSA_PGM_OLD       0x028
#define PSA_MCK_OLD       0x030
#define PSA_IO_OLD        0x038
#define PSA_CSW           0x040   /* S/370 channel status word            */
#define PSA_CAW           0x048   /* S/370 channel address word           */
#define PSA_TIMER         0x050   /* S/370 interval timer                 */
#define PSA_EXT_NEW       0x058
#define PSA_SVC_NEW       0x060
#define PSA_PGM_NEW       0x068
#define PSA_MCK_NEW       0x070
#define PSA_IO_NEW        0x078
#define PSA_EXT_PARM      0x080   /* external-interruption parameter       */
#define PSA_EXT_CPUAD     0x084
#define PSA_EXT_CODE      0x086
#define PSA_SVC_ILC       0x089
#define PSA_SVC_CODE      0x08A
#define PSA_PGM_ILC       0x08D
#define PSA_PGM_CODE      0x08E
#define PSA_TEA           0x090   /* translation-exception address         */
#define PSA_MONITOR_CLASS 0x095
#define PSA_PER_CODE      0x096
#define PSA_PER_ADDR      0x098
#define PSA_MONITOR_CODE  0x09C
#define PSA_EXC_ACCESS_ID 0x0A0
#define PSA_PER_ACCESS_ID 0x0A1
#define PSA_OPND_ACCESS_ID 0x0A2
#define PSA_IO_DEVADDR    0x0BA   /* S/370 EC mode: I/O device address     */
#define PSA_IO_SSID       0x0B8   /* ESA/390: subsystem identification     */
#define PSA_IO_PARM       0x0BC   /* ESA/390: I/O-interruption parameter   */
#define PSA_STORE_STATUS  0x0D8   /* store-status save area (S/370, ESA)   */

/* ---- Control registers ------------------------------------------------- */
#define CR0_LOW_ADDR_PROT     BIT32(3)   /* ESA/390 and S/370              */
#define CR0_SSM_SUPPRESS      BIT32(1)
#define CR0_TOD_SYNC          BIT32(2)
#define CR0_EXTRACT_AUTH      BIT32(4)
#define CR0_SECONDARY_SPACE   BIT32(5)
#define CR0_FETCH_PROT_OVR    BIT32(6)
#define CR0_STORE_PROT_OVR    BIT32(7)
#define CR0_TRANS_FORMAT      0x00F80000u /* ESA/390 bits 8-12 must be 10110 */
#define CR0_TRANS_FORMAT_ESA  0x00B00000u
#define CR0_S370_PAGE_SIZE    0x00C00000u /* S/370 bits 8-9                 */
#define CR0_S370_SEG_SIZE     0x00180000u /* S/370 bits 11-12               */
#define CR0_MALFUNCTION_ALERT BIT32(16)
#define CR0_EMERGENCY_SIGNAL  BIT32(17)
#define CR0_EXTERNAL_CALL     BIT32(18)
#define CR0_TOD_SYNC_CHECK    BIT32(19)
#define CR0_CLOCK_COMPARATOR  BIT32(20)
#define CR0_CPU_TIMER         BIT32(21)
#define CR0_SERVICE_SIGNAL    BIT32(22)
#define CR0_INTERVAL_TIMER    BIT32(24)  /* S/370 */
#define CR0_INTERRUPT_KEY     BIT32(25)
#define CR0_EXTERNAL_SIGNAL   BIT32(26)
#define CR0_AFP               BIT32(13)  /* additional floating-point regs   */

/* External-interruption codes. */
#define EXT_INTERRUPT_KEY     0x0040
#define EXT_INTERVAL_TIMER    0x0080
#define EXT_CLOCK_COMPARATOR  0x1004
#define EXT_CPU_TIMER         0x1005
#define EXT_MALFUNCTION_ALERT 0x1200
#define EXT_EMERGENCY_SIGNAL  0x1201
#define EXT_EXTERNAL_CALL     0x1202
#define EXT_SERVICE_SIGNAL    0x2401

/* Storage keys (one per 2K block here; 4K-key machines set both halves). */
#define SK_ACC     0xF0
#define SK_FETCH   0x08   /* fetch protection */
#define SK_REF     0x04   /* reference bit    */
#define SK_CHANGE  0x02   /* change bit       */

#endif
