/*
 * chanprog.h — helpers for device tests: a machine with one device at
 * subchannel 1 (after the console-less machine of testutil.h), format-0
 * CCWs at CP_CCW, START SUBCHANNEL + TEST SUBCHANNEL to run them, and
 * temporary file names.  Used by the FBA, ECKD, CCKD and tape suites.
 */
#ifndef TESTS_CHANPROG_H
#define TESTS_CHANPROG_H

#include "cpu370/channel.h"
#include "tests/unit/testutil.h"

#define CP_ORB    0x3000u
#define CP_SCHIB  0x3100u
#define CP_IRB    0x3200u
#define CP_CCW    0x4000u
#define CP_ARG    0x4800u
#define CP_DATA   0x5000u

/* A machine with device d attached and its subchannel enabled. */
Machine *cp_machine(Device *d);
void     cp_done(Machine *m);
/* CCW number i of the program at CP_CCW (format 0). */
void     cp_ccw(Machine *m, unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data);
/* Run the program; the device status, with the channel status in *cs and
 * the residual count in *resid (either may be NULL). */
uint8_t  cp_run(Machine *m, uint8_t *cs, uint16_t *resid);
/* Run a lone Sense; returns sense byte 0, byte 1 in *sense1. */
uint8_t  cp_sense(Machine *m, uint8_t *sense1);
/* A fresh temporary path /tmp/ipx-TAG-XXXXXX (the file is removed). */
void     cp_temp(char *path, const char *tag);
/* Read `len` bytes at `off` of a file; false if short. */
bool     cp_file_read(const char *path, long off, void *buf, size_t len);

#endif
