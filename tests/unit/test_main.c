/*
 * test_main.c — the CUnit runner.  Every suite is registered here,
 * explicitly; each test file provides one register_*_tests() function.
 */
#include <stdio.h>

#include <CUnit/Basic.h>

#include "tests/unit/testutil.h"

/* The list is TEST_SUITES in testutil.h.  The references are weak, so a
 * missing test file is reported as a failure by name instead of breaking
 * the link for every other suite. */
#define WEAK_SUITE(name) extern void register_##name##_tests(void) __attribute__((weak));
TEST_SUITES(WEAK_SUITE)

#define SUITE_ENTRY(name) { #name, register_##name##_tests },
static const struct {
    const char *name;
    void (*reg)(void);
} suites[] = { TEST_SUITES(SUITE_ENTRY) };

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    unsigned missing = 0;
    for (unsigned i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (suites[i].reg) {
            suites[i].reg();
        } else {
            fprintf(stderr, "unit tests: suite '%s' is missing (tests/unit/test_%s.c)\n",
                    suites[i].name, suites[i].name);
            missing++;
        }
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned run = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    if (run == 0) {
        fprintf(stderr, "unit tests: no test ran\n");
        return 1;
    }
    return failed || missing ? 1 : 0;
}
