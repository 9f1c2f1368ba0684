/*
 * hx_timer_370.S — System/370 (EC mode) clock comparator and CPU timer driven to
 * external interruptions (GA22-7000 ch. 4 "Timing facilities", ch. 6 "External
 * interruption").  The interval timer (location 80) is left out: it runs
 * from the system reset, so whether a crossing to negative is already
 * pending when the program starts depends on the host's timing.
 *
 * Only what does not depend on time is compared: the interruption codes
 * (X'1004' clock comparator, X'1005' CPU timer), their order, and the old
 * PSWs -- each interruption is made to happen at a known point: right
 * after the instruction that enables it (STOSM, LCTL) for a condition
 * already pending, or in an enabled wait.  Clock values stay out of the
 * registers and storage that are compared.
 *   1. clock comparator one second in the past, enabled by STOSM;
 *   2. the same condition masked by CR0 bit 20 until LCTL sets it;
 *   3. CPU timer (256 microseconds), enabled wait;
 *   4. both pending: the clock comparator first (priority), then the CPU
 *      timer at the same instruction address;
 *   5. SCKC/STCKC of a constant, and the sign of the CPU timer after SPT.
 *
 * HX-RUN: ARCH=s370 MAINSIZE=16 DUMPS=400:100,800:100
 */
#include "hx.h"

#define HX_PSW   PSW_EC
#define HX_WAIT  WAIT_EC
#define HX_AMODE 0
#include "hx_timer.inc"
