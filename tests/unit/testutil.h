/*
 * testutil.h — helpers for CUnit tests of the CPU: a small machine, and
 * running instruction bytes placed in its storage.
 *
 * tm_exec() places the instruction(s) at TM_CODE, runs exactly `n`
 * instructions and returns 0, or the program-interruption code if one was
 * taken (the program new PSW is a disabled wait at TM_PGM_TRAP; the old PSW
 * is at X'28' for tests that check it).
 */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <CUnit/CUnit.h>

#include "cpu370/insn.h"

#define TM_CODE     0x1000u     /* where test instructions are placed        */
#define TM_DATA     0x2000u     /* a convenient data area                    */
#define TM_PGM_TRAP 0x0DEA0u    /* program new PSW: disabled wait here       */

Machine *tm_new(Arch arch);                  /* 1M storage, PSW at TM_CODE  */
void     tm_free(Machine *m);
/* Run `n` instructions of `code` (len bytes) placed at TM_CODE. */
int      tm_exec(Machine *m, const uint8_t *code, unsigned len, unsigned n);
/* Run one instruction at the current PSW (code already in storage). */
int      tm_step(Machine *m);
/* Convenience: storage access by absolute address. */
void     tm_put(Machine *m, uint32_t addr, const void *bytes, unsigned len);
uint32_t tm_get32(Machine *m, uint32_t addr);

/* The test suites, in the order they run: each tests/unit/test_NAME.c
 * defines register_NAME_tests().  Add a new suite here. */
#define TEST_SUITES(X) \
    X(opcodes) X(storage) X(loader) X(fixed) X(logical) X(branch) X(fastpath) X(move) \
    X(string) X(decimal) X(hfp) X(control) X(dat) X(interrupt) X(channel) X(dasd) X(sie) \
    X(ds3270) X(dev3270) X(telnet) X(sdlwin) \
    X(fba) X(eckd) X(cckd) X(tape) X(config) X(operator)
#define TEST_DECLARE_SUITE(name) void register_##name##_tests(void);
TEST_SUITES(TEST_DECLARE_SUITE)

#endif
