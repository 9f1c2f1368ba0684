/*
 * hx_timer_esa.S — ESA/390 clock comparator and CPU timer driven to
 * external interruptions (SA22-7201 ch. 4 "Timing", ch. 6 "External
 * interruption").
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
 * HX-RUN: ARCH=esa390 MAINSIZE=17 DUMPS=400:100,800:100
 */
#include "hx.h"

#define HX_PSW   PSW_ESA
#define HX_WAIT  WAIT_ESA
#define HX_AMODE 0x80000000
#include "hx_timer.inc"
